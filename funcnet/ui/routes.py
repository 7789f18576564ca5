"""Where the page scripts live, relative to `app.py`.

The folder is deliberately *not* called `pages/`: Streamlit treats a
`pages/` folder beside the entry script as an old-style multipage app until
the entry script has run once, so a fresh server's first visitor arriving
on a deep link (say `/evaluate`) got that page without the app's navigation
and layout. With another name, `st.navigation` in `app.py` is the only router.
"""

from __future__ import annotations

HOME = "app_pages/home.py"
BUILD = "app_pages/build_train.py"
ARCHITECTURE = "app_pages/architecture.py"
EVALUATE = "app_pages/evaluate.py"
ACTIVATIONS = "app_pages/activations.py"
LESSONS = "app_pages/lessons.py"
COMPARE = "app_pages/compare_runs.py"
TEACHER = "app_pages/teacher.py"

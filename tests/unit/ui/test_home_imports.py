"""The home page's import set: what a fresh server imports before its first page shows.

A cold server pays for every module the router and the home page import
before the first visitor sees anything (`benchmarks/coldstart.py` times it).
scikit-learn (with SciPy, about a second here), pandas (half a second) and
TensorFlow are imported only by the pages and workers that use them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Run in a fresh interpreter: this test process has imported everything already.
_PROBE = """
import json, sys
import streamlit
before = set(sys.modules)
import funcnet.ui.shell, funcnet.ui.pages.home
print(json.dumps({"all": sorted(sys.modules), "added": sorted(set(sys.modules) - before)}))
"""

HEAVY = ("sklearn", "scipy", "pandas", "pyarrow", "tensorflow", "keras")
"""Packages the home page must not import (nor Streamlit itself for it)."""


def _imports() -> dict[str, list[str]]:
    out = subprocess.run([sys.executable, "-c", _PROBE], cwd=ROOT, capture_output=True,
                         text=True, check=True, timeout=120)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_home_page_imports_no_scikit_learn_pandas_or_tensorflow() -> None:
    modules = _imports()
    roots = {name.split(".")[0] for name in modules["all"]}
    assert not roots & set(HEAVY), sorted(roots & set(HEAVY))
    # Streamlit imports plotly's figure classes itself (for st.plotly_chart); funcnet's
    # charts and the data sets and evaluation behind them stay out of the home page.
    added = modules["added"]
    assert not [m for m in added if m.split(".")[0] == "plotly"]
    assert not [m for m in added if m.startswith(("funcnet.analysis", "funcnet.data.generators",
                                                  "funcnet.data.datasets", "funcnet.engine.")
                                                 ) and m != "funcnet.engine.worker"]

"""The router `app.py` runs: page setup, the worker pool, and navigation."""

from __future__ import annotations

import streamlit as st

from funcnet.ui import routes
from funcnet.ui.pool import get_pool
from funcnet.ui.texts import t

PAGES = (
    (routes.HOME, "nav.home", ":material/home:"),
    (routes.BUILD, "nav.build", ":material/model_training:"),
    (routes.EVALUATE, "nav.evaluate", ":material/analytics:"),
    (routes.ACTIVATIONS, "nav.activations", ":material/function:"),
)
"""Every page: script path (relative to `app.py`), title text id, icon."""


def main() -> None:
    """Sets up the page, makes sure the worker pool is running, and shows the chosen page."""
    st.set_page_config(page_title=t("app.title"), page_icon=":material/hub:", layout="wide")
    # Created once per server and shared; its workers import Keras and warm up in the
    # background while the first page is drawn.
    get_pool()
    pages = [st.Page(path, title=t(title), icon=icon, default=i == 0)
             for i, (path, title, icon) in enumerate(PAGES)]
    st.navigation(pages, position="top").run()

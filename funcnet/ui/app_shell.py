"""The router `app.py` runs: page setup, the worker pool, share links and navigation."""

from __future__ import annotations

import streamlit as st

from funcnet.ui import links, routes
from funcnet.ui.language import init_language, language_control, mirror_language
from funcnet.ui.pool import get_pool
from funcnet.ui.texts import t

PAGES = (
    (routes.HOME, "nav.home", ":material/home:"),
    (routes.BUILD, "nav.build", ":material/model_training:"),
    (routes.ARCHITECTURE, "nav.architecture", ":material/account_tree:"),
    (routes.EVALUATE, "nav.evaluate", ":material/analytics:"),
    (routes.ACTIVATIONS, "nav.activations", ":material/function:"),
)
"""Every page: script path (relative to `app.py`), title text id, icon."""


def main() -> None:
    """Sets up the page, restores a shared setup, shows the chosen page, mirrors the URL."""
    # First: every text below is drawn in the session's language.
    init_language()
    st.set_page_config(page_title=t("app.title"), page_icon=":material/hub:", layout="wide")
    # Created once per server and shared; its workers import Keras and warm up in the
    # background while the first page is drawn.
    get_pool()
    # Before any page reads the setup: a share link decides the session's first one.
    links.restore_from_link()
    pages = [st.Page(path, title=t(title), icon=icon, default=i == 0)
             for i, (path, title, icon) in enumerate(PAGES)]
    page = st.navigation(pages, position="top")
    _, lang_col, share_col = st.columns([6, 1, 1], vertical_alignment="center")
    with lang_col:
        language_control()
    share_slot = share_col.container()  # filled after the page, which may change the setup
    # Also filled after the page: an edit that replaces the fallback setup hides the
    # warning in the same run, not one interaction later.
    warning_slot = st.container()
    page.run()
    # A page that reruns itself skips these; its rerun does them.
    with warning_slot:
        links.show_link_warning()
    links.mirror_setup()
    mirror_language()
    with share_slot:
        links.share_control()

"""The router `app.py` runs: page setup, the worker pool, share and class links, navigation."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from funcnet.ui import classroom, identity, links, routes
from funcnet.ui.language import init_language, language_control, mirror_language
from funcnet.ui.lessons import train_request
from funcnet.ui.pool import get_pool, show_cluster_notice
from funcnet.ui.texts import t

PAGES = (
    (routes.HOME, "nav.home", ":material/home:"),
    (routes.LESSONS, "nav.lessons", ":material/school:"),
    (routes.BUILD, "nav.build", ":material/model_training:"),
    (routes.ARCHITECTURE, "nav.architecture", ":material/account_tree:"),
    (routes.EVALUATE, "nav.evaluate", ":material/analytics:"),
    (routes.COMPARE, "nav.compare", ":material/compare_arrows:"),
    (routes.ACTIVATIONS, "nav.activations", ":material/function:"),
    (routes.TEACHER, "nav.teacher", ":material/co_present:"),
)
"""Every page: script path (relative to `app.py`), title text id, icon."""


FAVICON = Path(__file__).parent / "assets" / "favicon.png"
"""The tab's icon, served by this server: a Material or emoji icon would make every
page fetch its image from a font server on the internet (an offline classroom fails)."""

_COMPACT_TOP = """<style>
/* Streamlit leaves room for a header the top navigation already fills: on a projector
   the page's own heading should not start a third of the way down. */
[data-testid="stMainBlockContainer"] { padding-top: 3.5rem; }
</style>"""


def main() -> None:
    """Sets up the page, restores a shared setup, shows the chosen page, mirrors the URL."""
    # First: every text below is drawn in the session's language.
    init_language()
    st.set_page_config(page_title=t("app.title"), page_icon=str(FAVICON), layout="wide")
    st.html(_COMPACT_TOP)
    # Before any page reads the setup: a share link decides the session's first one.
    links.restore_from_link()
    # A teacher's class link hides pages and controls; it never changes the setup itself.
    classroom.read_link()
    pages = navigation_pages()
    page = st.navigation([p for p, _ in pages], position="top")
    route = next(path for p, path in pages if p is page)
    _, lang_col, share_col = st.columns([6, 1, 1], vertical_alignment="center")
    with lang_col:
        language_control()
    share_slot = share_col.container()  # filled after the page, which may change the setup
    # Also filled after the page: an edit that replaces the fallback setup hides the
    # warning in the same run, not one interaction later.
    warning_slot = st.container()
    # The challenge banner shows the best attempt, which the page's results may update.
    class_slot = st.container()
    with warning_slot:
        # Before the page: a run it records must land on this browser's board.
        identity.ensure_cookie()
    if classroom.shows_page(route):
        page.run()
    else:
        classroom.page_hidden()
    # A lesson-1 Train click this run did not act on (another page, lesson 2) is dropped;
    # a run cut short by a rerun never gets here, so the click still counts in the next.
    train_request.forget()
    # A page that reruns itself skips these; its rerun does them.
    with warning_slot:
        links.show_link_warning()
        classroom.show_warning()
        # Created once per server and shared, after the page is drawn: its workers'
        # Keras import (seconds of both cores) then no longer competes with a fresh
        # server's first page; they warm up while the visitor reads it.
        get_pool()
        show_cluster_notice()  # a Dask cluster that is down or runs other versions
    with class_slot:
        classroom.banner()
    links.mirror_setup()
    mirror_language()
    classroom.mirror_link()
    if classroom.shows("share_link"):
        with share_slot:
            links.share_control()


def navigation_pages() -> list[tuple[st.Page, str]]:
    """Returns every page for `st.navigation`, with its route.

    Pages a class link hides stay registered, so links to them keep
    working, but leave the menu (`visibility="hidden"`); opened by their
    address they show `classroom.page_hidden` instead.

    Returns:
        `(page, route)` per entry of `PAGES`, in order.
    """
    return [
        (st.Page(path, title=t(title), icon=icon, default=i == 0,
                 visibility="visible" if classroom.shows_page(path) else "hidden"), path)
        for i, (path, title, icon) in enumerate(PAGES)
    ]

"""A Portuguese session in a real browser: train, evaluate, open Architecture — and no
English word of the catalogue on screen (page text, plotly's SVG text, the graph)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from e2e_ui import go_to, heading, settle
from playwright.sync_api import Locator, Page, expect

from funcnet import i18n
from funcnet.ui.texts import catalogue

pytestmark = pytest.mark.e2e

PT = catalogue("pt")
ENGLISH = i18n.source_only_texts("pt", min_length=4)
"""Catalogue msgids that a Portuguese screen must not show."""

# The app's own text: page and sidebar, plotly's SVG text and the graph. Streamlit's
# chrome (its "Running… Stop" status and the toolbar) is Streamlit's, in its language.
_SCREEN_JS = """() => {
  const texts = [];
  for (const part of document.querySelectorAll(
      '[data-testid="stMain"], [data-testid="stSidebar"]')) {
    texts.push(...part.innerText.split('\\n'));
  }
  for (const el of document.querySelectorAll('svg text')) texts.push(el.textContent);
  return texts.map((t) => t.trim()).filter((t) => t);
}"""


def _english_on_screen(page: Page) -> list[str]:
    shown = page.evaluate(_SCREEN_JS)
    return sorted({line for line in shown if line in ENGLISH}
                  | {english for english in ENGLISH if len(english) >= 30
                     for line in shown if english in line})


def _shot(page: Page, name: str) -> None:
    folder = os.environ.get("FUNCNET_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _open_page(page: Page, link: str, title: str, drawn: Locator) -> None:
    """Follows a navigation link and waits for its heading and its first `drawn` element."""
    go_to(page, link, title)
    expect(drawn.first).to_be_visible(timeout=60_000)


def _assert_all_portuguese(page: Page, shot: str) -> None:
    """Once the page has settled, keeps a screenshot and finds no English on screen."""
    settle(page)
    _shot(page, shot)
    assert _english_on_screen(page) == []


def test_a_portuguese_session_trains_evaluates_and_opens_architecture_in_portuguese(
        server_url, page):
    page.goto(f"{server_url}/?lang=pt")
    expect(heading(page, "funcnet")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name=PT["home.start"]).click()
    expect(heading(page, PT["build.title"])).to_be_visible(timeout=60_000)
    box = page.get_by_label(PT["build.epochs"], exact=True)
    box.fill("3")
    box.press("Enter")
    expect(box).to_have_value("3")
    page.get_by_role("button", name=PT["build.train"], exact=True).click()
    results = PT["live.results_header"].split("{")[0].strip()
    expect(page.get_by_text(re.compile("^" + re.escape(results)))).to_be_visible(
        timeout=180_000)
    _assert_all_portuguese(page, "pt-build")

    _open_page(page, PT["nav.evaluate"], PT["eval.title"], page.locator(".js-plotly-plot"))
    _assert_all_portuguese(page, "pt-evaluate")

    _open_page(page, PT["nav.architecture"], PT["arch.title"], page.locator("svg text"))
    _assert_all_portuguese(page, "pt-architecture")

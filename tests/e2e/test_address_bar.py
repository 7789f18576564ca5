"""The address bar always holds a link to what is on screen, right after any change."""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_ui import open_notebook_network
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

CSV = ("a,b,label\n" + "".join(f"{i % 7},{(i * 3) % 5},{i % 2}\n" for i in range(60))).encode()


def _setup_query(url: str) -> dict[str, list[str]]:
    query = parse_qs(urlparse(url).query)
    return {key: query[key] for key in ("v", "s", "c") if key in query}


def _share_link(page: Page) -> str:
    page.get_by_role("button", name=re.compile("Share")).click()
    code = page.get_by_test_id("stCode").filter(has_text=re.compile(r"[?&]v=1&"))
    expect(code).to_be_visible(timeout=30_000)
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return link


def test_after_a_page_switch_and_an_upload_the_address_bar_holds_the_setup(server_url, page):
    # Home's button switches page: the address bar must hold the setup at once (it used
    # to come up bare, and then lag one change behind: after an upload it named the old one).
    open_notebook_network(page, server_url)
    deadline = time.monotonic() + 10
    while not _setup_query(page.url):
        assert time.monotonic() < deadline, f"no setup in the address bar: {page.url}"
        page.wait_for_timeout(200)  # lets Playwright take in the browser's events
    before = _setup_query(page.url)
    assert parse_qs(urlparse(page.url).query).get("lang") == ["en"]  # kept across the switch
    page.get_by_text("Upload your own CSV", exact=True).click()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "mine.csv", "mimeType": "text/csv", "buffer": CSV}])
    expect(page.get_by_text("mine.csv: 60 rows, 3 columns.", exact=True)).to_be_visible(
        timeout=30_000)
    # No further click: the address bar already names the uploaded data set's setup.
    deadline = time.monotonic() + 10
    while _setup_query(page.url) == before:
        assert time.monotonic() < deadline, f"the address bar still shows {page.url}"
        page.wait_for_timeout(200)  # lets Playwright take in the browser's events
    after = _setup_query(page.url)
    assert after == _setup_query(_share_link(page))


def test_a_link_far_past_the_setup_limit_is_named_in_the_page(server_url, page):
    # 60,000 characters: within what the web server accepts, far past any link funcnet makes.
    page.goto(f"{server_url}/build_train?v=1&s={'A' * 60_000}&c=01234567")
    expect(page.get_by_text(re.compile(
        r"could not be used.*This link's setup is 60,000 characters long; the limit is "
        r"16,000"))).to_be_visible(timeout=60_000)
    # The warning comes first; the rest of the page may take seconds on a busy machine.
    expect(page.get_by_role("button", name="Train", exact=True)).to_be_visible(timeout=30_000)
    deadline = time.monotonic() + 30
    while len(page.url) > 10_000:  # the address bar then holds the default setup's link
        assert time.monotonic() < deadline, "the oversized link stays in the address bar"
        page.wait_for_timeout(200)  # lets Playwright take in the browser's events

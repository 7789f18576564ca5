"""The dashboard in a real browser: deep links, live training, Stop, Evaluate."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e


def heading(page, text):
    return page.get_by_role("heading", name=text, exact=True)


def test_deep_link_gets_the_app_navigation(server_url, page):
    # With a `pages/` folder Streamlit served a fresh server's first deep link
    # as an old-style multipage app (sidebar listing "app", no layout).
    page.goto(f"{server_url}/evaluate")
    expect(heading(page, "Evaluate")).to_be_visible(timeout=60_000)
    top = page.get_by_test_id("stTopNav")
    expect(top.get_by_role("link", name="Build & Train")).to_be_visible()
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_live_training_stop_and_evaluate(server_url, page):
    page.goto(server_url)
    page.get_by_role("button", name="Open the notebook's network").click()
    expect(heading(page, "Build & Train")).to_be_visible(timeout=60_000)
    expect(page.get_by_text("5,569", exact=True)).to_be_visible()
    epochs = page.get_by_label("Epochs", exact=True)
    epochs.fill("300")
    epochs.press("Enter")
    expect(page.get_by_text("300 epochs on", exact=False)).to_be_visible()
    page.get_by_role("button", name="Train", exact=True).click()
    # The progress line counts epochs while the page stays live.
    expect(page.get_by_text(re.compile(r"Epoch \d+ of 300"))).to_be_visible(timeout=90_000)
    main = page.get_by_test_id("stMainBlockContainer")
    main.get_by_role("button", name="Stop", exact=True).click()
    expect(page.get_by_text(re.compile(r"Stopped at epoch \d+ of 300"))).to_be_visible(
        timeout=30_000)
    expect(page.get_by_text("Test loss")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name=re.compile("Evaluate this model")).click()
    expect(heading(page, "Evaluate")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Classification report")).to_be_visible()

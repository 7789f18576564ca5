"""Closing a tab mid-training cancels its job, so the worker is free again within seconds."""

from __future__ import annotations

import re
import time

import pytest
from e2e_ui import open_notebook_network, set_epochs, train, wait_done
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

LONG_ROWS = 60_000
"""Notebook network on 50,000 training rows: about 0.3 s an epoch here, so 500
epochs would hold a worker for minutes."""


def _start_long_training(page: Page, server_url: str) -> None:
    open_notebook_network(page, server_url)
    set_epochs(page, 500)
    expect(page.get_by_text("500 epochs on", exact=False)).to_be_visible()
    samples = page.get_by_label("Samples", exact=True)
    expect(samples).to_have_count(1, timeout=30_000)
    samples.fill(str(LONG_ROWS))
    samples.press("Enter")
    expect(samples).to_have_value(str(LONG_ROWS))
    # The new data set is generated and previewed before Train uses it.
    expect(page.get_by_label("Epochs", exact=True)).to_have_count(1, timeout=30_000)
    train(page)
    expect(page.get_by_text(re.compile(r"Epoch \d+ of 500"))).to_be_visible(timeout=120_000)


def test_closed_tabs_free_their_workers(server_url, browser, new_page):
    # Both workers busy with long trainings, in two sessions whose tabs then close.
    contexts = []
    for _ in range(2):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        _start_long_training(context.new_page(), server_url)
        contexts.append(context)
    for context in contexts:
        context.close()
    closed = time.monotonic()

    # A third user trains a short run: it can only start once a worker is free.
    page = new_page()
    open_notebook_network(page, server_url)
    set_epochs(page, 3)
    train(page)
    wait_done(page, 3, "Random labels (the notebook's)", timeout=60_000)
    waited = time.monotonic() - closed
    # Without cancellation the worker would stay busy for minutes; with it, the
    # 5-second grace period, one batch and a 3-epoch training.
    assert waited < 45, f"the short training finished {waited:.0f} s after the tabs closed"

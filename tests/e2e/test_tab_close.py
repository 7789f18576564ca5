"""Closing a tab mid-training cancels its job, so the worker is free again within seconds."""

from __future__ import annotations

import re
import time

import pytest
from e2e_ui import open_notebook_network, set_epochs, set_samples, train, wait_done
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

LONG_ROWS = 60_000
"""Notebook network on 50,000 training rows: about 0.3 s an epoch here, so 500
epochs would hold a worker for minutes."""


def _long_training_page(page: Page, server_url: str) -> Page:
    open_notebook_network(page, server_url)
    set_epochs(page, 500)
    expect(page.get_by_text("500 epochs on", exact=False)).to_be_visible()
    set_samples(page, LONG_ROWS)
    return page


def test_closed_tabs_free_their_workers(server_url, browser, new_page):
    # Every page is drawn first, while the server's cores are free: two sessions that
    # will train for minutes, and a third user, so the clock below measures only what
    # cancellation decides, not how long a page takes to draw on a busy box.
    contexts = [browser.new_context(viewport={"width": 1280, "height": 900})
                for _ in range(2)]
    long_pages = []
    for context in contexts:
        context.set_default_timeout(30_000)
        long_pages.append(_long_training_page(context.new_page(), server_url))
    page = new_page()
    open_notebook_network(page, server_url)
    set_epochs(page, 3)
    # Both workers busy with long trainings, in two sessions whose tabs then close.
    for long_page in long_pages:
        train(long_page)
    for long_page in long_pages:
        expect(long_page.get_by_text(re.compile(r"Epoch \d+ of 500"))).to_be_visible(
            timeout=120_000)
    for context in contexts:
        context.close()
    closed = time.monotonic()

    # The short run can only start once a worker is free.
    train(page)
    wait_done(page, 3, "Random labels (the notebook's)", timeout=60_000)
    waited = time.monotonic() - closed
    # Without cancellation the workers would stay busy for minutes; with it, the
    # 5-second grace period, one batch and a 3-epoch training.
    assert waited < 45, f"the short training finished {waited:.0f} s after the tabs closed"

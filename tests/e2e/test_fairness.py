"""Fairness in real browsers: two students, one server with one training worker.

Anna (one browser, three tabs) trains a long run and queues a second; her
third click is refused with the page's message. Bruno, a classmate in
another browser, clicks Train: he is told he waits, and Anna's long run,
past the server's (short) time share, makes way for him. Her page says why
and keeps what she trained; Bruno's run finishes.
"""

from __future__ import annotations

import re
import time

import pytest
from e2e_ui import open_notebook_network, set_epochs, set_samples, train, wait_done
from playwright.sync_api import BrowserContext, Page, expect
from waiting import wait_until

pytestmark = pytest.mark.e2e

LONG_ROWS = 60_000
"""Notebook network on 50,000 training rows: 500 epochs would hold the worker for minutes."""
YIELD_MINUTES = "0.25"
"""The server's time share for this test: 15 s (Bruno's short run must fit in it: once
Anna's first run made way, her queued one waits with nothing of hers running)."""
YIELD_SECONDS = float(YIELD_MINUTES) * 60.0
SHARE_CHECK_SECONDS = 5.0
"""Time beyond the share for the pool's loop to have looked at the queue again."""
QUEUED = "Waiting for a free training worker…"
REFUSED = "You already have a training running and one waiting"
MADE_WAY = "while a classmate waited for a free worker, so it made way for them"
DATA = "Random labels (the notebook's)"


def _long_training_page(page: Page, url: str) -> None:
    open_notebook_network(page, url)
    set_epochs(page, 500)
    set_samples(page, LONG_ROWS)


def _wait_for_cookie(context: BrowserContext, timeout: float = 30.0) -> None:
    """Waits until the first tab has stored the browser id its other tabs will share."""
    wait_until(lambda: any(c["name"] == "funcnet_browser" for c in context.cookies()),
               timeout, what="the browser id cookie", every=0.2)


def test_a_classmate_is_told_he_waits_and_a_long_run_makes_way(start_server, new_page,
                                                               tmp_path):
    server = start_server({"FUNCNET_WORKERS": "1", "FUNCNET_YIELD_MINUTES": YIELD_MINUTES,
                           "FUNCNET_DB": str(tmp_path / "runs.sqlite3")})
    # Every page is opened before the first training, while the server's cores are free.
    anna = new_page()
    _long_training_page(anna, server.url)
    _wait_for_cookie(anna.context)
    anna_again = anna.context.new_page()  # her second and third tabs share her browser id
    _long_training_page(anna_again, server.url)
    third = anna.context.new_page()
    open_notebook_network(third, server.url)
    bruno = new_page()  # a classmate, in a browser of his own
    open_notebook_network(bruno, server.url)
    set_epochs(bruno, 3)

    train(anna)
    expect(anna.get_by_text(re.compile(r"Epoch \d+ of 500"))).to_be_visible(timeout=120_000)
    anna_running_since = time.monotonic()  # her run started before this

    # Her second tab queues a second run: the only worker is hers, so it waits, and says so.
    train(anna_again)
    expect(anna_again.get_by_text(QUEUED, exact=True)).to_be_visible(timeout=30_000)

    # A third tab of the same browser is refused at once, with the page's message.
    train(third)
    expect(third.get_by_text(re.compile(re.escape(REFUSED)))).to_be_visible(timeout=30_000)
    expect(third.get_by_text(QUEUED, exact=True)).to_have_count(0)

    # Past the time share, her own waiting run still has not made her first one yield.
    time.sleep(max(0.0, anna_running_since + YIELD_SECONDS + SHARE_CHECK_SECONDS
                   - time.monotonic()))
    expect(anna.get_by_text(re.compile(r"Epoch \d+ of 500"))).to_be_visible()
    expect(anna.get_by_text(re.compile(re.escape(MADE_WAY)))).to_have_count(0)
    expect(anna_again.get_by_text(QUEUED, exact=True)).to_be_visible()  # it never started

    # Bruno is answered: his run waits, then gets the worker.
    train(bruno)
    expect(bruno.get_by_text(re.compile(REFUSED))).to_have_count(0)
    wait_done(bruno, 3, DATA, timeout=120_000)

    # Anna's first run made way: her page says why and keeps her curves and results.
    expect(anna.get_by_text(re.compile(
        r"^Stopped at epoch \d+ of 500\..*" + re.escape(MADE_WAY)))).to_be_visible(
        timeout=30_000)
    expect(anna.get_by_text(f"Test results · {DATA}", exact=True)).to_be_visible(
        timeout=30_000)
    # Her queued run, which waited behind Bruno's, gets the worker next.
    expect(anna_again.get_by_text(re.compile(r"^(Starting: 0 of 500 epochs|Epoch \d+ of 500)"))
           ).to_be_visible(timeout=60_000)

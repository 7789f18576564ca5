"""A student repeats a tiny setup over 3 seeds on Compare runs and sees its mean ± std bands."""

from __future__ import annotations

import pytest
from e2e_ui import figures, heading, open_notebook_network, set_epochs
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

EPOCHS = 2
BANDS = "Loss over seeds: mean ± std"


def _bands_drawn(page: Page) -> list[dict]:
    """The bands figure's traces once the three seeds are drawn (empty until then)."""
    shown = figures(page, BANDS)
    return shown[0]["traces"] if len(shown) == 1 else []


def test_a_three_seed_repeat_shows_bands_on_compare(server_url: str, page: Page):
    open_notebook_network(page, server_url)
    set_epochs(page, EPOCHS)
    # The rerun that takes the epochs into the setup has ended once the Train caption says so;
    # leaving the page before could interrupt it.
    expect(page.get_by_text(f"{EPOCHS} epochs on ", exact=False)).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Compare runs").click()  # same session: the setup is kept
    expect(heading(page, "Compare runs")).to_be_visible(timeout=30_000)
    expect(page.get_by_text(f"{EPOCHS} epochs · training seeds 42 to 44.",
                            exact=False)).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Repeat the current setup").click()
    expect(page.get_by_text("Repeat: seed", exact=False)).to_be_visible(timeout=60_000)
    for _ in range(180):  # three short trainings, one after another, on a shared machine
        if _bands_drawn(page):
            break
        page.wait_for_timeout(1000)
    traces = _bands_drawn(page)
    # A band (no name) and a mean line per series, then the two line-style entries.
    names = [tr["name"] for tr in traces]
    assert names.count("Runs 1–3") == 2, names
    assert {"Training: mean ± std", "Validation: mean ± std"} <= set(names)
    means = [tr["y"] for tr in traces if tr["name"] == "Runs 1–3"]
    assert all(len(y) == EPOCHS for y in means)
    bands = [tr["y"] for tr in traces if not tr["name"]]
    assert len(bands) == 2 and all(len(y) == 2 * EPOCHS for y in bands)
    assert any(b[0] > b[-1] for b in bands)  # upper edge above lower: three seeds spread
    expect(page.get_by_text("Test metrics over seeds: mean ± std")).to_be_visible()
    expect(page.get_by_text("All runs (3)", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Stop repeat")).to_have_count(0)

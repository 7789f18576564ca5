"""Inside the network in a real browser: following another test row redraws its figure."""

from __future__ import annotations

import numpy as np
import pytest
from e2e_ui import go_to, single_figure, train_briefly
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

MOONS = "Two moons"


def test_following_another_test_row_redraws_it_through_every_layer(page, server_url):
    train_briefly(page, server_url, MOONS)
    go_to(page, "Evaluate", "Inside the network")

    planes = single_figure(page, "Each unit's output over the plane", timeout=30.0)
    assert len(planes["traces"]) > 16  # thumbnails (and their example marks) for every layer
    first = np.array(single_figure(page, "Test row 0 through every layer",
                                   timeout=30.0)["traces"][0]["z"], dtype=float)

    box = page.get_by_label("Test row", exact=True)
    box.fill("5")
    box.press("Enter")
    moved = single_figure(page, "Test row 5 through every layer", timeout=30.0)
    values = np.array(moved["traces"][0]["z"], dtype=float)
    assert values.shape == first.shape
    assert not np.allclose(np.nan_to_num(values), np.nan_to_num(first))
    expect(page.get_by_text("Test row 5: true class", exact=False)).to_be_visible(
        timeout=30_000)

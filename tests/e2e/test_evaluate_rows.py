"""Evaluate in a real browser: the new curves, and a confusion cell's rows drawn as images."""

from __future__ import annotations

import re
import time

import numpy as np
import pytest
from e2e_ui import go_to, single_figure, train_briefly
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

DIGITS = "Digits"


def test_picking_a_confusion_cell_lists_its_rows_and_draws_them_as_digits(page, server_url):
    train_briefly(page, server_url, DIGITS)
    go_to(page, "Evaluate", "Evaluate")

    assert len(single_figure(page, "Precision–recall (one vs rest)")["traces"]) == 10
    assert len(single_figure(page, "Calibration (one vs rest)")["traces"]) == 11
    counts = np.array(single_figure(page, "Confusion matrix")["traces"][0]["z"], dtype=int)
    off = [(t, p) for t in range(10) for p in range(10) if t != p and counts[t, p]]
    assert off, "two epochs should leave a misclassified digit"
    true, predicted = max(off, key=lambda cell: counts[cell])
    n = int(counts[true, predicted])

    label = f"{true} → {predicted} ({n})"
    box = page.get_by_role("combobox", name="Show the rows of")
    box.click()
    box.fill(label)  # the box filters its 101 choices as one types
    page.get_by_role("option", name=label, exact=True).click()
    _expect_rows_of(page, true, predicted, n)
    expect(page.get_by_text(re.compile(r"^every misclassified row"))).to_have_count(0)

    # A click on a cell of the matrix picks it too: the ones, read correctly.
    ones = int(counts[1, 1])
    assert ones, "two epochs should read some ones correctly"
    point = page.evaluate(_CELL_JS, {"title": "Confusion matrix", "row": 1, "column": 1})
    page.mouse.click(point["x"], point["y"])
    expect(box).to_have_value(f"1 → 1 ({ones})", timeout=30_000)
    _expect_rows_of(page, 1, 1, ones)


_CELL_JS = """({title, row, column}) => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(
      p => p.layout && p.layout.title && p.layout.title.text === title);
  plot.scrollIntoView({block: 'center'});
  const x = plot._fullLayout.xaxis, y = plot._fullLayout.yaxis;
  const box = plot.getBoundingClientRect();
  return {x: box.left + x._offset + x.l2p(column), y: box.top + y._offset + y.l2p(row)};
}"""
"""Where on screen the cell (row, column) of a heatmap with category axes is drawn."""


def _expect_rows_of(page: Page, true: int, predicted: int, n: int) -> None:
    """Waits for the caption and images of the `n` rows of cell `true → predicted`."""
    caption = f"{n} test row, in test-set order." if n == 1 else \
        f"{n} test rows, in test-set order."
    expect(page.get_by_text(caption, exact=True)).to_be_visible(timeout=30_000)
    # The caption may be drawn before the figure of the same run replaces the last one.
    deadline = time.monotonic() + 30
    while True:
        images = single_figure(page, "Rows as images (true → predicted)", timeout=30.0)
        if all(trace["name"] == f"{true} → {predicted}" for trace in images["traces"]):
            break
        assert time.monotonic() < deadline, [trace["name"] for trace in images["traces"]]
        page.wait_for_timeout(300)
    assert len(images["traces"]) == min(n, 12)
    assert all(np.array(trace["z"]).shape == (8, 8) for trace in images["traces"])

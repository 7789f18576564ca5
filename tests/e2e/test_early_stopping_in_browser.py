"""Early stopping and the overfitting reading in a real browser: patience, Train, Evaluate."""

from __future__ import annotations

import re

import numpy as np
import pytest
from e2e_ui import heading, open_notebook_network, set_epochs, single_figure, train
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

GAP_TITLE = "Validation minus training loss"
MARKS_JS = """(title) => Array.from(document.querySelectorAll('.js-plotly-plot'))
  .filter((el) => el.layout && el.layout.title && el.layout.title.text === title)
  .map((el) => (el.layout.shapes || []).filter((s) => s.x0 === s.x1).map((s) => s.x0))"""


def _fill(page, label: str, value: object) -> None:
    box = page.get_by_label(label, exact=True)
    expect(box).to_have_count(1, timeout=30_000)
    box.fill(str(value))
    box.press("Enter")
    expect(box).to_have_value(str(value))


def test_patience_stops_the_run_and_evaluate_marks_the_best_epoch(page, server_url):
    open_notebook_network(page, server_url)
    _fill(page, "Samples", 300)  # coin-flip labels: validation loss turns up within epochs
    _fill(page, "Learning rate", 0.01)
    _fill(page, "Early stopping patience", 2)
    set_epochs(page, 60)
    train(page)
    stopped = page.get_by_text(re.compile(r"^Stopped early at epoch (\d+) of 60: the validation "
                                          r"loss had not improved for 2 epochs, so the weights "
                                          r"of epoch (\d+), where it was lowest, were restored\.$"))
    expect(stopped).to_be_visible(timeout=180_000)
    epoch, best = map(int, re.search(r"epoch (\d+) of 60.*epoch (\d+),",
                                     stopped.inner_text()).groups())
    assert best < epoch < 60
    expect(page.get_by_text(re.compile(rf"^Validation loss was best at epoch {best}; after"))
           ).to_be_visible(timeout=30_000)

    page.get_by_role("link", name="Evaluate").first.click()
    expect(heading(page, "Overfitting and size")).to_be_visible(timeout=60_000)
    gap = single_figure(page, GAP_TITLE, timeout=30.0)
    assert len(gap["traces"]) == 1 and len(gap["traces"][0]["y"]) == epoch
    assert np.all(np.isfinite(np.asarray(gap["traces"][0]["y"], dtype=float)))
    assert page.evaluate(MARKS_JS, GAP_TITLE) == [[best]]
    expect(page.get_by_text(re.compile(r"^5,569 parameters for the \d+ training rows it was "
                                       r"fitted on: about \d+ per row\.$"))).to_be_visible()

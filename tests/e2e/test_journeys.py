"""User journeys in a real browser, each checked by what the user sees.

A new visitor trains the notebook's network and watches it learn; Stop ends
a long training quickly; Evaluate's threshold moves the confusion matrix;
the activation comparison ranks its runs; a residual network built on the
Architecture page travels through its share link; the code export
downloads a Python file that compiles.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from e2e_ui import (
    figures,
    heading,
    load_preset,
    loss_curve,
    metric_value,
    open_notebook_network,
    set_epochs,
    single_figure,
    trace,
    train,
    unit_metric,
    wait_done,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

NOTEBOOK_DATA = "Random labels (the notebook's)"
CLASSIFICATION_DATA = "Synthetic classification"
NOTEBOOK_TEST_ROWS = 200


def test_new_user_watches_the_curve_grow_and_reads_accuracy_and_auc(server_url, page):
    open_notebook_network(page, server_url)
    expect(page.get_by_text("5,569", exact=True)).to_be_visible()
    set_epochs(page, 60)
    expect(page.get_by_text(f"60 epochs on {NOTEBOOK_DATA}.", exact=True)).to_be_visible()
    train(page)
    done = page.get_by_text(re.compile(r"^Done: 60 epochs in "))
    seen: list[int] = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        for figure in figures(page, "Loss per epoch"):
            names = [tr["name"] for tr in figure["traces"]]
            if "Training" in names:
                length = len(trace(figure, "Training")["y"])
                if length not in seen:
                    seen.append(length)
        if done.count() and 60 in seen:
            break
        time.sleep(0.1)
    assert seen and max(seen) == 60, f"lengths seen: {seen}"
    partial = sorted(n for n in seen if 0 < n < 60)
    # The curve grew while the user watched: several partial lengths, not one jump.
    assert len(partial) >= 3, f"the curve did not grow epoch by epoch: {seen}"
    wait_done(page, 60, NOTEBOOK_DATA)
    assert len(loss_curve(page)) == 60
    expect(page.get_by_text(f"On {NOTEBOOK_TEST_ROWS} test rows the network never saw:")
           ).to_be_visible()
    unit_metric(page, "Accuracy")
    unit_metric(page, "AUC")
    assert float(metric_value(page, "Test loss")) > 0


def test_train_pressed_at_once_keeps_every_setting_of_the_setup(server_url, new_page):
    # Train clicked while the page is still drawing: the browser must still get every
    # widget's value (it once started the data set's boxes at their minimum instead;
    # a 1400-pixel window showed it every time).
    page = new_page(1400, 900)
    open_notebook_network(page, server_url)
    train(page)
    wait_done(page, 10, NOTEBOOK_DATA)
    for label, value in (("Samples", "1200"), ("Features", "20"), ("Data seed", "42"),
                         ("Epochs", "10"), ("Units of layer 1", "64")):
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    expect(page.get_by_text("5,569", exact=True)).to_be_visible()
    expect(page.get_by_text(re.compile("you have changed the setup since"))).to_have_count(0)


def test_stop_ends_a_long_training_quickly_and_keeps_the_partial_curves(server_url, page):
    open_notebook_network(page, server_url)
    set_epochs(page, 200)
    expect(page.get_by_text(f"200 epochs on {NOTEBOOK_DATA}.", exact=True)).to_be_visible()
    train(page)
    expect(page.get_by_text(re.compile(r"^Epoch \d+ of 200 "))).to_be_visible(timeout=90_000)
    # Let a few epochs draw, so there is a partial curve to keep.
    deadline = time.monotonic() + 60
    while len(loss_curve(page)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)
    stop = page.get_by_test_id("stMainBlockContainer").get_by_role("button", name="Stop",
                                                                   exact=True)
    clicked_at = time.monotonic()
    stop.click()
    stopped = page.get_by_text(re.compile(r"^Stopped at epoch \d+ of 200$"))
    expect(stopped).to_be_visible(timeout=30_000)
    latency = time.monotonic() - clicked_at
    # The engine stops within a batch; the bound leaves room for the page's polling
    # and a busy CI machine. It is a behaviour check, not a benchmark.
    assert latency <= 5.0, f"Stop took {latency:.1f} s to show"
    epoch = int(re.search(r"epoch (\d+) of", stopped.inner_text()).group(1))
    assert 1 <= epoch < 200
    expect(page.get_by_text("Test loss")).to_be_visible(timeout=30_000)
    assert len(loss_curve(page)) == epoch
    print(f"Stop → 'Stopped at epoch {epoch} of 200' in {latency:.2f} s")


def _confusion(page, threshold: str) -> list[list[int]]:
    title = f"Confusion matrix at threshold {threshold}"
    expect(page.get_by_text(title, exact=True)).to_have_count(1, timeout=30_000)
    figure = single_figure(page, title)
    return [[int(v) for v in row] for row in trace(figure, "Confusion matrix")["z"]]


def test_evaluate_threshold_slider_changes_the_confusion_matrix(server_url, page):
    open_notebook_network(page, server_url)
    train(page)
    wait_done(page, 10, NOTEBOOK_DATA)
    page.get_by_role("link", name=re.compile("Evaluate this model")).click()
    expect(heading(page, "Evaluate")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("Classification report")).to_be_visible()
    unit_metric(page, "Accuracy")
    auc = unit_metric(page, "AUC")
    roc = single_figure(page, "ROC curve")
    names = [tr["name"] for tr in roc["traces"]]
    assert f"1 (AUC = {auc:.3f})" in names, names
    assert "Current threshold" in names

    middle = _confusion(page, "0.50")
    assert sum(map(sum, middle)) == NOTEBOOK_TEST_ROWS
    # The threshold's slider (the epoch replay above has one too).
    slider = page.locator('[data-testid="stSlider"]').filter(
        has_text="Decision threshold").get_by_role("slider")
    expect(slider).to_have_count(1)
    slider.focus()
    slider.press("End")
    high = _confusion(page, "1.00")
    slider.press("Home")
    low = _confusion(page, "0.00")
    for matrix in (high, low):
        assert sum(map(sum, matrix)) == NOTEBOOK_TEST_ROWS
    # Rows are true classes, columns predictions: at 1.00 nothing is predicted
    # positive, at 0.00 everything is.
    assert [row[1] for row in high] == [0, 0], high
    assert [row[0] for row in low] == [0, 0], low
    assert high != low
    # A few steps right of 0.00 the matrix follows the slider, not a page reload.
    for _ in range(30):
        slider.press("ArrowRight")
    stepped = _confusion(page, "0.30")
    assert sum(map(sum, stepped)) == NOTEBOOK_TEST_ROWS


COMPARED = ("ReLU", "tanh", "sigmoid", "Leaky ReLU", "ELU")


def test_activation_comparison_ranks_every_chosen_activation(server_url, page):
    page.goto(f"{server_url}/activations")
    expect(heading(page, "Activation functions")).to_be_visible(timeout=60_000)
    expect(page.get_by_text(re.compile(r"^Your network: 2 hidden dense layer"))).to_be_visible()
    compare = page.get_by_role("button", name="Compare", exact=True)
    compare.scroll_into_view_if_needed()
    compare.click()
    ranking = page.get_by_text("Ranking (lowest final validation loss first)", exact=True)
    expect(ranking).to_be_visible(timeout=120_000)
    curves = single_figure(page, "Validation loss per epoch")
    names = [tr["name"] for tr in curves["traces"]]
    assert sorted(names) == sorted(COMPARED)
    # Every run finished all 10 epochs.
    assert all(len(tr["y"]) == 10 for tr in curves["traces"]), curves["traces"]
    best = page.get_by_text(re.compile(r"ended with the lowest loss on this network"))
    expect(best).to_be_visible()
    winner = best.locator("strong").first.inner_text()
    assert winner in COMPARED
    final = {tr["name"]: tr["y"][-1] for tr in curves["traces"]}
    assert final[winner] == min(final.values()), final
    # The grid is drawn on a canvas; its accessible twin is a table with one row per
    # activation under the header.
    table = page.get_by_test_id("stDataFrame").last.locator("table[aria-rowcount]")
    expect(table).to_have_attribute("aria-rowcount", str(len(COMPARED) + 1))
    rows = [row.locator("td").all_inner_texts() for row in table.locator("tbody tr").all()]
    assert [row[0] for row in rows] == [str(i) for i in range(1, len(COMPARED) + 1)], rows
    assert sorted(row[1] for row in rows) == sorted(COMPARED), rows
    assert rows[0][1] == winner, rows


def graph_node(page, name: str):
    """The label of node `name` in the Architecture page's graph drawing."""
    return page.get_by_test_id("stGraphVizChart").locator("svg text").filter(
        has_text=re.compile(rf"^{re.escape(name)}$"))


def _share_link(page) -> str:
    page.get_by_role("button", name=re.compile("Share")).click()
    code = page.get_by_test_id("stCode").filter(has_text=re.compile(r"[?&]v=1&"))
    expect(code).to_be_visible()
    link = code.inner_text().strip()
    page.keyboard.press("Escape")
    return link


def test_residual_network_trains_and_its_share_link_restores_it(server_url, new_page):
    page = new_page()
    page.goto(f"{server_url}/architecture")
    expect(heading(page, "Architecture")).to_be_visible(timeout=60_000)
    load_preset(page, "Residual")
    # The first page of a fresh server shares the CPUs with the workers it starts.
    expect(page.get_by_text(re.compile(r"^Two residual blocks"))).to_be_visible(timeout=30_000)
    expect(graph_node(page, "skip1")).to_be_visible()
    params = metric_value(page, "Parameters")
    assert metric_value(page, "Nodes") == "9"
    set_epochs(page, 4)
    train(page)
    wait_done(page, 4, CLASSIFICATION_DATA)
    assert len(loss_curve(page)) == 4
    unit_metric(page, "Accuracy")
    unit_metric(page, "AUC")

    link = _share_link(page)
    query = parse_qs(urlparse(link).query)
    assert {"v", "s", "c"} <= set(query), link
    assert parse_qs(urlparse(page.url).query) == query, "the address bar holds the same link"

    fresh = new_page()
    fresh.goto(link)
    expect(heading(fresh, "Architecture")).to_be_visible(timeout=60_000)
    for node in ("stem", "block1_a", "skip1", "block2_b", "skip2"):
        expect(graph_node(fresh, node)).to_be_visible()
    assert metric_value(fresh, "Parameters") == params
    assert metric_value(fresh, "Nodes") == "9"
    expect(fresh.get_by_label("Epochs", exact=True)).to_have_value("4")
    expect(fresh.get_by_text(re.compile(rf"^Data: {CLASSIFICATION_DATA} · "))).to_be_visible()
    expect(fresh.get_by_text(re.compile("could not be used"))).to_have_count(0)
    # A fresh session has trained nothing: the results stayed in the first one.
    expect(fresh.get_by_text(f"Test results · {CLASSIFICATION_DATA}")).to_have_count(0)


def test_code_export_downloads_a_python_file_that_compiles(server_url, page):
    page.goto(f"{server_url}/architecture")
    expect(heading(page, "Architecture")).to_be_visible(timeout=60_000)
    load_preset(page, "Residual")
    expect(graph_node(page, "skip1")).to_be_visible()
    page.get_by_role("tab", name="Python code").click()
    button = page.get_by_role("button", name="Download the exact script (funcnet_model.py)")
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "funcnet_model.py"
    text = Path(download.path()).read_text(encoding="utf-8")
    compile(text, download.suggested_filename, "exec")
    assert "Model(" in text
    assert "skip1" in text

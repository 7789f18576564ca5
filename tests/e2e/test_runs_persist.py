"""Finished trainings outlive a reload and a server restart, for the browser that ran them.

A server with its own run database; Chromium trains a quick run, reloads
and finds it on Compare runs; the server is stopped and a new one started
on the same database; the same browser (its cookie kept) still finds the
run with its metrics, a new browser finds nothing.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from e2e_ui import (
    heading,
    metric_value,
    open_notebook_network,
    set_epochs,
    single_figure,
    train,
    wait_done,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

NOTEBOOK_DATA = "Random labels (the notebook's)"
EPOCHS = 2


def _open_compare(page: Page, url: str) -> None:
    page.goto(f"{url}/compare_runs")
    expect(heading(page, "Compare runs")).to_be_visible(timeout=60_000)


def _csv_rows(page: Page) -> list[dict[str, str]]:
    with page.expect_download() as info:
        page.get_by_role("button", name="Download all runs (CSV)").click()
    return list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text("utf-8"))))


def _expect_the_run(page: Page, test_loss: str, accuracy: str, loss_curve: list[float]) -> None:
    expect(page.get_by_text("All runs (1)", exact=True)).to_be_visible(timeout=30_000)
    expect(page.get_by_text(re.compile(rf"^Run 1 · .* · completed, {EPOCHS} of {EPOCHS} "
                                       "epochs$"))).to_be_visible()
    figure = single_figure(page, "Loss of the chosen runs")
    runs = [tr for tr in figure["traces"] if tr["name"] == "Run 1"]
    assert runs and [round(v, 6) for v in runs[0]["y"]] == [round(v, 6) for v in loss_curve]
    rows = _csv_rows(page)
    assert len(rows) == 1
    assert rows[0]["status"] == "completed" and rows[0]["epochs_run"] == str(EPOCHS)
    assert f"{float(rows[0]['loss']):.3f}" == test_loss
    assert f"{float(rows[0]['accuracy']):.3f}" == accuracy


def test_runs_survive_a_reload_and_a_server_restart(start_server, new_page, tmp_path):
    env = {"FUNCNET_DB": str(tmp_path / "runs.sqlite3")}
    first = start_server(env)
    page = new_page()
    open_notebook_network(page, first.url)
    set_epochs(page, EPOCHS)
    train(page)
    wait_done(page, EPOCHS, NOTEBOOK_DATA)
    test_loss = metric_value(page, "Test loss")
    accuracy = metric_value(page, "Accuracy")
    loss_curve = [tr for tr in single_figure(page, "Loss per epoch")["traces"]
                  if tr["name"] == "Training"][0]["y"]
    assert len(loss_curve) == EPOCHS

    page.reload()  # a new Streamlit session of the same browser
    _open_compare(page, first.url)
    _expect_the_run(page, test_loss, accuracy, loss_curve)

    first.stop()
    second = start_server(env)
    _open_compare(page, second.url)  # same browser context: the cookie is sent again
    _expect_the_run(page, test_loss, accuracy, loss_curve)

    stranger = new_page()  # another browser: no cookie, no runs
    _open_compare(stranger, second.url)
    expect(stranger.get_by_text(re.compile(r"^No runs yet\."))).to_be_visible()
    expect(stranger.get_by_text("All runs (1)", exact=True)).to_have_count(0)

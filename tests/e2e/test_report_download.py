"""The one-click run report: downloaded from Build & Train, opened in Chromium."""

from __future__ import annotations

import re

import pytest
from e2e_ui import figures, metric_value, open_notebook_network, trace, train, wait_done
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

NOTEBOOK_DATA = "Random labels (the notebook's)"
EPOCHS = 10
CHART_TITLES = ["Loss per epoch", "Accuracy per epoch", "ROC curve · output",
                "Confusion matrix · output (threshold 0.50)"]


def test_report_of_a_run_opens_offline_with_its_charts_code_and_metrics(
        server_url, page, tmp_path):
    open_notebook_network(page, server_url)
    train(page)
    wait_done(page, EPOCHS, NOTEBOOK_DATA)
    shown = {label: metric_value(page, label) for label in ("Test loss", "Accuracy", "AUC")}

    button = page.get_by_role("button", name="Download report (HTML)")
    button.scroll_into_view_if_needed()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert re.fullmatch(r"funcnet-report-seed-random-\d{8}-\d{4}\.html",
                        download.suggested_filename)
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    # Nothing may load from the network: the file must work in an offline classroom.
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(saved.as_uri())
    expect(page.locator("h1")).to_have_text(
        re.compile(rf"^funcnet run · {re.escape(NOTEBOOK_DATA)} · \d{{4}}-\d\d-\d\d \d\d:\d\d$"))
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(len(CHART_TITLES))
    for i in range(len(CHART_TITLES)):
        expect(charts.nth(i).locator("svg.main-svg").first).to_be_visible()
    drawn = figures(page)
    assert [figure["title"] for figure in drawn] == CHART_TITLES
    assert len(trace(drawn[0], "Training")["y"]) == EPOCHS
    assert len(trace(drawn[0], "Validation")["y"]) == EPOCHS
    # The charts are drawn inside their frames (not wider than the page's column).
    width = page.locator("main").bounding_box()["width"]
    for i in range(len(CHART_TITLES)):
        assert charts.nth(i).bounding_box()["width"] < width / 2

    for label, value in shown.items():
        card = page.locator(".card", has=page.locator(".label", has_text=re.compile(
            rf"^{label}$")))
        expect(card.locator(".value")).to_have_text(value)
    code = page.locator("pre.code code.language-python").inner_text()
    compile(code, "funcnet_model.py", "exec")
    assert 'Model(inputs=input_, outputs=output, name="funcnet")' in code
    expect(page.get_by_text("Total parameters", exact=True)).to_be_visible()
    expect(page.locator("td.num strong")).to_have_text("5,569")
    assert [url for url in requests if not url.startswith("file:")] == []
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)

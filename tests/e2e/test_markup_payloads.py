"""No user text is ever markup, in a real browser, and no page fetches from elsewhere (§3).

Markdown, HTML and plotly-markup payloads enter through every door a user has:
a CSV whose file name, column names and class labels are payloads (trained,
then read on Evaluate), a share link whose values are payloads, and a class
link whose message and board name are payloads. After each, the page must
hold no element made from a payload (no link, image, frame, heading, bold or
formula), must show the payload as literal text where it shows it, and the
browser must have requested nothing from any host but the dashboard's own.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse

import numpy as np
import pytest
from e2e_ui import heading, open_notebook_network, set_epochs, settle, train
from playwright.sync_api import Page, expect

from funcnet.classroom.teacher_link import TeacherLink, class_query
from funcnet.export.report import run_report_html
from funcnet.markup import unlinked
from funcnet.model.presets import PRESETS
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.results import HeadResult, JobResult
from funcnet.ui.report_button import report_locale

pytestmark = pytest.mark.e2e

ELSEWHERE = "203.0.113.9"  # TEST-NET-3: never the dashboard's host
PAYLOADS = {
    "markdown image": f"![i](http://{ELSEWHERE}/x.png)",
    "markdown link": f"[log in](http://{ELSEWHERE}/login)",
    "markdown emphasis": "**B** _i_",
    "markdown heading": "# Heading",
    "html a": f'<a href="http://{ELSEWHERE}/a">A</a>',
    "html img": f'<img src="http://{ELSEWHERE}/i.png">',
    "html script": "<script>window.pwned=1</script>",
    "html iframe": f'<iframe src="http://{ELSEWHERE}/f"></iframe>',
    "plotly b": "<b>bold</b>",
    "plotly br": "x<br>y",
    "math": "$x^2$",
}
"""One payload per class of markup."""

# On main these sinks still interpret text: the pages' Markdown text calls (captions,
# warnings, the teacher message, whose bare URLs Streamlit autolinks) and plotly labels
# on Evaluate. Engineer i18n escapes them (ui text calls, funcnet/analysis/charts.py);
# once that lands these tests pass and the mark goes.
# Any element built from a payload: an attribute naming the other host (links, images,
# frames, plotly's SVG links), a formula, a frame, or a heading/emphasis with its text.
_MARKUP_FROM_PAYLOAD_JS = """(host) => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      // plotly keeps a label's source text in data-unformatted: text, not markup.
      if (attr.name !== 'data-unformatted' && attr.value.includes(host)) {
        found.push(el.tagName + ' ' + attr.name);
      }
    }
  }
  // plotly draws a label's <a> as an SVG link and its <b> as a bold tspan.
  for (const el of document.querySelectorAll('.js-plotly-plot svg a')) found.push('plotly a');
  for (const el of document.querySelectorAll('.js-plotly-plot svg tspan')) {
    const bold = (el.getAttribute('style') || '').includes('font-weight:bold');
    if (bold && (el.textContent || '').includes('bold')) found.push('plotly b');
  }
  for (const el of document.querySelectorAll('iframe, .katex, script:not([src])')) {
    // A payload that became a script element holds exactly its code (a report's inline
    // plotly JSON may quote the payload as data: that is text, and window.pwned says so).
    if ((el.textContent || '').trim() === 'window.pwned=1') found.push(el.tagName);
    if (el.tagName === 'IFRAME' || el.classList.contains('katex')) found.push(el.tagName);
  }
  for (const el of document.querySelectorAll('h1, h2, h3, h4, h5, h6, strong, em, b, i')) {
    const text = (el.textContent || '').trim();
    if (['Heading', 'B', 'i', 'bold', 'log in', 'A'].includes(text)) {
      found.push(el.tagName + ' ' + text);
    }
  }
  if (window.pwned) found.push('script ran');
  return found;
}"""


def _no_markup(page: Page) -> None:
    settle(page)  # a late rerun would draw what it draws now
    _nothing_drawn_as_markup(page)


def _nothing_drawn_as_markup(page: Page) -> None:
    assert page.evaluate(_MARKUP_FROM_PAYLOAD_JS, ELSEWHERE) == []


def _own_host_only(requests: list[str], server_url: str) -> None:
    foreign = [url for url in requests
               if not url.startswith((server_url, "data:", "blob:", "about:"))]
    assert foreign == []


@pytest.fixture
def recorded(new_page):
    """A fresh page and the list of every URL it requests."""
    page = new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    return page, requests


def _csv() -> tuple[str, bytes]:
    """A CSV whose column names and class labels are payloads (60 rows, 2 classes)."""
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    features = [PAYLOADS["html a"], PAYLOADS["markdown image"]]
    labels = [PAYLOADS["html img"], PAYLOADS["plotly b"] + " " + PAYLOADS["math"]]
    header = ",".join(cell(name) for name in [*features, PAYLOADS["markdown heading"]])
    rows = [f"{i % 7},{(i * 3) % 5},{cell(labels[i % 2])}" for i in range(60)]
    name = "**B** ![i](x.png) <b>bold</b> $x^2$.csv"
    return name, ("\n".join([header, *rows]) + "\n").encode()


def test_a_csv_of_payloads_is_shown_as_text_on_build_and_evaluate(recorded, server_url):
    page, requests = recorded
    open_notebook_network(page, server_url)
    page.get_by_text("Upload your own CSV", exact=True).click()
    name, content = _csv()
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": content}])
    expect(page.get_by_text(f"{name}: 60 rows, 3 columns.", exact=True)).to_be_visible(
        timeout=30_000)
    _no_markup(page)
    set_epochs(page, 2)
    train(page)
    expect(page.get_by_text(re.compile(r"^Done: 2 epochs in "))).to_be_visible(timeout=120_000)
    _no_markup(page)
    page.get_by_role("link", name="Evaluate", exact=True).first.click()
    expect(heading(page, "Evaluate")).to_be_visible(timeout=60_000)
    expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
    _no_markup(page)
    _own_host_only(requests, server_url)


@pytest.mark.parametrize("kind", [
    "markdown image",
    "markdown link",
    "html a",
    "math",
])
def test_share_link_values_that_are_payloads_are_refused_as_text(recorded, server_url, kind):
    page, requests = recorded
    payload = PAYLOADS[kind]
    for query in ({"preset": payload}, {"v": "1", "s": payload, "c": payload}):
        page.goto(f"{server_url}/build_train?{urllib.parse.urlencode(query)}")
        expect(heading(page, "Build & Train")).to_be_visible(timeout=60_000)
        expect(page.get_by_test_id("stAlert").first).to_be_visible(timeout=30_000)
        _no_markup(page)
    _own_host_only(requests, server_url)


def test_a_class_link_with_a_payload_message_and_board_shows_them_as_text(
        recorded, server_url):
    page, requests = recorded
    message = " ".join(PAYLOADS[k] for k in ("markdown image", "html a", "plotly b", "math"))
    board = "**B** <b>bold</b> $x^2$"
    query = class_query(TeacherLink(board=board, message=message), PRESETS["seed"].job)
    page.goto(f"{server_url}/build_train?{urllib.parse.urlencode(query)}")
    expect(heading(page, "Build & Train")).to_be_visible(timeout=60_000)
    # Shown as typed; an invisible word joiner keeps "http://" from becoming a link.
    expect(page.get_by_text(unlinked(message), exact=False)).to_be_visible(timeout=30_000)
    _no_markup(page)
    set_epochs(page, 2)
    train(page)
    expect(page.get_by_text(re.compile(r"^Done: 2 epochs in "))).to_be_visible(timeout=120_000)
    page.goto(f"{server_url}/compare_runs?{urllib.parse.urlencode(query)}")
    expect(page.get_by_text(board, exact=False).first).to_be_visible(timeout=60_000)
    _no_markup(page)
    _own_host_only(requests, server_url)


def test_every_page_asks_only_its_own_server(recorded, server_url):
    page, requests = recorded
    for route in ("", "lessons", "build_train", "architecture", "evaluate", "activations",
                  "compare_runs", "teacher"):
        page.goto(f"{server_url}/{route}")
        expect(page.get_by_test_id("stMain")).to_be_visible(timeout=60_000)
        settle(page)  # the page has drawn and asked for all it shows
    icons = page.evaluate("[...document.querySelectorAll('link[rel*=icon]')].map(l => l.href)")
    assert icons and all(url.startswith(server_url) for url in icons)
    _own_host_only(requests, server_url)


def _hostile_report() -> str:
    """The HTML report of a CSV run whose file, columns, target and classes are payloads."""
    labels = tuple(PAYLOADS.values())
    target = PAYLOADS["html a"]
    model = ModelSpec((
        Node("input", "input", columns=tuple(f"{text} col" for text in labels)),
        Node("output", "output", inputs=("input",), units=len(labels), activation="softmax",
             task="multiclass", target=target, loss="sparse_categorical_crossentropy"),
    ))
    job = Job(model, DataSpec("csv", {"sha256": "ab" * 32, "target": target,
                                      "task": "multiclass"}), TrainConfig(epochs=2))
    scores = np.random.default_rng(0).random((44, len(labels)))
    head = HeadResult("output", "multiclass", target, labels, np.arange(44) % len(labels),
                      scores / scores.sum(axis=1, keepdims=True))
    result = JobResult("completed", history={"loss": [2.5, 2.4], "accuracy": [0.1, 0.2]},
                       epochs_run=2, test_metrics={"loss": 2.4}, heads={"output": head})
    return run_report_html(job, result, locale=report_locale(),
                           dataset_label=f"Uploaded CSV: {PAYLOADS['markdown image']}",
                           created_at=dt.datetime(2025, 6, 1))


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(_hostile_report(), encoding="utf-8")
    return path.as_uri()


def test_the_report_shows_payloads_as_text_and_fetches_nothing(recorded, hostile_report):
    page, requests = recorded
    page.goto(hostile_report)
    expect(page.locator(".js-plotly-plot svg.main-svg").first).to_be_visible()
    outside_charts = page.evaluate(
        "[...document.querySelectorAll('a, img, iframe, h1 strong, .katex')]"
        ".filter(el => !el.closest('.js-plotly-plot')).map(el => el.tagName)")
    assert outside_charts == []
    assert not page.evaluate("window.pwned")
    table = page.locator("h4 + table")  # the classification report
    for payload in PAYLOADS.values():
        expect(table.get_by_text(payload, exact=True)).to_be_visible()
    expect(page.locator("h1")).to_contain_text(PAYLOADS["markdown image"])
    assert [url for url in requests if not url.startswith("file:")] == []


def test_the_reports_charts_show_payloads_as_text(recorded, hostile_report):
    page, _ = recorded
    page.goto(hostile_report)
    expect(page.locator(".js-plotly-plot svg.main-svg").first).to_be_visible()
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".every(chart => chart.querySelector('svg.main-svg'))")
    _nothing_drawn_as_markup(page)  # a static file: no rerun to wait for

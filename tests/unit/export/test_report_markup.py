"""The HTML report never renders user text as markup (issue 10 §3), whatever the payload.

Every class of markup a user can smuggle in (Markdown images, links, emphasis
and headings; raw HTML `a`, `img`, `script`, `iframe`; plotly's own `<a>`,
`<b>`, `<br>`; `$math$`) is fed through every place of the report that shows
user text: the uploaded file's name, its column names, the target column,
the class labels and a run's message. The page is parsed as a browser would
parse it: no element may come from a payload, and each payload must be
there as literal text.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import numpy as np
import pytest

from funcnet.export import report
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.results import HeadResult, JobResult
from funcnet.ui import report_button

ELSEWHERE = "http://203.0.113.9"  # TEST-NET-3: a host that is not the dashboard's
PAYLOADS = {
    "markdown image": f"![i]({ELSEWHERE}/x.png)",
    "markdown link": f"[log in]({ELSEWHERE}/login)",
    "markdown emphasis": "**B** _i_ ~~s~~",
    "markdown heading": "# Heading",
    "html a": f'<a href="{ELSEWHERE}/a">A</a>',
    "html img": f'<img src="{ELSEWHERE}/i.png" onerror="alert(1)">',
    "html script": "<script>alert(1)</script>",
    "html iframe": f'<iframe src="{ELSEWHERE}/f"></iframe>',
    "plotly a": f"<a href='{ELSEWHERE}/p' target='_blank'>P</a>",
    "plotly b": "<b>bold</b> <i>it</i>",
    "plotly br": "x<br>y<sub>2</sub>",
    "math": "$x^2$ and $$\\int f$$",
}
"""One payload per class of markup, by class name."""

SHELL_TAGS = {"html", "head", "meta", "title", "style", "script", "body", "main", "header",
              "footer", "section", "details", "summary", "div", "figure", "p", "span", "h1",
              "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
              "strong"}
"""Every element the report itself is made of (plotly's charts included)."""


class _Page(HTMLParser):
    """Reads a page as a browser would: its elements, and its text outside scripts."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []
        self._raw = 0
        self.feed(page)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._raw += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._raw -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._raw:
            self.text.append(data)


def _hostile_run() -> tuple[Job, JobResult, str]:
    """A CSV run whose file, columns, target and classes are payloads; its message too."""
    labels = tuple(PAYLOADS.values())
    columns = tuple(f"{text} col" for text in labels)
    target = PAYLOADS["html a"] + " target"
    model = ModelSpec((
        Node("input", "input", columns=columns),
        Node("dense_1", "dense", inputs=("input",), units=4, activation="relu"),
        Node("output", "output", inputs=("dense_1",), units=len(labels), activation="softmax",
             task="multiclass", target=target, loss="sparse_categorical_crossentropy"),
    ))
    job = Job(model, DataSpec("csv", params={"sha256": "ab" * 32, "target": target,
                                             "task": "multiclass"}), TrainConfig(epochs=2))
    rng = np.random.default_rng(0)
    scores = rng.random((60, len(labels)))
    head = HeadResult("output", "multiclass", target, labels, np.arange(60) % len(labels),
                      scores / scores.sum(axis=1, keepdims=True))
    result = JobResult("stopped", message=f"Stopped: {PAYLOADS['html img']}",
                       history={"loss": [2.5, 2.4], "val_loss": [2.5, 2.45],
                                "accuracy": [0.1, 0.2], "val_accuracy": [0.1, 0.1]},
                       epochs_run=2, test_metrics={"loss": 2.4}, heads={"output": head})
    return job, result, f"Uploaded CSV: {PAYLOADS['markdown image']}.csv"


@pytest.fixture(scope="module")
def hostile_page() -> str:
    job, result, label = _hostile_run()
    return report.run_report_html(job, result, locale=report_button.report_locale(),
                                  dataset_label=label, created_at=dt.datetime(2025, 6, 1))


def test_no_payload_becomes_an_element_of_the_report(hostile_page: str) -> None:
    page = _Page(hostile_page)
    assert set(page.tags) <= SHELL_TAGS, set(page.tags) - SHELL_TAGS
    charts = len(re.findall(r'class="plotly-graph-div"', hostile_page))
    assert charts == 4  # loss, accuracy, ROC, confusion matrix
    assert page.tags.count("script") == 1 + charts + 1  # plotly.js, one per chart, resize
    for tag in ("a", "img", "iframe"):
        assert tag not in page.tags


@pytest.mark.parametrize("kind", list(PAYLOADS))
def test_every_payload_is_shown_as_its_literal_text(hostile_page: str, kind: str) -> None:
    text = "".join(_Page(hostile_page).text)
    payload = PAYLOADS[kind]
    # The class label (classification report), the column names (network table) and,
    # for two of them, the file name, the target and the run's message.
    assert text.count(payload) >= 2, kind
    assert f"Uploaded CSV: {PAYLOADS['markdown image']}.csv" in text
    assert f"Stopped: {PAYLOADS['html img']}" in text


def test_a_failure_page_shows_its_message_as_text() -> None:
    for payload in PAYLOADS.values():
        page = report.failure_html(report_button.report_locale(), payload)
        parsed = _Page(page)
        assert set(parsed.tags) <= SHELL_TAGS - {"script"}
        assert payload in "".join(parsed.text)


def test_chart_texts_carry_no_plotly_markup_from_a_payload(hostile_page: str) -> None:
    # plotly draws <a>, <b>, <br>, <sub>... inside any label as markup; a class label or
    # a column name must reach plotly escaped by the builders.
    values: list[str] = []
    for match in re.finditer(r"Plotly\.newPlot\(", hostile_page):
        values.append(hostile_page[match.end():hostile_page.index("</script>", match.end())])
    shown = "".join(values).encode().decode("unicode_escape")
    # The charts' own hover templates use <br>; a payload's tags must not arrive as tags.
    raw = [kind for kind, payload in PAYLOADS.items() if "<" in payload and payload in shown]
    assert raw == []

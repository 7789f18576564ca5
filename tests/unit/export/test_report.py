"""The HTML run report: charts, code, metrics, language and escaping, from real runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import json
import re

import markupsafe
import numpy as np
import pytest

from funcnet import i18n
from funcnet.analysis.evaluation import head_summary
from funcnet.export import report
from funcnet.export.codegen import generate_script
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.pool import WorkerPool
from funcnet.train.progress import format_duration
from funcnet.train.results import HeadResult, JobResult, RunOptions
from funcnet.ui import report_button
from funcnet.ui.texts import (
    TEXTS,
    catalogue,
)

TEXTS_PT = catalogue("pt")

TIMEOUT = 180.0
WHEN = dt.datetime(2025, 6, 1, 14, 3)
HASH = "ab" * 32
CHART_DIV = re.compile(r'<div id="chart-(\d+)" class="plotly-graph-div"')


def _short(job: Job, epochs: int) -> Job:
    return dataclasses.replace(job, train=dataclasses.replace(job.train, epochs=epochs))


MULTICLASS = Job(
    stack(columns("x", 20), [HiddenLayer(16)], head("output", "input", "multiclass", units=3)),
    DataSpec("classification", params={"n_samples": 300, "n_classes": 3}),
    TrainConfig(epochs=3),
)


@pytest.fixture(scope="module")
def runs(pool: WorkerPool) -> dict[str, tuple[Job, JobResult]]:
    """Real runs: the notebook network, the two-head preset, a 3-class net and a failure."""
    jobs = {
        "seed": PRESETS["seed"].job,
        "multi": _short(PRESETS["multi-output"].job, 3),
        "multiclass": MULTICLASS,
        # The worker cannot find this upload: a real failed run with a message.
        "failed": Job(stack(("a", "b"), [HiddenLayer(4)], head("output", "input", "binary")),
                      DataSpec("csv", params={"sha256": HASH, "target": "target",
                                              "task": "binary"}),
                      TrainConfig(epochs=2)),
    }
    handles = {name: pool.submit(job, RunOptions(keep_model=False, diagnostics=False))
               for name, job in jobs.items()}
    return {name: (jobs[name], handle.result(timeout=TIMEOUT)) for name, handle in handles.items()}


def _english() -> report.ReportLocale:
    return report_button.report_locale()


def _build(job: Job, result: JobResult, locale: report.ReportLocale | None = None,
           label: str = "Data") -> str:
    return report.run_report_html(job, result, locale=locale or _english(),
                                  dataset_label=label, created_at=WHEN)


def _chart_ids(page: str) -> list[int]:
    return [int(n) for n in CHART_DIV.findall(page)]


def _figures(page: str) -> dict[int, tuple[list, dict]]:
    """Parses every chart's `Plotly.newPlot(id, data, layout, ...)`: chart id -> (data, layout).

    Compared as values, never as JSON text: plotly writes non-ASCII as `\\uXXXX`
    or as it is, depending on whether orjson is installed.
    """
    decoder = json.JSONDecoder()
    figures = {}
    for match in re.finditer(r"Plotly\.newPlot\(\s*", page):
        position = match.end()
        div_id, position = decoder.raw_decode(page, position)
        values = []
        for _ in range(2):
            position = re.compile(r"\s*,\s*").match(page, position).end()
            value, position = decoder.raw_decode(page, position)
            values.append(value)
        figures[int(div_id.removeprefix("chart-"))] = (values[0], values[1])
    return figures


def _texts(page: str) -> set[str]:
    """Every `text` value (titles, annotations) in the page's figures, parsed."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key == "text" and isinstance(item, str):
                    found.add(item)
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for data, layout in _figures(page).values():
        walk(data)
        walk(layout)
    return found


def _code(page: str, language: str) -> str:
    match = re.search(rf'<code class="language-{language}">(.*?)</code>', page, re.DOTALL)
    assert match is not None, f"no {language} code block"
    return html.unescape(match.group(1))


def _card(page: str, label: str) -> list[str]:
    return re.findall(rf'<span class="label">{re.escape(label)}</span>'
                      r'<span class="value">([^<]*)</span>', page)


def test_binary_run_has_curves_roc_confusion_and_plotly_once(runs) -> None:
    job, result = runs["seed"]
    assert result.status == "completed"
    page = _build(job, result)
    # Loss and accuracy curves, then the ROC curve and the confusion matrix of the head.
    assert _chart_ids(page) == [1, 2, 3, 4]
    assert page.count(report.plotly_js()) == 1
    assert page.count("<script") == 1 + 4 + 1  # plotly.js, one per chart, the resize hook
    assert "<script src" not in page and "<link" not in page  # nothing to fetch: works offline
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert "<title>funcnet run · Data · 2025-06-01 14:03</title>" in page
    for title in ("Loss per epoch", "Accuracy per epoch", "ROC curve · output",
                  "Confusion matrix · output (threshold 0.50)"):
        assert title in _texts(page)


def test_code_block_is_the_exact_script_and_compiles(runs) -> None:
    job, result = runs["seed"]
    page = _build(job, result)
    code = _code(page, "python")
    assert code == generate_script(job)
    compile(code, "funcnet_model.py", "exec")
    assert 'Model(inputs=input_, outputs=output, name="funcnet")' in code
    setup = _code(page, "json")
    assert Job.from_dict(json.loads(setup)) == job
    assert "<details><summary>Setup file (JSON)</summary>" in page


def test_metrics_and_setup_appear_formatted(runs) -> None:
    job, result = runs["seed"]
    page = _build(job, result)
    summary = head_summary(result.heads["output"])
    assert _card(page, "Test loss") == [f"{result.test_metrics['loss']:.3f}"]
    assert _card(page, "Accuracy") == [f"{summary['accuracy']:.3f}"]
    assert _card(page, "AUC") == [f"{summary['auc']:.3f}"]
    assert "5,569 parameters" in page
    assert "<td class=\"num\"><strong>5,569</strong></td>" in page
    assert "<tr><th>Test share</th><td>16.7 %</td></tr>" in page
    assert "<tr><th>Learning rate</th><td>0.001</td></tr>" in page
    assert "<tr><th>Samples</th><td>1,200</td></tr>" in page
    assert "10 epochs in" in page and "status-completed" in page
    for name, count in job.model.param_counts().items():
        assert re.search(rf"<code>{name}</code>.*?<td class=\"num\">{count:,}</td></tr>", page)


def test_two_heads_get_their_own_curves_and_charts(runs) -> None:
    job, result = runs["multi"]
    assert result.ok, result.message
    page = _build(job, result)
    # Loss, label accuracy, value MAE; ROC + confusion of "label"; predicted vs true of "value".
    assert _chart_ids(page) == [1, 2, 3, 4, 5, 6]
    assert report.curve_metrics(job, result) == ["loss", "label_accuracy", "value_mae"]
    assert "Head label · binary, predicts label" in page
    assert "Head value · regression, predicts value" in page
    assert _card(page, "Total test loss") == [f"{result.test_metrics['loss']:.3f}"]
    assert _card(page, "Test loss") == [f"{result.test_metrics['label_loss']:.3f}",
                                        f"{result.test_metrics['value_loss']:.3f}"]
    assert _card(page, "MAE") == [f"{head_summary(result.heads['value'])['mae']:.3f}"]
    assert "Predicted vs true · value" in _texts(page)
    assert "binary cross-entropy × 1" in page and "mean squared error × 0.5" in page


def test_multiclass_head_has_one_roc_curve_per_class(runs) -> None:
    job, result = runs["multiclass"]
    assert result.ok, result.message
    page = _build(job, result)
    assert _chart_ids(page) == [1, 2, 3, 4]
    roc_data, _ = _figures(page)[3]
    assert len([t for t in roc_data if re.match(r"[012] \(AUC = ", t.get("name", ""))]) == 3
    assert "Confusion matrix · output" in _texts(page)
    class_report = page[page.index("<h4>Classification report</h4>"):]
    assert class_report.count("<tr><td><code>") == 3  # one row per class


def test_portuguese_session_gives_a_portuguese_report(runs, monkeypatch) -> None:
    monkeypatch.setattr(i18n, "_resolver", lambda: "pt")
    job, result = runs["seed"]
    page = report_button.report_html(job, result, dataset_label="Rótulos", csv_filename="d.csv",
                                     created_at=WHEN)
    assert '<html lang="pt-BR">' in page
    for key in ("report.metrics_header", "report.curves_header", "report.code_header"):
        assert f">{html.escape(TEXTS_PT[key])}<" in page
        assert f">{TEXTS[key]}<" not in page
    accuracy = head_summary(result.heads["output"])["accuracy"]
    assert _card(page, "Acurácia") == [f"{accuracy:.3f}".replace(".", ",")]
    assert "5.569 parâmetros" in page
    assert "<tr><th>Taxa de aprendizado</th><td>0,001</td></tr>" in page
    # The charts' built-in texts are translated too.
    assert "Perda por época" in _texts(page)
    assert "Loss per epoch" not in _texts(page)


def test_failed_run_still_gives_setup_code_and_message(runs) -> None:
    job, result = runs["failed"]
    assert result.status == "failed" and result.message and not result.heads
    page = _build(job, result)
    assert "status-failed" in page
    # Escaped by the template engine (markupsafe writes ' as &#39;, html.escape as &#x27;).
    assert f"Reason: {markupsafe.escape(result.message)}" in page
    assert _chart_ids(page) == []
    assert TEXTS["report.no_heads"] in page and TEXTS["report.no_history"] in page
    compile(_code(page, "python"), "funcnet_model.py", "exec")
    assert "<h2>Setup</h2>" in page


def _hostile_job() -> Job:
    """A CSV setup whose column names, target and classes are markup (uploads allow it)."""
    model = ModelSpec((
        Node("input", "input", columns=("<script>alert(1)</script>", "a&b")),
        Node("dense_1", "dense", inputs=("input",), units=4, activation="relu"),
        Node("output", "output", inputs=("dense_1",), units=1, activation="sigmoid",
             task="binary", target="<img src=x onerror=alert(2)>",
             loss="binary_crossentropy"),
    ))
    data = DataSpec("csv", params={"sha256": HASH, "target": "<img src=x onerror=alert(2)>",
                                   "task": "binary"})
    return Job(model, data, TrainConfig(epochs=3))


def test_user_strings_are_escaped_everywhere() -> None:
    job = _hostile_job()
    rng = np.random.default_rng(0)
    y_true = np.array([0, 1] * 20)
    head_result = HeadResult("output", "binary", "<img src=x onerror=alert(2)>",
                             ("<b>no</b>", "yes"), y_true, rng.random(40))
    result = JobResult("stopped", message="Loss became NaN <script>alert(3)</script>",
                       history={"loss": [0.7, 0.6], "val_loss": [0.7, 0.65],
                                "accuracy": [0.5, 0.6], "val_accuracy": [0.5, 0.55]},
                       epochs_run=2, test_metrics={"loss": 0.6}, heads={"output": head_result})
    page = _build(job, result, label="Uploaded CSV: <i>evil</i>.csv")
    for raw in ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>",
                "<script>alert(3)</script>", "<b>no</b>", "<i>evil</i>"):
        assert raw not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # node table, code, JSON
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    assert "Loss became NaN &lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "<code>&lt;b&gt;no&lt;/b&gt;</code>" in page  # classification report row
    assert "Uploaded CSV: &lt;i&gt;evil&lt;/i&gt;.csv" in page
    assert "Stopped at epoch 2 of 3." in page
    assert _chart_ids(page) == [1, 2, 3, 4]


def test_a_chart_that_cannot_be_drawn_becomes_a_note() -> None:
    job = _short(PRESETS["multi-output"].job, 2)
    empty = np.array([], dtype=float)
    result = JobResult(
        "completed", history={"loss": [1.0, 0.9]}, epochs_run=2,
        test_metrics={"loss": 0.9, "label_loss": 0.5, "value_loss": 0.8},
        heads={"value": HeadResult("value", "regression", "value", (), empty, empty)})
    page = _build(job, result)
    assert "This part could not be drawn: y_true and y_pred must be non-empty" in page
    assert _chart_ids(page) == [1]  # the loss; the heads' metrics were not in the history
    assert _card(page, "MAE") == ["—"]


def test_number_formats_follow_the_locale() -> None:
    english = _english()
    assert [english.number(v) for v in (0.001, 1e-05, 0.2, 1200, 3.0, "tanh")] == [
        "0.001", "0.00001", "0.2", "1,200", "3", "tanh"]
    portuguese = report.ReportLocale(
        text=lambda key, **values: TEXTS_PT[key].format(**values),
        fmt_int=lambda n: f"{n:,}".replace(",", "."),
        fmt_metric=lambda v, digits=3: f"{v:.{digits}f}".replace(".", ","),
        duration=format_duration, lang="pt-BR")
    assert [portuguese.number(v) for v in (0.001, 0.25, 1200)] == ["0,001", "0,25", "1.200"]


def test_file_name_and_failure_page() -> None:
    job = PRESETS["seed"].job
    assert report_button.report_file_name(job, WHEN) == (
        "funcnet-report-seed-random-20250601-1403.html")
    page = report.failure_html(_english(), "broken <b>x</b>")
    assert "broken &lt;b&gt;x&lt;/b&gt;" in page and '<html lang="en">' in page


def test_report_html_answers_a_failure_with_a_translated_page(monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("disk <full>")

    monkeypatch.setattr(report, "run_report_html", explode)
    monkeypatch.setattr(i18n, "_resolver", lambda: "pt")
    page = report_button.report_html(PRESETS["seed"].job, JobResult("completed"),
                                     dataset_label="x", csv_filename="d.csv", created_at=WHEN)
    message = TEXTS_PT["report.build_failed"].format(message="disk <full>")
    assert html.escape(message) in page
    assert '<html lang="pt-BR">' in page


def test_a_run_whose_predictions_were_not_kept_says_so() -> None:
    job = PRESETS["seed"].job
    result = JobResult("completed", history={"loss": [0.7, 0.6]}, epochs_run=2,
                       test_metrics={"loss": 0.61}, heads={})
    page = report.run_report_html(job, result, locale=_english(), dataset_label="Data",
                                  created_at=WHEN, predictions_dropped=True)
    assert TEXTS["report.predictions_dropped"] in page
    assert TEXTS["report.no_heads"] not in page
    assert _card(page, "Total test loss") == ["0.610"]
    assert TEXTS["report.no_heads"] in _build(job, result)


def test_the_title_has_the_runs_date_and_the_footer_the_reports() -> None:
    job = PRESETS["seed"].job
    result = JobResult("completed", history={"loss": [0.7]}, epochs_run=1)
    made = dt.datetime(2025, 7, 9, 8, 30)
    page = report.run_report_html(job, result, locale=_english(), dataset_label="Data",
                                  created_at=WHEN, generated_at=made)
    assert "<title>funcnet run · Data · 2025-06-01 14:03</title>" in page
    assert TEXTS["report.generated"].format(date="2025-07-09 08:30") in page
    assert "made on" not in _build(job, result)  # not said when unknown

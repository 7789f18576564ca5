"""A finished run as one self-contained HTML file: setup, metrics, charts and code.

The report is made to be kept, mailed or projected without funcnet: it
holds plotly.js once, inline (classrooms may be offline), every chart as an
interactive plotly figure drawn by the builders of `funcnet.analysis.charts` from
metrics computed by `funcnet.analysis.evaluation`, the exact Keras script of
`funcnet.export.codegen` and the setup JSON of `funcnet.export.share`.

Pure: no streamlit. The words and number formats come from a
`ReportLocale` the caller fills (the UI passes its `t`, `fmt_int`,
`fmt_metric` and chart translations), so the report speaks the session's
language. Every string that may come from a user (CSV column names, class
labels, messages) is escaped.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import html
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.offline

from funcnet.analysis import charts, evaluation
from funcnet.export.codegen import generate_script
from funcnet.export.share import job_to_json
from funcnet.model.spec import Job, ModelSpec, Node
from funcnet.train.results import HeadResult, JobResult

THRESHOLD = 0.5
"""Decision threshold of the report's binary confusion matrices (Keras' own)."""

PLOTLY_CONFIG: dict[str, Any] = {"responsive": True, "displaylogo": False}
"""plotly.js options of every chart in the report."""

COLUMNS_SHOWN = 6
"""Input columns named in the node table before the rest are elided."""


@dataclass(frozen=True)
class ReportLocale:
    """The language a report is written in: its texts and number formats.

    Args:
        text: Returns text `id` with its `{fields}` filled, like
            `funcnet.ui.texts.t`; ids are the `report.*` entries and the
            shared vocabulary (`task.*`, `status.*`, `metric.*`, ...).
        fmt_int: Formats a whole number (thousands separators).
        fmt_metric: Formats a float with `digits` decimals; `"—"` for NaN.
        duration: Formats seconds for people, e.g. `"8 s"`.
        lang: The `lang` attribute of the page, e.g. `"en"` or `"pt-BR"`.
        chart_labels: English chart texts -> translated texts, for
            `funcnet.analysis.charts.relabel`; empty keeps the charts in English.
        describe_message: Returns why a run stopped or failed, in this
            language; `None` shows the result's own (English) message.
    """

    text: Callable[..., str]
    fmt_int: Callable[[int], str]
    fmt_metric: Callable[..., str]
    duration: Callable[[float], str]
    lang: str = "en"
    chart_labels: Mapping[str, str] = field(default_factory=dict)
    describe_message: Callable[[JobResult], str] | None = None

    def number(self, value: Any) -> str:
        """Formats a setting's value: whole numbers grouped, floats with their own decimals.

        Args:
            value: An int, float, bool or text.

        Returns:
            The text (not yet HTML-escaped).
        """
        if isinstance(value, bool) or not isinstance(value, int | float):
            return str(value)
        if isinstance(value, int) or float(value).is_integer() and abs(value) >= 1:
            return self.fmt_int(int(value))
        if not math.isfinite(value):
            return self.fmt_metric(value)
        exponent = decimal.Decimal(repr(float(value))).as_tuple().exponent
        digits = -exponent if isinstance(exponent, int) and exponent < 0 else 1
        return self.fmt_metric(value, min(digits, 8))


@functools.cache
def plotly_js() -> str:
    """Returns the plotly.js bundle that ships with plotly (read once per process)."""
    return plotly.offline.get_plotlyjs()


def run_report_html(
    job: Job,
    result: JobResult,
    *,
    locale: ReportLocale,
    dataset_label: str,
    created_at: dt.datetime,
    csv_filename: str = "data.csv",
    generated_at: dt.datetime | None = None,
    predictions_dropped: bool = False,
) -> str:
    """Builds the HTML report of one training run.

    A chart that cannot be drawn (e.g. predictions that are not finite)
    becomes a short note in its place; the rest of the report stays.

    Args:
        job: The setup that was trained.
        result: What the run left: completed, stopped or failed, with or
            without test predictions.
        locale: The report's language.
        dataset_label: Display name of the data set (for an upload, with
            the file's name).
        created_at: When the run finished; shown in the title.
        csv_filename: For an uploaded CSV: the path the Keras script reads.
        generated_at: When the report is made; when given, the footer says
            so (and that the title's date is the run's).
        predictions_dropped: Whether the run's test predictions were not
            kept (too large to store): the report says so instead of
            saying the run left none.

    Returns:
        A complete HTML document, plotly.js included once.
    """
    writer = _Writer(locale)
    when = created_at.strftime("%Y-%m-%d %H:%M")
    title = locale.text("report.title", data=dataset_label, date=when)
    body = [
        _header(writer, title, job, result),
        _setup_section(writer, job, dataset_label),
        _metrics_section(writer, job, result, predictions_dropped),
        _curves_section(writer, job, result),
        _evaluation_section(writer, result),
        _code_section(writer, job, csv_filename),
        _json_section(writer, job),
        _footer(writer, generated_at),
    ]
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(locale.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="funcnet">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n"
        f'<script type="text/javascript">{plotly_js()}</script>\n'
        "</head>\n<body>\n<main>\n" + "\n".join(part for part in body if part)
        + f"\n</main>\n<script>{_RESIZE_SCRIPT}</script>\n</body>\n</html>\n"
    )


def failure_html(locale: ReportLocale, message: str) -> str:
    """Returns a small page standing in for a report that could not be built.

    Args:
        locale: The report's language.
        message: What went wrong, already in that language.

    Returns:
        A complete HTML document showing `message` (escaped).
    """
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(locale.lang)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>funcnet</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        f'<header><p class="kicker">funcnet</p></header>\n'
        f'<p class="message">{_e(message)}</p>\n</main>\n</body>\n</html>\n'
    )


# --------------------------------------------------------------------------- pieces


def _e(value: object) -> str:
    """Escapes any value for HTML text and attribute values."""
    return html.escape(str(value), quote=True)


class _Writer:
    """Turns texts, tables and figures into HTML in one locale, numbering the charts."""

    def __init__(self, locale: ReportLocale) -> None:
        self.locale = locale
        self.charts = 0

    def t(self, key: str, **values: object) -> str:
        """Returns text `key` with its fields filled, then escaped whole (fields included)."""
        return _e(self.locale.text(key, **values))

    def figure(self, build: Callable[[], go.Figure]) -> str:
        """Returns one chart's HTML, or a note when `build` cannot draw it."""
        try:
            figure = build()
        except ValueError as error:
            return f'<p class="note">{self.t("report.chart_failed", message=error)}</p>'
        charts.relabel(figure, self.locale.chart_labels)
        self.charts += 1
        div = figure.to_html(full_html=False, include_plotlyjs=False,
                             div_id=f"chart-{self.charts}", config=PLOTLY_CONFIG)
        return f'<figure class="chart">{div}</figure>'

    def table(self, header: Sequence[str], rows: Sequence[Sequence[str]],
              numeric: Sequence[int] = ()) -> str:
        """Returns a table; cells are already-escaped HTML, `numeric` columns align right."""
        def cell(tag: str, i: int, content: str) -> str:
            align = ' class="num"' if i in numeric else ""
            return f"<{tag}{align}>{content}</{tag}>"

        head = "".join(cell("th", i, h) for i, h in enumerate(header))
        body = "".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>"
                       for row in rows)
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def pairs(self, items: Sequence[tuple[str, str]]) -> str:
        """Returns a two-column list of (escaped label, escaped value) pairs."""
        rows = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in items)
        return f'<table class="pairs"><tbody>{rows}</tbody></table>'


def _header(w: _Writer, title: str, job: Job, result: JobResult) -> str:
    status = result.status if result.status in ("completed", "stopped", "failed") else "failed"
    epochs = job.train.epochs
    if status == "completed":
        line = w.t("report.status_completed", epochs=result.epochs_run,
                   elapsed=w.locale.duration(result.elapsed))
    elif status == "stopped":
        line = w.t("report.status_stopped", epoch=result.epochs_run, epochs=epochs)
    else:
        line = w.t("report.status_failed", epoch=result.epochs_run, epochs=epochs)
    message = ""
    if result.message:
        described = (w.locale.describe_message(result) if w.locale.describe_message
                     else result.message)
        message = f'<p class="message">{w.t("report.reason", message=described)}</p>'
    summary = w.t("report.summary", params=w.locale.fmt_int(job.model.total_params()),
                  heads=len(job.model.outputs), epochs=epochs)
    return (
        f'<header><p class="kicker">{w.t("report.kicker")}</p><h1>{_e(title)}</h1>'
        f'<p class="status status-{status}"><span class="badge">'
        f'{w.t(f"status.{status}")}</span> {line}</p>{message}'
        f'<p class="summary">{summary}</p></header>'
    )


def _setup_section(w: _Writer, job: Job, dataset_label: str) -> str:
    data, train = job.data, job.train
    data_items = [(w.t("report.dataset"), _e(dataset_label))]
    for key, value in data.params:
        data_items.append((w.t(f"dataset.{data.name}.param.{key}"), _e(w.locale.number(value))))
    data_items += [
        (w.t("report.test_fraction"), _share(w, data.test_fraction)),
        (w.t("report.data_seed"), _e(w.locale.fmt_int(data.seed))),
    ]
    train_items = [
        (w.t("report.optimizer"), w.t(f"optimizer.{train.optimizer}")),
        (w.t("report.learning_rate"), _e(w.locale.number(train.learning_rate))),
        (w.t("report.epochs"), _e(w.locale.fmt_int(train.epochs))),
        (w.t("report.batch_size"), _e(w.locale.fmt_int(train.batch_size))),
        (w.t("report.validation_split"), _share(w, train.validation_split)),
        (w.t("report.train_seed"), _e(w.locale.fmt_int(train.seed))),
    ]
    for head in job.model.outputs:
        loss = w.t(f"loss.{head.loss}")
        if len(job.model.outputs) > 1:
            loss = w.t("report.weighted_loss", loss=w.locale.text(f"loss.{head.loss}"),
                       weight=w.locale.number(head.loss_weight))
        train_items.append((w.t("report.head_loss", head=head.name), loss))
    return (
        f'<section id="setup"><h2>{w.t("report.setup_header")}</h2>'
        f'<div class="two"><div><h3>{w.t("report.data_header")}</h3>{w.pairs(data_items)}</div>'
        f'<div><h3>{w.t("report.training_header")}</h3>{w.pairs(train_items)}</div></div>'
        f'<h3>{w.t("report.network_header")}</h3>{_node_table(w, job.model)}</section>'
    )


def _share(w: _Writer, fraction: float) -> str:
    return w.t("report.percent", value=w.locale.number(round(100 * fraction, 1)))


def _node_table(w: _Writer, model: ModelSpec) -> str:
    counts = model.param_counts()
    rows = []
    for name in model.order:
        node = model.node(name)
        rows.append([
            f"<code>{_e(name)}</code>",
            _node_type(w, node),
            _e(w.locale.fmt_int(node.units)) if node.units else "",
            _activation_cell(w, node),
            _inputs_cell(w, node),
            _e(w.locale.fmt_int(counts[name])),
        ])
    rows.append(["", "", "", "", f'<strong>{w.t("report.total_params")}</strong>',
                 f"<strong>{_e(w.locale.fmt_int(model.total_params()))}</strong>"])
    header = [w.t(f"report.col_{c}") for c in
              ("node", "type", "units", "activation", "inputs", "params")]
    return w.table(header, rows, numeric=(2, 5))


def _node_type(w: _Writer, node: Node) -> str:
    if node.type == "output":
        return w.t("report.head_type", task=w.locale.text(f"task.{node.task}"),
                   target=node.target)
    return _e(node.type)


def _activation_cell(w: _Writer, node: Node) -> str:
    if node.type not in ("dense", "output"):
        return ""
    parts = [_e(node.activation)]
    if node.type == "dense" and node.dropout > 0:
        parts.append(w.t("report.dropout", rate=w.locale.number(node.dropout)))
    if node.type == "dense" and node.batch_norm:
        parts.append(w.t("report.batch_norm"))
    return ", ".join(parts)


def _inputs_cell(w: _Writer, node: Node) -> str:
    if node.type != "input":
        names = ", ".join(f"<code>{_e(source)}</code>" for source in node.inputs)
        if node.type == "dense" and len(node.inputs) > 1:
            return names + " " + w.t("report.shared")
        return names
    columns = list(node.columns)
    shown = columns if len(columns) <= COLUMNS_SHOWN else (
        columns[:COLUMNS_SHOWN - 1] + ["…", columns[-1]])
    return w.t("report.columns", count=len(columns), names=", ".join(shown))


def _loss_key(result: JobResult, head: str) -> str:
    return "loss" if len(result.heads) == 1 else f"{head}_loss"


def _footer(w: _Writer, generated_at: dt.datetime | None) -> str:
    made = ""
    if generated_at is not None:
        made = f'<p>{w.t("report.generated", date=generated_at.strftime("%Y-%m-%d %H:%M"))}</p>'
    return f'<footer>{made}<p>{w.t("report.footer")}</p></footer>'


def _metrics_section(w: _Writer, job: Job, result: JobResult,
                     predictions_dropped: bool = False) -> str:
    if not result.heads:
        note = "report.predictions_dropped" if predictions_dropped else "report.no_heads"
        total = ""
        if predictions_dropped and "loss" in result.test_metrics:
            total = _cards(w, [(w.t("report.total_loss"), result.test_metrics["loss"])])
        return (f'<section id="metrics"><h2>{w.t("report.metrics_header")}</h2>'
                f'<p class="note">{w.t(note)}</p>{total}</section>')
    parts = [f'<section id="metrics"><h2>{w.t("report.metrics_header")}</h2>']
    head = next(iter(result.heads.values()))
    rows = int(np.asarray(head.y_true).shape[0])
    parts.append(f'<p>{w.t("report.test_rows", n=w.locale.fmt_int(rows))}</p>')
    if len(result.heads) > 1 and "loss" in result.test_metrics:
        parts.append(_cards(w, [(w.t("report.total_loss"), result.test_metrics["loss"])]))
    for name, head in result.heads.items():
        try:
            summary = evaluation.head_summary(head, THRESHOLD)
        except ValueError:  # scores of the wrong shape: show what is defined
            summary = {}
        loss = result.test_metrics.get(_loss_key(result, name), math.nan)
        if head.task == "regression":
            values = [("metric.loss", loss), ("metric.mae", summary.get("mae")),
                      ("metric.r2", summary.get("r2")), ("metric.rmse", summary.get("rmse"))]
        else:
            values = [("metric.loss", loss), ("metric.accuracy", summary.get("accuracy")),
                      ("metric.auc", summary.get("auc"))]
        parts.append(f"<h3>{_head_heading(w, head)}</h3>")
        parts.append(_cards(w, [(w.t(key), value) for key, value in values]))
    parts.append("</section>")
    return "".join(parts)


def _head_heading(w: _Writer, head: HeadResult) -> str:
    return w.t("report.head", head=head.name, task=w.locale.text(f"task.{head.task}"),
               target=head.target)


def _cards(w: _Writer, items: Sequence[tuple[str, float | None]]) -> str:
    cards = "".join(
        f'<div class="card"><span class="label">{label}</span>'
        f'<span class="value">{_e(_metric(w, value))}</span></div>'
        for label, value in items
    )
    return f'<div class="cards">{cards}</div>'


def _metric(w: _Writer, value: float | None) -> str:
    if value is None:
        return w.locale.fmt_metric(math.nan)
    return w.locale.fmt_metric(float(value))


def curve_metrics(job: Job, result: JobResult) -> list[str]:
    """Returns the history keys the report draws: the loss, then each head's main metric.

    Args:
        job: The setup trained.
        result: Its result.

    Returns:
        `"loss"` when the history has it, then accuracy (classifiers) or
        MAE (regression) per head, for the keys the history holds.
    """
    keys = ["loss"] if "loss" in result.history else []
    heads = job.model.outputs
    for head in heads:
        metric = "mae" if head.task == "regression" else "accuracy"
        key = metric if len(heads) == 1 else f"{head.name}_{metric}"
        if key in result.history:
            keys.append(key)
    return keys


def _curves_section(w: _Writer, job: Job, result: JobResult) -> str:
    keys = curve_metrics(job, result)
    parts = [f'<section id="curves"><h2>{w.t("report.curves_header")}</h2>']
    if not keys:
        parts.append(f'<p class="note">{w.t("report.no_history")}</p>')
    else:
        parts.append(f'<p class="caption">{w.t("report.curves_caption")}</p><div class="grid">')
        for key in keys:
            parts.append(w.figure(functools.partial(
                charts.history_figure, result.history, key, total_epochs=job.train.epochs)))
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _evaluation_section(w: _Writer, result: JobResult) -> str:
    if not result.heads:
        return ""
    parts = [f'<section id="evaluation"><h2>{w.t("report.eval_header")}</h2>']
    for head in result.heads.values():
        parts.append(f'<div class="head"><h3>{_head_heading(w, head)}</h3>')
        if head.task == "regression":
            parts.append(f'<div class="grid">{w.figure(lambda h=head: _predicted(w, h))}</div>')
        else:
            parts.append('<div class="grid">')
            parts.append(w.figure(lambda h=head: _roc(w, h)))
            parts.append(w.figure(lambda h=head: _confusion(w, h)))
            parts.append("</div>")
            parts.append(_classification_report(w, head))
        parts.append("</div>")
    parts.append("</section>")
    return "".join(parts)


def _roc(w: _Writer, head: HeadResult) -> go.Figure:
    curves = evaluation.roc_curves(head.y_true, head.y_score, head.classes)
    return charts.roc_figure(curves, classes=head.classes,
                             title=w.locale.text("report.roc_title", head=head.name))


def _confusion(w: _Writer, head: HeadResult) -> go.Figure:
    matrix = evaluation.confusion(head.y_true, head.y_score, head.task, THRESHOLD)
    title = (w.locale.text("report.confusion_title_threshold", head=head.name,
                           threshold=w.locale.fmt_metric(THRESHOLD, 2))
             if head.task == "binary" else
             w.locale.text("report.confusion_title", head=head.name))
    return charts.confusion_figure(matrix, head.classes, title=title)


def _predicted(w: _Writer, head: HeadResult) -> go.Figure:
    scatter, _ = charts.regression_figures(head.y_true, head.y_score, head.target)
    scatter.update_layout(title_text=w.locale.text("report.predicted_title", head=head.name,
                                                   target=head.target))
    return scatter


def _classification_report(w: _Writer, head: HeadResult) -> str:
    try:
        frame = evaluation.report_frame(head.y_true, head.y_score, head.task,
                                        list(head.classes), THRESHOLD)
    except ValueError as error:
        return f'<p class="note">{w.t("report.chart_failed", message=error)}</p>'
    header = [w.t("report.col_class"), w.t("report.col_precision"), w.t("report.col_recall"),
              w.t("report.col_f1"), w.t("report.col_support")]
    rows = []
    for label, row in frame.iterrows():
        # Class labels are data; sklearn's summary rows ("macro avg", ...) are not.
        cells = [f"<code>{_e(label)}</code>" if label in head.classes else _e(label)]
        for column in ("precision", "recall", "f1-score"):
            value = float(row[column])
            cells.append(_e(w.locale.fmt_metric(value)) if math.isfinite(value) else "")
        cells.append(_e(w.locale.fmt_int(int(row["support"]))))
        rows.append(cells)
    return (f'<h4>{w.t("report.report_header")}</h4>'
            + w.table(header, rows, numeric=(1, 2, 3, 4)))


def _code_section(w: _Writer, job: Job, csv_filename: str) -> str:
    try:
        script = generate_script(job, csv_filename=csv_filename)
    except ValueError as error:
        body = f'<p class="note">{w.t("report.code_failed", message=error)}</p>'
    else:
        body = (f'<p class="caption">{w.t("report.code_caption")}</p>'
                f'<pre class="code"><code class="language-python">{_e(script)}</code></pre>')
    return f'<section id="code"><h2>{w.t("report.code_header")}</h2>{body}</section>'


def _json_section(w: _Writer, job: Job) -> str:
    return (
        f'<section id="setup-json"><details><summary>{w.t("report.json_summary")}</summary>'
        f'<p class="caption">{w.t("report.json_caption")}</p>'
        f'<pre class="code"><code class="language-json">{_e(job_to_json(job))}</code></pre>'
        "</details></section>"
    )


# plotly sizes a responsive chart when its script runs, before the rest of the grid is
# parsed; size every chart again once the page is laid out, and for printing.
_RESIZE_SCRIPT = """
(function () {
  function resize() {
    document.querySelectorAll(".js-plotly-plot").forEach(function (chart) {
      if (window.Plotly) { window.Plotly.Plots.resize(chart); }
    });
  }
  window.addEventListener("load", resize);
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
"""

_CSS = """
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --soft: #f6f8fa;
  --accent: #0072B2; --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; }
* { box-sizing: border-box; }
html { font-size: 18px; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.5;
  font-family: Inter, "Source Sans Pro", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
header { border-bottom: 3px solid var(--accent); padding-bottom: 1rem; margin-bottom: 1.5rem; }
.kicker { margin: 0; color: var(--accent); font-weight: 700; letter-spacing: .08em;
  text-transform: uppercase; font-size: .8rem; }
h1 { font-size: 2rem; margin: .2rem 0 .6rem; line-height: 1.2; }
h2 { font-size: 1.5rem; margin: 2.2rem 0 .8rem; padding-bottom: .3rem;
  border-bottom: 1px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.4rem 0 .6rem; }
h4 { font-size: 1rem; margin: 1rem 0 .5rem; }
p { margin: .4rem 0; }
.status { font-size: 1.1rem; }
.badge { display: inline-block; padding: .1rem .6rem; border-radius: 999px; color: #fff;
  font-weight: 700; font-size: .85rem; vertical-align: .1rem; }
.status-completed .badge { background: var(--ok); }
.status-stopped .badge { background: var(--warn); }
.status-failed .badge { background: var(--bad); }
.message { border-left: 4px solid var(--warn); background: #fff8c5; padding: .5rem .8rem; }
.status-failed + .message { border-color: var(--bad); background: #ffebe9; }
.summary, .caption, .note, footer { color: var(--muted); }
.note { font-style: italic; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
  gap: 0 2rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .8rem; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .6rem; border-bottom: 1px solid var(--line);
  vertical-align: top; }
thead th { background: var(--soft); border-bottom: 2px solid var(--line); }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.pairs th { width: 45%; font-weight: 600; background: none; }
td { overflow-wrap: anywhere; }
code { font-family: "JetBrains Mono", "DejaVu Sans Mono", Consolas, monospace;
  font-size: .88em; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: .4rem 0 1rem; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem;
  min-width: 9rem; background: var(--soft); }
.card .label { display: block; color: var(--muted); font-size: .85rem; }
.card .value { display: block; font-size: 1.6rem; font-weight: 700;
  font-variant-numeric: tabular-nums; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(460px, 1fr));
  gap: 1rem; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 8px; padding: .4rem;
  min-width: 0; }
pre.code { background: var(--soft); border: 1px solid var(--line); border-radius: 8px;
  padding: 1rem; overflow-x: auto; font-size: .8rem; line-height: 1.45; }
details { border: 1px solid var(--line); border-radius: 8px; padding: .6rem 1rem;
  margin-top: 2rem; }
summary { cursor: pointer; font-weight: 700; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .8rem;
  font-size: .85rem; }
@media print {
  html { font-size: 12pt; }
  main { max-width: none; padding: 0; }
  .grid { grid-template-columns: 1fr 1fr; }
  figure.chart, table, .cards, .head h3 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  pre.code { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 8pt; }
  details > *:not(summary) { display: block; }
}
"""

"""A finished run as one self-contained HTML file: setup, metrics, charts and code.

The report is made to be kept, mailed or projected without funcnet: it
holds plotly.js once, inline (classrooms may be offline), every chart as an
interactive plotly figure drawn by the builders of `funcnet.analysis.charts` from
metrics computed by `funcnet.analysis.evaluation`, the exact Keras script of
`funcnet.export.codegen` and the setup JSON of `funcnet.export.share`.

Pure: no streamlit. The words and number formats come from a
`ReportLocale` the caller fills (the UI passes its `t`, `fmt_int`,
`fmt_metric` and chart translations), so the report speaks the session's
language. The page is the Jinja2 template `templates/report.html.j2`,
autoescaped: this module hands it text and numbers already formatted, and
the template engine escapes every one of them, so a user's file, column,
class or node name is shown as text, never as markup. Only plotly.js and
plotly's own chart markup are marked safe (their labels are escaped by
the chart builders).
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.offline
from markupsafe import Markup

from funcnet import i18n
from funcnet.analysis import charts, evaluation
from funcnet.export import templating
from funcnet.export.codegen import generate_script
from funcnet.export.share import job_to_json
from funcnet.model.spec import Job, Node
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
        language: The interface language the charts are labelled in (a code of
            `funcnet.i18n.LANGUAGES`): the chart builders translate their own
            texts through the same gettext catalogue while the report draws them.
        describe_message: Returns why a run stopped or failed, in this
            language; `None` shows the result's own (English) message.
    """

    text: Callable[..., str]
    fmt_int: Callable[[int], str]
    fmt_metric: Callable[..., str]
    duration: Callable[[float], str]
    lang: str = "en"
    language: str = "en"
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
    charts_made = _Charts(locale)
    when = created_at.strftime("%Y-%m-%d %H:%M")
    # Sections are built in page order, so the charts are numbered as they appear.
    return templating.render(
        "report.html.j2",
        t=locale.text,
        lang=locale.lang,
        title=locale.text("report.title", data=dataset_label, date=when),
        plotly_js=Markup(plotly_js()),
        status=_status(locale, job, result),
        setup=_setup(locale, job, dataset_label),
        metrics=_metrics(locale, result, predictions_dropped),
        curves=[charts_made.figure(functools.partial(
            charts.history_figure, result.history, key, total_epochs=job.train.epochs))
            for key in curve_metrics(job, result)],
        evaluation=_evaluation(locale, charts_made, result),
        code=_code(job, csv_filename),
        setup_json=job_to_json(job),
        generated=None if generated_at is None else generated_at.strftime("%Y-%m-%d %H:%M"),
    )


def failure_html(locale: ReportLocale, message: str) -> str:
    """Returns a small page standing in for a report that could not be built.

    Args:
        locale: The report's language.
        message: What went wrong, already in that language.

    Returns:
        A complete HTML document showing `message` (as text).
    """
    return templating.render("report_failure.html.j2", lang=locale.lang, message=message)


# --------------------------------------------------------------------------- pieces


@dataclass(frozen=True)
class Chart:
    """One chart of the report: plotly's markup, or a note saying why it is missing.

    Args:
        markup: The chart's `<div>` and script from `plotly.io.to_html`
            (its texts escaped by the chart builders), or None.
        note: Why the chart could not be drawn (text), or None.
    """

    markup: Markup | None = None
    note: str | None = None


class _Charts:
    """Draws the report's charts in one locale, numbering them in page order."""

    def __init__(self, locale: ReportLocale) -> None:
        self.locale = locale
        self.count = 0

    def figure(self, build: Callable[[], go.Figure]) -> Chart:
        """Returns one chart, or a note when `build` cannot draw it."""
        try:
            with i18n.using(self.locale.language):
                figure = build()
        except ValueError as error:
            return Chart(note=self.locale.text("report.chart_failed", message=error))
        self.count += 1
        div = figure.to_html(full_html=False, include_plotlyjs=False,
                             div_id=f"chart-{self.count}", config=PLOTLY_CONFIG)
        # plotly's own markup: its JSON escapes "<" and the builders escape its labels.
        return Chart(markup=Markup(div))


def _status(locale: ReportLocale, job: Job, result: JobResult) -> dict[str, Any]:
    kind = result.status if result.status in ("completed", "stopped", "failed") else "failed"
    epochs = job.train.epochs
    if kind == "completed":
        line = locale.text("report.status_completed", epochs=result.epochs_run,
                           elapsed=locale.duration(result.elapsed))
    elif kind == "stopped":
        line = locale.text("report.status_stopped", epoch=result.epochs_run, epochs=epochs)
    else:
        line = locale.text("report.status_failed", epoch=result.epochs_run, epochs=epochs)
    message = None
    if result.message:
        message = (locale.describe_message(result) if locale.describe_message
                   else result.message)
    summary = locale.text("report.summary", params=locale.fmt_int(job.model.total_params()),
                          heads=len(job.model.outputs), epochs=epochs)
    return {"kind": kind, "line": line, "message": message, "summary": summary}


def _setup(locale: ReportLocale, job: Job, dataset_label: str) -> dict[str, Any]:
    t = locale.text
    data, train = job.data, job.train

    def share(fraction: float) -> str:
        return t("report.percent", value=locale.number(round(100 * fraction, 1)))

    data_items = [(t("report.dataset"), dataset_label)]
    data_items += [(t(f"dataset.{data.name}.param.{key}"), locale.number(value))
                   for key, value in data.params]
    data_items += [(t("report.test_fraction"), share(data.test_fraction)),
                   (t("report.data_seed"), locale.fmt_int(data.seed))]
    train_items = [
        (t("report.optimizer"), t(f"optimizer.{train.optimizer}")),
        (t("report.learning_rate"), locale.number(train.learning_rate)),
        (t("report.epochs"), locale.fmt_int(train.epochs)),
        (t("report.batch_size"), locale.fmt_int(train.batch_size)),
        (t("report.validation_split"), share(train.validation_split)),
        (t("report.train_seed"), locale.fmt_int(train.seed)),
    ]
    if train.early_stopping_patience:
        train_items.append((t("report.early_stopping"),
                            locale.fmt_int(train.early_stopping_patience)))
    for head in job.model.outputs:
        loss = t(f"loss.{head.loss}")
        if len(job.model.outputs) > 1:
            loss = t("report.weighted_loss", loss=loss, weight=locale.number(head.loss_weight))
        train_items.append((t("report.head_loss", head=head.name), loss))
    counts = job.model.param_counts()
    return {"data": data_items, "training": train_items,
            "nodes": [_node_row(locale, job.model.node(name), counts[name])
                      for name in job.model.order],
            "total_params": locale.fmt_int(job.model.total_params())}


def _node_row(locale: ReportLocale, node: Node, params: int) -> dict[str, Any]:
    """One row of the network table: the node's name, type, units, activation, inputs."""
    t = locale.text
    kind = (t("report.head_type", task=t(f"task.{node.task}"), target=node.target)
            if node.type == "output" else node.type)
    activation = ""
    if node.type in ("dense", "output"):
        parts = [node.activation]
        if node.type == "dense" and node.dropout > 0:
            parts.append(t("report.dropout", rate=locale.number(node.dropout)))
        if node.type == "dense" and node.batch_norm:
            parts.append(t("report.batch_norm"))
        activation = ", ".join(parts)
    column_text = None
    if node.type == "input":
        names = list(node.columns)
        shown = names if len(names) <= COLUMNS_SHOWN else (
            names[:COLUMNS_SHOWN - 1] + ["…", names[-1]])
        column_text = t("report.columns", count=len(names), names=", ".join(shown))
    return {"name": node.name, "type": kind,
            "units": locale.fmt_int(node.units) if node.units else "",
            "activation": activation, "inputs": node.inputs, "columns": column_text,
            "shared": node.type == "dense" and len(node.inputs) > 1,
            "params": locale.fmt_int(params)}


def _loss_key(result: JobResult, head: str) -> str:
    return "loss" if len(result.heads) == 1 else f"{head}_loss"


def _metric(locale: ReportLocale, value: float | None) -> str:
    return locale.fmt_metric(math.nan if value is None else float(value))


def _metrics(locale: ReportLocale, result: JobResult,
             predictions_dropped: bool) -> dict[str, Any]:
    total = result.test_metrics.get("loss")
    if not result.heads:
        return {"note": "report.predictions_dropped" if predictions_dropped
                else "report.no_heads", "test_rows": None, "heads": [],
                "total_loss": (_metric(locale, total) if predictions_dropped
                               and total is not None else None)}
    first = next(iter(result.heads.values()))
    heads = []
    for name, head in result.heads.items():
        try:
            summary = evaluation.head_summary(head, THRESHOLD)
        except ValueError:  # scores of the wrong shape: show what is defined
            summary = {}
        loss = result.test_metrics.get(_loss_key(result, name), math.nan)
        keys = (("mae", "r2", "rmse") if head.task == "regression"
                else ("accuracy", "auc"))
        cards = [(locale.text("metric.loss"), _metric(locale, loss))]
        cards += [(locale.text(f"metric.{key}"), _metric(locale, summary.get(key)))
                  for key in keys]
        heads.append({"heading": _head_heading(locale, head), "cards": cards})
    return {"note": None, "heads": heads,
            "test_rows": locale.fmt_int(int(np.asarray(first.y_true).shape[0])),
            "total_loss": (_metric(locale, total) if len(result.heads) > 1
                           and total is not None else None)}


def _head_heading(locale: ReportLocale, head: HeadResult) -> str:
    return locale.text("report.head", head=head.name,
                       task=locale.text(f"task.{head.task}"), target=head.target)


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


def _evaluation(locale: ReportLocale, charts_made: _Charts,
                result: JobResult) -> list[dict[str, Any]]:
    heads = []
    for head in result.heads.values():
        entry: dict[str, Any] = {"heading": _head_heading(locale, head),
                                 "report": None, "report_error": None}
        if head.task == "regression":
            entry["charts"] = [charts_made.figure(lambda h=head: _predicted(locale, h))]
        else:
            entry["charts"] = [charts_made.figure(lambda h=head: _roc(locale, h)),
                               charts_made.figure(lambda h=head: _confusion(locale, h))]
            try:
                entry["report"] = _classification_rows(locale, head)
            except ValueError as error:
                entry["report_error"] = str(error)
        heads.append(entry)
    return heads


def _roc(locale: ReportLocale, head: HeadResult) -> go.Figure:
    curves = evaluation.roc_curves(head.y_true, head.y_score, head.classes)
    return charts.roc_figure(curves, classes=head.classes,
                             title=locale.text("report.roc_title", head=head.name))


def _confusion(locale: ReportLocale, head: HeadResult) -> go.Figure:
    matrix = evaluation.confusion(head.y_true, head.y_score, head.task, THRESHOLD)
    title = (locale.text("report.confusion_title_threshold", head=head.name,
                         threshold=locale.fmt_metric(THRESHOLD, 2))
             if head.task == "binary" else
             locale.text("report.confusion_title", head=head.name))
    return charts.confusion_figure(matrix, head.classes, title=title)


def _predicted(locale: ReportLocale, head: HeadResult) -> go.Figure:
    scatter, _ = charts.regression_figures(head.y_true, head.y_score, head.target)
    scatter.update_layout(title_text=locale.text("report.predicted_title", head=head.name,
                                                 target=head.target))
    return scatter


def _classification_rows(locale: ReportLocale, head: HeadResult) -> list[dict[str, Any]]:
    """scikit-learn's classification report of one head, formatted: one row per class."""
    frame = evaluation.report_frame(head.y_true, head.y_score, head.task,
                                    list(head.classes), THRESHOLD)
    rows = []
    for label, row in frame.iterrows():
        values = [locale.fmt_metric(value) if math.isfinite(value) else ""
                  for value in (float(row[c]) for c in ("precision", "recall", "f1-score"))]
        # Class labels are data (shown as code); sklearn's summary rows ("macro avg") are not.
        rows.append({"label": str(label), "is_class": label in head.classes,
                     "cells": [*values, locale.fmt_int(int(row["support"]))]})
    return rows


def _code(job: Job, csv_filename: str) -> dict[str, str | None]:
    try:
        return {"script": generate_script(job, csv_filename=csv_filename), "error": None}
    except ValueError as error:
        return {"script": None, "error": str(error)}

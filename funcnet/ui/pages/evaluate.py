"""The Evaluate page: how the last finished training does on its test set.

Classification heads get ROC, precision-recall and calibration curves
(one-vs-rest per class for several classes), a confusion matrix whose cells
list their test rows (`funcnet.ui.confusion_rows`), scikit-learn's
classification report and a score histogram; for a binary head one threshold
slider moves the point on the ROC curve and recomputes the matrix, the rows
and the report. Regression heads get
predicted-vs-true and residual plots with MAE and R². Above them, epoch
replay (`funcnet.ui.replay`) redraws all of it as it was at an earlier
epoch. Below, "Inside the network" (`funcnet.ui.inside`) shows what every
unit computes.
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import streamlit as st

from funcnet import i18n
from funcnet.analysis import charts, evaluation
from funcnet.i18n import N_
from funcnet.train.progress import format_duration
from funcnet.train.results import HeadResult
from funcnet.ui import (
    classroom,
    confusion_rows,
    datasets,
    fit_view,
    inside,
    replay,
    routes,
    runs,
    state,
    widgets,
)
from funcnet.ui.texts import fixed_language, fmt_int, fmt_metric, t, t_plot


def render() -> None:
    """Draws the whole Evaluate page."""
    runs.collect()
    st.title(t("eval.title"))
    run: runs.FinishedRun | None = state.get(state.EVAL_RUN)
    if run is None:
        st.info(t("eval.none"), icon=":material/info:")
        if classroom.shows_page(routes.BUILD):
            st.page_link(routes.BUILD, label=t("eval.to_build"),
                         icon=":material/model_training:")
        return
    _run_caption(run)
    frame = replay.chosen_frame(run)
    result = run.result
    heads = list(result.heads)
    name = heads[0]
    if len(heads) > 1:
        name = st.segmented_control(
            t("eval.head"), heads, default=heads[0], key=state.EVAL_HEAD,
            format_func=fixed_language(lambda n: t("eval.head_option", head=n,
                                                   task=t(f"task.{result.heads[n].task}"))),
        ) or heads[0]
    head = replay.head_at(result.heads[name], frame)
    if head.task == "regression":
        regression_view(head)
    else:
        classification_view(head, run)
    inside.section(run, frame)
    fit_view.fit_section(run)
    if result.model_bytes and classroom.shows("model_download"):
        st.download_button(
            t("eval.download"), data=result.model_bytes, file_name="funcnet-model.keras",
            mime="application/octet-stream", icon=":material/download:",
            help=t("eval.download_help"), key=state.DOWNLOAD,
        )


def _run_caption(run: runs.FinishedRun) -> None:
    job, result = run.job, run.result
    when = dt.datetime.fromtimestamp(run.finished_at).strftime("%H:%M:%S")
    st.caption(t(
        "eval.run_caption", data=datasets.label(job.data.name), epochs=result.epochs_run,
        total=job.train.epochs, status=t(f"status.{result.status}"),
        elapsed=format_duration(result.elapsed), when=when,
        params=fmt_int(job.model.total_params()),
    ))
    newer: runs.FinishedRun | None = state.get(state.LAST_RUN)
    if newer is not None and newer.job_id != run.job_id:
        st.warning(t("eval.newer_failed"), icon=":material/warning:")


def classification_view(head: HeadResult, run: runs.FinishedRun | None = None) -> None:
    """Draws the curves, confusion matrix and its rows, report and histogram of a classifier.

    Args:
        head: The head's test predictions.
        run: The run the head belongs to (its data set draws image-like rows);
            without it the cell rows are listed but not drawn.
    """
    classes = list(head.classes)
    binary = head.task == "binary"
    threshold = 0.5
    if binary and classroom.shows("threshold"):
        threshold = widgets.decimal_slider(
            t("eval.threshold"), 0.0, 1.0, 0.5, 0.01,
            key=f"{state.EVAL_THRESHOLD}.{head.name}", help=t("eval.threshold_help"),
        )
    summary = evaluation.head_summary(head, threshold)
    curves = evaluation.roc_curves(head.y_true, head.y_score, classes)
    matrix = evaluation.confusion(head.y_true, head.y_score, head.task, threshold)
    report = evaluation.report_frame(head.y_true, head.y_score, head.task, classes, threshold)
    cols = st.columns(4)
    cols[0].metric(t("metric.accuracy"), fmt_metric(summary["accuracy"]))
    cols[1].metric(t("metric.auc"), fmt_metric(summary["auc"]))
    if binary:
        positive = curves[classes[1]]
        fpr, tpr = evaluation.roc_point(positive, threshold)
        cols[2].metric(t("eval.tpr"), fmt_metric(tpr), help=t("eval.tpr_help"))
        cols[3].metric(t("eval.fpr"), fmt_metric(fpr), help=t("eval.fpr_help"))
        marker: tuple[float, float] | None = (fpr, tpr)
    else:
        cols[2].metric(t("eval.classes"), len(classes))
        cols[3].metric(t("eval.test_rows"), fmt_int(np.asarray(head.y_true).size))
        marker = None
    left, right = st.columns(2, gap="large")
    with left:
        figure = charts.roc_figure(curves, marker=marker, classes=classes,
                                   title=t("eval.roc_title"))
        widgets.plotly_chart(figure, theme=None, key="eval.roc")
    with right:
        figure = charts.confusion_figure(
            matrix, classes,
            title=t_plot("eval.confusion_title_threshold", threshold=fmt_metric(threshold, 2))
            if binary
            else t("eval.confusion_title"), clickable=True,
            selected=confusion_rows.chosen_cell(head.name, len(classes)))
        widgets.plotly_chart(figure, theme=None, key=confusion_rows.chart_key(head.name),
                             on_select="rerun", selection_mode="points")
    left, right = st.columns(2, gap="large")
    with left:
        figure = charts.precision_recall_figure(
            evaluation.precision_recall_curves(head.y_true, head.y_score, classes),
            classes=classes, marker=evaluation.precision_recall_point(
                head.y_true, head.y_score, threshold) if binary else None)
        widgets.plotly_chart(figure, theme=None, key="eval.precision_recall")
    with right:
        figure = charts.calibration_figure(
            evaluation.calibration_curves(head.y_true, head.y_score, classes), classes=classes)
        widgets.plotly_chart(figure, theme=None, key="eval.calibration")
    st.caption(t("eval.curves_caption"))
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown(f"**{t('eval.report_header')}**")
        st.dataframe(report_display(report), key="eval.report",
                     column_config={"": st.column_config.TextColumn(t("eval.report_row"))})
        st.caption(t("eval.report_caption"))
    with right:
        figure = charts.score_histogram(head.y_true, head.y_score, classes,
                                        threshold=threshold if binary else None)
        widgets.plotly_chart(figure, theme=None, key="eval.histogram")
    confusion_rows.rows_view(run, head, matrix, threshold)


def report_display(report: pd.DataFrame) -> pd.DataFrame:
    """Formats a classification report for reading.

    Args:
        report: `evaluation.report_frame` output.

    Returns:
        A copy with scores as 3-decimal texts; the cells scikit-learn leaves
        empty (precision and recall of the accuracy row) stay empty.
    """
    shown = report.copy()
    for column in ("precision", "recall", "f1-score"):
        shown[column] = ["" if not math.isfinite(v) else fmt_metric(v) for v in shown[column]]
    shown["support"] = [fmt_int(v) for v in shown["support"]]
    # scikit-learn's own row and column names are translated; class rows are the user's.
    shown = shown.rename(columns={name: i18n.gettext(name) for name in _REPORT_WORDS})
    rows = {name: i18n.gettext(name) for name in _REPORT_WORDS}
    shown.index = [rows[name] if i >= len(shown.index) - 3 and name in rows else name
                   for i, name in enumerate(shown.index)]
    return shown


_REPORT_WORDS = (N_("precision"), N_("recall"), N_("f1-score"), N_("support"),
                 N_("accuracy"), N_("macro avg"), N_("weighted avg"))
"""What `classification_report` calls its columns and summary rows (msgids)."""


def regression_view(head: HeadResult) -> None:
    """Draws predicted-vs-true and residual plots with MAE and R² for a regression head.

    Args:
        head: The head's test predictions.
    """
    metrics = evaluation.regression_metrics(head.y_true, head.y_score)
    cols = st.columns(4)
    cols[0].metric(t("metric.mae"), fmt_metric(metrics["mae"]))
    cols[1].metric(t("metric.r2"), fmt_metric(metrics["r2"]))
    cols[2].metric(t("metric.rmse"), fmt_metric(metrics["rmse"]))
    cols[3].metric(t("eval.test_rows"), fmt_int(np.asarray(head.y_true).size))
    predicted, residuals = charts.regression_figures(head.y_true, head.y_score, head.target)
    left, right = st.columns(2, gap="large")
    with left:
        widgets.plotly_chart(predicted, theme=None, key="eval.predicted")
    with right:
        widgets.plotly_chart(residuals, theme=None, key="eval.residuals")

"""The Evaluate page: how the last finished training does on its test set.

Classification heads get a ROC curve (one-vs-rest per class for several
classes), a confusion matrix, scikit-learn's classification report and a
score histogram; for a binary head one threshold slider moves the point on
the ROC curve and recomputes the matrix and the report. Regression heads get
predicted-vs-true and residual plots with MAE and R².
"""

from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import streamlit as st

from funcnet.analysis import charts, evaluation
from funcnet.train.progress import format_duration
from funcnet.train.results import HeadResult
from funcnet.ui import classroom, datasets, routes, runs, state, widgets
from funcnet.ui.texts import fixed_language, fmt_int, fmt_metric, t


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
    result = run.result
    heads = list(result.heads)
    name = heads[0]
    if len(heads) > 1:
        name = st.segmented_control(
            t("eval.head"), heads, default=heads[0], key=state.EVAL_HEAD,
            format_func=fixed_language(lambda n: t("eval.head_option", head=n,
                                                   task=t(f"task.{result.heads[n].task}"))),
        ) or heads[0]
    head = result.heads[name]
    if head.task == "regression":
        regression_view(head)
    else:
        classification_view(head)
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


def classification_view(head: HeadResult) -> None:
    """Draws ROC, confusion matrix, report and score histogram of a classifier head.

    Args:
        head: The head's test predictions.
    """
    classes = list(head.classes)
    binary = head.task == "binary"
    threshold = 0.5
    if binary and classroom.shows("threshold"):
        threshold = st.slider(
            t("eval.threshold"), min_value=0.0, max_value=1.0, value=0.5, step=0.01,
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
            title=t("eval.confusion_title_threshold", threshold=f"{threshold:.2f}") if binary
            else t("eval.confusion_title"))
        widgets.plotly_chart(figure, theme=None, key="eval.confusion")
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
        shown[column] = ["" if not math.isfinite(v) else f"{v:.3f}" for v in shown[column]]
    return shown


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

"""Overfitting and size, as a page shows them: the gap chart, one reading, parameters per row.

The numbers come from `funcnet.analysis.fit_reading` and the chart from
`funcnet.analysis.charts.fit_gap_figure`; this module only words them in the
session's language. Evaluate draws `fit_section` (chart and text); Build &
Train's finished result draws `fit_lines` under its live curves.
"""

from __future__ import annotations

import streamlit as st

from funcnet import i18n
from funcnet.analysis import charts
from funcnet.analysis.fit_reading import (
    FitReading,
    SizeReading,
    fitted_rows,
    read_fit,
    size_reading,
)
from funcnet.ui import datasets, runs, widgets
from funcnet.ui.texts import Markdown, fmt_int, t


def _size(run: runs.FinishedRun) -> SizeReading:
    train_rows, _ = datasets.load(run.job.data).split_sizes
    return size_reading(run.job.model.total_params(),
                        fitted_rows(train_rows, run.job.train.validation_split))


def reading_text(reading: FitReading) -> Markdown:
    """Returns the one-line reading of a run's loss curves."""
    return t(f"fit.reading.{reading.reading}", best=reading.best_epoch or reading.last_epoch)


def size_text(size: SizeReading) -> Markdown:
    """Returns "1,251 parameters for 640 training rows: about 2 per row." (or rows per one)."""
    values = {"params": fmt_int(size.params), "rows": fmt_int(size.rows)}
    if size.per_row >= 1:
        return t("fit.size_per_row", **values, ratio=_ratio(size.per_row))
    return t("fit.size_rows_per", **values, ratio=_ratio(size.rows_per_param))


def _ratio(value: float) -> str:
    """A ratio as a person says it: 2, 12, 1.5 (one decimal under 10, none above)."""
    return fmt_int(round(value)) if value >= 10 or round(value, 1).is_integer() else (
        i18n.decimal(value, 1))


def fit_lines(run: runs.FinishedRun) -> None:
    """Draws the reading and the size line as one caption (Build & Train's result)."""
    if not run.result.history.get("loss"):
        return
    st.caption(f"{reading_text(read_fit(run.result.history))}  \n{size_text(_size(run))}")


def fit_section(run: runs.FinishedRun) -> None:
    """Draws Evaluate's "Overfitting and size": the gap chart beside its reading and size."""
    history = run.result.history
    if not history.get("loss"):
        return
    reading = read_fit(history)
    st.subheader(t("fit.header"))
    left, right = st.columns([3, 2], gap="large", vertical_alignment="center")
    with left:
        widgets.plotly_chart(charts.fit_gap_figure(reading, title=t("fit.gap_title")),
                             theme=None, key="eval.fit_gap")
    with right:
        st.markdown(reading_text(reading))
        st.markdown(size_text(_size(run)))
        if reading.best_epoch is not None:
            st.caption(t("fit.gap_caption"))

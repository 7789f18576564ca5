"""The test rows behind a confusion-matrix cell, on the Evaluate page (Orange's selected cell).

A click on a cell of the confusion matrix, or a select box, picks a cell
("true class → predicted class", with its count) or every misclassified
row; the rows are listed with their class probabilities (at most
`MAX_LISTED_ROWS`, a caption says how many in all),
and for image-like data (a feature count that is a square of at least 16,
such as Digits' 64) the first `MAX_IMAGES` are drawn as small grayscale
images with their true and predicted labels.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

from funcnet.analysis import charts, evaluation
from funcnet.train.results import HeadResult
from funcnet.ui import datasets, runs, state, widgets
from funcnet.ui.texts import fixed_language, fmt_int, language, t, text

MAX_LISTED_ROWS = 200
"""Most rows the table lists (the caption gives the full count)."""
MAX_IMAGES = 12
"""Most rows drawn as images."""

MISCLASSIFIED = "misclassified"
"""The box's choice of every misclassified row (not `None`: a select box holding `None`
shows its placeholder, as if nothing were chosen)."""

Cell = tuple[int, int] | str
"""`(true code, predicted code)`, or `MISCLASSIFIED`."""


def cell_options(n_classes: int) -> list[Cell]:
    """Returns the choices of the cell box: misclassified first, then every cell row by row.

    Every cell is offered, even an empty one, so a choice survives a threshold
    that empties it (the caption then says the cell is empty).

    Args:
        n_classes: Classes of the head.

    Returns:
        `[MISCLASSIFIED, (0, 0), (0, 1), …, (k-1, k-1)]`.
    """
    return [MISCLASSIFIED, *((true, predicted) for true in range(n_classes)
                    for predicted in range(n_classes))]


def cell_key(head_name: str) -> str:
    """Returns the widget key of head `head_name`'s cell box in the session's language.

    The key carries the language: Streamlit keeps a select box's value as
    its label, so after EN -> PT a box under one key would go on showing the
    English label. The choice itself outlives the box under
    `EVAL_CELL.<head>` (a durable key), so the new box starts from it.

    Args:
        head_name: The head's name.

    Returns:
        A key such as `"eval.cell.output.pt"`.
    """
    return f"{state.EVAL_CELL}.{head_name}.{language()}"


def chart_key(head_name: str) -> str:
    """Returns the widget key of head `head_name`'s clickable confusion matrix."""
    return f"eval.confusion.{head_name}"


def chosen_cell(head_name: str, n_classes: int) -> Cell | None:
    """Follows a new click on the matrix, then returns the cell whose rows are listed.

    Called before the matrix is drawn, so that the figure outlines the cell
    a click has just picked: the chart's selection is in the session before
    the chart itself is drawn again.

    Args:
        head_name: The head's name.
        n_classes: Classes of the matrix.

    Returns:
        `(true, predicted)`, or `None` for every misclassified row.
    """
    follow_click(head_name, st.session_state.get(chart_key(head_name)), n_classes)
    # The select box's value as of this run (a choice just made in it counts), else
    # the durable choice the box will start from.
    cell = st.session_state.get(cell_key(head_name), state.get(f"{state.EVAL_CELL}.{head_name}"))
    if isinstance(cell, tuple) and all(0 <= int(v) < n_classes for v in cell):
        return cell
    return None


def clicked_cell(point: object, n_classes: int) -> Cell | None:
    """Reads one selected point of the clickable matrix as its cell.

    The selection comes from the browser, so anything else (another trace,
    a missing, non-integer or out-of-range index, a point that is not a
    mapping) is no cell rather than an error.

    Args:
        point: One entry of the chart's `selection.points`.
        n_classes: Classes of the matrix (`k`).

    Returns:
        `(true, predicted)` = `divmod(index, k)`, or `None`.
    """
    if not isinstance(point, Mapping) or point.get("curve_number") != charts.CELL_TRACE:
        return None
    index = point.get("point_index", point.get("point_number"))
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < n_classes**2:
        return None
    true, predicted = divmod(index, n_classes)
    return true, predicted


def follow_click(head_name: str, selection: Any, n_classes: int) -> None:
    """Makes a click on a confusion-matrix cell the cell whose rows are listed.

    The chart (`charts.confusion_figure(..., clickable=True)`, drawn with
    `on_select="rerun"`) keeps its selection across reruns, so only a new
    click counts: afterwards the select box may pick another cell.

    Args:
        head_name: The head's name.
        selection: The chart's selection state (`st.plotly_chart(...,
            on_select="rerun")`'s value, kept in the session under its key).
        n_classes: Classes of the matrix (`k`: point `i` is `divmod(i, k)`).
    """
    points = []
    with contextlib.suppress(AttributeError, KeyError, TypeError):
        points = list(selection["selection"]["points"])
    cells = [cell for point in points if (cell := clicked_cell(point, n_classes)) is not None]
    clicked = cells[-1] if cells else None
    last = f"{state.EVAL_CELL}.{head_name}.clicked"
    if clicked == st.session_state.get(last):
        return
    st.session_state[last] = clicked
    if clicked is not None:
        state.put(f"{state.EVAL_CELL}.{head_name}", clicked)
        st.session_state[cell_key(head_name)] = clicked


def rows_view(run: runs.FinishedRun | None, head: HeadResult, matrix: np.ndarray,
              threshold: float) -> None:
    """Draws the cell picker, the listed rows and, for image-like data, their images.

    Args:
        run: The finished run (its data set gives the rows' pixels); `None`
            lists the rows without images.
        head: The head's test predictions.
        matrix: The head's confusion matrix at `threshold`.
        threshold: Binary only: class 1 when the score is above it.
    """
    classes = [str(c) for c in head.classes]
    wrong = int(matrix.sum() - np.trace(matrix))

    def option_label(option: Cell) -> str:
        if option == MISCLASSIFIED:
            return text("eval.cell_misclassified", count=fmt_int(wrong))
        true, predicted = option
        return text("eval.cell_option", true=classes[true], predicted=classes[predicted],
                    count=fmt_int(int(matrix[true, predicted])))

    st.markdown(f"**{t('eval.rows_header')}**")
    options = cell_options(len(classes))
    chosen = f"{state.EVAL_CELL}.{head.name}"
    remembered = state.get(chosen)
    if remembered not in options:  # a cell of another run's larger matrix
        remembered = MISCLASSIFIED
    cell: Cell = st.selectbox(
        t("eval.cell"), options, **state.bound_choice(cell_key(head.name), options, remembered),
        format_func=fixed_language(option_label), help=t("eval.cell_help"),
    )
    state.put(chosen, cell)
    rows = evaluation.cell_rows(head.y_true, head.y_score, head.task,
                                None if cell == MISCLASSIFIED else cell, threshold)
    if rows.size == 0:
        st.caption(t("eval.rows_none"))
        return
    listed = rows[:MAX_LISTED_ROWS]
    frame = evaluation.rows_frame(head.y_true, head.y_score, head.task, classes, listed,
                                  threshold)
    st.dataframe(widgets.localized_table(_shown(frame), _patterns(classes)),
                 key=f"eval.rows.{head.name}")
    if rows.size > listed.size:
        st.caption(t("eval.rows_first", shown=fmt_int(listed.size), count=fmt_int(rows.size)))
    else:
        st.caption(t("eval.rows_all", n=int(rows.size), count=fmt_int(rows.size)))
    pixels = image_pixels(run, head, rows[:MAX_IMAGES])
    if pixels is not None:
        figure = charts.image_grid(pixels, frame["true"].iloc[:MAX_IMAGES].tolist(),
                                   frame["predicted"].iloc[:MAX_IMAGES].tolist())
        widgets.plotly_chart(figure, theme=None, key=f"eval.images.{head.name}")


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.rename(columns={"true": text("eval.col_true"),
                                  "predicted": text("eval.col_predicted")})
    shown.index.name = text("eval.col_row")
    return shown


def _patterns(classes: Sequence[str]) -> dict[str, str]:
    return {f"P({name})": "{:.3f}" for name in classes}


def image_pixels(run: runs.FinishedRun | None, head: HeadResult,
                 rows: np.ndarray) -> np.ndarray | None:
    """Returns the chosen test rows' features in original units, if the data are images.

    The rows are the run's own test rows only when the page's copy of the
    data set is the whole set (not a generated sample) and its test targets
    are the head's; otherwise nothing is drawn rather than the wrong rows.

    Args:
        run: The finished run (`None`: nothing to draw).
        head: The head whose test rows `rows` index.
        rows: Positions in the test set.

    Returns:
        `(len(rows), s*s)` pixel values, or `None` when the data set is not
        image-like or its rows cannot be matched.
    """
    if run is None:
        return None
    try:
        dataset = datasets.load(run.job.data)
    except (ValueError, OSError):  # an upload removed by the quota since the run
        return None
    if dataset.sizes is not None or charts.image_side(len(dataset.features)) is None:
        return None
    truth = dataset.y_test[head.target].to_numpy() if head.target in dataset.y_test else None
    n = np.asarray(head.y_true).size
    if truth is None or truth.size < n or not np.array_equal(truth[:n], head.y_true):
        return None
    x = dataset.x_test[list(dataset.features)].to_numpy(float)[np.asarray(rows, dtype=int)]
    return x * dataset.feature_scale + dataset.feature_mean

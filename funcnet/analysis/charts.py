"""Plotly figures for every chart funcnet shows: arrays in, `go.Figure` out.

Charts never compute metrics: `funcnet.analysis.evaluation` does that with
scikit-learn, and the builders here only draw what they are given (the
`ConfusionMatrixDisplay` split of scikit-learn). Pages only call
`st.plotly_chart(fig, theme=None)` on the results.

Every figure shares one look, made to be read on a projector: a white
template, large type, a title, axis titles, a hover template on every trace
and a height that suits a 1280-px-wide page (the width follows the
container). Colours are fixed per series across all charts: training and
validation always have the same two colours, class `i` always has
`class_color(i)`, and each activation has `activation_color(name)`, keyed by
its position in `funcnet.model.activations.ACTIVATIONS` so adding an activation at
the end never recolours the others.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import plotly.colors as pcolors
import plotly.graph_objects as go
import plotly.io as pio

from funcnet.model.activations import ACTIVATIONS, get_activation

# ---------------------------------------------------------------------------
# Palette: one colour per series, the same in every chart.

TRAIN_COLOR = "#0072B2"
"""Training curves (Okabe-Ito blue)."""

VALIDATION_COLOR = "#D55E00"
"""Validation curves (Okabe-Ito vermillion); also drawn dashed."""

TEST_COLOR = "#009E73"
"""Test-set points of regression charts (Okabe-Ito green)."""

REFERENCE_COLOR = "#7F7F7F"
"""Reference lines: chance diagonal, identity line, zero residual."""

MARKER_COLOR = "#111111"
"""Things the user moves: the threshold line and its ROC point."""

PARAMETER_COLOR = "#4C78A8"
"""Bars of the parameter-count chart."""

# Okabe-Ito (colour-blind safe, minus its yellow, too faint on a projector)
# followed by Paul Tol's muted colours for data sets with many classes.
CLASS_COLORS: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#332288",
    "#999933",
    "#882255",
    "#44AA99",
    "#AA4499",
    "#117733",
)
"""Qualitative palette for classes, by class code (cycled past its length)."""

_ACTIVATION_PALETTE: tuple[str, ...] = tuple(pcolors.qualitative.D3) + tuple(
    pcolors.qualitative.Dark24
)

ACTIVATION_COLORS: dict[str, str] = {
    name: _ACTIVATION_PALETTE[i % len(_ACTIVATION_PALETTE)] for i, name in enumerate(ACTIVATIONS)
}
"""Fixed colour of each activation, keyed by registry name."""

# ---------------------------------------------------------------------------
# Layout shared by every figure.

FIGURE_HEIGHT = 460
"""Default figure height in pixels; the width follows the page container."""

SQUARE_FIGURE_HEIGHT = 540
"""Height of figures with equal x and y scales (data, boundaries, matrices)."""

FONT_SIZE = 16
"""Base font size: readable from the back of a classroom."""

_FONT_FAMILY = "Inter, 'Source Sans Pro', 'Helvetica Neue', Arial, sans-serif"
_GRID_COLOR = "#E5E5E5"
_ZERO_LINE_COLOR = "#A0A0A0"

_TEMPLATE = go.layout.Template(pio.templates["plotly_white"])
_TEMPLATE.layout.update(
    font={"family": _FONT_FAMILY, "size": FONT_SIZE, "color": "#222222"},
    colorway=list(CLASS_COLORS),
    hoverlabel={"font": {"size": FONT_SIZE - 1}},
    xaxis={"gridcolor": _GRID_COLOR, "zerolinecolor": _ZERO_LINE_COLOR, "automargin": True},
    yaxis={"gridcolor": _GRID_COLOR, "zerolinecolor": _ZERO_LINE_COLOR, "automargin": True},
)

_WAITING_TEXT = "Waiting for the first epoch…"
# Share of white in decision-region colours: light enough for points to stand out.
_BACKGROUND_WHITE = 0.6

# Keras metric names (the part after an optional "val_" and "<head>_").
_METRIC_NAMES = {
    "loss": "loss",
    "accuracy": "accuracy",
    "auc": "AUC",
    "mae": "mean absolute error",
    "mse": "mean squared error",
    "rmse": "root mean squared error",
}
# Metrics bounded to [0, 1]: their y axis is fixed so a live curve does not jump.
_UNIT_METRICS = ("accuracy", "auc")


class RocLike(Protocol):
    """Anything with `fpr`, `tpr` and `auc` attributes (e.g. `evaluation.RocCurve`)."""

    fpr: Any
    tpr: Any
    auc: float


# ---------------------------------------------------------------------------
# Public colour and label helpers.


def class_color(index: int) -> str:
    """Returns the colour of class code `index` (the palette cycles).

    Args:
        index: Class code, 0-based.

    Returns:
        A hex colour string.
    """
    return CLASS_COLORS[int(index) % len(CLASS_COLORS)]


def activation_color(name: str) -> str:
    """Returns the fixed colour of activation `name`.

    Args:
        name: Registry key, e.g. `"relu"`.

    Returns:
        A hex colour string.

    Raises:
        ValueError: If `name` is not a registered activation.
    """
    get_activation(name)
    return ACTIVATION_COLORS[name]


def metric_label(key: str) -> str:
    """Turns a Keras history key into a readable label.

    `"loss"` -> `"Loss"`, `"val_auc"` -> `"Validation AUC"`,
    `"label_loss"` -> `"Loss (label)"`, `"val_value_mae"` ->
    `"Validation mean absolute error (value)"`. Unknown keys come back as
    they are, first letter capitalised.

    Args:
        key: A Keras history or `evaluate` key.

    Returns:
        The label.
    """
    validation = key.startswith("val_")
    base = key[4:] if validation else key
    text = base
    # Longest suffix first so "rmse" is not read as "<head>_r" + "mse".
    for metric in sorted(_METRIC_NAMES, key=len, reverse=True):
        if base == metric:
            text = _METRIC_NAMES[metric]
            break
        if base.endswith("_" + metric):
            text = f"{_METRIC_NAMES[metric]} ({base[: -len(metric) - 1]})"
            break
    if validation:
        text = f"validation {text}"
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------------------
# Layout helpers (public: `funcnet.analysis.run_charts` draws with the same look).


def finish_layout(
    fig: go.Figure,
    title: str,
    x_title: str,
    y_title: str,
    *,
    legend: str = "top",
    height: int = FIGURE_HEIGHT,
    square: bool = False,
) -> go.Figure:
    """Applies the shared look; explicit layout values survive Streamlit's theme.

    Square figures keep one x unit as long as one y unit; plotly centres
    such a plot in a wide container, so their top legend is centred too.

    Args:
        fig: The figure, changed in place.
        title: Figure title.
        x_title: X axis title.
        y_title: Y axis title.
        legend: `"top"` (horizontal, between title and plot), `"right"`,
            `"inside"` (bottom-right corner of the plot) or `"none"`.
        height: Figure height in pixels.
        square: Whether one x unit is as long as one y unit.

    Returns:
        `fig`.
    """
    top = 64
    legend_layout: dict[str, Any]
    if legend == "top":
        # Hung from the figure's top edge just under the title: a legend that wraps
        # onto more lines grows down and pushes the plot (automargin) instead of
        # growing up into the title.
        legend_layout = {
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 1.0 - 50 / height,
            "xanchor": "center" if square else "left",
            "x": 0.5 if square else 0.0,
            "traceorder": "normal",
        }
    elif legend == "inside":
        legend_layout = {
            "orientation": "v",
            "yanchor": "bottom",
            "y": 0.03,
            "xanchor": "right",
            "x": 0.98,
            "bgcolor": "rgba(255,255,255,0.85)",
            "bordercolor": _GRID_COLOR,
            "borderwidth": 1,
        }
    else:
        legend_layout = {"orientation": "v", "yanchor": "top", "y": 1.0, "x": 1.02}
    fig.update_layout(
        template=_TEMPLATE,
        height=height,
        font={"family": _FONT_FAMILY, "size": FONT_SIZE, "color": "#222222"},
        title={
            "text": title,
            "x": 0.0,
            "xref": "paper",
            "xanchor": "left",
            "y": 1.0,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 14},
            "font": {"size": FONT_SIZE + 4},
        },
        margin={"l": 72, "r": 28, "t": top, "b": 64},
        legend=legend_layout,
        showlegend=legend != "none",
        hoverlabel={"font": {"size": FONT_SIZE - 1}},
    )
    fig.update_xaxes(title_text=x_title, title_standoff=8)
    fig.update_yaxes(title_text=y_title, title_standoff=8)
    if square:
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")
    return fig


def _vector(name: str, values: Any) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, received shape {array.shape}.")
    return array


def _codes(name: str, values: Any, n_classes: int) -> np.ndarray:
    array = np.asarray(values)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, received shape {array.shape}.")
    if array.size and not np.issubdtype(array.dtype, np.number):
        raise ValueError(
            f"{name} must hold class codes 0..{n_classes - 1}, received dtype {array.dtype}."
        )
    codes = array.astype(int)
    if array.size and (
        not np.array_equal(codes, array) or codes.min() < 0 or codes.max() >= n_classes
    ):
        raise ValueError(
            f"{name} must hold class codes 0..{n_classes - 1} (one per class), "
            f"received values from {array.min()!r} to {array.max()!r}."
        )
    return codes


def _labels(name: str, values: Sequence[Any], minimum: int = 1) -> list[str]:
    labels = [str(v) for v in values]
    if len(labels) < minimum:
        raise ValueError(f"{name} needs at least {minimum} label(s), received {labels!r}.")
    if len(set(labels)) != len(labels):
        raise ValueError(f"{name} must not repeat a label, received {labels!r}.")
    return labels


def _points(name: str, values: Any) -> np.ndarray:
    array = np.asarray(values, dtype=float)
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"{name} must have shape (n, 2), received shape {array.shape}.")
    return array


def _check_total_epochs(total_epochs: int | None) -> None:
    if total_epochs is not None and (
        isinstance(total_epochs, bool) or not isinstance(total_epochs, int) or total_epochs < 1
    ):
        raise ValueError(f"total_epochs must be a whole number >= 1, received {total_epochs!r}.")


def epoch_axis(fig: go.Figure, n_values: int, total_epochs: int | None) -> None:
    """Fixes the epoch axis to [1, total] so a live curve grows into a stable frame.

    Args:
        fig: The figure, changed in place.
        n_values: The longest curve's number of epochs.
        total_epochs: Planned epochs (the axis' end), or `None` to fit the curves.
    """
    last = max(total_epochs or 0, n_values, 1)
    if total_epochs is not None:
        fig.update_xaxes(range=[1, last], autorange=False)
    elif n_values == 0:
        fig.update_xaxes(range=[1, 10], autorange=False)
    # Plotly picks half-epoch ticks on short ranges; epochs are whole numbers.
    if last <= 12:
        fig.update_xaxes(tick0=1, dtick=1)
    else:
        fig.update_xaxes(tickformat="d")


def _marker_size(n_points: int) -> int:
    return 7 if n_points <= 60 else 4


def annotate_empty(fig: go.Figure, text: str) -> None:
    """Writes `text` in grey across the middle of a figure that has nothing to draw.

    Args:
        fig: The figure, changed in place.
        text: What to say, e.g. `"No runs to compare yet"`.
    """
    fig.add_annotation(
        text=text,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font={"size": FONT_SIZE + 2, "color": REFERENCE_COLOR},
    )


def _tint(color: str, white_share: float) -> str:
    """Returns `color` mixed with `white_share` of white (for backgrounds)."""
    rgb = pcolors.hex_to_rgb(color)
    mixed = pcolors.find_intermediate_color(rgb, (255, 255, 255), white_share)
    return pcolors.label_rgb(tuple(round(c) for c in mixed))


def _roc_parts(name: str, curve: Any) -> tuple[np.ndarray, np.ndarray, float, Any]:
    if all(hasattr(curve, attr) for attr in ("fpr", "tpr", "auc")):
        fpr, tpr, auc = curve.fpr, curve.tpr, curve.auc
        thresholds = getattr(curve, "thresholds", None)
    elif isinstance(curve, Sequence) and len(curve) == 3:
        fpr, tpr, auc = curve
        thresholds = None
    else:
        raise ValueError(
            f"ROC curve {name!r} must be an (fpr, tpr, auc) tuple or have fpr, tpr and auc "
            f"attributes, received {type(curve).__name__}."
        )
    fpr_arr = _vector(f"ROC curve {name!r} fpr", fpr)
    tpr_arr = _vector(f"ROC curve {name!r} tpr", tpr)
    if fpr_arr.shape != tpr_arr.shape:
        raise ValueError(
            f"ROC curve {name!r}: fpr and tpr must have the same length, received "
            f"{fpr_arr.size} and {tpr_arr.size}."
        )
    return fpr_arr, tpr_arr, float(auc), thresholds


def _history_series(
    where: str, history: Mapping[str, Sequence[float]], metric: str
) -> tuple[list[float] | None, list[float] | None]:
    """Returns (training, validation) values of `metric`; raises if it is unknown."""
    train = history.get(metric)
    val = history.get(f"val_{metric}")
    if train is None and val is None and any(len(v) for v in history.values()):
        known = ", ".join(sorted(history))
        raise ValueError(
            f"{where}: no history key {metric!r} (or 'val_{metric}'). Known keys: {known}."
        )
    return (
        None if train is None else [float(v) for v in train],
        None if val is None else [float(v) for v in val],
    )


# ---------------------------------------------------------------------------
# Training curves.


def history_figure(
    history: Mapping[str, Sequence[float]],
    metric: str,
    total_epochs: int | None = None,
    title: str | None = None,
) -> go.Figure:
    """Draws the training and validation curve of one metric per epoch.

    The training values come from `history[metric]`, the validation values
    (drawn dashed) from `history["val_" + metric]` when that key exists.
    Passing `"val_loss"` as `metric` is read as `"loss"`. Accuracy and AUC
    keep a fixed 0..1 y axis.

    Args:
        history: Keras history: key -> one value per finished epoch.
        metric: Training key, e.g. `"loss"`, `"accuracy"`, `"auc"`, `"mae"`
            or a per-head key such as `"label_loss"`.
        total_epochs: Epochs the run will do. When given, the x axis is
            fixed to `[1, total_epochs]` so a live curve grows into a
            stable frame (widened if more epochs than that were run).
        title: Figure title; default `"<Metric> per epoch"`.

    Returns:
        The figure. With no finished epoch yet it has no traces and a
        "waiting for the first epoch" note.

    Raises:
        ValueError: If the history has values but no key `metric` nor
            `val_<metric>`, or `total_epochs` is not a whole number >= 1.
    """
    _check_total_epochs(total_epochs)
    if metric.startswith("val_") and metric[4:] in history:
        metric = metric[4:]
    train, val = _history_series("history_figure", history, metric)
    label = metric_label(metric)
    fig = go.Figure()
    n_values = max(len(train or ()), len(val or ()))
    size = _marker_size(max(n_values, total_epochs or 0))
    series = (
        ("Training", train, TRAIN_COLOR, "solid"),
        ("Validation", val, VALIDATION_COLOR, "dash"),
    )
    if n_values:
        for name, values, color, dash in series:
            if values is None:
                continue
            fig.add_trace(
                go.Scatter(
                    x=list(range(1, len(values) + 1)),
                    y=values,
                    name=name,
                    mode="lines+markers",
                    line={"color": color, "width": 3, "dash": dash},
                    marker={"color": color, "size": size},
                    cliponaxis=False,
                    hovertemplate=f"Epoch %{{x}}<br>{name} {label.lower()}: "
                    "%{y:.4g}<extra></extra>",
                )
            )
    else:
        annotate_empty(fig, _WAITING_TEXT)
    finish_layout(fig, title or f"{label} per epoch", "Epoch", label)
    epoch_axis(fig, n_values, total_epochs)
    base = metric.rsplit("_", 1)[-1]
    if base in _UNIT_METRICS or not n_values:
        fig.update_yaxes(range=[0, 1], autorange=False)
    else:
        # Losses and errors are >= 0: anchoring at 0 keeps the frame steady while live.
        fig.update_yaxes(rangemode="tozero")
    return fig


def comparison_curves(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "val_loss",
    total_epochs: int | None = None,
    title: str | None = None,
) -> go.Figure:
    """Overlays one metric's curve from several runs, one per activation.

    Each run is keyed by the activation it tried; a registered activation
    gets its fixed colour and display label, any other key a colour of its
    own and the key as its name. A run with no finished epoch yet is an
    empty trace, so the legend still lists it.

    Args:
        histories: Run key (an activation name) -> Keras history.
        metric: History key to compare, e.g. `"val_loss"`.
        total_epochs: When given, the x axis is fixed to `[1, total_epochs]`.
        title: Figure title; default `"<Metric> by activation"`.

    Returns:
        The figure, one trace per run in the mapping's order.

    Raises:
        ValueError: If a run has values but not `metric`, or
            `total_epochs` is not a whole number >= 1.
    """
    _check_total_epochs(total_epochs)
    label = metric_label(metric)
    fig = go.Figure()
    longest = 0
    for i, (key, history) in enumerate(histories.items()):
        values = history.get(metric)
        if values is None and any(len(v) for v in history.values()):
            known = ", ".join(sorted(history))
            raise ValueError(
                f"comparison_curves: run {key!r} has no history key {metric!r}. "
                f"Known keys: {known}."
            )
        values = [float(v) for v in values or ()]
        longest = max(longest, len(values))
        if key in ACTIVATIONS:
            color, name = ACTIVATION_COLORS[key], ACTIVATIONS[key].label
        else:
            color = _ACTIVATION_PALETTE[(len(ACTIVATIONS) + i) % len(_ACTIVATION_PALETTE)]
            name = str(key)
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=values,
                name=name,
                mode="lines+markers",
                line={"color": color, "width": 3},
                marker={"color": color, "size": 6},
                cliponaxis=False,
                hovertemplate=f"{name}<br>Epoch %{{x}}<br>{label}: %{{y:.4g}}<extra></extra>",
            )
        )
    if not histories:
        annotate_empty(fig, "No runs to compare yet")
    elif not longest:
        annotate_empty(fig, _WAITING_TEXT)
    finish_layout(fig, title or f"{label} by activation", "Epoch", label, legend="right")
    epoch_axis(fig, longest, total_epochs)
    if metric.rsplit("_", 1)[-1] in _UNIT_METRICS:
        fig.update_yaxes(range=[0, 1], autorange=False)
    else:
        fig.update_yaxes(rangemode="tozero")
    return fig


# ---------------------------------------------------------------------------
# Classification results.


def roc_figure(
    curves: Mapping[str, RocLike | tuple[Any, Any, float]],
    marker: tuple[float, float] | None = None,
    title: str | None = None,
    classes: Sequence[str] | None = None,
) -> go.Figure:
    """Draws ROC curves with their AUC, the chance diagonal and a threshold point.

    Args:
        curves: Class label -> curve: an `(fpr, tpr, auc)` tuple or any
            object with `fpr`, `tpr` and `auc` attributes (such as
            `evaluation.RocCurve`; its `thresholds`, if present, show on
            hover). Binary tasks have one curve, keyed by the positive class.
        marker: `(fpr, tpr)` of the current threshold, drawn as a point.
        title: Figure title; default `"ROC curve"` (`"ROC curves (one vs
            rest)"` with several curves).
        classes: All class labels in code order, so each curve gets its
            class's colour (the binary curve the colour of class 1). Without
            it curves are coloured in the mapping's order.

    Returns:
        The figure: the chance diagonal, one trace per curve (named
        `"<class> (AUC = 0.923)"`), then the marker if given.

    Raises:
        ValueError: If there is no curve, a curve is malformed, or the
            marker lies outside the unit square.
    """
    if not curves:
        raise ValueError("roc_figure needs at least one ROC curve, received none.")
    class_list = [str(c) for c in classes] if classes is not None else None
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0.0, 1.0],
            y=[0.0, 1.0],
            name="Chance (AUC = 0.5)",
            mode="lines",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
            legendrank=2000,
            hovertemplate="Chance: TPR = FPR<extra></extra>",
        )
    )
    for i, (name, curve) in enumerate(curves.items()):
        fpr, tpr, auc, thresholds = _roc_parts(name, curve)
        index = class_list.index(str(name)) if class_list and str(name) in class_list else i
        auc_text = f"{auc:.3f}" if math.isfinite(auc) else "n/a"
        hover = "FPR %{x:.3f}<br>TPR %{y:.3f}"
        customdata = None
        if thresholds is not None and np.size(thresholds) == fpr.size:
            # sklearn's first threshold is +inf; show it as blank rather than "inf".
            customdata = np.where(np.isfinite(thresholds), thresholds, np.nan)
            hover += "<br>Threshold %{customdata:.3f}"
        fig.add_trace(
            go.Scatter(
                x=fpr,
                y=tpr,
                customdata=customdata,
                name=f"{name} (AUC = {auc_text})",
                mode="lines",
                line={"color": class_color(index), "width": 3},
                cliponaxis=False,
                hovertemplate=f"{name}<br>{hover}<extra></extra>",
            )
        )
    if marker is not None:
        mx, my = (float(v) for v in marker)
        if not (0.0 <= mx <= 1.0 and 0.0 <= my <= 1.0):
            raise ValueError(f"marker must be an (fpr, tpr) point in [0, 1]², received {marker!r}.")
        fig.add_trace(
            go.Scatter(
                x=[mx],
                y=[my],
                name="Current threshold",
                mode="markers",
                marker={
                    "color": "white",
                    "size": 16,
                    "symbol": "circle",
                    "line": {"color": MARKER_COLOR, "width": 3},
                },
                cliponaxis=False,
                legendrank=1500,
                hovertemplate="Current threshold<br>FPR %{x:.3f}<br>TPR %{y:.3f}<extra></extra>",
            )
        )
    default_title = "ROC curve" if len(curves) == 1 else "ROC curves (one vs rest)"
    finish_layout(
        fig, title or default_title, "False positive rate", "True positive rate", legend="inside"
    )
    # A little past [0, 1] so curves running along an edge stay visible beside the axis.
    fig.update_xaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    fig.update_yaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    return fig


def confusion_figure(
    matrix: np.ndarray, labels: Sequence[str], title: str | None = None
) -> go.Figure:
    """Draws a confusion matrix as a heatmap with the counts in the cells.

    Rows are true classes, top to bottom in `labels` order; columns are
    predicted classes, left to right (scikit-learn's `confusion_matrix`
    layout). Hovering a cell shows the true and predicted class, the count
    and its share of the row (the share of that true class).

    Args:
        matrix: `(k, k)` counts, e.g. from `evaluation.confusion`.
        labels: The `k` class labels in code order.
        title: Figure title; default `"Confusion matrix"`.

    Returns:
        The figure, one `Heatmap` trace whose `z` is `matrix`.

    Raises:
        ValueError: If `matrix` is not square or does not match `labels`.
    """
    counts = np.asarray(matrix)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"matrix must be square (k, k), received shape {counts.shape}.")
    names = _labels("labels", labels)
    if len(names) != counts.shape[0]:
        raise ValueError(
            f"labels has {len(names)} labels but matrix is {counts.shape[0]}×{counts.shape[1]}."
        )
    row_totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(row_totals > 0, counts / np.where(row_totals == 0, 1, row_totals), 0.0)
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=names,
            y=names,
            customdata=share,
            colorscale="Blues",
            zmin=0,
            texttemplate="%{z}",
            textfont={"size": FONT_SIZE + 2},
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate="True: %{y}<br>Predicted: %{x}<br>Count: %{z}"
            "<br>Share of row: %{customdata:.1%}<extra></extra>",
            name="Confusion matrix",
        )
    )
    finish_layout(
        fig,
        title or "Confusion matrix",
        "Predicted",
        "True",
        legend="none",
        height=max(SQUARE_FIGURE_HEIGHT, 40 * len(names) + 180),
        square=True,
    )
    # Category axes: labels such as "0" and "1" must not be read as numbers.
    fig.update_xaxes(type="category", showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def score_histogram(
    y_true: np.ndarray,
    y_score: np.ndarray,
    classes: Sequence[str],
    threshold: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Overlays histograms of the predicted scores, one per true class.

    Binary: `y_score` is P(class 1) per sample (a `(n, 2)` array is read as
    its second column) and the chart shows how well the two true classes
    are separated, with the decision threshold as a vertical line.
    Multiclass: pass the highest class probability per sample (the model's
    confidence), or the `(n, k)` probabilities and the maximum per row is
    taken here; the histograms then show how confident the model is on
    each true class.

    Args:
        y_true: `(n,)` class codes.
        y_score: `(n,)` scores in [0, 1], or `(n, k)` probabilities.
        classes: Class labels in code order (at least two).
        threshold: Where to draw the decision threshold, in [0, 1].
        title: Figure title; default `"Scores by true class"` (binary) or
            `"Model confidence by true class"`.

    Returns:
        The figure: one `Histogram` trace per class named `"True: <class>"`
        on shared 0.05-wide bins over [0, 1] (overlaid for binary, stacked
        for multiclass, where overlaying many classes turns to mud), plus a
        vertical line shape at `threshold` when given.

    Raises:
        ValueError: If shapes do not match, codes fall outside the classes,
            or `threshold` is outside [0, 1].
    """
    names = _labels("classes", classes, minimum=2)
    scores = np.asarray(y_score, dtype=float)
    if scores.ndim == 2:
        if len(names) == 2 and scores.shape[1] == 2:
            scores = scores[:, 1]
        elif scores.shape[1] == len(names):
            scores = scores.max(axis=1)
        else:
            raise ValueError(
                f"y_score has {scores.shape[1]} columns but there are {len(names)} classes."
            )
    scores = _vector("y_score", scores)
    codes = _codes("y_true", y_true, len(names))
    if codes.size != scores.size:
        raise ValueError(
            f"y_true and y_score must have the same length, received {codes.size} and "
            f"{scores.size}."
        )
    binary = len(names) == 2
    x_title = f"Predicted P({names[1]})" if binary else "Highest class probability (confidence)"
    fig = go.Figure()
    for i, name in enumerate(names):
        fig.add_trace(
            go.Histogram(
                x=scores[codes == i],
                name=f"True: {name}",
                marker={"color": class_color(i), "line": {"color": "white", "width": 1}},
                opacity=0.65 if binary else 0.9,
                xbins={"start": 0.0, "end": 1.0, "size": 0.05},
                autobinx=False,
                hovertemplate=f"True: {name}<br>Score %{{x}}<br>Samples: %{{y}}<extra></extra>",
            )
        )
    if threshold is not None:
        t = float(threshold)
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], received {threshold!r}.")
        fig.add_vline(
            x=t,
            line={"color": MARKER_COLOR, "width": 3, "dash": "dash"},
            annotation={"text": f"threshold {t:.2f}", "font": {"size": FONT_SIZE - 1}},
            annotation_position="top",
        )
    default = "Scores by true class" if binary else "Model confidence by true class"
    finish_layout(fig, title or default, x_title, "Test samples")
    fig.update_layout(barmode="overlay" if binary else "stack", bargap=0.02)
    fig.update_xaxes(range=[0, 1], autorange=False)
    return fig


# ---------------------------------------------------------------------------
# Regression results.


def regression_figures(
    y_true: np.ndarray, y_pred: np.ndarray, target: str | None = None
) -> tuple[go.Figure, go.Figure]:
    """Draws predicted against true values, and residuals against predictions.

    Residuals are `y_true - y_pred` (scikit-learn's `PredictionErrorDisplay`
    convention): points above the zero line are under-predictions.

    Args:
        y_true: `(n,)` true values.
        y_pred: `(n,)` predictions.
        target: Target name for the titles, e.g. `"value"`.

    Returns:
        `(scatter, residuals)`. `scatter` has the test points and the
        identity line `y = x`; `residuals` has the points and a horizontal
        line shape at 0.

    Raises:
        ValueError: If the arrays are empty, not 1-D or differ in length.
    """
    truth = _vector("y_true", y_true)
    pred = _vector("y_pred", y_pred)
    if truth.size != pred.size or truth.size == 0:
        raise ValueError(
            f"y_true and y_pred must be non-empty and the same length, received {truth.size} "
            f"and {pred.size}."
        )
    suffix = f" — {target}" if target else ""
    marker = {
        "color": TEST_COLOR,
        "size": 8,
        "opacity": 0.7,
        "line": {"color": "white", "width": 1},
    }
    low = float(np.nanmin([truth.min(), pred.min()]))
    high = float(np.nanmax([truth.max(), pred.max()]))

    scatter = go.Figure()
    scatter.add_trace(
        go.Scatter(
            x=truth,
            y=pred,
            name="Test samples",
            mode="markers",
            marker=marker,
            hovertemplate="True %{x:.4g}<br>Predicted %{y:.4g}<extra></extra>",
        )
    )
    scatter.add_trace(
        go.Scatter(
            x=[low, high],
            y=[low, high],
            name="Perfect prediction (y = x)",
            mode="lines",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
            hovertemplate="Perfect prediction: %{x:.4g}<extra></extra>",
        )
    )
    finish_layout(
        scatter,
        f"Predicted vs true{suffix}",
        "True value",
        "Predicted value",
        square=True,
        height=SQUARE_FIGURE_HEIGHT,
    )

    residuals = go.Figure()
    residuals.add_trace(
        go.Scatter(
            x=pred,
            y=truth - pred,
            name="Test samples",
            mode="markers",
            marker=marker,
            customdata=truth,
            hovertemplate="Predicted %{x:.4g}<br>True %{customdata:.4g}"
            "<br>Residual %{y:.4g}<extra></extra>",
        )
    )
    residuals.add_hline(y=0, line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"})
    finish_layout(
        residuals,
        f"Residuals (true − predicted){suffix}",
        "Predicted value",
        "Residual",
    )
    return scatter, residuals


# ---------------------------------------------------------------------------
# 2-D data sets.


def _class_point_traces(
    points: np.ndarray, codes: np.ndarray, names: list[str], feature_names: Sequence[str]
) -> list[go.Scatter]:
    fx, fy = (str(f) for f in feature_names)
    return [
        go.Scatter(
            x=points[codes == i, 0],
            y=points[codes == i, 1],
            name=name,
            mode="markers",
            marker={
                "color": class_color(i),
                "size": 8,
                "line": {"color": "white", "width": 1},
            },
            hovertemplate=f"{name}<br>{fx} %{{x:.3f}}<br>{fy} %{{y:.3f}}<extra></extra>",
        )
        for i, name in enumerate(names)
    ]


def _feature_pair(feature_names: Sequence[str]) -> tuple[str, str]:
    if len(feature_names) != 2:
        raise ValueError(f"feature_names must name 2 features, received {feature_names!r}.")
    return str(feature_names[0]), str(feature_names[1])


def dataset_scatter(
    x: np.ndarray,
    y: np.ndarray,
    classes: Sequence[str],
    feature_names: Sequence[str] = ("x0", "x1"),
    title: str | None = None,
) -> go.Figure:
    """Draws a 2-D data set as points coloured by class.

    Args:
        x: `(n, 2)` feature values.
        y: `(n,)` class codes.
        classes: Class labels in code order.
        feature_names: Names of the two features (axis titles).
        title: Figure title; default `"Data"`.

    Returns:
        The figure, one marker trace per class in code order.

    Raises:
        ValueError: If `x` is not `(n, 2)`, lengths differ or codes fall
            outside the classes.
    """
    points = _points("x", x)
    names = _labels("classes", classes)
    codes = _codes("y", y, len(names))
    fx, fy = _feature_pair(feature_names)
    if codes.size != points.shape[0]:
        raise ValueError(
            f"x and y must have the same number of rows, received {points.shape[0]} and "
            f"{codes.size}."
        )
    fig = go.Figure(_class_point_traces(points, codes, names, (fx, fy)))
    finish_layout(fig, title or "Data", fx, fy, square=True, height=SQUARE_FIGURE_HEIGHT)
    return fig


def decision_boundary_figure(
    grid_x: np.ndarray,
    grid_y: np.ndarray,
    z: np.ndarray,
    x: np.ndarray,
    y: np.ndarray,
    classes: Sequence[str],
    title: str | None = None,
    feature_names: Sequence[str] = ("x0", "x1"),
) -> go.Figure:
    """Draws a model's prediction over the plane with the data points on top.

    Binary: `z` is P(class 1) on the grid, coloured from class 0's colour
    through white (0.5) to class 1's colour on a fixed 0..1 scale, with the
    0.5 contour drawn as the decision boundary. Multiclass: `z` is the
    predicted class code, each region in its class's (lighter) colour.

    Args:
        grid_x: `(gx,)` grid coordinates along the first feature.
        grid_y: `(gy,)` grid coordinates along the second feature.
        z: `(gy, gx)` values, row `i` at `grid_y[i]` (numpy `meshgrid`
            order).
        x: `(n, 2)` data points, in the grid's coordinates.
        y: `(n,)` class codes.
        classes: Class labels in code order.
        title: Figure title; default `"Decision boundary"`.
        feature_names: Names of the two features (axis titles).

    Returns:
        The figure: a `Heatmap` of `z`, (binary) a `Contour` of the 0.5
        line, then one marker trace per class.

    Raises:
        ValueError: If the shapes do not agree.
    """
    gx = _vector("grid_x", grid_x)
    gy = _vector("grid_y", grid_y)
    values = np.asarray(z, dtype=float)
    if values.shape != (gy.size, gx.size):
        raise ValueError(
            f"z must have shape (len(grid_y), len(grid_x)) = ({gy.size}, {gx.size}), "
            f"received {values.shape}."
        )
    points = _points("x", x)
    names = _labels("classes", classes, minimum=2)
    codes = _codes("y", y, len(names))
    if codes.size != points.shape[0]:
        raise ValueError(
            f"x and y must have the same number of rows, received {points.shape[0]} and "
            f"{codes.size}."
        )
    fx, fy = _feature_pair(feature_names)
    where = f"{fx} %{{x:.2f}}<br>{fy} %{{y:.2f}}"
    fig = go.Figure()
    if len(names) == 2:
        fig.add_trace(
            go.Heatmap(
                x=gx,
                y=gy,
                z=values,
                zmin=0.0,
                zmax=1.0,
                zsmooth="best",
                colorscale=[
                    [0.0, _tint(class_color(0), _BACKGROUND_WHITE)],
                    [0.5, "rgb(255,255,255)"],
                    [1.0, _tint(class_color(1), _BACKGROUND_WHITE)],
                ],
                # Horizontal, under the plot: a square plot is centred in a wide page,
                # so a colour bar at the right edge would float far from it.
                colorbar={
                    "title": {"text": f"P({names[1]})", "side": "right"},
                    "orientation": "h",
                    "x": 0.5,
                    "xanchor": "center",
                    "y": 0.0,
                    "yref": "container",
                    "yanchor": "bottom",
                    "ypad": 8,
                    "lenmode": "pixels",
                    "len": 260,
                    "thickness": 12,
                    "dtick": 0.25,
                },
                name=f"P({names[1]})",
                hovertemplate=f"{where}<br>P({names[1]}) %{{z:.2f}}<extra></extra>",
            )
        )
        fig.add_trace(
            go.Contour(
                x=gx,
                y=gy,
                z=values,
                contours={"start": 0.5, "end": 0.5, "size": 1.0, "coloring": "none"},
                line={"color": MARKER_COLOR, "width": 2},
                showscale=False,
                name="Boundary (P = 0.5)",
                hoverinfo="skip",
            )
        )
    else:
        k = len(names)
        # Piecewise-constant scale: code i maps to the band [i/k, (i+1)/k].
        scale: list[list[Any]] = []
        for i in range(k):
            tint = _tint(class_color(i), _BACKGROUND_WHITE)
            scale += [[i / k, tint], [(i + 1) / k, tint]]
        cell_names = np.asarray(names, dtype=object)[
            np.clip(np.rint(np.nan_to_num(values)), 0, k - 1).astype(int)
        ]
        fig.add_trace(
            go.Heatmap(
                x=gx,
                y=gy,
                z=values,
                zmin=-0.5,
                zmax=k - 0.5,
                colorscale=scale,
                showscale=False,
                customdata=cell_names,
                name="Predicted class",
                hovertemplate=f"{where}<br>Predicted %{{customdata}}<extra></extra>",
            )
        )
    for trace in _class_point_traces(points, codes, names, (fx, fy)):
        fig.add_trace(trace)
    binary = len(names) == 2
    finish_layout(
        fig,
        title or "Decision boundary",
        fx,
        fy,
        square=True,
        height=SQUARE_FIGURE_HEIGHT + (40 if binary else 0),
    )
    if binary:
        fig.update_layout(margin={"b": 104})
    # Grid and zero lines would only show around the heatmap's edges.
    fig.update_xaxes(showgrid=False, zeroline=False)
    fig.update_yaxes(showgrid=False, zeroline=False)
    return fig


# ---------------------------------------------------------------------------
# Activations and the model.


def activation_figure(
    names: Sequence[str],
    x: np.ndarray,
    derivative: bool = False,
    alphas: Mapping[str, float] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Plots activation functions (or their derivatives) from the registry.

    Each curve is `get_activation(name)(x, alpha)` (or `.derivative`).
    Softmax acts on a vector, so applying it to the whole `x` grid would
    mix every point with every other; it is drawn instead as the first
    output of softmax on the two-score vector `[x, 0]`, labelled
    `"softmax([x, 0])₀"` (this curve equals the sigmoid, which is the
    lesson: a two-class softmax is a sigmoid of the score difference). Its
    derivative is the Jacobian diagonal ∂f₀/∂x₀ at `[x, 0]`.

    Args:
        names: Activation names to plot, in legend order.
        x: `(m,)` input values, e.g. `np.linspace(-5, 5, 401)`.
        derivative: Plot f′(x) instead of f(x).
        alphas: Activation name -> α for those that take one (Leaky ReLU,
            ELU); others use their registry default. Entries for
            activations without α are ignored.
        title: Figure title; default `"Activation functions"` or
            `"Derivatives of activation functions"`.

    Returns:
        The figure, one line per name in the activation's fixed colour.
        With no names it is empty with a note.

    Raises:
        ValueError: If a name is not a registered activation or `x` is
            not 1-D.
    """
    grid = _vector("x", x)
    alphas = alphas or {}
    fig = go.Figure()
    y_title = "f′(x)" if derivative else "f(x)"
    for name in names:
        act = get_activation(name)
        alpha = alphas.get(name) if act.alpha is not None else None
        function = act.derivative if derivative else act
        if name == "softmax":
            pair = np.stack([grid, np.zeros_like(grid)], axis=-1)
            values = function(pair, alpha)[:, 0]
            label = "softmax([x, 0])₀"
        else:
            values = function(grid, alpha)
            label = act.label
        if act.alpha is not None:
            label += f" (α = {alpha if alpha is not None else act.alpha:g})"
        fig.add_trace(
            go.Scatter(
                x=grid,
                y=values,
                name=label,
                mode="lines",
                # Dashed: softmax([x, 0])₀ equals the sigmoid, which must stay visible.
                line={
                    "color": ACTIVATION_COLORS[name],
                    "width": 3,
                    "dash": "dash" if name == "softmax" else "solid",
                },
                hovertemplate=f"{label}<br>x = %{{x:.2f}}<br>{y_title} = %{{y:.3f}}<extra></extra>",
            )
        )
    if not names:
        annotate_empty(fig, "Choose at least one activation")
    default = "Derivatives of activation functions" if derivative else "Activation functions"
    finish_layout(fig, title or default, "x", y_title, legend="right")
    fig.update_xaxes(zeroline=True)
    fig.update_yaxes(zeroline=True)
    return fig


def parameter_bar(counts: Mapping[str, int], title: str | None = None) -> go.Figure:
    """Draws the number of parameters of each node as horizontal bars.

    Args:
        counts: Node name -> parameter count, in graph order (e.g.
            `ModelSpec.param_counts()`); the first node is drawn on top.
        title: Figure title; default `"Parameters per node (total N)"`.

    Returns:
        The figure, one horizontal `Bar` trace.

    Raises:
        ValueError: If a count is not a whole number >= 0.
    """
    nodes = [str(k) for k in counts]
    values = []
    for node, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(
                f"Parameter count of node {node!r} must be a whole number >= 0, received {value!r}."
            )
        values.append(int(value))
    total = sum(values)
    fig = go.Figure(
        go.Bar(
            x=values,
            y=nodes,
            orientation="h",
            name="Parameters",
            marker={"color": PARAMETER_COLOR},
            text=[f"{v:,}" for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} parameters<extra></extra>",
        )
    )
    finish_layout(
        fig,
        title or f"Parameters per node (total {total:,})",
        "Parameters",
        "Node",
        legend="none",
        height=max(300, 44 * len(nodes) + 170),
    )
    fig.update_yaxes(type="category", autorange="reversed")
    # Room on the right for the "outside" labels of the longest bar.
    fig.update_xaxes(range=[0, max(values, default=1) * 1.18 or 1], autorange=False)
    return fig


def relabel(fig: go.Figure, labels: Mapping[str, str]) -> go.Figure:
    """Replaces the texts a figure is drawn with, e.g. to show it in another language.

    Every whole-word occurrence of a key of `labels` in the figure's title,
    axis titles, annotations, trace names and hover templates is replaced
    by its value, longest key first and in one pass (a replacement is never
    replaced again). The builders of this module draw in English; the UI
    passes its translations here.

    Args:
        fig: The figure, changed in place.
        labels: English text -> text to show, e.g. `{"Training": "Treino"}`.
            Empty leaves the figure as it is.

    Returns:
        `fig`.
    """
    if not labels:
        return fig
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(k) for k in sorted(labels, key=len, reverse=True))
        + r")(?!\w)"
    )

    def swap(text: Any) -> Any:
        return pattern.sub(lambda m: labels[m.group(0)], text) if isinstance(text, str) else text

    layout = fig.layout
    if layout.title is not None and layout.title.text:
        layout.title.text = swap(layout.title.text)
    for name in list(layout.to_plotly_json()):
        if name.startswith(("xaxis", "yaxis")) and layout[name].title.text:
            layout[name].title.text = swap(layout[name].title.text)
    for annotation in layout.annotations or ():
        annotation.text = swap(annotation.text)
    for trace in fig.data:
        if getattr(trace, "name", None):
            trace.name = swap(trace.name)
        if getattr(trace, "hovertemplate", None):
            trace.hovertemplate = swap(trace.hovertemplate)
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None and colorbar.title is not None and colorbar.title.text:
            colorbar.title.text = swap(colorbar.title.text)
    return fig

"""The one look of every chart: palette, layout, labels, checks of the arrays drawn."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import plotly.colors as pcolors
import plotly.graph_objects as go
import plotly.io as pio

from funcnet import i18n
from funcnet.i18n import N_, _
from funcnet.markup import plotly_escape
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

MODEBAR_ROOM = 26
"""Pixels kept free above every title for plotly's toolbar (drawn at the top right on
hover), so it never covers a title however narrow the column."""

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

_WAITING_TEXT = N_("Waiting for the first epoch…")
# Share of white in decision-region colours: light enough for points to stand out.
_BACKGROUND_WHITE = 0.6

# Keras metric names (the part after an optional "val_" and "<head>_").
_METRIC_NAMES = {
    "loss": N_("Loss"),
    "accuracy": N_("Accuracy"),
    "auc": N_("AUC"),
    "mae": N_("Mean absolute error"),
    "mse": N_("Mean squared error"),
    "rmse": N_("Root mean squared error"),
}
_VALIDATION_NAMES = {
    "loss": N_("Validation loss"),
    "accuracy": N_("Validation accuracy"),
    "auc": N_("Validation AUC"),
    "mae": N_("Validation mean absolute error"),
    "mse": N_("Validation mean squared error"),
    "rmse": N_("Validation root mean squared error"),
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
    names = _VALIDATION_NAMES if validation else _METRIC_NAMES
    # Longest suffix first so "rmse" is not read as "<head>_r" + "mse".
    for metric in sorted(names, key=len, reverse=True):
        if base == metric:
            return _(names[metric])
        if base.endswith("_" + metric):
            # The head's name is the user's: escaped, never translated.
            return _("{metric} ({head})").format(metric=_(names[metric]),
                                                 head=plotly_escape(base[: -len(metric) - 1]))
    text = plotly_escape(key)
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
    top = 64 + MODEBAR_ROOM
    legend_layout: dict[str, Any]
    if legend == "top":
        # Hung from the figure's top edge just under the title: a legend that wraps
        # onto more lines grows down and pushes the plot (automargin) instead of
        # growing up into the title.
        legend_layout = {
            "orientation": "h",
            "yref": "container",
            "yanchor": "top",
            "y": 1.0 - (50 + MODEBAR_ROOM) / height,
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
            "pad": {"t": 14 + MODEBAR_ROOM},
            "font": {"size": FONT_SIZE + 4},
        },
        margin={"l": 72, "r": 28, "t": top, "b": 64},
        legend=legend_layout,
        showlegend=legend != "none",
        hoverlabel={"font": {"size": FONT_SIZE - 1}},
        separators=i18n.plotly_separators(),
    )
    fig.update_xaxes(title_text=x_title, title_standoff=8)
    fig.update_yaxes(title_text=y_title, title_standoff=8)
    if square:
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")
    return fig


def add_style_legend(fig: go.Figure, styles: Sequence[tuple[str, str]]) -> None:
    """Adds one legend-only entry per line style, saying which style is which for every run.

    Args:
        fig: The figure, changed in place.
        styles: `(label msgid, plotly dash)` of each style the figure uses, in legend order.
    """
    for label, dash in styles:
        fig.add_trace(go.Scatter(
            x=[None], y=[None], name=_(label), mode="lines", hoverinfo="skip",
            line={"color": REFERENCE_COLOR, "width": 3, "dash": dash},
            legendrank=2000, meta={"style": label},
        ))


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
    # Class labels are the user's data: shown as text (escaped), never translated.
    return [plotly_escape(label) for label in labels]


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

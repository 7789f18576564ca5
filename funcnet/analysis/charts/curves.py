"""Training curves: one run's history as it grows, and several runs' curves side by side."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from funcnet.analysis.charts.style import (
    _ACTIVATION_PALETTE,
    _UNIT_METRICS,
    _WAITING_TEXT,
    ACTIVATION_COLORS,
    TRAIN_COLOR,
    VALIDATION_COLOR,
    _check_total_epochs,
    _history_series,
    _marker_size,
    annotate_empty,
    epoch_axis,
    finish_layout,
    metric_label,
)
from funcnet.i18n import _
from funcnet.markup import plotly_escape
from funcnet.model.activations import ACTIVATIONS

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
        (_("Training"), train, TRAIN_COLOR, "solid"),
        (_("Validation"), val, VALIDATION_COLOR, "dash"),
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
                    hovertemplate=_("Epoch") + " %{x}<br>"
                    + _("{series} · {metric}").format(series=name, metric=label)
                    + ": %{y:.4g}<extra></extra>",
                )
            )
    else:
        annotate_empty(fig, _(_WAITING_TEXT))
    finish_layout(fig, title or _("{metric} per epoch").format(metric=label), _("Epoch"), label)
    epoch_axis(fig, n_values, total_epochs)
    base = metric.rsplit("_", 1)[-1]
    if base in _UNIT_METRICS or not n_values:
        fig.update_yaxes(range=[0, 1], autorange=False)
    else:
        # Losses and errors are >= 0: anchoring at 0 keeps the frame steady while live.
        fig.update_yaxes(rangemode="tozero")
    return fig


def history_frame(
    history: Mapping[str, Sequence[float]],
    metric: str,
    total_epochs: int | None = None,
) -> tuple[Any, ...]:
    """Returns what a `history_figure` of this history looks like, apart from its values.

    Two histories with the same frame draw figures that differ only in their
    traces' `x` and `y`, so a live view can move a figure it drew to a longer
    history with `refill_history_figure` (about a millisecond) instead of
    drawing a new one (tens of milliseconds, mostly plotly validating the layout).

    Args:
        history: Keras history: key -> one value per finished epoch.
        metric: As for `history_figure`.
        total_epochs: As for `history_figure`.

    Returns:
        A hashable value; equal for histories whose figures differ only in values.

    Raises:
        ValueError: As `history_figure`.
    """
    _check_total_epochs(total_epochs)
    if metric.startswith("val_") and metric[4:] in history:
        metric = metric[4:]
    train, val = _history_series("history_frame", history, metric)
    n_values = max(len(train or ()), len(val or ()))
    last = max(total_epochs or 0, n_values, 1)
    return (metric, total_epochs, train is not None, val is not None, n_values > 0,
            _marker_size(max(n_values, total_epochs or 0)),
            last if total_epochs is not None else last <= 12)


def refill_history_figure(
    fig: go.Figure, history: Mapping[str, Sequence[float]], metric: str
) -> go.Figure:
    """Puts a history's values into a figure `history_figure` drew for the same frame.

    The result equals `history_figure(history, ...)` (relabelled like `fig`)
    when `history_frame` of both histories is equal; the caller checks that.

    Args:
        fig: A figure from `history_figure`, changed in place.
        history: The new history (same frame as the one `fig` was drawn for).
        metric: The metric `fig` was drawn for.

    Returns:
        `fig`.
    """
    if metric.startswith("val_") and metric[4:] in history:
        metric = metric[4:]
    series = [s for s in _history_series("refill_history_figure", history, metric)
              if s is not None]
    if not fig.data:  # the "waiting for the first epoch" frame has no curves to fill
        return fig
    for trace, values in zip(fig.data, series, strict=True):
        trace.update(x=list(range(1, len(values) + 1)), y=values)
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
            name = plotly_escape(key)  # a run's name is the user's
        fig.add_trace(
            go.Scatter(
                x=list(range(1, len(values) + 1)),
                y=values,
                name=name,
                mode="lines+markers",
                line={"color": color, "width": 3},
                marker={"color": color, "size": 6},
                cliponaxis=False,
                hovertemplate=f"{name}<br>{_('Epoch')} %{{x}}<br>{label}: "
                "%{y:.4g}<extra></extra>",
            )
        )
    if not histories:
        annotate_empty(fig, _("No runs to compare yet"))
    elif not longest:
        annotate_empty(fig, _(_WAITING_TEXT))
    finish_layout(fig, title or _("{metric} by activation").format(metric=label), _("Epoch"),
                  label, legend="right")
    epoch_axis(fig, longest, total_epochs)
    if metric.rsplit("_", 1)[-1] in _UNIT_METRICS:
        fig.update_yaxes(range=[0, 1], autorange=False)
    else:
        fig.update_yaxes(rangemode="tozero")
    return fig

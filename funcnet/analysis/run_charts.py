"""Figures that overlay several stored runs: their training curves, one colour per run.

Drawing only, with the look of `funcnet.analysis.charts` (its layout helpers are
shared, not copied). Run `i` of a comparison has `charts.class_color(i)`,
so passing the same run labels as `classes` to `charts.roc_figure` gives
each run the same colour in the ROC overlay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from funcnet.analysis.charts import (
    REFERENCE_COLOR,
    annotate_empty,
    class_color,
    epoch_axis,
    finish_layout,
    metric_label,
)

_NO_RUNS_TEXT = "No runs to compare yet"
# (series, legend entry of its line style, dash, history key prefix)
_STYLES = (("Training", "Training curve", "solid", ""),
           ("Validation", "Validation curve", "dash", "val_"))


def runs_history_figure(
    histories: Mapping[str, Mapping[str, Sequence[float]]],
    metric: str = "loss",
    title: str | None = None,
    runs: Sequence[str] | None = None,
) -> go.Figure:
    """Overlays one metric of several runs: training solid, validation dashed.

    Each run keeps one colour for both of its curves; its training trace
    carries the run's name in the legend, and clicking it hides both. Two
    grey legend entries explain the line styles. Every run trace has
    `meta = {"run": <label>}`.

    Args:
        histories: Run label (e.g. `"Run 3"`) -> Keras history, in the
            order the runs were chosen.
        metric: Training key, e.g. `"loss"`; the validation curve is read
            from `"val_" + metric`.
        title: Figure title; default `"<Metric> of the chosen runs"`.
        runs: Every run label of the comparison, in order, so run `i` gets
            colour `i` even when an earlier run has no curve (the same list
            given to `charts.roc_figure` as `classes`). Default: the
            order of `histories`.

    Returns:
        The figure: per run a training trace (when the history has
        `metric`) and a validation trace (when it has `val_<metric>`),
        then the two style entries.
    """
    label = metric_label(metric)
    fig = go.Figure()
    longest = 0
    has_style = {"solid": False, "dash": False}
    order = list(runs) if runs is not None else []
    for i, (run, history) in enumerate(histories.items()):
        color = class_color(order.index(run) if run in order else i)
        shown = False
        for series_name, _, dash, prefix in _STYLES:
            values = [float(v) for v in history.get(prefix + metric, ())]
            if not values:
                continue
            longest = max(longest, len(values))
            has_style[dash] = True
            series = metric_label(prefix + metric)
            fig.add_trace(go.Scatter(
                x=list(range(1, len(values) + 1)), y=values, name=run, legendgroup=run,
                showlegend=not shown, meta={"run": run, "series": series_name},
                mode="lines", line={"color": color, "width": 3, "dash": dash},
                cliponaxis=False,
                hovertemplate=f"{run}<br>Epoch %{{x}}<br>{series}: %{{y:.4g}}<extra></extra>",
            ))
            shown = True
    for _, style_name, dash, _ in _STYLES:
        if has_style[dash]:
            # Legend only: says which line style is which, for every run at once.
            fig.add_trace(go.Scatter(
                x=[None], y=[None], name=style_name, mode="lines", hoverinfo="skip",
                line={"color": REFERENCE_COLOR, "width": 3, "dash": dash},
                legendrank=2000, meta={"style": style_name},
            ))
    if not histories:
        annotate_empty(fig, _NO_RUNS_TEXT)
    finish_layout(fig, title or f"{label} of the chosen runs", "Epoch", label, legend="right")
    epoch_axis(fig, longest, None)
    # Not anchored at 0 (unlike the live curves): the differences between runs are the point.
    return fig

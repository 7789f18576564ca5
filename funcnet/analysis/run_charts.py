"""Figures that overlay several stored runs: their training curves, one colour per run.

Drawing only, with the look of `funcnet.analysis.charts` (its layout helpers are
shared, not copied). Run `i` of a comparison has `charts.class_color(i)`,
so passing the same run labels as `classes` to `charts.roc_figure` gives
each run the same colour in the ROC overlay.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from funcnet import i18n
from funcnet.analysis.charts import (
    annotate_empty,
    class_color,
    epoch_axis,
    finish_layout,
    metric_label,
)
from funcnet.analysis.charts.style import add_style_legend
from funcnet.i18n import N_
from funcnet.markup import plotly_escape

_NO_RUNS_TEXT = N_("No runs to compare yet")
# (series, legend entry of its line style (a msgid), dash, history key prefix)
_STYLES = (("Training", N_("Training curve"), "solid", ""),
           ("Validation", N_("Validation curve"), "dash", "val_"))


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
        shown_name = plotly_escape(run)  # a run's label may hold the user's names
        shown = False
        for series_name, _, dash, prefix in _STYLES:
            values = [float(v) for v in history.get(prefix + metric, ())]
            if not values:
                continue
            longest = max(longest, len(values))
            has_style[dash] = True
            series = metric_label(prefix + metric)
            fig.add_trace(go.Scatter(
                x=list(range(1, len(values) + 1)), y=values, name=shown_name, legendgroup=run,
                showlegend=not shown, meta={"run": run, "series": series_name},
                mode="lines", line={"color": color, "width": 3, "dash": dash},
                cliponaxis=False,
                hovertemplate=f"{shown_name}<br>{i18n._('Epoch')} %{{x}}<br>{series}: "
                "%{y:.4g}<extra></extra>",
            ))
            shown = True
    add_style_legend(fig, [(label, dash) for _, label, dash, _ in _STYLES if has_style[dash]])
    if not histories:
        annotate_empty(fig, i18n._(_NO_RUNS_TEXT))
    default_title = i18n._("{metric} of the chosen runs").format(metric=label)
    finish_layout(fig, title or default_title, i18n._("Epoch"), label, legend="right")
    epoch_axis(fig, longest, None)
    # Not anchored at 0 (unlike the live curves): the differences between runs are the point.
    return fig

"""Curves of repeats over seeds: the mean line and a band of ± one standard deviation.

Drawing only: the means and standard deviations come from
`funcnet.runs.repeats.curve_band`. Repeat `i` has `class_color(i)` for both
of its curves; training is solid, validation dashed (as in the runs
overlay), and each band is the same colour, light.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import numpy as np
import plotly.colors as pcolors
import plotly.graph_objects as go

from funcnet import i18n
from funcnet.analysis.charts.style import (
    add_style_legend,
    annotate_empty,
    class_color,
    epoch_axis,
    finish_layout,
    metric_label,
)
from funcnet.i18n import N_
from funcnet.markup import plotly_escape

BAND_OPACITY = 0.18
"""Opacity of a ± std band: light enough to see the other repeats' bands through it."""

_NO_REPEATS_TEXT = N_("No repeat to draw yet")
# (series id, legend entry of its line style (a msgid), dash, history key prefix)
_STYLES = (("Training", N_("Training: mean ± std"), "solid", ""),
           ("Validation", N_("Validation: mean ± std"), "dash", "val_"))


class BandLike(Protocol):
    """What `band_figure` draws: per epoch a mean and a standard deviation (NaN: none)."""

    epochs: Any
    mean: Any
    std: Any


def _rgba(color: str, opacity: float) -> str:
    red, green, blue = pcolors.hex_to_rgb(color)
    return f"rgba({red}, {green}, {blue}, {opacity})"


def band_figure(
    bands: Mapping[str, Mapping[str, BandLike]],
    metric: str = "loss",
    title: str | None = None,
    repeats: Sequence[str] | None = None,
) -> go.Figure:
    """Draws each repeat's mean curve with a band of ± one standard deviation.

    Args:
        bands: Repeat label -> history key (`"loss"`, `"val_loss"`) -> its band.
        metric: The training key; the validation band is read from `"val_" + metric`.
        title: Figure title; default `"<Metric> over seeds: mean ± std"`.
        repeats: Every repeat label in order, so repeat `i` gets colour `i`
            (default: the order of `bands`).

    Returns:
        Per repeat and series, a band trace (`fill="toself"`, no hover) and
        a mean trace; every trace has `meta = {"repeat", "series", "part"}`
        with `part` `"band"` or `"mean"`. Then one grey legend entry per line style.
    """
    label = metric_label(metric)
    fig = go.Figure()
    order = list(repeats) if repeats is not None else list(bands)
    longest = 0
    styles_used = set()
    for i, (repeat, series) in enumerate(bands.items()):
        color = class_color(order.index(repeat) if repeat in order else i)
        name = plotly_escape(repeat)  # a label may hold the user's names
        in_legend = True
        for series_id, style, dash, prefix in _STYLES:
            band = series.get(prefix + metric)
            if band is None or not len(band.epochs):
                continue
            styles_used.add(style)
            x = np.asarray(band.epochs, dtype=np.int64)
            mean = np.asarray(band.mean, dtype=np.float64)
            std = np.nan_to_num(np.asarray(band.std, dtype=np.float64), nan=0.0)
            longest = max(longest, int(x.max()))
            meta = {"repeat": repeat, "series": series_id}
            fig.add_trace(go.Scatter(
                x=np.concatenate([x, x[::-1]]), y=np.concatenate([mean + std, (mean - std)[::-1]]),
                fill="toself", fillcolor=_rgba(color, BAND_OPACITY), line={"width": 0},
                mode="lines", hoverinfo="skip", showlegend=False, legendgroup=repeat,
                meta={**meta, "part": "band"},
            ))
            series_label = metric_label(prefix + metric)
            fig.add_trace(go.Scatter(
                x=x, y=mean, customdata=std, name=name, legendgroup=repeat,
                showlegend=in_legend, mode="lines", meta={**meta, "part": "mean"},
                line={"color": color, "width": 3, "dash": dash}, cliponaxis=False,
                hovertemplate=f"{name}<br>{i18n._('Epoch')} %{{x}}<br>{series_label}: "
                "%{y:.4g} ± %{customdata:.2g}<extra></extra>",
            ))
            in_legend = False
    add_style_legend(fig, [(style, dash) for _, style, dash, _ in _STYLES
                           if style in styles_used])
    if not longest:
        annotate_empty(fig, i18n._(_NO_REPEATS_TEXT))
    default_title = i18n._("{metric} over seeds: mean ± std").format(metric=label)
    # On top: these figures sit two to a row, and a legend at the side would halve the plot.
    finish_layout(fig, title or default_title, i18n._("Epoch"), label, legend="top")
    epoch_axis(fig, longest, None)
    return fig

"""Inside a network: each unit over the input plane, one example through every layer, weights.

The arrays come from `funcnet.train.results.NetworkView` (computed in the
worker); the texts come from the caller, already translated. Values are
coloured as in TensorFlow Playground: negative orange, zero white, positive
blue, on a scale symmetric about zero.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from funcnet import i18n
from funcnet.analysis.charts.style import (
    FIGURE_HEIGHT,
    FONT_SIZE,
    MARKER_COLOR,
    class_color,
    finish_layout,
)
from funcnet.markup import plotly_escape

NEURON_SCALE = [[0.0, "#E69F00"], [0.5, "#FFFFFF"], [1.0, "#0072B2"]]
"""Negative (Okabe-Ito orange) through zero (white) to positive (Okabe-Ito blue)."""
THUMB_COLUMNS = 16
"""Thumbnails a row has room for (fewer units leave the rest blank, so sizes stay alike)."""
PLOT_WIDTH = 1000
"""Pixels a full-width plot is about wide on a 1280-px page (sizes the figure's height)."""
THUMB_GAP = 3
"""Cells of white between two thumbnails of a row."""
THUMB_LABEL = 9
"""Cells above a row of thumbnails, for its label."""
VALUES_SHOWN_UP_TO = 16
"""The example's heatmap writes its values in the cells up to this many units a row."""


def _extent(values: np.ndarray) -> float:
    finite = np.abs(values[np.isfinite(values)])
    top = float(finite.max()) if finite.size else 0.0
    return top if top > 0 else 1.0


def neuron_planes_figure(
    planes: Sequence[np.ndarray],
    grid_x: np.ndarray,
    grid_y: np.ndarray,
    row_labels: Sequence[str],
    title: str,
    unit_label: str,
    point: tuple[float, float] | None = None,
) -> go.Figure:
    """Draws every unit's output over the input plane, one row of thumbnails per layer.

    Each row has its own colour scale, symmetric about zero and as wide as
    the row's largest magnitude, so units of one layer compare directly.
    The thumbnails share one pair of axes (each unit a `Heatmap` placed with
    `x0`/`y0`): a grid of subplots costs seconds to build for a deep network.

    Args:
        planes: Per row, `(units, gy, gx)` values (row `i` of a unit at `grid_y[i]`).
        grid_x: `(gx,)` coordinates along the first feature (increasing).
        grid_y: `(gy,)` coordinates along the second feature (increasing).
        row_labels: Per row, the text above it (plotly-ready: the caller
            escapes the user's node names, e.g. with `t_plot`).
        title: Figure title.
        unit_label: The word before a unit's number in the hover ("Unit").
        point: A point of the plane to mark on every thumbnail (the example
            followed), or `None`.

    Returns:
        The figure: one `Heatmap` per unit, rows in the order given, then
        one `Scatter` of the marks when `point` is given.

    Raises:
        ValueError: If there is no row or labels and rows differ in number.
    """
    if not planes or len(planes) != len(row_labels):
        raise ValueError(f"need one label per row of planes, received {len(planes)} rows and "
                         f"{len(row_labels)} labels.")
    gx, gy = len(grid_x), len(grid_y)
    pitch_x, pitch_y = gx + THUMB_GAP, gy + THUMB_LABEL
    unit = plotly_escape(unit_label)
    traces: list[go.BaseTraceType] = []
    axes: dict[str, dict[str, object]] = {}
    marks_x: list[float] = []
    marks_y: list[float] = []
    if point is not None:  # the point in a thumbnail's cell coordinates (cell j centred at j)
        px = (point[0] - grid_x[0]) / (grid_x[-1] - grid_x[0]) * (gx - 1)
        py = (point[1] - grid_y[0]) / (grid_y[-1] - grid_y[0]) * (gy - 1)
    annotations = []
    for r, plane in enumerate(planes):
        extent = _extent(plane)
        axis = "coloraxis" if r == 0 else f"coloraxis{r + 1}"
        axes[axis] = {"colorscale": NEURON_SCALE, "cmin": -extent, "cmax": extent,
                      "showscale": False}
        y0 = -r * pitch_y
        for k in range(plane.shape[0]):
            traces.append(go.Heatmap(
                z=plane[k], x0=k * pitch_x, dx=1, y0=y0, dy=1, coloraxis=axis,
                name=f"{unit} {k + 1}",
                hovertemplate=f"{row_labels[r]}<br>{unit} {k + 1}: %{{z:.3f}}<extra></extra>",
            ))
            if point is not None:
                marks_x.append(k * pitch_x + px)
                marks_y.append(y0 + py)
        annotations.append({"text": row_labels[r], "x": -0.5, "y": y0 + gy - 0.5,
                            "xref": "x", "yref": "y", "xanchor": "left", "yanchor": "bottom",
                            "showarrow": False, "font": {"size": FONT_SIZE - 3}})
    if point is not None:
        traces.append(go.Scatter(
            x=marks_x, y=marks_y, mode="markers", hoverinfo="skip",
            marker={"symbol": "x-thin", "size": 9, "line": {"width": 2, "color": MARKER_COLOR}},
        ))
    fig = go.Figure(traces)
    columns = max(THUMB_COLUMNS, *(int(p.shape[0]) for p in planes))
    cells_high = len(planes) * pitch_y
    fig.update_layout(axes)
    finish_layout(fig, title, "", "", legend="none",
                  height=int(90 + PLOT_WIDTH * cells_high / (columns * pitch_x)))
    fig.update_layout(annotations=annotations, margin={"b": 16})
    fig.update_xaxes(visible=False, range=[-0.5, columns * pitch_x - THUMB_GAP - 0.5],
                     constrain="domain")
    fig.update_yaxes(visible=False, scaleanchor="x", constrain="domain",
                     range=[gy - 0.5 + THUMB_LABEL - cells_high, gy - 0.5 + THUMB_LABEL])
    return fig


def example_figure(
    rows: Sequence[np.ndarray],
    row_labels: Sequence[str],
    title: str,
    unit_label: str,
) -> go.Figure:
    """Draws one example's value at every unit of every layer, a heatmap row per layer.

    Each row is coloured on its own scale, symmetric about zero (inputs,
    ReLU and tanh units have different ranges); the numbers are written in
    the cells when no row is wider than `VALUES_SHOWN_UP_TO`, and always in
    the hover, in the session's number format.

    Args:
        rows: Per layer, the example's `(units,)` values (rows may differ in width).
        row_labels: Per layer, its name (plotly-ready, as for `neuron_planes_figure`).
        title: Figure title.
        unit_label: The x axis title ("Unit").

    Returns:
        The figure: one `Heatmap`, first layer at the top.

    Raises:
        ValueError: If there is no row or labels and rows differ in number.
    """
    if not rows or len(rows) != len(row_labels):
        raise ValueError(f"need one label per row, received {len(rows)} rows and "
                         f"{len(row_labels)} labels.")
    width = max(int(np.asarray(r).size) for r in rows)
    raw = np.full((len(rows), width), np.nan)
    for i, values in enumerate(rows):
        raw[i, :np.asarray(values).size] = np.asarray(values, dtype=float)
    shown = raw / np.array([[_extent(r)] for r in raw])
    texts = [["" if not np.isfinite(v) else i18n.decimal(v, 2) for v in line] for line in raw]
    fig = go.Figure(go.Heatmap(
        z=shown, x=np.arange(1, width + 1), y=np.arange(len(rows)), text=texts,
        texttemplate="%{text}" if width <= VALUES_SHOWN_UP_TO else None,
        colorscale=NEURON_SCALE, zmin=-1, zmax=1, showscale=False, xgap=2, ygap=2,
        customdata=[[label] * width for label in row_labels],
        hovertemplate=f"%{{customdata}}<br>{plotly_escape(unit_label)} %{{x}}: %{{text}}"
                      "<extra></extra>",
    ))
    finish_layout(fig, title, unit_label, "", legend="none",
                  height=max(FIGURE_HEIGHT // 2, 120 + 44 * len(rows)))
    fig.update_yaxes(tickvals=list(range(len(rows))), ticktext=list(row_labels),
                     autorange="reversed", showgrid=False, zeroline=False)
    fig.update_xaxes(showgrid=False, zeroline=False,
                     dtick=1 if width <= VALUES_SHOWN_UP_TO else None)
    return fig


def output_bars(labels: Sequence[str], values: Sequence[float], title: str, value_title: str,
                probabilities: bool = True) -> go.Figure:
    """Draws what the network outputs for one example: a bar per class (or the value).

    Args:
        labels: Per bar, its class name (the user's; escaped here).
        values: Per bar, the probability (or the predicted value).
        title: Figure title.
        value_title: The value axis title ("Probability").
        probabilities: Whether the values are probabilities (axis 0..1,
            bars in class colours).

    Returns:
        The figure: one horizontal `Bar` trace.
    """
    names = [plotly_escape(str(label)) for label in labels]
    fig = go.Figure(go.Bar(
        x=list(values), y=names, orientation="h",
        marker={"color": [class_color(i) for i in range(len(names))] if probabilities
                else MARKER_COLOR},
        text=[i18n.decimal(float(v), 3) for v in values], textposition="auto",
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    finish_layout(fig, title, value_title, "", legend="none",
                  height=max(FIGURE_HEIGHT // 2, 120 + 40 * len(names)))
    fig.update_yaxes(autorange="reversed", type="category")
    if probabilities:
        fig.update_xaxes(range=[0, 1])
    return fig


def weights_figure(kernel: np.ndarray, bias: np.ndarray, input_labels: Sequence[str],
                   title: str, unit_label: str, bias_label: str) -> go.Figure:
    """Draws a dense layer's kernel (inputs x units) with its bias as a row beneath.

    Args:
        kernel: `(inputs, units)` weights.
        bias: `(units,)` biases.
        input_labels: Per input, what it is (feature or unit names, the
            user's; escaped here; they may repeat).
        title: Figure title.
        unit_label: The x axis title ("Unit").
        bias_label: The bias row's name ("bias").

    Returns:
        The figure: two `Heatmap`s on one colour scale symmetric about zero.

    Raises:
        ValueError: If the shapes do not agree.
    """
    kernel = np.asarray(kernel, dtype=float)
    bias = np.asarray(bias, dtype=float).reshape(1, -1)
    if kernel.ndim != 2 or bias.shape[1] != kernel.shape[1] or len(input_labels) != len(kernel):
        raise ValueError(f"kernel {kernel.shape}, bias {bias.shape} and "
                         f"{len(input_labels)} input labels do not agree.")
    n_in = kernel.shape[0]
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.04,
                        row_heights=[n_in / (n_in + 1.5), 1.5 / (n_in + 1.5)])
    extent = _extent(np.concatenate([kernel.ravel(), bias.ravel()]))
    units = np.arange(1, kernel.shape[1] + 1)
    unit = plotly_escape(unit_label)
    names = [plotly_escape(str(label)) for label in input_labels]
    fig.update_layout(coloraxis={"colorscale": NEURON_SCALE, "cmin": -extent, "cmax": extent,
                                 "colorbar": {"thickness": 14, "len": 0.8}})
    fig.add_trace(go.Heatmap(
        z=kernel, x=units, y=np.arange(n_in), coloraxis="coloraxis",
        customdata=[[name] * kernel.shape[1] for name in names],
        hovertemplate=f"%{{customdata}} → {unit} %{{x}}: %{{z:.3f}}<extra></extra>",
    ), row=1, col=1)
    fig.add_trace(go.Heatmap(
        z=bias, x=units, y=[0], coloraxis="coloraxis",
        hovertemplate=f"{plotly_escape(bias_label)}, {unit} %{{x}}: %{{z:.3f}}<extra></extra>",
    ), row=2, col=1)
    finish_layout(fig, title, "", "", legend="none",
                  height=int(min(900, max(FIGURE_HEIGHT, 160 + 22 * n_in))))
    fig.update_yaxes(tickvals=list(range(n_in)), ticktext=names, autorange="reversed",
                     showgrid=False, zeroline=False, row=1, col=1)
    fig.update_yaxes(tickvals=[0], ticktext=[plotly_escape(bias_label)], showgrid=False,
                     zeroline=False, row=2, col=1)
    fig.update_xaxes(showgrid=False, zeroline=False)
    fig.update_xaxes(title_text=unit, row=2, col=1)
    return fig

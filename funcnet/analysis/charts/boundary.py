"""2-D data sets: the points by class, and the decision regions a network draws between them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from funcnet import i18n
from funcnet.analysis.charts.style import (
    _BACKGROUND_WHITE,
    MARKER_COLOR,
    SQUARE_FIGURE_HEIGHT,
    _codes,
    _labels,
    _points,
    _tint,
    _vector,
    class_color,
    finish_layout,
)
from funcnet.i18n import _
from funcnet.markup import plotly_escape

# ---------------------------------------------------------------------------
# 2-D data sets.


def _class_point_traces(
    points: np.ndarray, codes: np.ndarray, names: list[str], feature_names: Sequence[str]
) -> list[go.Scatter]:
    fx, fy = (plotly_escape(f) for f in feature_names)
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
    return plotly_escape(feature_names[0]), plotly_escape(feature_names[1])


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
    finish_layout(fig, title or _("Data"), fx, fy, square=True, height=SQUARE_FIGURE_HEIGHT)
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
                name=_("Boundary (P = {p})").format(p=i18n.decimal(0.5, 1)),
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
                name=_("Predicted class"),
                hovertemplate=f"{where}<br>{_('Predicted')} %{{customdata}}<extra></extra>",
            )
        )
    for trace in _class_point_traces(points, codes, names, (fx, fy)):
        fig.add_trace(trace)
    binary = len(names) == 2
    finish_layout(
        fig,
        title or _("Decision boundary"),
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



def refill_boundary_figure(
    fig: go.Figure, z: np.ndarray, classes: Sequence[str], title: str
) -> go.Figure:
    """Puts a later epoch's values into a figure `decision_boundary_figure` drew.

    The result equals `decision_boundary_figure` of the same grid, points,
    classes and feature names with `z` and `title` (set as given: pass it in
    the language `fig` is shown in): only the regions, the 0.5 line and the
    title change from epoch to epoch.

    Args:
        fig: A figure from `decision_boundary_figure`, changed in place.
        z: `(gy, gx)` values of the new epoch, the shape `fig` was drawn with.
        classes: The class labels `fig` was drawn with.
        title: The new title.

    Returns:
        `fig`.

    Raises:
        ValueError: If `z` has another shape than the figure's grid.
    """
    values = np.asarray(z, dtype=float)
    heatmap = fig.data[0]
    shape = (len(heatmap.y), len(heatmap.x))
    if values.shape != shape:
        raise ValueError(f"z must have shape {shape}, received {values.shape}.")
    names = _labels("classes", classes, minimum=2)
    if len(names) == 2:  # the regions, then the 0.5 contour
        heatmap.z = values
        fig.data[1].z = values
    else:
        cell_names = np.asarray(names, dtype=object)[
            np.clip(np.rint(np.nan_to_num(values)), 0, len(names) - 1).astype(int)
        ]
        heatmap.update(z=values, customdata=cell_names)
    fig.layout.title.text = title
    return fig

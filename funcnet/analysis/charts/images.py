"""Test rows drawn as small grayscale images (image-like data sets such as Digits)."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from funcnet.analysis.charts.style import FONT_SIZE, finish_layout
from funcnet.i18n import _
from funcnet.markup import plotly_escape

IMAGE_COLUMNS = 6
"""Images per row of the grid."""
MIN_IMAGE_SIDE = 4
"""Smallest side (in pixels) of a row that is drawn as an image: 16 features."""


def image_side(n_features: int) -> int | None:
    """Returns the side of the square image a row of `n_features` values makes, if any.

    Args:
        n_features: Feature columns of the data set.

    Returns:
        `s` when `n_features == s * s` and `s >= MIN_IMAGE_SIDE` (64 -> 8,
        784 -> 28), else `None`.
    """
    side = math.isqrt(max(int(n_features), 0))
    return side if side >= MIN_IMAGE_SIDE and side * side == n_features else None


def image_grid(
    rows: np.ndarray,
    true_labels: Sequence[str],
    predicted_labels: Sequence[str] | None,
    title: str | None = None,
    columns: int = IMAGE_COLUMNS,
) -> go.Figure:
    """Draws test rows as small grayscale images titled "true → predicted".

    Args:
        rows: `(n, s*s)` feature values in original units, row-major pixels
            (as scikit-learn's Digits and MNIST-style CSVs store them); higher
            values are darker, on one scale for every image.
        true_labels: The true class of each row (the user's, escaped here).
        predicted_labels: The predicted class of each row; `None` for data
            no model has seen (each image is titled with its class alone).
        title: Figure title; default `"Rows as images (true → predicted)"`.
        columns: Images per grid row.

    Returns:
        The figure: one `Heatmap` per image (top row of pixels at the top),
        each under its `"<true> → <predicted>"` subplot title.

    Raises:
        ValueError: If `rows` is not `(n >= 1, square number >= 16)` or the
            label counts differ from `n`.
    """
    pixels = np.asarray(rows, dtype=float)
    side = image_side(pixels.shape[1]) if pixels.ndim == 2 else None
    if side is None or pixels.shape[0] == 0:
        raise ValueError("rows must have shape (n >= 1, s*s) with s >= "
                         f"{MIN_IMAGE_SIDE}, received shape {pixels.shape}.")
    n = pixels.shape[0]
    if len(true_labels) != n or (predicted_labels is not None and len(predicted_labels) != n):
        raise ValueError(f"need one true and one predicted label per image ({n}), received "
                         f"{len(true_labels)} and {len(predicted_labels or ())}.")
    columns = max(1, min(int(columns), n))
    grid_rows = math.ceil(n / columns)
    if predicted_labels is None:
        titles = [plotly_escape(t) for t in true_labels]
    else:
        titles = [_("{true} → {predicted}").format(true=plotly_escape(t),
                                                   predicted=plotly_escape(p))
                  for t, p in zip(true_labels, predicted_labels, strict=True)]
    fig = make_subplots(rows=grid_rows, cols=columns, subplot_titles=titles,
                        horizontal_spacing=0.02, vertical_spacing=0.25 / grid_rows)
    finite = pixels[np.isfinite(pixels)]
    low, high = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 1.0)
    for i in range(n):
        fig.add_trace(
            go.Heatmap(
                z=pixels[i].reshape(side, side),
                colorscale="Greys",
                zmin=low,
                zmax=high if high > low else low + 1.0,
                showscale=False,
                name=titles[i],
                hovertemplate=titles[i] + "<br>" + _("Pixel") + " (%{x}, %{y}): %{z}"
                + "<extra></extra>",
            ),
            row=i // columns + 1,
            col=i % columns + 1,
        )
        # Square pixels: each image's y axis keeps the scale of its own x axis.
        fig.update_yaxes(scaleanchor=f"x{i + 1 if i else ''}", row=i // columns + 1,
                         col=i % columns + 1)
    finish_layout(fig, title or _("Rows as images (true → predicted)"), "", "", legend="none",
                  height=90 + 170 * grid_rows)
    # "domain": a square image shrinks its box rather than stretching its axis range.
    fig.update_xaxes(showticklabels=False, showgrid=False, zeroline=False, title_text="",
                     constrain="domain")
    fig.update_yaxes(showticklabels=False, showgrid=False, zeroline=False, autorange="reversed",
                     title_text="", constrain="domain")
    fig.update_annotations(font={"size": FONT_SIZE - 2})
    return fig

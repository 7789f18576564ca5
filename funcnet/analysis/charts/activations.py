"""Activation functions and the model: curves of f and f', and what the network looks like."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from funcnet import i18n
from funcnet.analysis.charts.style import (
    ACTIVATION_COLORS,
    PARAMETER_COLOR,
    _vector,
    annotate_empty,
    finish_layout,
)
from funcnet.i18n import _
from funcnet.markup import plotly_escape
from funcnet.model.activations import get_activation

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
            label += f" (α = {i18n.LocalNumber(alpha if alpha is not None else act.alpha):g})"
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
        annotate_empty(fig, _("Choose at least one activation"))
    default = _("Derivatives of activation functions") if derivative else _("Activation functions")
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
    nodes = [plotly_escape(k) for k in counts]  # node names are the user's
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
            name=_("Parameters"),
            marker={"color": PARAMETER_COLOR},
            text=[i18n.integer(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:,} " + _("parameters") + "<extra></extra>",
        )
    )
    finish_layout(
        fig,
        title or _("Parameters per node (total {total})").format(total=i18n.integer(total)),
        _("Parameters"),
        _("Node"),
        legend="none",
        height=max(300, 44 * len(nodes) + 170),
    )
    fig.update_yaxes(type="category", autorange="reversed")
    # Room on the right for the "outside" labels of the longest bar.
    fig.update_xaxes(range=[0, max(values, default=1) * 1.18 or 1], autorange=False)
    return fig

"""Regression results: predicted against true values, and the residuals."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from funcnet.analysis.charts.style import (
    REFERENCE_COLOR,
    SQUARE_FIGURE_HEIGHT,
    TEST_COLOR,
    _vector,
    finish_layout,
)
from funcnet.i18n import _, pgettext
from funcnet.markup import plotly_escape

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
    suffix = f" — {plotly_escape(target)}" if target else ""
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
            name=_("Test samples"),
            mode="markers",
            marker=marker,
            hovertemplate=_("True") + " %{x:.4g}<br>" + _("Predicted") + " %{y:.4g}<extra></extra>",
        )
    )
    scatter.add_trace(
        go.Scatter(
            x=[low, high],
            y=[low, high],
            name=_("Perfect prediction (y = x)"),
            mode="lines",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
            hovertemplate=_("Perfect prediction") + ": %{x:.4g}<extra></extra>",
        )
    )
    finish_layout(
        scatter,
        _("Predicted vs true") + suffix,
        _("True value"),
        _("Predicted value"),
        square=True,
        height=SQUARE_FIGURE_HEIGHT,
    )

    residuals = go.Figure()
    residuals.add_trace(
        go.Scatter(
            x=pred,
            y=truth - pred,
            name=_("Test samples"),
            mode="markers",
            marker=marker,
            customdata=truth,
            hovertemplate=_("Predicted") + " %{x:.4g}<br>" + _("True") + " %{customdata:.4g}"
            "<br>Residual %{y:.4g}<extra></extra>",
        )
    )
    residuals.add_hline(y=0, line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"})
    finish_layout(
        residuals,
        _("Residuals (true − predicted)") + suffix,
        _("Predicted value"),
        pgettext("regression", "Residual"),
    )
    return scatter, residuals

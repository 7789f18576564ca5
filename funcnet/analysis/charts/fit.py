"""The overfitting chart: the train–validation loss gap per epoch, the best epoch marked."""

from __future__ import annotations

import plotly.graph_objects as go

from funcnet.analysis.charts.style import (
    MARKER_COLOR,
    VALIDATION_COLOR,
    _marker_size,
    annotate_empty,
    epoch_axis,
    finish_layout,
)
from funcnet.analysis.fit_reading import FitReading
from funcnet.i18n import _


def fit_gap_figure(reading: FitReading, title: str | None = None) -> go.Figure:
    """Draws validation loss minus training loss per epoch, with the best epoch marked.

    A gap that grows after the marked epoch is the picture of overfitting:
    training keeps improving on rows the validation share never sees.

    Args:
        reading: `funcnet.analysis.fit_reading.read_fit` of the run's history.
        title: Figure title; default "Validation minus training loss".

    Returns:
        The figure; without validation rows it holds a note instead of a curve.
    """
    fig = go.Figure()
    if reading.best_epoch is None:
        annotate_empty(fig, _("No validation rows: set a validation share to see the gap."))
    else:
        fig.add_trace(go.Scatter(
            x=reading.epochs, y=reading.gap, name=_("Validation − training loss"),
            mode="lines+markers", line={"color": VALIDATION_COLOR, "width": 3},
            marker={"color": VALIDATION_COLOR, "size": _marker_size(reading.last_epoch)},
            cliponaxis=False,
            hovertemplate=_("Epoch") + " %{x}<br>" + _("Gap") + ": %{y:.4g}<extra></extra>"))
        fig.add_hline(y=0, line={"color": "#A0A0A0", "width": 1})
        fig.add_vline(x=reading.best_epoch, line={"color": MARKER_COLOR, "width": 2,
                                                  "dash": "dot"})
        fig.add_annotation(
            x=reading.best_epoch, y=1.0, yref="paper", yanchor="bottom", showarrow=False,
            xanchor="left" if reading.best_epoch <= reading.last_epoch / 2 else "right",
            text=_("best validation loss: epoch {epoch}").format(epoch=reading.best_epoch),
            font={"color": MARKER_COLOR})
    finish_layout(fig, title or _("Validation minus training loss"), _("Epoch"),
                  _("Loss gap"), legend="none")
    epoch_axis(fig, reading.last_epoch, None)
    return fig

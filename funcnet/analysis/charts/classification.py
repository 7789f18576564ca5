"""Classification results: ROC, precision-recall and calibration curves, the confusion
matrix and the score histogram."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from funcnet import i18n
from funcnet.analysis.charts.style import (
    FONT_SIZE,
    MARKER_COLOR,
    REFERENCE_COLOR,
    SQUARE_FIGURE_HEIGHT,
    RocLike,
    _codes,
    _labels,
    _roc_parts,
    _vector,
    class_color,
    finish_layout,
)
from funcnet.i18n import _
from funcnet.markup import plotly_escape

# ---------------------------------------------------------------------------
# Classification results.


def _curve_trace(x: np.ndarray, y: np.ndarray, thresholds: np.ndarray | None, label: str,
                 hover: str, *, name: str, line: dict[str, Any]) -> go.Scatter:
    """One ROC or precision-recall curve; its hover names the class and, if given, the threshold.

    Args:
        x: The curve's x values.
        y: Its y values.
        thresholds: One threshold per point (NaN where there is none), or `None`.
        label: The class or run name, already escaped for plotly.
        hover: The hover text of a point's coordinates.
        name: The legend entry.
        line: The line style.
    """
    if thresholds is not None:
        hover += "<br>" + _("Threshold") + " %{customdata:.3f}"
    return go.Scatter(x=x, y=y, customdata=thresholds, name=name, mode="lines", line=line,
                      cliponaxis=False, hovertemplate=f"{label}<br>{hover}<extra></extra>")


def roc_figure(
    curves: Mapping[str, RocLike | tuple[Any, Any, float]],
    marker: tuple[float, float] | None = None,
    title: str | None = None,
    classes: Sequence[str] | None = None,
) -> go.Figure:
    """Draws ROC curves with their AUC, the chance diagonal and a threshold point.

    Args:
        curves: Class label -> curve: an `(fpr, tpr, auc)` tuple or any
            object with `fpr`, `tpr` and `auc` attributes (such as
            `evaluation.RocCurve`; its `thresholds`, if present, show on
            hover). Binary tasks have one curve, keyed by the positive class.
        marker: `(fpr, tpr)` of the current threshold, drawn as a point.
        title: Figure title; default `"ROC curve"` (`"ROC curves (one vs
            rest)"` with several curves).
        classes: All class labels in code order, so each curve gets its
            class's colour (the binary curve the colour of class 1). Without
            it curves are coloured in the mapping's order.

    Returns:
        The figure: the chance diagonal, one trace per curve (named
        `"<class> (AUC = 0.923)"`), then the marker if given.

    Raises:
        ValueError: If there is no curve, a curve is malformed, or the
            marker lies outside the unit square.
    """
    if not curves:
        raise ValueError("roc_figure needs at least one ROC curve, received none.")
    class_list = [str(c) for c in classes] if classes is not None else None
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0.0, 1.0],
            y=[0.0, 1.0],
            name=_("Chance (AUC = {auc})").format(auc=i18n.decimal(0.5, 1)),
            mode="lines",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
            legendrank=2000,
            hovertemplate=_("Chance: TPR = FPR") + "<extra></extra>",
        )
    )
    for i, (name, curve) in enumerate(curves.items()):
        fpr, tpr, auc, thresholds = _roc_parts(name, curve)
        index = class_list.index(str(name)) if class_list and str(name) in class_list else i
        auc_text = i18n.decimal(auc, 3) if math.isfinite(auc) else _("n/a")
        label = plotly_escape(name)  # a class or run name is the user's
        shown = None
        if thresholds is not None and np.size(thresholds) == fpr.size:
            # sklearn's first threshold is +inf; show it as blank rather than "inf".
            shown = np.where(np.isfinite(thresholds), thresholds, np.nan)
        fig.add_trace(_curve_trace(
            fpr, tpr, shown, label, "FPR %{x:.3f}<br>TPR %{y:.3f}",
            name=_("{name} (AUC = {auc})").format(name=label, auc=auc_text),
            line={"color": class_color(index), "width": 3}))
    if marker is not None:
        fig.add_trace(_threshold_marker(marker, "(fpr, tpr)", "FPR %{x:.3f}<br>TPR %{y:.3f}"))
    default_title = _("ROC curve") if len(curves) == 1 else _("ROC curves (one vs rest)")
    finish_layout(
        fig, title or default_title, _("False positive rate"), _("True positive rate"),
        legend="inside",
    )
    # A little past [0, 1] so curves running along an edge stay visible beside the axis.
    fig.update_xaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    fig.update_yaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    return fig


def _curve_color(name: str, position: int, classes: Sequence[str] | None) -> str:
    names = [str(c) for c in classes] if classes is not None else []
    return class_color(names.index(str(name)) if str(name) in names else position)


def _array_pair(where: str, x: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    x_arr, y_arr = _vector(f"{where} x", x), _vector(f"{where} y", y)
    if x_arr.shape != y_arr.shape:
        raise ValueError(f"{where}: both coordinates must have the same length, received "
                         f"{x_arr.size} and {y_arr.size}.")
    return x_arr, y_arr


def _threshold_marker(point: tuple[float, float], what: str, hover: str) -> go.Scatter:
    """The white point that marks the current threshold on a curve.

    Raises:
        ValueError: If `point` lies outside the unit square.
    """
    x, y = (float(v) for v in point)
    if not (0.0 <= x <= 1.0 and 0.0 <= y <= 1.0):
        raise ValueError(f"marker must be an {what} point in [0, 1]², received {point!r}.")
    return go.Scatter(
        x=[x],
        y=[y],
        name=_("Current threshold"),
        mode="markers",
        marker={
            "color": "white",
            "size": 16,
            "symbol": "circle",
            "line": {"color": MARKER_COLOR, "width": 3},
        },
        cliponaxis=False,
        legendrank=1500,
        hovertemplate=_("Current threshold") + "<br>" + hover + "<extra></extra>",
    )


def precision_recall_figure(
    curves: Mapping[str, Any],
    classes: Sequence[str] | None = None,
    title: str | None = None,
    marker: tuple[float, float] | None = None,
) -> go.Figure:
    """Draws precision-recall curves with their average precision (AP).

    Args:
        curves: Class label -> an object with `precision`, `recall`,
            `average_precision` and `prevalence` (such as
            `evaluation.PrecisionRecallCurve`; its `thresholds` show on
            hover). Binary tasks have one curve, keyed by the positive class.
        classes: All class labels in code order, so each curve gets its
            class's colour.
        title: Figure title; default `"Precision–recall curve"`
            (`"Precision–recall (one vs rest)"` with several).
        marker: `(recall, precision)` of the current threshold, drawn as a point.

    Returns:
        The figure: one trace per curve named `"<class> (AP = 0.912)"` (AP in
        the locale's decimals; `n/a` and no line when undefined), then, with
        one curve, the chance line at the share of positives, then the marker.

    Raises:
        ValueError: If there is no curve, a curve is malformed, or the
            marker lies outside the unit square.
    """
    if not curves:
        raise ValueError("precision_recall_figure needs at least one curve, received none.")
    fig = go.Figure()
    for i, (name, curve) in enumerate(curves.items()):
        recall, precision = _array_pair(f"precision-recall curve {name!r}", curve.recall,
                                        curve.precision)
        ap = float(curve.average_precision)
        ap_text = i18n.decimal(ap, 3) if math.isfinite(ap) else _("n/a")
        label = plotly_escape(name)  # a class name is the user's
        thresholds = getattr(curve, "thresholds", None)
        shown = None
        if thresholds is not None and np.size(thresholds) == recall.size - 1:
            # sklearn's last point (recall 0, precision 1) has no threshold.
            shown = np.append(np.asarray(thresholds, dtype=float), np.nan)
        fig.add_trace(_curve_trace(
            recall, precision, shown, label,
            _("Recall") + " %{x:.3f}<br>" + _("Precision") + " %{y:.3f}",
            name=_("{name} (AP = {ap})").format(name=label, ap=ap_text),
            line={"color": _curve_color(name, i, classes), "width": 3, "shape": "hv"}))
    if len(curves) == 1:
        (curve,) = curves.values()
        prevalence = float(curve.prevalence)
        if math.isfinite(prevalence):
            fig.add_trace(
                go.Scatter(
                    x=[0.0, 1.0],
                    y=[prevalence, prevalence],
                    name=_("Chance (AP = {ap})").format(ap=i18n.decimal(prevalence, 3)),
                    mode="lines",
                    line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
                    legendrank=2000,
                    hovertemplate=_("Chance: precision = share of positives")
                    + "<extra></extra>",
                )
            )
    if marker is not None:
        fig.add_trace(_threshold_marker(
            marker, "(recall, precision)",
            _("Recall") + " %{x:.3f}<br>" + _("Precision") + " %{y:.3f}"))
    default_title = (_("Precision–recall curve") if len(curves) == 1
                     else _("Precision–recall (one vs rest)"))
    finish_layout(fig, title or default_title, _("Recall"), _("Precision"), legend="inside")
    fig.update_layout(legend={"yanchor": "bottom", "y": 0.03, "xanchor": "left", "x": 0.02})
    fig.update_xaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    fig.update_yaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    return fig


def calibration_figure(
    curves: Mapping[str, Any],
    classes: Sequence[str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """Draws calibration (reliability) curves against the diagonal of perfect calibration.

    Args:
        curves: Class label -> an object with `prob_pred` and `prob_true`
            (such as `evaluation.CalibrationCurve`).
        classes: All class labels in code order, so each curve gets its
            class's colour.
        title: Figure title; default `"Calibration curve"` (`"Calibration
            (one vs rest)"` with several).

    Returns:
        The figure: the diagonal, then one lines-and-markers trace per curve
        named by its class (one point per non-empty probability bin).

    Raises:
        ValueError: If there is no curve or a curve is malformed.
    """
    if not curves:
        raise ValueError("calibration_figure needs at least one curve, received none.")
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0.0, 1.0],
            y=[0.0, 1.0],
            name=_("Perfectly calibrated"),
            mode="lines",
            line={"color": REFERENCE_COLOR, "width": 2, "dash": "dot"},
            legendrank=2000,
            hovertemplate=_("Perfectly calibrated") + "<extra></extra>",
        )
    )
    for i, (name, curve) in enumerate(curves.items()):
        predicted, observed = _array_pair(f"calibration curve {name!r}", curve.prob_pred,
                                          curve.prob_true)
        label = plotly_escape(name)
        fig.add_trace(
            go.Scatter(
                x=predicted,
                y=observed,
                name=label,
                mode="lines+markers",
                line={"color": _curve_color(name, i, classes), "width": 3},
                marker={"size": 8},
                cliponaxis=False,
                hovertemplate=f"{label}<br>" + _("Mean predicted probability")
                + " %{x:.3f}<br>" + _("Fraction of positives") + " %{y:.3f}<extra></extra>",
            )
        )
    default_title = (_("Calibration curve") if len(curves) == 1
                     else _("Calibration (one vs rest)"))
    # Curves run along the diagonal: a few names fit in the empty top-left corner, many
    # go beside the plot.
    finish_layout(fig, title or default_title, _("Mean predicted probability"),
                  _("Fraction of positives"), legend="inside" if len(curves) <= 3 else "right")
    if len(curves) <= 3:
        fig.update_layout(legend={"yanchor": "top", "y": 0.97, "xanchor": "left", "x": 0.02})
    fig.update_xaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    fig.update_yaxes(range=[-0.02, 1.02], autorange=False, dtick=0.2, zeroline=False)
    return fig


CELL_TRACE = 1
"""Index of the clickable cells' trace in a `confusion_figure(..., clickable=True)`."""


def confusion_figure(
    matrix: np.ndarray, labels: Sequence[str], title: str | None = None,
    clickable: bool = False, selected: tuple[int, int] | None = None,
) -> go.Figure:
    """Draws a confusion matrix as a heatmap with the counts in the cells.

    Rows are true classes, top to bottom in `labels` order; columns are
    predicted classes, left to right (scikit-learn's `confusion_matrix`
    layout). Hovering a cell shows the true and predicted class, the count
    and its share of the row (the share of that true class).

    Args:
        matrix: `(k, k)` counts, e.g. from `evaluation.confusion`.
        labels: The `k` class labels in code order.
        title: Figure title; default `"Confusion matrix"`.
        clickable: Whether to lay one invisible marker over every
            cell (trace `CELL_TRACE`), so that a click selects it (plotly
            selects points, not heatmap cells): point `i` is the cell
            `divmod(i, k)`, `(true, predicted)`.
        selected: `(true, predicted)` of a cell to outline (the one whose rows
            are listed), or `None`.

    Returns:
        The figure, one `Heatmap` trace whose `z` is `matrix` (and the cells'
        markers when `clickable`).

    Raises:
        ValueError: If `matrix` is not square or does not match `labels`.
    """
    counts = np.asarray(matrix)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1]:
        raise ValueError(f"matrix must be square (k, k), received shape {counts.shape}.")
    names = _labels("labels", labels)
    if len(names) != counts.shape[0]:
        raise ValueError(
            f"labels has {len(names)} labels but matrix is {counts.shape[0]}×{counts.shape[1]}."
        )
    row_totals = counts.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(row_totals > 0, counts / np.where(row_totals == 0, 1, row_totals), 0.0)
    fig = go.Figure(
        go.Heatmap(
            z=counts,
            x=names,
            y=names,
            customdata=share,
            colorscale="Blues",
            zmin=0,
            texttemplate="%{z}",
            textfont={"size": FONT_SIZE + 2},
            showscale=False,
            xgap=2,
            ygap=2,
            hovertemplate=_("True") + ": %{y}<br>" + _("Predicted") + ": %{x}<br>"
            + _("Count") + ": %{z}<br>" + _("Share of row") + ": %{customdata:.1%}<extra></extra>",
            name=_("Confusion matrix"),
        )
    )
    if clickable:
        k = len(names)
        rows, columns = np.divmod(np.arange(k * k), k)
        fig.add_trace(go.Scatter(
            x=[names[c] for c in columns], y=[names[r] for r in rows],
            customdata=np.column_stack([counts.ravel(), share.ravel()]),
            mode="markers", showlegend=False, name=_("Confusion matrix"),
            # Invisible and as large as a cell can be: the click target (plotly finds
            # the point under the pointer from the data, whatever it looks like).
            marker={"size": max(12, min(60, 420 // k)), "symbol": "square",
                    "color": "rgba(0, 0, 0, 0)", "opacity": 0},
            hoverlabel={"bgcolor": "white", "font": {"color": "#222"}},
            hovertemplate=_("True") + ": %{y}<br>" + _("Predicted") + ": %{x}<br>"
            + _("Count") + ": %{customdata[0]}<br>" + _("Share of row")
            + ": %{customdata[1]:.1%}<br>" + _("Click to list these rows") + "<extra></extra>",
        ))
    if selected is not None:
        true, predicted = (int(v) for v in selected)
        if not (0 <= true < len(names) and 0 <= predicted < len(names)):
            raise ValueError(f"selected must be a cell of the {len(names)}×{len(names)} matrix, "
                             f"received {selected!r}.")
        fig.add_shape(type="rect", x0=predicted - 0.5, x1=predicted + 0.5, y0=true - 0.5,
                      y1=true + 0.5, xref="x", yref="y",
                      line={"color": MARKER_COLOR, "width": 3})
    finish_layout(
        fig,
        title or _("Confusion matrix"),
        _("Predicted"),
        _("True"),
        legend="none",
        height=max(SQUARE_FIGURE_HEIGHT, 40 * len(names) + 180),
        square=True,
    )
    # Category axes: labels such as "0" and "1" must not be read as numbers.
    fig.update_xaxes(type="category", showgrid=False)
    fig.update_yaxes(type="category", autorange="reversed", showgrid=False)
    return fig


def score_histogram(
    y_true: np.ndarray,
    y_score: np.ndarray,
    classes: Sequence[str],
    threshold: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """Overlays histograms of the predicted scores, one per true class.

    Binary: `y_score` is P(class 1) per sample (a `(n, 2)` array is read as
    its second column) and the chart shows how well the two true classes
    are separated, with the decision threshold as a vertical line.
    Multiclass: pass the highest class probability per sample (the model's
    confidence), or the `(n, k)` probabilities and the maximum per row is
    taken here; the histograms then show how confident the model is on
    each true class.

    Args:
        y_true: `(n,)` class codes.
        y_score: `(n,)` scores in [0, 1], or `(n, k)` probabilities.
        classes: Class labels in code order (at least two).
        threshold: Where to draw the decision threshold, in [0, 1].
        title: Figure title; default `"Scores by true class"` (binary) or
            `"Model confidence by true class"`.

    Returns:
        The figure: one `Histogram` trace per class named `"True: <class>"`
        on shared 0.05-wide bins over [0, 1] (overlaid for binary, stacked
        for multiclass, where overlaying many classes turns to mud), plus a
        vertical line shape at `threshold` when given.

    Raises:
        ValueError: If shapes do not match, codes fall outside the classes,
            or `threshold` is outside [0, 1].
    """
    names = _labels("classes", classes, minimum=2)
    scores = np.asarray(y_score, dtype=float)
    if scores.ndim == 2:
        if len(names) == 2 and scores.shape[1] == 2:
            scores = scores[:, 1]
        elif scores.shape[1] == len(names):
            scores = scores.max(axis=1)
        else:
            raise ValueError(
                f"y_score has {scores.shape[1]} columns but there are {len(names)} classes."
            )
    scores = _vector("y_score", scores)
    codes = _codes("y_true", y_true, len(names))
    if codes.size != scores.size:
        raise ValueError(
            f"y_true and y_score must have the same length, received {codes.size} and "
            f"{scores.size}."
        )
    binary = len(names) == 2
    x_title = (_("Predicted P({label})").format(label=names[1]) if binary
               else _("Highest class probability (confidence)"))
    fig = go.Figure()
    for i, name in enumerate(names):
        fig.add_trace(
            go.Histogram(
                x=scores[codes == i],
                name=_("True: {label}").format(label=name),
                marker={"color": class_color(i), "line": {"color": "white", "width": 1}},
                opacity=0.65 if binary else 0.9,
                xbins={"start": 0.0, "end": 1.0, "size": 0.05},
                autobinx=False,
                hovertemplate=_("True: {label}").format(label=name) + "<br>" + _("Score")
                + " %{x}<br>" + _("Samples") + ": %{y}<extra></extra>",
            )
        )
    if threshold is not None:
        t = float(threshold)
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"threshold must be in [0, 1], received {threshold!r}.")
        fig.add_vline(
            x=t,
            line={"color": MARKER_COLOR, "width": 3, "dash": "dash"},
            annotation={"text": _("threshold {value}").format(value=i18n.decimal(t, 2)),
                        "font": {"size": FONT_SIZE - 1}},
            annotation_position="top",
        )
    default = _("Scores by true class") if binary else _("Model confidence by true class")
    finish_layout(fig, title or default, x_title, _("Test samples"))
    fig.update_layout(barmode="overlay" if binary else "stack", bargap=0.02)
    fig.update_xaxes(range=[0, 1], autorange=False)
    return fig

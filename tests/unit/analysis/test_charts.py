"""Tests for funcnet.analysis.charts: the figures draw exactly the data they are given."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import plotly.graph_objects as go
import pytest

from funcnet import i18n
from funcnet.analysis import charts
from funcnet.model.activations import ACTIVATIONS, get_activation

CLASSES2 = ("benign", "malignant")
CLASSES3 = ("setosa", "versicolor", "virginica")


@dataclass
class FakeRoc:
    """Stands in for evaluation.RocCurve (attribute access, extra thresholds field)."""

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    auc: float


class TupleRoc(NamedTuple):
    """A NamedTuple with four fields must be read by attribute, not unpacked as three."""

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    auc: float


def _history() -> dict[str, list[float]]:
    return {
        "loss": [0.9, 0.6, 0.4],
        "val_loss": [1.0, 0.7, 0.5],
        "accuracy": [0.5, 0.7, 0.8],
        "val_accuracy": [0.45, 0.65, 0.75],
    }


def _moons() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(40, 2))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    return x, y


def _grid() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gx = np.linspace(-3, 3, 7)
    gy = np.linspace(-2, 2, 5)
    xx, yy = np.meshgrid(gx, gy)
    return gx, gy, 1.0 / (1.0 + np.exp(-(xx + yy)))


def _all_figures() -> dict[str, go.Figure]:
    x, y = _moons()
    gx, gy, z = _grid()
    scatter, residuals = charts.regression_figures(np.arange(5.0), np.arange(5.0) + 0.5)
    return {
        "history": charts.history_figure(_history(), "loss", total_epochs=10),
        "comparison": charts.comparison_curves({"relu": {"val_loss": [1.0, 0.5]}}),
        "roc": charts.roc_figure({"malignant": ([0, 0.5, 1], [0, 0.8, 1], 0.8)}, (0.5, 0.8)),
        "confusion": charts.confusion_figure(np.array([[5, 1], [2, 7]]), CLASSES2),
        "histogram": charts.score_histogram(y, np.linspace(0, 1, y.size), CLASSES2, 0.5),
        "regression": scatter,
        "residuals": residuals,
        "dataset": charts.dataset_scatter(x, y, CLASSES2),
        "boundary": charts.decision_boundary_figure(gx, gy, z, x, y, CLASSES2),
        "activation": charts.activation_figure(["relu", "tanh"], np.linspace(-3, 3, 13)),
        "parameters": charts.parameter_bar({"dense": 10, "out": 3}),
    }


# --- shared look ------------------------------------------------------------------------


def test_every_figure_has_title_axis_titles_hover_and_the_house_look():
    for name, fig in _all_figures().items():
        layout = fig.layout
        assert layout.title.text, name
        assert layout.xaxis.title.text and layout.yaxis.title.text, name
        assert layout.height >= 300, name
        assert layout.font.size == charts.FONT_SIZE, name
        assert layout.template.layout.plot_bgcolor == "white", name
        for trace in fig.data:
            # Only the decision boundary's contour line opts out of hover on purpose.
            assert trace.hovertemplate or trace.hoverinfo == "skip", (name, trace.name)
        fig.to_json()  # serialisable as Streamlit will send it


def test_palettes_are_fixed_and_keyed_by_registry_order():
    assert list(charts.ACTIVATION_COLORS) == list(ACTIVATIONS)
    colours = list(charts.ACTIVATION_COLORS.values())
    assert len(set(colours)) == len(colours)
    assert charts.activation_color("relu") == charts.ACTIVATION_COLORS["relu"]
    assert charts.class_color(0) == charts.CLASS_COLORS[0]
    assert charts.class_color(len(charts.CLASS_COLORS)) == charts.CLASS_COLORS[0]
    assert charts.TRAIN_COLOR != charts.VALIDATION_COLOR
    with pytest.raises(ValueError, match="rellu"):
        charts.activation_color("rellu")


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("loss", "Loss"),
        ("val_loss", "Validation loss"),
        ("auc", "AUC"),
        ("val_auc", "Validation AUC"),
        ("label_loss", "Loss (label)"),
        ("val_value_mae", "Validation mean absolute error (value)"),
        ("custom", "Custom"),
    ],
)
def test_metric_label(key, label):
    assert charts.metric_label(key) == label


# --- history_figure ---------------------------------------------------------------------


def test_history_figure_draws_training_and_dashed_validation():
    history = _history()
    fig = charts.history_figure(history, "loss")
    assert [t.type for t in fig.data] == ["scatter", "scatter"]
    assert [t.name for t in fig.data] == ["Training", "Validation"]
    train, val = fig.data
    assert list(train.x) == [1, 2, 3] and list(train.y) == history["loss"]
    assert list(val.x) == [1, 2, 3] and list(val.y) == history["val_loss"]
    assert train.mode == val.mode == "lines+markers"
    assert train.line.dash == "solid" and val.line.dash == "dash"
    assert train.line.color == charts.TRAIN_COLOR
    assert val.line.color == charts.VALIDATION_COLOR
    assert fig.layout.xaxis.title.text == "Epoch"
    assert fig.layout.yaxis.title.text == "Loss"
    assert fig.layout.title.text == "Loss per epoch"
    assert fig.layout.xaxis.range is None  # no total: plotly fits the data


def test_history_figure_fixes_x_range_to_total_epochs():
    fig = charts.history_figure(_history(), "loss", total_epochs=20, title="Live")
    assert tuple(fig.layout.xaxis.range) == (1, 20)
    assert fig.layout.xaxis.autorange is False
    assert fig.layout.title.text == "Live"
    # More epochs than announced (e.g. a resumed run) widen the frame rather than clip.
    fig = charts.history_figure({"loss": [1.0] * 5}, "loss", total_epochs=3)
    assert tuple(fig.layout.xaxis.range) == (1, 5)


def test_history_figure_colours_are_the_same_for_every_metric():
    loss = charts.history_figure(_history(), "loss")
    acc = charts.history_figure(_history(), "accuracy")
    assert [t.line.color for t in loss.data] == [t.line.color for t in acc.data]
    assert tuple(acc.layout.yaxis.range) == (0, 1)  # bounded metric: steady frame


@pytest.mark.parametrize("history", [{}, {"loss": [], "val_loss": []}])
def test_history_figure_waits_for_the_first_epoch(history):
    fig = charts.history_figure(history, "loss", total_epochs=8)
    assert len(fig.data) == 0
    assert "Waiting for the first epoch" in fig.layout.annotations[0].text
    assert tuple(fig.layout.xaxis.range) == (1, 8)


def test_history_figure_without_validation_and_per_head_keys():
    fig = charts.history_figure({"label_loss": [0.5, 0.4], "value_loss": [2.0, 1.0]}, "label_loss")
    assert [t.name for t in fig.data] == ["Training"]
    assert list(fig.data[0].y) == [0.5, 0.4]
    assert fig.layout.yaxis.title.text == "Loss (label)"


def test_history_figure_reads_val_key_as_its_training_metric():
    fig = charts.history_figure(_history(), "val_loss")
    assert [t.name for t in fig.data] == ["Training", "Validation"]
    assert list(fig.data[1].y) == _history()["val_loss"]


def test_history_figure_rejects_unknown_metric_and_bad_total():
    with pytest.raises(ValueError, match="'mae'.*Known keys: accuracy, loss"):
        charts.history_figure(_history(), "mae")
    with pytest.raises(ValueError, match="total_epochs"):
        charts.history_figure(_history(), "loss", total_epochs=0)


# --- comparison_curves ------------------------------------------------------------------


def test_comparison_curves_one_trace_per_activation_in_its_colour():
    histories = {
        "relu": {"loss": [1.0, 0.5], "val_loss": [1.1, 0.6]},
        "tanh": {"loss": [1.0, 0.7], "val_loss": [1.2, 0.8]},
        "my run": {"val_loss": [0.9]},
    }
    fig = charts.comparison_curves(histories, total_epochs=5)
    assert [t.name for t in fig.data] == ["ReLU", "tanh", "my run"]
    assert list(fig.data[0].y) == [1.1, 0.6] and list(fig.data[1].y) == [1.2, 0.8]
    assert fig.data[0].line.color == charts.ACTIVATION_COLORS["relu"]
    assert fig.data[1].line.color == charts.ACTIVATION_COLORS["tanh"]
    assert fig.data[2].line.color not in charts.ACTIVATION_COLORS.values()
    assert fig.layout.yaxis.title.text == "Validation loss"
    assert tuple(fig.layout.xaxis.range) == (1, 5)


def test_comparison_curves_lists_waiting_runs_and_rejects_missing_metric():
    fig = charts.comparison_curves({"relu": {}, "elu": {"val_loss": []}})
    assert [t.name for t in fig.data] == ["ReLU", "ELU"]
    assert all(len(t.y) == 0 for t in fig.data)
    assert "Waiting" in fig.layout.annotations[0].text
    assert "No runs" in charts.comparison_curves({}).layout.annotations[0].text
    with pytest.raises(ValueError, match="'relu'.*'val_loss'"):
        charts.comparison_curves({"relu": {"loss": [1.0]}})


# --- roc_figure -------------------------------------------------------------------------


def test_roc_figure_from_tuples_with_chance_line_and_marker():
    fpr, tpr = np.array([0.0, 0.2, 1.0]), np.array([0.0, 0.7, 1.0])
    fig = charts.roc_figure({"malignant": (fpr, tpr, 0.75)}, marker=(0.2, 0.7))
    assert [t.type for t in fig.data] == ["scatter"] * 3
    chance, curve, marker = fig.data
    assert list(chance.x) == [0.0, 1.0] and list(chance.y) == [0.0, 1.0]
    assert chance.name.startswith("Chance")
    assert curve.name == "malignant (AUC = 0.750)"
    np.testing.assert_array_equal(curve.x, fpr)
    np.testing.assert_array_equal(curve.y, tpr)
    assert marker.name == "Current threshold"
    assert (marker.x[0], marker.y[0]) == (0.2, 0.7)
    assert fig.layout.xaxis.title.text == "False positive rate"
    assert fig.layout.yaxis.title.text == "True positive rate"
    assert fig.layout.title.text == "ROC curve"


def test_roc_figure_accepts_objects_and_colours_by_class():
    thresholds = np.array([np.inf, 0.6, 0.1])
    curve = FakeRoc(np.array([0, 0.1, 1.0]), np.array([0, 0.9, 1.0]), thresholds, 0.95)
    fig = charts.roc_figure({"malignant": curve}, classes=CLASSES2)
    assert len(fig.data) == 2 and fig.data[1].name == "malignant (AUC = 0.950)"
    # The binary curve belongs to class 1 and wears class 1's colour everywhere.
    assert fig.data[1].line.color == charts.class_color(1)
    # sklearn's +inf first threshold shows as blank, not "inf".
    assert np.isnan(fig.data[1].customdata[0]) and fig.data[1].customdata[1] == 0.6

    named = TupleRoc(np.array([0, 1.0]), np.array([0, 1.0]), np.array([1.0, 0.0]), 0.5)
    fig = charts.roc_figure({name: named for name in CLASSES3})
    assert [t.name for t in fig.data[1:]] == [f"{c} (AUC = 0.500)" for c in CLASSES3]
    assert [t.line.color for t in fig.data[1:]] == [charts.class_color(i) for i in range(3)]
    assert fig.layout.title.text == "ROC curves (one vs rest)"


def test_roc_figure_rejects_bad_input():
    with pytest.raises(ValueError, match="at least one"):
        charts.roc_figure({})
    with pytest.raises(ValueError, match="'a'"):
        charts.roc_figure({"a": ([0, 1], [0, 1])})
    with pytest.raises(ValueError, match="same length"):
        charts.roc_figure({"a": ([0, 0.5, 1], [0, 1], 0.5)})
    with pytest.raises(ValueError, match="marker"):
        charts.roc_figure({"a": ([0, 1], [0, 1], 0.5)}, marker=(1.5, 0.2))


# --- confusion_figure -------------------------------------------------------------------


def test_confusion_figure_heatmap_equals_matrix():
    matrix = np.array([[5, 1, 0], [2, 7, 1], [0, 0, 0]])
    fig = charts.confusion_figure(matrix, CLASSES3)
    assert [t.type for t in fig.data] == ["heatmap"]
    heat = fig.data[0]
    np.testing.assert_array_equal(heat.z, matrix)
    assert list(heat.x) == list(CLASSES3) and list(heat.y) == list(CLASSES3)
    assert heat.texttemplate == "%{z}"
    assert "Share of row" in heat.hovertemplate
    # Share of row: each row sums to 1; an empty row stays 0 instead of NaN.
    np.testing.assert_allclose(heat.customdata[0], [5 / 6, 1 / 6, 0])
    np.testing.assert_array_equal(heat.customdata[2], [0, 0, 0])
    assert heat.colorscale[0][1] != heat.colorscale[-1][1]  # sequential, light to dark
    assert fig.layout.xaxis.title.text == "Predicted"
    assert fig.layout.yaxis.title.text == "True"
    assert fig.layout.yaxis.autorange == "reversed"  # first true class on top


def test_confusion_figure_numeric_labels_stay_categories():
    fig = charts.confusion_figure(np.eye(2, dtype=int), ["0", "1"])
    assert fig.layout.xaxis.type == fig.layout.yaxis.type == "category"


def test_confusion_figure_rejects_mismatch():
    with pytest.raises(ValueError, match="square"):
        charts.confusion_figure(np.zeros((2, 3)), CLASSES2)
    with pytest.raises(ValueError, match="3 labels"):
        charts.confusion_figure(np.zeros((2, 2)), CLASSES3)


# --- score_histogram --------------------------------------------------------------------


def test_score_histogram_binary_split_by_true_class_with_threshold():
    y_true = np.array([0, 0, 1, 1, 1])
    y_score = np.array([0.1, 0.6, 0.4, 0.8, 0.9])
    fig = charts.score_histogram(y_true, y_score, CLASSES2, threshold=0.3)
    assert [t.type for t in fig.data] == ["histogram", "histogram"]
    assert [t.name for t in fig.data] == ["True: benign", "True: malignant"]
    np.testing.assert_array_equal(fig.data[0].x, [0.1, 0.6])
    np.testing.assert_array_equal(fig.data[1].x, [0.4, 0.8, 0.9])
    assert fig.data[0].xbins.size == fig.data[1].xbins.size == 0.05
    assert [t.marker.color for t in fig.data] == [charts.class_color(0), charts.class_color(1)]
    (line,) = fig.layout.shapes
    assert line.x0 == line.x1 == 0.3
    assert fig.layout.barmode == "overlay"
    assert fig.layout.xaxis.title.text == "Predicted P(malignant)"
    assert fig.layout.yaxis.title.text == "Test samples"


def test_score_histogram_multiclass_uses_highest_probability():
    proba = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1], [0.3, 0.3, 0.4]])
    y_true = np.array([0, 1, 1])
    fig = charts.score_histogram(y_true, proba, CLASSES3)
    assert len(fig.data) == 3 and len(fig.layout.shapes) == 0
    np.testing.assert_array_equal(fig.data[1].x, [0.8, 0.4])
    assert "confidence" in fig.layout.xaxis.title.text
    # The same chart from the maxima the caller computed.
    again = charts.score_histogram(y_true, proba.max(axis=1), CLASSES3)
    np.testing.assert_array_equal(again.data[1].x, fig.data[1].x)


def test_score_histogram_rejects_bad_input():
    with pytest.raises(ValueError, match="same length"):
        charts.score_histogram(np.array([0, 1]), np.array([0.5]), CLASSES2)
    with pytest.raises(ValueError, match="class codes 0..1"):
        charts.score_histogram(np.array([0, 2]), np.array([0.5, 0.5]), CLASSES2)
    with pytest.raises(ValueError, match="threshold"):
        charts.score_histogram(np.array([0, 1]), np.array([0.5, 0.5]), CLASSES2, 1.5)


# --- regression_figures -----------------------------------------------------------------


def test_regression_figures_scatter_identity_and_residuals():
    y_true = np.array([1.0, 2.0, 3.0, 4.0])
    y_pred = np.array([1.5, 1.0, 3.5, 6.0])
    scatter, residuals = charts.regression_figures(y_true, y_pred, target="value")
    points, identity = scatter.data
    np.testing.assert_array_equal(points.x, y_true)
    np.testing.assert_array_equal(points.y, y_pred)
    assert list(identity.x) == list(identity.y) == [1.0, 6.0]
    assert scatter.layout.xaxis.title.text == "True value"
    assert scatter.layout.yaxis.title.text == "Predicted value"
    assert "value" in scatter.layout.title.text
    (res,) = residuals.data
    np.testing.assert_array_equal(res.x, y_pred)
    np.testing.assert_array_equal(res.y, y_true - y_pred)
    (zero,) = residuals.layout.shapes
    assert zero.y0 == zero.y1 == 0
    assert residuals.layout.yaxis.title.text == "Residual"


def test_regression_figures_rejects_mismatch():
    with pytest.raises(ValueError, match="same length"):
        charts.regression_figures(np.zeros(3), np.zeros(2))


# --- dataset_scatter and decision_boundary_figure ---------------------------------------


def test_dataset_scatter_one_trace_per_class():
    x, y = _moons()
    fig = charts.dataset_scatter(x, y, CLASSES2, feature_names=("a", "b"))
    assert [t.name for t in fig.data] == list(CLASSES2)
    for code, trace in enumerate(fig.data):
        np.testing.assert_array_equal(trace.x, x[y == code, 0])
        np.testing.assert_array_equal(trace.y, x[y == code, 1])
        assert trace.marker.color == charts.class_color(code)
    assert fig.layout.xaxis.title.text == "a" and fig.layout.yaxis.title.text == "b"
    assert fig.layout.yaxis.scaleanchor == "x"  # the plane is not stretched
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        charts.dataset_scatter(np.zeros((3, 3)), np.zeros(3), CLASSES2)
    with pytest.raises(ValueError, match="class codes"):
        charts.dataset_scatter(np.zeros((2, 2)), np.array([0, 5]), CLASSES2)


def test_decision_boundary_binary_probability_surface():
    x, y = _moons()
    gx, gy, z = _grid()
    fig = charts.decision_boundary_figure(gx, gy, z, x, y, CLASSES2)
    assert [t.type for t in fig.data] == ["heatmap", "contour", "scatter", "scatter"]
    heat, contour = fig.data[:2]
    np.testing.assert_array_equal(heat.z, z)
    np.testing.assert_array_equal(heat.x, gx)
    np.testing.assert_array_equal(heat.y, gy)
    assert (heat.zmin, heat.zmax) == (0.0, 1.0)
    scale = heat.colorscale
    assert scale[1] == (0.5, "rgb(255,255,255)")
    assert scale[0][1] != scale[2][1]
    assert contour.contours.start == contour.contours.end == 0.5
    assert [t.name for t in fig.data[2:]] == list(CLASSES2)
    np.testing.assert_array_equal(fig.data[3].x, x[y == 1, 0])


def test_decision_boundary_multiclass_regions():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(30, 2))
    y = rng.integers(0, 3, 30)
    gx, gy = np.linspace(-1, 1, 4), np.linspace(-1, 1, 3)
    z = np.array([[0, 1, 2, 2], [0, 1, 1, 2], [0, 0, 1, 2]])
    fig = charts.decision_boundary_figure(gx, gy, z, x, y, CLASSES3)
    assert [t.type for t in fig.data] == ["heatmap"] + ["scatter"] * 3
    heat = fig.data[0]
    np.testing.assert_array_equal(heat.z, z)
    assert (heat.zmin, heat.zmax) == (-0.5, 2.5)
    assert heat.customdata[0][2] == "virginica"
    with pytest.raises(ValueError, match=r"\(3, 4\)"):
        charts.decision_boundary_figure(gx, gy, z.T, x, y, CLASSES3)


# --- activation_figure ------------------------------------------------------------------


def test_activation_figure_matches_registry_functions():
    x = np.linspace(-4, 4, 33)
    names = ["relu", "tanh", "elu", "gelu"]
    fig = charts.activation_figure(names, x)
    assert [t.name for t in fig.data] == ["ReLU", "tanh", "ELU (α = 1)", "GELU"]
    for name, trace in zip(names, fig.data, strict=True):
        np.testing.assert_allclose(trace.y, get_activation(name)(x))
        np.testing.assert_array_equal(trace.x, x)
        assert trace.line.color == charts.ACTIVATION_COLORS[name]
    assert fig.layout.yaxis.title.text == "f(x)"

    derivative = charts.activation_figure(names, x, derivative=True)
    for name, trace in zip(names, derivative.data, strict=True):
        np.testing.assert_allclose(trace.y, get_activation(name).derivative(x))
    assert derivative.layout.yaxis.title.text == "f′(x)"


def test_activation_figure_alpha_and_softmax_pair():
    x = np.linspace(-3, 3, 13)
    fig = charts.activation_figure(
        ["leaky_relu", "softmax", "sigmoid"], x, alphas={"leaky_relu": 0.1, "sigmoid": 9.0}
    )
    leaky, softmax, sigmoid = fig.data
    assert leaky.name == "Leaky ReLU (α = 0.1)"
    np.testing.assert_allclose(leaky.y, np.where(x > 0, x, 0.1 * x))
    assert softmax.name == "softmax([x, 0])₀"
    pair = np.stack([x, np.zeros_like(x)], axis=-1)
    np.testing.assert_allclose(softmax.y, get_activation("softmax")(pair)[:, 0])
    # A two-score softmax is the sigmoid: the chart shows it (dashed, on top).
    np.testing.assert_allclose(softmax.y, sigmoid.y)
    assert softmax.line.dash == "dash"
    assert sigmoid.name == "sigmoid"  # alpha ignored where there is none


def test_activation_figure_empty_and_unknown():
    fig = charts.activation_figure([], np.linspace(-1, 1, 5))
    assert len(fig.data) == 0 and fig.layout.annotations
    with pytest.raises(ValueError, match="rellu"):
        charts.activation_figure(["rellu"], np.linspace(-1, 1, 5))


def test_activation_colours_agree_between_charts():
    x = np.linspace(-1, 1, 5)
    names = ["relu", "elu", "swish"]
    functions = charts.activation_figure(names, x)
    runs = charts.comparison_curves({name: {"val_loss": [1.0]} for name in names})
    assert [t.line.color for t in functions.data] == [t.line.color for t in runs.data]


def test_class_colours_agree_between_charts():
    x, y = _moons()
    gx, gy, z = _grid()
    data = charts.dataset_scatter(x, y, CLASSES2)
    boundary = charts.decision_boundary_figure(gx, gy, z, x, y, CLASSES2)
    hist = charts.score_histogram(y, np.full(y.size, 0.5), CLASSES2)
    roc = charts.roc_figure({"malignant": ([0, 1], [0, 1], 0.5)}, classes=CLASSES2)
    class1 = {
        data.data[1].marker.color,
        boundary.data[3].marker.color,
        hist.data[1].marker.color,
        roc.data[1].line.color,
    }
    assert class1 == {charts.class_color(1)}


# --- parameter_bar ----------------------------------------------------------------------


def test_parameter_bar():
    counts = {"features": 0, "hidden": 1344, "label": 65}
    fig = charts.parameter_bar(counts)
    (bar,) = fig.data
    assert bar.type == "bar" and bar.orientation == "h"
    assert list(bar.y) == list(counts) and list(bar.x) == list(counts.values())
    assert list(bar.text) == ["0", "1,344", "65"]
    assert "1,409" in fig.layout.title.text
    assert fig.layout.yaxis.autorange == "reversed"  # graph order, top down
    with pytest.raises(ValueError, match="'hidden'"):
        charts.parameter_bar({"hidden": -1})


# --- refilling a live figure ------------------------------------------------------------



def _plain(fig: go.Figure) -> dict:
    """The figure as plotly.js receives it (parsed JSON: arrays compare as lists)."""
    return json.loads(fig.to_json())


def _cut(history: dict[str, list[float]], n: int) -> dict[str, list[float]]:
    return {key: values[:n] for key, values in history.items()}


@pytest.mark.parametrize("metric", ["loss", "accuracy", "val_loss"])
@pytest.mark.parametrize("total", [None, 10, 200])
@pytest.mark.parametrize("lang", ["en", "pt"])
def test_refilled_history_figure_equals_a_fresh_one(metric, total, lang):
    rng = np.random.default_rng(1)
    long = {key: list(rng.random(9)) for key in _history()}
    for shorter in (1, 4, 8):
        early = _cut(long, shorter)
        assert charts.history_frame(early, metric, total) == charts.history_frame(
            long, metric, total)
        with i18n.using(lang):  # the builders label in the active language
            fig = charts.history_figure(early, metric, total_epochs=total, title="Loss")
            refilled = charts.refill_history_figure(fig, long, metric)
            fresh = charts.history_figure(long, metric, total_epochs=total, title="Loss")
        assert _plain(refilled) == _plain(fresh)


def test_history_frame_changes_when_more_than_the_values_change():
    history = _history()
    frame = charts.history_frame(history, "loss", 10)
    assert charts.history_frame({}, "loss", 10) != frame  # empty: the waiting note
    assert charts.history_frame({"loss": history["loss"]}, "loss", 10) != frame  # no val
    assert charts.history_frame(history, "loss", 11) != frame  # another axis
    assert charts.history_frame(history, "accuracy", 10) != frame
    long = {"loss": [0.5] * 61}
    assert charts.history_frame(_cut(long, 12), "loss", None) != charts.history_frame(
        _cut(long, 13), "loss", None)  # whole-epoch ticks end at 12
    assert charts.history_frame(_cut(long, 60), "loss", None) != charts.history_frame(
        long, "loss", None)  # smaller markers past 60 epochs
    assert charts.history_frame(_cut(long, 20), "loss", 15) != charts.history_frame(
        long, "loss", 15)  # more epochs than planned widen the axis


@pytest.mark.parametrize("classes", [CLASSES2, CLASSES3])
@pytest.mark.parametrize("lang", ["en", "pt"])
def test_refilled_boundary_figure_equals_a_fresh_one(classes, lang):
    gx, gy, z = _grid()
    x, y = _moons()
    y = y if len(classes) == 2 else (x[:, 0] > 0).astype(int) + (x[:, 1] > 0)
    later = z if len(classes) == 2 else np.rint(z * 2)
    earlier = 1 - later if len(classes) == 2 else 2 - later
    with i18n.using(lang):
        fig = charts.decision_boundary_figure(
            gx, gy, earlier, x, y, classes, title="Epoch 1", feature_names=("a", "b"))
        refilled = charts.refill_boundary_figure(fig, later, classes, title="Epoch 2")
        fresh = charts.decision_boundary_figure(
            gx, gy, later, x, y, classes, title="Epoch 2", feature_names=("a", "b"))
    assert _plain(refilled) == _plain(fresh)


def test_refill_boundary_figure_refuses_another_grid():
    gx, gy, z = _grid()
    x, y = _moons()
    fig = charts.decision_boundary_figure(gx, gy, z, x, y, CLASSES2)
    with pytest.raises(ValueError, match="shape"):
        charts.refill_boundary_figure(fig, z[:, :-1], CLASSES2, "Decision boundary")

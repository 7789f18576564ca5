"""Precision-recall, calibration and image-grid figures draw exactly the arrays given."""

from __future__ import annotations

import numpy as np
import pytest

from funcnet import i18n
from funcnet.analysis import charts
from funcnet.analysis.evaluation import calibration_curves, precision_recall_curves

Y = np.array([0, 0, 1, 1, 0, 1, 1, 0, 1, 0])
S = np.array([0.1, 0.4, 0.35, 0.8, 0.45, 0.9, 0.6, 0.2, 0.55, 0.7])
Y3 = np.array([0, 1, 2, 2, 1, 0, 2, 1, 0, 2])
S3 = np.array([
    [0.7, 0.2, 0.1], [0.2, 0.5, 0.3], [0.1, 0.3, 0.6], [0.3, 0.3, 0.4], [0.6, 0.3, 0.1],
    [0.5, 0.4, 0.1], [0.2, 0.2, 0.6], [0.1, 0.8, 0.1], [0.3, 0.4, 0.3], [0.25, 0.25, 0.5],
])
CLASSES3 = ("setosa", "versicolor", "virginica")


def _house_look(fig):
    assert fig.layout.title.text and fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    assert fig.layout.font.size == charts.FONT_SIZE
    assert all(trace.hovertemplate for trace in fig.data)
    fig.to_json()


def test_binary_precision_recall_figure_draws_the_curve_ap_and_chance():
    curves = precision_recall_curves(Y, S, ("no", "yes"))
    fig = charts.precision_recall_figure(curves, classes=("no", "yes"))
    _house_look(fig)
    curve, chance = fig.data
    np.testing.assert_allclose(curve.x, curves["yes"].recall)
    np.testing.assert_allclose(curve.y, curves["yes"].precision)
    assert curve.name == f"yes (AP = {curves['yes'].average_precision:.3f})"
    assert curve.line.color == charts.class_color(1)
    assert list(chance.y) == [0.5, 0.5] and chance.name == "Chance (AP = 0.500)"
    assert fig.layout.title.text == "Precision–recall curve"
    assert (fig.layout.xaxis.title.text, fig.layout.yaxis.title.text) == ("Recall", "Precision")


def test_multiclass_precision_recall_figure_one_curve_per_class_without_chance():
    curves = precision_recall_curves(Y3, S3, CLASSES3)
    fig = charts.precision_recall_figure(curves, classes=CLASSES3)
    assert [t.name.split(" (")[0] for t in fig.data] == list(CLASSES3)
    assert [t.line.color for t in fig.data] == [charts.class_color(i) for i in range(3)]
    assert fig.layout.title.text == "Precision–recall (one vs rest)"


def test_ap_is_written_in_the_locales_decimals_and_class_names_are_escaped():
    curves = precision_recall_curves(Y, S, ("a", "<b>yes</b>"))
    ap = curves["<b>yes</b>"].average_precision
    with i18n.using("pt"):
        fig = charts.precision_recall_figure(curves)
    assert fig.data[0].name == f"&lt;b&gt;yes&lt;/b&gt; (AP = {ap:.3f})".replace(".", ",")
    assert fig.layout.separators == ",."
    assert fig.layout.title.text != "Precision–recall curve"  # translated


def test_calibration_figure_draws_the_diagonal_and_the_curves():
    curves = calibration_curves(Y3, S3, CLASSES3, n_bins=5)
    fig = charts.calibration_figure(curves, classes=CLASSES3)
    _house_look(fig)
    diagonal, *lines = fig.data
    assert list(diagonal.x) == [0.0, 1.0] and list(diagonal.y) == [0.0, 1.0]
    assert [t.name for t in lines] == list(CLASSES3)
    for trace, name in zip(lines, CLASSES3, strict=True):
        np.testing.assert_allclose(trace.x, curves[name].prob_pred)
        np.testing.assert_allclose(trace.y, curves[name].prob_true)
    assert fig.layout.title.text == "Calibration (one vs rest)"


def test_curve_figures_reject_bad_input():
    with pytest.raises(ValueError, match="at least one"):
        charts.precision_recall_figure({})
    with pytest.raises(ValueError, match="at least one"):
        charts.calibration_figure({})

    class Bad:
        prob_pred = np.array([0.1, 0.2])
        prob_true = np.array([0.1])

    with pytest.raises(ValueError, match="same length"):
        charts.calibration_figure({"x": Bad()})


@pytest.mark.parametrize(("n", "side"), [(64, 8), (784, 28), (16, 4), (9, None), (65, None),
                                         (2, None), (0, None)])
def test_image_side_is_the_square_root_of_a_square_feature_count(n, side):
    assert charts.image_side(n) == side


def test_image_grid_one_heatmap_per_row_reshaped_row_major_with_titles():
    rows = np.arange(8 * 64, dtype=float).reshape(8, 64)
    fig = charts.image_grid(rows, list("01234567"), ["0", "1", "2", "9", "4", "5", "6", "<i>"],
                            columns=6)
    assert len(fig.data) == 8
    for i, trace in enumerate(fig.data):
        np.testing.assert_array_equal(np.asarray(trace.z), rows[i].reshape(8, 8))
        assert trace.zmin == 0 and trace.zmax == rows.max()
    titles = [a.text for a in fig.layout.annotations]
    assert titles[3] == "3 → 9" and titles[7] == "7 → &lt;i&gt;"
    assert fig.layout.yaxis.autorange == "reversed"
    assert fig.layout.yaxis8.scaleanchor == "x8"
    fig.to_json()


def test_image_grid_rejects_rows_that_are_not_square_images():
    with pytest.raises(ValueError, match="shape"):
        charts.image_grid(np.zeros((2, 10)), ["a", "b"], ["a", "b"])
    with pytest.raises(ValueError, match="label"):
        charts.image_grid(np.zeros((2, 16)), ["a"], ["a", "b"])


def test_the_current_threshold_is_a_point_on_the_precision_recall_curve():
    curves = precision_recall_curves(Y, S, ("no", "yes"))
    fig = charts.precision_recall_figure(curves, classes=("no", "yes"), marker=(0.6, 0.75))
    _house_look(fig)
    marker = fig.data[-1]
    assert marker.name == "Current threshold" and (marker.x, marker.y) == ((0.6,), (0.75,))
    with pytest.raises(ValueError, match=r"\(recall, precision\) point"):
        charts.precision_recall_figure(curves, marker=(1.2, 0.5))


def test_a_clickable_confusion_matrix_lays_one_marker_on_every_cell_in_divmod_order():
    matrix = np.array([[3, 1, 0], [2, 4, 1], [0, 0, 5]])
    fig = charts.confusion_figure(matrix, CLASSES3, clickable=True)
    _house_look(fig)
    cells = fig.data[charts.CELL_TRACE]
    assert len(cells.x) == 9 and fig.data[0].type == "heatmap"
    for i, (x, y) in enumerate(zip(cells.x, cells.y, strict=True)):
        true, predicted = divmod(i, 3)
        assert (y, x) == (CLASSES3[true], CLASSES3[predicted])
        assert cells.customdata[i][0] == matrix[true, predicted]
    assert len(charts.confusion_figure(matrix, CLASSES3).data) == 1  # not clickable: one trace


def test_the_cell_whose_rows_are_listed_is_outlined():
    matrix = np.array([[3, 1, 0], [2, 4, 1], [0, 0, 5]])
    fig = charts.confusion_figure(matrix, CLASSES3, clickable=True, selected=(1, 2))
    (outline,) = fig.layout.shapes
    assert (outline.x0, outline.x1, outline.y0, outline.y1) == (1.5, 2.5, 0.5, 1.5)
    assert charts.confusion_figure(matrix, CLASSES3).layout.shapes == ()
    with pytest.raises(ValueError, match="a cell of the 3×3 matrix"):
        charts.confusion_figure(matrix, CLASSES3, selected=(3, 0))

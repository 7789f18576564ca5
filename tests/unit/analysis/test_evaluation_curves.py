"""Precision-recall and calibration curves, and the rows of a confusion cell, against sklearn."""

import math
import warnings

import numpy as np
import pytest
from evaluation_samples import CLASSES, S_BINARY, S_MULTI, Y_BINARY, Y_MULTI
from sklearn.calibration import calibration_curve
from sklearn.metrics import average_precision_score, confusion_matrix, precision_recall_curve

from funcnet.analysis.evaluation import (
    calibration_curves,
    cell_rows,
    confusion,
    precision_recall_curves,
    rows_frame,
)


def test_a_binary_precision_recall_curve_is_sklearns():
    (label, curve), = precision_recall_curves(Y_BINARY, S_BINARY, ("no", "yes")).items()
    assert label == "yes"
    precision, recall, thresholds = precision_recall_curve(Y_BINARY, S_BINARY)
    np.testing.assert_allclose(curve.precision, precision)
    np.testing.assert_allclose(curve.recall, recall)
    np.testing.assert_allclose(curve.thresholds, thresholds)
    assert curve.average_precision == pytest.approx(average_precision_score(Y_BINARY, S_BINARY))
    assert curve.prevalence == pytest.approx(0.5)
    assert curve.defined


def test_multiclass_gives_one_precision_recall_curve_per_class():
    curves = precision_recall_curves(Y_MULTI, S_MULTI, CLASSES)
    assert list(curves) == list(CLASSES)
    for i, name in enumerate(CLASSES):
        positive = np.equal(Y_MULTI, i).astype(int)
        precision, recall, _ = precision_recall_curve(positive, S_MULTI[:, i])
        np.testing.assert_allclose(curves[name].precision, precision)
        np.testing.assert_allclose(curves[name].recall, recall)
        assert curves[name].average_precision == pytest.approx(
            average_precision_score(positive, S_MULTI[:, i]))
    # The macro mean is sklearn's multiclass average precision.
    one_hot = np.eye(3)[Y_MULTI]
    assert np.mean([c.average_precision for c in curves.values()]) == pytest.approx(
        average_precision_score(one_hot, S_MULTI, average="macro"))


def test_a_class_without_test_samples_has_no_precision_recall_curve_and_no_warning():
    y_true = np.array([0, 1, 0, 1])
    scores = np.array([[0.6, 0.3, 0.1], [0.2, 0.7, 0.1], [0.5, 0.1, 0.4], [0.3, 0.6, 0.1]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        curves = precision_recall_curves(y_true, scores, CLASSES)
    assert curves["cat"].defined and curves["dog"].defined
    assert not curves["fox"].defined and math.isnan(curves["fox"].average_precision)
    assert curves["fox"].precision.size == 0 and curves["fox"].prevalence == 0.0


def test_non_finite_scores_give_undefined_curves_not_exceptions():
    scores = S_BINARY.astype(float).copy()
    scores[2] = np.nan
    assert not precision_recall_curves(Y_BINARY, scores, ("0", "1"))["1"].defined
    assert not calibration_curves(Y_BINARY, scores, ("0", "1"))["1"].defined


@pytest.mark.parametrize("n_bins", [2, 5, 10])
def test_a_binary_calibration_curve_is_sklearns(n_bins):
    rng = np.random.default_rng(3)
    scores = rng.uniform(size=400)
    y_true = (rng.uniform(size=400) < scores ** 2).astype(int)
    (label, curve), = calibration_curves(y_true, scores, ("a", "b"), n_bins=n_bins).items()
    prob_true, prob_pred = calibration_curve(y_true, scores, n_bins=n_bins)
    assert label == "b"
    np.testing.assert_allclose(curve.prob_true, prob_true)
    np.testing.assert_allclose(curve.prob_pred, prob_pred)


def test_multiclass_gives_one_calibration_curve_per_class():
    curves = calibration_curves(Y_MULTI, S_MULTI, CLASSES, n_bins=5)
    for i, name in enumerate(CLASSES):
        prob_true, prob_pred = calibration_curve(np.equal(Y_MULTI, i).astype(int), S_MULTI[:, i],
                                                 n_bins=5)
        np.testing.assert_allclose(curves[name].prob_true, prob_true)
        np.testing.assert_allclose(curves[name].prob_pred, prob_pred)


def test_calibration_needs_probabilities_and_two_bins():
    assert not calibration_curves(Y_BINARY, S_BINARY * 2, ("0", "1"))["1"].defined
    with pytest.raises(ValueError, match="n_bins"):
        calibration_curves(Y_BINARY, S_BINARY, ("0", "1"), n_bins=1)
    with pytest.raises(ValueError, match="columns"):
        calibration_curves(Y_MULTI, S_MULTI, ("a", "b", "c", "d"))


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.65])
def test_binary_cell_rows_are_exactly_the_rows_of_each_cell(threshold):
    predicted = np.greater(S_BINARY, threshold).astype(int)
    counts = confusion_matrix(Y_BINARY, predicted, labels=[0, 1])
    np.testing.assert_array_equal(confusion(Y_BINARY, S_BINARY, "binary", threshold), counts)
    for t in (0, 1):
        for p in (0, 1):
            rows = cell_rows(Y_BINARY, S_BINARY, "binary", (t, p), threshold)
            assert rows.size == counts[t, p]
            expected = np.flatnonzero(np.equal(Y_BINARY, t) & (predicted == p))
            np.testing.assert_array_equal(rows, expected)
    wrong = cell_rows(Y_BINARY, S_BINARY, "binary", None, threshold)
    assert wrong.size == counts.sum() - np.trace(counts)
    np.testing.assert_array_equal(wrong, np.flatnonzero(np.not_equal(Y_BINARY, predicted)))


def test_multiclass_cell_rows_partition_the_test_set_as_the_confusion_matrix_counts():
    counts = confusion_matrix(Y_MULTI, S_MULTI.argmax(axis=1), labels=[0, 1, 2])
    seen = []
    for t in range(3):
        for p in range(3):
            rows = cell_rows(Y_MULTI, S_MULTI, "multiclass", (t, p))
            assert rows.size == counts[t, p]
            assert all(Y_MULTI[r] == t and S_MULTI[r].argmax() == p for r in rows)
            seen += rows.tolist()
    assert sorted(seen) == list(range(Y_MULTI.size))
    with pytest.raises(ValueError, match="cell"):
        cell_rows(Y_MULTI, S_MULTI, "multiclass", (0, 3))


def test_rows_frame_lists_labels_and_probabilities_of_the_chosen_rows():
    rows = cell_rows(Y_MULTI, S_MULTI, "multiclass", None)
    frame = rows_frame(Y_MULTI, S_MULTI, "multiclass", CLASSES, rows)
    assert list(frame.index) == rows.tolist()
    assert list(frame.columns) == ["true", "predicted", "P(cat)", "P(dog)", "P(fox)"]
    for r in rows:
        assert frame.loc[r, "true"] == CLASSES[Y_MULTI[r]]
        assert frame.loc[r, "predicted"] == CLASSES[S_MULTI[r].argmax()]
        np.testing.assert_allclose(frame.loc[r, ["P(cat)", "P(dog)", "P(fox)"]].to_numpy(float),
                                   S_MULTI[r])
    # Binary: P(class 0) is 1 - score; a class called "true" does not clash with a column.
    binary = rows_frame(Y_BINARY, S_BINARY, "binary", ("false", "true"), np.array([3, 0]))
    assert list(binary.columns) == ["true", "predicted", "P(false)", "P(true)"]
    np.testing.assert_allclose(binary["P(true)"], S_BINARY[[3, 0]])
    np.testing.assert_allclose(binary["P(false)"], 1 - S_BINARY[[3, 0]], rtol=1e-6)


def test_the_precision_recall_point_is_sklearns_and_matches_the_confusion_matrix():
    from sklearn.metrics import precision_score, recall_score

    from funcnet.analysis.evaluation import precision_recall_point

    for threshold in (0.2, 0.5, 0.8):
        predicted = (S_BINARY.astype(np.float64) > threshold).astype(int)  # the page's rule
        point = precision_recall_point(Y_BINARY, S_BINARY, threshold)
        assert point == (pytest.approx(recall_score(Y_BINARY, predicted)),
                         pytest.approx(precision_score(Y_BINARY, predicted)))
        (tn, fp), (fn, tp) = confusion(Y_BINARY, S_BINARY, "binary", threshold)
        assert point == (pytest.approx(tp / (tp + fn)), pytest.approx(tp / (tp + fp)))
    assert precision_recall_point(Y_BINARY, S_BINARY, 1.0) is None  # nothing predicted positive
    assert precision_recall_point(np.zeros(4), np.full(4, 0.9), 0.5) is None  # no positive row

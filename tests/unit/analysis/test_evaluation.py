"""Test-set metrics: agreement with scikit-learn and the awkward cases."""

import math
import warnings

import numpy as np
import pytest
from evaluation_samples import CLASSES, S_BINARY, S_MULTI, Y_BINARY, Y_MULTI
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    mean_absolute_error,
    mean_squared_error,
    r2_score,
    roc_auc_score,
    roc_curve,
)

from funcnet.analysis.evaluation import (
    RocCurve,
    confusion,
    head_summary,
    predicted_labels,
    regression_metrics,
    report_frame,
    roc_curves,
    roc_point,
)
from funcnet.train.results import HeadResult


def _head(task, y_true, y_score, classes=("0", "1")):
    return HeadResult("output", task, "target", tuple(classes), np.asarray(y_true),
                      np.asarray(y_score))


def test_a_binary_roc_curve_agrees_with_sklearn():
    curves = roc_curves(Y_BINARY, S_BINARY, ("no", "yes"))
    assert list(curves) == ["yes"]  # keyed by the positive class
    curve = curves["yes"]
    fpr, tpr, thresholds = roc_curve(Y_BINARY, S_BINARY, drop_intermediate=False)
    np.testing.assert_allclose(curve.fpr, fpr)
    np.testing.assert_allclose(curve.tpr, tpr)
    np.testing.assert_allclose(curve.thresholds, thresholds)
    assert curve.auc == pytest.approx(roc_auc_score(Y_BINARY, S_BINARY))
    assert curve.defined


def test_multiclass_gives_one_roc_curve_per_class():
    curves = roc_curves(Y_MULTI, S_MULTI, CLASSES)
    assert list(curves) == list(CLASSES)
    for i, label in enumerate(CLASSES):
        expected = roc_auc_score(np.equal(Y_MULTI, i), S_MULTI[:, i])
        assert curves[label].auc == pytest.approx(expected)
    summary = head_summary(_head("multiclass", Y_MULTI, S_MULTI, CLASSES))
    assert summary["auc"] == pytest.approx(
        roc_auc_score(Y_MULTI, S_MULTI, multi_class="ovr", average="macro"))
    assert summary["accuracy"] == pytest.approx(accuracy_score(Y_MULTI, S_MULTI.argmax(axis=1)))


def test_the_threshold_changes_the_binary_confusion_matrix():
    for threshold in (0.3, 0.5, 0.65):
        expected = confusion_matrix(Y_BINARY, np.greater(S_BINARY, threshold).astype(int))
        np.testing.assert_array_equal(confusion(Y_BINARY, S_BINARY, "binary", threshold),
                                      expected)
    low = confusion(Y_BINARY, S_BINARY, "binary", 0.3)
    high = confusion(Y_BINARY, S_BINARY, "binary", 0.65)
    assert low[:, 1].sum() > high[:, 1].sum()  # a lower threshold predicts more positives
    assert low.sum() == high.sum() == Y_BINARY.size


@pytest.mark.parametrize("threshold", [0.0, 0.2, 0.35, 0.5, 0.55, 0.75, 0.9, 1.0])
def test_the_roc_point_matches_the_confusion_matrix(threshold):
    scores = S_BINARY.astype(np.float64).round(2)  # so 0.35, 0.55, 0.9 are exact ties
    curve = roc_curves(Y_BINARY, scores, ("0", "1"))["1"]
    (tn, fp), (fn, tp) = confusion(Y_BINARY, scores, "binary", threshold)
    assert roc_point(curve, threshold) == pytest.approx((fp / (fp + tn), tp / (tp + fn)))


def test_predicted_labels_use_the_threshold_or_the_argmax():
    np.testing.assert_array_equal(predicted_labels(np.array([0.2, 0.5, 0.51]), "binary"),
                                  [0, 0, 1])
    np.testing.assert_array_equal(predicted_labels(np.array([[0.2], [0.9]]), "binary", 0.1),
                                  [1, 1])
    np.testing.assert_array_equal(predicted_labels(S_MULTI, "multiclass"),
                                  S_MULTI.argmax(axis=1))
    assert predicted_labels(S_MULTI, "multiclass").dtype == np.int64


def test_the_report_is_sklearns_classification_report():
    frame = report_frame(Y_MULTI, S_MULTI, "multiclass", CLASSES)
    expected = classification_report(Y_MULTI, S_MULTI.argmax(axis=1), target_names=CLASSES,
                                      output_dict=True, zero_division=0)
    assert list(frame.index) == [*CLASSES, "accuracy", "macro avg", "weighted avg"]
    assert list(frame.columns) == ["precision", "recall", "f1-score", "support"]
    for row in (*CLASSES, "macro avg", "weighted avg"):
        for column in ("precision", "recall", "f1-score", "support"):
            assert frame.loc[row, column] == pytest.approx(expected[row][column])
    assert frame.loc["accuracy", "f1-score"] == pytest.approx(expected["accuracy"])
    assert frame.loc["accuracy", "support"] == Y_MULTI.size
    assert math.isnan(frame.loc["accuracy", "precision"])
    assert frame["support"].dtype == np.int64


def test_the_binary_report_follows_the_threshold():
    at_half = report_frame(Y_BINARY, S_BINARY, "binary", ("0", "1"), 0.5)
    at_low = report_frame(Y_BINARY, S_BINARY, "binary", ("0", "1"), 0.3)
    assert at_low.loc["1", "recall"] == 1.0 > at_half.loc["1", "recall"]
    assert at_half.loc["1", "support"] == 5


def test_a_class_missing_from_the_test_set_keeps_its_row_and_column():
    y_true = np.array([0, 0, 1, 1, 0])  # class 2 ("fox") never occurs
    scores = S_MULTI[:5]
    matrix = confusion(y_true, scores, "multiclass")
    assert matrix.shape == (3, 3) and matrix[2].sum() == 0
    np.testing.assert_array_equal(
        matrix, confusion_matrix(y_true, scores.argmax(axis=1), labels=[0, 1, 2]))
    frame = report_frame(y_true, scores, "multiclass", CLASSES)
    assert frame.loc["fox", "support"] == 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        curves = roc_curves(y_true, scores, CLASSES)
        summary = head_summary(_head("multiclass", y_true, scores, CLASSES))
    assert not curves["fox"].defined and curves["cat"].defined
    present = [roc_auc_score(y_true == i, scores[:, i]) for i in (0, 1)]
    assert summary["auc"] == pytest.approx(np.mean(present))


def test_one_class_in_the_test_set_gives_nan_auc_without_errors():
    y_true = np.zeros(6, dtype=int)
    scores = np.linspace(0.1, 0.9, 6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        summary = head_summary(_head("binary", y_true, scores))
        curve = roc_curves(y_true, scores, ("0", "1"))["1"]
    assert math.isnan(summary["auc"]) and not curve.defined
    assert summary["accuracy"] == pytest.approx(accuracy_score(y_true, scores > 0.5))
    np.testing.assert_array_equal(confusion(y_true, scores, "binary"), [[3, 3], [0, 0]])


def test_non_finite_scores_give_nan_not_an_exception():
    scores = S_BINARY.copy()
    scores[3] = np.nan
    summary = head_summary(_head("binary", Y_BINARY, scores))
    assert math.isnan(summary["auc"])
    curve = roc_curves(Y_BINARY, scores, ("0", "1"))["1"]
    assert isinstance(curve, RocCurve) and not curve.defined
    assert all(math.isnan(v) for v in roc_point(curve, 0.5))
    regression = regression_metrics([1.0, 2.0], [np.inf, 2.0])
    assert all(math.isnan(v) for v in regression.values())


def test_regression_metrics_agree_with_sklearn():
    y_true = np.array([3.0, -0.5, 2.0, 7.0, 4.2])
    y_pred = np.array([2.5, 0.0, 2.1, 7.8, 3.9], dtype=np.float32)
    metrics = regression_metrics(y_true, y_pred)
    assert metrics["mae"] == pytest.approx(mean_absolute_error(y_true, y_pred))
    assert metrics["mse"] == pytest.approx(mean_squared_error(y_true, y_pred))
    assert metrics["rmse"] == pytest.approx(math.sqrt(mean_squared_error(y_true, y_pred)))
    assert metrics["r2"] == pytest.approx(r2_score(y_true, y_pred))
    assert all(type(v) is float for v in metrics.values())
    summary = head_summary(HeadResult("value", "regression", "value", (), y_true, y_pred))
    assert summary == pytest.approx(metrics)


def test_the_binary_summary_agrees_with_sklearn_and_follows_the_threshold():
    head = _head("binary", Y_BINARY, S_BINARY)
    summary = head_summary(head)
    assert set(summary) == {"accuracy", "auc"}
    assert summary["auc"] == pytest.approx(roc_auc_score(Y_BINARY, S_BINARY))
    assert summary["accuracy"] == pytest.approx(accuracy_score(Y_BINARY, S_BINARY > 0.5))
    assert head_summary(head, 0.3)["accuracy"] == pytest.approx(
        accuracy_score(Y_BINARY, S_BINARY > 0.3))
    assert head_summary(head, 0.3)["auc"] == summary["auc"]  # AUC ignores the threshold


def test_bad_tasks_and_shapes_are_refused():
    with pytest.raises(ValueError, match="task must be one of binary, multiclass, received "
                                         "'regression'"):
        confusion(Y_BINARY, S_BINARY, "regression")
    with pytest.raises(ValueError, match="one column per class"):
        predicted_labels(S_BINARY, "multiclass")
    with pytest.raises(ValueError, match="one probability per sample"):
        predicted_labels(S_MULTI, "binary")
    with pytest.raises(ValueError, match="scores have 3 columns but there are 2 classes"):
        roc_curves(Y_MULTI, S_MULTI, ("a", "b"))
    with pytest.raises(ValueError, match="3 classes but 2 labels"):
        report_frame(Y_MULTI, S_MULTI, "multiclass", ("a", "b"))

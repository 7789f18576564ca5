"""Test-set metrics computed with scikit-learn: ROC, precision-recall, calibration,
confusion (and the rows of a cell), reports, errors.

Compute only, never draw (as `sklearn.metrics` next to its `*Display`
classes): functions take the true values and a head's scores and return
arrays, dicts and DataFrames; `funcnet.analysis.charts` turns them into figures.

Scores follow `funcnet.train.results.HeadResult`: binary heads give P(class 1)
per sample, multiclass heads one probability column per class, regression
heads the predictions. Undefined metrics (an AUC on a test set holding one
class only, scores that are not finite) come back as NaN, not as errors, so
a page can always show what *is* defined.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sklearn.calibration import calibration_curve
from sklearn.exceptions import UndefinedMetricWarning
from sklearn.metrics import (
    accuracy_score,
    average_precision_score,
    classification_report,
    confusion_matrix,
    mean_absolute_error,
    mean_squared_error,
    precision_recall_curve,
    precision_score,
    r2_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

from funcnet.train.results import HeadResult

CLASSIFICATION_TASKS = ("binary", "multiclass")
REPORT_COLUMNS = ("precision", "recall", "f1-score", "support")
CALIBRATION_BINS = 10
"""Equal-width probability bins of a calibration curve (scikit-learn's default)."""


@dataclass(frozen=True, eq=False)
class RocCurve:
    """One ROC curve, as `sklearn.metrics.roc_curve` returns it, plus its AUC.

    Args:
        fpr: False positive rates, increasing.
        tpr: True positive rates.
        thresholds: Score thresholds, decreasing; point `i` predicts the
            positive class for scores `>= thresholds[i]` (the first is `inf`).
        auc: Area under the curve; NaN when undefined (one class only).
    """

    fpr: np.ndarray
    tpr: np.ndarray
    thresholds: np.ndarray
    auc: float

    @property
    def defined(self) -> bool:
        """Whether the curve exists (both classes present, finite scores)."""
        return math.isfinite(self.auc)


def _check_task(task: str, allowed: Sequence[str]) -> None:
    if task not in allowed:
        raise ValueError(f"task must be one of {', '.join(allowed)}, received {task!r}.")


def _binary_scores(y_score: np.ndarray) -> np.ndarray:
    scores = np.asarray(y_score, dtype=np.float64)
    if scores.ndim == 2 and scores.shape[1] == 1:
        scores = scores[:, 0]
    if scores.ndim != 1:
        raise ValueError(
            f"binary scores must be one probability per sample, received shape {scores.shape}."
        )
    return scores


def _multiclass_scores(y_score: np.ndarray) -> np.ndarray:
    scores = np.asarray(y_score, dtype=np.float64)
    if scores.ndim != 2 or scores.shape[1] < 2:
        raise ValueError(
            "multiclass scores must have one column per class (n, k >= 2), received shape "
            f"{scores.shape}."
        )
    return scores


def _one_curve(positive: np.ndarray, scores: np.ndarray) -> RocCurve:
    """ROC of a 0/1 indicator against scores; NaN AUC when it is undefined."""
    if not np.all(np.isfinite(scores)):
        empty = np.array([], dtype=np.float64)
        return RocCurve(empty, empty, empty, float("nan"))
    with warnings.catch_warnings():
        # One class only: sklearn warns and returns NaN rates, which is what we report.
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        # All points kept so `roc_point` is exact for every threshold (no collinear dropping).
        fpr, tpr, thresholds = roc_curve(positive, scores, drop_intermediate=False)
    both = 0 < positive.sum() < positive.size
    auc = float(roc_auc_score(positive, scores)) if both else float("nan")
    return RocCurve(fpr, tpr, thresholds, auc)


def roc_curves(
    y_true: np.ndarray, y_score: np.ndarray, classes: Sequence[str]
) -> dict[str, RocCurve]:
    """Computes ROC curves: one for a binary head, one per class (one vs rest) otherwise.

    Args:
        y_true: Class codes `0..k-1`, shape `(n,)`.
        y_score: Binary: P(class 1), shape `(n,)`; multiclass: `(n, k)`.
        classes: Class labels in code order (`k` of them).

    Returns:
        Curves keyed by class label: binary gives one curve keyed by
        `classes[1]` (the positive class); multiclass one per class.

    Raises:
        ValueError: If there are fewer than two classes or the score shape
            does not match them.
    """
    return {label: _one_curve(positive, scores)
            for label, (positive, scores) in _one_vs_rest(y_true, y_score, classes).items()}


def _one_vs_rest(
    y_true: np.ndarray, y_score: np.ndarray, classes: Sequence[str]
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Splits a head into 0/1 problems: the positive class of a binary head, else each class.

    Returns:
        Class label -> `(indicator of that class, its scores)`.

    Raises:
        ValueError: If there are fewer than two classes or the score shape
            does not match them.
    """
    classes = [str(c) for c in classes]
    truth = np.asarray(y_true).ravel()
    if len(classes) < 2:
        raise ValueError(f"curves need at least two classes, received {classes!r}.")
    if len(classes) == 2 and (np.ndim(y_score) == 1 or np.shape(y_score)[1:] == (1,)):
        return {classes[1]: ((truth == 1).astype(int), _binary_scores(y_score))}
    scores = _multiclass_scores(y_score)
    if scores.shape[1] != len(classes):
        raise ValueError(
            f"scores have {scores.shape[1]} columns but there are {len(classes)} classes."
        )
    return {label: ((truth == i).astype(int), scores[:, i]) for i, label in enumerate(classes)}


@dataclass(frozen=True, eq=False)
class PrecisionRecallCurve:
    """One precision-recall curve, as `sklearn.metrics.precision_recall_curve` returns it.

    Args:
        precision: Precision per threshold, ending with 1 (no positive predicted).
        recall: Recall per threshold, decreasing to 0.
        thresholds: Increasing score thresholds (one fewer than the points).
        average_precision: `sklearn.metrics.average_precision_score`; NaN
            when undefined (no positive sample, or scores that are not finite).
        prevalence: Share of positive samples: the precision of guessing.
    """

    precision: np.ndarray
    recall: np.ndarray
    thresholds: np.ndarray
    average_precision: float
    prevalence: float

    @property
    def defined(self) -> bool:
        """Whether the curve exists (a positive sample, finite scores)."""
        return math.isfinite(self.average_precision)


def precision_recall_curves(
    y_true: np.ndarray, y_score: np.ndarray, classes: Sequence[str]
) -> dict[str, PrecisionRecallCurve]:
    """Computes precision-recall curves: the positive class's, or one per class (one vs rest).

    Args:
        y_true: Class codes `0..k-1`, shape `(n,)`.
        y_score: Binary: P(class 1), shape `(n,)`; multiclass: `(n, k)`.
        classes: Class labels in code order (`k` of them).

    Returns:
        Curves keyed by class label, as `roc_curves`. A class without test
        samples (or non-finite scores) gets empty arrays and a NaN average
        precision.

    Raises:
        ValueError: If there are fewer than two classes or the score shape
            does not match them.
    """
    curves = {}
    empty = np.array([], dtype=np.float64)
    for label, (positive, scores) in _one_vs_rest(y_true, y_score, classes).items():
        prevalence = float(positive.mean()) if positive.size else math.nan
        if not positive.any() or not np.all(np.isfinite(scores)):
            curves[label] = PrecisionRecallCurve(empty, empty, empty, math.nan, prevalence)
            continue
        precision, recall, thresholds = precision_recall_curve(positive, scores)
        ap = float(average_precision_score(positive, scores))
        curves[label] = PrecisionRecallCurve(precision, recall, thresholds, ap, prevalence)
    return curves


@dataclass(frozen=True, eq=False)
class CalibrationCurve:
    """One reliability curve, as `sklearn.calibration.calibration_curve` returns it.

    Args:
        prob_pred: Mean predicted probability in each non-empty bin.
        prob_true: Fraction of positive samples in that bin.
    """

    prob_pred: np.ndarray
    prob_true: np.ndarray

    @property
    def defined(self) -> bool:
        """Whether the curve has a point."""
        return self.prob_pred.size > 0


def calibration_curves(
    y_true: np.ndarray, y_score: np.ndarray, classes: Sequence[str],
    n_bins: int = CALIBRATION_BINS,
) -> dict[str, CalibrationCurve]:
    """Computes calibration (reliability) curves, one vs rest per class for several classes.

    A well-calibrated model's samples scored about 0.8 are positive about
    80% of the time: its curve follows the diagonal.

    Args:
        y_true: Class codes `0..k-1`, shape `(n,)`.
        y_score: Binary: P(class 1), shape `(n,)`; multiclass: `(n, k)`.
        classes: Class labels in code order (`k` of them).
        n_bins: Equal-width bins over [0, 1] (`strategy="uniform"`).

    Returns:
        Curves keyed by class label, as `roc_curves`. Scores that are not
        probabilities (outside [0, 1] or not finite) give empty curves.

    Raises:
        ValueError: If there are fewer than two classes, the score shape
            does not match them, or `n_bins` is below 2.
    """
    if isinstance(n_bins, bool) or not isinstance(n_bins, int) or n_bins < 2:
        raise ValueError(f"n_bins must be a whole number >= 2, received {n_bins!r}.")
    curves = {}
    empty = np.array([], dtype=np.float64)
    for label, (positive, scores) in _one_vs_rest(y_true, y_score, classes).items():
        if not scores.size or not np.all((scores >= 0) & (scores <= 1)):
            curves[label] = CalibrationCurve(empty, empty)
            continue
        prob_true, prob_pred = calibration_curve(positive, scores, n_bins=n_bins,
                                                 strategy="uniform", pos_label=1)
        curves[label] = CalibrationCurve(prob_pred, prob_true)
    return curves


def roc_point(curve: RocCurve, threshold: float) -> tuple[float, float]:
    """Returns the ROC point `(fpr, tpr)` of predicting positive when `score > threshold`.

    This is the rule `predicted_labels` and `confusion` use (and Keras'
    binary accuracy), so the point matches the confusion matrix.

    Args:
        curve: A curve from `roc_curves`.
        threshold: The decision threshold.

    Returns:
        `(fpr, tpr)`; NaNs when the curve is undefined.
    """
    if curve.thresholds.size == 0:
        return float("nan"), float("nan")
    # Thresholds decrease and start at +inf: the last one above `threshold` marks the set
    # {score >= it} = {score > threshold}, because every distinct score is a threshold.
    index = int(np.count_nonzero(curve.thresholds > threshold)) - 1
    index = max(index, 0)
    return float(curve.fpr[index]), float(curve.tpr[index])


def precision_recall_point(y_true: np.ndarray, y_score: np.ndarray, threshold: float
                           ) -> tuple[float, float] | None:
    """Returns `(recall, precision)` of predicting class 1 when `score > threshold`.

    The rule of `confusion` and `roc_point`, so the point on the
    precision-recall curve matches the confusion matrix beside it.

    Args:
        y_true: Class codes 0 and 1, shape `(n,)`.
        y_score: P(class 1), shape `(n,)`.
        threshold: The decision threshold.

    Returns:
        scikit-learn's `recall_score` and `precision_score` of those
        predictions; `None` when either is undefined (no positive row, or no
        row predicted positive).
    """
    truth = np.asarray(y_true).astype(int)
    predicted = predicted_labels(y_score, "binary", threshold)
    if not truth.any() or not predicted.any():
        return None
    return (float(recall_score(truth, predicted, zero_division=np.nan)),
            float(precision_score(truth, predicted, zero_division=np.nan)))


def predicted_labels(y_score: np.ndarray, task: str, threshold: float = 0.5) -> np.ndarray:
    """Turns scores into predicted class codes.

    Args:
        y_score: Binary: P(class 1), `(n,)`; multiclass: `(n, k)`.
        task: `"binary"` or `"multiclass"`.
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        int64 class codes, shape `(n,)`.

    Raises:
        ValueError: For another task or a score shape that does not fit it.
    """
    _check_task(task, CLASSIFICATION_TASKS)
    if task == "binary":
        return (_binary_scores(y_score) > threshold).astype(np.int64)
    return np.argmax(_multiclass_scores(y_score), axis=1).astype(np.int64)


def _n_classes(y_score: np.ndarray, task: str) -> int:
    return 2 if task == "binary" else _multiclass_scores(y_score).shape[1]


def confusion(
    y_true: np.ndarray, y_score: np.ndarray, task: str, threshold: float = 0.5
) -> np.ndarray:
    """Computes the confusion matrix at a threshold.

    Args:
        y_true: Class codes, `(n,)`.
        y_score: Binary: P(class 1), `(n,)`; multiclass: `(n, k)`.
        task: `"binary"` or `"multiclass"`.
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        A `(k, k)` int array: row = true class, column = predicted class,
        every class present even if the test set lacks it.

    Raises:
        ValueError: For a regression task or mismatched shapes.
    """
    predicted = predicted_labels(y_score, task, threshold)
    labels = list(range(_n_classes(y_score, task)))
    return confusion_matrix(np.asarray(y_true).ravel(), predicted, labels=labels)


def cell_rows(
    y_true: np.ndarray,
    y_score: np.ndarray,
    task: str,
    cell: tuple[int, int] | None = None,
    threshold: float = 0.5,
) -> np.ndarray:
    """Finds the test rows behind a confusion-matrix cell (Orange's selected cell).

    Args:
        y_true: Class codes, `(n,)`.
        y_score: Binary: P(class 1), `(n,)`; multiclass: `(n, k)`.
        task: `"binary"` or `"multiclass"`.
        cell: `(true code, predicted code)`, or `None` for every
            misclassified row (all cells off the diagonal).
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        The rows' positions in the test set, increasing (int64); as many
        as `confusion(...)[cell]` counts.

    Raises:
        ValueError: For a regression task, mismatched shapes, or a cell
            outside the matrix.
    """
    predicted = predicted_labels(y_score, task, threshold)
    truth = np.asarray(y_true).ravel()
    if truth.shape != predicted.shape:
        raise ValueError(f"y_true has {truth.size} rows but y_score has {predicted.size}.")
    if cell is None:
        return np.flatnonzero(truth != predicted).astype(np.int64)
    k = _n_classes(y_score, task)
    true_code, predicted_code = (int(c) for c in cell)
    if not (0 <= true_code < k and 0 <= predicted_code < k):
        raise ValueError(f"cell must be (true, predicted) codes in 0..{k - 1}, received {cell!r}.")
    return np.flatnonzero((truth == true_code) & (predicted == predicted_code)).astype(np.int64)


def rows_frame(
    y_true: np.ndarray,
    y_score: np.ndarray,
    task: str,
    classes: Sequence[str],
    rows: np.ndarray,
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Lists chosen test rows with their true and predicted class and their scores.

    Args:
        y_true: Class codes, `(n,)`.
        y_score: Binary: P(class 1), `(n,)`; multiclass: `(n, k)`.
        task: `"binary"` or `"multiclass"`.
        classes: Class labels in code order.
        rows: Positions in the test set (`cell_rows`).
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        One row per position, indexed by it: `true` and `predicted` (class
        labels), then one probability column per class, `"P(<class>)"`
        (binary heads: P(class 0) = 1 - score), so no class name can clash
        with `true` or `predicted`.

    Raises:
        ValueError: For a regression task, mismatched shapes or labels.
    """
    names = [str(c) for c in classes]
    if len(names) != _n_classes(y_score, task):
        raise ValueError(f"scores have {_n_classes(y_score, task)} classes but {len(names)} "
                         f"labels were given: {names!r}.")
    positions = np.asarray(rows, dtype=np.int64).ravel()
    predicted = predicted_labels(y_score, task, threshold)[positions]
    truth = np.asarray(y_true).ravel()[positions].astype(np.int64)
    if task == "binary":
        positive = _binary_scores(y_score)[positions]
        probabilities = np.column_stack([1.0 - positive, positive])
    else:
        probabilities = _multiclass_scores(y_score)[positions]
    frame = pd.DataFrame({"true": [names[c] for c in truth],
                          "predicted": [names[c] for c in predicted]}, index=positions)
    for i, name in enumerate(names):
        frame[f"P({name})"] = probabilities[:, i]
    return frame


def report_frame(
    y_true: np.ndarray,
    y_score: np.ndarray,
    task: str,
    classes: Sequence[str],
    threshold: float = 0.5,
) -> pd.DataFrame:
    """Computes scikit-learn's classification report as a table.

    Args:
        y_true: Class codes, `(n,)`.
        y_score: Binary: P(class 1), `(n,)`; multiclass: `(n, k)`.
        task: `"binary"` or `"multiclass"`.
        classes: Class labels in code order.
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        One row per class, then `accuracy`, `macro avg` and `weighted avg`;
        columns `precision`, `recall`, `f1-score`, `support`. As in the text
        report, the accuracy row has only an `f1-score` (the accuracy) and the
        total support.

    Raises:
        ValueError: For a regression task or mismatched shapes.
    """
    predicted = predicted_labels(y_score, task, threshold)
    labels = list(range(_n_classes(y_score, task)))
    names = [str(c) for c in classes]
    if len(names) != len(labels):
        raise ValueError(f"scores have {len(labels)} classes but {len(names)} labels were "
                         f"given: {names!r}.")
    truth = np.asarray(y_true).ravel()
    report = classification_report(truth, predicted, labels=labels, target_names=names,
                                   output_dict=True, zero_division=0)
    rows: dict[str, dict[str, float]] = {}
    for key, value in report.items():
        if isinstance(value, dict):
            rows[key] = {column: value[column] for column in REPORT_COLUMNS}
        else:  # "accuracy" is a bare number in sklearn's dict
            rows[key] = {"precision": np.nan, "recall": np.nan, "f1-score": value,
                         "support": truth.size}
    frame = pd.DataFrame.from_dict(rows, orient="index", columns=list(REPORT_COLUMNS))
    frame["support"] = frame["support"].astype(np.int64)
    return frame


def regression_metrics(y_true: np.ndarray, y_pred: np.ndarray) -> dict[str, float]:
    """Computes regression errors.

    Args:
        y_true: True values, `(n,)`.
        y_pred: Predictions, `(n,)`.

    Returns:
        `mae`, `mse`, `rmse` and `r2` as floats (`r2` is NaN for fewer than
        two samples; all are NaN when a prediction is not finite).
    """
    truth = np.asarray(y_true, dtype=np.float64).ravel()
    pred = np.asarray(y_pred, dtype=np.float64).ravel()
    if truth.size == 0 or not np.all(np.isfinite(pred)):
        return {"mae": math.nan, "mse": math.nan, "rmse": math.nan, "r2": math.nan}
    mse = float(mean_squared_error(truth, pred))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UndefinedMetricWarning)
        r2 = float(r2_score(truth, pred)) if truth.size >= 2 else math.nan
    return {"mae": float(mean_absolute_error(truth, pred)), "mse": mse,
            "rmse": math.sqrt(mse), "r2": r2}


def head_summary(head: HeadResult, threshold: float = 0.5) -> dict[str, float]:
    """Summarises one head's test predictions in a few numbers.

    Args:
        head: A head's test-set result.
        threshold: Binary only: class 1 when the score is above it.

    Returns:
        Classification: `accuracy` and `auc` (binary: ROC AUC of the
        scores; multiclass: one-vs-rest macro AUC over the classes present;
        NaN when undefined). Regression: `mae`, `mse`, `rmse`, `r2`.

    Raises:
        ValueError: For an unknown task or scores of the wrong shape.
    """
    _check_task(head.task, (*CLASSIFICATION_TASKS, "regression"))
    if head.task == "regression":
        return regression_metrics(head.y_true, head.y_score)
    truth = np.asarray(head.y_true).ravel()
    accuracy = (float(accuracy_score(truth, predicted_labels(head.y_score, head.task, threshold)))
                if truth.size else math.nan)
    if head.task == "binary":
        classes = tuple(head.classes) if len(head.classes) == 2 else ("0", "1")
        scores = _binary_scores(head.y_score)
    else:
        scores = _multiclass_scores(head.y_score)
        classes = (tuple(head.classes) if len(head.classes) == scores.shape[1]
                   else tuple(str(i) for i in range(scores.shape[1])))
    # One-vs-rest macro AUC = mean of the per-class AUCs (what roc_auc_score(multi_class="ovr")
    # computes), but it also works when a class is missing from the test set.
    aucs = [c.auc for c in roc_curves(truth, scores, classes).values() if c.defined]
    auc = float(np.mean(aucs)) if aucs else math.nan
    return {"accuracy": accuracy, "auc": auc}

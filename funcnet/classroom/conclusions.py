"""The numbers behind the lessons' closing words: a coin's range, and what a run supports.

A lesson's last step reads a finished run back (`run_numbers`): test
accuracy and AUC against the range a coin flip lands in on that many test
rows (`coin_accuracy_band`, `coin_auc_band`), and training against
validation accuracy (memorising). `evaluate_notes` and `noise_notes` choose
the sentences (text ids and their values); the interface writes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from funcnet.analysis.evaluation import head_summary
from funcnet.train.results import JobResult

MEMORISATION_GAP = 0.05
"""Training accuracy this far above validation accuracy counts as memorising."""

LEARNED_AUC = 0.7
"""A test AUC from here up counts as having found signal."""

_Z95 = 1.959963984540054  # two-sided 95% quantile of the standard normal


@dataclass(frozen=True)
class RunNumbers:
    """The numbers a lesson's conclusion rests on, from one finished binary run.

    Args:
        test_accuracy: Accuracy on the test rows.
        test_auc: ROC AUC on the test rows.
        train_accuracy: Training accuracy of the last epoch.
        val_accuracy: Validation accuracy of the last epoch (`None` without validation).
        positives: Test rows of class 1.
        negatives: Test rows of class 0.
    """

    test_accuracy: float
    test_auc: float
    train_accuracy: float
    val_accuracy: float | None
    positives: int
    negatives: int

    @property
    def test_rows(self) -> int:
        """Number of test rows."""
        return self.positives + self.negatives

    @property
    def memorised(self) -> bool:
        """Whether training accuracy ended well above validation accuracy."""
        return (self.val_accuracy is not None
                and self.train_accuracy - self.val_accuracy >= MEMORISATION_GAP)

    @property
    def learned(self) -> bool:
        """Whether the test AUC shows the network found signal."""
        return math.isfinite(self.test_auc) and self.test_auc >= LEARNED_AUC

    @property
    def accuracy_band(self) -> float:
        """Half-width of the range a coin's accuracy lands in (95%) on these test rows."""
        return coin_accuracy_band(self.test_rows)

    @property
    def auc_band(self) -> float:
        """Half-width of the range a coin's AUC lands in (95%) on these test rows."""
        return coin_auc_band(self.positives, self.negatives)

    @property
    def like_a_coin(self) -> bool:
        """Whether both test accuracy and AUC are within a coin's usual range of 0.5."""
        return (abs(self.test_accuracy - 0.5) <= self.accuracy_band
                and abs(self.test_auc - 0.5) <= self.auc_band)


def coin_accuracy_band(rows: int) -> float:
    """Returns how far from 0.5 a coin's accuracy lands in 95% of test sets of `rows` rows.

    Args:
        rows: Test rows (at least 1).

    Returns:
        `1.96 · 0.5 / √rows` (the normal approximation of the binomial).

    Raises:
        ValueError: If `rows` < 1.
    """
    if rows < 1:
        raise ValueError(f"Lesson: 'rows' must be at least 1, received {rows!r}.")
    return _Z95 * 0.5 / math.sqrt(rows)


def coin_auc_band(positives: int, negatives: int) -> float:
    """Returns how far from 0.5 the AUC of random scores lands in 95% of test sets.

    Args:
        positives: Test rows of class 1 (at least 1).
        negatives: Test rows of class 0 (at least 1).

    Returns:
        `1.96 · √((n₁ + n₀ + 1) / (12 n₁ n₀))`: the spread of the Mann–Whitney
        statistic (which the AUC is) when scores do not depend on the class.

    Raises:
        ValueError: If a class has no row.
    """
    if positives < 1 or negatives < 1:
        raise ValueError("Lesson: the AUC needs rows of both classes, received "
                         f"{positives!r} positive and {negatives!r} negative.")
    return _Z95 * math.sqrt((positives + negatives + 1) / (12 * positives * negatives))


def run_numbers(result: JobResult) -> RunNumbers | None:
    """Reads the numbers of a finished single-head binary run.

    Args:
        result: A run's result.

    Returns:
        The `RunNumbers`, or `None` when the run left no binary test
        predictions or no training accuracy.
    """
    if not result.ok or len(result.heads) != 1:
        return None
    head = next(iter(result.heads.values()))
    accuracy = result.history.get("accuracy")
    if head.task != "binary" or not accuracy:
        return None
    truth = np.asarray(head.y_true).ravel()
    positives = int(np.count_nonzero(truth == 1))
    negatives = int(truth.size - positives)
    if positives == 0 or negatives == 0:
        return None
    summary = head_summary(head)
    validation = result.history.get("val_accuracy")
    return RunNumbers(float(summary["accuracy"]), float(summary["auc"]), float(accuracy[-1]),
                      float(validation[-1]) if validation else None, positives, negatives)


Note = tuple[str, dict[str, Any]]
"""A conclusion sentence: its text id (without the `lessons.` prefix) and its values."""


def _values(numbers: RunNumbers, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}accuracy": numbers.test_accuracy,
        f"{prefix}auc": numbers.test_auc,
        f"{prefix}train": numbers.train_accuracy,
        f"{prefix}val": numbers.val_accuracy if numbers.val_accuracy is not None else math.nan,
        f"{prefix}rows": numbers.test_rows,
        f"{prefix}band": numbers.accuracy_band,
        f"{prefix}auc_band": numbers.auc_band,
    }


def evaluate_notes(numbers: RunNumbers, random_labels: bool) -> tuple[Note, ...]:
    """Chooses the closing sentences of step 7 from a run's numbers.

    Args:
        numbers: The run's numbers.
        random_labels: Whether it trained on the random-label data set.

    Returns:
        Sentence ids and their values, in reading order.
    """
    values = _values(numbers)
    notes: list[Note] = [("end.scores", values)]
    if random_labels:
        notes.append(("end.random_chance" if numbers.like_a_coin else "end.random_lucky",
                      values))
        if numbers.val_accuracy is None:
            notes.append(("end.no_validation", values))
        else:
            notes.append(("end.memorised" if numbers.memorised else "end.not_memorised",
                          values))
        notes.append(("end.next", values))
    else:
        notes.append(("end.signal_learned" if numbers.learned else "end.signal_weak", values))
    return tuple(notes)


def noise_notes(noise: RunNumbers, signal: RunNumbers) -> tuple[Note, ...]:
    """Chooses lesson 2's conclusion from the random-label run and the run with signal.

    Args:
        noise: Numbers of the run on random labels.
        signal: Numbers of the same network on the data set with signal.

    Returns:
        Sentence ids and their values, in reading order.
    """
    values = {**_values(noise, "noise_"), **_values(signal, "signal_")}
    notes: list[Note] = [
        ("noise.end_coin" if noise.like_a_coin else "noise.end_lucky", values),
    ]
    notes.append(("noise.end_memorised" if noise.memorised else "noise.end_not_memorised",
                  values))
    notes.append(("noise.end_signal" if signal.learned else "noise.end_signal_weak", values))
    notes.append(("noise.end_moral", values))
    return tuple(notes)

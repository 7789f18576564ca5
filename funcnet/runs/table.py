"""Stored runs side by side: table rows, the settings that differ, CSV, comparable numbers.

Compute only (the Compare page draws): records of `funcnet.runs.store` in,
pandas frames, texts and ROC curves out. Column ids are plain English
names, stable for the CSV export; the page translates headers and values.
No streamlit, no keras.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from funcnet.analysis.evaluation import RocCurve, head_summary, roc_curves
from funcnet.export.share import canonical_json
from funcnet.model.spec import ModelSpec
from funcnet.runs.store import RunRecord
from funcnet.train.results import HeadResult, JobResult

SETTING_COLUMNS = ("data", "network", "params", "optimizer", "learning_rate", "epochs",
                   "batch_size", "validation_split", "seed")
"""Columns that describe how a run was set up; the ones that differ get highlighted."""

METRIC_COLUMNS = ("loss", "accuracy", "auc", "mae", "r2")
"""Test-set numbers of the first head shown in the table (absent ones are left out)."""

LOWER_IS_BETTER = frozenset({"loss", "mae"})
"""The metrics of `METRIC_COLUMNS` where a smaller value is the better one."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a text cell as a formula."""

RUN_COLUMNS = ("run", "created_at", "author", "status", *METRIC_COLUMNS, *SETTING_COLUMNS,
               "epochs_run", "elapsed")
"""Every column `run_frame` may hold, in display order (outcome first, then the setup)."""


def network_summary(model: ModelSpec) -> str:
    """Describes the hidden layers in a few characters, e.g. `"64-64 relu"`.

    Dense nodes are read in graph order; consecutive layers with the same
    activation share one name (`"64 relu · 32 tanh"` when they change).

    Args:
        model: The network.

    Returns:
        The text; `"—"` for a network without hidden layers.
    """
    groups: list[tuple[list[str], str]] = []
    for name in model.order:
        node = model.node(name)
        if node.type != "dense":
            continue
        if groups and groups[-1][1] == node.activation:
            groups[-1][0].append(str(node.units))
        else:
            groups.append(([str(node.units)], node.activation))
    if not groups:
        return "—"
    return " · ".join(f"{'-'.join(units)} {activation}" for units, activation in groups)


def run_summary(result: JobResult) -> dict[str, float]:
    """Returns the numbers a table row shows: test loss and the first head's metrics.

    Args:
        result: A finished run's result.

    Returns:
        `loss` (the total test loss, when evaluated) and, for the first head,
        `accuracy` and `auc` (classification) or `mae`, `mse`, `rmse` and `r2`
        (regression). Empty for a run without test predictions.
    """
    summary: dict[str, float] = {}
    if "loss" in result.test_metrics:
        summary["loss"] = float(result.test_metrics["loss"])
    if result.heads:
        head = next(iter(result.heads.values()))
        # Predictions of an unexpected shape leave the metrics out: the row shows "—".
        with contextlib.suppress(ValueError):
            summary.update({k: float(v) for k, v in head_summary(head).items()})
    return summary


def _nan(value: float | None) -> float:
    return math.nan if value is None else float(value)


def run_frame(records: Sequence[RunRecord],
              authors: Mapping[int, str] | None = None) -> pd.DataFrame:
    """Flattens runs into one row each, in the order given.

    Args:
        records: Stored runs.
        authors: Run id -> author tag to show (class boards); `None` leaves
            the `author` column out.

    Returns:
        A frame indexed by run id with the columns of `RUN_COLUMNS` (raw
        values: data set and optimizer names, status ids). Metric columns
        no run has are left out.
    """
    rows = []
    for record in records:
        job = record.job
        row: dict[str, object] = {
            "run": record.number,
            "created_at": dt.datetime.fromtimestamp(record.created_at),
            "data": job.data.name,
            "network": network_summary(job.model),
            "params": job.model.total_params(),
            "optimizer": job.train.optimizer,
            "learning_rate": job.train.learning_rate,
            "epochs": job.train.epochs,
            "batch_size": job.train.batch_size,
            "validation_split": job.train.validation_split,
            "seed": job.train.seed,
            "status": record.status,
            "epochs_run": record.epochs_run,
            "elapsed": record.elapsed,
        }
        if authors is not None:
            row["author"] = authors.get(record.id, "")
        for metric in METRIC_COLUMNS:
            row[metric] = _nan(record.summary.get(metric))
        rows.append(row)
    columns = [c for c in RUN_COLUMNS if authors is not None or c != "author"]
    frame = pd.DataFrame(rows, columns=columns, index=pd.Index(
        [r.id for r in records], name="id", dtype="int64"))
    empty = [m for m in METRIC_COLUMNS if frame[m].isna().all()]
    return frame.drop(columns=empty)


def differing_columns(frame: pd.DataFrame,
                      columns: Sequence[str] = SETTING_COLUMNS) -> list[str]:
    """Returns the columns whose values are not the same in every row.

    Args:
        frame: Rows of runs (`run_frame`).
        columns: Columns to look at; those absent from the frame are ignored.

    Returns:
        The differing columns, in the order of `columns`; empty for fewer
        than two rows.
    """
    if len(frame) < 2:
        return []
    return [c for c in columns if c in frame and frame[c].nunique(dropna=False) > 1]


def runs_csv(records: Sequence[RunRecord], authors: Mapping[int, str] | None = None) -> str:
    """Exports runs as CSV: one row per run, settings, metrics and the setup JSON.

    Args:
        records: Stored runs, in the row order wanted.
        authors: Run id -> author tag (class boards), or `None`.

    Returns:
        CSV text with a header line; `created_at` in ISO 8601 and a `setup`
        column that `funcnet.export.share.job_from_json` reads back. A text cell
        that starts like a formula (`FORMULA_STARTS`, e.g. a message
        `"=HYPERLINK(...)"`) gets a leading `'`, so a spreadsheet shows it
        as text; numbers (a negative R², say) are left as numbers.
    """
    frame = run_frame(records, authors)
    frame["created_at"] = [ts.isoformat(timespec="seconds") for ts in frame["created_at"]]
    frame["message"] = [r.message for r in records]
    frame["setup"] = [canonical_json(r.job) for r in records]
    for column in frame.columns:
        if not pd.api.types.is_numeric_dtype(frame[column]):
            frame[column] = [_as_text(value) for value in frame[column]]
    buffer = io.StringIO()
    # Every text cell quoted: a message may hold a line break of any kind.
    frame.to_csv(buffer, index=False, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    return buffer.getvalue()


def _as_text(value: object) -> object:
    """A CSV text cell that no spreadsheet runs as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def metric_differences(frame: pd.DataFrame, ids: Sequence[int]) -> tuple[pd.DataFrame,
                                                                          pd.DataFrame]:
    """Returns the chosen runs' metrics and their difference to the first chosen run.

    Args:
        frame: Rows of runs (`run_frame`), indexed by run id.
        ids: Chosen run ids; the first is the reference.

    Returns:
        `(values, deltas)`: one row per chosen run (in `ids` order), one
        column per metric of `METRIC_COLUMNS` the frame holds; `deltas` is
        `values` minus the first row (so its first row is 0 or NaN).

    Raises:
        KeyError: If an id is not in the frame.
    """
    metrics = [m for m in METRIC_COLUMNS if m in frame]
    values = frame.loc[list(ids), metrics].astype(float)
    deltas = values - values.iloc[0] if len(values) else values.copy()
    return values, deltas


def comparison_roc(head: HeadResult) -> RocCurve | None:
    """Returns one ROC curve per head, to overlay runs: binary, or a macro average.

    A binary head gives the curve of its positive class. A multiclass head
    gives the macro average of its one-vs-rest curves: the true positive
    rates averaged over the classes on every false positive rate where
    some class's curve has a point. A curve may jump straight up at such a
    rate (several points share it), so the average takes two points there,
    the mean of the bottoms of the jumps and the mean of their tops. Every
    curve is linear between the rates, so the averaged curve starts at
    (0, 0), ends at (1, 1) and its area is exactly the mean of the
    per-class areas: its AUC, the number `evaluation.head_summary` reports.

    Args:
        head: A classification head's test predictions.

    Returns:
        The curve (`thresholds` empty for a macro average), or `None` for a
        regression head or when no curve is defined (one class only).

    Raises:
        ValueError: If the scores do not fit the classes.
    """
    if head.task == "regression":
        return None
    classes = list(head.classes)
    curves = roc_curves(head.y_true, head.y_score, classes)
    defined = [c for c in curves.values() if c.defined]
    if not defined:
        return None
    if head.task == "binary":
        return defined[0]
    grid = np.unique(np.concatenate([c.fpr for c in defined]))
    bottoms = np.mean([_tpr_at(c, grid, top=False) for c in defined], axis=0)
    tops = np.mean([_tpr_at(c, grid, top=True) for c in defined], axis=0)
    fpr = np.repeat(grid, 2)
    tpr = np.column_stack([bottoms, tops]).ravel()
    keep = np.r_[True, (np.diff(fpr) > 0) | (np.diff(tpr) > 0)]  # no repeated points
    return RocCurve(fpr[keep], tpr[keep], np.array([], dtype=np.float64),
                    float(np.mean([c.auc for c in defined])))


def _tpr_at(curve: RocCurve, grid: np.ndarray, *, top: bool) -> np.ndarray:
    """A ROC curve's true positive rate at each of `grid`'s false positive rates.

    Where the curve jumps up at a rate (points sharing it), `top` picks the
    jump's top, else its bottom; between points it interpolates linearly.
    """
    fpr, tpr = np.asarray(curve.fpr, dtype=np.float64), np.asarray(curve.tpr, dtype=np.float64)
    # The last point at or left of x (top), or the first point at or right of x (bottom).
    right = np.clip(np.searchsorted(fpr, grid, side="left"), 0, len(fpr) - 1)
    left = np.clip(np.searchsorted(fpr, grid, side="right") - 1, 0, len(fpr) - 1)
    exact = fpr[left] == grid if top else fpr[right] == grid
    at = tpr[left] if top else tpr[right]
    lo = np.clip(np.searchsorted(fpr, grid, side="right") - 1, 0, len(fpr) - 2)
    span = fpr[lo + 1] - fpr[lo]
    share = np.divide(grid - fpr[lo], span, out=np.zeros_like(grid), where=span > 0)
    between = tpr[lo] + share * (tpr[lo + 1] - tpr[lo])
    return np.where(exact, at, between)


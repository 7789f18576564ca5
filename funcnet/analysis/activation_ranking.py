"""The activation comparison's tables and findings: pure functions, no Streamlit.

`ranking_frame` turns one `JobResult` per activation into the ranked table;
`findings` picks the numbers that show the comparison table's claims (dead
ReLU units, saturated sigmoid/tanh units, a vanishing first-layer gradient)
so the page can say them in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from funcnet.analysis.evaluation import head_summary
from funcnet.model.activations import ACTIVATIONS
from funcnet.train.progress import Progress, best_epoch
from funcnet.train.results import JobResult

RANK_COLUMNS = (
    "activation", "status", "train_loss", "val_loss", "accuracy", "auc", "best_epoch",
    "seconds", "dead", "saturated", "grad_norm",
)
"""Columns of `ranking_frame`, in order (the page maps them to texts)."""

REGRESSION_COLUMNS = {"accuracy": "mae", "auc": "r2"}
"""For a regression head the accuracy and AUC columns hold MAE and R² instead."""


def _last(values: list[float] | None) -> float:
    return float(values[-1]) if values else math.nan


def ranking_frame(results: Mapping[str, JobResult]) -> pd.DataFrame:
    """Builds the ranked comparison table, best run first.

    Args:
        results: One finished run per activation name.

    Returns:
        One row per activation with the columns `RANK_COLUMNS` (shares in
        [0, 1], NaN where a value does not apply), sorted by final
        validation loss (training loss when there was no validation split),
        failed and NaN-loss runs last. The index is the activation name.
    """
    rows = []
    for name, result in results.items():
        history = result.history
        first = next(iter(result.heads.values()), None)
        summary = head_summary(first) if first is not None else {}
        if first is not None and first.task == "regression":
            score, second = summary.get("mae", math.nan), summary.get("r2", math.nan)
        else:
            score, second = summary.get("accuracy", math.nan), summary.get("auc", math.nan)
        rows.append({
            "name": name,
            "activation": ACTIVATIONS[name].label if name in ACTIVATIONS else name,
            "status": result.status,
            "train_loss": _last(history.get("loss")),
            "val_loss": _last(history.get("val_loss")),
            "accuracy": score,
            "auc": second,
            "best_epoch": best_epoch(history) or math.nan,
            "seconds": result.elapsed,
            "dead": result.diagnostics.get("dead_units", math.nan),
            "saturated": result.diagnostics.get("saturated_units", math.nan),
            "grad_norm": result.diagnostics.get("first_layer_grad_norm", math.nan),
        })
    frame = pd.DataFrame(rows, columns=["name", *RANK_COLUMNS])
    if frame.empty:
        return frame.set_index("name")
    has_val = frame["val_loss"].notna().any()
    key = frame["val_loss"] if has_val else frame["train_loss"]
    frame["_failed"] = frame["status"].eq("failed")
    frame["_key"] = key
    frame = frame.sort_values(["_failed", "_key"], na_position="last", kind="stable")
    return frame.drop(columns=["_failed", "_key"]).set_index("name")


def progress_frame(progress: Mapping[str, Progress]) -> pd.DataFrame:
    """Builds the live table: one row per activation with its status and latest losses.

    Args:
        progress: The progress of each run, by activation name.

    Returns:
        Columns `activation`, `status`, `epoch`, `progress` (share done),
        `train_loss`, `val_loss`; index = activation name.
    """
    rows = []
    for name, p in progress.items():
        rows.append({
            "name": name,
            "activation": ACTIVATIONS[name].label if name in ACTIVATIONS else name,
            "status": "evaluating" if p.evaluating else p.status,
            "epoch": f"{p.epoch} / {p.epochs}",
            "progress": p.fraction,
            "train_loss": _last(p.history.get("loss")),
            "val_loss": _last(p.history.get("val_loss")),
        })
    columns = ["name", "activation", "status", "epoch", "progress", "train_loss", "val_loss"]
    return pd.DataFrame(rows, columns=columns).set_index("name")


@dataclass(frozen=True)
class Findings:
    """The numbers behind the comparison table's claims, when the runs show them.

    Args:
        dead: `(activation, share)` of the ReLU-family run with most dead
            units, if any unit died.
        alive: ReLU-family or smooth runs with no dead unit (e.g. Leaky ReLU, ELU).
        saturated: `(activation, share)` of the most saturated tanh/sigmoid run, if any.
        weakest_grad: `(activation, norm)` of the smallest first-layer gradient.
        strongest_grad: `(activation, norm)` of the largest first-layer gradient.
        best: Activation of the best-ranked run.
    """

    dead: tuple[str, float] | None
    alive: tuple[str, ...]
    saturated: tuple[str, float] | None
    weakest_grad: tuple[str, float] | None
    strongest_grad: tuple[str, float] | None
    best: str | None


def findings(frame: pd.DataFrame) -> Findings:
    """Extracts the findings worth a sentence from a `ranking_frame`.

    Args:
        frame: The ranked table.

    Returns:
        The `Findings` (fields are `None` or empty when the runs do not show them).
    """
    ok = frame[frame["status"] != "failed"]
    dead_rows = ok["dead"].dropna()
    dead = None
    if not dead_rows.empty and dead_rows.max() > 0:
        dead = (str(dead_rows.idxmax()), float(dead_rows.max()))
    alive = tuple(
        str(name) for name in ok.index
        if name in ACTIVATIONS and ACTIVATIONS[name].family in ("relu", "smooth")
        and not ok.loc[name, "dead"] > 0  # NaN (cannot die) counts as alive
    )
    saturated_rows = ok["saturated"].dropna()
    saturated = None
    if not saturated_rows.empty and saturated_rows.max() > 0:
        saturated = (str(saturated_rows.idxmax()), float(saturated_rows.max()))
    grads = ok["grad_norm"].dropna()
    grads = grads[grads > 0]
    weakest = strongest = None
    if len(grads) >= 2:
        weakest = (str(grads.idxmin()), float(grads.min()))
        strongest = (str(grads.idxmax()), float(grads.max()))
    best = str(ok.index[0]) if len(ok) else None
    return Findings(dead, alive, saturated, weakest, strongest, best)

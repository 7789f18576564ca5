"""What a training looks like so far, read from its event stream: pure, no Streamlit.

A job streams `started`, one `epoch` event per finished epoch and a final
`done` event (see `funcnet.train.pool`). The live views only need a summary of
that list: the epoch reached, the history so far, the time left and the
latest decision-boundary grid.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

FINISHED = ("completed", "stopped", "failed")


@dataclass(frozen=True, eq=False)
class Progress:
    """A training's state as of its latest event.

    Args:
        status: `"queued"`, `"running"`, `"completed"`, `"stopped"`, `"failed"`, or
            `"idle"` for the empty view before any training.
        epoch: Epochs finished so far.
        epochs: Epochs the run was asked to do.
        elapsed: Seconds of training so far (as of the last epoch).
        history: Keras history keys -> one value per finished epoch.
        boundary: The latest decision-boundary values, if the run sends them:
            `(gy, gx)` P(class 1) (binary) or predicted class (multiclass).
        grid_x: The grid's coordinates along the first feature (standardised).
        grid_y: The grid's coordinates along the second feature.
        message: The `done` event's message ("" until then).
    """

    status: str
    epoch: int = 0
    epochs: int = 0
    elapsed: float = 0.0
    history: dict[str, list[float]] = field(default_factory=dict)
    boundary: np.ndarray | None = None
    grid_x: np.ndarray | None = None
    grid_y: np.ndarray | None = None
    message: str = ""

    @property
    def finished(self) -> bool:
        """Whether the run has ended (completed, stopped or failed)."""
        return self.status in FINISHED

    @property
    def evaluating(self) -> bool:
        """Whether every epoch is done and the run is testing the model (not finished yet)."""
        return self.status == "running" and self.epochs > 0 and self.epoch >= self.epochs

    @property
    def fraction(self) -> float:
        """Share of the epochs done, in [0, 1]."""
        if self.epochs <= 0:
            return 0.0
        return min(1.0, self.epoch / self.epochs)

    @property
    def seconds_left(self) -> float | None:
        """Time left, estimated from the mean epoch time so far; `None` before epoch 1."""
        if self.epoch <= 0 or self.finished:
            return None
        return self.elapsed / self.epoch * max(0, self.epochs - self.epoch)


def read_progress(events: Sequence[Mapping[str, Any]], status: str, epochs: int) -> Progress:
    """Summarises a job's events.

    Args:
        events: The job's events so far, in order.
        status: The job's status as its handle reports it.
        epochs: The epochs the job was asked for (used until `started` arrives).

    Returns:
        The `Progress`.
    """
    history: dict[str, list[float]] = {}
    epoch = 0
    elapsed = 0.0
    boundary = grid_x = grid_y = None
    message = ""
    for event in events:
        kind = event.get("type")
        if kind == "started":
            epochs = int(event.get("epochs", epochs))
        elif kind == "epoch":
            epoch = int(event["epoch"])
            epochs = int(event.get("epochs", epochs))
            elapsed = float(event.get("elapsed", elapsed))
            for key, value in event.get("logs", {}).items():
                history.setdefault(key, []).append(float(value))
            if event.get("boundary") is not None:
                boundary = np.asarray(event["boundary"])
                grid_x = np.asarray(event.get("grid_x"))
                grid_y = np.asarray(event.get("grid_y"))
        elif kind == "done":
            message = str(event.get("message", ""))
            status = str(event.get("status", status))
    return Progress(status, epoch, epochs, elapsed, history, boundary, grid_x, grid_y, message)


def format_duration(seconds: float | None) -> str:
    """Formats a duration for people: `"8 s"`, `"2 min 05 s"`, `"1 h 02 min"`.

    Args:
        seconds: The duration; `None` or NaN gives `"—"`.

    Returns:
        The text.
    """
    if seconds is None or not math.isfinite(seconds):
        return "—"
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def best_epoch(history: Mapping[str, Sequence[float]]) -> int | None:
    """Returns the 1-based epoch of the lowest validation loss (training loss without one).

    Args:
        history: Keras history.

    Returns:
        The epoch, or `None` for an empty history or all-NaN losses.
    """
    values = history.get("val_loss") or history.get("loss") or []
    finite = [(v, i) for i, v in enumerate(values) if math.isfinite(v)]
    if not finite:
        return None
    return min(finite)[1] + 1

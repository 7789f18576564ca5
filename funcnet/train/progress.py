"""What a training looks like so far, read from its event stream: pure, no Streamlit.

A job streams `Started`, one `Epoch` per finished epoch and a final `Done`
(`funcnet.train.events`). The live views only need a summary of that stream:
the epoch reached, the history so far, the time left and the latest
decision-boundary grid. A `ProgressTracker` folds events in as they arrive
(O(1) per event; the pool's collector thread owns one per handle) and hands
out `Progress` snapshots.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from funcnet.train.events import Epoch, event_from_dict

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
        first_elapsed: `elapsed` at the end of epoch 1 (which includes tracing
            the model's graphs, so it is left out of the time-left estimate).
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
    first_elapsed: float = 0.0

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
        """Share of the epochs done, in [0, 1]; 1 once completed (early stopping ends sooner)."""
        if self.status == "completed":
            return 1.0
        if self.epochs <= 0:
            return 0.0
        return min(1.0, self.epoch / self.epochs)

    @property
    def seconds_left(self) -> float | None:
        """Time left, from the mean time of the steady epochs (2 onwards).

        The first epoch also traces the model's graphs (about 0.45 s here, more
        than a whole small epoch), so it would inflate the estimate many times
        over; until a second epoch has finished there is no honest estimate.

        Returns:
            Seconds, or `None` ("estimating…") before epoch 2 and once finished.
        """
        if self.epoch < 2 or self.finished:
            return None
        steady = max(0.0, self.elapsed - self.first_elapsed) / (self.epoch - 1)
        return steady * max(0, self.epochs - self.epoch)


class ProgressTracker:
    """Folds a job's events into its `Progress`, one event at a time.

    Not locked: the owner (a handle) serialises `add` and `snapshot`.

    Args:
        epochs: The epochs the job was asked for (until `Started` says).
    """

    def __init__(self, epochs: int) -> None:
        self._epochs = epochs
        self._epoch = 0
        self._elapsed = 0.0
        self._first_elapsed = 0.0
        self._history: dict[str, list[float]] = {}
        self._boundary: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
        self._done: tuple[str, str] | None = None
        self._branches: dict[str, ProgressTracker] = {}

    @property
    def epoch(self) -> int:
        """Epochs finished so far."""
        return self._epoch

    @property
    def epochs(self) -> int:
        """Epochs the run was asked to do."""
        return self._epochs

    def history(self) -> dict[str, list[float]]:
        """Returns a copy of the history so far."""
        return {key: list(values) for key, values in self._history.items()}

    def add(self, event: Any) -> None:
        """Folds one event in (O(number of logged values)).

        Args:
            event: A `Started`, `Epoch` or `Done` (`funcnet.train.events`).
        """
        kind = event.TYPE
        if kind == "started":
            self._epochs = event.epochs
        elif kind == "epoch":
            self._epoch = event.epoch
            self._epochs = event.epochs or self._epochs
            self._elapsed = event.elapsed
            if event.epoch == 1:
                self._first_elapsed = event.elapsed
            for key, value in event.logs.items():
                self._history.setdefault(key, []).append(float(value))
            if event.boundary is not None:
                self._boundary = (np.asarray(event.boundary), np.asarray(event.grid_x),
                                  np.asarray(event.grid_y))
            for name, logs in (event.branches or {}).items():
                branch = self._branches.setdefault(name, ProgressTracker(self._epochs))
                branch.add(Epoch(event.epoch, event.epochs, logs, event.elapsed))
        elif kind == "done":
            self._done = (event.status, event.message)

    def snapshot(self, status: str, branch: str | None = None) -> Progress:
        """Returns the `Progress` so far.

        Args:
            status: The job's status as its handle reports it (the `Done`
                event's status wins once it has arrived).
            branch: For a sweep, the activation whose own logs make the history.
        """
        if branch is not None:
            tracker = self._branches.get(branch) or ProgressTracker(self._epochs)
            tracker._done = self._done
            tracker._epochs = self._epochs
            return tracker.snapshot(status)
        message = ""
        if self._done is not None:
            status, message = self._done
        boundary, grid_x, grid_y = self._boundary or (None, None, None)
        return Progress(status, self._epoch, self._epochs, self._elapsed, self.history(),
                        boundary, grid_x, grid_y, message, self._first_elapsed)


def read_progress(events: Sequence[Mapping[str, Any]], status: str, epochs: int) -> Progress:
    """Summarises a list of events in their dict form (replays them all).

    Pages read `Handle.progress()` instead, which is kept up to date as events
    arrive; this is for event lists from elsewhere (tests, stored runs).

    Args:
        events: The job's events so far, in order (`to_dict` form).
        status: The job's status as its handle reports it.
        epochs: The epochs the job was asked for (used until `started` arrives).

    Returns:
        The `Progress`.
    """
    tracker = ProgressTracker(epochs)
    for event in events:
        tracker.add(event_from_dict(event))
    return tracker.snapshot(status)


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

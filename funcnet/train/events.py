"""The typed events a training streams: `Started`, then one `Epoch` per finished epoch, `Done`.

The engine produces `Started` and `Epoch` in a worker process; `Done` is made
once, from the job's `JobResult`, by whoever receives that result (the pool),
so "how it ended" has a single source. Events cross the process boundary as
plain dicts (`to_dict` / `event_from_dict`): the pipe and Dask's event log
carry builtins and numpy arrays, never classes of ours.

Nothing here imports Keras.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from funcnet.train.results import JobResult


@dataclass(frozen=True)
class Started:
    """The run has built its model and is about to fit.

    Args:
        epochs: Epochs the run was asked to do.
        steps_per_epoch: Batches per epoch.
        time: `time.time()` when fitting starts.
        params: Parameters of the model fitted (a sweep's: every branch).
        train_rows: Rows fitted on.
        validation_rows: Rows held out for validation.
        test_rows: Rows tested on afterwards.
        sweep: For an activation sweep, the activations trained; else `()`.
    """

    TYPE: ClassVar[str] = "started"

    epochs: int
    steps_per_epoch: int = 0
    time: float = 0.0
    params: int = 0
    train_rows: int = 0
    validation_rows: int = 0
    test_rows: int = 0
    sweep: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Returns the event as plain values (`"type": "started"`)."""
        data: dict[str, Any] = {
            "type": self.TYPE, "epochs": self.epochs, "steps_per_epoch": self.steps_per_epoch,
            "time": self.time, "params": self.params, "train_rows": self.train_rows,
            "validation_rows": self.validation_rows, "test_rows": self.test_rows,
        }
        if self.sweep:
            data["sweep"] = list(self.sweep)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Started:
        """Reads what `to_dict` wrote (missing counts default to 0)."""
        return cls(
            epochs=int(data["epochs"]), steps_per_epoch=int(data.get("steps_per_epoch", 0)),
            time=float(data.get("time", 0.0)), params=int(data.get("params", 0)),
            train_rows=int(data.get("train_rows", 0)),
            validation_rows=int(data.get("validation_rows", 0)),
            test_rows=int(data.get("test_rows", 0)), sweep=tuple(data.get("sweep", ())),
        )


@dataclass(frozen=True, eq=False)
class Epoch:
    """One epoch has finished.

    Args:
        epoch: Its number, from 1.
        epochs: Epochs the run was asked to do.
        logs: Keras logs of the epoch (`loss`, `val_loss`, metrics).
        elapsed: Seconds since fitting began, at the end of this epoch.
        boundary: The first head's output on the decision-boundary grid,
            shape `(size, size)`, when the run asked for one.
        grid_x: The grid's coordinates along the first feature.
        grid_y: The grid's coordinates along the second feature.
        branches: For an activation sweep, each activation's own logs.
    """

    TYPE: ClassVar[str] = "epoch"

    epoch: int
    epochs: int
    logs: Mapping[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    boundary: np.ndarray | None = None
    grid_x: np.ndarray | None = None
    grid_y: np.ndarray | None = None
    branches: Mapping[str, Mapping[str, float]] | None = None

    def to_dict(self) -> dict[str, Any]:
        """Returns the event as plain values (arrays stay numpy arrays, not copied)."""
        data: dict[str, Any] = {"type": self.TYPE, "epoch": self.epoch, "epochs": self.epochs,
                                "logs": dict(self.logs), "elapsed": self.elapsed}
        if self.boundary is not None:
            data.update(boundary=self.boundary, grid_x=self.grid_x, grid_y=self.grid_y)
        if self.branches is not None:
            data["branches"] = {a: dict(logs) for a, logs in self.branches.items()}
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Epoch:
        """Reads what `to_dict` wrote."""
        boundary = data.get("boundary")
        branches = data.get("branches")
        return cls(
            epoch=int(data["epoch"]), epochs=int(data.get("epochs", 0)),
            logs={k: float(v) for k, v in data.get("logs", {}).items()},
            elapsed=float(data.get("elapsed", 0.0)),
            boundary=None if boundary is None else np.asarray(boundary),
            grid_x=None if boundary is None else np.asarray(data.get("grid_x")),
            grid_y=None if boundary is None else np.asarray(data.get("grid_y")),
            branches=None if branches is None else {
                a: {k: float(v) for k, v in logs.items()} for a, logs in branches.items()},
        )


@dataclass(frozen=True)
class Done:
    """The run has ended; always the last event, made once from its result.

    Args:
        status: `"completed"`, `"stopped"` or `"failed"`.
        message: Why it stopped or failed (English), `""` when it completed.
    """

    TYPE: ClassVar[str] = "done"

    status: str
    message: str = ""

    @classmethod
    def of(cls, result: JobResult) -> Done:
        """Returns the `Done` event of a finished job's result."""
        return cls(result.status, result.message)

    def to_dict(self) -> dict[str, Any]:
        """Returns the event as plain values (`"type": "done"`)."""
        return {"type": self.TYPE, "status": self.status, "message": self.message}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Done:
        """Reads what `to_dict` wrote."""
        return cls(str(data["status"]), str(data.get("message", "")))


Event = Started | Epoch | Done
"""Any event of a training."""

_KINDS: dict[str, type[Started] | type[Epoch] | type[Done]] = {
    kind.TYPE: kind for kind in (Started, Epoch, Done)}


def event_from_dict(data: Mapping[str, Any]) -> Event:
    """Reads an event from its `to_dict` form.

    Args:
        data: A dict with a `"type"` of `"started"`, `"epoch"` or `"done"`.

    Returns:
        The typed event.

    Raises:
        ValueError: If the type is unknown.
    """
    kind = _KINDS.get(str(data.get("type")))
    if kind is None:
        raise ValueError(f"Event: field 'type' must be one of {sorted(_KINDS)}, "
                         f"received {data.get('type')!r}.")
    return kind.from_dict(data)

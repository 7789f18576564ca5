"""Runs an activation sweep across the pool's workers and merges it back into one view.

A sweep trains one copy of the network per activation as branches of one
model (`funcnet.engine.sweep`). Tracing that model costs time in proportion
to its size, and the pool has a worker per core, so the activations are
split into one group per worker, each group one sweep job; a `SweepHandle`
presents the parts as a single job: the same methods as a `JobHandle`, its
epoch events carrying every activation's logs once every part has reached
that epoch.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections.abc import Sequence
from typing import Any

from funcnet.model.spec import Job
from funcnet.train.handles import Pool
from funcnet.train.job_handle import JobHandle
from funcnet.train.progress import Progress
from funcnet.train.results import JobResult, RunOptions


def split_evenly(items: Sequence[str], parts: int) -> list[tuple[str, ...]]:
    """Splits `items` into at most `parts` contiguous groups of near-equal size."""
    parts = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), parts)
    groups, start = [], 0
    for i in range(parts):
        stop = start + size + (1 if i < extra else 0)
        groups.append(tuple(items[start:stop]))
        start = stop
    return groups


class SweepHandle:
    """One activation sweep, possibly running as several jobs (thread-safe reads); a `Handle`.

    Attributes:
        id: Unique id (hex string).
        job: The base job.
        activations: The activations compared, in order.
        parts: The underlying job handles, one per group of activations.
        submitted: `time.time()` at submission.
    """

    def __init__(self, job: Job, activations: Sequence[str], parts: Sequence[JobHandle]) -> None:
        self.id = uuid.uuid4().hex
        self.job = job
        self.activations = tuple(activations)
        self.parts = tuple(parts)
        self.submitted = time.time()

    def __repr__(self) -> str:
        return f"SweepHandle(id={self.id!r}, activations={self.activations!r})"

    def _epochs(self) -> list[list[dict[str, Any]]]:
        return [[e for e in part.events() if e["type"] == "epoch"] for part in self.parts]

    def events(self, start: int = 0) -> list[dict[str, Any]]:
        """Returns the merged events so far: `started`, `epoch`s, then `done`.

        An epoch event appears once every part has finished that epoch; it
        carries the `branches` logs of every activation.
        """
        per_part = self._epochs()
        merged: list[dict[str, Any]] = []
        started = [next((e for e in p.events() if e["type"] == "started"), None)
                   for p in self.parts]
        if all(started):
            merged.append({**started[0], "sweep": list(self.activations)})
        for k in range(min(len(epochs) for epochs in per_part)):
            events = [epochs[k] for epochs in per_part]
            branches = {a: logs for e in events for a, logs in e["branches"].items()}
            merged.append({
                "type": "epoch", "epoch": k + 1, "epochs": events[0]["epochs"],
                "logs": {key: v for e in events for key, v in e["logs"].items()
                         if key not in ("loss", "val_loss")},
                "branches": {a: branches[a] for a in self.activations if a in branches},
                "elapsed": max(e["elapsed"] for e in events),
            })
        if self.done():
            result = self.result()
            merged.append({"type": "done", "status": result.status, "message": result.message})
        return merged[start:]

    def status(self) -> str:
        """Returns the combined status: running while any part runs; else the worst outcome."""
        statuses = [part.status() for part in self.parts]
        if not all(part.done() for part in self.parts):
            return "running" if "running" in statuses or any(
                s != "queued" for s in statuses) else "queued"
        for worst in ("failed", "stopped"):
            if worst in statuses:
                return worst
        return "completed"

    def done(self) -> bool:
        """Returns whether every part has finished."""
        return all(part.done() for part in self.parts)

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until every part is done or `timeout` seconds pass."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for part in self.parts:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            if not part.wait(left):
                return False
        return True

    def result(self, timeout: float | None = None) -> JobResult:
        """Blocks until done; returns one result whose `branches` hold every activation.

        Raises:
            TimeoutError: If the sweep is not done within `timeout`.
        """
        if not self.wait(timeout):
            raise TimeoutError(f"Sweep {self.id} is not done after {timeout} s.")
        results = [part.result() for part in self.parts]
        branches = {a: r for result in results for a, r in result.branches.items()}
        status = self.status()
        message = next((r.message for r in results if r.status == status and r.message), "")
        ordered = {a: branches[a] for a in self.activations if a in branches}
        first = next(iter(ordered.values()), None)
        return JobResult(
            status=status, message=message,
            epochs_run=min(r.epochs_run for r in results),
            history={k: v for r in results for k, v in r.history.items()
                     if k not in ("loss", "val_loss")},
            test_metrics=first.test_metrics if first else {},
            heads=first.heads if first else {},
            elapsed=max(r.elapsed for r in results),
            branches=ordered,
        )

    def progress(self) -> Progress:
        """Returns the merged progress: epochs every part has finished, every activation's logs."""
        parts = [part.progress() for part in self.parts]
        epoch = min(p.epoch for p in parts)
        history = {key: values[:epoch] for p in parts for key, values in p.history.items()
                   if key not in ("loss", "val_loss")}
        status = self.status()
        message = ""
        if self.done():
            message = self.result().message
        return Progress(status, epoch, parts[0].epochs, max(p.elapsed for p in parts),
                        history, message=message,
                        first_elapsed=max(p.first_elapsed for p in parts))

    def latest_epoch(self) -> dict[str, Any] | None:
        """Returns the most recent merged epoch event, or `None` before the first."""
        return next((e for e in reversed(self.events()) if e["type"] == "epoch"), None)

    def cancel(self) -> None:
        """Stops every part; finished epochs are kept."""
        for part in self.parts:
            part.cancel()

    def branch(self, activation: str) -> BranchHandle:
        """Returns a job-like view of one activation's run within the sweep.

        Raises:
            KeyError: If `activation` is not part of the sweep.
        """
        for part in self.parts:
            if activation in part.options.sweep:
                return BranchHandle(activation, part, self)
        raise KeyError(activation)


class BranchHandle:
    """One activation of a sweep, seen as if it were a job of its own; a `Handle`.

    Its events are its part's, with each epoch's `logs` replaced by this
    activation's; its result is this activation's branch result. Cancelling
    it cancels the whole sweep (the branches train in one model).
    """

    def __init__(self, activation: str, part: JobHandle, sweep: SweepHandle) -> None:
        self.activation = activation
        self.id = f"{part.id}:{activation}"
        base = sweep.job
        self.job = Job(base.model.with_hidden_activation(activation), base.data, base.train)
        self._part = part
        self._sweep = sweep

    def events(self, start: int = 0) -> list[dict[str, Any]]:
        """Returns the part's events, epoch logs narrowed to this activation."""
        events = []
        for event in self._part.events():
            if event["type"] == "epoch":
                event = {**event, "logs": event["branches"][self.activation]}
                event.pop("branches")
            elif event["type"] == "done" and self._part.done():
                result = self.result()
                event = {**event, "status": result.status, "message": result.message}
            events.append(event)
        return events[start:]

    def progress(self) -> Progress:
        """Returns this activation's progress (its part's epochs, its own logs)."""
        progress = self._part.progress(branch=self.activation)
        if not self._part.done():
            return progress
        result = self.result()
        return dataclasses.replace(progress, status=result.status, message=result.message)

    def status(self) -> str:
        """Returns the status of this activation's run."""
        return self.result().status if self._part.done() else self._part.status()

    def done(self) -> bool:
        """Returns whether this activation's run has finished."""
        return self._part.done()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until this activation's run is done or `timeout` seconds pass."""
        return self._part.wait(timeout)

    def result(self, timeout: float | None = None) -> JobResult:
        """Returns this activation's result (its part's, if the part failed as a whole)."""
        part = self._part.result(timeout)
        return part.branches.get(self.activation, part)

    def cancel(self) -> None:
        """Stops the whole sweep: its branches train together."""
        self._sweep.cancel()


def submit_sweep(pool: Pool, job: Job, activations: Sequence[str],
                 options: RunOptions | None = None, owner: str = "") -> SweepHandle:
    """Queues a sweep of `job` over `activations`, one part per worker.

    Args:
        pool: The worker pool.
        job: The base network, data set and settings.
        activations: Hidden-layer activations to compare (registry names).
        options: Run options; `sweep` is set per part, `keep_model` is off.
        owner: Who asks (`WorkerPool.submit`'s `owner`).

    Returns:
        A `SweepHandle`.

    Raises:
        ValueError: If no activation is given.
    """
    names = tuple(dict.fromkeys(activations))
    if not names:
        raise ValueError("Sweep: choose at least one activation to compare.")
    base = options or RunOptions()
    parts = [
        pool.submit(job, RunOptions(boundary_grid=0, keep_model=False,
                                    diagnostics=base.diagnostics, sweep=group), kind="sweep",
                    owner=owner)
        for group in split_evenly(names, pool.size)
    ]
    return SweepHandle(job, names, parts)

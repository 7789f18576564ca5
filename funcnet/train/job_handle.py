"""The handle of one queued or running job, shared by both pools: events, status, cancel, result.

`WorkerPool` (`funcnet.train.pool`) and `DaskPool` (`funcnet.train.dask_pool`)
hand out a `JobHandle` for every job they queue, and feed it from their
collector threads: `_add_event` per typed event as it arrives (folded into a
`ProgressTracker`, O(1) per event), `_set_running` at dispatch, `_finish`
once with the `JobResult`. Pages read it from any thread through the
`funcnet.train.handles.Handle` protocol.
"""

from __future__ import annotations

import threading
import time
import uuid
import weakref
from dataclasses import replace
from typing import Any, Protocol

from funcnet import messages
from funcnet.model.spec import Job
from funcnet.train.events import Done, Epoch, Event, Started
from funcnet.train.handles import JobKind
from funcnet.train.progress import Progress, ProgressTracker
from funcnet.train.results import JobResult, RunOptions


class Canceller(Protocol):
    """The pool behind a handle: it knows how to stop the handle's job."""

    def _cancel(self, handle: JobHandle) -> None: ...


class JobHandle:
    """The interface's view of one submitted job (thread-safe); a `Handle`.

    Created by a pool's `submit`; events are folded in by the pool's
    collector thread (`ProgressTracker`, O(1) per event) while any thread
    reads `progress()`.

    Attributes:
        id: Unique job id (hex string).
        job: The submitted job.
        options: The run options it was submitted with.
        kind: The engine entry point (`funcnet.train.handles.JOB_KINDS`).
        submitted: `time.time()` at submission.
        worker_pid: Process id of the worker that ran it (`None` while queued).
        owner: Who submitted it (`funcnet.train.admission.Owner.key`; `""`: nobody
            in particular); the pool takes jobs round-robin by owner.
    """

    def __init__(self, job: Job, options: RunOptions, serial: int, pool: Canceller,
                 kind: JobKind = "train", owner: str = "") -> None:
        self.id = uuid.uuid4().hex
        self.job = job
        self.options = options
        self.kind = kind
        self.owner = owner
        self.submitted = time.time()
        self.worker_pid: int | None = None
        self._serial = serial
        self._pool = weakref.ref(pool)
        self._lock = threading.Lock()
        self._events: list[Event] = []
        self._latest_epoch: Epoch | None = None
        self._tracker = ProgressTracker(job.train.epochs)
        self._status = "queued"
        self._result: JobResult | None = None
        self._done = threading.Event()
        self._stop_deadline: float | None = None  # monotonic; set by a cancel while running
        self._call_seconds = 0.0  # the engine's estimate of its longest uninterruptible call
        self._training_since: float | None = None  # monotonic; when its Started arrived
        self._yielded: messages.Message | None = None  # why the pool stopped it (time share)

    def __repr__(self) -> str:
        return f"JobHandle(id={self.id!r}, status={self.status()!r})"

    # ------------------------------------------------------------- reading
    def events(self, start: int = 0) -> list[dict[str, Any]]:
        """Returns a snapshot of the events so far in dict form (non-blocking).

        Args:
            start: Skip the first `start` events (for incremental polling).

        Returns:
            A new list of event dicts, oldest first.
        """
        with self._lock:
            events = self._events[start:]
        return [event.to_dict() for event in events]

    def typed_events(self, start: int = 0) -> list[Event]:
        """Returns the events so far as typed values (`funcnet.train.events`)."""
        with self._lock:
            return self._events[start:]

    def progress(self, branch: str | None = None) -> Progress:
        """Returns the run's state as of its latest event (no replay).

        Args:
            branch: For a sweep job, the activation whose logs make the history.
        """
        with self._lock:
            return self._tracker.snapshot(self._status, branch)

    def status(self) -> str:
        """Returns `"queued"`, `"running"`, `"completed"`, `"stopped"` or `"failed"`."""
        with self._lock:
            return self._status

    def done(self) -> bool:
        """Returns whether the job has finished (in any way)."""
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until the job is done or `timeout` seconds pass.

        Returns:
            Whether the job is done.
        """
        return self._done.wait(timeout)

    def result(self, timeout: float | None = None) -> JobResult:
        """Blocks until the job is done and returns its result.

        Args:
            timeout: Seconds to wait at most (`None`: no limit).

        Returns:
            The `JobResult`.

        Raises:
            TimeoutError: If the job is not done within `timeout`.
        """
        if not self._done.wait(timeout):
            raise TimeoutError(f"Job {self.id} is not done after {timeout} s.")
        assert self._result is not None  # set before _done
        return self._result

    def latest_epoch(self) -> dict[str, Any] | None:
        """Returns the most recent `epoch` event (dict form), or `None` before the first."""
        with self._lock:
            latest = self._latest_epoch
        return None if latest is None else latest.to_dict()

    def history(self) -> dict[str, list[float]]:
        """Returns the epoch logs streamed so far as Keras-style history lists."""
        with self._lock:
            return self._tracker.history()

    # ------------------------------------------------------------ control
    def cancel(self) -> None:
        """Stops the job: a queued job never starts, a running one ends within a batch.

        The epochs that finished are kept; the status becomes `"stopped"`.
        Cancelling a finished job does nothing.
        """
        pool = self._pool()
        if pool is not None and not self.done():
            pool._cancel(self)

    # ------------------------------------------------- called by the pool
    def _add_event(self, event: Event) -> None:
        with self._lock:
            if self._done.is_set():
                return
            self._events.append(event)
            self._tracker.add(event)
            if isinstance(event, Epoch):
                self._latest_epoch = event
            elif isinstance(event, Started):
                self._call_seconds = event.call_seconds
                self._training_since = time.monotonic()

    def _set_running(self) -> None:
        with self._lock:
            if self._status == "queued":
                self._status = "running"

    def _finish(self, result: JobResult) -> None:
        if self._yielded is not None and result.status == "stopped":
            result = made_way(result, self._yielded)
        with self._lock:
            if self._done.is_set():
                return
            done = Done.of(result)
            if self._events and isinstance(self._events[-1], Done):
                # The engine said how the fit ended before testing; the result agrees
                # unless testing itself failed, and then the result is what counts.
                if self._events[-1] != done:
                    self._events[-1] = done
                    self._tracker.add(done)
            else:
                self._events.append(done)
                self._tracker.add(done)
            self._status = result.status
            self._result = result
            self._done.set()

    def _fit_ended(self) -> bool:
        """Whether the worker is past fitting (a `Done` came, or the last epoch did)."""
        with self._lock:
            if self._events and isinstance(self._events[-1], Done):
                return True
            return self._tracker.epoch >= self._tracker.epochs > 0

    def _training_seconds(self, now: float) -> float:
        """Seconds it has trained by `now` (monotonic): since its `Started`, 0 before.

        What the time share counts (`funcnet.train.admission.to_yield`): a job
        still loading its data or building its model when a slow machine keeps
        it there has not trained yet, so it never "made way after training
        for N minutes".
        """
        with self._lock:
            since = self._training_since
        return 0.0 if since is None else max(0.0, now - since)

    def _may_be_ended(self, grace: float) -> bool:
        """Whether a cancelled job that is still fitting may have its worker ended.

        Only a job whose engine estimated uninterruptible calls longer than
        `grace` (`Started.call_seconds`) is ended: a small run that is merely
        slow to stop on a busy machine keeps its model. A job past fitting
        (testing its model) is never ended.
        """
        return self._call_seconds > grace and not self._fit_ended()

    def _unfinished(self, status: str, reason: messages.Message) -> JobResult:
        """A result for a job that ends without the worker's own: keeps streamed epochs."""
        history = self.history()
        return JobResult(status=status, **reason.result_fields(), history=history,
                         epochs_run=len(history.get("loss", [])))


def made_way(result: JobResult, reason: messages.Message) -> JobResult:
    """The result of a job the pool stopped for a waiting classmate: why it stopped, and where.

    Args:
        result: The stopped job's result (an activation sweep's stopped
            branches are rewritten too).
        reason: The `jobs.yielded` message.

    Returns:
        The result with `reason` as its message, quoting where it stopped.
    """
    where = messages.Message(result.message_code or "raw",
                             result.message_fields if result.message_code else
                             {"text": result.message})
    because = messages.message(reason.code, **reason.fields, stopped=where)
    branches = {name: made_way(branch, reason) if branch.status == "stopped" else branch
                for name, branch in result.branches.items()}
    return replace(result, **because.result_fields(), branches=branches)

"""Runs training jobs in worker processes and streams their events back.

The dashboard process never imports TensorFlow: a `WorkerPool` starts a few
`spawn`ed processes (`funcnet.engine.worker.main`), each of which imports
Keras once, warms up and then runs one job at a time. A `JobHandle` is what
the interface holds: a growing list of event dicts, a status, `cancel()`
and the final `JobResult`.

Why a small pool of our own rather than `concurrent.futures`: with
`ProcessPoolExecutor` one worker killed (out of memory, say) breaks the
whole executor and every job in it. Here each worker has its own pipe, a
dead worker fails only the job it was running, and the pool starts a
replacement. Workers exit after `max_jobs_per_worker` jobs (Keras keeps
some memory per model it ever built) and are replaced the same way.

Events of a job, in order:

- `{"type": "started", "epochs": n, "steps_per_epoch": s, "time": t, ...}`
- `{"type": "epoch", "epoch": k, "epochs": n, "logs": {...}, "elapsed": s}`
  (plus `"boundary"`, `"grid_x"`, `"grid_y"` when a grid was requested)
- `{"type": "done", "status": ..., "message": ...}`
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import multiprocessing
import multiprocessing.spawn as mp_spawn
import os
import sys
import threading
import time
import traceback
import uuid
import weakref
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from funcnet import messages
from funcnet.engine import worker as worker_module  # import-light: no TensorFlow here
from funcnet.model.spec import Job
from funcnet.train.events import Done, Epoch, Event, event_from_dict
from funcnet.train.handles import JOB_KINDS, Availability, JobKind
from funcnet.train.progress import Progress, ProgressTracker
from funcnet.train.results import JobResult, RunOptions, stop_message

DEFAULT_MAX_JOBS_PER_WORKER = 20
CANCELLED_QUEUED = messages.MESSAGES["jobs.cancelled_queued"]
"""The message of a job cancelled before a worker took it (code `jobs.cancelled_queued`)."""
MAX_START_FAILURES = 3
"""Workers that die before becoming ready, in a row, before the pool gives up."""
STOP_GRACE_SECONDS = 0.7
"""How long a cancelled running job may take to leave `fit` before its worker is ended."""
_POLL_SECONDS = 1.0
_JOIN_SECONDS = 3.0


def default_workers() -> int:
    """Returns the default number of workers: one or two, never more than CPUs."""
    return max(1, min(2, os.cpu_count() or 1))


class JobHandle:
    """The interface's view of one submitted job (thread-safe); a `Handle`.

    Created by `WorkerPool.submit`; events are folded in by the pool's
    collector thread (`ProgressTracker`, O(1) per event) while any thread
    reads `progress()`.

    Attributes:
        id: Unique job id (hex string).
        job: The submitted job.
        options: The run options it was submitted with.
        kind: The engine entry point (`funcnet.train.handles.JOB_KINDS`).
        submitted: `time.time()` at submission.
        worker_pid: Process id of the worker that ran it (`None` while queued).
    """

    def __init__(self, job: Job, options: RunOptions, serial: int, pool: WorkerPool,
                 kind: JobKind = "train") -> None:
        self.id = uuid.uuid4().hex
        self.job = job
        self.options = options
        self.kind = kind
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

    def _set_running(self) -> None:
        with self._lock:
            if self._status == "queued":
                self._status = "running"

    def _finish(self, result: JobResult) -> None:
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

    def _unfinished(self, status: str, reason: messages.Message) -> JobResult:
        """A result for a job that ends without the worker's own: keeps streamed epochs."""
        history = self.history()
        return JobResult(status=status, **reason.result_fields(), history=history,
                         epochs_run=len(history.get("loss", [])))


@dataclass(eq=False)
class _Worker:
    process: BaseProcess
    conn: Connection
    cancel: Any  # multiprocessing RawValue("q"): serial of the job to stop
    job: JobHandle | None = None
    ready: bool = False
    jobs_started: int = 0
    pid: int | None = None
    warm_seconds: float | None = None
    ending: bool = False  # killed by the pool on purpose (a Stop it could not wait for)
    started: float = field(default_factory=time.perf_counter)

    def alive(self) -> bool:
        """Returns whether the process runs, without reaping it.

        `Process.is_alive()` calls waitpid; from a second thread that could
        take the exit code away from the collector thread.
        """
        return self.process.pid is not None and not wait([self.process.sentinel], 0)


_SPAWN_LOCK = threading.Lock()


@contextlib.contextmanager
def _without_main_module() -> Iterator[None]:
    """Starts processes without re-running the parent's `__main__` in them.

    `spawn` normally re-imports the parent's main module in the child. Under
    `streamlit run` that is the page script, which would rebuild the
    interface (and this pool) inside every worker. The worker's target lives
    in an importable module, so the child never needs `__main__`.
    """
    original = mp_spawn.get_preparation_data

    def preparation_data(name: str) -> dict[str, Any]:
        data = original(name)
        data.pop("init_main_from_name", None)
        data.pop("init_main_from_path", None)
        return data

    with _SPAWN_LOCK:
        mp_spawn.get_preparation_data = preparation_data
        try:
            yield
        finally:
            mp_spawn.get_preparation_data = original


class WorkerPool:
    """A pool of training worker processes with per-job event streams.

    Args:
        workers: Number of worker processes (default: `default_workers()`).
        max_jobs_per_worker: Jobs a worker runs before it is replaced by a
            fresh process (bounds memory Keras does not return).

    Raises:
        ValueError: If `workers` or `max_jobs_per_worker` is below 1.
    """

    def __init__(self, workers: int | None = None,
                 max_jobs_per_worker: int = DEFAULT_MAX_JOBS_PER_WORKER) -> None:
        size = default_workers() if workers is None else workers
        if isinstance(size, bool) or not isinstance(size, int) or size < 1:
            raise ValueError(f"Pool: field 'workers' must be an integer >= 1, received {size!r}.")
        if (isinstance(max_jobs_per_worker, bool) or not isinstance(max_jobs_per_worker, int)
                or max_jobs_per_worker < 1):
            raise ValueError("Pool: field 'max_jobs_per_worker' must be an integer >= 1, "
                             f"received {max_jobs_per_worker!r}.")
        self._size = size
        self._max_jobs = max_jobs_per_worker
        # Share the CPUs: workers x intra-op threads <= cores, or they fight for them.
        self._threads = max(1, (os.cpu_count() or 1) // size)
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._queue: deque[JobHandle] = deque()
        self._workers: list[_Worker] = []
        self._serials = itertools.count(1)
        self._start_failures = 0
        self._broken: messages.Message | None = None
        self._closed = False
        self._wake_reader, self._wake_writer = self._context.Pipe(duplex=False)
        self._wake_lock = threading.Lock()
        with self._lock:
            for _ in range(size):
                self._start_worker()
        self._thread = threading.Thread(target=self._loop, name="funcnet-pool", daemon=True)
        self._thread.start()
        atexit.register(_shutdown_at_exit, weakref.ref(self))

    # ------------------------------------------------------------- public
    @property
    def size(self) -> int:
        """The number of workers the pool keeps running."""
        return self._size

    def submit(self, job: Job, options: RunOptions | None = None, *,
               kind: JobKind = "train", **extra: Any) -> JobHandle:
        """Queues `job`; it starts as soon as a warmed-up worker is free.

        Args:
            job: The job to run.
            options: Run options (default `RunOptions()`).
            kind: The engine entry point: `"train"` or `"sweep"`.
            **extra: Keywords for other backends or policy layers (e.g. an
                owner); this pool ignores them.

        Returns:
            Its `JobHandle` (status `"queued"`).

        Raises:
            RuntimeError: If the pool has been shut down.
            ValueError: If `kind` is unknown.
        """
        if kind not in JOB_KINDS:
            raise ValueError(f"Pool: field 'kind' must be one of {list(JOB_KINDS)}, "
                             f"received {kind!r}.")
        with self._lock:
            if self._closed:
                raise RuntimeError("The training pool has been shut down.")
            handle = JobHandle(job, options or RunOptions(), next(self._serials), self, kind)
            if self._broken is not None:
                handle._finish(JobResult(status="failed", **self._broken.result_fields()))
                return handle
            self._queue.append(handle)
        self._wake()
        return handle

    def alive_workers(self) -> int:
        """Returns how many worker processes are alive (warming up or ready)."""
        with self._lock:
            return sum(1 for w in self._workers if w.alive())

    def ready_workers(self) -> int:
        """Returns how many workers have imported Keras and can take a job."""
        with self._lock:
            return sum(1 for w in self._workers if w.ready and w.alive())

    def availability(self) -> Availability:
        """Returns whether training is possible now (see `funcnet.train.handles.Availability`)."""
        with self._lock:
            return Availability(ready=self._broken is None and not self._closed,
                                failures=self._start_failures)

    def queued(self) -> int:
        """Returns how many jobs wait for a worker."""
        with self._lock:
            return len(self._queue)

    def warm(self, timeout: float | None = None) -> bool:
        """Blocks until every worker has imported Keras and warmed up.

        Args:
            timeout: Seconds to wait at most (`None`: no limit).

        Returns:
            Whether all workers are ready.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while not self._closed and self._broken is None:
                if sum(1 for w in self._workers if w.ready) >= self._size:
                    return True
                remaining = None if deadline is None else deadline - time.monotonic()
                if remaining is not None and remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return False

    def warm_up_seconds(self) -> list[float]:
        """Returns each ready worker's start-up time (Keras import plus warm-up run)."""
        with self._lock:
            return [w.warm_seconds for w in self._workers if w.warm_seconds is not None]

    def worker_pids(self) -> list[int]:
        """Returns the process ids of the current workers."""
        with self._lock:
            return [w.process.pid for w in self._workers if w.process.pid is not None]

    def shutdown(self) -> None:
        """Stops every worker and finishes unfinished jobs as stopped.

        Idempotent; also runs at interpreter exit.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            pending = list(self._queue)
            self._queue.clear()
            workers = list(self._workers)
            self._changed.notify_all()
        self._wake()
        self._thread.join(_JOIN_SECONDS)
        for handle in pending:
            handle._finish(handle._unfinished("stopped", messages.message("jobs.cancelled_queued")))
        for w in workers:
            if w.ready and w.job is None:
                with contextlib.suppress(OSError):
                    w.conn.send(None)
                continue
            # A warming worker reads no message until Keras is imported, and a busy
            # one would finish its epoch and send a result nobody reads: end both now.
            w.process.terminate()
            if w.job is not None:
                w.job._finish(w.job._unfinished("stopped", messages.message("jobs.pool_shut_down")))
        deadline = time.monotonic() + _JOIN_SECONDS
        for w in workers:
            w.process.join(max(0.0, deadline - time.monotonic()))
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1.0)
            w.conn.close()
        self._wake_reader.close()
        self._wake_writer.close()

    # ------------------------------------------------------------ internal
    def _wake(self) -> None:
        with self._wake_lock, contextlib.suppress(OSError):
            self._wake_writer.send_bytes(b"")

    def _start_worker(self) -> None:
        parent_end, child_end = self._context.Pipe(duplex=True)
        cancel = self._context.RawValue("q", 0)
        process = self._context.Process(
            target=worker_module.main,
            args=(child_end, cancel, self._threads, 1, self._max_jobs),
            name="funcnet-worker",
            daemon=True,
        )
        with _without_main_module():
            process.start()
        child_end.close()
        self._workers.append(_Worker(process, parent_end, cancel))

    def _cancel(self, handle: JobHandle) -> None:
        with self._lock:
            if handle in self._queue:
                self._queue.remove(handle)
                handle._finish(JobResult(
                    status="stopped", **messages.message("jobs.cancelled_queued").result_fields()))
                return
            for w in self._workers:
                if w.job is handle:
                    w.cancel.value = handle._serial
                    if handle._stop_deadline is None:
                        handle._stop_deadline = time.monotonic() + STOP_GRACE_SECONDS
        self._wake()

    def _enforce_stops(self) -> None:
        """Ends the workers of cancelled jobs that did not stop within `STOP_GRACE_SECONDS`.

        The flag is read between calls into the training graph; a call can
        take longer than a person should wait (a batch of 4096 rows through
        a 5M-parameter network takes seconds). Such a job finishes as stopped
        with the epochs it streamed and no model, and a fresh worker replaces
        the old one. A job past fitting (testing its model) is never ended.
        """
        now = time.monotonic()
        with self._lock:
            for w in self._workers:
                handle = w.job
                if (handle is None or handle._stop_deadline is None
                        or now < handle._stop_deadline or handle._fit_ended()):
                    continue
                epochs_run = len(handle.history().get("loss", []))
                stopped = stop_message(epochs_run, handle.job.train.epochs)
                handle._finish(handle._unfinished(
                    "stopped", messages.message("jobs.stopped_ended", stopped=stopped)))
                w.job = None
                w.ending = True
                w.process.kill()
                print(f"funcnet: ended worker {w.process.pid}: its job did not stop within "
                      f"{STOP_GRACE_SECONDS} s of Stop.", file=sys.stderr)

    def _next_deadline(self) -> float:
        """Seconds until the earliest stop deadline (at most `_POLL_SECONDS`)."""
        with self._lock:
            deadlines = [w.job._stop_deadline for w in self._workers
                         if w.job is not None and w.job._stop_deadline is not None]
        if not deadlines:
            return _POLL_SECONDS
        return max(0.0, min(_POLL_SECONDS, min(deadlines) - time.monotonic()))

    def _dispatch(self) -> None:
        for w in self._workers:
            if not self._queue:
                return
            if (w.ready and w.job is None and not w.ending
                    and w.jobs_started < self._max_jobs):
                handle = self._queue.popleft()
                try:
                    w.conn.send(("job", handle._serial, handle.kind, handle.job.to_dict(),
                                 handle.options))
                except OSError:
                    self._queue.appendleft(handle)  # the worker just died; reaped below
                    continue
                w.job = handle
                w.jobs_started += 1
                handle.worker_pid = w.process.pid
                handle._set_running()

    def _handle(self, w: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            w.ready, w.pid, w.warm_seconds = True, message[1], message[2]
            self._start_failures = 0
            self._changed.notify_all()
            return
        handle = w.job
        if handle is None or message[1] != handle._serial:
            return  # a stale message from a job already failed or finished
        if kind == "event":
            handle._add_event(event_from_dict(message[2]))
        elif kind == "result":
            w.job = None
            handle._finish(message[2])

    def _drain(self, w: _Worker) -> bool:
        """Reads every message waiting from `w`; returns False once its pipe is closed."""
        try:
            while w.conn.poll():
                message = w.conn.recv()
                with self._lock:
                    self._handle(w, message)
        except (EOFError, OSError):
            return False
        return True

    def _reap(self, w: _Worker) -> None:
        """Handles a worker that has exited: fails its job and starts a replacement."""
        self._drain(w)
        w.process.join(_JOIN_SECONDS)
        code = w.process.exitcode
        with self._lock:
            if w not in self._workers:
                return
            self._workers.remove(w)
            w.conn.close()
            if w.job is not None:
                w.job._finish(w.job._unfinished(
                    "failed", messages.message("jobs.worker_died", exit_code=code)))
                w.job = None
            if not w.ready:
                self._start_failures += 1
                print(f"funcnet: a training worker exited during start-up (exit code {code}).",
                      file=sys.stderr)
            if self._closed:
                return
            if self._start_failures >= MAX_START_FAILURES:
                self._give_up(code)
                return
            self._start_worker()
            self._changed.notify_all()

    def _give_up(self, code: int | None) -> None:
        self._broken = messages.message("jobs.workers_broken", exit_code=code)
        while self._queue:
            handle = self._queue.popleft()
            handle._finish(JobResult(status="failed", **self._broken.result_fields()))
        self._changed.notify_all()

    def _loop(self) -> None:
        while not self._closed:
            try:
                self._step()
            except Exception:  # one bad round must not leave every job hanging
                traceback.print_exc(file=sys.stderr)
                time.sleep(_POLL_SECONDS)

    def _step(self) -> None:
        """One round: hand out queued jobs, wait for messages or exits, handle them."""
        with self._lock:
            if self._closed:
                return
            self._dispatch()
            workers = list(self._workers)
        by_conn = {id(w.conn): w for w in workers}
        by_sentinel = {w.process.sentinel: w for w in workers}
        ready = wait([self._wake_reader, *(w.conn for w in workers), *by_sentinel],
                     timeout=self._next_deadline())
        exited: list[_Worker] = []
        for item in ready:
            if item is self._wake_reader:
                with contextlib.suppress(EOFError, OSError):
                    while self._wake_reader.poll():
                        self._wake_reader.recv_bytes()
            elif isinstance(item, int):
                exited.append(by_sentinel[item])
            elif not self._drain(by_conn[id(item)]):
                exited.append(by_conn[id(item)])
        # A worker that finished its last job exits on its own; the sentinel
        # may not be signalled in the same round, so look at every worker.
        exited += [w for w in workers if w not in exited and not w.process.is_alive()]
        for w in dict.fromkeys(exited):
            self._reap(w)
        self._enforce_stops()


def _shutdown_at_exit(ref: weakref.ReferenceType[WorkerPool]) -> None:
    pool = ref()
    if pool is not None:
        pool.shutdown()


_DEFAULT_POOL: WorkerPool | None = None
_DEFAULT_LOCK = threading.Lock()


def default_pool() -> WorkerPool:
    """Returns the process-wide pool, starting it on first use.

    Returns:
        A `WorkerPool` with `default_workers()` workers; a new one if the
        previous default pool was shut down.
    """
    global _DEFAULT_POOL
    with _DEFAULT_LOCK:
        if _DEFAULT_POOL is None or _DEFAULT_POOL._closed:
            _DEFAULT_POOL = WorkerPool()
        return _DEFAULT_POOL

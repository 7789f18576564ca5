"""Runs training jobs in worker processes and streams their events back.

The dashboard process never imports TensorFlow: a `WorkerPool` starts a few
`spawn`ed processes (`funcnet.engine.worker.main`), each of which imports
Keras once, warms up and then runs one job at a time. A `JobHandle`
(`funcnet.train.job_handle`) is what the interface holds: a growing list of
events, a status, `cancel()` and the final `JobResult`; a `WorkerProcess`
(`funcnet.train.worker_process`) is what the pool knows of each worker.

Why a small pool of our own rather than `concurrent.futures`: with
`ProcessPoolExecutor` one worker killed (out of memory, say) breaks the
whole executor and every job in it. Here each worker has its own pipe, a
dead worker fails only the job it was running, and the pool starts a
replacement. Workers exit after `max_jobs_per_worker` jobs (Keras keeps
some memory per model it ever built). Their successor is started when they
take their last job, so it imports Keras and warms up while that job runs and
the next job does not wait for a start-up (seconds; tens on a loaded machine).
At most `size` jobs run at once, and at most `2 * size` processes live (only
while workers run their last jobs).

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
import os
import sys
import threading
import time
import traceback
import weakref
from collections import Counter, deque
from collections.abc import Callable
from multiprocessing.connection import wait
from typing import Any

from funcnet import messages
from funcnet.engine import worker as worker_module  # import-light: no TensorFlow here
from funcnet.model.spec import Job
from funcnet.train import admission
from funcnet.train.events import event_from_dict
from funcnet.train.handles import (
    POOL_CLOSED,
    Availability,
    JobKind,
    check_count,
    check_kind,
)
from funcnet.train.job_handle import JobHandle
from funcnet.train.results import JobResult, RunOptions, stop_message
from funcnet.train.worker_process import WorkerProcess, spawn_worker

DEFAULT_MAX_JOBS_PER_WORKER = 20
CANCELLED_QUEUED = messages.MESSAGES["jobs.cancelled_queued"]
"""The message of a job cancelled before a worker took it (code `jobs.cancelled_queued`)."""
MAX_START_FAILURES = 3
"""Workers that die before becoming ready, in a row, before the pool backs off."""
RETRY_BASE_SECONDS = 5.0
"""The first pause after `MAX_START_FAILURES`; it doubles with every further failure ..."""
RETRY_MAX_SECONDS = 120.0
"""... up to this. The pool never gives up: it tries again after every pause."""
STOP_GRACE_SECONDS = 0.7
"""How long a cancelled running job may take to leave `fit` before its worker is ended."""
_POLL_SECONDS = 1.0
_JOIN_SECONDS = 3.0


def default_workers() -> int:
    """Returns the default number of workers: one or two, never more than CPUs."""
    return max(1, min(2, os.cpu_count() or 1))


class WorkerPool:
    """A pool of training worker processes with per-job event streams.

    Args:
        workers: Number of worker processes (default: `default_workers()`).
        max_jobs_per_worker: Jobs a worker runs before it is replaced by a
            fresh process (bounds memory Keras does not return).
        retry_base_seconds: First pause after `MAX_START_FAILURES` start
            failures in a row; doubled per further failure, capped at
            `RETRY_MAX_SECONDS`.
        worker_target: The worker process's function (default
            `funcnet.engine.worker.main`); tests pass one that fails at start.
        yield_after: Seconds a job may hold a worker while a classmate with
            nothing running waits for one; then it is stopped for them
            (`funcnet.train.admission.to_yield`). `None`: jobs never yield.

    Attributes:
        yield_after: The time share in seconds (`None`: off); may be changed.

    Raises:
        ValueError: If `workers` or `max_jobs_per_worker` is below 1.
    """

    def __init__(self, workers: int | None = None,
                 max_jobs_per_worker: int = DEFAULT_MAX_JOBS_PER_WORKER, *,
                 retry_base_seconds: float = RETRY_BASE_SECONDS,
                 worker_target: Callable[..., None] | None = None,
                 yield_after: float | None = None) -> None:
        size = check_count("workers", default_workers() if workers is None else workers)
        self._size = size
        self._max_jobs = check_count("max_jobs_per_worker", max_jobs_per_worker)
        # Share the CPUs: workers x intra-op threads <= cores, or they fight for them.
        self._threads = max(1, (os.cpu_count() or 1) // size)
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._queue: deque[JobHandle] = deque()
        self._workers: list[WorkerProcess] = []
        self._serials = itertools.count(1)
        self._starts = itertools.count(1)
        self._last_started: dict[str, int] = {}  # owner -> start number of its latest job
        self._retry_base = retry_base_seconds
        self.yield_after = yield_after
        self._target = worker_target or worker_module.main
        self._start_failures = 0
        self._retry_at: float | None = None  # monotonic; set while backing off
        self._unavailable: messages.Message | None = None
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
        """The number of workers the pool keeps taking jobs (and of jobs it runs at once)."""
        return self._size

    def submit(self, job: Job, options: RunOptions | None = None, *,
               kind: JobKind = "train", owner: str = "", **extra: Any) -> JobHandle:
        """Queues `job`; it starts as soon as a warmed-up worker is free.

        Args:
            job: The job to run.
            options: Run options (default `RunOptions()`).
            kind: The engine entry point: `"train"` or `"sweep"`.
            owner: Who asks (see `funcnet.train.admission.dispatch_order`): a
                queued job of an owner served longest ago goes first.
            **extra: Keywords for other backends or policy layers; this pool ignores them.

        Returns:
            Its `JobHandle` (status `"queued"`).

        Raises:
            RuntimeError: If the pool has been shut down.
            ValueError: If `kind` and `options` do not go together (`check_kind`).
        """
        options = options or RunOptions()
        check_kind(kind, options)
        with self._lock:
            if self._closed:
                raise RuntimeError(POOL_CLOSED)
            handle = JobHandle(job, options, next(self._serials), self, kind, owner)
            if self._unavailable is not None:
                handle._finish(JobResult(status="failed", **self._unavailable.result_fields()))
                return handle
            self._queue.append(handle)
        self._wake()
        return handle

    def alive_workers(self) -> int:
        """Returns how many worker processes are alive (warming up or ready).

        Up to `2 * size`: a worker running its last job and its successor both count.
        """
        with self._lock:
            return sum(1 for w in self._workers if w.alive())

    def ready_workers(self) -> int:
        """Returns how many live workers have imported Keras (those on their last job included)."""
        with self._lock:
            return sum(1 for w in self._workers if w.ready and w.alive())

    def availability(self) -> Availability:
        """Returns whether training is possible now (see `funcnet.train.handles.Availability`).

        Not ready after `MAX_START_FAILURES` start failures in a row, until a
        worker starts again: the pool pauses (`retry_in` seconds), then tries.
        """
        with self._lock:
            if self._closed:
                return Availability(ready=False, failures=self._start_failures)
            retry_in = 0.0 if self._retry_at is None else max(
                0.0, self._retry_at - time.monotonic())
            return Availability(ready=self._unavailable is None, retry_in=retry_in,
                                failures=self._start_failures)

    def queued(self) -> int:
        """Returns how many jobs wait for a worker."""
        with self._lock:
            return len(self._queue)

    def warm(self, timeout: float | None = None) -> bool:
        """Blocks until `size` workers that take the next jobs have warmed up.

        A worker running its last job does not count; its successor does.

        Args:
            timeout: Seconds to wait at most (`None`: no limit).

        Returns:
            Whether `size` such workers are ready.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            while not self._closed and self._unavailable is None:
                if sum(1 for w in self._workers if w.ready and self._serving(w)) >= self._size:
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
        self._workers.append(spawn_worker(self._context, self._target, self._threads,
                                          self._max_jobs))

    def _serving(self, w: WorkerProcess) -> bool:
        """Whether `w` takes jobs after the current one (not ended, not on its last job)."""
        return not w.ending and w.jobs_started < self._max_jobs

    def _ensure_successors(self) -> None:
        """Starts workers until `size` of them will take further jobs. Call under the lock.

        A worker leaves this count when it takes its last job or is ended; its
        successor then warms up at once, not after the old process has exited.
        Never more than `2 * size` live processes: past that, a successor waits
        until an old worker has exited. Nothing starts while the pool is closed
        or backing off; a process the system refuses to start counts as a start
        failure (the next round tries again, `MAX_START_FAILURES` back off).
        """
        while (not self._closed and self._retry_at is None
               and sum(1 for w in self._workers if self._serving(w)) < self._size
               and sum(1 for w in self._workers if w.alive()) < 2 * self._size):
            try:
                self._start_worker()
            except OSError as error:
                self._start_failures += 1
                print(f"funcnet: could not start a training worker: {error}", file=sys.stderr)
                if self._start_failures >= MAX_START_FAILURES:
                    self._back_off(None, "jobs.workers_unstartable")
                return

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
        the old one. Only jobs whose engine estimated such long calls
        (`Started.call_seconds` over the grace) are ended: a small run that is
        merely slow on a busy machine keeps its model. A job past fitting
        (testing its model) is never ended.
        """
        now = time.monotonic()
        with self._lock:
            for w in self._workers:
                handle = w.job
                if (handle is None or handle._stop_deadline is None
                        or now < handle._stop_deadline
                        or not handle._may_be_ended(STOP_GRACE_SECONDS)):
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
            if self._retry_at is not None:
                deadlines.append(self._retry_at)
        if not deadlines:
            return _POLL_SECONDS
        return max(0.0, min(_POLL_SECONDS, min(deadlines) - time.monotonic()))

    def _dispatch(self) -> None:
        """Hands queued jobs to free, ready workers; never more than `size` jobs at once.

        (A successor may be ready while its predecessor still runs its last job.)
        """
        running = sum(1 for w in self._workers if w.job is not None)
        for w in self._workers:
            if not self._queue or running >= self._size:
                break
            if w.ready and w.job is None and self._serving(w):
                handle = self._next_queued()
                try:
                    w.conn.send(("job", handle._serial, handle.kind, handle.job.to_dict(),
                                 handle.options))
                except OSError:
                    self._queue.appendleft(handle)  # the worker just died; reaped below
                    continue
                w.job = handle
                w.jobs_started += 1
                running += 1
                handle.worker_pid = w.process.pid
                handle._set_running()

    def _share_time(self) -> None:
        """Stops jobs that have trained past `yield_after` while a classmate waits.

        Only when `size` jobs run (a free or warming worker will take the
        queued job soon) and per `funcnet.train.admission.to_yield`. The job
        stops like a Stop (its epochs and model kept, tested), and its result
        says it made way; its owner counts as just served, so the freed
        worker goes to the classmate. Call under the lock.
        """
        if self.yield_after is None or not self._queue:
            return
        busy = [w for w in self._workers if w.job is not None and not w.ending]
        if len(busy) < self._size:
            return
        now = time.monotonic()
        running = [admission.Running(
            w.job.owner, w.job._training_seconds(now),
            stopping=w.job._stop_deadline is not None) for w in busy]
        minutes = self.yield_after / 60.0
        for index in admission.to_yield(running, [h.owner for h in self._queue],
                                        self.yield_after):
            handle = busy[index].job
            handle._yielded = messages.message("jobs.yielded", minutes=minutes,
                                               variable=admission.YIELD_VARIABLE)
            self._last_started[handle.owner] = next(self._starts)
            self._cancel(handle)

    def _next_queued(self) -> JobHandle:
        """Takes the queued job to start next: round-robin by owner, then oldest."""
        running = Counter(w.job.owner for w in self._workers if w.job is not None)
        index = admission.dispatch_order([h.owner for h in self._queue], running,
                                         self._last_started)
        handle = self._queue[index]
        del self._queue[index]
        self._last_started[handle.owner] = next(self._starts)
        return handle

    def _handle(self, w: WorkerProcess, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            w.ready, w.pid, w.warm_seconds = True, message[1], message[2]
            self._start_failures = 0
            self._retry_at = None
            self._unavailable = None
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

    def _drain(self, w: WorkerProcess) -> bool:
        """Reads every message waiting from `w`; returns False once its pipe is closed."""
        try:
            while w.conn.poll():
                message = w.conn.recv()
                with self._lock:
                    self._handle(w, message)
        except (EOFError, OSError):
            return False
        return True

    def _reap(self, w: WorkerProcess) -> None:
        """Handles a worker that has exited: fails its job (`_step` starts any successor due)."""
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
            if self._closed:
                return
            if not w.ready:
                self._start_failures += 1
                print(f"funcnet: a training worker exited during start-up (exit code {code}).",
                      file=sys.stderr)
                if self._start_failures >= MAX_START_FAILURES:
                    self._back_off(code)  # a ready worker's exit never starts a pause
                    return
            self._changed.notify_all()

    def _back_off(self, code: int | None, message_code: str = "jobs.workers_broken") -> None:
        """Pauses worker starts after repeated start failures, then tries again (never gives up).

        While paused, queued and newly submitted jobs fail at once with a message
        that says training is temporarily unavailable, rather than wait unseen.

        Args:
            code: The last failed worker's exit code (`None`: it never started).
            message_code: The message jobs fail with (`jobs.workers_broken`
                names the exit code; `jobs.workers_unstartable` a process the
                system would not start).
        """
        extra = self._start_failures - MAX_START_FAILURES
        delay = min(RETRY_MAX_SECONDS, self._retry_base * 2 ** min(extra, 30))
        self._retry_at = time.monotonic() + delay
        self._unavailable = messages.message(message_code, exit_code=code,
                                             seconds=max(1, round(delay)))
        print(f"funcnet: {self._start_failures} training workers in a row failed to start; "
              f"trying again in {delay:g} s.", file=sys.stderr)
        while self._queue:
            handle = self._queue.popleft()
            handle._finish(JobResult(status="failed", **self._unavailable.result_fields()))
        self._changed.notify_all()

    def _retry_if_due(self) -> None:
        """Ends a back-off pause once it is over (`_step` then starts workers again)."""
        with self._lock:
            if self._closed or self._retry_at is None or time.monotonic() < self._retry_at:
                return
            self._retry_at = None
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
        self._retry_if_due()
        with self._lock:
            if self._closed:
                return
            self._dispatch()
            # After a worker took its last job, exited or was ended, or a pause ended.
            self._ensure_successors()
            self._share_time()
            workers = list(self._workers)
        by_conn = {id(w.conn): w for w in workers}
        by_sentinel = {w.process.sentinel: w for w in workers}
        ready = wait([self._wake_reader, *(w.conn for w in workers), *by_sentinel],
                     timeout=self._next_deadline())
        exited: list[WorkerProcess] = []
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

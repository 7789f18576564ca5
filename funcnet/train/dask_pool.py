"""Runs training jobs on a Dask cluster, behind the same interface as `WorkerPool`.

Used when `FUNCNET_SCHEDULER=tcp://host:8786` names a running Dask scheduler
(a class with a few machines); the one-machine default stays
`funcnet.train.pool.WorkerPool`. The dashboard holds a `distributed.Client`
only: it never starts a cluster (a `LocalCluster` inside the Streamlit server
would spawn workers that re-run the page) and never imports TensorFlow; the
workers run `funcnet.engine.dask_worker`.

How the interface maps onto Dask:

- `submit` gives the job to Dask with `retries=0` under a fresh attempt id;
  the task claims the attempt once, so a job whose worker died is failed
  with funcnet's own message (keeping its streamed epochs), never silently
  run again from scratch (Dask's default `allowed-failures` would).
- Events travel with the worker's `log_event` on one topic per pool, which
  this client subscribes to; arrays are encoded by `funcnet.train.wire`.
- Stop sets the attempt's `distributed.Event`, which a thread in the task
  waits on; a queued job is cancelled with `Future.cancel()`.
- Time sharing (`funcnet.train.admission.to_yield`): a claimed job that has
  run past `yield_after` while a classmate's job waits unclaimed is stopped
  for them; the scheduler then hands the free worker to its oldest waiting job.
- A worker's death is read from the scheduler's `remove-worker` event; a
  lost scheduler fails the running jobs with a clear message, and the pool
  connects again once the scheduler is back.
- An uploaded CSV is scattered with `hash=True` (one copy per content) and
  written to the worker's upload folder after its hash is checked.
"""

from __future__ import annotations

import atexit
import contextlib
import itertools
import sys
import threading
import time
import traceback
import uuid
import weakref
from collections import deque
from dataclasses import dataclass
from typing import Any

from distributed import Client, Future
from distributed.scheduler import KilledWorker

from funcnet import messages
from funcnet.data.datasets import upload_bytes
from funcnet.engine import dask_worker  # import-light: no TensorFlow here
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
from funcnet.train.pool import DEFAULT_MAX_JOBS_PER_WORKER, STOP_GRACE_SECONDS
from funcnet.train.results import JobResult, RunOptions, stop_message
from funcnet.train.wire import from_wire

SCHEDULER_ENV = "FUNCNET_SCHEDULER"
"""Environment variable: the Dask scheduler's address; set, it selects this backend."""
CONNECT_SECONDS = 5.0
"""How long one attempt to reach the scheduler may take."""
RECONNECT_SECONDS = 2.0
"""Pause between attempts to reach a scheduler that is down."""
VERSION_PACKAGES = ("numpy", "pandas", "scikit-learn", "keras", "tensorflow-cpu")
"""Packages compared between this server and the workers on connect (besides Dask's own)."""
_TICK_SECONDS = 0.05
_SETTLE_SECONDS = 2.0
"""A job queued this long counts as waiting (time sharing)."""
# How long time sharing waits for a worker that was ended or lost to come back
# (its nanny starts a fresh process, which imports TensorFlow first).
_REPLACEMENT_SECONDS = 60.0
_EVENT_SECONDS = 2.0


@dataclass(eq=False)
class _Attempt:
    """One job given to Dask: its future and what the collector knows of it."""

    id: str
    handle: JobHandle
    future: Future
    upload: Future | None = None
    worker: str | None = None
    claimed: bool = False
    claimed_at: float | None = None  # monotonic
    stop: bool = False
    stop_sent: bool = False
    stop_deadline: float | None = None  # monotonic; a running job must leave fit by then
    lost: bool = False


class DaskPool:
    """Runs jobs on the Dask cluster whose scheduler is at `address`.

    Connects in the background (so a page is never held up by it) and again
    whenever the scheduler was lost. Jobs submitted before the connection is
    ready wait in order; if the scheduler cannot be reached they fail with a
    message naming its address.

    Args:
        address: The scheduler, e.g. `"tcp://10.0.0.5:8786"`.
        max_jobs_per_worker: Jobs a worker runs before it restarts itself
            (staggered per worker; see `funcnet.engine.dask_worker`).
        intra_op: TensorFlow intra-op threads per worker process.
        yield_after: Seconds a job may hold a worker while a classmate's job
            waits for one (`funcnet.train.admission.to_yield`); `None`: never.

    Attributes:
        yield_after: The time share in seconds (`None`: off); may be changed.

    Raises:
        ValueError: If `address` is empty or `max_jobs_per_worker` is below 1.
    """

    def __init__(self, address: str, max_jobs_per_worker: int = DEFAULT_MAX_JOBS_PER_WORKER,
                 intra_op: int = 1, yield_after: float | None = None) -> None:
        if not isinstance(address, str) or not address.strip():
            raise ValueError(f"Pool: field 'address' must name a scheduler, received {address!r}.")
        self.address = address.strip()
        self._max_jobs = check_count("max_jobs_per_worker", max_jobs_per_worker)
        self._intra_op = intra_op
        self.yield_after = yield_after
        self._replacement_due = 0.0  # monotonic; until then a worker is being replaced
        self._topic = f"funcnet-events-{uuid.uuid4().hex}"
        self._lock = threading.RLock()
        self._changed = threading.Condition(self._lock)
        self._wake = threading.Event()
        self._serials = itertools.count(1)
        self._pending: deque[JobHandle] = deque()
        self._attempts: dict[str, _Attempt] = {}
        self._client: Client | None = None
        self._problem: messages.Message | None = None
        self._versions: messages.Message | None = None
        self._closed = False
        self._connecting = False  # True while the thread tries to reach the scheduler
        self._failures = 0
        self._next_connect = 0.0
        self._thread = threading.Thread(target=self._loop, name="funcnet-dask-pool", daemon=True)
        self._thread.start()
        atexit.register(_shutdown_at_exit, weakref.ref(self))

    # ------------------------------------------------------------- public
    @property
    def size(self) -> int:
        """The number of job slots (worker threads) in the cluster; at least 1."""
        slots = self._slots()
        return 1 if slots == sys.maxsize else max(1, slots)

    def submit(self, job: Job, options: RunOptions | None = None, *,
               kind: JobKind = "train", owner: str = "", **extra: Any) -> JobHandle:
        """Queues `job` on the cluster.

        Args:
            job: The job to run.
            options: Run options (default `RunOptions()`).
            kind: The engine entry point: `"train"` or `"sweep"`.
            owner: Who asks (`funcnet.train.admission.Owner.key`), for time sharing.
            **extra: Keywords for other backends or policy layers; ignored here.

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
            self._pending.append(handle)
        self._wake.set()
        return handle

    def notice(self) -> messages.Message | None:
        """Returns what the page should say about the cluster, or `None` if all is well.

        Returns:
            The connection problem (`jobs.cluster_unreachable`,
            `jobs.cluster_lost`) if there is one, else the package versions
            that differ between this server and the workers
            (`jobs.versions_differ`), else `None`.
        """
        with self._lock:
            return self._problem or self._versions

    def availability(self) -> Availability:
        """Returns whether training is possible now: connected to the scheduler."""
        with self._lock:
            problem = self._problem
            retry_in = max(0.0, self._next_connect - time.monotonic())
        if problem is None:
            return Availability(ready=True)
        return Availability(ready=False, retry_in=retry_in, failures=self._failures)

    def connected(self) -> bool:
        """Returns whether the pool is connected to the scheduler now."""
        client = self._client
        return client is not None and client.status == "running" and self._problem is None

    def warm(self, timeout: float | None = None) -> bool:
        """Blocks until connected and every worker has warmed up (at least one worker).

        Args:
            timeout: Seconds to wait at most (`None`: no limit).

        Returns:
            Whether the cluster is ready.
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._closed:
            statuses = self._statuses()
            if statuses and all(s["ready"] for s in statuses.values()):
                return True
            if deadline is not None and time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return False

    def alive_workers(self) -> int:
        """Returns how many workers the scheduler knows (warming up or ready)."""
        return len(self._statuses())

    def ready_workers(self) -> int:
        """Returns how many workers have warmed up and can take a job."""
        return sum(1 for s in self._statuses().values() if s["ready"])

    def worker_pids(self) -> list[int]:
        """Returns the process ids of the current workers (on their machines)."""
        return [s["pid"] for s in self._statuses().values()]

    def warm_up_seconds(self) -> list[float]:
        """Returns each ready worker's start-up time (Keras import plus warm-up run)."""
        return [s["warm_seconds"] for s in self._statuses().values()
                if s["warm_seconds"] is not None]

    def queued(self) -> int:
        """Returns how many jobs have not started on a worker yet."""
        with self._lock:
            return len(self._pending) + sum(1 for a in self._attempts.values() if not a.claimed)

    def shutdown(self) -> None:
        """Stops the pool's jobs (finished as stopped) and closes the client.

        The cluster itself keeps running. Idempotent; also runs at exit.
        """
        with self._lock:
            if self._closed:
                return
            self._closed = True
            connecting = self._connecting
            pending = list(self._pending)
            self._pending.clear()
        self._wake.set()
        if not connecting:  # an attempt to connect is not waited for: `_connect` ends it
            self._thread.join(5.0)
        for handle in pending:
            handle._finish(handle._unfinished("stopped", messages.message("jobs.cancelled_queued")))
        client = self._client
        with self._lock:
            attempts = list(self._attempts.values())
            self._attempts.clear()
        for attempt in attempts:
            if client is not None and attempt.claimed:
                self._set_stop(client, attempt)
            attempt.future.cancel()
            code = "jobs.pool_shut_down" if attempt.claimed else "jobs.cancelled_queued"
            attempt.handle._finish(attempt.handle._unfinished("stopped", messages.message(code)))
        if client is not None:
            _close_quietly(client)
        self._client = None

    # ------------------------------------------------- called by handles
    def _cancel(self, handle: JobHandle) -> None:
        with self._lock:
            if handle in self._pending:
                self._pending.remove(handle)
                handle._finish(JobResult(
                    status="stopped", **messages.message("jobs.cancelled_queued").result_fields()))
                return
            attempt = next((a for a in self._attempts.values() if a.handle is handle), None)
            if attempt is None:
                return
            attempt.stop = True  # should it have started meanwhile, it stops at once
            queued = not attempt.claimed
            if not queued and attempt.stop_deadline is None:
                attempt.stop_deadline = time.monotonic() + STOP_GRACE_SECONDS
        if queued:
            # Outside the lock: cancelling waits on the client's event loop, whose
            # event handlers take the lock.
            attempt.future.cancel()
            self._finish(attempt, handle._unfinished(
                "stopped", messages.message("jobs.cancelled_queued")))
        self._wake.set()

    # ------------------------------------------------------------ internal
    def _statuses(self) -> dict[str, dict[str, Any]]:
        client = self._client
        if client is None or client.status != "running":
            return {}
        try:
            return client.run(dask_worker.worker_status, on_error="ignore")
        except Exception:
            return {}

    def _loop(self) -> None:
        while not self._closed:
            try:
                self._step()
            except Exception:  # one bad round must not leave every job hanging
                traceback.print_exc(file=sys.stderr)
                time.sleep(RECONNECT_SECONDS)
            self._wake.wait(_TICK_SECONDS)
            self._wake.clear()

    def _step(self) -> None:
        client = self._client
        if client is not None and client.status != "running":
            self._lose(client)
            client = None
        if client is None:
            client = self._connect()
            if client is None:
                self._failures += 1
                self._next_connect = time.monotonic() + RECONNECT_SECONDS
                self._wake.wait(RECONNECT_SECONDS)
                return
            self._failures = 0
        self._submit_pending(client)
        with self._lock:
            attempts = list(self._attempts.values())
        for attempt in attempts:
            if attempt.stop and not attempt.stop_sent:
                attempt.stop_sent = True
                self._set_stop(client, attempt)
            if attempt.lost:
                attempt.future.cancel()
                self._finish(attempt, attempt.handle._unfinished(
                    "failed", messages.message("jobs.worker_lost")))
            elif attempt.future.done():
                self._collect(attempt)
            elif (attempt.stop_deadline is not None and time.monotonic() >= attempt.stop_deadline
                  and attempt.handle._may_be_ended(STOP_GRACE_SECONDS)):
                self._end_worker(client, attempt)
        self._share_time(attempts)

    def _share_time(self, attempts: list[_Attempt]) -> None:
        """Stops jobs that have trained past `yield_after` while a classmate's job waits.

        A job waits for a busy worker only while every job slot of the cluster
        (`size`) holds a claimed job and no worker is being replaced: a slot that
        is free, or a worker that is starting (it imports TensorFlow first), will
        take the waiting job however long the hand-off takes on a loaded machine.
        A job counts as waiting once it has been queued for `_SETTLE_SECONDS`.
        The stopped job keeps its epochs and model and its result says it made
        way (as in `WorkerPool`).
        """
        if self.yield_after is None or time.monotonic() < self._replacement_due:
            return
        now, wall = time.monotonic(), time.time()
        claimed = [a for a in attempts if a.claimed and not a.lost and a.claimed_at is not None]
        waiting = [a.handle.owner for a in attempts if not a.claimed and not a.stop
                   and wall - a.handle.submitted >= _SETTLE_SECONDS]
        if not claimed or not waiting or len(claimed) < self._slots():
            return
        running = [admission.Running(a.handle.owner, a.handle._training_seconds(now),
                                     stopping=a.stop) for a in claimed]
        for index in admission.to_yield(running, waiting, self.yield_after):
            handle = claimed[index].handle
            handle._yielded = messages.message("jobs.yielded", minutes=self.yield_after / 60.0,
                                               variable=admission.YIELD_VARIABLE)
            self._cancel(handle)

    def _slots(self) -> int:
        """The cluster's job slots now; unknown (no scheduler) counts as unlimited."""
        client = self._client
        if client is None or client.status != "running":
            return sys.maxsize
        try:
            workers = client.scheduler_info(n_workers=-1)["workers"].values()
        except Exception:
            return sys.maxsize
        return sum(int(w.get("nthreads", 1)) for w in workers)

    def _connect(self) -> Client | None:
        """Connects, checks versions, subscribes and installs the worker plugin."""
        with self._lock:
            if self._closed:
                return None
            self._connecting = True
        client = self._open_client()
        with self._lock:
            self._connecting = False  # in the install's lock: shutdown joins, or we see _closed
            if client is not None and self._closed:  # nobody will use this client
                _close_quietly(client)
                return None
            if client is not None:
                self._client, self._problem = client, None
        if client is None:
            self._fail_pending(messages.message("jobs.cluster_unreachable", address=self.address))
        return client

    def _open_client(self) -> Client | None:
        """A client of the scheduler, subscribed and with the plugin, or `None` if unreachable."""
        try:
            client = Client(self.address, timeout=CONNECT_SECONDS, set_as_default=False)
        except Exception:
            return None
        try:
            client.subscribe_topic(self._topic, self._on_job_event)
            client.subscribe_topic("all", self._on_cluster_event)
            self._versions = self._check_versions(client)
            client.register_plugin(dask_worker.FuncnetPlugin(
                self._max_jobs, intra_op=self._intra_op))
        except Exception:
            traceback.print_exc(file=sys.stderr)
            _close_quietly(client)
            return None
        return client

    def _check_versions(self, client: Client) -> messages.Message | None:
        """Returns `jobs.versions_differ` naming the packages that differ, or `None`."""
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # we report it in the page instead
            versions = client.get_versions(check=True, packages=list(VERSION_PACKAGES))
        mine = versions["client"]["packages"]
        differ = sorted({name for worker in versions["workers"].values()
                         if isinstance(worker, dict)
                         for name, version in worker.get("packages", {}).items()
                         if name in mine and version != mine[name]})
        if not differ:
            return None
        return messages.message("jobs.versions_differ", packages=", ".join(differ))

    def _lose(self, client: Client) -> None:
        """The scheduler is gone: fails running jobs and drops the client."""
        lost = messages.message("jobs.cluster_lost")
        with self._lock:
            self._client = None
            self._problem = lost
            attempts = list(self._attempts.values())
            self._attempts.clear()
        for attempt in attempts:
            attempt.handle._finish(attempt.handle._unfinished("failed", lost))
        # Closing a client whose scheduler is gone waits for time-outs: not here.
        threading.Thread(target=_close_quietly, args=(client,), daemon=True).start()

    def _fail_pending(self, reason: messages.Message) -> None:
        with self._lock:
            if self._problem is None or self._problem.code != "jobs.cluster_lost":
                self._problem = reason
            pending = list(self._pending)
            self._pending.clear()
        for handle in pending:
            handle._finish(JobResult(status="failed", **reason.result_fields()))

    def _submit_pending(self, client: Client) -> None:
        while True:
            with self._lock:
                if not self._pending:
                    return
                handle = self._pending.popleft()
            attempt_id = uuid.uuid4().hex
            upload = None
            try:
                if handle.job.data.name == "csv":
                    upload = client.scatter(upload_bytes(handle.job.data.param("sha256")),
                                            hash=True)
            except messages.InputError as error:
                handle._finish(JobResult(status="failed", **error.message.result_fields()))
                continue
            future = client.submit(
                dask_worker.run_task, handle.kind, handle.job.to_dict(), handle.options, attempt_id,
                self._topic, upload, key=f"funcnet-job-{attempt_id}", pure=False, retries=0)
            with self._lock:
                self._attempts[attempt_id] = _Attempt(attempt_id, handle, future, upload)

    def _set_stop(self, client: Client, attempt: _Attempt) -> None:
        with contextlib.suppress(Exception):
            client.sync(client.scheduler.event_set, name=dask_worker.stop_name(attempt.id),
                        callback_timeout=_EVENT_SECONDS)

    def _end_worker(self, client: Client, attempt: _Attempt) -> None:
        """Ends the worker of a job that did not leave `fit` within `STOP_GRACE_SECONDS`.

        As in `WorkerPool`: one call into the training graph can take seconds,
        longer than Stop may; only such jobs are ended (`JobHandle._may_be_ended`).
        The job finishes as stopped with its streamed epochs; the worker's nanny
        starts a fresh process in its place.
        """
        handle = attempt.handle
        epochs_run = len(handle.history().get("loss", []))
        stopped = stop_message(epochs_run, handle.job.train.epochs)
        attempt.future.cancel()  # released first, so Dask does not run it again
        self._finish(attempt, handle._unfinished(
            "stopped", messages.message("jobs.stopped_ended", stopped=stopped)))
        if attempt.worker is not None:
            self._replacement_due = time.monotonic() + _REPLACEMENT_SECONDS
            with contextlib.suppress(Exception):
                client.run(dask_worker.end_process, workers=[attempt.worker], wait=False)
            print(f"funcnet: ended Dask worker {attempt.worker}: its job did not stop within "
                  f"{STOP_GRACE_SECONDS} s of Stop.", file=sys.stderr)

    def _collect(self, attempt: _Attempt) -> None:
        """Finishes the handle of an attempt whose future is done."""
        future, handle = attempt.future, attempt.handle
        if future.status == "finished":
            try:
                result = future.result(timeout=_EVENT_SECONDS)
            except Exception:
                traceback.print_exc(file=sys.stderr)
                result = JobResult(status="failed",
                                   **messages.message("jobs.cluster_error").result_fields())
            if result == dask_worker.RERUN:
                result = handle._unfinished("failed", messages.message("jobs.worker_lost"))
        elif future.status == "error":
            error = future.exception()
            if isinstance(error, KilledWorker):
                result = handle._unfinished("failed", messages.message("jobs.worker_lost"))
            else:
                print(f"funcnet: a job failed on the cluster: {error!r}", file=sys.stderr)
                result = handle._unfinished("failed", messages.message("jobs.cluster_error"))
        else:  # cancelled by Dask itself: the scheduler forgot it
            result = handle._unfinished("failed", messages.message("jobs.cluster_lost"))
        self._finish(attempt, result)

    def _finish(self, attempt: _Attempt, result: JobResult) -> None:
        """Finishes a handle once, forgets its attempt and clears its Events."""
        with self._lock:
            if self._attempts.pop(attempt.id, None) is None:
                return
        attempt.handle._finish(result)
        client = self._client
        if client is not None:
            for name in (dask_worker.claim_name(attempt.id), dask_worker.stop_name(attempt.id)):
                with contextlib.suppress(Exception):
                    client.sync(client.scheduler.event_clear, name=name,
                                callback_timeout=_EVENT_SECONDS)
        attempt.future.release()
        if attempt.upload is not None:
            attempt.upload.release()

    # ----------------------------------------- on the client's event loop
    def _on_job_event(self, event: tuple[float, dict[str, Any]]) -> None:
        _, message = event
        with self._lock:
            attempt = self._attempts.get(message.get("job", ""))
            if attempt is None:
                return  # an attempt already finished (or another pool's stray)
            if "claimed" in message:
                attempt.claimed = True
                attempt.claimed_at = time.monotonic()
                attempt.worker = message["claimed"]["worker"]
                attempt.handle.worker_pid = message["claimed"]["pid"]
                attempt.handle._set_running()
                if attempt.stop:
                    self._wake.set()
            elif "event" in message:
                attempt.handle._add_event(event_from_dict(from_wire(message["event"])))

    def _on_cluster_event(self, event: tuple[float, dict[str, Any]]) -> None:
        _, message = event
        action = message.get("action")
        if action == "add-worker":
            with self._lock:  # the fresh worker is free: it takes a waiting job first
                self._replacement_due = 0.0
        elif action == "remove-worker":
            # Lost, ended after Stop or recycled: its nanny starts a fresh process,
            # and until it rejoins nobody yields for want of a worker.
            with self._lock:
                self._replacement_due = time.monotonic() + _REPLACEMENT_SECONDS
                if not message.get("expected"):
                    for attempt in self._attempts.values():
                        if attempt.claimed and attempt.worker == message.get("worker"):
                            attempt.lost = True
            self._wake.set()


def _close_quietly(client: Client) -> None:
    with contextlib.suppress(Exception):
        client.close(timeout=2)


def _shutdown_at_exit(ref: weakref.ReferenceType[DaskPool]) -> None:
    pool = ref()
    if pool is not None:
        pool.shutdown()

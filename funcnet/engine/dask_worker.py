"""The worker side of the Dask backend: runs inside `dask worker` processes.

This module must stay cheap to import: the dashboard's Dask client imports
it to name `run_task` and `FuncnetPlugin`, which are pickled by reference;
only a worker imports TensorFlow (inside the plugin's setup and the task).

- `FuncnetPlugin` (a `distributed.WorkerPlugin`, registered by the client
  on every worker, present and future): sets TensorFlow's thread pools and
  runs the engine's warm-up job on the worker's task thread (Keras state is
  per thread), so the first real job is fast; a restarted worker runs it
  again. After `max_jobs` jobs (staggered per worker, so workers do not all
  restart together) the worker pauses, lets its last result be fetched and
  restarts itself with `close_gracefully(restart=True)`: bounded memory
  without a time-based `lifetime`, which would cancel and re-run long jobs.
- `run_task`: one job attempt. It claims the attempt once (a re-run of the
  same attempt, as Dask does after a worker died, ends at once), streams the
  engine's events with `log_event` on the pool's topic, and stops when the
  client sets the attempt's `distributed.Event`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import random
import threading
import time
from typing import Any

from distributed import Event, Worker, WorkerPlugin, get_worker
from distributed.core import Status

PLUGIN_NAME = "funcnet"
RERUN = "funcnet:rerun"
"""What `run_task` returns for an attempt that already ran once (its worker died)."""
STOP_POLL_SECONDS = 0.5
"""How long the stop watcher waits on the scheduler per call (a set Event returns at once)."""
RECYCLE_WAIT_SECONDS = 30.0
"""A retiring worker waits at most this long for the client to fetch its last result."""

_thread_config_done = False
_thread_config_lock = threading.Lock()


def claim_name(attempt: str) -> str:
    """Returns the name of the `distributed.Event` that marks `attempt` as started."""
    return f"funcnet-claim-{attempt}"


def stop_name(attempt: str) -> str:
    """Returns the name of the `distributed.Event` the client sets to stop `attempt`."""
    return f"funcnet-stop-{attempt}"


def _prepare(intra_op: int, inter_op: int) -> float:
    """Configures TensorFlow (once per process) and warms up on the calling thread.

    Returns:
        Seconds it took.
    """
    global _thread_config_done
    from funcnet.engine import worker as local_worker

    start = time.perf_counter()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    with _thread_config_lock:
        if not _thread_config_done:
            _thread_config_done = True
            try:
                local_worker.configure_threads(intra_op, inter_op)
            except RuntimeError:  # a job ran first and TensorFlow is set up already
                logging.getLogger(__name__).warning("TensorFlow threads were already set.")
    from funcnet.engine.keras_state import clear_keras_state

    # Every job builds a new model: tf.function's "retracing" warning is expected.
    logging.getLogger("tensorflow").setLevel(logging.ERROR)
    local_worker.warm_up()
    clear_keras_state(free_memory=False)  # not clear_session: kept models keep their kernels
    local_worker.freeze_warm_heap()
    return time.perf_counter() - start


class FuncnetPlugin(WorkerPlugin):
    """Prepares a Dask worker for funcnet jobs and recycles it after a number of jobs.

    Args:
        max_jobs: Jobs a worker runs before it restarts (bounds the memory
            Keras never returns). Each worker restarts after between
            `max_jobs - max_jobs // 4` and `max_jobs` jobs, so they do not
            all restart at once.
        intra_op: TensorFlow intra-op threads per worker process.
        inter_op: TensorFlow inter-op threads per worker process.
    """

    name = PLUGIN_NAME

    def __init__(self, max_jobs: int, intra_op: int = 1, inter_op: int = 1) -> None:
        self.max_jobs = max_jobs
        self.intra_op = intra_op
        self.inter_op = inter_op
        self.jobs = 0
        self.limit = max_jobs
        self.ready = False
        self.retiring = False
        self.warm_seconds: float | None = None
        self._worker: Worker | None = None

    async def setup(self, worker: Worker) -> None:
        """Warms the worker up on its task thread (runs again on a restarted worker)."""
        self._worker = worker
        self.jobs = 0
        self.limit = self.max_jobs - random.Random(worker.address).randint(0, self.max_jobs // 4)
        executor = worker.executors["default"]
        self.warm_seconds = await asyncio.wrap_future(
            executor.submit(_prepare, self.intra_op, self.inter_op))
        self.ready = True

    def status(self) -> dict[str, Any]:
        """Returns this worker's state for the client (`Client.run`)."""
        return {"pid": os.getpid(), "ready": self.ready, "jobs": self.jobs,
                "limit": self.limit, "warm_seconds": self.warm_seconds,
                "retiring": self.retiring}

    def job_finished(self) -> None:
        """Counts a job; after the worker's limit, starts its restart (task thread)."""
        self.jobs += 1
        if self.jobs >= self.limit and not self.retiring and self._worker is not None:
            self.retiring = True
            worker = self._worker
            # Paused before the task returns: the scheduler hears of it before the
            # thread is free, so it sends no new job to a worker about to restart.
            worker.loop.add_callback(_pause, worker)
            worker.loop.add_callback(_retire, worker)


def _pause(worker: Worker) -> None:
    # The memory monitor resumes a paused worker whose memory is low: keep it paused.
    worker.memory_manager.memory_pause_fraction = False
    if worker.status == Status.running:
        worker.status = Status.paused


async def _retire(worker: Worker) -> None:
    """Restarts `worker` once its last task has ended and its result was fetched."""
    deadline = time.monotonic() + RECYCLE_WAIT_SECONDS
    while time.monotonic() < deadline and (worker.state.executing_count or worker.data):
        await asyncio.sleep(0.1)
    await worker.close_gracefully(restart=True, reason="funcnet-recycle")


def worker_status(dask_worker: Worker) -> dict[str, Any]:
    """Returns the funcnet plugin's status on `dask_worker` (for `Client.run`)."""
    plugin = dask_worker.plugins.get(PLUGIN_NAME)
    if plugin is None:
        return {"pid": os.getpid(), "ready": False, "jobs": 0, "limit": 0,
                "warm_seconds": None, "retiring": False}
    return plugin.status()


async def end_process() -> None:
    """Ends this worker process at once; its nanny starts a fresh one.

    For `Client.run(..., wait=False)` on the worker of a job stuck in one long
    call into the training graph after Stop.
    """
    os._exit(1)


def _watch_stop(stop: Event, finished: threading.Event, flag: threading.Event) -> None:
    """Waits on the client's stop Event until the job ends; then sets `flag`."""
    while not finished.is_set():
        try:
            if stop.wait(timeout=STOP_POLL_SECONDS):
                flag.set()
                return
        except Exception:  # the scheduler is gone: nobody can stop us, nobody reads us
            flag.set()
            return


def run_task(kind: str, job_data: dict[str, Any], options: Any, attempt: str, topic: str,
             upload: bytes | None = None) -> Any:
    """Runs one job attempt on this worker (the function the client submits).

    Args:
        kind: The engine entry point (`funcnet.engine.worker.ENTRY_POINTS`).
        job_data: The job as `Job.to_dict()`.
        options: Its `RunOptions`.
        attempt: A unique id of this attempt; names its claim and stop Events.
        topic: The pool's event topic.
        upload: For a CSV data set, the file's bytes (written to this
            worker's upload folder if missing, after checking its hash).

    Returns:
        The `JobResult`, or `RERUN` if this attempt had already started on a
        worker that died (the client has failed the job already).
    """
    from funcnet.data.datasets import ensure_upload
    from funcnet.engine import worker as local_worker
    from funcnet.messages import InputError
    from funcnet.model.spec import DataSpec
    from funcnet.train.results import JobResult
    from funcnet.train.wire import to_wire

    worker = get_worker()
    claim = Event(claim_name(attempt))
    if claim.is_set():
        return RERUN
    claim.set()
    key = worker.get_current_task()
    worker.log_event(topic, {"job": attempt, "claimed": {"pid": os.getpid(),
                                                         "worker": worker.address}})

    def emit(event: dict[str, Any]) -> None:
        worker.log_event(topic, {"job": attempt, "event": to_wire(event)})

    flag = threading.Event()
    finished = threading.Event()
    watcher = threading.Thread(target=_watch_stop, args=(Event(stop_name(attempt)), finished, flag),
                               name="funcnet-stop", daemon=True)
    watcher.start()

    def should_stop() -> bool:
        # A task the client released (its future dropped) has nobody waiting for it.
        state = worker.state.tasks.get(key)
        return flag.is_set() or state is None or state.state == "cancelled"

    try:
        if job_data.get("data", {}).get("name") == "csv":
            # Validated: the hash is 64 hex digits, never a path.
            sha256 = DataSpec.from_dict(job_data["data"]).param("sha256")
            if upload is None:
                raise InputError("csv.gone")
            ensure_upload(upload, sha256)
        result = local_worker.run_task(kind, job_data, options, emit, should_stop)
    except InputError as error:
        result = JobResult(status="failed", **error.message.result_fields())
    finally:
        finished.set()
    from funcnet.engine.keras_state import clear_keras_state

    # One job at a time per worker thread: clearing Keras' state is safe here.
    clear_keras_state()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is not None:
        plugin.job_finished()
    return result

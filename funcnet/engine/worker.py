"""The main loop of a training worker process (started by `funcnet.train.pool`).

This module must stay cheap to import: the dashboard process imports it to
name `main` as the target of a `spawn`ed process, and only the worker itself
may import TensorFlow (inside `main`).

Protocol over the worker's end of a duplex `Pipe`:

- parent -> worker: `("job", serial, kind, job_dict, run_options)` or `None`
  (exit); `kind` names the entry point in `ENTRY_POINTS`.
- worker -> parent: `("ready", pid, warm_seconds)` once warmed up, then per
  job any number of `("event", serial, event_dict)` (`Started`, `Epoch`, and a
  stopped run's `Done` as soon as fitting ends, all in `to_dict` form) and one
  `("result", serial, JobResult)`; the receiver makes the `Done` from the
  result when the engine did not send one.

Cancellation does not go through the pipe (the worker is busy in `fit`): the
parent writes the serial of the job to stop into a shared integer that the
worker polls after every batch. Serials are never reused, so a late cancel
cannot stop the next job.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import signal
import sys
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any

WARM_UP_JOB: dict[str, Any] = {
    "model": {"nodes": [
        {"name": "input", "type": "input", "columns": ["x0", "x1"]},
        {"name": "hidden", "type": "dense", "inputs": ["input"], "units": 4,
         "activation": "relu"},
        {"name": "output", "type": "output", "inputs": ["hidden"], "units": 1,
         "activation": "sigmoid", "task": "binary", "target": "target",
         "loss": "binary_crossentropy"},
    ]},
    "data": {"name": "moons", "params": {"n_samples": 50}},
    "train": {"epochs": 1, "batch_size": 16, "validation_split": 0.2},
}
"""A tiny job run once at start-up: importing Keras alone leaves the first real
job paying for graph tracing, sklearn and pandas imports (about 4 s here)."""

NICENESS = 5
"""How much lower than the server's a worker's CPU priority is (`os.nice`).

The server draws every student's page in one process. With two workers
training long runs on this project's 2-core machine, a stand-in for the
server's page work took 2.1x its time alone; with the workers at nice 5,
1.2-1.7x (at nice 10, 1.1-1.3x, but a worker then gets almost nothing
beside a busy browser on the same machine). A worker still gets every cycle
the server leaves idle, so a training alone runs as fast as before."""


def lower_priority() -> None:
    """Lowers this process's CPU priority by `NICENESS` (where `os.nice` exists)."""
    if hasattr(os, "nice"):
        os.nice(NICENESS)


def configure_threads(intra_op: int, inter_op: int) -> None:
    """Sets TensorFlow's thread pools; must run before any TensorFlow op.

    Args:
        intra_op: Threads inside one op (matrix products).
        inter_op: Ops run in parallel.
    """
    import tensorflow as tf

    tf.config.threading.set_intra_op_parallelism_threads(intra_op)
    tf.config.threading.set_inter_op_parallelism_threads(inter_op)


def warm_up() -> None:
    """Runs `WARM_UP_JOB`, then one epoch of the notebook's network, before the first job.

    The first pays for first-use costs (imports, the boundary grid); the
    second leaves the notebook's network compiled and traced in the worker
    (`funcnet.engine.warm_models`), so the class's first training of it
    shows its first epoch without tracing.
    """
    from funcnet.model.presets import PRESETS
    from funcnet.model.spec import Job
    from funcnet.train.events import Epoch
    from funcnet.train.results import RunOptions

    train = entry_point("train")
    train(Job.from_dict(WARM_UP_JOB), lambda event: None, lambda: False,
          RunOptions(boundary_grid=4, keep_model=False))
    epochs: list[object] = []
    train(PRESETS["seed"].job, lambda event: epochs.append(event) if isinstance(
        event, Epoch) else None, lambda: bool(epochs), RunOptions(keep_model=False))


def freeze_warm_heap() -> None:
    """Collects the warm-up's garbage, then freezes every object left (`gc.freeze`).

    A warmed worker holds about 400,000 objects (TensorFlow, Keras, pandas,
    the kept model) that live as long as it does. Python's full collection
    after every job walked all of them: ≈0.29 s on this project's 2-core
    machine, in which a job submitted right after the previous one waited.
    Frozen, they are skipped, and the collection takes ≈3 ms; what a job
    leaves behind is still collected.
    """
    gc.collect()
    gc.freeze()


def entry_point(kind: str) -> Callable[..., Any]:
    """Imports and returns the engine function that runs jobs of `kind`.

    Args:
        kind: A key of `ENTRY_POINTS`.

    Returns:
        The function (`run_job(job, on_event, should_stop, options)` and alike).

    Raises:
        KeyError: If `kind` is not a job kind.
    """
    module_name, function_name = ENTRY_POINTS[kind]
    return getattr(importlib.import_module(module_name), function_name)


def run_task(kind: str, job_data: dict[str, Any], options: Any,
             emit: Callable[[dict[str, Any]], None], should_stop: Callable[[], bool]) -> Any:
    """Runs one job of any kind; what every backend's worker calls (never raises for a bad job).

    Args:
        kind: The entry point, a key of `ENTRY_POINTS` (`"train"`, `"sweep"`).
        job_data: The job in `Job.to_dict` form.
        options: The `RunOptions`.
        emit: Receives each event in `to_dict` form (`Started`, `Epoch`, and a
            stopped run's early `Done`).
        should_stop: Polled after every call into the training graph.

    Returns:
        The `JobResult` (status `"failed"` for an unknown kind or a bad job).
    """
    from funcnet.engine.outcome import failure_message
    from funcnet.messages import message
    from funcnet.model.spec import Job
    from funcnet.train.results import JobResult

    def forward(event: Any) -> None:
        emit(event.to_dict())

    if kind not in ENTRY_POINTS:
        return JobResult(status="failed", **message(
            "raw", text=f"Job: field 'kind' must be one of {sorted(ENTRY_POINTS)}, "
                        f"received {kind!r}.").result_fields())
    try:
        job = Job.from_dict(job_data)
    except ValueError as error:
        return JobResult(status="failed", **failure_message(error).result_fields())
    return entry_point(kind)(job, forward, should_stop, options)


ENTRY_POINTS: dict[str, tuple[str, str]] = {
    "train": ("funcnet.engine.training", "run_job"),
    "sweep": ("funcnet.engine.sweep", "run_sweep"),
}
"""Job kind (`funcnet.train.handles.JOB_KINDS`) -> (module, function) of its engine
entry point; imported by name, and only in a worker, so that importing this module
stays free of TensorFlow."""


def _run_one(conn: Connection, cancel: Any, parent: int, message: tuple[Any, ...]) -> None:
    _, serial, kind, job_data, options = message
    orphaned = False

    def emit(event: dict[str, Any]) -> None:
        nonlocal orphaned
        try:
            conn.send(("event", serial, event))
        except OSError:  # the pool's end is closed: nobody is listening any more
            orphaned = True

    def should_stop() -> bool:
        # A changed parent pid means the dashboard died: stop rather than run orphaned.
        return orphaned or cancel.value == serial or os.getppid() != parent

    conn.send(("result", serial, run_task(kind, job_data, options, emit, should_stop)))


def main(conn: Connection, cancel: Any, intra_op: int, inter_op: int, max_jobs: int) -> None:
    """Runs jobs received on `conn` until told to exit or `max_jobs` are done.

    Args:
        conn: The worker's end of a duplex pipe to the pool.
        cancel: A shared integer (`multiprocessing.RawValue("q")`) holding the
            serial of the job to stop.
        intra_op: TensorFlow intra-op threads.
        inter_op: TensorFlow inter-op threads.
        max_jobs: Jobs to run before exiting, so memory Keras never returns
            stays bounded; the pool starts a fresh worker in its place.
    """
    # Ctrl-C in the server's terminal reaches the whole process group; the pool
    # shuts workers down itself, so a worker should not die mid-job with a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    parent = os.getppid()
    start = time.perf_counter()
    lower_priority()  # before TensorFlow starts its threads, which inherit it
    try:
        configure_threads(intra_op, inter_op)
        from funcnet.engine.keras_state import clear_keras_state

        # Every job builds a new model, so tf.function's "retracing" warning is
        # expected here and would only fill the server log.
        logging.getLogger("tensorflow").setLevel(logging.ERROR)

        warm_up()
        clear_keras_state(free_memory=False)  # not clear_session: kept models keep their kernels
        freeze_warm_heap()
        conn.send(("ready", os.getpid(), time.perf_counter() - start))
        for done in range(1, max_jobs + 1):
            message = conn.recv()
            if message is None:
                break
            _run_one(conn, cancel, parent, message)
            if done < max_jobs:  # after the last job the process exits at once
                # One job at a time per process, so clearing Keras' global state is
                # safe here; collecting takes milliseconds once the warm heap is frozen.
                clear_keras_state()
    except (EOFError, BrokenPipeError, ConnectionResetError):
        pass  # the pool is gone; nothing is waiting for this worker
    except Exception:
        traceback.print_exc(file=sys.stderr)
        _exit(1)
    _exit(0)


def _exit(code: int) -> None:
    """Ends the process at once, skipping the interpreter's teardown.

    TensorFlow's teardown takes about 1 s and a worker has nothing left to save.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)

"""One training worker process as the pool sees it, and how it is started.

`spawn_worker` starts `funcnet.engine.worker.main` (or a test's stand-in) in
a fresh `spawn`ed process with a duplex pipe and a shared cancel slot, and
returns the `WorkerProcess` record the pool keeps: its job, whether it is
ready, how many jobs it started. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import contextlib
import multiprocessing.spawn as mp_spawn
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.context import SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from funcnet.train.job_handle import JobHandle


@dataclass(eq=False)
class WorkerProcess:
    """A worker process and what the pool knows of it.

    Args:
        process: The process.
        conn: The pool's end of the duplex pipe.
        cancel: A shared integer (`RawValue("q")`): the serial of the job to stop.
        job: The job it runs (`None` when idle).
        ready: Whether it has warmed up.
        jobs_started: Jobs given to it so far.
        pid: Its process id, as it reported when ready.
        warm_seconds: How long its warm-up took.
        ending: Whether the pool ends it on purpose (a Stop it could not wait for).
        started: `time.perf_counter()` when it was started.
    """

    process: BaseProcess
    conn: Connection
    cancel: Any
    job: JobHandle | None = None
    ready: bool = False
    jobs_started: int = 0
    pid: int | None = None
    warm_seconds: float | None = None
    ending: bool = False
    started: float = field(default_factory=time.perf_counter)

    def alive(self) -> bool:
        """Returns whether the process runs, without reaping it.

        `Process.is_alive()` calls waitpid; from a second thread that could
        take the exit code away from the collector thread.
        """
        return self.process.pid is not None and not wait([self.process.sentinel], 0)


_SPAWN_LOCK = threading.Lock()


@contextlib.contextmanager
def without_main_module() -> Iterator[None]:
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


def spawn_worker(context: SpawnContext, target: Callable[..., None], threads: int,
                 max_jobs: int) -> WorkerProcess:
    """Starts one worker process.

    Args:
        context: The `spawn` multiprocessing context.
        target: The process's function, called as `target(conn, cancel,
            intra_op, inter_op, max_jobs)` (`funcnet.engine.worker.main`).
        threads: TensorFlow intra-op threads (inter-op: 1).
        max_jobs: Jobs it runs before it exits.

    Returns:
        Its `WorkerProcess` (not ready yet: it says `"ready"` on its pipe).

    Raises:
        OSError: If the system cannot start a process now (no memory, no
            process ids or descriptors left); nothing is left open.
    """
    parent_end, child_end = context.Pipe(duplex=True)
    try:
        cancel = context.RawValue("q", 0)
        process = context.Process(target=target, args=(child_end, cancel, threads, 1, max_jobs),
                                  name="funcnet-worker", daemon=True)
        with without_main_module():
            process.start()
    except BaseException:
        parent_end.close()  # no descriptors left behind by a start that failed
        raise
    finally:
        child_end.close()
    return WorkerProcess(process, parent_end, cancel)

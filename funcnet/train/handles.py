"""What every training backend promises the pages: the `Handle` and `Pool` protocols.

A page submits a `Job` to a `Pool` and holds the `Handle` it gets back. Our
own process pool (`funcnet.train.pool.WorkerPool`) and the Dask backend
(`funcnet.train.dask_pool.DaskPool`), their `funcnet.train.job_handle.JobHandle`
and the activation sweep's views (`funcnet.train.sweeps.SweepHandle` and
`BranchHandle`) all implement these, so pages never ask which one they hold.

Job kinds: `submit(..., kind=...)` chooses the engine entry point the worker
runs (`funcnet.engine.worker.ENTRY_POINTS`): `"train"` (one network,
`funcnet.engine.training.run_job`) or `"sweep"` (one network per activation
of `RunOptions.sweep`, in one model: `funcnet.engine.sweep.run_sweep`);
`check_kind` refuses a kind and options that do not go together.

Nothing here imports Keras.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

from funcnet.model.spec import Job
from funcnet.train.progress import Progress
from funcnet.train.results import JobResult, RunOptions

JobKind = Literal["train", "sweep"]
"""Which engine entry point runs a job."""
JOB_KINDS: tuple[str, ...] = ("train", "sweep")
POOL_CLOSED = "The training pool has been shut down."
"""What `submit` says (as a `RuntimeError`) once the pool has been shut down."""


def check_count(field: str, value: object) -> int:
    """Returns `value` if it is a whole number of at least 1 (a pool's size or job cap).

    Args:
        field: The setting's name, for the message.
        value: The value given.

    Returns:
        The value.

    Raises:
        ValueError: If it is not an `int` >= 1 (a `bool` is not a count).
    """
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"Pool: field {field!r} must be an integer >= 1, received {value!r}.")
    return value


def check_kind(kind: str, options: RunOptions) -> None:
    """Checks that `kind` is a job kind and that `options` suit it, before a job is queued.

    Args:
        kind: The job kind asked for.
        options: The run options: a `"sweep"` job names its activations in
            `options.sweep`; a `"train"` job names none (one network).

    Raises:
        ValueError: If `kind` is not in `JOB_KINDS`, or the options do not suit it.
    """
    if kind not in JOB_KINDS:
        raise ValueError(f"Pool: field 'kind' must be one of {list(JOB_KINDS)}, "
                         f"received {kind!r}.")
    if (kind == "sweep") != bool(options.sweep):
        raise ValueError(f"Pool: field 'sweep' of a {kind!r} job must be "
                         f"{'a non-empty tuple of activations' if kind == 'sweep' else 'empty'}, "
                         f"received {options.sweep!r}.")


@dataclass(frozen=True)
class Availability:
    """Whether the pool can train right now, for the page to say so.

    Args:
        ready: Whether jobs can start now or soon (workers warming or ready).
        retry_in: While not ready: seconds until the pool tries to start
            workers again (`0.0` when ready).
        failures: Start failures in a row so far.
    """

    ready: bool
    retry_in: float = 0.0
    failures: int = 0


@runtime_checkable
class Handle(Protocol):
    """One submitted training, as the pages see it (every method is thread-safe).

    Attributes:
        id: Unique id (hex string).
        job: The job it trains.
    """

    id: str
    job: Job

    def status(self) -> str:
        """Returns `"queued"`, `"running"`, `"completed"`, `"stopped"` or `"failed"`."""
        ...

    def done(self) -> bool:
        """Returns whether the job has finished (in any way)."""
        ...

    def wait(self, timeout: float | None = None) -> bool:
        """Blocks until done or `timeout` seconds pass; returns whether it is done."""
        ...

    def result(self, timeout: float | None = None) -> JobResult:
        """Blocks until done and returns the result.

        Raises:
            TimeoutError: If the job is not done within `timeout`.
        """
        ...

    def cancel(self) -> None:
        """Stops the job: a queued job never starts, a running one ends within a batch."""
        ...

    def progress(self) -> Progress:
        """Returns the run's state as of its latest event (O(history) at most, no replay)."""
        ...

    def events(self, start: int = 0) -> list[dict[str, Any]]:
        """Returns the events so far as dicts (`to_dict` form), oldest first."""
        ...


@runtime_checkable
class Pool(Protocol):
    """A place that runs jobs: a set of workers, a queue, and handles."""

    @property
    def size(self) -> int:
        """The number of workers the pool keeps running."""
        ...

    def submit(self, job: Job, options: RunOptions | None = None, *,
               kind: JobKind = "train", **extra: Any) -> Handle:
        """Queues `job`; returns its handle (status `"queued"`).

        Args:
            job: The job.
            options: Run options (default `RunOptions()`).
            kind: The engine entry point (`JOB_KINDS`).
            **extra: Keywords a backend or a policy layer adds (e.g. an owner
                or a priority); a pool ignores those it does not know.

        Raises:
            RuntimeError: If the pool has been shut down.
            ValueError: If `kind` and `options` do not go together (`check_kind`).
        """
        ...

    def warm(self, timeout: float | None = None) -> bool:
        """Blocks until the workers that take the next jobs are ready; returns whether they are."""
        ...

    def shutdown(self) -> None:
        """Stops every worker and finishes unfinished jobs as stopped (idempotent)."""
        ...

    def alive_workers(self) -> int:
        """Returns how many workers are alive (warming up, ready, or finishing their last job)."""
        ...

    def ready_workers(self) -> int:
        """Returns how many live workers are ready (those on their last job included)."""
        ...

    def queued(self) -> int:
        """Returns how many jobs wait for a worker."""
        ...

    def availability(self) -> Availability:
        """Returns whether training is possible now (see `Availability`)."""
        ...

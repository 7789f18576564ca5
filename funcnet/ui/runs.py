"""Trainings a session started: submitting them, and keeping what they left.

A running job's handle and the last finished result live under durable
session keys (`funcnet.ui.state`), so a rerun, a widget change or a visit
to another page never loses them. `collect` moves finished jobs' results
into those keys; every page calls it before drawing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from funcnet.data.catalog import DATASETS
from funcnet.model.spec import Job
from funcnet.train.pool import JobHandle
from funcnet.train.results import JobResult, RunOptions
from funcnet.train.sweeps import BranchHandle, submit_sweep
from funcnet.ui import gate, run_history, session_jobs, state
from funcnet.ui.pool import get_pool

BOUNDARY_GRID = 40
"""Points per axis of the live decision-boundary grid on 2-D data sets."""


@dataclass(frozen=True, eq=False)
class FinishedRun:
    """A training that has ended, with what it left behind.

    Args:
        job_id: The job handle's id.
        job: The setup it trained.
        result: Its result (completed, stopped or failed).
        finished_at: `time.time()` when the page collected it.
    """

    job_id: str
    job: Job
    result: JobResult
    finished_at: float


@dataclass(eq=False)
class Comparison:
    """One training per activation of the same network, data, split and seed.

    Args:
        base: The setup compared (its hidden activations are replaced per run).
        handles: Job handle per activation name, in the order chosen.
        results: Results of the runs that have finished, by activation name.
        started_at: `time.time()` when the comparison was submitted.
    """

    base: Job
    handles: dict[str, BranchHandle]
    results: dict[str, JobResult] = field(default_factory=dict)
    started_at: float = 0.0

    @property
    def done(self) -> bool:
        """Whether every run has finished and been collected."""
        return len(self.results) == len(self.handles)


def boundary_options(job: Job) -> RunOptions:
    """Returns the run options of a Build & Train training of `job`.

    Args:
        job: The setup.

    Returns:
        `RunOptions` asking for a live decision-boundary grid on 2-D data sets
        whose first head is a classifier.
    """
    two_d = DATASETS[job.data.name].kind == "2d" and job.model.outputs[0].task != "regression"
    return RunOptions(boundary_grid=BOUNDARY_GRID if two_d else 0)


def start_training(job: Job) -> JobHandle:
    """Submits `job` to the worker pool and remembers its handle in the session.

    Args:
        job: The setup to train.

    Returns:
        The job's handle.

    Raises:
        InputError: Over a work cap or refused by the fairness rules
            (`funcnet.ui.gate`); nothing was queued.
    """
    handle = gate.submit([job], lambda owner: get_pool().submit(job, boundary_options(job), owner),
                         lambda h: (h,))
    state.put(state.JOB, handle)
    session_jobs.watch(handle)  # cancelled if the tab is closed mid-training
    return handle


def running_handle() -> JobHandle | None:
    """Returns the session's training handle while it has not finished, else `None`."""
    handle = state.get(state.JOB)
    return handle if handle is not None and not handle.done() else None


def collect() -> bool:
    """Stores the results of the session's finished jobs under the durable keys.

    Returns:
        Whether anything new was stored (the page should then redraw).
    """
    session_jobs.current()  # a session that reconnected keeps its jobs
    changed = False
    handle: JobHandle | None = state.get(state.JOB)
    last: FinishedRun | None = state.get(state.LAST_RUN)
    if handle is not None and handle.done() and (last is None or last.job_id != handle.id):
        run = FinishedRun(handle.id, handle.job, handle.result(), time.time())
        state.put(state.LAST_RUN, run)
        run_history.record(run)  # kept as a run on the session's board (Compare page)
        if run.result.ok:
            state.put(state.EVAL_RUN, run)
        changed = True
    comparison: Comparison | None = state.get(state.COMPARISON)
    if comparison is not None:
        for name, run_handle in comparison.handles.items():
            if name not in comparison.results and run_handle.done():
                comparison.results[name] = run_handle.result()
                changed = True
    return changed


def start_comparison(base: Job, activations: tuple[str, ...]) -> Comparison:
    """Submits one training per activation and remembers them in the session.

    Every run trains `base` with all hidden dense nodes switched to one
    activation: same data, same split, same seed, hence the same initial
    weights. The variants train as branches of one model per worker
    (`funcnet.train.sweeps`), all at once.

    Args:
        base: The current setup.
        activations: Registry names to try, in display order.

    Returns:
        The new `Comparison`.

    Raises:
        ValueError: If an activation is unknown, the setup is over a work cap
            or the fairness rules refuse it (nothing was queued).
    """
    # Build every variant first: an invalid one then submits nothing.
    for name in activations:
        base.model.with_hidden_activation(name)
    sweep = gate.submit([base], lambda owner: submit_sweep(get_pool(), base, activations,
                                                           owner=owner),
                        lambda s: s.parts, variants=len(set(activations)))
    session_jobs.watch(sweep)
    handles = {name: sweep.branch(name) for name in activations}
    comparison = Comparison(base, handles, started_at=time.time())
    state.put(state.COMPARISON, comparison)
    return comparison


def running_comparison() -> Comparison | None:
    """Returns the session's comparison while some run is still going, else `None`."""
    comparison: Comparison | None = state.get(state.COMPARISON)
    if comparison is None or all(h.done() for h in comparison.handles.values()):
        return None
    return comparison

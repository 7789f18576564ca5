"""Trainings a session started: submitting them, and keeping what they left.

Every page that trains keeps a `RunGroup` (named handles and their results)
under a durable session key (`funcnet.ui.state`), so a rerun, a widget
change or a visit to another page never loses it. `collect` takes finished
runs in and calls each group's `on_finish` hooks once per run (show it,
record it on the board, judge the class challenge); every page calls it
before drawing, and drawing never records or judges.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from funcnet.data.catalog import DATASETS
from funcnet.model.spec import Job
from funcnet.train.handles import Handle
from funcnet.train.progress import Progress
from funcnet.train.results import JobResult, RunOptions
from funcnet.train.sweeps import submit_sweep
from funcnet.ui import classroom, gate, run_history, session_jobs, state
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


FinishHook = Callable[["RunGroup", str, FinishedRun], None]
"""Called once per run of a group when it finishes: `(group, name, run)`."""


@dataclass(eq=False)
class RunGroup:
    """Named trainings started together, and what they left: one lifecycle for every page.

    Build & Train (one run), the activation comparison (one run per
    activation) and lesson 2 (noise and signal) each keep one group in the
    session. `collect` moves finished runs' results in and calls the
    group's `on_finish` hooks once per run (recording on the board, judging
    the class challenge), so nothing is recorded or judged while a page draws.

    Args:
        base: The setup the group trains (a comparison's hidden activations are
            replaced per run).
        handles: Handle per run name, in display order.
        results: Results of the runs collected so far, by name.
        finished: The collected runs as `FinishedRun`s, by name.
        on_finish: Hooks called once per finished run, in order.
        stop_requested: Whether Stop was pressed for the group.
        started_at: `time.time()` at submission.
    """

    base: Job
    handles: dict[str, Handle]
    results: dict[str, JobResult] = field(default_factory=dict)
    finished: dict[str, FinishedRun] = field(default_factory=dict)
    on_finish: tuple[FinishHook, ...] = ()
    stop_requested: bool = False
    started_at: float = 0.0

    @property
    def jobs(self) -> dict[str, Job]:
        """The setup each run trains, by name."""
        return {name: handle.job for name, handle in self.handles.items()}

    @property
    def running(self) -> bool:
        """Whether some run has not finished yet."""
        return any(not handle.done() for handle in self.handles.values())

    @property
    def done(self) -> bool:
        """Whether every run has finished and been collected."""
        return len(self.results) == len(self.handles)

    def progress(self) -> dict[str, Progress]:
        """Returns each run's progress, by name (read from its handle, no replay)."""
        return {name: handle.progress() for name, handle in self.handles.items()}

    def stop(self) -> None:
        """Stops every run of the group (finished epochs are kept)."""
        self.stop_requested = True
        for handle in self.handles.values():
            handle.cancel()

    def collect(self) -> bool:
        """Takes in the runs that finished since the last call and runs the hooks for each.

        Returns:
            Whether a run was collected (the page should then redraw).
        """
        changed = False
        for name, handle in self.handles.items():
            if name in self.results or not handle.done():
                continue
            run = FinishedRun(handle.id, handle.job, handle.result(), time.time())
            self.results[name] = run.result
            self.finished[name] = run
            changed = True
            for hook in self.on_finish:
                hook(self, name, run)
        return changed


def record_run(group: RunGroup, name: str, run: FinishedRun) -> None:
    """`on_finish` hook: keeps the run on the session's board (Compare runs)."""
    run_history.record(run)


def remember_last_run(group: RunGroup, name: str, run: FinishedRun) -> None:
    """`on_finish` hook of Build & Train: the run the page and Evaluate show."""
    state.put(state.LAST_RUN, run)
    if run.result.ok:
        state.put(state.EVAL_RUN, run)


def judge_run(group: RunGroup, name: str, run: FinishedRun) -> None:
    """`on_finish` hook: judges the run against a class link's challenge, once."""
    classroom.judge_run(run)


def start_group(key: str, base: Job, handles: dict[str, Handle],
                on_finish: tuple[FinishHook, ...] = ()) -> RunGroup:
    """Remembers freshly submitted handles as the session's group under `key`.

    Args:
        key: The durable session key (`funcnet.ui.state`).
        base: The setup the group trains.
        handles: Submitted handles by run name.
        on_finish: Hooks for each run when it finishes.

    Returns:
        The new `RunGroup`.
    """
    for handle in handles.values():
        session_jobs.watch(handle)  # cancelled if the tab is closed mid-training
    group = RunGroup(base, dict(handles), on_finish=on_finish, started_at=time.time())
    state.put(key, group)
    return group


def boundary_options(job: Job) -> RunOptions:
    """Returns the run options of a Build & Train training of `job`.

    Args:
        job: The setup.

    Returns:
        `RunOptions` asking for a live decision-boundary grid on 2-D data sets
        whose first head is a classifier, for the look inside the network and
        for its earlier epochs (Evaluate's replay).
    """
    two_d = DATASETS[job.data.name].kind == "2d" and job.model.outputs[0].task != "regression"
    return RunOptions(boundary_grid=BOUNDARY_GRID if two_d else 0, inside=True, replay=True)


TRAINING_HOOKS: tuple[FinishHook, ...] = (remember_last_run, record_run, judge_run)
"""What happens once when a Build & Train run finishes: shown, recorded, judged."""


def start_training(job: Job) -> Handle:
    """Submits `job` to the worker pool and remembers it as the session's training.

    Args:
        job: The setup to train.

    Returns:
        The job's handle.

    Raises:
        InputError: Over a work cap or refused by the fairness rules
            (`funcnet.ui.gate`); nothing was queued.
    """
    handle = gate.submit([job], lambda owner: get_pool().submit(
        job, boundary_options(job), owner=owner),
                         lambda h: (h,))
    state.put(state.JOB, handle)
    start_group(state.TRAINING, job, {TRAINING_RUN: handle}, TRAINING_HOOKS)
    return handle


TRAINING_RUN = "run"
"""The name of Build & Train's one run in its group."""


def running_handle() -> Handle | None:
    """Returns the session's training handle while it has not finished, else `None`."""
    handle = state.get(state.JOB)
    return handle if handle is not None and not handle.done() else None


GROUP_KEYS = ("TRAINING", "COMPARISON", "LESSON_NOISE", "REPEAT")
"""The session keys (names in `funcnet.ui.state`) that hold a `RunGroup`."""


def collect() -> bool:
    """Collects every group of the session: finished runs' results and their hooks, once.

    Returns:
        Whether anything new was collected (the page should then redraw).
    """
    session_jobs.current()  # a session that reconnected keeps its jobs
    changed = False
    for name in GROUP_KEYS:
        group: RunGroup | None = state.get(getattr(state, name))
        if group is not None and group.collect():
            changed = True
    return changed


def start_comparison(base: Job, activations: tuple[str, ...]) -> RunGroup:
    """Submits one training per activation and remembers them in the session.

    Every run trains `base` with all hidden dense nodes switched to one
    activation: same data, same split, same seed, hence the same initial
    weights. The variants train as branches of one model per worker
    (`funcnet.train.sweeps`), all at once.

    Args:
        base: The current setup.
        activations: Registry names to try, in display order.

    Returns:
        The new group (one run per activation).

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
    return start_group(state.COMPARISON, base, handles)


def running_comparison() -> RunGroup | None:
    """Returns the session's comparison while some run is still going, else `None`."""
    comparison: RunGroup | None = state.get(state.COMPARISON)
    if comparison is None or not comparison.running:
        return None
    return comparison

"""A repeat of one setup over several seeds, run as one group of the session.

`start_repeat` turns the current setup into `k` trainings
(`funcnet.runs.repeats.repeat_jobs`) and keeps them as a `RepeatGroup`
under `state.REPEAT`; every run it finishes is stored on the board with the
repeat's id, so Compare runs can gather the seeds again.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from funcnet.messages import InputError
from funcnet.model.spec import Job
from funcnet.runs.repeats import new_repeat_id, repeat_jobs
from funcnet.train.handles import Handle
from funcnet.train.results import RunOptions
from funcnet.ui import gate, run_history, session_jobs, state
from funcnet.ui.pool import get_pool
from funcnet.ui.runs import FinishedRun, RunGroup

REPEAT_OPTIONS = RunOptions(boundary_grid=0, keep_model=False, diagnostics=False)
"""What a seed's run sends back: curves and test predictions, no model and no diagnostics."""


def seed_name(index: int) -> str:
    """Returns the run name of the repeat's seed number `index` (0-based) in its group."""
    return f"seed.{index}"


@dataclass(eq=False)
class RepeatGroup(RunGroup):
    """The `k` seeds of one setup, queued one after another through the fairness rules.

    A repeat never bypasses the per-browser limits of
    `funcnet.train.admission` (one training running and one waiting): it
    holds at most one of them at a time. Only the first seed is submitted
    when the repeat starts; each later one waits in `pending` and is
    submitted through `funcnet.ui.gate.submit` (work caps and admission,
    as for a click on Train) by `collect` once the seed before it has
    finished. If admission refuses it then (this browser's other slot and
    the class queue are busy), it stays pending and `collect` asks again
    on the next rerun or poll. So a repeat of ten seeds never keeps a
    classmate waiting longer than a single training would, and the
    browser's other slot stays free for Build & Train.

    `collect` runs on the script's thread (the gate reads the session), on
    every page's rerun and, while the repeat runs, every second from the
    Compare page's live fragment: with the tab on another page that is not
    rerunning, the next seed waits until a page of the session runs again.

    Args:
        repeat_id: The id every run of the repeat is stored with.
        pending: Seeds not yet submitted: `(run name, job)` in order.
        refused: Why the next seed was last refused (`None`: it was not), for the page.
        (The other fields are `RunGroup`'s.)
    """

    repeat_id: str = ""
    pending: list[tuple[str, Job]] = field(default_factory=list)
    refused: InputError | None = None

    @property
    def size(self) -> int:
        """How many seeds the repeat trains."""
        return len(self.handles) + len(self.pending)

    @property
    def running(self) -> bool:
        """Whether a seed is still training, waiting, or not yet submitted."""
        return bool(self.pending) or super().running

    @property
    def done(self) -> bool:
        """Whether every seed has finished and been collected."""
        return not self.pending and super().done

    def stop(self) -> None:
        """Stops the repeat: the seeds not yet submitted are dropped, the running one stopped."""
        self.pending.clear()
        super().stop()

    def collect(self) -> bool:
        """Collects finished seeds, then submits the next one if none is unfinished.

        Returns:
            Whether a seed was collected or submitted (the page should redraw).
        """
        changed = super().collect()
        if self.pending and not self.stop_requested and not super().running:
            changed = self.submit_next() or changed
        return changed

    def submit_next(self) -> bool:
        """Submits the next pending seed through the gate; a refusal leaves it pending.

        Returns:
            Whether it was submitted.
        """
        name, job = self.pending[0]
        try:
            handle = _submit(job)
        except InputError as error:
            self.refused = error
            return False
        self.pending.pop(0)
        self.refused = None
        self.handles[name] = handle
        return True


def _submit(job: Job) -> Handle:
    handle = gate.submit([job], lambda owner: get_pool().submit(job, REPEAT_OPTIONS, owner=owner),
                         lambda h: (h,))
    session_jobs.watch(handle)  # cancelled if the tab is closed mid-training
    return handle


def record_seed(group: RunGroup, name: str, run: FinishedRun) -> None:
    """`on_finish` hook: keeps a seed's run on the board with its repeat's id."""
    run_history.record(run, repeat_group=getattr(group, "repeat_id", ""))


def start_repeat(job: Job, k: int) -> RepeatGroup:
    """Starts a repeat of `job` over `k` training seeds: submits the first, queues the rest.

    Args:
        job: The setup; its training seed is the first seed.
        k: How many seeds (`funcnet.model.limits.REPEAT_SEEDS`).

    Returns:
        The new group, kept under `state.REPEAT`.

    Raises:
        InputError: `k` out of bounds, the setup over a work cap, or the
            fairness rules refuse the first seed now: nothing was queued.
    """
    jobs = repeat_jobs(job, k)
    first = _submit(jobs[0])  # every seed costs the same: the first one's caps hold for all
    group = RepeatGroup(job, {seed_name(0): first}, on_finish=(record_seed,),
                        started_at=time.time(), repeat_id=new_repeat_id(),
                        pending=[(seed_name(i), j) for i, j in enumerate(jobs) if i])
    state.put(state.REPEAT, group)
    return group


def current_repeat() -> RepeatGroup | None:
    """Returns the session's latest repeat (running or finished), or `None`."""
    group = state.get(state.REPEAT)
    return group if isinstance(group, RepeatGroup) else None

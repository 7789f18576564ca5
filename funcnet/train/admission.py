"""Who may queue a training now: the fairness rules of one shared server.

A class shares one server, so every click on Train (or Compare, or the
lesson's race) asks `admit` first, with a snapshot of the trainings not yet
finished. The rules, in order:

1. **Per browser** (every tab of it, and each session): at most one training
   running and one waiting. A further click is answered at once with
   "you already have a training running and one waiting".
2. **Per class board** and **per server**: at most `board_queue` /
   `server_queue` trainings waiting. Past that: "the class queue is full,
   try again in a moment".

Together with the pool's dispatch order (`dispatch_order`: a waiting job of
an owner with nothing running goes before a second job of an owner who
already runs one) and the work cap on every training
(`funcnet.model.cost`), a classmate's wait is bounded: nobody is ever
overtaken by a second job of the same student, and every job ahead of them
is capped in size.

3. **Time sharing** (`to_yield`, applied by the pools): a training that has
   run longer than `FUNCNET_YIELD_MINUTES` (default 5) while a classmate
   with nothing running waits for a busy worker is stopped, as if its owner
   had pressed Stop: its epochs and model are kept, it is tested, and its
   message says it made way. The freed worker goes to the classmate. So no
   job, however long its owner made it, holds a worker from a waiting
   classmate for more than that time.

The queue bounds come from `FUNCNET_MAX_QUEUE` (per server, default 24) and
`FUNCNET_MAX_BOARD_QUEUE` (per class board, default 12). Pure: no
Streamlit, no Keras, no clock.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from funcnet.messages import InputError

SERVER_QUEUE_VARIABLE = "FUNCNET_MAX_QUEUE"
BOARD_QUEUE_VARIABLE = "FUNCNET_MAX_BOARD_QUEUE"
DEFAULT_SERVER_QUEUE = 24
DEFAULT_BOARD_QUEUE = 12
YIELD_VARIABLE = "FUNCNET_YIELD_MINUTES"
DEFAULT_YIELD_MINUTES = 5.0
_MAX_SETTING_CHARS = 30


@dataclass(frozen=True)
class Owner:
    """Who asks for a training.

    Args:
        session: The browser session (one tab).
        browser: The browser (its cookie id; every tab shares it). Empty
            when unknown: the session then stands for the browser.
        board: The class board a teacher link put the session on (`""`: none).
    """

    session: str
    browser: str = ""
    board: str = ""

    @property
    def key(self) -> str:
        """The identity the per-browser rule counts by."""
        return f"browser:{self.browser}" if self.browser else f"session:{self.session}"


@dataclass(frozen=True)
class Training:
    """One training that has not finished, as admission sees it.

    Args:
        owner: Who started it.
        running: Whether a worker has it (else it waits in the queue).
    """

    owner: Owner
    running: bool


@dataclass(frozen=True)
class Rules:
    """The bounds `admit` enforces.

    Args:
        running_per_owner: Trainings one browser may have running.
        waiting_per_owner: Trainings one browser may have waiting.
        board_queue: Trainings one class board may have waiting.
        server_queue: Trainings the whole server may have waiting.
    """

    running_per_owner: int = 1
    waiting_per_owner: int = 1
    board_queue: int = DEFAULT_BOARD_QUEUE
    server_queue: int = DEFAULT_SERVER_QUEUE

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Rules:
        """Returns the rules with queue bounds from the environment.

        Raises:
            InputError: `limits.bad_setting` if a variable is not a positive integer.
        """
        environ = os.environ if environ is None else environ
        return cls(board_queue=_read(environ, BOARD_QUEUE_VARIABLE, DEFAULT_BOARD_QUEUE),
                   server_queue=_read(environ, SERVER_QUEUE_VARIABLE, DEFAULT_SERVER_QUEUE))


def _read(environ: Mapping[str, str], name: str, default: int) -> int:
    text = environ.get(name, "").strip()
    if not text:
        return default
    if not (text.isdigit() and len(text) <= 9 and int(text) >= 1):
        raise InputError("limits.bad_setting", variable=name, value=text[:30])
    return int(text)


def admit(owner: Owner, active: Iterable[Training], rules: Rules | None = None) -> None:
    """Refuses a new training that the fairness rules do not allow now.

    Args:
        owner: Who asks.
        active: Every training on the server that has not finished.
        rules: The bounds (default `Rules()`).

    Raises:
        InputError: `admission.own_busy` when this browser already has its
            running and waiting trainings, `admission.queue_full` when the
            class board's or the server's queue is full.
    """
    rules = rules or Rules()
    trainings = list(active)
    mine = [t for t in trainings if t.owner.key == owner.key]
    running = sum(1 for t in mine if t.running)
    waiting = len(mine) - running
    if len(mine) >= rules.running_per_owner + rules.waiting_per_owner:
        raise InputError("admission.own_busy", running=running, waiting=waiting)
    queued = [t for t in trainings if not t.running]
    on_board = [t for t in queued if owner.board and t.owner.board == owner.board]
    if len(on_board) >= rules.board_queue or len(queued) >= rules.server_queue:
        raise InputError("admission.queue_full", waiting=len(queued))


def dispatch_order(owners: Sequence[str], running: Mapping[str, int],
                   last_started: Mapping[str, int] | None = None) -> int:
    """Returns the index of the queued job a free worker should take next.

    Round-robin by owner: the waiting job whose owner runs the fewest jobs;
    among those, the one whose owner was served longest ago (never served
    comes first); then the oldest. So a waiting classmate goes before a
    second job of the owner who just had one, even with a single worker.
    Jobs with the same owner (or all unowned, `""`) keep their order.

    Args:
        owners: The owner key of every queued job, oldest first (non-empty).
        running: Jobs running per owner key.
        last_started: Per owner key, a number that grows with every start
            (the pool's start counter) of that owner's most recent job.

    Returns:
        An index into `owners`.
    """
    served = last_started or {}
    return min(range(len(owners)),
               key=lambda i: (running.get(owners[i], 0), served.get(owners[i], -1), i))


def yield_after_seconds(environ: Mapping[str, str] | None = None) -> float:
    """Returns how long a training may hold a worker while a classmate waits.

    Args:
        environ: The environment (default `os.environ`); `FUNCNET_YIELD_MINUTES`
            is a positive number of minutes (decimals allowed: `0.5`).

    Returns:
        Seconds (default `DEFAULT_YIELD_MINUTES` minutes).

    Raises:
        InputError: `limits.bad_setting` if the variable is not a positive number.
    """
    environ = os.environ if environ is None else environ
    text = environ.get(YIELD_VARIABLE, "").strip()
    if not text:
        return DEFAULT_YIELD_MINUTES * 60.0
    try:
        minutes = float(text) if len(text) <= _MAX_SETTING_CHARS else float("nan")
    except ValueError:
        minutes = float("nan")
    if not 0 < minutes < float("inf"):  # also refuses NaN
        raise InputError("limits.bad_setting", variable=YIELD_VARIABLE,
                         value=text[:_MAX_SETTING_CHARS])
    return minutes * 60.0


@dataclass(frozen=True)
class Running:
    """One job a worker holds, as the time-sharing rule sees it.

    Args:
        owner: Its owner key (`Owner.key`; `""`: nobody in particular).
        seconds: How long it has held the worker.
        stopping: Whether it was already asked to stop (Stop, or an earlier
            yield): its worker is about to be free.
    """

    owner: str
    seconds: float
    stopping: bool = False


def to_yield(running: Sequence[Running], waiting: Sequence[str], after: float) -> list[int]:
    """Returns the running jobs to stop so that waiting classmates get a worker.

    Call it only when no worker is free. Each waiting job whose owner has
    nothing running claims one worker: first one that is already stopping,
    else the job that has run longest, if it has run at least `after`
    seconds. A waiting job of an owner who already runs one claims nothing
    (that owner is not kept waiting), and nobody yields to themselves.

    Args:
        running: The jobs the workers hold.
        waiting: The owner key of every queued job, oldest first.
        after: Seconds a job may run before it yields (the time share).

    Returns:
        Indices into `running`, longest-running first.
    """
    busy = {job.owner for job in running if not job.stopping}
    free_soon = sum(1 for job in running if job.stopping)
    candidates = sorted((i for i, job in enumerate(running)
                         if not job.stopping and job.seconds >= after),
                        key=lambda i: -running[i].seconds)
    chosen: list[int] = []
    for owner in waiting:
        if owner in busy:
            continue
        if free_soon:
            free_soon -= 1
            continue
        pick = next((i for i in candidates if i not in chosen and running[i].owner != owner), None)
        if pick is not None:
            chosen.append(pick)
    return chosen

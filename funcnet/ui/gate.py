"""The server's door for trainings: work caps and fairness, checked before anything is queued.

Every click that starts trainings (Build & Train, the Architecture page,
the activation comparison, both lessons) goes through `submit`: it checks
the work caps of every job (`funcnet.model.cost`), asks the fairness rules
(`funcnet.train.admission`) with a snapshot of every unfinished training on
this server, and only then calls the pool. A refusal raises `InputError`
before anything is queued, so the page shows the message and keeps what it
showed.

The registry of unfinished trainings is per server process (module level,
behind a lock): every session and tab of every browser is counted in it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from streamlit.runtime.scriptrunner import get_script_run_ctx

from funcnet.model import cost
from funcnet.model.spec import Job
from funcnet.train import admission
from funcnet.ui import identity, run_history


class _Status(Protocol):
    def done(self) -> bool: ...

    def status(self) -> str: ...


H = TypeVar("H")

_LOCK = threading.Lock()
_ACTIVE: list[tuple[admission.Owner, tuple[_Status, ...]]] = []


def current_owner() -> admission.Owner:
    """Returns who this script run speaks for: session, browser and class board."""
    ctx = get_script_run_ctx(suppress_warning=True)
    session = ctx.session_id if ctx is not None else "no-session"
    board = run_history.current_board()
    return admission.Owner(session, identity.browser_id(), board.class_name)


def _snapshot() -> list[admission.Training]:
    """Forgets finished trainings and returns the rest (call under `_LOCK`)."""
    _ACTIVE[:] = [(o, parts) for o, parts in _ACTIVE if not all(p.done() for p in parts)]
    return [admission.Training(o, any(p.status() == "running" for p in parts))
            for o, parts in _ACTIVE]


def submit(jobs: Sequence[Job], start: Callable[[str], H], parts: Callable[[H], Sequence[_Status]],
           variants: int = 1) -> H:
    """Checks the caps and the fairness rules, then starts one training.

    Args:
        jobs: Every job the training runs (a lesson race runs two).
        start: Submits them to the pool, given the owner key; returns a handle.
        parts: Returns the pool handles behind what `start` returned.
        variants: Networks each job trains at once (activation comparison).

    Returns:
        What `start` returned.

    Raises:
        InputError: Over a work cap (`limits.*`) or refused by the fairness
            rules (`admission.*`); nothing was queued.
    """
    for job in jobs:
        cost.check_work(job, variants)
    owner = current_owner()
    rules = admission.Rules.from_env()
    admission.yield_after_seconds()  # a bad setting is said on every click, not ignored
    with _LOCK:
        admission.admit(owner, _snapshot(), rules)
        handle = start(owner.key)
        _ACTIVE.append((owner, tuple(parts(handle))))
    return handle


def clear() -> None:
    """Forgets every registered training (tests start from an empty server)."""
    with _LOCK:
        _ACTIVE.clear()

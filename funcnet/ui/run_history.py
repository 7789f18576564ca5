"""Every finished training of a session, kept as a run on the session's board.

A *board* is where runs are kept and read back: this browser's private
board (`browser:<key>`), or, when a teacher's link put the class on one
(`state.CLASS_BOARD`), the shared class board (`class:<name>`). Runs are
stored by `record`, which `funcnet.ui.runs.collect` calls once per finished
training; storing never gets in the way of training: a database that
cannot be written leaves a message for the Compare page instead.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from funcnet.classroom.teacher_link import ClassLinkError, check_board_name
from funcnet.runs import store as runstore
from funcnet.runs.table import run_summary
from funcnet.ui import identity, state

if TYPE_CHECKING:
    from funcnet.ui.runs import FinishedRun

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Board:
    """The board a session reads and writes.

    Args:
        key: The board's key in the run database.
        viewer: Key of this browser (`identity.browser_key`): the author of its runs.
        class_name: The class board's name; `""` for the private board.
    """

    key: str
    viewer: str
    class_name: str = ""

    @property
    def shared(self) -> bool:
        """Whether this is a class board (other browsers' runs show too)."""
        return bool(self.class_name)

    def author_tag(self, author: str) -> str:
        """Returns an anonymous tag for a run's author, stable on this board only.

        Args:
            author: The run's author key.

        Returns:
            Six hex digits; the same author gets another tag on another board.
        """
        return hashlib.sha256(f"{self.key}\n{author}".encode()).hexdigest()[:6]


def valid_class_name(value: object) -> str | None:
    """Returns a usable class board name, or `None` when `value` is not one.

    Args:
        value: What the session holds under `state.CLASS_BOARD`.

    Returns:
        The name when `funcnet.classroom.teacher_link.check_board_name` (the one rule
        for board names) accepts it; anything else gives `None`.
    """
    try:
        return check_board_name(value)
    except ClassLinkError:
        return None


def current_board() -> Board:
    """Returns the board of this session: the class board if a teacher link set one.

    Returns:
        The `Board`.
    """
    viewer = identity.browser_key(identity.browser_id())
    name = valid_class_name(state.get(state.CLASS_BOARD))
    if name is not None:
        return Board(f"class:{name}", viewer, name)
    return Board(f"browser:{viewer}", viewer)


def record(run: FinishedRun, repeat_group: str = "") -> runstore.RunRecord | None:
    """Stores a finished training on the session's board, once per job.

    Args:
        run: The finished training (completed, stopped or failed).
        repeat_group: Id of the repeat over seeds it belongs to (`""`: none).

    Returns:
        The stored record; `None` when it was stored before or could not be
        stored (`state.RUNS_ERROR` is then set; the reason goes to the log).
    """
    recorded: set[str] = state.get(state.RUNS_RECORDED) or set()
    if run.job_id in recorded or run.result.status not in runstore.RUN_STATUSES:
        return None
    board = current_board()
    try:
        stored = runstore.save_run(board.key, board.viewer, run.job, run.result,
                                   run_summary(run.result), created_at=run.finished_at,
                                   repeat_group=repeat_group)
    except (runstore.StoreError, ValueError) as error:  # never costs the user the training
        _log.warning("run %s not stored: %s", run.job_id, error)
        state.put(state.RUNS_ERROR, True)  # the page says so; the details stay in the log
        return None
    state.put(state.RUNS_RECORDED, recorded | {run.job_id})
    state.put(state.RUNS_ERROR, None)
    return stored

"""Finished trainings kept on disk: an embedded SQLite database of runs.

Every finished training (completed, stopped or failed) is stored as one row
of a *board*: a browser's private board, or a class board a teacher's link
opts the class into. A row holds the setup (canonical JSON), the status,
the history, the test metrics, a small summary of the first head and the
test predictions of every head (`numpy.savez_compressed`, read back with
`allow_pickle=False`, left out above `MAX_PREDICTIONS_BYTES`); never the
model itself. How values become columns and back is `funcnet.runs.encoding`.

The database is shared by every session of the server, and every browser
(and every class name) makes a board, so it is kept bounded as a whole:
a board keeps its newest `MAX_RUNS_PER_BOARD` runs, a board where nothing
was saved for `MAX_IDLE_DAYS` days is dropped with its runs, and the whole
database keeps its newest `MAX_RUNS_TOTAL` runs (the last two checked
on every `PRUNE_EVERY`-th save, and by `prune`).

Many sessions of one server write at once, so the database runs in WAL
mode and every call opens a short-lived connection with a busy timeout.
The schema is versioned with `PRAGMA user_version`; all SQL is
parameterised. A row that cannot be read back (a damaged file, a setup an
older or newer funcnet wrote differently) is skipped and counted, never
raised; a database that cannot be opened at all raises `StoreError` with a
plain message. No streamlit, no keras.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from funcnet.export.share import canonical_json
from funcnet.model.spec import Job
from funcnet.runs.encoding import (
    decode_heads,
    encode_heads,
    plain_fields,
    read_history,
    read_message_fields,
    read_numbers,
    to_json,
)
from funcnet.train.results import JobResult

DB_ENV = "FUNCNET_DB"
"""Environment variable naming the database file."""

DEFAULT_PATH = Path(__file__).resolve().parents[2] / ".funcnet" / "runs.sqlite3"
"""Where the database lives when `FUNCNET_DB` is not set (a git-ignored folder)."""

SCHEMA_VERSION = 4
"""`PRAGMA user_version` of the schema this module writes (versions 1 to 3 are migrated)."""

MAX_RUNS_PER_BOARD = 500
"""Runs kept per board; saving one more drops the oldest."""

MAX_RUNS_TOTAL = 20_000
"""Runs kept in the whole database; past it the oldest go, whatever their board."""

MAX_IDLE_DAYS = 180.0
"""A board where nothing was saved for this many days is dropped with its runs."""

PRUNE_EVERY = 50
"""`save_run` applies the idle and total limits when a run's id is a multiple of this."""

MAX_PREDICTIONS_BYTES = 1_000_000
"""Largest compressed test-prediction pack kept; a bigger one is left out (the run is kept)."""

BUSY_TIMEOUT_SECONDS = 30.0
"""How long a writer waits for another one before giving up."""

RUN_STATUSES = ("completed", "stopped", "failed")
"""Statuses a stored run may have."""

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        board TEXT NOT NULL,
        number INTEGER NOT NULL,
        author TEXT NOT NULL,
        created_at REAL NOT NULL,
        job TEXT NOT NULL,
        status TEXT NOT NULL,
        message TEXT NOT NULL,
        epochs_run INTEGER NOT NULL,
        elapsed REAL NOT NULL,
        history TEXT NOT NULL,
        test_metrics TEXT NOT NULL,
        diagnostics TEXT NOT NULL,
        summary TEXT NOT NULL,
        heads BLOB
    )""",
    "CREATE INDEX IF NOT EXISTS runs_by_board ON runs (board, created_at DESC, id DESC)",
)
"""Statements of schema version 1."""

_MIGRATE_1_TO_2 = (
    # Whether the test predictions were left out for their size (0 on version-1 rows).
    "ALTER TABLE runs ADD COLUMN predictions_dropped INTEGER NOT NULL DEFAULT 0",
    # One row per board: its last run number (never given again) and when it last saved.
    """CREATE TABLE IF NOT EXISTS boards (
        board TEXT PRIMARY KEY,
        last_number INTEGER NOT NULL,
        last_saved REAL NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS boards_by_last_saved ON boards (last_saved)",
    "INSERT OR IGNORE INTO boards (board, last_number, last_saved) "
    "SELECT board, MAX(number), MAX(created_at) FROM runs GROUP BY board",
)
"""Statements that turn a version-1 database (or a new one) into version 2."""

_MIGRATE_2_TO_3 = (
    # Why a run stopped, as the message code and fields (`funcnet.messages`), so a viewer
    # reads it in their own language; older rows keep only their stored (English) text.
    "ALTER TABLE runs ADD COLUMN message_code TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE runs ADD COLUMN message_fields TEXT NOT NULL DEFAULT '{}'",
)
"""Statements that turn a version-2 database into version 3."""

_MIGRATE_3_TO_4 = (
    # The repeat a run belongs to (one setup trained over several seeds); '' on older rows.
    "ALTER TABLE runs ADD COLUMN repeat_group TEXT NOT NULL DEFAULT ''",
)
"""Statements that turn a version-3 database into version 4."""

_STEPS = (_SCHEMA, _MIGRATE_1_TO_2, _MIGRATE_2_TO_3, _MIGRATE_3_TO_4)
"""`_STEPS[v]` turns a version-`v` database (0: a new file) into version `v + 1`."""
assert len(_STEPS) == SCHEMA_VERSION

_RECORD_COLUMNS = ("id, board, number, author, created_at, job, status, message, epochs_run, "
                   "elapsed, history, test_metrics, diagnostics, summary, predictions_dropped, "
                   "message_code, message_fields, repeat_group")


class StoreError(Exception):
    """The run database cannot be opened, read or written (the message says why)."""


@dataclass(frozen=True, eq=False)
class RunRecord:
    """A stored run without its test predictions: what tables and loss curves need.

    Args:
        id: Row id, unique in the database.
        board: The board the run belongs to.
        number: Run number within its board (1, 2, ...), never given twice (a
            board dropped as idle, with all its runs, starts again at 1).
        author: Key of the browser that trained it.
        created_at: `time.time()` when it was stored.
        job: The setup it trained.
        status: `"completed"`, `"stopped"` or `"failed"`.
        message: Why it stopped or failed, in English as stored (`""` when it
            simply completed).
        epochs_run: Finished epochs.
        elapsed: Seconds spent training.
        history: Keras history: key -> one value per finished epoch.
        test_metrics: `model.evaluate` results on the test set.
        diagnostics: Dead/saturated unit shares and gradient norm.
        summary: Numbers of the first head (`funcnet.runs.table.run_summary`).
        predictions_dropped: Whether the test predictions were left out for
            their size (`MAX_PREDICTIONS_BYTES`): the run has no ROC curve,
            confusion matrix or report charts, but keeps its numbers.
        message_code: The code of `message` (`funcnet.messages`), `""` for a
            row stored before codes were kept: shown in the viewer's language.
        message_fields: The fields of that message.
        repeat_group: Id of the repeat the run belongs to (the same setup
            trained over several seeds, `funcnet.runs.repeats`); `""` for a
            single run and for rows stored before repeats existed.
    """

    id: int
    board: str
    number: int
    author: str
    created_at: float
    job: Job
    status: str
    message: str
    epochs_run: int
    elapsed: float
    history: dict[str, list[float]]
    test_metrics: dict[str, float]
    diagnostics: dict[str, float]
    summary: dict[str, float]
    predictions_dropped: bool = False
    message_code: str = ""
    message_fields: dict[str, Any] = field(default_factory=dict)
    repeat_group: str = ""


@dataclass(frozen=True, eq=False)
class StoredRun:
    """A stored run with everything a `JobResult` view can draw.

    Args:
        record: The run's record.
        result: Its result, test predictions included (`model_bytes` is `None`).
    """

    record: RunRecord
    result: JobResult

    @property
    def job(self) -> Job:
        """The setup the run trained."""
        return self.record.job


@dataclass(frozen=True)
class BoardListing:
    """The readable runs of a board, newest first, and how many rows were not.

    Args:
        runs: Records, newest first.
        skipped: Rows of the board that could not be read back.
    """

    runs: tuple[RunRecord, ...] = ()
    skipped: int = 0


@dataclass(frozen=True)
class LoadedRuns:
    """Full runs asked for by id, in the order asked, and how many were unreadable.

    Args:
        runs: The runs found and read.
        skipped: Ids whose row exists but could not be read back.
        missing: Ids with no row on the board (deleted, or another board's).
    """

    runs: tuple[StoredRun, ...] = ()
    skipped: int = 0
    missing: tuple[int, ...] = ()


def database_path() -> Path:
    """Returns the database file: `$FUNCNET_DB`, else `.funcnet/runs.sqlite3` in the repo.

    Returns:
        The path (its folder is created when the database is first opened).
    """
    configured = os.environ.get(DB_ENV, "").strip()
    return Path(configured).expanduser() if configured else DEFAULT_PATH


# --------------------------------------------------------------------------- connection


def _fail(action: str, path: Path, error: BaseException) -> StoreError:
    return StoreError(f"The run database {str(path)!r} could not be {action}: {error}.")


def _create_schema(connection: sqlite3.Connection, path: Path) -> None:
    """Creates the schema in a new file, or migrates an older version to this one."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    if version == SCHEMA_VERSION:
        return
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The run database {str(path)!r} has schema version {version}; this funcnet "
            f"reads version {SCHEMA_VERSION}. Use a newer funcnet or another FUNCNET_DB file."
        )
    # WAL lets readers go on while one session writes; it is a property of the file.
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("BEGIN IMMEDIATE")
    try:
        # Another session may have done this while this one waited for the lock.
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        for step in _STEPS[version:]:
            for statement in step:
                connection.execute(statement)
        if version < SCHEMA_VERSION:
            connection.execute(f"PRAGMA user_version = {int(SCHEMA_VERSION)}")
        connection.execute("COMMIT")
    except sqlite3.Error:
        connection.rollback()
        raise


@contextmanager
def _connect(path: Path | None = None) -> Iterator[sqlite3.Connection]:
    """Opens a short-lived connection with the schema in place; closes it afterwards."""
    path = database_path() if path is None else Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _fail("created", path, error) from None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error as error:
        raise _fail("opened", path, error) from None
    try:
        try:
            connection.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            _create_schema(connection, path)
        except sqlite3.Error as error:
            raise _fail("opened", path, error) from None
        yield connection
    finally:
        connection.close()


def _record(row: Sequence[Any]) -> RunRecord:
    """Builds a record from a row; raises ValueError (or TypeError/KeyError) if it is damaged."""
    (run_id, board, number, author, created_at, job, status, message, epochs_run, elapsed,
     history, test_metrics, diagnostics, summary, predictions_dropped, message_code,
     message_fields, repeat_group) = row
    if status not in RUN_STATUSES:
        raise ValueError(f"unknown status {status!r}")
    return RunRecord(
        id=int(run_id), board=str(board), number=int(number), author=str(author),
        created_at=float(created_at), job=Job.from_dict(json.loads(job)), status=str(status),
        message=str(message), epochs_run=int(epochs_run), elapsed=float(elapsed),
        history=read_history(history), test_metrics=read_numbers(test_metrics),
        diagnostics=read_numbers(diagnostics), summary=read_numbers(summary),
        predictions_dropped=bool(predictions_dropped), message_code=str(message_code or ""),
        message_fields=read_message_fields(message_fields), repeat_group=str(repeat_group or ""),
    )


_DAMAGE = (ValueError, TypeError, KeyError, AttributeError, json.JSONDecodeError)
"""What reading a damaged row may raise (Job validation, JSON, unpacking)."""


# --------------------------------------------------------------------------- public API


def save_run(
    board: str,
    author: str,
    job: Job,
    result: JobResult,
    summary: Mapping[str, float] | None = None,
    *,
    created_at: float | None = None,
    repeat_group: str = "",
    path: Path | None = None,
) -> RunRecord:
    """Stores a finished training on a board, dropping the board's oldest past the cap.

    The run gets the board's next number (numbers are never given twice on
    a board, even after deletions). Test predictions packing to more than
    `MAX_PREDICTIONS_BYTES` are left out (`predictions_dropped`). Every
    `PRUNE_EVERY`-th run also applies `prune`'s limits.

    Args:
        board: The board, e.g. `"browser:<key>"` or `"class:<name>"`.
        author: Key of the browser that trained it.
        job: The setup.
        result: Its result (completed, stopped or failed; the model is not kept).
        summary: A few numbers of the first head, for tables.
        created_at: When it finished; default now.
        repeat_group: Id of the repeat the run belongs to (`""`: none).
        path: Database file; default `database_path()`.

    Returns:
        The stored record (with its id and run number).

    Raises:
        ValueError: If the status is not a finished one or board/author are empty.
        StoreError: If the database cannot be written.
    """
    if result.status not in RUN_STATUSES:
        raise ValueError(
            f"Only finished runs are stored ({', '.join(RUN_STATUSES)}); "
            f"received status {result.status!r}."
        )
    if not board or not author:
        raise ValueError(f"A run needs a board and an author, received {board!r}, {author!r}.")
    now = time.time()
    created = now if created_at is None else float(created_at)
    heads = encode_heads(result.heads)
    dropped = heads is not None and len(heads) > MAX_PREDICTIONS_BYTES
    values = (
        board, author, created, canonical_json(job), result.status, result.message,
        int(result.epochs_run), float(result.elapsed), to_json(result.history),
        to_json(result.test_metrics), to_json(result.diagnostics), to_json(dict(summary or {})),
        None if dropped else heads, int(dropped), str(result.message_code or ""),
        to_json(plain_fields(result.message_fields)), str(repeat_group),
    )
    path = database_path() if path is None else Path(path)
    with _connect(path) as connection:
        try:
            # IMMEDIATE takes the write lock first, so two sessions never get the same number.
            connection.execute("BEGIN IMMEDIATE")
            last = connection.execute(
                "SELECT last_number FROM boards WHERE board = ?", (board,)).fetchone()
            number = (int(last[0]) if last else 0) + 1
            connection.execute(
                "INSERT INTO boards (board, last_number, last_saved) VALUES (?, ?, ?) "
                "ON CONFLICT (board) DO UPDATE SET last_number = excluded.last_number, "
                "last_saved = excluded.last_saved", (board, number, now))
            cursor = connection.execute(
                "INSERT INTO runs (board, author, created_at, job, status, message, epochs_run, "
                "elapsed, history, test_metrics, diagnostics, summary, heads, "
                "predictions_dropped, message_code, message_fields, repeat_group, number) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*values, number))
            run_id = cursor.lastrowid
            connection.execute(
                "DELETE FROM runs WHERE board = ? AND id NOT IN (SELECT id FROM runs "
                "WHERE board = ? ORDER BY created_at DESC, id DESC LIMIT ?)",
                (board, board, MAX_RUNS_PER_BOARD))
            if run_id % max(1, int(PRUNE_EVERY)) == 0:
                _prune(connection, now)
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.rollback()
            raise _fail("written", path, error) from None
    return RunRecord(
        id=int(run_id), board=board, number=int(number), author=author, created_at=created,
        job=job, status=result.status, message=result.message, epochs_run=result.epochs_run,
        elapsed=result.elapsed, history=read_history(values[8]),
        test_metrics=read_numbers(values[9]), diagnostics=read_numbers(values[10]),
        summary=read_numbers(values[11]), predictions_dropped=dropped,
        message_code=values[14], message_fields=dict(result.message_fields or {}),
        repeat_group=values[16],
    )


def _prune(connection: sqlite3.Connection, now: float) -> int:
    """Applies the idle-board and total limits inside the caller's write transaction."""
    cutoff = now - MAX_IDLE_DAYS * 24 * 3600
    deleted = connection.execute(
        "DELETE FROM runs WHERE board IN (SELECT board FROM boards WHERE last_saved < ?)",
        (cutoff,)).rowcount
    connection.execute("DELETE FROM boards WHERE last_saved < ?", (cutoff,))
    # Ids only grow (AUTOINCREMENT), so the smallest ones are the oldest runs.
    deleted += connection.execute(
        "DELETE FROM runs WHERE id <= (SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?)",
        (int(MAX_RUNS_TOTAL),)).rowcount
    return int(deleted)


def prune(*, now: float | None = None, path: Path | None = None) -> int:
    """Drops idle boards and the oldest runs past the database's total limit.

    A board where nothing was saved for `MAX_IDLE_DAYS` days loses its
    runs and its numbering; past `MAX_RUNS_TOTAL` runs, the oldest go.
    `save_run` does this on every `PRUNE_EVERY`-th run.

    Args:
        now: The time to measure idleness from; default now.
        path: Database file; default `database_path()`.

    Returns:
        How many runs were deleted.

    Raises:
        StoreError: If the database cannot be written.
    """
    moment = time.time() if now is None else float(now)
    path = database_path() if path is None else Path(path)
    with _connect(path) as connection:
        try:
            connection.execute("BEGIN IMMEDIATE")
            deleted = _prune(connection, moment)
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            if connection.in_transaction:
                connection.rollback()
            raise _fail("written", path, error) from None
    return deleted


def list_runs(board: str, *, path: Path | None = None) -> BoardListing:
    """Returns a board's runs, newest first, without their test predictions.

    Args:
        board: The board.
        path: Database file; default `database_path()`.

    Returns:
        The readable records and the number of rows skipped as unreadable.

    Raises:
        StoreError: If the database cannot be read.
    """
    path = database_path() if path is None else Path(path)
    with _connect(path) as connection:
        try:
            rows = connection.execute(
                f"SELECT {_RECORD_COLUMNS} FROM runs WHERE board = ? "
                "ORDER BY created_at DESC, id DESC", (board,)).fetchall()
        except sqlite3.Error as error:
            raise _fail("read", path, error) from None
    records, skipped = [], 0
    for row in rows:
        try:
            records.append(_record(row))
        except _DAMAGE:
            skipped += 1
    return BoardListing(tuple(records), skipped)


def load_runs(board: str, ids: Sequence[int], *, path: Path | None = None) -> LoadedRuns:
    """Returns full runs of a board (test predictions included), in the order of `ids`.

    Ids of other boards are treated as missing: a board never shows another's runs.

    Args:
        board: The board.
        ids: Run ids.
        path: Database file; default `database_path()`.

    Returns:
        The runs read, the count of unreadable ones and the ids not found.

    Raises:
        StoreError: If the database cannot be read.
    """
    wanted = [int(i) for i in dict.fromkeys(ids)]
    if not wanted:
        return LoadedRuns()
    path = database_path() if path is None else Path(path)
    marks = ", ".join("?" for _ in wanted)
    with _connect(path) as connection:
        try:
            rows = connection.execute(
                f"SELECT {_RECORD_COLUMNS}, heads FROM runs WHERE board = ? AND id IN ({marks})",
                (board, *wanted)).fetchall()
        except sqlite3.Error as error:
            raise _fail("read", path, error) from None
    found: dict[int, StoredRun] = {}
    skipped = 0
    for row in rows:
        try:
            record = _record(row[:-1])
            heads = decode_heads(row[-1])
        except _DAMAGE:
            skipped += 1
            continue
        found[record.id] = StoredRun(record, JobResult(
            status=record.status, message=record.message, message_code=record.message_code,
            message_fields=record.message_fields, history=record.history,
            epochs_run=record.epochs_run, test_metrics=record.test_metrics, heads=heads,
            diagnostics=record.diagnostics, model_bytes=None, elapsed=record.elapsed))
    present = {int(row[0]) for row in rows}
    return LoadedRuns(tuple(found[i] for i in wanted if i in found), skipped,
                      tuple(i for i in wanted if i not in present))


def delete_runs(board: str, author: str, ids: Sequence[int], *, path: Path | None = None) -> int:
    """Deletes runs of `board` that `author` trained; others' runs are left alone.

    Args:
        board: The board.
        author: Key of the browser asking.
        ids: Run ids to delete.
        path: Database file; default `database_path()`.

    Returns:
        How many runs were deleted.

    Raises:
        StoreError: If the database cannot be written.
    """
    wanted = [int(i) for i in dict.fromkeys(ids)]
    if not wanted:
        return 0
    path = database_path() if path is None else Path(path)
    marks = ", ".join("?" for _ in wanted)
    with _connect(path) as connection:
        try:
            cursor = connection.execute(
                f"DELETE FROM runs WHERE board = ? AND author = ? AND id IN ({marks})",
                (board, author, *wanted))
        except sqlite3.Error as error:
            raise _fail("written", path, error) from None
    return int(cursor.rowcount)

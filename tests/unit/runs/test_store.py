"""The run database: round trips, boards, the cap, concurrent writers, damaged rows."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job
from funcnet.runs import store as runstore
from funcnet.train.results import HeadResult, JobResult
from funcnet.ui import identity

JOB = PRESETS["seed"].job
MULTI = PRESETS["multi-output"].job


def _result(seed: int = 0, *, status: str = "completed", job: Job = JOB) -> JobResult:
    rng = np.random.default_rng(seed)
    heads = {}
    for node in job.model.outputs:
        if node.task == "regression":
            y_true, y_score, classes = rng.normal(size=30), rng.normal(size=30), ()
        else:
            y_true = rng.integers(0, 2, size=30)
            y_score, classes = rng.random(30).astype(np.float32), ("0", "1")
        heads[node.name] = HeadResult(node.name, node.task, node.target, classes, y_true, y_score)
    return JobResult(
        status=status, message="" if status == "completed" else "why it ended",
        history={"loss": [0.9, 0.7, 0.6], "val_loss": [1.0, 0.8, float("nan")]},
        epochs_run=3, test_metrics={"loss": 0.61, "accuracy": 0.7},
        heads={} if status == "failed" else heads, diagnostics={"dead_share": 0.1},
        model_bytes=b"model", elapsed=2.5,
    )


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "sub" / "runs.sqlite3"
    monkeypatch.setenv(runstore.DB_ENV, str(path))
    return path


def test_the_database_path_comes_from_the_environment(db):
    assert runstore.database_path() == db
    assert not db.exists()  # created on demand, folder included
    runstore.list_runs("browser:a")
    assert db.exists()
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == \
            runstore.SCHEMA_VERSION
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_run_comes_back_with_its_setup_history_metrics_and_predictions(db):
    result = _result(3, job=MULTI)
    saved = runstore.save_run("browser:a", "a", MULTI, result, {"loss": 0.61, "auc": 0.5},
                              created_at=1000.0)
    listing = runstore.list_runs("browser:a")
    assert [r.id for r in listing.runs] == [saved.id] and listing.skipped == 0
    record = listing.runs[0]
    assert record.job == MULTI
    assert (record.number, record.author, record.created_at) == (1, "a", 1000.0)
    assert record.summary == {"loss": 0.61, "auc": 0.5}
    loaded = runstore.load_runs("browser:a", [saved.id])
    assert loaded.skipped == 0 and loaded.missing == ()
    back = loaded.runs[0].result
    assert loaded.runs[0].job == MULTI
    for name in ("status", "message", "epochs_run", "test_metrics", "diagnostics", "elapsed",
                 "branches"):
        assert getattr(back, name) == getattr(result, name), name
    assert back.model_bytes is None  # the model is never stored
    # NaN has no JSON form: it is stored as null and read back as NaN.
    assert back.history["loss"] == result.history["loss"]
    assert back.history["val_loss"][:2] == [1.0, 0.8] and np.isnan(back.history["val_loss"][2])
    assert list(back.heads) == list(result.heads)
    for name, head in result.heads.items():
        other = back.heads[name]
        assert (other.name, other.task, other.target, other.classes) == \
            (head.name, head.task, head.target, head.classes)
        np.testing.assert_array_equal(other.y_true, head.y_true)
        np.testing.assert_array_equal(other.y_score, head.y_score)
        assert other.y_score.dtype == np.asarray(head.y_score).dtype
    assert back.ok


def test_failed_and_stopped_runs_are_kept_with_their_message(db):
    failed = runstore.save_run("browser:a", "a", JOB, _result(status="failed"))
    stopped = runstore.save_run("browser:a", "a", JOB, _result(status="stopped"))
    runs = {r.id: r for r in runstore.list_runs("browser:a").runs}
    assert runs[failed.id].status == "failed" and runs[failed.id].message == "why it ended"
    assert runs[stopped.id].status == "stopped"
    assert runstore.load_runs("browser:a", [failed.id]).runs[0].result.heads == {}
    with pytest.raises(ValueError, match="Only finished runs"):
        runstore.save_run("browser:a", "a", JOB, JobResult(status="running"))


def test_runs_are_listed_newest_first_with_their_board_number(db):
    ids = [runstore.save_run("browser:a", "a", JOB, _result(i), created_at=100.0 + i).id
           for i in range(3)]
    listing = runstore.list_runs("browser:a")
    assert [r.id for r in listing.runs] == ids[::-1]
    assert [r.number for r in listing.runs] == [3, 2, 1]
    # load_runs keeps the order asked for.
    assert [r.record.id for r in runstore.load_runs("browser:a", [ids[0], ids[2]]).runs] == \
        [ids[0], ids[2]]


def test_a_board_never_shows_another_boards_runs(db):
    mine = runstore.save_run("browser:a", "a", JOB, _result(1))
    theirs = runstore.save_run("browser:b", "b", JOB, _result(2))
    assert [r.id for r in runstore.list_runs("browser:a").runs] == [mine.id]
    assert [r.id for r in runstore.list_runs("browser:b").runs] == [theirs.id]
    loaded = runstore.load_runs("browser:a", [theirs.id, mine.id])
    assert [r.record.id for r in loaded.runs] == [mine.id]
    assert loaded.missing == (theirs.id,)
    # Numbers are per board.
    assert mine.number == theirs.number == 1


def test_only_the_author_deletes_and_only_on_the_board(db):
    mine = runstore.save_run("class:7B", "a", JOB, _result(1))
    theirs = runstore.save_run("class:7B", "b", JOB, _result(2))
    assert runstore.delete_runs("class:7B", "a", [mine.id, theirs.id]) == 1
    assert [r.id for r in runstore.list_runs("class:7B").runs] == [theirs.id]
    assert runstore.delete_runs("class:other", "b", [theirs.id]) == 0
    assert runstore.delete_runs("class:7B", "a", []) == 0
    # A deleted run's number is not given to the next one.
    assert runstore.save_run("class:7B", "a", JOB, _result(3)).number == 3


def test_a_board_keeps_only_its_newest_runs(db, monkeypatch):
    monkeypatch.setattr(runstore, "MAX_RUNS_PER_BOARD", 3)
    other = runstore.save_run("browser:b", "b", JOB, _result(0), created_at=1.0)
    ids = [runstore.save_run("browser:a", "a", JOB, _result(i), created_at=10.0 + i).id
           for i in range(5)]
    assert [r.id for r in runstore.list_runs("browser:a").runs] == ids[:1:-1]
    assert [r.id for r in runstore.list_runs("browser:b").runs] == [other.id]


def test_many_sessions_write_at_once(db):
    writers, per_writer = 12, 4
    errors: list[BaseException] = []
    start = threading.Barrier(writers)

    def write(n: int) -> None:
        try:
            start.wait()
            for i in range(per_writer):
                runstore.save_run("class:all", f"w{n}", JOB, _result(n * 10 + i))
                runstore.list_runs("class:all")
        except BaseException as error:  # collected and reported by the test thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    runs = runstore.list_runs("class:all").runs
    assert len(runs) == writers * per_writer
    assert sorted(r.number for r in runs) == list(range(1, writers * per_writer + 1))


def test_a_damaged_row_is_skipped_not_raised(db):
    good = runstore.save_run("browser:a", "a", JOB, _result(1))
    bad_job = runstore.save_run("browser:a", "a", JOB, _result(2))
    bad_heads = runstore.save_run("browser:a", "a", JOB, _result(3))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE runs SET job = ? WHERE id = ?", ('{"model": 1}', bad_job.id))
        connection.execute("UPDATE runs SET heads = ? WHERE id = ?", (b"not a zip", bad_heads.id))
    listing = runstore.list_runs("browser:a")
    assert [r.id for r in listing.runs] == [bad_heads.id, good.id] and listing.skipped == 1
    loaded = runstore.load_runs("browser:a", [good.id, bad_job.id, bad_heads.id])
    assert [r.record.id for r in loaded.runs] == [good.id] and loaded.skipped == 2


def test_pickled_predictions_are_never_loaded(db):
    run = runstore.save_run("browser:a", "a", JOB, _result(1))
    buffer = io.BytesIO()  # a forged pack whose scores need pickle to be read
    np.savez(buffer, meta=np.array('[{"name": "o", "task": "binary", "target": "t", '
                                   '"classes": ["0", "1"]}]'),
             y_true_0=np.array([0, 1]), y_score_0=np.array([object(), None], dtype=object))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE runs SET heads = ? WHERE id = ?", (buffer.getvalue(), run.id))
    loaded = runstore.load_runs("browser:a", [run.id])
    assert loaded.runs == () and loaded.skipped == 1


def test_an_unreadable_database_file_gives_a_store_error(tmp_path, monkeypatch):
    path = tmp_path / "runs.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    monkeypatch.setenv(runstore.DB_ENV, str(path))
    with pytest.raises(runstore.StoreError, match="could not be opened"):
        runstore.list_runs("browser:a")
    with pytest.raises(runstore.StoreError):
        runstore.save_run("browser:a", "a", JOB, _result(1))


def test_a_newer_schema_is_refused_with_a_clear_message(db):
    runstore.list_runs("browser:a")
    with sqlite3.connect(db) as connection:
        connection.execute(f"PRAGMA user_version = {runstore.SCHEMA_VERSION + 1}")
    with pytest.raises(runstore.StoreError, match="newer funcnet"):
        runstore.list_runs("browser:a")


def test_the_stored_setup_is_the_canonical_json(db):
    job = dataclasses.replace(JOB, train=dataclasses.replace(JOB.train, learning_rate=0.05))
    run = runstore.save_run("browser:a", "a", job, _result(1))
    with sqlite3.connect(db) as connection:
        text = connection.execute("SELECT job FROM runs WHERE id = ?", (run.id,)).fetchone()[0]
    assert Job.from_dict(json.loads(text)) == job


@pytest.mark.parametrize("cookie", [
    None, "", "short", "x" * 23, "a" * 21 + ";", "../../etc/passwd....", 'a"+alert(1)+"aaaaaaaa',
    "ab cd" * 5, 12345,
])
def test_a_tampered_browser_cookie_is_rejected(cookie):
    assert not identity.is_valid_id(cookie)


def test_a_new_browser_id_is_valid_random_and_hashed_for_storage():
    first, second = identity.new_id(), identity.new_id()
    assert identity.is_valid_id(first) and identity.is_valid_id(second) and first != second
    key = identity.browser_key(first)
    assert len(key) == 32 and first not in key and key == identity.browser_key(first)


def test_a_deleted_newest_runs_number_is_never_given_again(db):
    runstore.save_run("browser:a", "a", JOB, _result(1))
    newest = runstore.save_run("browser:a", "a", JOB, _result(2))
    assert runstore.delete_runs("browser:a", "a", [newest.id]) == 1
    assert runstore.save_run("browser:a", "a", JOB, _result(3)).number == 3
    # The cap drops the oldest; numbers keep counting.
    assert runstore.delete_runs("browser:a", "a", [r.id for r in
                                                   runstore.list_runs("browser:a").runs]) == 2
    assert runstore.save_run("browser:a", "a", JOB, _result(4)).number == 4


def _version_1_database(path: Path) -> None:
    """Writes a database as the previous funcnet did: schema version 1, two boards."""
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path)
    for statement in runstore._SCHEMA:
        connection.execute(statement)
    heads = runstore.encode_heads(_result(1).heads)
    rows = [("browser:a", 1, 100.0), ("browser:a", 2, 200.0), ("class:7B", 5, 300.0)]
    for board, number, created in rows:
        connection.execute(
            "INSERT INTO runs (board, number, author, created_at, job, status, message, "
            "epochs_run, elapsed, history, test_metrics, diagnostics, summary, heads) "
            "VALUES (?, ?, 'a', ?, ?, 'completed', '', 3, 2.5, '{\"loss\": [0.9, 0.7]}', "
            "'{\"loss\": 0.6}', '{}', '{\"auc\": 0.7}', ?)",
            (board, number, created, runstore.canonical_json(JOB), heads))
    connection.execute("PRAGMA user_version = 1")
    connection.commit()
    connection.close()


def test_a_version_1_database_keeps_working_after_the_upgrade(db):
    _version_1_database(db)
    listing = runstore.list_runs("browser:a")
    assert [r.number for r in listing.runs] == [2, 1] and listing.skipped == 0
    assert not any(r.predictions_dropped for r in listing.runs)
    loaded = runstore.load_runs("browser:a", [listing.runs[0].id])
    assert list(loaded.runs[0].result.heads) == list(_result(1).heads)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == \
            runstore.SCHEMA_VERSION == 4
    # Numbering goes on from the old rows, per board.
    assert runstore.save_run("browser:a", "a", JOB, _result(2)).number == 3
    assert runstore.save_run("class:7B", "b", JOB, _result(3)).number == 6
    assert runstore.save_run("browser:new", "n", JOB, _result(4)).number == 1
    # Opening it again (schema now current) changes nothing.
    assert [r.number for r in runstore.list_runs("browser:a").runs] == [3, 2, 1]


def test_a_database_of_the_current_version_is_opened_as_it_is(db):
    first = runstore.save_run("browser:a", "a", JOB, _result(1))
    with sqlite3.connect(db) as connection:
        tables = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()
    assert ("boards",) in tables and ("runs",) in tables
    assert [r.id for r in runstore.list_runs("browser:a").runs] == [first.id]
    assert runstore.save_run("browser:a", "a", JOB, _result(2)).number == 2


def test_idle_boards_are_dropped_and_the_rest_kept(db):
    old = runstore.save_run("browser:old", "o", JOB, _result(1))
    recent = runstore.save_run("browser:recent", "r", JOB, _result(2))
    day = 24 * 3600
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE boards SET last_saved = last_saved - ? WHERE board = ?",
                           ((runstore.MAX_IDLE_DAYS + 1) * day, "browser:old"))
    assert runstore.prune() == 1
    assert runstore.list_runs("browser:old").runs == ()
    assert [r.id for r in runstore.list_runs("browser:recent").runs] == [recent.id]
    # The dropped board starts again; it never sees its old run.
    again = runstore.save_run("browser:old", "o", JOB, _result(3))
    assert again.number == 1 and again.id != old.id
    # Measured from far enough in the future, every board is idle.
    assert runstore.prune(now=time.time() + (runstore.MAX_IDLE_DAYS + 1) * day) == 2
    assert runstore.list_runs("browser:recent").runs == ()


def test_saving_keeps_the_whole_database_under_its_limit(db, monkeypatch):
    monkeypatch.setattr(runstore, "MAX_RUNS_TOTAL", 4)
    monkeypatch.setattr(runstore, "PRUNE_EVERY", 1)
    ids = [runstore.save_run(f"browser:{i}", str(i), JOB, _result(i)).id for i in range(7)]
    kept = [r.id for i in range(7) for r in runstore.list_runs(f"browser:{i}").runs]
    assert kept == ids[-4:]  # the oldest go, whatever their board


def test_saving_drops_idle_boards_now_and_then(db, monkeypatch):
    monkeypatch.setattr(runstore, "PRUNE_EVERY", 3)
    runstore.save_run("browser:old", "o", JOB, _result(1))
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE boards SET last_saved = 0")
    runstore.save_run("browser:b", "b", JOB, _result(2))  # id 2: no pruning
    assert len(runstore.list_runs("browser:old").runs) == 1
    runstore.save_run("browser:b", "b", JOB, _result(3))  # id 3: pruning
    assert runstore.list_runs("browser:old").runs == ()
    assert len(runstore.list_runs("browser:b").runs) == 2


def test_too_large_predictions_are_left_out_and_the_run_says_so(db, monkeypatch):
    result = _result(1)
    size = len(runstore.encode_heads(result.heads))
    monkeypatch.setattr(runstore, "MAX_PREDICTIONS_BYTES", size - 1)
    big = runstore.save_run("browser:a", "a", JOB, result, {"auc": 0.7})
    monkeypatch.setattr(runstore, "MAX_PREDICTIONS_BYTES", size)
    small = runstore.save_run("browser:a", "a", JOB, result)
    assert big.predictions_dropped and not small.predictions_dropped
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT heads FROM runs WHERE id = ?",
                                  (big.id,)).fetchone()[0] is None
    loaded = {r.record.id: r for r in runstore.load_runs("browser:a", [big.id, small.id]).runs}
    assert loaded[big.id].record.predictions_dropped and loaded[big.id].result.heads == {}
    assert loaded[big.id].record.summary == {"auc": 0.7}  # the numbers stay
    assert list(loaded[small.id].result.heads) == list(result.heads)


_COOKIE_JAR = """
const jar = {value: process.argv[2]};
const document = {get cookie() { return jar.value; },
                  set cookie(text) { jar.value = text.split(";")[0]; }};
const window = {location: {protocol: "http:"}};
%s
console.log(jar.value);
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to run the script")
@pytest.mark.parametrize(("held", "kept"), [
    ("", False), ("other=1", False), ("funcnet_browser=bad", False),
    ("funcnet_browser=" + "b" * 22, True), ("x=1; funcnet_browser=" + "c" * 22 + "; y=2", True),
])
def test_the_cookie_script_never_replaces_another_tabs_valid_id(tmp_path, held, kept):
    mine = identity.new_id()
    script = identity.cookie_script(mine).removeprefix("<script>").removesuffix("</script>")
    source = tmp_path / "cookie.js"
    source.write_text(_COOKIE_JAR % script)
    after = subprocess.run(["node", str(source), held], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert after == (held if kept else f"{identity.COOKIE_NAME}={mine}")


def test_the_cookie_script_only_writes_browser_ids():
    with pytest.raises(ValueError, match="Not a browser id"):
        identity.cookie_script('x"; alert(1); "')


def _stopped_with_code() -> JobResult:
    from funcnet.messages import message

    reason = message("train.stopped_at", epoch=2, epochs=3)
    return dataclasses.replace(_result(7, status="stopped"), **reason.result_fields())


def test_a_stored_run_keeps_its_message_code_and_speaks_the_viewers_language(db):
    from funcnet import i18n
    from funcnet.ui.texts import describe_result_message

    result = _stopped_with_code()
    saved = runstore.save_run("browser:a", "a", JOB, result)
    loaded = runstore.load_runs("browser:a", [saved.id]).runs[0]
    record = runstore.list_runs("browser:a").runs[0]
    for stored in (loaded.result, record):
        assert (stored.message_code, stored.message_fields) == \
            (result.message_code, result.message_fields)
        assert describe_result_message(stored) == result.message
        with i18n.using("pt"):
            portuguese = describe_result_message(stored)
        assert portuguese and portuguese != result.message


def test_a_version_2_row_keeps_its_stored_text(db):
    _version_1_database(db)
    runstore.list_runs("browser:a")  # migrates 1 -> 2 -> 3 -> 4
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE runs SET message = 'Stopped by you.' WHERE number = 2")
    record = runstore.list_runs("browser:a").runs[0]
    assert (record.message_code, record.message_fields) == ("", {})
    from funcnet import i18n
    from funcnet.ui.texts import describe_result_message

    with i18n.using("pt"):
        assert describe_result_message(record) == "Stopped by you."


def test_a_run_with_early_stopping_keeps_the_setting(db):
    job = dataclasses.replace(JOB, train=dataclasses.replace(JOB.train, early_stopping_patience=4))
    saved = runstore.save_run("browser:a", "a", job, _result(job=job))
    assert runstore.load_runs("browser:a", [saved.id]).runs[0].job == job
    assert runstore.list_runs("browser:a").runs[0].job.train.early_stopping_patience == 4


def _version_3_database(path: Path) -> None:
    """Writes a database as funcnet did before repeats: schema version 3, one run."""
    _version_1_database(path)
    connection = sqlite3.connect(path)
    for statement in (*runstore._MIGRATE_1_TO_2, *runstore._MIGRATE_2_TO_3):
        connection.execute(statement)
    connection.execute("PRAGMA user_version = 3")
    connection.commit()
    connection.close()


def test_runs_keep_their_repeat_group_and_version_3_rows_have_none(db):
    _version_3_database(db)
    old = runstore.list_runs("browser:a").runs  # migrates 3 -> 4
    assert [r.repeat_group for r in old] == ["", ""]
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA user_version").fetchone()[0] == 4
    saved = runstore.save_run("browser:a", "a", JOB, _result(1), repeat_group="r1")
    assert saved.repeat_group == "r1"
    listed = runstore.list_runs("browser:a").runs
    assert [(r.number, r.repeat_group) for r in listed] == [(3, "r1"), (2, ""), (1, "")]
    assert runstore.load_runs("browser:a", [saved.id]).runs[0].record.repeat_group == "r1"

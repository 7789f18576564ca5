"""The Compare runs page: the board's runs, what differs, the overlays of the chosen runs."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import numpy as np
import pytest
from apphelpers import charts, train_and_wait
from streamlit.testing.v1 import AppTest

from funcnet.data.datasets import UploadInfo
from funcnet.model.presets import PRESETS, HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.runs import store as runstore
from funcnet.runs.table import run_summary
from funcnet.train.results import HeadResult, JobResult
from funcnet.ui import identity
from funcnet.ui import state as keys
from funcnet.ui.pages.compare_runs import MAX_CHOSEN
from funcnet.ui.texts import TEXTS

COMPARE = "app_pages/compare_runs.py"
SEED = PRESETS["seed"].job


def _job(learning_rate: float = 0.001, epochs: int = 10) -> Job:
    return dataclasses.replace(SEED, train=dataclasses.replace(
        SEED.train, learning_rate=learning_rate, epochs=epochs))


def _result(seed: int, status: str = "completed") -> JobResult:
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, 60)
    # Scores that lean towards the truth by a run-specific amount: distinct AUCs.
    scores = np.clip(0.5 + (y - 0.5) * 0.1 * seed + rng.normal(0, 0.3, 60), 0, 1)
    head = HeadResult("output", "binary", "label", ("0", "1"), y, scores)
    losses = [1.0 - 0.1 * seed * e for e in range(1, 4)]
    return JobResult(
        status=status, message="" if status == "completed" else "The loss became NaN.",
        history={} if status == "failed" else {"loss": losses,
                                               "val_loss": [v + 0.1 for v in losses]},
        epochs_run=0 if status == "failed" else 3, test_metrics={"loss": 0.5 + seed / 100},
        heads={} if status == "failed" else {"output": head}, elapsed=1.0)


def _compare(at: AppTest) -> AppTest:
    at.switch_page(COMPARE).run()
    assert not at.exception, at.exception
    return at


def _viewer(at: AppTest) -> str:
    return identity.browser_key(at.session_state[keys.BROWSER_ID])


def _store(at: AppTest, job: Job, result: JobResult, *, board: str | None = None,
           author: str | None = None) -> runstore.RunRecord:
    viewer = _viewer(at)
    return runstore.save_run(board or f"browser:{viewer}", author or viewer, job, result,
                             run_summary(result))


def _table(at: AppTest):
    """The runs table: the page's first dataframe (AppTest does not show a table's key)."""
    return at.dataframe[0]


def _highlighted(at: AppTest) -> set[str]:
    table = _table(at)
    styles = table.proto.arrow_data.styler.styles
    columns = list(table.value.columns)
    return {columns[int(n)] for n in re.findall(r"_col(\d+)\b", styles)}


def _run_traces(figure: dict) -> list[tuple[str, str]]:
    return [(tr["meta"]["run"], tr["meta"]["series"]) for tr in figure["data"]
            if "run" in (tr.get("meta") or {})]


def _roc_names(figure: dict) -> list[str]:
    return [tr["name"] for tr in figure["data"] if tr["name"].startswith("Run ")]


def _figure(at: AppTest, title: str) -> dict:
    found = [c for c in charts(at) if c["layout"]["title"]["text"] == title]
    assert len(found) == 1, [c["layout"]["title"]["text"] for c in charts(at)]
    return found[0]


@pytest.fixture
def compare(app: AppTest) -> AppTest:
    """A fresh session (a new browser) on the Compare page."""
    return _compare(app)


def test_a_new_browser_is_told_how_runs_get_here(compare):
    assert "No runs yet" in compare.info[0].value
    assert compare.dataframe.len == 0
    assert [e.proto.label for e in compare.get("page_link")
            if e.proto.page == "build_train"] == ["Go to Build & Train"]


def test_the_table_lists_only_this_boards_runs_and_highlights_what_differs(compare):
    first = _store(compare, _job(0.001), _result(1))
    second = _store(compare, _job(0.01), _result(2))
    third = _store(compare, _job(0.01), _result(3, "stopped"))
    _store(compare, _job(0.5, epochs=3), _result(4), board="browser:someone-else",
           author="someone-else")
    compare.run()
    assert not compare.exception, compare.exception
    table = _table(compare).value
    assert list(table["run"]) == [third.number, second.number, first.number] == [3, 2, 1]
    assert list(table["status"]) == ["stopped", "completed", "completed"]
    assert table["epochs"].nunique() == 1  # the other board's 3-epoch run is not listed
    assert _highlighted(compare) == {"learning_rate"}
    assert any("settings that differ" in c.value and "Learning rate" in c.value
               for c in compare.caption)
    assert compare.subheader[0].value == "All runs (3)"
    assert compare.get("download_button")[0].label == "Download all runs (CSV)"


def test_the_overlays_draw_exactly_the_chosen_runs(compare):
    records = [_store(compare, _job(lr), _result(seed))
               for seed, lr in ((1, 0.001), (2, 0.01), (3, 0.1))]
    compare.run()
    chooser = compare.multiselect(key=keys.COMPARE_CHOSEN)
    # The newest two are chosen first.
    assert chooser.value == [records[2].id, records[1].id]
    loss = _figure(compare, "Loss of the chosen runs")
    assert _run_traces(loss) == [("Run 3", "Training"), ("Run 3", "Validation"),
                                 ("Run 2", "Training"), ("Run 2", "Validation")]
    roc = _figure(compare, "ROC curves of the chosen runs")
    aucs = {r.number: r.summary["auc"] for r in records}
    assert _roc_names(roc) == [f"Run 3 (AUC = {aucs[3]:.3f})", f"Run 2 (AUC = {aucs[2]:.3f})"]

    chooser.set_value([records[0].id, records[2].id]).run()
    assert not compare.exception, compare.exception
    loss = _figure(compare, "Loss of the chosen runs")
    assert {run for run, _ in _run_traces(loss)} == {"Run 1", "Run 3"}
    training = [tr for tr in loss["data"] if (tr.get("meta") or {}).get("series") == "Training"]
    np.testing.assert_allclose(training[0]["y"], records[0].history["loss"])
    roc = _figure(compare, "ROC curves of the chosen runs")
    assert [n.split(" (")[0] for n in _roc_names(roc)] == ["Run 1", "Run 3"]
    # Metric differences: against the first chosen run (Run 1).
    metrics = compare.dataframe[1].value
    assert list(metrics.index) == ["Run 1", "Run 3"]
    delta = records[2].summary["loss"] - records[0].summary["loss"]
    assert metrics.loc["Run 3", "Test loss"] == \
        f"{records[2].summary['loss']:.3f} (+{abs(delta):.3f})"
    assert metrics.loc["Run 1", "Test loss"] == f"{records[0].summary['loss']:.3f}"
    # Run 3's test loss is higher than the reference's: shown as worse (red).
    styles = compare.dataframe[1].proto.arrow_data.styler.styles
    cell = re.search(r"#(T_\w+_row1_col0)\b[^{]*\{([^}]*)\}", styles)
    assert cell is not None and "#B3261E" in cell.group(2), styles


def test_a_failed_run_is_listed_with_its_status_and_reason_but_draws_no_curve(compare):
    _store(compare, _job(), _result(1))
    _store(compare, _job(5.0), _result(2, "failed"))
    compare.run()
    assert list(_table(compare).value["status"]) == \
        ["failed", "completed"]
    assert any(c.value == "Not drawn, no finished epoch: Run 2." for c in compare.caption)
    assert any("The loss became NaN" in c.value for c in compare.caption)
    loss = _figure(compare, "Loss of the chosen runs")
    assert {run for run, _ in _run_traces(loss)} == {"Run 1"}
    # Run 1 keeps the colour of its place among the chosen runs in both charts.
    roc = _figure(compare, "ROC curves of the chosen runs")
    roc_colour = [tr["line"]["color"] for tr in roc["data"] if tr["name"].startswith("Run 1")]
    assert {tr["line"]["color"] for tr in loss["data"]
            if (tr.get("meta") or {}).get("run") == "Run 1"} == set(roc_colour)


def test_opening_a_run_makes_its_setup_the_current_one(compare):
    wanted = _store(compare, _job(0.05, epochs=7), _result(1))
    _store(compare, _job(), _result(2))
    compare.run()
    compare.button(key=f"{keys.COMPARE_LOAD}.{wanted.id}").click().run()
    assert not compare.exception, compare.exception
    assert compare.session_state[keys.SETUP] == wanted.job
    assert compare.title[0].value == "Build & Train"
    epochs = [w for w in compare.number_input if w.key and w.key.endswith(".epochs")]
    assert epochs[0].value == 7


def test_deleting_removes_the_chosen_runs_from_the_board(compare):
    kept = _store(compare, _job(), _result(1))
    _store(compare, _job(0.01), _result(2))
    gone = _store(compare, _job(0.1), _result(3))
    compare.run()
    compare.multiselect(key=keys.COMPARE_CHOSEN).set_value([gone.id]).run()
    compare.button(key=keys.COMPARE_DELETE).click().run()
    assert not compare.exception, compare.exception
    listed = runstore.list_runs(f"browser:{_viewer(compare)}").runs
    assert [r.number for r in listed] == [2, 1] and kept.id in [r.id for r in listed]
    assert list(_table(compare).value["run"]) == [2, 1]
    assert compare.multiselect(key=keys.COMPARE_CHOSEN).value == []


def test_a_class_board_shows_the_classes_runs_with_anonymous_authors(compare):
    compare.session_state[keys.CLASS_BOARD] = "Turma 7B"
    _store(compare, _job(), _result(1))  # private: not on the class board
    mine = _store(compare, _job(0.01), _result(2), board="class:Turma 7B")
    theirs = _store(compare, _job(0.1), _result(3), board="class:Turma 7B",
                    author="another-browser")
    compare.run()
    assert not compare.exception, compare.exception
    assert "Class board **Turma 7B**" in compare.info[0].value
    table = _table(compare).value
    assert list(table["run"]) == [theirs.number, mine.number] == [2, 1]
    tag = table["author"].iloc[0]
    assert list(table["author"]) == [tag, "you"]
    assert re.fullmatch(r"[0-9a-f]{6}", tag) and "another" not in tag
    # Another student's run cannot be deleted from here.
    compare.multiselect(key=keys.COMPARE_CHOSEN).set_value([theirs.id]).run()
    assert any(c.value == "None of the chosen runs is yours to delete." for c in compare.caption)
    assert not [b for b in compare.button if b.key == keys.COMPARE_DELETE]


def test_an_unreadable_database_is_a_message_not_a_traceback(app, tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv(runstore.DB_ENV, str(broken))
    _compare(app)
    assert "The saved runs cannot be read right now" in app.error[0].value


def test_a_finished_training_is_kept_once_and_listed(build):
    run = train_and_wait(build, 2)
    assert run.result.status == "completed"
    for _ in range(2):  # later reruns collect again: the run is not stored twice
        build.run()
    _compare(build)
    table = _table(build).value
    assert list(table["run"]) == [1]
    assert table["epochs_run"].iloc[0] == 2 and table["status"].iloc[0] == "completed"
    stored = runstore.load_runs(f"browser:{_viewer(build)}", [int(table.index[0])]).runs[0]
    assert stored.job == run.job
    np.testing.assert_array_equal(stored.result.heads["output"].y_score,
                                  run.result.heads["output"].y_score)
    assert stored.result.history == run.result.history


def test_a_broken_database_never_stops_training(build, tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite3"
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv(runstore.DB_ENV, str(broken))
    run = train_and_wait(build, 2)
    assert run.result.status == "completed"
    assert not build.exception, build.exception
    assert "Test loss" in [m.label for m in build.metric]  # the results are shown as usual
    _compare(build)
    assert "could not be kept" in build.warning[0].value
    assert "The saved runs cannot be read right now" in build.error[0].value


def test_at_most_eight_runs_are_compared_at_once(compare):
    records = [_store(compare, _job(0.001 * (i + 1)), _result(i % 5 + 1)) for i in range(10)]
    compare.run()
    chooser = compare.multiselect(key=keys.COMPARE_CHOSEN)
    assert chooser.proto.max_selections == MAX_CHOSEN == 8
    chooser.set_value([r.id for r in records]).run()
    assert not compare.exception, compare.exception
    chosen = compare.multiselect(key=keys.COMPARE_CHOSEN).value
    assert chosen == [r.id for r in records[:MAX_CHOSEN]]
    loss = _figure(compare, "Loss of the chosen runs")
    assert len({run for run, _ in _run_traces(loss)}) == MAX_CHOSEN
    # One report button per chosen run, plus the CSV of all runs.
    assert len(compare.get("download_button")) == MAX_CHOSEN + 1


def test_the_chosen_runs_survive_a_visit_to_another_page(compare):
    records = [_store(compare, _job(lr), _result(seed))
               for seed, lr in ((1, 0.001), (2, 0.01), (3, 0.1))]
    compare.run()
    compare.multiselect(key=keys.COMPARE_CHOSEN).set_value([records[0].id]).run()
    compare.switch_page("app_pages/home.py").run()
    compare.run()
    assert keys.COMPARE_CHOSEN not in compare.session_state  # the widget's value is gone
    _compare(compare)
    assert compare.multiselect(key=keys.COMPARE_CHOSEN).value == [records[0].id]


def _hosted_paths(at: AppTest, *paths: object) -> list[str]:
    shown = [e.value for e in (*at.error, *at.warning, *at.caption, *at.info)]
    return [text for text in shown for path in paths if str(path) in text]


def test_a_database_error_never_shows_the_servers_files(app, tmp_path, monkeypatch, caplog):
    broken = tmp_path / "secret-folder" / "broken.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv(runstore.DB_ENV, str(broken))
    app.session_state[keys.RUNS_ERROR] = f"The run database {str(broken)!r} could not be written"
    _compare(app)
    assert app.error[0].value == TEXTS["compare.store_error"]
    assert app.warning[0].value == TEXTS["compare.record_error"]
    assert _hosted_paths(app, broken, "secret-folder", "file is not a database") == []
    assert any("secret-folder" in r.getMessage() for r in caplog.records)  # logged instead


def test_a_stored_runs_report_names_its_own_data_and_date(compare, monkeypatch):
    import streamlit as st

    offered: dict[str, object] = {}
    original = st.download_button

    def recording(label, data, *args, **kwargs):
        offered[kwargs.get("key")] = data
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", recording)
    job = Job(stack(("a", "b"), [HiddenLayer(4)], head("output", "input", "binary")),
              DataSpec("csv", params={"sha256": "ab" * 32, "target": "target",
                                      "task": "binary"}), TrainConfig(epochs=3))
    finished = 1_700_000_000.0  # 2023-11-14, long before the test runs
    stored = runstore.save_run(f"browser:{_viewer(compare)}", "a-classmate", job, _result(2),
                               created_at=finished)
    compare.session_state[keys.UPLOAD] = UploadInfo("ff" * 32, "my-own-upload.csv", 10,
                                                    ("a", "b", "target"), ("a", "b", "target"),
                                                    "target")
    compare.run()
    assert not compare.exception, compare.exception
    page = offered[f"{keys.COMPARE_REPORT}.{stored.id}"]()
    when = dt.datetime.fromtimestamp(finished).strftime("%Y-%m-%d %H:%M")
    assert f"<title>funcnet run · {TEXTS['dataset.csv.label']} · {when}</title>" in page
    assert "my-own-upload.csv" not in page
    assert "data.csv" in page  # the Keras script reads a neutral file name
    assert "this report was made on" in page
    # The CSV of all runs is built when clicked, not on every rerun.
    assert callable(offered[keys.COMPARE_CSV])
    assert offered[keys.COMPARE_CSV]().startswith('"run","created_at"')


def test_a_run_without_kept_predictions_says_why_it_has_no_roc(compare, monkeypatch):
    monkeypatch.setattr(runstore, "MAX_PREDICTIONS_BYTES", 10)
    big = _store(compare, _job(0.01), _result(2))
    monkeypatch.setattr(runstore, "MAX_PREDICTIONS_BYTES", 10**6)
    _store(compare, _job(0.1), _result(3))
    compare.run()
    assert not compare.exception, compare.exception
    assert big.predictions_dropped
    roc = _figure(compare, "ROC curves of the chosen runs")
    assert [n.split(" (")[0] for n in _roc_names(roc)] == ["Run 2"]
    assert any(c.value.startswith("The test predictions of Run 1 were too large to keep")
               for c in compare.caption)
    # Its numbers are still in the tables.
    assert not np.isnan(_table(compare).value.set_index("run").loc[1, "auc"])

"""Bad input, faults and closed tabs, page by page (issue 6).

Every bad input goes through the real widget of a session that already has a
finished training. Each must give a clear message in the page, no traceback
(`at.exception` empty), and leave that training's result in the session and
on screen. One trained session is shared per module: it also shows that a
session survives a whole series of bad inputs.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import os
import signal
import time
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from apphelpers import (
    APP,
    BUILD,
    EVALUATE,
    last_run,
    metric_values,
    run_until,
    shown,
    train_and_wait,
    widget,
)
from streamlit.runtime.caching import clear_session_resource_cache
from streamlit.testing.v1 import AppTest
from waiting import wait_until

from funcnet.data.datasets import MAX_CSV_BYTES, MAX_CSV_COLUMNS, MAX_CSV_ROWS
from funcnet.export.share import job_to_json
from funcnet.model.presets import PRESETS
from funcnet.ui import session_jobs
from funcnet.ui import state as keys
from funcnet.ui.pool import get_pool

ARCHITECTURE = "app_pages/architecture.py"
SEED = PRESETS["seed"].job


@pytest.fixture(scope="module")
def trained() -> Iterator[AppTest]:
    """A session with one finished 2-epoch training of the seed network, on Build & Train."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(BUILD).run()
    assert not at.exception, at.exception
    run = train_and_wait(at, epochs=2)
    assert run.result.status == "completed", run.result.message
    yield at


def assert_result_intact(at: AppTest) -> None:
    """The session's first training is still its last and evaluable run, and is shown."""
    run = last_run(at)
    assert run is not None and run.result.status == "completed"
    assert at.session_state[keys.EVAL_RUN] is run
    shown = metric_values(at)
    assert shown.get("Test loss") == f"{run.result.test_metrics['loss']:.3f}", shown


def on_page(at: AppTest, page: str) -> AppTest:
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


# ------------------------------------------------------------------ CSV uploads


def _rows(n: int, make: Callable[[int], str]) -> str:
    return "".join(make(i) + "\n" for i in range(n))


_GOOD_ROW = lambda i: f"{i % 7},{(i * 3) % 5},{i % 2}"  # noqa: E731

CSV_CASES: dict[str, tuple[bytes, str]] = {
    "empty file": (b"", "is empty"),
    "header only": (b"a,b,label\n", "header row but no data rows"),
    "binary garbage": (bytes(range(256)) * 40, "not a text file"),
    "non-UTF-8 text": (("a,b,label\n" + _rows(20, _GOOD_ROW)).encode() + "é,1,0\n".encode(
        "latin-1"), "is not UTF-8 text"),
    "wrong delimiter": (("a:b:label\n" + _rows(20, lambda i: f"{i}:{i % 3}:{i % 2}")).encode(),
                        "only one column"),
    "non-numeric features": (("a,colour,label\n" + _rows(
        20, lambda i: f"{i},{'red' if i % 2 else 'blue'},{i % 2}")).encode(),
        "feature column 'colour' is not numeric"),
    "NaN in a feature": (("a,b,label\n" + _rows(20, _GOOD_ROW) + "nan,1,0\n").encode(),
                         "'a' (1 missing or infinite)"),
    "inf in a feature": (("a,b,label\n" + _rows(20, _GOOD_ROW) + "1,inf,0\n").encode(),
                         "'b' (1 missing or infinite)"),
    "one-class target": (("a,b,label\n" + _rows(30, lambda i: f"{i},{i % 3},yes")).encode(),
                         "has only one value ('yes')"),
    "hundreds of classes": (("a,b,label\n" + _rows(
        600, lambda i: f"{i % 11},{i % 13},class{i % 300}")).encode(),
        "300 distinct values, more than the 50 classes"),
    "too many rows": (("a,label\n" + _rows(MAX_CSV_ROWS + 1, lambda i: f"{i % 9},{i % 2}"))
                      .encode(), f"the limit is {MAX_CSV_ROWS:,}"),
    "too many columns": ((",".join(f"c{j}" for j in range(MAX_CSV_COLUMNS + 1)) + "\n"
                          + _rows(12, lambda i: ",".join(["1"] * (MAX_CSV_COLUMNS + 1))))
                         .encode(), f"the limit is {MAX_CSV_COLUMNS}"),
    "over the size limit": (b"a,label\n" + b"1,0\n" * ((MAX_CSV_BYTES - 8) // 4 + 1),
                            f"the limit is {MAX_CSV_BYTES // 2**20} MB"),
    "UTF-16 without BOM": (("a,b,label\n" + _rows(20, _GOOD_ROW)).encode("utf-16-le"),
                           "saved as UTF-16"),
    "UTF-16 big-endian without BOM": (("a,b,label\n" + _rows(20, _GOOD_ROW)).encode(
        "utf-16-be"), "saved as UTF-16"),
    "unbalanced quote": (('a,b,label\n1,"2,0\n' + _rows(20, _GOOD_ROW)).encode(),
                         'quotation mark (") on line 2 that is never closed'),
    "1e308 in a feature": (("a,b,label\n" + _rows(20, _GOOD_ROW) + "1e308,1,0\n").encode(),
                           "32-bit floats"),
    "-1e308 in a feature": (("a,b,label\n" + _rows(20, _GOOD_ROW) + "1,-1e308,0\n").encode(),
                            "the loss squares values"),
}


def test_csv_over_the_limit_is_just_over_it():
    content = CSV_CASES["over the size limit"][0]
    assert MAX_CSV_BYTES < len(content) <= MAX_CSV_BYTES + 4


@pytest.mark.parametrize("case", list(CSV_CASES))
def test_bad_csv_upload_says_why_and_keeps_results(trained, case):
    at = on_page(trained, BUILD)
    setup_before = at.session_state[keys.SETUP]
    content, fragment = CSV_CASES[case]
    name = f"{case.replace(' ', '-')}.csv"
    at.file_uploader(key=keys.UPLOADER).upload(name, content, "text/csv").run()
    assert not at.exception, at.exception
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1, errors
    assert name in errors[0] and "previous setup is kept" in errors[0]
    assert fragment in errors[0], errors[0]
    assert "Traceback" not in errors[0]
    assert at.session_state[keys.SETUP] is setup_before
    assert at.session_state.get(keys.UPLOAD) is None  # nothing half-accepted
    assert_result_intact(at)
    # Still usable: the next rerun is clean and the Train button is enabled.
    at.run()
    assert not at.exception and not at.button(key=keys.TRAIN).disabled


# ------------------------------------------------------------------ setup files and links


def _seed_dict() -> dict[str, Any]:
    return copy.deepcopy(SEED.to_dict())


def _mutate(change: Callable[[dict[str, Any]], Any]) -> dict[str, Any]:
    data = _seed_dict()
    change(data)
    return data


def _node(index: int, **fields: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: d["model"]["nodes"][index].update(fields)


def _add_of_mismatched_widths(d: dict[str, Any]) -> None:
    d["model"]["nodes"].insert(3, {"name": "skip", "type": "add", "inputs": ["input", "dense_2"]})
    d["model"]["nodes"][4]["inputs"] = ["skip"]


def _many_nodes(d: dict[str, Any]) -> None:
    d["model"]["nodes"] = [{"name": f"n{i}", "type": "input", "columns": ["x0"]}
                           for i in range(10**4)]


SETUP_CASES: dict[str, tuple[Any, str]] = {
    "malformed JSON": ('{"model": {"nodes": [', "is not valid JSON"),
    "unknown key": (_mutate(lambda d: d.update(extra=1)), "unknown key 'extra'"),
    "unknown node type": (_mutate(_node(1, type="conv9")), "field 'type' must be one of"),
    "cycle": (_mutate(_node(1, inputs=["dense_2"])), "cycle"),
    "dangling input": (_mutate(_node(2, inputs=["ghost"])), "'ghost', which is not a node"),
    "add of mismatched widths": (_mutate(_add_of_mismatched_widths), "different widths"),
    "zero units": (_mutate(_node(1, units=0)), "field 'units' must be an integer in 1.."),
    "a million units": (_mutate(_node(1, units=10**6)), "field 'units' must be an integer"),
    "ten thousand nodes": (_mutate(_many_nodes), "a setup is at most 65,536 bytes"),
    "a billion epochs": (_mutate(lambda d: d["train"].update(epochs=10**9)),
                         "field 'epochs' must be an integer in 1..500"),
    "negative learning rate": (_mutate(lambda d: d["train"].update(learning_rate=-0.1)),
                               "field 'learning_rate' must be a number"),
}


def _file_bytes(data: Any) -> bytes:
    return (data if isinstance(data, str) else json.dumps(data)).encode()


@pytest.mark.parametrize("case", list(SETUP_CASES))
def test_bad_setup_file_says_why_and_keeps_results(trained, case):
    at = on_page(trained, ARCHITECTURE)
    setup_before = at.session_state[keys.SETUP]
    data, fragment = SETUP_CASES[case]
    name = f"{case.replace(' ', '-')}.json"
    at.file_uploader(key=keys.ARCH_SETUP_UPLOADER).upload(name, _file_bytes(data),
                                                          "application/json").run()
    assert not at.exception, at.exception
    errors = [shown(e.value) for e in at.error]
    assert len(errors) == 1, errors
    assert name in errors[0] and "current setup is kept" in errors[0]
    assert fragment in errors[0], errors[0]
    assert at.session_state[keys.SETUP] is setup_before
    assert_result_intact(at)
    # The page still works: a good setup file is taken right after.
    at.file_uploader(key=keys.ARCH_SETUP_UPLOADER).upload(
        "good.json", job_to_json(SEED).encode(), "application/json").run()
    assert not at.exception and not at.error
    assert at.session_state[keys.SETUP] == SEED
    assert_result_intact(at)


def _link(data: Any) -> dict[str, str]:
    """A well-formed link (valid encoding and checksum) around any JSON text or value."""
    text = data if isinstance(data, str) else json.dumps(data, sort_keys=True,
                                                         separators=(",", ":"))
    packed = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode().rstrip("=")
    return {"v": "1", "s": packed, "c": hashlib.sha256(text.encode()).hexdigest()[:8]}


LINK_CASES = {**{k: v for k, v in SETUP_CASES.items() if k != "ten thousand nodes"},
              "ten thousand nodes": (SETUP_CASES["ten thousand nodes"][0],
                                     "the limit is 16,000"),
              "unknown preset": ({"preset": "../../etc/passwd"}, "does not exist")}


@pytest.mark.parametrize("case", list(LINK_CASES))
def test_bad_share_link_warns_and_starts_from_the_default(case):
    data, fragment = LINK_CASES[case]
    params = data if case == "unknown preset" else _link(data)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    warnings = [shown(w.value) for w in at.warning]
    assert len(warnings) == 1, warnings
    assert "could not be used" in warnings[0] and fragment in warnings[0], warnings[0]
    assert at.session_state[keys.SETUP] == SEED
    # Usable: Build & Train opens on the default network, and the warning goes once
    # the user changes the setup.
    on_page(at, BUILD)
    assert metric_values(at)["Parameters"] == f"{SEED.model.total_params():,}"
    widget(at, "number_input", ".units.1").set_value(32).run()
    assert not at.exception and not at.warning


# ------------------------------------------------------------------ a loss that explodes

# A linear regression head trained by SGD at learning rate 10 on one batch per epoch
# diverges geometrically: the loss is finite for a few epochs, then overflows (the
# same setup as the engine's unit test, here through the page).
EXPLODING = _mutate(lambda d: d.update(
    model={"nodes": [
        {"name": "input", "type": "input", "columns": [f"x{i}" for i in range(20)]},
        {"name": "value", "type": "output", "inputs": ["input"], "units": 1,
         "activation": "linear", "task": "regression", "target": "value",
         "loss": "mean_squared_error"}]},
    data={"name": "multi-task", "params": {"n_samples": 200}, "seed": 42},
    train={"optimizer": "sgd", "learning_rate": 10.0, "epochs": 40, "batch_size": 4096,
           "validation_split": 0.2, "seed": 42}))


def test_exploding_loss_says_why_and_keeps_the_epochs_before_it(app):
    at = on_page(app, ARCHITECTURE)
    at.file_uploader(key=keys.ARCH_SETUP_UPLOADER).upload(
        "explode.json", json.dumps(EXPLODING).encode(), "application/json").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key=keys.ARCH_TRAIN).click().run()
    run_until(at, lambda a: last_run(a) is not None)
    run = last_run(at)
    assert run.result.status == "stopped", run.result.message
    kept = run.result.epochs_run
    assert 2 <= kept < 40
    assert {len(v) for v in run.result.history.values()} == {kept}
    warnings = [shown(w.value) for w in at.warning]
    assert any("The loss became" in w and "learning rate 10 is probably too high" in w
               and f"{kept} epochs before it are kept" in w for w in warnings), warnings
    # The epochs before it count as a usable run: evaluated and shown.
    assert at.session_state[keys.EVAL_RUN] is run
    assert "Test loss" in metric_values(at)
    on_page(at, EVALUATE)
    assert not at.error and f"{kept} of 40 epochs" in " ".join(c.value for c in at.caption)


# ------------------------------------------------------------------ faults

WORKER_SECONDS = 120.0
"""How long the pool may take to replace a worker on a loaded machine."""


def test_killed_worker_fails_the_training_and_the_next_one_works(build):
    pool = get_pool()
    widget(build, "number_input", ".epochs").set_value(200).run()
    build.button(key=keys.TRAIN).click().run()
    handle = build.session_state[keys.JOB]
    run_until(build, lambda a: handle.latest_epoch() is not None)
    os.kill(handle.worker_pid, signal.SIGKILL)
    run_until(build, lambda a: last_run(a) is not None and last_run(a).job_id == handle.id)
    assert last_run(build).result.status == "failed"
    errors = [e.value for e in build.error]
    assert any("Training failed" in e and "stopped unexpectedly" in e for e in errors), errors
    assert build.get("progress")[0].proto.text.startswith("Failed: ")
    # The pool replaces the worker and the next training runs normally.
    wait_until(lambda: pool.alive_workers() == pool.ready_workers() == pool.size,
               WORKER_SECONDS, what="a replacement worker")
    run = train_and_wait(build, epochs=2)
    assert run.result.status == "completed", run.result.message
    assert not build.error
    # No worker is left over (a worker that just ran its last job exits on its own).
    wait_until(lambda: pool.alive_workers() == pool.size and pool.warm(timeout=0),
               WORKER_SECONDS, what="no worker beyond the pool's size")


# ------------------------------------------------------------------ a closed tab


def _session_of(handle: Any) -> session_jobs.SessionJobs:
    found = [s for s in list(session_jobs._SESSIONS.values()) if handle in s.unfinished()]
    assert len(found) == 1
    return found[0]


def test_a_closed_tab_cancels_its_training(build, monkeypatch):
    monkeypatch.setattr(session_jobs, "GRACE_SECONDS", 0.5)
    widget(build, "number_input", ".epochs").set_value(200).run()
    build.button(key=keys.TRAIN).click().run()
    handle = build.session_state[keys.JOB]
    run_until(build, lambda a: handle.latest_epoch() is not None)
    # What Streamlit does the moment a tab's websocket closes (disconnect_session).
    clear_session_resource_cache(_session_of(handle).session_id)
    assert handle.wait(timeout=15), "the job was not cancelled"
    assert handle.status() == "stopped" and handle.result().epochs_run < 200


def test_a_session_that_comes_back_keeps_its_training(build, monkeypatch):
    monkeypatch.setattr(session_jobs, "GRACE_SECONDS", 1.5)
    widget(build, "number_input", ".epochs").set_value(200).run()
    build.button(key=keys.TRAIN).click().run()
    handle = build.session_state[keys.JOB]
    clear_session_resource_cache(_session_of(handle).session_id)
    build.run()  # the session reconnects and runs again within the grace period
    time.sleep(2.5)
    assert not handle.done(), handle.status()
    handle.cancel()
    run_until(build, lambda a: last_run(a) is not None)


# ------------------------------------------------------------------ a link naming an absent upload


def test_a_link_naming_an_upload_not_on_this_server_says_so_and_keeps_the_setup():
    from funcnet.export.share import job_to_query
    from funcnet.model.spec import DataSpec, Job, TrainConfig

    base = PRESETS["deep"].job
    absent = DataSpec("csv", (("sha256", "ab" * 32), ("target", "label"), ("task", "binary")))
    train = TrainConfig(epochs=37, learning_rate=0.005, batch_size=64)
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in job_to_query(Job(base.model, absent, train)).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    warnings = [shown(w.value) for w in at.warning]
    assert len(warnings) == 1 and "not on this server" in warnings[0], warnings
    kept = at.session_state[keys.SETUP]
    assert kept.train == train  # the training settings are the link's
    hidden = [(n.units, n.activation) for n in kept.model.nodes if n.type == "dense"]
    assert hidden == [(n.units, n.activation) for n in base.model.nodes if n.type == "dense"]
    assert kept.data == SEED.data  # on data this server has, said in the warning

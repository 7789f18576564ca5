"""Fairness on one shared server: admission rules and the pool's owner round-robin."""

from __future__ import annotations

import time

import pytest

from funcnet.messages import InputError
from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train import admission
from funcnet.train.admission import (
    Owner,
    Rules,
    Running,
    Training,
    admit,
    dispatch_order,
    to_yield,
    yield_after_seconds,
)
from funcnet.train.pool import WorkerPool
from funcnet.train.results import RunOptions

ANNA_TAB1 = Owner("s1", "anna", "3B")
ANNA_TAB2 = Owner("s2", "anna", "3B")
BRUNO = Owner("s3", "bruno", "3B")


def _code(owner, active, rules=None):
    with pytest.raises(InputError) as caught:
        admit(owner, active, rules)
    return caught.value.code


def test_one_running_and_one_waiting_per_browser_across_tabs():
    admit(ANNA_TAB1, [])
    admit(ANNA_TAB1, [Training(ANNA_TAB1, running=True)])
    full = [Training(ANNA_TAB1, running=True), Training(ANNA_TAB1, running=False)]
    assert _code(ANNA_TAB1, full) == "admission.own_busy"
    assert _code(ANNA_TAB2, full) == "admission.own_busy"  # another tab of the same browser
    admit(BRUNO, full)  # a classmate is not held back by it


def test_a_session_without_browser_id_counts_by_itself():
    lone = Owner("s9")
    assert lone.key == "session:s9"
    assert _code(lone, [Training(lone, True), Training(lone, True)]) == "admission.own_busy"
    admit(Owner("s10"), [Training(lone, True), Training(lone, True)])


def test_the_class_queue_is_bounded():
    rules = Rules(board_queue=2, server_queue=5)
    waiting = [Training(Owner(f"s{i}", f"b{i}", "3B"), running=False) for i in range(2)]
    assert _code(BRUNO, waiting, rules) == "admission.queue_full"
    admit(Owner("x", "carla", "4A"), waiting, rules)  # another class's board still has room
    everywhere = [Training(Owner(f"s{i}", f"b{i}", f"c{i}"), running=False) for i in range(5)]
    assert _code(Owner("y", "dora"), everywhere, rules) == "admission.queue_full"


def test_the_queue_full_message_says_to_try_again():
    with pytest.raises(InputError, match="class queue is full.*try again in a moment"):
        admit(BRUNO, [Training(Owner(f"s{i}", f"b{i}", "3B"), False) for i in range(12)])


def test_queue_bounds_come_from_the_environment():
    rules = Rules.from_env({"FUNCNET_MAX_QUEUE": "40", "FUNCNET_MAX_BOARD_QUEUE": "7"})
    assert (rules.server_queue, rules.board_queue) == (40, 7)
    for bad in ("0", "-1", "many", "1e3", "9" * 40):
        with pytest.raises(InputError, match="FUNCNET_MAX_QUEUE"):
            Rules.from_env({"FUNCNET_MAX_QUEUE": bad})


def test_dispatch_takes_a_waiting_classmate_before_a_second_job_of_the_same_owner():
    assert dispatch_order(["anna", "anna", "bruno"], {"anna": 1}) == 2
    assert dispatch_order(["anna", "bruno"], {"anna": 1, "bruno": 1}) == 0  # equals: oldest
    assert dispatch_order(["", "", ""], {"": 2}) == 0  # unowned jobs (CLI, tests): FIFO
    assert dispatch_order(["anna"], {"anna": 5}) == 0  # nobody else waits: it runs
    # One worker: anna's first job just ended, so bruno (never served) goes first.
    assert dispatch_order(["anna", "bruno"], {}, {"anna": 1}) == 1
    assert dispatch_order(["anna", "bruno"], {}, {"anna": 3, "bruno": 2}) == 1
    assert dispatch_order(["", ""], {}, {"": 7}) == 0


def _job(epochs: int) -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(8)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 200}), TrainConfig(epochs=epochs))


def test_the_pool_starts_a_classmate_before_a_second_long_job_of_one_owner():
    pool = WorkerPool(workers=1)
    try:
        assert pool.warm(timeout=180)
        options = RunOptions(keep_model=False, diagnostics=False)
        first = pool.submit(_job(500), options, owner="anna")
        second = pool.submit(_job(500), options, owner="anna")
        classmate = pool.submit(_job(2), options, owner="bruno")
        deadline = time.monotonic() + 120
        while first.latest_epoch() is None:
            assert time.monotonic() < deadline and not first.done()
            time.sleep(0.05)
        first.cancel()
        assert classmate.result(timeout=120).status == "completed"
        # It waited behind the classmate, then starts.
        while not any(e["type"] == "started" for e in second.events()):
            assert time.monotonic() < deadline and not second.done()
            time.sleep(0.05)
        second.cancel()
        second.result(timeout=60)
        started = {name: [e["time"] for e in h.events() if e["type"] == "started"][0]
                   for name, h in (("classmate", classmate), ("second", second))}
        assert started["classmate"] < started["second"]
    finally:
        pool.shutdown()


def test_a_long_job_yields_to_a_waiting_classmate_once_past_the_time_share():
    long_anna, short_carl = Running("anna", 400.0), Running("carl", 20.0)
    assert to_yield([long_anna, short_carl], ["bruno"], after=300) == [0]
    # Under the time share nobody yields; nor to the owner's own second job.
    assert to_yield([Running("anna", 299.0), short_carl], ["bruno"], after=300) == []
    assert to_yield([long_anna, Running("carl", 900.0)], ["anna", "carl"], after=300) == []
    # The longest-running goes first, one per waiting classmate.
    both_long = [long_anna, Running("carl", 900.0)]
    assert to_yield(both_long, ["bruno"], after=300) == [1]
    assert to_yield(both_long, ["bruno", "dora"], after=300) == [1, 0]
    # A job already stopping frees a worker: a second yield is not needed for the same wait.
    stopping = [Running("anna", 900.0, stopping=True), Running("carl", 900.0)]
    assert to_yield(stopping, ["bruno"], after=300) == []
    assert to_yield(stopping, ["bruno", "dora"], after=300) == [1]
    # Unowned jobs (the CLI, benchmarks) are one owner: they never yield to each other.
    assert to_yield([Running("", 900.0)], [""], after=300) == []
    assert to_yield([], ["bruno"], after=300) == []


def test_the_time_share_comes_from_the_environment():
    assert yield_after_seconds({}) == admission.DEFAULT_YIELD_MINUTES * 60 == 300
    assert yield_after_seconds({"FUNCNET_YIELD_MINUTES": "20"}) == 1200
    assert yield_after_seconds({"FUNCNET_YIELD_MINUTES": " 0.5 "}) == 30
    for bad in ("0", "-1", "soon", "nan", "inf", "1e999", "9" * 40, "5 min"):
        with pytest.raises(InputError, match="FUNCNET_YIELD_MINUTES") as caught:
            yield_after_seconds({"FUNCNET_YIELD_MINUTES": bad})
        assert caught.value.code == "limits.bad_setting"


def test_admission_imports_neither_streamlit_nor_keras():
    assert "streamlit" not in admission.__dict__ and "keras" not in admission.__dict__

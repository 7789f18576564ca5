"""Fairness through the real page: one browser's tabs share a bound, a classmate is answered."""

from __future__ import annotations

import pytest
from apphelpers import APP, BUILD, last_run, run_until, widget
from streamlit.testing.v1 import AppTest

from funcnet.ui import gate, identity
from funcnet.ui import state as keys
from funcnet.ui.pool import get_pool


def _tab(browser: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state[keys.BROWSER_ID] = browser  # as the cookie would: every tab shares it
    at.run()
    at.switch_page(BUILD).run()
    assert not at.exception, at.exception
    widget(at, "number_input", ".epochs").set_value(500).run()
    return at


def _click_train(at: AppTest) -> list[str]:
    at.button(key=keys.TRAIN).click().run()
    assert not at.exception, at.exception
    return [e.value for e in at.error]


@pytest.fixture
def clean_gate():
    gate.clear()
    yield
    gate.clear()


def test_a_third_tab_is_told_and_a_classmate_is_answered(clean_gate):
    anna, bruno = identity.new_id(), identity.new_id()
    tabs = [_tab(anna), _tab(anna), _tab(anna)]
    classmate = _tab(bruno)
    try:
        assert _click_train(tabs[0]) == []  # running
        assert _click_train(tabs[1]) == []  # waiting (or running on the second worker)
        refused = _click_train(tabs[2])
        assert len(refused) == 1 and "already have a training running and one waiting" \
            in refused[0], refused
        assert keys.JOB not in tabs[2].session_state  # nothing was queued for it
        # A classmate's click is answered at once while Anna's long runs go on.
        assert _click_train(classmate) == []
        assert classmate.session_state[keys.JOB].status() in ("queued", "running")
        assert not tabs[0].session_state[keys.JOB].done()
    finally:
        for at in (*tabs, classmate):
            handle = at.session_state[keys.JOB] if keys.JOB in at.session_state else None  # noqa: SIM401
            if handle is not None:
                handle.cancel()


def _cancel_all(*tabs: AppTest) -> None:
    for at in tabs:
        handle = at.session_state[keys.JOB] if keys.JOB in at.session_state else None  # noqa: SIM401
        if handle is not None:
            handle.cancel()
            handle.wait(60)


def test_a_long_training_makes_way_for_a_waiting_classmate_and_says_so(clean_gate):
    anna, carl, bruno = (_tab(identity.new_id()) for _ in range(3))
    pool = get_pool()
    try:
        assert _click_train(anna) == [] and _click_train(carl) == []
        long_runs = [anna.session_state[keys.JOB], carl.session_state[keys.JOB]]
        run_until(anna, lambda a: all(h.latest_epoch() is not None for h in long_runs))
        assert _click_train(bruno) == []
        waiting = bruno.session_state[keys.JOB]
        assert waiting.status() == "queued"
        # Only now the time share (FUNCNET_YIELD_MINUTES, made short): on a slow machine
        # the long runs may already be past it when Bruno's click is answered.
        pool.yield_after = 4.0
        run_until(bruno, lambda a: waiting.status() != "queued", deadline=120)
        made_way = [at for at, h in zip((anna, carl), long_runs, strict=True) if h.done()]
        assert len(made_way) == 1
        page = made_way[0]
        handle = page.session_state[keys.JOB]
        run_until(page, lambda a: last_run(a) is not None and last_run(a).job_id == handle.id)
        result = last_run(page).result
        assert result.status == "stopped" and result.message_code == "jobs.yielded"
        assert 1 <= result.epochs_run < 500 and result.ok  # the epochs and the model are kept
        # The page says why, as it does when the loss overflows; the results stay drawn.
        warnings = [w.value for w in page.warning]
        assert any(w.startswith(f"Stopped at epoch {result.epochs_run} of 500.")
                   and "while a classmate waited for a free worker, so it made way" in w
                   for w in warnings), warnings
        assert not page.error and page.metric
        # Kept as a stopped run with the rest (Compare runs reads the same records).
        assert page.session_state[keys.EVAL_RUN].job_id == handle.id
        # The student whose job was not stopped trains on.
        other = carl if page is anna else anna
        assert not other.session_state[keys.JOB].done()
    finally:
        pool.yield_after = None
        _cancel_all(anna, carl, bruno)


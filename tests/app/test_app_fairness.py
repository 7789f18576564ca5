"""Fairness through the real page: one browser's tabs share a bound, a classmate is answered."""

from __future__ import annotations

import pytest
from apphelpers import APP, BUILD, widget
from streamlit.testing.v1 import AppTest

from funcnet.ui import gate, identity
from funcnet.ui import state as keys


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

"""Every number widget takes its bounds from the declared limits (funcnet.model.limits)."""

from __future__ import annotations

import pytest

from funcnet.classroom import lesson
from funcnet.data.catalog import DATASETS
from funcnet.model import limits
from funcnet.ui import state as keys

# The end of a widget's key -> the constraint it edits.
BY_KEY = {
    "test_fraction": limits.TEST_FRACTION,
    "data_seed": limits.SEED,
    "layers": limits.HIDDEN_LAYERS,
    "units": limits.EDITOR_UNITS,
    "dropout": limits.DROPOUT,
    "epochs": limits.EPOCHS,
    "validation_split": limits.VALIDATION_SPLIT,
    "early_stopping": limits.EARLY_STOPPING_PATIENCE,
    "learning_rate": limits.LEARNING_RATE,
    "batch_size": limits.BATCH_SIZE,
    "train_seed": limits.SEED,
    "noise_epochs": limits.NOISE_EPOCHS,
    "repeat_seeds": limits.REPEAT_SEEDS,
}


def _constraint(key: str) -> tuple[float, float]:
    parts = key.split(".")
    if parts[-1].isdigit():  # units.2, dropout.1
        parts = parts[:-1]
    name = parts[-1]
    if name in BY_KEY:
        interval = BY_KEY[name]
        return interval.widget_min, interval.widget_max
    if "data" in parts or name == "features":  # a data set's own parameter: the catalogue's
        dataset = parts[-2] if "data" in parts else "seed-random"
        param = {p.name: p for p in DATASETS[dataset].params}[
            "n_features" if name == "features" else name]
        return param.low, param.high
    raise AssertionError(f"widget {key!r} has no declared limit")


def _check_every_number_input(at) -> int:
    assert not at.exception, at.exception
    for widget in at.number_input:
        low, high = _constraint(widget.key)
        assert (widget.min, widget.max) == (pytest.approx(low), pytest.approx(high)), widget.key
    return len(at.number_input)


def test_build_and_train_widgets_match_the_table(build):
    assert _check_every_number_input(build) >= 10
    validation = [w for w in build.number_input if w.key.endswith("validation_split")][0]
    assert validation.max == pytest.approx(0.89)  # the spec allows [0, 0.9), not 0.5
    rate = [w for w in build.number_input if w.key.endswith("learning_rate")][0]
    assert rate.min == pytest.approx(limits.LEARNING_RATE.step)


def test_lesson_widgets_match_the_table(app):
    app.switch_page("app_pages/lessons.py").run()
    seen = 0
    for step in range(1, len(lesson.STEPS) + 1):
        app.session_state[keys.LESSON_STEP] = step
        app.run()
        seen += _check_every_number_input(app)
    app.session_state[keys.LESSON] = "noise"
    app.run()
    seen += _check_every_number_input(app)
    assert seen >= 6


def test_architecture_widgets_match_the_table(app):
    app.switch_page("app_pages/architecture.py").run()
    assert _check_every_number_input(app) >= 1


def test_compare_widgets_match_the_table(app):
    app.switch_page("app_pages/compare_runs.py").run()
    assert _check_every_number_input(app) == 1  # the repeat's seeds


def test_a_training_over_the_work_cap_is_refused_before_it_is_queued(build, monkeypatch):
    monkeypatch.setenv("FUNCNET_MAX_PARAMS", "1000")
    build.button(key=keys.TRAIN).click().run()
    assert not build.exception
    errors = " ".join(e.value for e in build.error)
    assert "5,569 parameters" in errors and "1,000" in errors and "FUNCNET_MAX_PARAMS" in errors
    assert keys.JOB not in build.session_state  # nothing was queued
    assert build.metric  # the page still shows what it showed


@pytest.mark.parametrize("variable", ["FUNCNET_YIELD_MINUTES", "FUNCNET_MAX_QUEUE"])
def test_a_bad_fairness_setting_is_said_on_the_click_and_queues_nothing(build, monkeypatch,
                                                                       variable):
    monkeypatch.setenv(variable, "soon")
    build.button(key=keys.TRAIN).click().run()
    assert not build.exception
    errors = " ".join(e.value for e in build.error)
    assert f"The server setting {variable} must be a positive number" in errors, errors
    assert keys.JOB not in build.session_state

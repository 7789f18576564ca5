"""Lessons: the notebook's seven steps on a setup of their own, and learning noise."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from apphelpers import APP, BUILD, chart_titles, last_run, run_until, widget
from streamlit.testing.v1 import AppTest
from test_app_language import _foreign, visible_texts

from funcnet.classroom import conclusions, lesson, lesson_code
from funcnet.model.presets import PRESETS
from funcnet.ui import state as keys
from funcnet.ui.lessons import steps
from funcnet.ui.texts import (
    TEXTS,
    catalogue,  # noqa: E402
)

TEXTS_PT = catalogue("pt")

LESSONS = "app_pages/lessons.py"
HEADINGS = [f"Step {k} of 7 · {TEXTS[f'lessons.step.{name}.title']}"
            for k, name in enumerate(lesson.STEPS, start=1)]


@pytest.fixture
def lessons(app):
    app.switch_page(LESSONS).run()
    assert not app.exception, app.exception
    return app


def setup_of(at):
    """The lesson's own setup (the session's stays apart: `session_setup_of`)."""
    return at.session_state[keys.LESSON_SETUP]


def session_setup_of(at):
    return at.session_state[keys.SETUP]


def code_shown(at) -> str:
    blocks = [c.value for c in at.code if c.language == "python"]
    assert len(blocks) == 1, blocks
    return blocks[0]


def code_lines(at) -> list[str]:
    """The code shown, without the step marks."""
    return [re.sub(r"  # ← step \d$", "", line) for line in code_shown(at).splitlines()]


def marked_lines(at, step: int) -> list[str]:
    return [line.removesuffix(f"  # ← step {step}") for line in code_shown(at).splitlines()
            if line.endswith(f"  # ← step {step}")]


def heading(at) -> str:
    return at.subheader[0].value


def check_step(at, step: int) -> None:
    """The heading, and the code: steps 1..k of the current setup, step k's lines marked."""
    assert not at.exception, at.exception
    assert heading(at) == HEADINGS[step - 1]
    job = setup_of(at)
    assert code_lines(at) == [line.text for line in lesson_code.lesson_code(job, step)]
    assert marked_lines(at, step) == [line.text for line in lesson_code.step_lines(job, step)]


def next_step(at) -> None:
    at.button(key=keys.LESSON_NEXT).click().run()


def metric(at, label: str) -> list[str]:
    return [m.value for m in at.metric if m.label == label]


def test_the_lessons_seven_steps(lessons):
    at = lessons
    assert setup_of(at) == PRESETS["seed"].job  # a fresh session has the notebook's network
    assert at.button(key=keys.LESSON_BACK).disabled

    # 1 · the input: its width is the random-label set's feature count.
    check_step(at, 1)
    assert code_lines(at) == ["from keras import Input", "inputs = Input(shape=(20,))"]
    at.number_input(key=keys.LESSON_FEATURES).set_value(12).run()
    check_step(at, 1)
    assert "inputs = Input(shape=(12,))" in code_lines(at)
    job = setup_of(at)
    assert job.data.param("n_features") == 12 and len(job.model.inputs[0].columns) == 12
    before = len(code_lines(at))

    # 2 · hidden layers: units, count, activation.
    next_step(at)
    check_step(at, 2)
    assert len(code_lines(at)) == before + 3  # import + two Dense lines
    at.number_input(key=f"{keys.LESSON_UNITS}.1").set_value(32).run()
    at.number_input(key=keys.LESSON_LAYERS).set_value(3).run()
    at.selectbox(key=f"{keys.LESSON_ACTIVATION}.3").set_value("tanh").run()
    check_step(at, 2)
    assert marked_lines(at, 2)[1:] == ['x = Dense(32, activation="relu")(inputs)',
                                       'x = Dense(64, activation="relu")(x)',
                                       'x = Dense(64, activation="tanh")(x)']
    model = setup_of(at).model
    assert [n.units for n in model.nodes if n.type == "dense"] == [32, 64, 64]
    assert model.node("dense_3").activation == "tanh"
    before = len(code_lines(at))

    # 3 · the output: sigmoid is right; softmax is explained, and reaches the code.
    next_step(at)
    check_step(at, 3)
    assert len(code_lines(at)) == before + 1
    assert at.success and not at.warning
    at.selectbox(key=keys.LESSON_OUTPUT).set_value("softmax").run()
    check_step(at, 3)
    assert marked_lines(at, 3) == ['outputs = Dense(1, activation="softmax")(x)']
    assert setup_of(at).model.outputs[0].activation == "softmax"
    assert "always outputs 1.0" in at.warning[0].value
    at.selectbox(key=keys.LESSON_OUTPUT).set_value("sigmoid").run()
    assert setup_of(at).model.outputs[0].activation == "sigmoid"
    before = len(code_lines(at))

    # 4 · the model: nothing to choose; every layer's parameters, from the spec.
    next_step(at)
    check_step(at, 4)
    assert len(code_lines(at)) == before + 3  # import, Model(...), summary()
    total = setup_of(at).model.total_params()
    assert total == (12 * 32 + 32) + (32 * 64 + 64) + (64 * 64 + 64) + (64 + 1)
    assert metric(at, "Total parameters") == [f"{total:,}"]
    table = at.dataframe[0].value
    assert table["params"].tolist() == [f"{n:,}" for n in
                                        setup_of(at).model.param_counts().values()]
    assert table["how"].tolist()[1] == "12 × 32 weights + 32 biases"
    before = len(code_lines(at))

    # 5 · compile: optimizer and learning rate.
    next_step(at)
    check_step(at, 5)
    assert len(code_lines(at)) == before + 6  # import + five lines of compile(...)
    at.selectbox(key=keys.LESSON_OPTIMIZER).set_value("sgd").run()
    at.number_input(key=keys.LESSON_LEARNING_RATE).set_value(0.05).run()
    check_step(at, 5)
    assert "from keras.optimizers import SGD" in code_lines(at)
    assert "    optimizer=SGD(learning_rate=0.05)," in code_lines(at)
    train = setup_of(at).train
    assert (train.optimizer, train.learning_rate) == ("sgd", 0.05)
    before = len(code_lines(at))

    # 6 · train: a short run, through the live view like every training.
    next_step(at)
    check_step(at, 6)
    assert len(code_lines(at)) == before + 11  # numpy import, data, fit(...)
    at.number_input(key=keys.LESSON_EPOCHS).set_value(3).run()
    at.number_input(key=keys.LESSON_BATCH_SIZE).set_value(64).run()
    check_step(at, 6)
    assert {"    epochs=3,", "    batch_size=64,"} <= set(marked_lines(at, 6))
    assert (setup_of(at).train.epochs, setup_of(at).train.batch_size) == (3, 64)
    at.button(key=keys.LESSON_TRAIN).click().run()
    assert not at.exception, at.exception
    handle = at.session_state[keys.JOB]
    assert handle.job == setup_of(at)
    before = len(code_lines(at))

    # 7 · evaluate: moving on does not lose the running training.
    next_step(at)
    check_step(at, 7)
    assert len(code_lines(at)) == before + 3
    assert at.button(key=keys.LESSON_NEXT).disabled
    assert at.session_state[keys.JOB] is handle and handle.status() != "stopped"
    run_until(at, lambda a: last_run(a) is not None and a.metric
              and not a.info)  # the live view while it trains, then the results
    run = last_run(at)
    assert run.job_id == handle.id and run.result.status == "completed"
    numbers = conclusions.run_numbers(run.result)
    assert metric(at, "Accuracy") == [f"{numbers.test_accuracy:.3f}"]
    assert metric(at, "AUC") == [f"{numbers.test_auc:.3f}"]
    assert {"ROC curve", "Confusion matrix"} <= set(chart_titles(at))
    closing = next(m.value for m in at.markdown if "test rows it never saw" in m.value)
    assert f"accuracy is {numbers.test_accuracy:.3f} and its AUC {numbers.test_auc:.3f}" \
        in closing
    assert f"reached {numbers.train_accuracy:.3f}" in closing or \
        f"ended at {numbers.train_accuracy:.3f}" in closing

    # The session's setup is still the notebook's; a click makes the lesson's its own.
    assert session_setup_of(at) == PRESETS["seed"].job
    lesson_job = setup_of(at)
    at.button(key=keys.LESSON_USE_IN_BUILD).click().run()
    assert not at.exception, at.exception
    assert session_setup_of(at) == lesson_job
    assert widget(at, "number_input", ".units.1").value == 32  # now on Build & Train
    assert widget(at, "number_input", ".layers").value == 3
    assert widget(at, "selectbox", ".optimizer").value == "sgd"


def test_back_keeps_the_choices(lessons):
    at = lessons
    next_step(at)
    at.number_input(key=f"{keys.LESSON_UNITS}.2").set_value(16).run()
    next_step(at)
    at.button(key=keys.LESSON_BACK).click().run()
    check_step(at, 2)
    assert at.number_input(key=f"{keys.LESSON_UNITS}.2").value == 16


def test_evaluate_without_a_training_points_back_to_step_6(lessons):
    at = lessons
    at.session_state[keys.LESSON_STEP] = 7
    at.run()
    check_step(at, 7)
    assert "go back to step 6" in at.info[0].value
    at.button(key="lessons.back_to_fit").click().run()
    check_step(at, 6)


def test_the_lesson_keeps_the_users_setup_and_works_on_its_own(app):
    at = app
    at.switch_page(BUILD).run()
    widget(at, "selectbox", ".preset").set_value("residual").run()
    at.button(key=keys.LOAD_PRESET).click().run()
    residual = session_setup_of(at)
    at.switch_page(LESSONS).run()
    check_step(at, 1)
    assert setup_of(at) == PRESETS["seed"].job  # not a plain stack: the notebook's network
    at.number_input(key=keys.LESSON_FEATURES).set_value(12).run()
    assert lesson.lesson_network(setup_of(at)).features == 12
    assert session_setup_of(at) == residual  # the user's own setup is untouched
    at.switch_page(BUILD).run()
    assert not at.exception, at.exception
    assert session_setup_of(at) == residual
    assert any("not a plain stack" in i.value for i in at.info)
    at.switch_page(LESSONS).run()  # ... and the lesson goes on where it was
    assert lesson.lesson_network(setup_of(at)).features == 12


def test_lesson_two_learns_signal_but_not_noise(lessons):
    at = lessons
    at.segmented_control(key=keys.LESSON_PICK).set_value("noise").run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "Can a network learn noise?"
    at.number_input(key=keys.LESSON_NOISE_EPOCHS).set_value(20).run()
    at.button(key=keys.LESSON_NOISE_START).click().run()
    race = at.session_state[keys.LESSON_NOISE]
    assert [job.data.name for job in race.jobs.values()] == ["seed-random", "classification"]
    assert race.jobs["noise"].model == race.jobs["signal"].model
    assert race.jobs["noise"].train.epochs == 20
    assert at.button(key=keys.LESSON_NOISE_START).disabled
    run_until(at, lambda a: a.session_state[keys.LESSON_NOISE].done)
    run_until(at, lambda a: len(metric(a, "Test AUC")) == 2)
    noise_auc, signal_auc = (float(v) for v in metric(at, "Test AUC"))
    assert 0.3 <= noise_auc <= 0.7
    assert signal_auc >= 0.8
    numbers = {name: conclusions.run_numbers(result) for name, result in race.results.items()}
    assert noise_auc == pytest.approx(numbers["noise"].test_auc, abs=5e-4)
    conclusion = next(m.value for m in at.markdown if m.value.startswith("On random labels"))
    assert f"test AUC is {noise_auc:.3f}" in conclusion
    assert f"test AUC of {signal_auc:.3f}" in conclusion
    # The noise run's training accuracy is drawn beside a validation curve.
    assert chart_titles(at).count("Accuracy per epoch") == 2
    # Both runs are kept like every other training: Compare runs lists them.
    at.switch_page("app_pages/compare_runs.py").run()
    assert not at.exception, at.exception
    assert "All runs (2)" in [h.value for h in at.subheader]


def test_next_clicked_right_after_train_still_starts_the_training(lessons, monkeypatch):
    """Next arriving while the Train run still draws interrupts it; the click must hold."""
    at = lessons
    at.session_state[keys.LESSON_STEP] = 6
    at.run()
    check_step(at, 6)
    draw_code_panel = steps._code_panel
    next_pending = [True]

    def next_arrives(job, step):  # the Train run is cut short here, as Next's click does
        if next_pending:
            next_pending.clear()
            st.session_state[keys.LESSON_STEP] = 7
            st.rerun()
        draw_code_panel(job, step)

    at.button(key=keys.LESSON_TRAIN).click()
    monkeypatch.setattr(steps, "_code_panel", next_arrives)
    at.run()
    check_step(at, 7)
    assert keys.JOB in at.session_state, "the Train click was lost"
    handle = at.session_state[keys.JOB]
    assert handle.job == setup_of(at)
    assert not at.session_state[keys.LESSON_TRAIN_REQUESTED]  # used once, not again later
    run_until(at, lambda a: last_run(a) is not None and a.metric and not a.info)
    assert last_run(at).job_id == handle.id
    for _ in range(3):  # the click started one training, and nothing starts another
        at.run()
        assert keys.JOB not in at.session_state or at.session_state[keys.JOB] is handle


def _to_build(at):
    at.switch_page(BUILD).run()  # a link, or "Use in Build & Train"
    at.switch_page(LESSONS).run()


def _to_lesson_two(at):
    at.segmented_control(key=keys.LESSON_PICK).set_value("noise").run()
    at.segmented_control(key=keys.LESSON_PICK).set_value("steps").run()


@pytest.mark.parametrize("away_and_back", [_to_build, _to_lesson_two])
def test_a_train_click_the_student_walked_away_from_never_trains_later(
        lessons, monkeypatch, away_and_back):
    """Train, then at once another page or lesson: that click must not start a run later."""
    at = lessons
    at.session_state[keys.LESSON_STEP] = 6
    at.run()
    at.button(key=keys.LESSON_TRAIN).click()
    with monkeypatch.context() as patch:  # the click's run is cut short before the job starts
        patch.setattr(steps, "_code_panel", lambda job, step: st.stop())
        at.run()
    assert keys.JOB not in at.session_state
    away_and_back(at)
    check_step(at, 6)
    assert keys.JOB not in at.session_state
    next_step(at)
    check_step(at, 7)
    assert keys.JOB not in at.session_state


def test_the_stop_button_stops_both_runs(lessons):
    at = lessons
    at.segmented_control(key=keys.LESSON_PICK).set_value("noise").run()
    at.number_input(key=keys.LESSON_NOISE_EPOCHS).set_value(200).run()
    at.button(key=keys.LESSON_NOISE_START).click().run()
    at.button(key=keys.LESSON_NOISE_STOP).click().run()
    run_until(at, lambda a: a.session_state[keys.LESSON_NOISE].done)
    race = at.session_state[keys.LESSON_NOISE]
    assert {r.status for r in race.results.values()} == {"stopped"}
    assert all(r.epochs_run < 200 for r in race.results.values())


@pytest.mark.parametrize("lang", ["pt", "en"])
def test_every_step_speaks_one_language(lang):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(LESSONS).run()
    theirs, ours = (TEXTS, TEXTS_PT) if lang == "pt" else (TEXTS_PT, TEXTS)
    for step in range(1, 8):
        assert not at.exception, at.exception
        foreign = [(shown, ids) for shown in visible_texts(at)
                   if (ids := _foreign(shown, theirs, ours))]
        assert foreign == [], step
        if step < 7:
            at.button(key=keys.LESSON_NEXT).click().run()
    at.segmented_control(key=keys.LESSON_PICK).set_value("noise").run()
    assert [(s, ids) for s in visible_texts(at) if (ids := _foreign(s, theirs, ours))] == []

"""Lesson 1: the notebook's seven steps on a setup of the lesson's own.

It walks through the notebook's steps (input, hidden layers, output,
model, compile, train, evaluate) on a setup of its own: every choice a step
offers edits the lesson's network, and the code of steps 1..k grows beside
the explanation. The session's setup (what Build & Train and the other pages
show) is never changed by the lesson; a button copies the lesson's network
over when the student asks. The lesson starts from the session's setup when
that is the lesson's kind of network (a plain stack with one binary head on
the random-label data set, `funcnet.classroom.lesson.lesson_network`), else
from the notebook's network. Training runs through the same live view as
Build & Train, so moving between steps never loses it.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from funcnet.analysis import charts, evaluation
from funcnet.classroom import conclusions, lesson, lesson_code
from funcnet.data.catalog import DATASETS
from funcnet.model import limits
from funcnet.model.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, label_of
from funcnet.model.editing import as_stack, new_layer
from funcnet.model.presets import PRESETS, HiddenLayer
from funcnet.model.spec import OPTIMIZERS, Job
from funcnet.ui import (
    classroom,
    datasets,
    links,
    live,
    routes,
    runs,
    setup,
    state,
    widgets,
)
from funcnet.ui.lessons import train_request
from funcnet.ui.lessons.notes import note_text
from funcnet.ui.texts import (
    describe_error,
    fixed_language,
    fmt_int,
    t,
)


def lesson_setup() -> Job | None:
    """Returns the setup lesson 1 works on (kept under `state.LESSON_SETUP`).

    On first use it starts from the session's setup if that is the lesson's
    kind of network, else from the notebook's (`seed` preset); the session's
    setup itself stays as it is. A class link that hides the preset picker
    fixes the setup: the lesson then works only on that one, and `None` is
    returned if it does not fit.

    Returns:
        The lesson's setup, or `None`.
    """
    job = state.get(state.LESSON_SETUP)
    if job is not None:
        return job
    current = setup.current()
    if lesson.lesson_network(current) is not None and as_stack(current.model) is not None:
        job = current
    elif not classroom.shows("preset"):  # a class link fixes this setup
        return None
    else:
        job = PRESETS[setup.DEFAULT_PRESET].job
    state.put(state.LESSON_SETUP, job)
    return job


def _go_to(step: int) -> None:
    state.put(state.LESSON_STEP, lesson.check_step(step))


def _to_noise_lesson() -> None:
    state.put(state.LESSON, "noise")
    st.session_state[state.LESSON_PICK] = "noise"


def steps_lesson() -> None:
    """Draws lesson 1: the current step's idea, its choices, the code so far."""
    job = lesson_setup()
    if job is None:
        st.info(t("lessons.class_setup_unfit"), icon=":material/info:")
        return
    step = state.get(state.LESSON_STEP, 1)
    name = lesson.STEPS[step - 1]
    if name != "fit" and _take_training_request():
        # Train, then at once another step: the click still counts.
        widgets.started(lambda: runs.start_training(job))
    title_col, back_col, next_col = st.columns([8, 1.3, 1.3], vertical_alignment="bottom")
    with title_col:
        st.subheader(t("lessons.step_heading", step=step, total=len(lesson.STEPS),
                       title=t(f"lessons.step.{name}.title")))
    back_col.button(t("lessons.back"), key=state.LESSON_BACK, on_click=_go_to,
                    args=(step - 1,), disabled=step == 1, icon=":material/arrow_back:",
                    width="stretch")
    next_col.button(t("lessons.next"), key=state.LESSON_NEXT, on_click=_go_to,
                    args=(step + 1,), disabled=step == len(lesson.STEPS), type="primary",
                    icon=":material/arrow_forward:", icon_position="right", width="stretch")
    st.progress(step / len(lesson.STEPS))
    idea_col, code_col = st.columns([11, 9], gap="large")
    finished: runs.FinishedRun | None = None
    with idea_col:
        st.markdown(t(f"lessons.step.{name}.body"))
        try:
            job = CHOICES[name](job)
        except ValueError as error:  # the setup stays the last valid one
            st.error(t("lessons.choice_error", message=describe_error(error)),
                     icon=":material/error:")
        if name == "fit":
            _train_button()
        elif name == "evaluate":
            finished = evaluate_step(job)
    with code_col:
        _code_panel(job, step)
    if name == "fit":
        # Taken only now, where the job starts: a run interrupted before this line (Next
        # clicked right after Train) leaves the request to the next run, which starts it.
        live.train_and_follow(job, _take_training_request())
    elif name == "evaluate":
        if runs.running_handle() is not None:
            live.training_view(job)
        elif finished is not None:
            _roc_and_confusion(finished)


def _use_in_build(job: Job) -> None:
    """Offers to make the lesson's network the session's setup, then opens Build & Train."""
    if not classroom.shows_page(routes.BUILD) or setup.current() == job:
        return
    if st.button(t("lessons.use_in_build"), key=state.LESSON_USE_IN_BUILD,
                 help=t("lessons.use_in_build_help"), icon=":material/open_in_new:"):
        setup.replace_setup(job)
        state.put(state.PRESET, next((n for n, p in PRESETS.items() if p.job == job),
                                     setup.DEFAULT_PRESET))
        state.restart_widgets()
        links.switch_page(routes.BUILD)


def _code_panel(job: Job, step: int) -> None:
    st.markdown(f"**{t('lessons.code_header')}**")
    lines = lesson_code.lesson_code(job, step)
    st.code(lesson_code.code_text(lines, step, t("lessons.code_marker", step=step)),
            language="python", wrap_lines=True)  # the column is narrow: no line cut off
    new = len(lesson_code.step_lines(job, step))
    caption = "lessons.code_caption_one" if new == 1 else "lessons.code_caption"
    st.caption(t(caption, step=step, new=new, total=len(lines)))
    _use_in_build(job)


def _apply(job: Job, candidate: Job) -> Job:
    if candidate != job:
        state.put(state.LESSON_SETUP, candidate)
    return candidate


def choose_input(job: Job) -> Job:
    """Step 1: the width of the input (the random-label set's feature count).

    Args:
        job: The lesson's setup.

    Returns:
        The (possibly updated) setup.
    """
    network = lesson.lesson_network(job)
    param = next(p for p in DATASETS[lesson.RANDOM_DATASET].params if p.name == "n_features")
    features = st.columns(2)[0].number_input(
        t("lessons.features"), min_value=int(param.low), max_value=int(param.high), step=1,
        help=t("lessons.features_help"), disabled=not classroom.shows("dataset"),
        **state.bound(state.LESSON_FEATURES, int(network.features)),
    )
    return _apply(job, lesson.with_features(job, int(features)))


def choose_hidden(job: Job) -> Job:
    """Step 2: how many hidden layers, and the units and activation of each.

    Args:
        job: The lesson's setup.

    Returns:
        The (possibly updated) setup.
    """
    network = lesson.lesson_network(job)
    count = st.number_input(
        t("lessons.layers"), **limits.widget_bounds(limits.HIDDEN_LAYERS), step=1,
        **state.bound(state.LESSON_LAYERS, len(network.hidden)),
        disabled=not classroom.shows("layers"),
    )
    widths = [1.2, 2, 2]
    for col, text in zip(st.columns(widths), ("lessons.col_layer", "lessons.units",
                                              "lessons.activation"), strict=True):
        col.markdown(f"**{t(text)}**")
    hidden: list[HiddenLayer] = []
    for i in range(1, int(count) + 1):
        start = network.hidden[i - 1] if i <= len(network.hidden) else new_layer(hidden)
        label_col, units_col, act_col = st.columns(widths, vertical_alignment="center")
        label_col.markdown(t("lessons.layer_name", index=i))
        with units_col:
            units = st.number_input(
                t("lessons.units_of", index=i), **limits.widget_bounds(limits.EDITOR_UNITS),
                step=8, label_visibility="collapsed", disabled=not classroom.shows("units"),
                **state.bound(f"{state.LESSON_UNITS}.{i}", int(start.units)),
            )
        with act_col:
            activation = st.selectbox(
                t("lessons.activation_of", index=i), HIDDEN_ACTIVATIONS, format_func=label_of,
                label_visibility="collapsed", disabled=not classroom.shows("activations"),
                **state.bound_choice(f"{state.LESSON_ACTIVATION}.{i}",
                                     HIDDEN_ACTIVATIONS, start.activation),
            )
        hidden.append(replace(start, units=int(units), activation=activation))
    if classroom.shows_page(routes.ACTIVATIONS):
        st.page_link(routes.ACTIVATIONS, label=t("lessons.to_activations"),
                     icon=":material/function:")
    return _apply(job, lesson.with_hidden(job, hidden))


def choose_output(job: Job) -> Job:
    """Step 3: the output unit's activation, with what each choice means here.

    Args:
        job: The lesson's setup.

    Returns:
        The (possibly updated) setup.
    """
    network = lesson.lesson_network(job)
    activation = st.selectbox(
        t("lessons.output_activation"), list(ACTIVATIONS), format_func=label_of,
        help=t("lessons.output_activation_help"), disabled=not classroom.shows("output_head"),
        **state.bound_choice(state.LESSON_OUTPUT, list(ACTIVATIONS), network.output_activation),
    )
    job = _apply(job, lesson.with_output_activation(job, activation))
    if activation == "sigmoid":
        st.success(t("lessons.output_sigmoid"), icon=":material/check_circle:")
    elif activation == "softmax":
        st.warning(t("lessons.output_softmax"), icon=":material/warning:")
    else:
        st.warning(t("lessons.output_other", activation=label_of(activation),
                     range=ACTIVATIONS[activation].output_range), icon=":material/warning:")
    return job


def show_parameters(job: Job) -> Job:
    """Step 4: nothing to choose; the parameter count of every layer and the total.

    Args:
        job: The lesson's setup.

    Returns:
        The setup, unchanged.
    """
    rows = lesson_code.param_rows(job.model)
    table = [{
        "layer": row.call,
        "shape": f"(None, {row.units})",
        "params": fmt_int(row.params),
        "how": (t("lessons.params_input") if row.kind == "input" else
                t("lessons.params_formula", inputs=row.inputs, units=row.units)),
    } for row in rows]
    st.dataframe(table, hide_index=True, key="lessons.params_table", column_config={
        "layer": t("lessons.col_layer"),
        "shape": st.column_config.TextColumn(t("lessons.col_shape"), width="medium"),
        "params": st.column_config.TextColumn(t("lessons.col_params"), width="small"),
        "how": t("lessons.col_how"),
    })
    st.metric(t("lessons.total_params"), fmt_int(job.model.total_params()))
    return job


def choose_compile(job: Job) -> Job:
    """Step 5: the optimizer and its learning rate.

    Args:
        job: The lesson's setup.

    Returns:
        The (possibly updated) setup.
    """
    left, right = st.columns(2)
    with left:
        optimizer = st.selectbox(
            t("lessons.optimizer"), OPTIMIZERS,
            format_func=fixed_language(lambda v: t(f"optimizer.{v}")),
            disabled=not classroom.shows("optimizer"),
            **state.bound_choice(state.LESSON_OPTIMIZER, OPTIMIZERS, job.train.optimizer),
        )
    with right:
        learning_rate = st.number_input(
            t("lessons.learning_rate"),
            **limits.widget_bounds(limits.LEARNING_RATE), step=0.001,
            format="%g", help=t("lessons.learning_rate_help"),
            disabled=not classroom.shows("learning_rate"),
            **state.bound(state.LESSON_LEARNING_RATE, float(job.train.learning_rate)),
        )
    train = replace(job.train, optimizer=optimizer, learning_rate=float(learning_rate))
    return _apply(job, replace(job, train=train))


def choose_training(job: Job) -> Job:
    """Step 6: epochs, batch size and validation share (Train follows below them).

    Args:
        job: The lesson's setup.

    Returns:
        The (possibly updated) setup.
    """
    epochs_col, batch_col, split_col = st.columns(3)
    with epochs_col:
        epochs = st.number_input(
            t("lessons.epochs"), **limits.widget_bounds(limits.EPOCHS), step=1,
            disabled=not classroom.shows("epochs"),
            **state.bound(state.LESSON_EPOCHS, int(job.train.epochs)),
        )
    with batch_col:
        batch_size = st.number_input(
            t("lessons.batch_size"), **limits.widget_bounds(limits.BATCH_SIZE), step=8,
            disabled=not classroom.shows("batch_size"),
            **state.bound(state.LESSON_BATCH_SIZE, int(job.train.batch_size)),
        )
    with split_col:
        validation = st.number_input(
            t("lessons.validation_split"),
            **limits.widget_bounds(limits.VALIDATION_SPLIT), step=0.05,
            format="%.2f", help=t("lessons.validation_split_help"),
            disabled=not classroom.shows("validation_split"),
            **state.bound(state.LESSON_VALIDATION, float(job.train.validation_split)),
        )
    train = replace(job.train, epochs=int(epochs), batch_size=int(batch_size),
                    validation_split=float(validation))
    job = _apply(job, replace(job, train=train))
    train_rows, _ = lesson_code.split_sizes(job.data)
    steps = -(-round(train_rows * (1 - job.train.validation_split)) // job.train.batch_size)
    st.caption(t("lessons.fit_caption", rows=fmt_int(train_rows),
                 fit_rows=fmt_int(round(train_rows * (1 - job.train.validation_split))),
                 steps=fmt_int(steps), epochs=fmt_int(job.train.epochs)))
    return job


def _take_training_request() -> bool:
    """Whether Train was clicked and no run is going; the click is used up either way.

    Called right before the job is started and with no page element drawn in
    between, so a click on Next that interrupts the run cannot drop the request.
    """
    return train_request.take() and runs.running_handle() is None


def _train_button() -> None:
    # A callback, not the button's return value: callbacks run before the script, so a
    # click on Next right after Train cannot interrupt the run and drop the click.
    st.button(t("lessons.train"), type="primary", disabled=runs.running_handle() is not None,
              key=state.LESSON_TRAIN, icon=":material/play_arrow:", on_click=train_request.request)


def _unchanged(job: Job) -> Job:
    return job


CHOICES = {
    "input": choose_input,
    "hidden": choose_hidden,
    "output": choose_output,
    "model": show_parameters,
    "compile": choose_compile,
    "fit": choose_training,
    "evaluate": _unchanged,
}
"""What each step lets the student choose: a function drawing the widgets and
returning the (possibly updated) setup."""


def evaluate_step(job: Job) -> runs.FinishedRun | None:
    """Step 7: the last training's test metrics and what they say.

    While a training runs this says so (the page draws its live view below);
    without any finished training it points back to step 6.

    Args:
        job: The lesson's setup.

    Returns:
        The finished run whose ROC curve and confusion matrix the page draws
        below, or `None` when there is none to draw.
    """
    if runs.running_handle() is not None:
        st.info(t("lessons.still_training"), icon=":material/hourglass_top:")
        return None
    run: runs.FinishedRun | None = state.get(state.LAST_RUN)
    if run is None:
        st.info(t("lessons.no_run"), icon=":material/info:")
        st.button(t("lessons.back_to_fit"), key="lessons.back_to_fit", on_click=_go_to,
                  args=(lesson.STEPS.index("fit") + 1,))
        return None
    if run.job != job:
        st.caption(t("lessons.other_run", data=datasets.label(run.job.data.name),
                     params=fmt_int(run.job.model.total_params())))
    live.results_section(run)
    if not run.result.ok:
        return None
    numbers = conclusions.run_numbers(run.result)
    st.markdown(f"#### {t('lessons.end_header')}")
    if numbers is None:
        st.markdown(t("lessons.end.not_binary"))
    else:
        random_labels = run.job.data.name == lesson.RANDOM_DATASET
        notes = conclusions.evaluate_notes(numbers, random_labels)
        st.markdown(" ".join(note_text(note, data=datasets.label(run.job.data.name))
                             for note in notes))
    st.button(t("lessons.to_noise"), key=state.LESSON_TO_NOISE, on_click=_to_noise_lesson,
              icon=":material/arrow_forward:")
    head = next(iter(run.result.heads.values()))
    return run if head.task != "regression" else None


def _roc_and_confusion(run: runs.FinishedRun) -> None:
    head = next(iter(run.result.heads.values()))
    classes = list(head.classes)
    curves = evaluation.roc_curves(head.y_true, head.y_score, classes)
    matrix = evaluation.confusion(head.y_true, head.y_score, head.task)
    left, right = st.columns(2, gap="large")
    with left:
        widgets.plotly_chart(charts.roc_figure(curves, classes=classes,
                                               title=t("eval.roc_title")),
                             theme=None, key="lessons.roc")
    with right:
        widgets.plotly_chart(charts.confusion_figure(matrix, classes,
                                                     title=t("eval.confusion_title")),
                             theme=None, key="lessons.confusion")

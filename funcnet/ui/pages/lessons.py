"""The Lessons page: the notebook's seven steps on the real setup, and "can a network learn noise?".

Lesson 1 walks through the notebook's steps (input, hidden layers, output,
model, compile, train, evaluate) on the session's own setup: every choice a
step offers edits that setup, so Build & Train shows the same network
afterwards, and the code of steps 1..k grows beside the explanation. It
needs the lesson's kind of network (a plain stack with one binary head on
the random-label data set, `funcnet.classroom.lesson.lesson_network`); any other
setup is put aside, with a button to bring it back, and the notebook's
network is loaded instead. Training runs through the same live view as
Build & Train, so moving between steps never loses it.

Lesson 2 trains the notebook's network on the random labels and on a data
set of the same shape that has signal, both at once, and compares what
each learned.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from funcnet.analysis import charts, evaluation
from funcnet.classroom import lesson
from funcnet.data.catalog import DATASETS
from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.model.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, label_of
from funcnet.model.editing import as_stack, new_layer
from funcnet.model.presets import HiddenLayer
from funcnet.model.spec import OPTIMIZERS, Job
from funcnet.train.pool import JobHandle
from funcnet.train.results import RunOptions
from funcnet.ui import (
    classroom,
    datasets,
    gate,
    live,
    routes,
    runs,
    session_jobs,
    setup,
    state,
    widgets,
)
from funcnet.ui.pool import get_pool
from funcnet.ui.texts import (
    describe_error,
    describe_result_message,
    fixed_language,
    fmt_int,
    fmt_metric,
    t,
)

LESSONS = ("steps", "noise")
"""The page's two lessons: the notebook's seven steps, and learning noise."""

NOISE_EPOCHS = 40
"""Lesson 2's default epochs: enough for memorisation to show on random labels."""


RUNS = ("noise", "signal")
"""Lesson 2's two runs, in display order."""


# --------------------------------------------------------------------------- page


def render() -> None:
    """Draws the whole Lessons page."""
    runs.collect()
    st.title(t("lessons.title"))
    st.caption(t("lessons.intro"))
    chosen = _lesson_picker()
    if chosen == "steps":
        steps_lesson()
    else:
        noise_lesson()


def _lesson_picker() -> str:
    current = state.get(state.LESSON, LESSONS[0])
    chosen = st.segmented_control(
        t("lessons.pick"), LESSONS, required=True, label_visibility="collapsed",
        format_func=fixed_language(lambda name: t(f"lessons.pick.{name}")),
        default=current, key=state.bind(state.LESSON_PICK, current),
    ) or current
    state.put(state.LESSON, chosen)
    return chosen


# --------------------------------------------------------------------------- lesson 1


def lesson_setup() -> Job | None:
    """Returns the setup lesson 1 works on, loading the notebook's network if needed.

    A plain stack with one binary head on the random-label data set is kept
    as it is (the lesson goes on where the student left it). Anything else
    (another data set, a residual or multi-input graph) is kept aside under
    `state.LESSON_REPLACED` and replaced by the `seed` preset.

    A class link that hides the preset picker fixes the setup: an unfit one
    is then kept and `None` returned.

    Returns:
        The lesson's setup, which is also the session's setup, or `None`.
    """
    job = setup.current()
    if lesson.lesson_network(job) is not None and as_stack(job.model) is not None:
        return job
    if not classroom.shows("preset"):  # a class link fixes this setup: it stays
        return None
    state.put(state.LESSON_REPLACED, job)
    setup.load_preset(setup.DEFAULT_PRESET)
    return setup.current()


def _go_to(step: int) -> None:
    state.put(state.LESSON_STEP, lesson.check_step(step))
    state.put(state.LESSON_REPLACED, None)  # the note about a replaced setup has been seen


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
        try:
            runs.start_training(job)  # Train, then at once another step: the click still counts
        except InputError as error:  # over a cap or the queue is full: nothing was queued
            st.error(describe_error(error), icon=":material/block:")
    _replaced_note()
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
    clicked = False
    finished: runs.FinishedRun | None = None
    with idea_col:
        st.markdown(t(f"lessons.step.{name}.body"))
        try:
            job = CHOICES[name](job)
        except ValueError as error:  # the setup stays the last valid one
            st.error(t("lessons.choice_error", message=describe_error(error)),
                     icon=":material/error:")
        if name == "fit":
            clicked = _train_button()
        elif name == "evaluate":
            finished = evaluate_step(job)
    with code_col:
        _code_panel(job, step)
    if name == "fit":
        live.train_and_follow(job, clicked)
    elif name == "evaluate":
        if runs.running_handle() is not None:
            live.training_view()
        elif finished is not None:
            _roc_and_confusion(finished)


def _replaced_note() -> None:
    replaced: Job | None = state.get(state.LESSON_REPLACED)
    if replaced is None:
        return
    note_col, button_col = st.columns([5, 1.4], vertical_alignment="center")
    note_col.info(t("lessons.replaced", data=datasets.label(replaced.data.name),
                    params=fmt_int(replaced.model.total_params())), icon=":material/info:")
    if button_col.button(t("lessons.restore"), key=state.LESSON_RESTORE,
                         icon=":material/undo:", width="stretch"):
        state.put(state.LESSON_REPLACED, None)
        setup.replace_setup(replaced)
        state.restart_widgets()
        st.switch_page(routes.BUILD)


def _code_panel(job: Job, step: int) -> None:
    st.markdown(f"**{t('lessons.code_header')}**")
    lines = lesson.lesson_code(job, step)
    st.code(lesson.code_text(lines, step, t("lessons.code_marker", step=step)),
            language="python")
    new = len(lesson.step_lines(job, step))
    caption = "lessons.code_caption_one" if new == 1 else "lessons.code_caption"
    st.caption(t(caption, step=step, new=new, total=len(lines)))


def _apply(job: Job, candidate: Job) -> Job:
    if candidate != job:
        setup.replace_setup(candidate)
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
    rows = lesson.param_rows(job.model)
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
    train_rows, _ = lesson.split_sizes(job.data)
    steps = -(-round(train_rows * (1 - job.train.validation_split)) // job.train.batch_size)
    st.caption(t("lessons.fit_caption", rows=fmt_int(train_rows),
                 fit_rows=fmt_int(round(train_rows * (1 - job.train.validation_split))),
                 steps=fmt_int(steps), epochs=fmt_int(job.train.epochs)))
    return job


def _request_training() -> None:
    state.put(state.LESSON_TRAIN_REQUESTED, True)


def _take_training_request() -> bool:
    requested = bool(state.get(state.LESSON_TRAIN_REQUESTED))
    state.put(state.LESSON_TRAIN_REQUESTED, False)
    return requested and runs.running_handle() is None


def _train_button() -> bool:
    # A callback, not the button's return value: callbacks run before the script, so a
    # click on Next right after Train cannot interrupt the run and drop the click.
    st.button(t("lessons.train"), type="primary", disabled=runs.running_handle() is not None,
              key=state.LESSON_TRAIN, icon=":material/play_arrow:", on_click=_request_training)
    return _take_training_request()


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
    numbers = lesson.run_numbers(run.result)
    st.markdown(f"#### {t('lessons.end_header')}")
    if numbers is None:
        st.markdown(t("lessons.end.not_binary"))
    else:
        random_labels = run.job.data.name == lesson.RANDOM_DATASET
        notes = lesson.evaluate_notes(numbers, random_labels)
        st.markdown(" ".join(_note_text(note, data=datasets.label(run.job.data.name))
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


def _note_text(note: lesson.Note, **extra: str) -> str:
    """Writes one conclusion sentence: numbers as the language formats them."""
    key, values = note
    shown: dict[str, str] = dict(extra)
    for name, value in values.items():
        shown[name] = fmt_int(value) if isinstance(value, int) else fmt_metric(value)
    return t(f"lessons.{key}", **shown)


# --------------------------------------------------------------------------- lesson 2


def start_race(epochs: int) -> runs.RunGroup:
    """Submits lesson 2's two trainings at once and remembers them in the session.

    Args:
        epochs: Epochs of both runs.

    Returns:
        The new group, runs `"noise"` and `"signal"`; each is kept on the
        board (Compare runs) when it finishes, like every other training.
    """
    jobs = lesson.noise_pair(epochs)
    options = RunOptions(keep_model=False, diagnostics=False)
    pool = get_pool()

    def submit_pair(owner: str) -> dict[str, JobHandle]:
        return {name: pool.submit(jobs[name], options, owner=owner) for name in RUNS}

    handles = gate.submit([jobs[name] for name in RUNS], submit_pair,
                          lambda pair: tuple(pair.values()))
    return runs.start_group(state.LESSON_NOISE, jobs["noise"], handles, (runs.record_run,))


def _start_race_clicked() -> None:
    race: runs.RunGroup | None = state.get(state.LESSON_NOISE)
    if race is None or not race.running:
        try:
            start_race(int(st.session_state[state.LESSON_NOISE_EPOCHS]))
        except InputError as error:  # over a cap or the queue is full: nothing was queued
            state.put(state.RUN_REFUSED, describe_error(error))


def noise_lesson() -> None:
    """Draws lesson 2: the idea, the button that trains both runs, and their comparison."""
    st.subheader(t("lessons.noise.header"))
    st.markdown(t("lessons.noise.body"))
    race: runs.RunGroup | None = state.get(state.LESSON_NOISE)
    running = race is not None and race.running
    epochs_col, button_col = st.columns([1, 2], vertical_alignment="bottom")
    with epochs_col:
        epochs = st.number_input(
            t("lessons.noise.epochs"), **limits.widget_bounds(limits.NOISE_EPOCHS), step=5,
            help=t("lessons.noise.epochs_help"),
            **state.bound(state.LESSON_NOISE_EPOCHS, NOISE_EPOCHS),
        )
    with button_col:
        st.button(t("lessons.noise.start"), type="primary", disabled=running,
                  key=state.LESSON_NOISE_START, icon=":material/play_arrow:",
                  on_click=_start_race_clicked)
    refused = state.get(state.RUN_REFUSED)
    if refused:
        state.put(state.RUN_REFUSED, None)  # said once, next to the button
        st.error(refused, icon=":material/block:")
    pair = lesson.noise_pair(int(epochs))
    train_rows, test_rows = lesson.split_sizes(pair["noise"].data)
    st.caption(t("lessons.noise.caption", noise=datasets.label(pair["noise"].data.name),
                 signal=datasets.label(pair["signal"].data.name),
                 params=fmt_int(pair["noise"].model.total_params()),
                 train=fmt_int(train_rows), test=fmt_int(test_rows),
                 features=len(pair["noise"].model.inputs[0].columns)))
    if race is None:
        return
    # Fixed blocks, as in the live training view: a late auto-rerun of the fragment
    # never shifts the conclusion drawn after it.
    race_block, conclusion_block = st.container(), st.container()
    with race_block:
        st.fragment(_race_fragment, run_every=live.LIVE_SECONDS if running else None)()
    if race.done:
        with conclusion_block:
            _race_conclusion(race)


def _race_fragment() -> None:
    session_jobs.current()  # the fragment's runs show the session is still there
    race: runs.RunGroup | None = state.get(state.LESSON_NOISE)
    if race is None:
        return
    if runs.collect() and race.done:
        st.rerun()  # a fragment only redraws itself: the conclusion is drawn by the page
    with st.container(border=True):
        if race.running:
            st.button(t("lessons.noise.stop"), key=state.LESSON_NOISE_STOP,
                      icon=":material/stop:", on_click=race.stop)
        columns = st.columns(len(RUNS), gap="large")
        for column, name in zip(columns, RUNS, strict=True):
            with column:
                _race_run(race, name)


def _race_run(race: runs.RunGroup, name: str) -> None:
    handle = race.handles[name]
    job = handle.job
    st.markdown(f"**{t(f'lessons.noise.run_{name}', data=datasets.label(job.data.name))}**")
    progress = handle.progress()
    stopping = race.stop_requested and not progress.finished
    st.progress(progress.fraction, text=live.status_text(progress, stopping))
    figure = charts.history_figure(progress.history, "accuracy",
                                   total_epochs=progress.epochs,
                                   title=t("lessons.noise.curve_title"))
    figure.update_layout(height=360)
    widgets.plotly_chart(figure, theme=None, key=f"lessons.noise.curve.{name}")
    result = race.results.get(name)
    if result is None:
        return
    if not result.ok:
        reason = describe_result_message(result) or t("live.no_reason")
        st.error(t("live.failed_message", message=reason), icon=":material/error:")
        return
    summary = evaluation.head_summary(next(iter(result.heads.values())))
    accuracy_col, auc_col = st.columns(2)
    accuracy_col.metric(t("lessons.noise.test_accuracy"), fmt_metric(summary["accuracy"]))
    auc_col.metric(t("lessons.noise.test_auc"), fmt_metric(summary["auc"]))


def _race_conclusion(race: runs.RunGroup) -> None:
    noise = lesson.run_numbers(race.results["noise"])
    signal = lesson.run_numbers(race.results["signal"])
    if noise is None or signal is None:
        return
    st.markdown(f"#### {t('lessons.noise.end_header')}")
    label = datasets.label(race.jobs["signal"].data.name)
    st.markdown(" ".join(_note_text(note, data=label)
                         for note in lesson.noise_notes(noise, signal)))

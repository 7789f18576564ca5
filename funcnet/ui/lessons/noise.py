"""Lesson 2: can a network learn noise? The notebook's network on random labels and on signal.

It trains the notebook's network on the random labels and on a data set of
the same shape that has signal, both at once (one `RunGroup`), draws both
curves live, and compares what each learned.
"""

from __future__ import annotations

import streamlit as st

from funcnet.analysis import charts, evaluation
from funcnet.classroom import conclusions, lesson, lesson_code
from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.train.job_handle import JobHandle
from funcnet.train.results import RunOptions
from funcnet.ui import (
    datasets,
    gate,
    live,
    runs,
    session_jobs,
    state,
    widgets,
)
from funcnet.ui.lessons.notes import note_text
from funcnet.ui.pool import get_pool
from funcnet.ui.texts import (
    describe_error,
    describe_result_message,
    fmt_int,
    fmt_metric,
    t,
)

NOISE_EPOCHS = 40
"""Lesson 2's default epochs: enough for memorisation to show on random labels."""


RUNS = ("noise", "signal")
"""Lesson 2's two runs, in display order."""


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
    train_rows, test_rows = lesson_code.split_sizes(pair["noise"].data)
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
    noise = conclusions.run_numbers(race.results["noise"])
    signal = conclusions.run_numbers(race.results["signal"])
    if noise is None or signal is None:
        return
    st.markdown(f"#### {t('lessons.noise.end_header')}")
    label = datasets.label(race.jobs["signal"].data.name)
    st.markdown(" ".join(note_text(note, data=label)
                         for note in conclusions.noise_notes(noise, signal)))

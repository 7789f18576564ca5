"""The live training view of Build & Train and the results a finished run leaves.

The view is two fragments that rerun on their own while a job runs (and not
at all otherwise), reading the job handle kept in the session: the status
line with Stop every `LIVE_SECONDS`, the charts every `CHART_SECONDS`. When
the status line sees the job finished it stores the result and reruns the
whole page once, so the Train button, the metrics and the link to Evaluate
appear.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from funcnet.analysis import charts
from funcnet.analysis.evaluation import head_summary
from funcnet.data.datasets import Dataset, TargetInfo
from funcnet.markup import join_markdown
from funcnet.model.spec import Job, ModelSpec
from funcnet.train.handles import Handle
from funcnet.train.progress import Progress, format_duration
from funcnet.train.results import JobResult
from funcnet.ui import (
    classroom,
    datasets,
    fit_view,
    routes,
    runs,
    session_jobs,
    setup,
    state,
    widgets,
)
from funcnet.ui.pool import get_pool
from funcnet.ui.report_button import report_download
from funcnet.ui.texts import (
    describe_result_message,
    fmt_int,
    fmt_metric,
    language,
    t,
    t_plot,
)

LIVE_SECONDS = 0.5
"""How often the live view redraws while a job runs (at most a few times a second)."""


def head_metric_key(model: ModelSpec, metric: str) -> str:
    """Returns the Keras history key of the first head's `metric`.

    Args:
        model: The trained network.
        metric: `"accuracy"`, `"mae"`, ...

    Returns:
        `metric` for a single-head model, `"<head>_<metric>"` otherwise.
    """
    heads = model.outputs
    return metric if len(heads) == 1 else f"{heads[0].name}_{metric}"


def second_chart_metric(model: ModelSpec) -> str:
    """Returns the history key drawn beside the loss: accuracy, or MAE for regression.

    Args:
        model: The trained network.

    Returns:
        The history key of the first head's main metric.
    """
    task = model.outputs[0].task
    return head_metric_key(model, "mae" if task == "regression" else "accuracy")


def training_view(current: Job | None = None) -> None:
    """Draws the "what happens" row: data or decision boundary, loss and metric curves.

    Before any training it shows the current data set and empty curve
    frames; while a job runs its status line redraws itself every
    `LIVE_SECONDS` and its charts every `CHART_SECONDS`; once the job is done
    it shows the final curves and, below, the test results.

    Args:
        current: The setup the page works on (default: the session's; lesson 1
            has its own).
    """
    current = setup.current() if current is None else current
    handle: Handle | None = state.get(state.JOB)
    running = handle is not None and not handle.done()
    # Two blocks at fixed places in every run, whatever they hold: the auto-rerunning
    # fragments and the results below them never trade places with other elements.
    live_block, results_block = st.container(), st.container()
    _mark_results_shown(handle)  # before the fragments: this page run draws the results
    with live_block:
        unavailable_notice()
        with st.container(border=True):
            # Two fragments: the status line (with Stop) reruns often and costs little, so
            # a Stop click never waits behind charts; the charts, which the browser also
            # has to redraw, follow at a calmer pace.
            # A fragment's reruns call it with the arguments of the page's last full run.
            st.fragment(_status_fragment, run_every=LIVE_SECONDS if running else None)(current)
            st.fragment(_charts_fragment, run_every=CHART_SECONDS if running else None)(current)
    run: runs.FinishedRun | None = state.get(state.LAST_RUN)
    with results_block:
        if _mark_results_shown(handle):  # also a run the status line collected just now
            results_section(run)


def _mark_results_shown(handle: Handle | None) -> bool:
    """Notes that this page run draws `handle`'s results, if it has finished; returns whether."""
    run: runs.FinishedRun | None = state.get(state.LAST_RUN)
    shown = handle is not None and run is not None and run.job_id == handle.id
    if shown:
        state.put(state.RESULTS_SHOWN, handle.id)
    return shown


CHART_SECONDS = 1.0
"""How often the live view's charts redraw while a job runs (the status line: `LIVE_SECONDS`)."""


def _status_fragment(current: Job) -> None:
    """The live view's heading, Stop button and status line; reruns the page once done."""
    session_jobs.current()  # the fragment's runs show the session is still there
    handle: Handle | None = state.get(state.JOB)
    job = handle.job if handle is not None else current
    stopping = handle is not None and state.get(state.STOP_REQUESTED) == handle.id
    if handle is not None and state.get(state.STOP_JUST_PRESSED) == handle.id:
        # This run is the one the Stop click started: the engine says "stopped" as soon
        # as fitting ends (well under a second), so wait for that and show it now rather
        # than a tick later.
        state.put(state.STOP_JUST_PRESSED, None)
        wait_until_stopped(handle, STOP_WAIT_SECONDS)
    progress = _progress(handle, job)
    title_col, stop_col = st.columns([5, 1], vertical_alignment="center")
    with stop_col:
        if handle is not None and not progress.finished:
            # A callback, not `if st.button(...)`: it runs first thing in the rerun
            # the click triggers, whichever run (fragment or page) that turns out to be.
            st.button(t("live.stop"), key=state.STOP, icon=":material/stop:",
                      use_container_width=True, on_click=_stop, args=(handle,))
    with title_col:
        st.subheader(t("live.header"), anchor=LIVE_ANCHOR)
    st.progress(progress.fraction, text=status_text(progress, stopping))
    if handle is not None and handle.job != current:
        st.caption(t("live.other_setup", data=datasets.label(job.data.name),
                     params=fmt_int(job.model.total_params())))
    if handle is None or not handle.done() or runs.collect():
        return
    if state.get(state.RESULTS_SHOWN) != handle.id:
        # The run that collected the result drew "Stopped at epoch k" and ended; this
        # next one reruns the page for the final charts, the metrics and the buttons.
        # Not at once: a page rerun drops what the browser has not received yet, and
        # the status line would only show once the whole page is rebuilt (seconds on
        # a busy server).
        st.rerun()


def _charts_fragment(current: Job) -> None:
    """The live view's three panels: data or decision boundary, loss and metric curves."""
    handle: Handle | None = state.get(state.JOB)
    job = handle.job if handle is not None else current
    progress = _progress(handle, job)
    data_col, loss_col, metric_col = st.columns([6, 5, 5], gap="small")
    run_id = handle.id if handle is not None else None
    with data_col:
        _data_panel(current, handle.job if handle is not None else None, progress, run_id)
    with loss_col:
        _history_chart(run_id, progress, "loss", t("live.loss_title"), "train.loss_chart")
    metric = second_chart_metric(job.model)
    with metric_col:
        if not progress.history or metric in progress.history:
            _history_chart(run_id, progress, metric, None, "train.metric_chart")


def _progress(handle: Handle | None, job: Job) -> Progress:
    """Returns the run's progress, or the idle view's before any training."""
    return handle.progress() if handle is not None else Progress("idle",
                                                                 epochs=job.train.epochs)


STOP_WAIT_SECONDS = 0.8
"""How long the run a Stop click started waits for the training to say it stopped."""


def _stop(handle: Handle) -> None:
    handle.cancel()
    state.put(state.STOP_REQUESTED, handle.id)
    state.put(state.STOP_JUST_PRESSED, handle.id)


def wait_until_stopped(handle: Handle, seconds: float) -> bool:
    """Waits (at most `seconds`) until a cancelled run reports how it ended.

    Args:
        handle: A handle that was just cancelled.
        seconds: The longest wait.

    Returns:
        Whether the run's progress shows it finished.
    """
    deadline = time.monotonic() + seconds
    while not handle.progress().finished:
        if handle.done() or time.monotonic() >= deadline:
            return handle.progress().finished
        time.sleep(0.02)
    return True


def unavailable_notice() -> None:
    """Says so while the pool cannot train (its workers failed to start; it retries)."""
    availability = get_pool().availability()
    if not availability.ready:
        st.warning(t("live.unavailable", seconds=max(1, math.ceil(availability.retry_in))),
                   icon=":material/hourglass_empty:")


LIVE_ANCHOR = "live-training"
"""HTML id of the live view's heading."""

# The settings fill the first screen, so after Train the curves would start below the
# fold: bring them up once. The heading is drawn by the same run, so wait for it.
_SCROLL_SCRIPT = """<script>
(function (tries) {
  function go(left) {
    var target = document.getElementById("%s");
    if (target) { target.scrollIntoView({behavior: "smooth", block: "start"}); }
    else if (left > 0) { setTimeout(function () { go(left - 1); }, 100); }
  }
  go(tries);
})(30);
</script>"""


def train_and_follow(job: Job, clicked: bool) -> None:
    """Starts `job` when Train was clicked, then draws the live view and follows it.

    A click submits the job and reruns the page once, so every panel shows
    it as running; the rerun scrolls the live view into sight.

    Args:
        job: The current setup.
        clicked: Whether the page's Train button was pressed in this run.
    """
    if clicked and widgets.started(lambda: runs.start_training(job)):
        state.put(state.SCROLL_TO_LIVE, True)
        st.rerun()
    scroll_block = st.container()  # before the view, so the view's blocks never move
    training_view(job)
    if state.get(state.SCROLL_TO_LIVE):
        state.put(state.SCROLL_TO_LIVE, False)
        with scroll_block:
            scroll_into_view()


def scroll_into_view() -> None:
    """Scrolls the browser to the live view (used once, right after Train)."""
    st.html(_SCROLL_SCRIPT % LIVE_ANCHOR, unsafe_allow_javascript=True, width="content")


PANEL_HEIGHT = 470
"""Height of the three panels of the live row, so they line up."""


def _sized(figure: go.Figure) -> go.Figure:
    figure.update_layout(height=PANEL_HEIGHT)
    return figure


@dataclass
class _Drawn:
    """A live panel's figure: what it looks like apart from its values, and which values."""

    frame: Hashable
    version: Hashable
    figure: go.Figure


def _live_chart(key: str, frame: Hashable, version: Hashable, draw: Callable[[], go.Figure],
                refill: Callable[[go.Figure], object]) -> None:
    """Draws a live panel's figure, reusing the one drawn for the same frame in an earlier run.

    The charts rerun every `CHART_SECONDS`, and drawing a plotly figure anew costs
    tens of milliseconds (plotly validating the layout), several times that on a
    busy server; a Stop click waits for the run in progress, so every run stays
    cheap: while the frame (run, language, axes, traces) is the same, the kept
    figure only gets the new values (`refill`), or nothing when `version` is unchanged.

    Args:
        key: The chart's widget key (also names the panel).
        frame: Everything the figure depends on except the values `refill` sets.
        version: Changes whenever `refill` would set other values (e.g. the epoch).
        draw: Draws the figure from scratch (unsized, in English).
        refill: Puts the current values into a kept figure, in place.
    """
    figures: dict[str, _Drawn] = state.get(state.LIVE_FIGURES) or {}
    frame = (frame, language())
    drawn = figures.get(key)
    if drawn is None or drawn.frame != frame:
        drawn = _Drawn(frame, version, widgets.localise(_sized(draw())))
        figures[key] = drawn  # one figure per panel: the store stays this small
        state.put(state.LIVE_FIGURES, figures)
    elif drawn.version != version:
        refill(drawn.figure)
        drawn.version = version
    st.plotly_chart(drawn.figure, theme=None, key=key)


def _history_chart(run_id: str | None, progress: Progress, metric: str, title: str | None,
                   key: str) -> None:
    """Draws one curve panel of the live view (loss, or the head's main metric)."""
    history, epochs = progress.history, progress.epochs
    _live_chart(key, (run_id, title, charts.history_frame(history, metric, epochs)),
                progress.epoch,
                lambda: charts.history_figure(history, metric, total_epochs=epochs, title=title),
                lambda figure: charts.refill_history_figure(figure, history, metric))


def status_text(progress: Progress, stopping: bool = False) -> str:
    """Returns the line above the progress bar.

    Args:
        progress: The run's progress (status `"idle"` before any training).
        stopping: Whether Stop was pressed for this run.

    Returns:
        E.g. `"Epoch 3 of 10 · 2 s so far · about 5 s left"`.
    """
    if progress.status == "idle":
        return t("live.idle", epochs=progress.epochs)
    if progress.status == "queued":
        return t("live.queued")
    if progress.status == "completed":
        return t("live.completed", epochs=progress.epoch,
                 elapsed=format_duration(progress.elapsed))
    if progress.status == "stopped":
        return t("live.stopped", epoch=progress.epoch, epochs=progress.epochs)
    if progress.status == "failed":
        return t("live.failed", epoch=progress.epoch, epochs=progress.epochs)
    if stopping:
        return t("live.stopping", epoch=progress.epoch, epochs=progress.epochs)
    if progress.epoch == 0:
        return t("live.starting", epochs=progress.epochs)
    if progress.evaluating:
        return t("live.evaluating", epochs=progress.epochs)
    if progress.seconds_left is None:  # epoch 1 includes tracing: no honest estimate yet
        return t("live.running_estimating", epoch=progress.epoch, epochs=progress.epochs,
                 elapsed=format_duration(progress.elapsed))
    return t("live.running", epoch=progress.epoch, epochs=progress.epochs,
             elapsed=format_duration(progress.elapsed),
             left=format_duration(progress.seconds_left))


def _data_panel(current: Job, trained: Job | None, progress: Progress,
                run_id: str | None) -> None:
    """The first panel: the run's decision boundary, or a look at its data.

    The curves beside it are the run's (the status line says so when the setup
    has changed since), so the panel shows the run's data set too; before any
    run, or when the run's upload is gone, it shows the current data.
    """
    shown = current
    if trained is not None and trained.data != current.data:
        try:
            datasets.load(trained.data)
        except ValueError:  # e.g. the run's upload was evicted since
            trained = None
        else:
            shown = trained
    if trained is not None and progress.boundary is not None:
        _boundary_chart(trained, progress, run_id)
        return
    dataset = datasets.load(shown.data)
    first = next(iter(dataset.targets.values()))
    st.caption(data_summary(dataset))
    if dataset.kind == "2d" and first.classes:
        def draw() -> go.Figure:
            x, y = datasets.all_rows(dataset, standardised=True)
            return charts.dataset_scatter(x, y[first.name].to_numpy(), first.classes,
                                          dataset.features, title=t("live.data_title"))

        _live_chart("train.data_chart", ("data", shown.data), None, draw, lambda _: None)
    elif charts.image_side(len(dataset.features)) is not None and first.classes:
        _images_preview(dataset, first)
    else:
        st.dataframe(widgets.localized_table(datasets.preview_frame(dataset, rows=12)),
                     hide_index=True,
                     height=PANEL_HEIGHT - 60, key="train.data_table")
        if len(dataset.features) > datasets.PREVIEW_FEATURES:
            st.caption(t("live.features_shown", shown=fmt_int(datasets.PREVIEW_FEATURES),
                         count=fmt_int(len(dataset.features))))


IMAGES_PREVIEWED = 8
"""Training rows an image-like data set (8×8 digits, 28×28 pixels) shows as images."""


def _images_preview(dataset: Dataset, target: TargetInfo) -> None:
    """Shows the first training rows of an image-like data set as small images."""
    rows = min(IMAGES_PREVIEWED, len(dataset.x_train))
    x = dataset.x_train.head(rows)[list(dataset.features)].to_numpy(float)
    pixels = x * dataset.feature_scale + dataset.feature_mean
    labels = [target.classes[int(v)] for v in dataset.y_train[target.name].head(rows)]
    figure = charts.image_grid(pixels, labels, None, title=t("live.images_title"), columns=4)
    widgets.plotly_chart(figure, theme=None, key="train.data_images")


def data_summary(dataset: Dataset) -> str:
    """Returns one line about a data set: name, sizes and targets.

    Args:
        dataset: A loaded data set.

    Returns:
        Markdown text for a caption.
    """
    targets = join_markdown("; ", (
        t("build.target_line", name=name, task=t(f"task.{info.task}"),
          classes=", ".join(info.classes[:6]) + (" …" if len(info.classes) > 6 else ""))
        if info.classes else t("build.target_line_regression", name=name)
        for name, info in dataset.targets.items()
    ))
    train_rows, test_rows = dataset.split_sizes  # of the whole set, also for a page's sample
    return t("build.preview_sizes", label=datasets.label(dataset.spec.name),
             train=fmt_int(train_rows), test=fmt_int(test_rows),
             features=len(dataset.features), targets=targets)


def _boundary_chart(job: Job, progress: Progress, run_id: str | None) -> None:
    """Draws the run's latest decision boundary over its training points."""
    dataset = datasets.load(job.data)
    head = job.model.outputs[0]
    info = dataset.targets[head.target]
    title = t_plot("live.boundary_title", epoch=progress.epoch)

    def draw() -> go.Figure:
        x = dataset.x_train[list(dataset.features)].to_numpy(float)
        y = dataset.y_train[head.target].to_numpy()
        return charts.decision_boundary_figure(
            progress.grid_x, progress.grid_y, progress.boundary, x, y, info.classes,
            title=title, feature_names=dataset.features)

    def refill(figure: go.Figure) -> None:  # the title is in the session's language already
        charts.refill_boundary_figure(figure, progress.boundary, info.classes, title=title)

    # The grid and the points are the run's; only the regions and the title follow epochs.
    _live_chart("train.data_chart", ("boundary", run_id, job.data, progress.boundary.shape),
                progress.epoch, draw, refill)


# --------------------------------------------------------------------------- results


def head_metrics(result: JobResult) -> list[tuple[str, list[tuple[str, float]]]]:
    """Returns the test metrics to show per head: loss, then accuracy and AUC or MAE and R².

    Args:
        result: A finished run's result with heads.

    Returns:
        `(head name, [(text id, value), ...])` per head, in head order.
    """
    rows = []
    single = len(result.heads) == 1
    for name, head in result.heads.items():
        loss = result.test_metrics.get("loss" if single else f"{name}_loss", math.nan)
        summary = head_summary(head)
        if head.task == "regression":
            values = [("metric.loss", loss), ("metric.mae", summary["mae"]),
                      ("metric.r2", summary["r2"])]
        else:
            values = [("metric.loss", loss), ("metric.accuracy", summary["accuracy"]),
                      ("metric.auc", summary["auc"])]
        rows.append((name, values))
    return rows


def results_section(run: runs.FinishedRun) -> None:
    """Draws a finished run's outcome: messages, test metrics and a link to Evaluate.

    Args:
        run: The finished run.
    """
    classroom.check_challenge(run)  # a class link's challenge: judged once, celebrated if met
    result = run.result
    reason = describe_result_message(result) or t("live.no_reason")
    if result.status == "failed":
        st.error(t("live.failed_message", message=reason), icon=":material/error:")
    elif result.status == "stopped" and state.get(state.STOP_REQUESTED) != run.job_id:
        # Stopped without the Stop button: the engine says why (e.g. the loss became NaN).
        st.warning(reason, icon=":material/warning:")
    elif result.message_code.startswith("train.early_"):
        st.info(reason, icon=":material/timer_off:")  # early stopping ended it, or kept an epoch
    if not result.ok:
        report_download(run.job, result, key=state.TRAIN_REPORT,
                        finished_at=run.finished_at)  # setup, code and message
        return
    st.subheader(t("live.results_header", data=datasets.label(run.job.data.name)))
    rows = head_metrics(result)
    for name, values in rows:
        columns = st.columns(len(values) + 1, vertical_alignment="center")
        if len(rows) > 1:
            columns[0].markdown(t("live.head_label", head=name))
        else:
            columns[0].markdown(t("live.test_set", n=_test_size(result)))
        for col, (text_id, value) in zip(columns[1:], values, strict=True):
            col.metric(t(text_id), fmt_metric(value))
    fit_view.fit_lines(run)
    if classroom.shows_page(routes.EVALUATE):
        st.page_link(routes.EVALUATE, label=t("live.to_evaluate"), icon=":material/analytics:")
    report_download(run.job, result, key=state.TRAIN_REPORT,
                        finished_at=run.finished_at)


def _test_size(result: JobResult) -> int:
    head = next(iter(result.heads.values()))
    return int(np.asarray(head.y_true).shape[0])

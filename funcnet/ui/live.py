"""The live training view of Build & Train and the results a finished run leaves.

The view is a fragment that reruns on its own every `LIVE_SECONDS` while a
job runs (and not at all otherwise), reading the job handle kept in the
session. When it sees the job finished it stores the result and reruns the
whole page once, so the Train button, the metrics and the link to Evaluate
appear.
"""

from __future__ import annotations

import math
import time

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from funcnet.analysis import charts
from funcnet.analysis.evaluation import head_summary
from funcnet.data.datasets import Dataset
from funcnet.model.spec import Job, ModelSpec
from funcnet.train.handles import Handle
from funcnet.train.progress import Progress, format_duration
from funcnet.train.results import JobResult
from funcnet.ui import classroom, datasets, routes, runs, session_jobs, setup, state, widgets
from funcnet.ui.report_button import report_download
from funcnet.ui.texts import describe_result_message, fmt_int, fmt_metric, t

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


def training_view() -> None:
    """Draws the "what happens" row: data or decision boundary, loss and metric curves.

    Before any training it shows the current data set and empty curve
    frames; while a job runs it redraws itself every `LIVE_SECONDS`; once
    the job is done it shows the final curves and, below, the test results.
    """
    handle: Handle | None = state.get(state.JOB)
    running = handle is not None and not handle.done()
    # Two blocks at fixed places in every run, whatever they hold: the auto-rerunning
    # fragment and the results below it never trade places with other elements.
    live_block, results_block = st.container(), st.container()
    with live_block:
        st.fragment(_live_fragment, run_every=LIVE_SECONDS if running else None)()
    run: runs.FinishedRun | None = state.get(state.LAST_RUN)
    with results_block:
        if handle is not None and run is not None and run.job_id == handle.id:
            results_section(run)


def _live_fragment() -> None:
    session_jobs.current()  # the fragment's runs show the session is still there
    handle: Handle | None = state.get(state.JOB)
    current = setup.current()
    job = handle.job if handle is not None else current
    stopping = handle is not None and state.get(state.STOP_REQUESTED) == handle.id
    if handle is not None and state.get(state.STOP_JUST_PRESSED) == handle.id:
        # This run is the one the Stop click started: the engine says "stopped" as soon
        # as fitting ends (well under a second), so wait for that and show it now rather
        # than a tick later.
        state.put(state.STOP_JUST_PRESSED, None)
        wait_until_stopped(handle, STOP_WAIT_SECONDS)
    progress = handle.progress() if handle is not None else Progress(
        "idle", epochs=job.train.epochs)
    with st.container(border=True):
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
        data_col, loss_col, metric_col = st.columns([6, 5, 5], gap="small")
        with data_col:
            _data_panel(current, handle.job if handle is not None else None, progress)
        with loss_col:
            figure = charts.history_figure(progress.history, "loss",
                                           total_epochs=progress.epochs,
                                           title=t("live.loss_title"))
            widgets.plotly_chart(_sized(figure), theme=None, key="train.loss_chart")
        metric = second_chart_metric(job.model)
        with metric_col:
            if not progress.history or metric in progress.history:
                figure = charts.history_figure(progress.history, metric,
                                               total_epochs=progress.epochs)
                widgets.plotly_chart(_sized(figure), theme=None, key="train.metric_chart")
    # Drawn first, then the page reruns for the metrics and buttons: "Stopped at
    # epoch k" is on screen before the rest of the page is rebuilt.
    if handle is not None and handle.done() and runs.collect():
        st.rerun()


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
    if clicked:
        runs.start_training(job)
        state.put(state.SCROLL_TO_LIVE, True)
        st.rerun()
    scroll_block = st.container()  # before the view, so the view's blocks never move
    training_view()
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
    return t("live.running", epoch=progress.epoch, epochs=progress.epochs,
             elapsed=format_duration(progress.elapsed),
             left=format_duration(progress.seconds_left))


def _data_panel(current: Job, trained: Job | None, progress: Progress) -> None:
    """The first panel: the run's decision boundary, or a look at the current data."""
    if trained is not None and trained.data == current.data and progress.boundary is not None:
        widgets.plotly_chart(_sized(_boundary_figure(trained, progress)), theme=None,
                        key="train.data_chart")
        return
    dataset = datasets.load(current.data)
    first = next(iter(dataset.targets.values()))
    st.caption(data_summary(dataset))
    if dataset.kind == "2d" and first.classes:
        x, y = datasets.all_rows(dataset, standardised=True)
        figure = charts.dataset_scatter(x, y[first.name].to_numpy(), first.classes,
                                        dataset.features, title=t("live.data_title"))
        widgets.plotly_chart(_sized(figure), theme=None, key="train.data_chart")
    else:
        st.dataframe(datasets.preview_frame(dataset, rows=12), hide_index=True,
                     height=PANEL_HEIGHT - 60, key="train.data_table")


def data_summary(dataset: Dataset) -> str:
    """Returns one line about a data set: name, sizes and targets.

    Args:
        dataset: A loaded data set.

    Returns:
        Markdown text for a caption.
    """
    targets = "; ".join(
        t("build.target_line", name=name, task=t(f"task.{info.task}"),
          classes=", ".join(info.classes[:6]) + (" …" if len(info.classes) > 6 else ""))
        if info.classes else t("build.target_line_regression", name=name)
        for name, info in dataset.targets.items()
    )
    return t("build.preview_sizes", label=datasets.label(dataset.spec.name),
             train=fmt_int(len(dataset.x_train)), test=fmt_int(len(dataset.x_test)),
             features=len(dataset.features), targets=targets)


def _boundary_figure(job: Job, progress: Progress) -> go.Figure:
    dataset = datasets.load(job.data)
    head = job.model.outputs[0]
    info = dataset.targets[head.target]
    x = dataset.x_train[list(dataset.features)].to_numpy(float)
    y = dataset.y_train[head.target].to_numpy()
    return charts.decision_boundary_figure(
        progress.grid_x, progress.grid_y, progress.boundary, x, y, info.classes,
        title=t("live.boundary_title", epoch=progress.epoch), feature_names=dataset.features)


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
    if classroom.shows_page(routes.EVALUATE):
        st.page_link(routes.EVALUATE, label=t("live.to_evaluate"), icon=":material/analytics:")
    report_download(run.job, result, key=state.TRAIN_REPORT,
                        finished_at=run.finished_at)


def _test_size(result: JobResult) -> int:
    head = next(iter(result.heads.values()))
    return int(np.asarray(head.y_true).shape[0])

"""Epoch replay on the Evaluate page: the run as it was at the end of an earlier epoch.

A slider runs over the epochs the run kept (`funcnet.train.results.Replay`;
`funcnet.engine.replay` says which and how it is bounded) and ends at the
tested model. Picking an earlier epoch redraws, from that epoch's weights,
what the page shows of the head's test scores (ROC, confusion matrix and its
rows, precision-recall, calibration, the report, the histogram, or the
regression plots), the decision boundary of a 2-D data set beside the loss
curve, and every unit over the plane in "Inside the network". Following one
example and the weights stay the tested model's (the page says so).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from funcnet.analysis import charts
from funcnet.train.results import HeadResult, Replay, ReplayFrame
from funcnet.ui import datasets, runs, state, widgets
from funcnet.ui.texts import fixed_language, fmt_int, language, t, t_plot, text


def chosen_frame(run: runs.FinishedRun) -> ReplayFrame | None:
    """Draws the replay section and returns the frame picked (`None`: the tested model).

    Args:
        run: The finished run shown on the page.

    Returns:
        The `ReplayFrame` of the epoch the slider is at, or `None` when it is
        at its end (or the run kept no earlier epochs).
    """
    replay = run.result.replay
    if replay is None:
        return None
    if replay.too_large:
        st.caption(t("replay.too_large"))
        return None
    if not replay.frames:
        return None
    st.subheader(t("replay.header"))
    position = _position(run, replay)
    frame = replay.frames[position] if position < len(replay.frames) else None
    epoch = run.result.epochs_run if frame is None else frame.epoch
    if frame is None:
        st.caption(t("replay.at_end", epoch=fmt_int(epoch)))
    else:
        st.caption(t("replay.at_epoch", epoch=fmt_int(epoch),
                     total=fmt_int(run.result.epochs_run)))
    if replay.copied > len(replay.frames):
        st.caption(t("replay.thinned", kept=fmt_int(len(replay.frames)),
                     copied=fmt_int(replay.copied)))
    _pictures(run, replay, frame, epoch)
    return frame


def _position(run: runs.FinishedRun, replay: Replay) -> int:
    """The slider: one position per kept epoch, then the tested model.

    The widget's key carries the run and the language (Streamlit keeps a
    select slider's value as its label, so after EN -> PT one widget would
    go on showing the English label); the position itself is kept under
    `REPLAY_POSITION`, so a language switch keeps the epoch shown and a new
    run starts at its end.
    """
    end = len(replay.frames)
    position = st.session_state.get(state.REPLAY_POSITION)
    if (st.session_state.get(state.REPLAY_RUN) != run.job_id
            or not isinstance(position, int) or not 0 <= position <= end):
        position = end
    st.session_state[state.REPLAY_RUN] = run.job_id

    def label(index: int) -> str:
        if index == end:
            return text("replay.tested", epoch=fmt_int(run.result.epochs_run))
        return text("replay.epoch_option", epoch=fmt_int(replay.frames[index].epoch))

    position = int(st.select_slider(
        t("replay.slider"), options=list(range(end + 1)), format_func=fixed_language(label),
        **state.bound(f"{state.REPLAY_POSITION}.{run.job_id}.{language()}", position),
        help=t("replay.slider_help")))
    st.session_state[state.REPLAY_POSITION] = position
    return position


def _pictures(run: runs.FinishedRun, replay: Replay, frame: ReplayFrame | None,
              epoch: int) -> None:
    """The decision boundary at that epoch (2-D data sets) beside the loss curve."""
    boundary = replay.boundary if frame is None else frame.boundary
    history = run.result.history
    if boundary is None and not history.get("loss"):
        return
    left, right = st.columns(2, gap="large")
    if boundary is not None and replay.grid_x is not None and replay.grid_y is not None:
        dataset = datasets.load(run.job.data)
        head = run.job.model.outputs[0]
        with left:
            figure = charts.decision_boundary_figure(
                replay.grid_x, replay.grid_y, np.asarray(boundary, dtype=np.float32),
                dataset.x_train[list(dataset.features)].to_numpy(float),
                dataset.y_train[head.target].to_numpy(), dataset.targets[head.target].classes,
                title=t_plot("replay.boundary_title", epoch=fmt_int(epoch)),
                feature_names=dataset.features)
            widgets.plotly_chart(figure, theme=None, key="replay.boundary")
    if history.get("loss"):
        with right if boundary is not None else left:
            figure = charts.history_figure(history, "loss", title=text("replay.loss_title"))
            figure.add_vline(x=epoch, line_dash="dot", line_color="#444")
            widgets.plotly_chart(figure, theme=None, key="replay.loss")


def head_at(head: HeadResult, frame: ReplayFrame | None) -> HeadResult:
    """Returns `head` with its test scores as they were at `frame`'s epoch.

    Args:
        head: A head of the tested model.
        frame: The epoch picked, or `None` for the tested model.

    Returns:
        `head` itself for `None`; else a copy whose `y_score` is the frame's.
    """
    if frame is None or head.name not in frame.scores:
        return head
    return replace(head, y_score=np.asarray(frame.scores[head.name], dtype=np.float64))

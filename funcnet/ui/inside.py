"""Inside the network, on the Evaluate page: units over the plane, one example, the weights.

Everything drawn here was computed in the worker from the trained model
(`funcnet.engine.inside`) and travels in the result as arrays
(`funcnet.train.results.NetworkView`); the page only picks and draws.

- For a 2-D data set, every unit of every layer over the input plane (TF
  Playground's thumbnails), one row per node and branch in topological order.
- "Follow one example": a test row through every layer, and what the
  network outputs for it.
- The weights of a chosen dense or output layer (inputs × units) and its bias.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from funcnet.analysis import charts
from funcnet.markup import plotly_escape
from funcnet.train.results import HeadResult, LayerActivity, NetworkView, ReplayFrame
from funcnet.ui import runs, state, widgets
from funcnet.ui.texts import fmt_int, fmt_metric, t, t_plot, text


def section(run: runs.FinishedRun, frame: ReplayFrame | None = None) -> None:
    """Draws the "Inside the network" section of the Evaluate page.

    Args:
        run: The finished run shown on the page.
        frame: The epoch epoch replay is at (`funcnet.ui.replay`): the units
            over the plane are drawn as they were then; `None`: the tested model.
    """
    st.subheader(t("inside.header"))
    view = run.result.inside
    if view is None or not view.layers or view.rows == 0:
        st.info(t("inside.none"), icon=":material/info:")
        return
    st.caption(t("inside.intro"))
    if view.layers_total > len(view.layers):
        st.caption(t("inside.layers_cut", shown=fmt_int(len(view.layers)),
                     count=fmt_int(view.layers_total)))
    _explore(run, view, frame)


@st.fragment
def _explore(run: runs.FinishedRun, view: NetworkView, frame: ReplayFrame | None) -> None:
    """The three views; a fragment, so picking a row or a layer redraws only this section."""
    row = _chosen_row(view)
    _plane_view(run, view, row, frame)
    if frame is not None:
        st.caption(t("replay.inside_note", epoch=fmt_int(run.result.epochs_run)))
    _example_view(run, view, row)
    _weights_view(view)


def _chosen_row(view: NetworkView) -> int:
    """The test row followed, from a number box bounded by the rows the run kept."""
    last = view.rows - 1
    if not 0 <= int(st.session_state.get(state.INSIDE_ROW, 0)) <= last:
        st.session_state[state.INSIDE_ROW] = 0  # a row of an earlier, larger run
    box, _ = st.columns([1, 3])
    return int(box.number_input(
        t("inside.example"), min_value=0, max_value=last, step=1,
        key=state.bind(state.INSIDE_ROW, 0),
        help=t("inside.example_help", count=fmt_int(view.rows)),
    ))


def layer_name(layer: LayerActivity) -> str:
    """Names a node branch for a plotly label (the node name is the user's, escaped).

    Args:
        layer: One entry of the view.

    Returns:
        The node's name, with its branch when the node is shared.
    """
    if layer.branches > 1:
        return t_plot("inside.branch", name=layer.node, branch=layer.branch + 1,
                      branches=layer.branches)
    return plotly_escape(layer.node)


def plane_label(layer: LayerActivity) -> str:
    """The text above a row of thumbnails: the layer and how many of its units are drawn.

    Args:
        layer: One entry of the view, with a plane.

    Returns:
        A plotly-ready label such as `"hidden · first 16 of 64 units"`.
    """
    shown = 0 if layer.plane is None else int(layer.plane.shape[0])
    fields = {"name": layer.node, "count": fmt_int(layer.units), "n": layer.units}
    prefix = "inside."
    if layer.branches > 1:
        prefix = "inside.branch_"
        fields.update(branch=layer.branch + 1, branches=layer.branches)
    if shown < layer.units:
        return t_plot(prefix + "units_first", shown=fmt_int(shown), **fields)
    return t_plot(prefix + "units_all", **fields)


def _point(run: runs.FinishedRun, view: NetworkView, row: int) -> tuple[float, float] | None:
    """Where test row `row` lies on the plane (its standardised features), if known."""
    values: dict[str, float] = {}
    for layer in view.layers:
        if layer.kind == "input":
            columns = run.job.model.node(layer.node).columns
            values.update(zip(columns, map(float, layer.rows[row]), strict=False))
    if len(view.features) != 2 or not all(f in values for f in view.features):
        return None
    return values[view.features[0]], values[view.features[1]]


def _plane_view(run: runs.FinishedRun, view: NetworkView, row: int,
                frame: ReplayFrame | None) -> None:
    st.markdown(f"**{t('inside.plane_header')}**")
    layers = [layer for layer in view.layers if layer.plane is not None]
    if view.grid_x is None or view.grid_y is None or not layers:
        st.info(t("inside.no_plane", n=len(view.features), count=fmt_int(len(view.features))),
                icon=":material/info:")
        return
    planes = [layer.plane for layer in layers]
    title = text("inside.plane_title")
    if frame is not None and len(frame.planes) == len(planes):
        planes = [np.asarray(plane, dtype=np.float32) for plane in frame.planes]
        title = t_plot("replay.plane_title", epoch=fmt_int(frame.epoch))
    figure = charts.neuron_planes_figure(
        planes, view.grid_x, view.grid_y,
        [plane_label(layer) for layer in layers], title=title,
        unit_label=text("inside.unit"),
        point=_point(run, view, row))
    widgets.plotly_chart(figure, theme=None, key="inside.chart.planes")
    st.caption(t("inside.plane_caption"))


def _outcome(head: HeadResult, row: int) -> tuple[str, str]:
    """The true and predicted class (or value) of test row `row`, as texts."""
    truth = np.asarray(head.y_true)[row]
    score = np.asarray(head.y_score)[row]
    if head.task == "regression":
        return fmt_metric(float(truth)), fmt_metric(float(score))
    predicted = int(score > 0.5) if head.task == "binary" else int(np.argmax(score))
    return str(head.classes[int(truth)]), str(head.classes[predicted])


def _example_view(run: runs.FinishedRun, view: NetworkView, row: int) -> None:
    st.markdown(f"**{t('inside.example_header')}**")
    heads = [head for head in run.result.heads.values() if row < np.asarray(head.y_true).size]
    for head in heads:
        true, predicted = _outcome(head, row)
        key = "inside.example_caption_value" if head.task == "regression" else (
            "inside.example_caption_class")
        st.markdown(t(key, row=fmt_int(row), true=true, predicted=predicted))
    left, right = st.columns([2, 1], gap="large")
    with left:
        figure = charts.example_figure(
            [layer.rows[row] for layer in view.layers], [layer_name(layer) for layer in
                                                         view.layers],
            title=t_plot("inside.example_title", row=fmt_int(row)),
            unit_label=text("inside.unit"))
        widgets.plotly_chart(figure, theme=None, key="inside.chart.example")
    with right:
        for head in heads:
            title = (t_plot("inside.output_title", head=head.name) if len(heads) > 1
                     else text("inside.output_one"))
            score = np.asarray(head.y_score)[row]
            if head.task == "regression":
                figure = charts.output_bars([head.target], [float(score)],
                                            title, text("inside.prediction"), probabilities=False)
            else:
                values = [1.0 - float(score), float(score)] if head.task == "binary" else (
                    [float(v) for v in score])
                figure = charts.output_bars(list(head.classes), values, title,
                                            text("inside.probability"))
            widgets.plotly_chart(figure, theme=None, key=f"inside.chart.output.{head.name}")
    st.caption(t("inside.example_note"))
    kept = max(layer.rows.shape[1] for layer in view.layers)
    if any(layer.units > layer.rows.shape[1] for layer in view.layers):
        st.caption(t("inside.example_wide", count=fmt_int(kept)))


def _weights_view(view: NetworkView) -> None:
    if not view.weights:
        return
    st.markdown(f"**{t('inside.weights_header')}**")
    names = [w.node for w in view.weights]
    if st.session_state.get(state.INSIDE_WEIGHTS) not in names:
        st.session_state[state.INSIDE_WEIGHTS] = names[0]  # a layer of an earlier run
    box, _ = st.columns([1, 3])
    name = box.selectbox(t("inside.weights_layer"), names, key=state.INSIDE_WEIGHTS)
    weights = view.weights[names.index(name)]
    figure = charts.weights_figure(
        weights.kernel, weights.bias, weights.input_labels,
        title=t_plot("inside.weights_title", name=weights.node),
        unit_label=text("inside.unit"), bias_label=text("inside.bias"))
    widgets.plotly_chart(figure, theme=None, key="inside.chart.weights")
    st.caption(t("inside.weights_caption", inputs=fmt_int(weights.inputs),
                 units=fmt_int(weights.units)))
    if weights.kernel.shape != (weights.inputs, weights.units):
        st.caption(t("inside.weights_cut", inputs=fmt_int(weights.kernel.shape[0]),
                     units=fmt_int(weights.kernel.shape[1])))
    branches = max((layer.branches for layer in view.layers if layer.node == name), default=1)
    if branches > 1:
        st.caption(t("inside.weights_shared", branches=fmt_int(branches)))

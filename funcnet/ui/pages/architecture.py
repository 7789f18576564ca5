"""The Architecture page: the model graph as an editable node table, drawn live.

The table follows the Build & Train rule: it starts from the durable setup,
its rows form a candidate, and the candidate replaces the setup only when it
is a valid graph that fits the data set. A broken table stays on screen with
the message naming the wrong node (drawn in red on the last valid graph), so
it can be fixed, or reverted to the last valid graph with one click.

Below the graph: training (the same live view as Build & Train), the code
export and the setup/model files.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from funcnet.analysis import charts
from funcnet.data.datasets import Dataset, UploadInfo, check_model_fits
from funcnet.export.codegen import SCRIPT_FILENAME, generate_script
from funcnet.export.share import MAX_JSON_BYTES, job_from_json, job_to_json
from funcnet.export.simple_script import SIMPLE_FILENAME, simple_blocker, simple_script
from funcnet.model import limits
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.graph_table import COLUMNS, node_in_message, rows_to_spec, spec_to_rows
from funcnet.model.graphview import to_dot
from funcnet.model.presets import PRESETS
from funcnet.model.spec import LOSSES, NODE_TYPES, TASKS, Job, ModelSpec
from funcnet.ui import classroom, datasets, live, runs, setup, state, widgets
from funcnet.ui.texts import describe_error, fixed_language, fmt_int, t

SETUP_FILENAME = "funcnet-setup.json"
MODEL_FILENAME = "funcnet-model.keras"
TABLE_HEIGHT_ROW = 35


@dataclass(frozen=True, eq=False)
class TableBase:
    """What the node table started from.

    Args:
        rows: The table's first content.
        model: The network those rows describe.
        generation: Build & Train's generation when it was made (a preset
            load or an upload bumps it, and the table restarts).
    """

    rows: pd.DataFrame
    model: ModelSpec
    generation: int


def render() -> None:
    """Draws the whole Architecture page."""
    runs.collect()
    job = setup.current()
    dataset = _load(job)
    if dataset is None:
        return
    st.title(t("arch.title"))
    st.caption(t("arch.intro"))
    top_left, top_right = st.columns([3, 2], gap="medium", vertical_alignment="bottom")
    describe = None
    if classroom.shows("preset"):
        with top_left:
            describe = widgets.preset_picker(state.ARCH_PRESET, state.ARCH_LOAD_PRESET)
    metrics = top_right.container()
    bad_node = None
    if classroom.shows("node_table"):
        with st.container(border=True):
            job, bad_node = table_section(job, dataset)
    with metrics:
        _metrics(job.model)
    if describe is not None:
        describe(job.model)
    graph_col, side_col = st.columns([3, 2], gap="medium")
    with graph_col, st.container(border=True):
        graph_section(job.model, bad_node)
    with side_col:
        with st.container(border=True):
            clicked = train_panel(job)
        with st.container(border=True):
            figure = charts.parameter_bar(job.model.param_counts(),
                                          title=t("arch.params_title"))
            figure.update_layout(height=max(260, 60 + 34 * len(job.model.nodes)))
            widgets.plotly_chart(figure, theme=None, key="arch.params_chart")
    live.train_and_follow(job, clicked)
    files_section(job)


def _load(job: Job) -> Dataset | None:
    try:
        return datasets.load(job.data)
    except ValueError as error:
        st.error(t("build.data_lost", message=describe_error(error)))
        setup.load_preset(setup.DEFAULT_PRESET)
        st.button(t("arch.reload"), key="arch.reload")
        return None


def _metrics(model: ModelSpec) -> None:
    cols = st.columns(3)
    cols[0].metric(t("build.params"), fmt_int(model.total_params()), help=t("build.params_help"))
    cols[1].metric(t("arch.nodes"), len(model.nodes))
    cols[2].metric(t("arch.inputs_heads"), f"{len(model.inputs)} → {len(model.outputs)}",
                   help=t("arch.inputs_heads_help"))


# --------------------------------------------------------------------------- table


def table_base(job: Job, dataset: Dataset) -> TableBase:
    """Returns what the node table starts from, rebuilding it when the setup moved on.

    The table restarts (new widget key) when the setup's network is not the
    one the table last described: a preset, an upload, a share link, an edit
    on Build & Train, or a committed edit here (so the editor's own pending
    edits never pile up on top of a stale start).

    Args:
        job: The current setup.
        dataset: Its data set (for the `"all"` columns shorthand).

    Returns:
        The `TableBase` to draw.
    """
    base: TableBase | None = state.get(state.ARCH_TABLE)
    generation = state.get(state.GENERATION, 0)
    if base is None or base.model != job.model or base.generation != generation:
        frame = pd.DataFrame(spec_to_rows(job.model, dataset.features), columns=list(COLUMNS))
        frame["units"] = frame["units"].astype("Int64")
        frame["dropout"] = frame["dropout"].astype("Float64")
        frame["loss_weight"] = frame["loss_weight"].astype("Float64")
        frame["batch_norm"] = frame["batch_norm"].astype("boolean")
        base = TableBase(frame, job.model, generation)
        state.put(state.ARCH_TABLE, base)
        state.put(state.ARCH_GENERATION, state.get(state.ARCH_GENERATION, 0) + 1)
    return base


def table_key() -> str:
    """Returns the node table's widget key in its current generation."""
    return f"arch.t{state.get(state.ARCH_GENERATION, 0)}.table"


def revert_table() -> None:
    """Button callback: the table starts again from the last valid graph."""
    state.put(state.ARCH_TABLE, None)


def _column_config(dataset: Dataset) -> dict[str, object]:
    cc = st.column_config
    losses = sorted({loss for options in LOSSES.values() for loss in options})
    return {
        "name": cc.TextColumn(t("arch.col_name"), required=True, help=t("arch.col_name_help")),
        "type": cc.SelectboxColumn(t("arch.col_type"), options=NODE_TYPES, required=True,
                                   help=t("arch.col_type_help")),
        "inputs": cc.TextColumn(t("arch.col_inputs"), help=t("arch.col_inputs_help")),
        "columns": cc.TextColumn(t("arch.col_columns"), help=t("arch.col_columns_help")),
        "units": cc.NumberColumn(t("arch.col_units"), **limits.widget_bounds(limits.UNITS),
                                 step=1),
        "activation": cc.SelectboxColumn(t("arch.col_activation"), options=list(ACTIVATIONS)),
        "dropout": cc.NumberColumn(t("arch.col_dropout"),
                                   **limits.widget_bounds(limits.DROPOUT), step=0.05,
                                   format="%.2f"),
        "batch_norm": cc.CheckboxColumn(t("arch.col_batch_norm"),
                                        help=t("arch.col_batch_norm_help")),
        "task": cc.SelectboxColumn(t("arch.col_task"), options=TASKS,
                                   format_func=lambda task: t(f"task.{task}")),
        "target": cc.SelectboxColumn(t("arch.col_target"), options=list(dataset.targets)),
        "loss": cc.SelectboxColumn(t("arch.col_loss"), options=losses, width="medium",
                                   format_func=lambda loss: t(f"loss.{loss}")),
        "loss_weight": cc.NumberColumn(t("arch.col_loss_weight"),
                                       **limits.widget_bounds(limits.LOSS_WEIGHT), step=0.1,
                                       format="%.2f"),
    }


def table_section(job: Job, dataset: Dataset) -> tuple[Job, str | None]:
    """Draws the node table and commits a valid edit to the setup.

    Args:
        job: The current setup.
        dataset: Its loaded data set.

    Returns:
        The (possibly updated) setup, and the node the current error names
        (`None` when the table is valid).
    """
    st.subheader(t("arch.table_header"))
    st.caption(t("arch.table_help", features=len(dataset.features)))
    base = table_base(job, dataset)
    edited = st.data_editor(
        base.rows, key=table_key(), num_rows="dynamic", hide_index=True,
        column_config=_column_config(dataset), width="stretch", placeholder="",
        height=TABLE_HEIGHT_ROW * (len(base.rows) + 3) + 3,
    )
    rows = edited.to_dict("records") if isinstance(edited, pd.DataFrame) else list(edited)
    try:
        model = rows_to_spec(rows, dataset.features)
        check_model_fits(model, dataset)
    except ValueError as error:
        st.error(t("arch.table_error", message=describe_error(error)), icon=":material/error:")
        st.button(t("arch.revert"), on_click=revert_table, key=state.ARCH_REVERT,
                  icon=":material/undo:")
        return job, node_in_message(str(error))  # the English text names the node
    if model != job.model:
        job = replace(job, model=model)
        setup.replace_setup(job)
        # Build & Train's network widgets must start again from the new graph.
        state.restart_widgets(network_only=True)
        st.rerun()
    return job, None


# --------------------------------------------------------------------------- graph


def graph_section(model: ModelSpec, bad_node: str | None) -> None:
    """Draws the graph view of the last valid network.

    Args:
        model: The network (the last valid one while the table is broken).
        bad_node: A node to draw in red, or `None`.
    """
    st.subheader(t("arch.graph_header"))
    if bad_node is not None:
        st.caption(t("arch.graph_last_valid"))
    st.graphviz_chart(to_dot(model, highlight=bad_node))
    st.caption(t("arch.graph_legend"))


# --------------------------------------------------------------------------- training


def train_panel(job: Job) -> bool:
    """Draws the Train button, the epochs and a summary of what Train would do.

    Args:
        job: The current setup.

    Returns:
        Whether Train was pressed and no training is running.
    """
    st.subheader(t("arch.train_header"))
    epochs = job.train.epochs
    if classroom.shows("epochs"):
        epochs = st.number_input(
            t("build.epochs"), **limits.widget_bounds(limits.EPOCHS), step=1,
            **state.bound(state.widget_key(state.W_EPOCHS), int(job.train.epochs)),
        )
    if int(epochs) != job.train.epochs:
        job = replace(job, train=replace(job.train, epochs=int(epochs)))
        setup.replace_setup(job)
    heads = ", ".join(f"{n.name} ({t(f'task.{n.task}')})" for n in job.model.outputs)
    st.caption(t("arch.train_caption", data=datasets.label(job.data.name), heads=heads,
                 optimizer=t(f"optimizer.{job.train.optimizer}"),
                 batch=job.train.batch_size, seed=job.train.seed))
    running = runs.running_handle() is not None
    clicked = st.button(t("build.train"), type="primary", disabled=running, width="stretch",
                        key=state.ARCH_TRAIN, icon=":material/play_arrow:")
    return clicked and not running


# --------------------------------------------------------------------------- files


def _csv_filename() -> str:
    upload: UploadInfo | None = state.get(state.UPLOAD)
    return upload.filename if upload is not None else "data.csv"


def files_section(job: Job) -> None:
    """Draws the code export, the setup file download/upload and the model download.

    Args:
        job: The current setup.
    """
    # Only the tabs a class link leaves visible.
    parts = [(control, title, draw) for control, title, draw in (
        ("code_export", "arch.tab_code", lambda: code_section(job)),
        ("setup_files", "arch.tab_setup", lambda: setup_files(job)),
        ("model_download", "arch.tab_model", model_download),
    ) if classroom.shows(control)]
    if not parts:
        return
    st.subheader(t("arch.files_header"))
    for tab, (_, _, draw) in zip(st.tabs([t(title) for _, title, _ in parts]), parts,
                                 strict=True):
        with tab:
            draw()


def code_section(job: Job) -> None:
    """Draws the two code exports, each labelled for what it promises, and "Show code".

    The exact script rebuilds the same model, initial weights and metrics; the
    simple one the same architecture in notebook style, offered only for a
    plain stack of layers (otherwise the page says why not).

    Args:
        job: The current setup.
    """
    st.caption(t("arch.code_intro"))
    scripts = {"exact": generate_script(job, csv_filename=_csv_filename())}
    blocker = simple_blocker(job.model)
    if blocker is None:
        scripts["simple"] = simple_script(job, csv_filename=_csv_filename())
    left, right = st.columns(2, gap="large")
    left.markdown(t("arch.code_exact"))
    right.markdown(t("arch.code_simple"))
    left, right = st.columns(2, gap="large")  # the buttons on one line, whatever the texts' heights
    with left:
        st.download_button(t("arch.download_exact", filename=SCRIPT_FILENAME),
                           data=scripts["exact"], file_name=SCRIPT_FILENAME,
                           mime="text/x-python", icon=":material/download:",
                           key=state.ARCH_DOWNLOAD_CODE)
    with right:
        if blocker is None:
            st.download_button(t("arch.download_simple", filename=SIMPLE_FILENAME),
                               data=scripts["simple"], file_name=SIMPLE_FILENAME,
                               mime="text/x-python", icon=":material/download:",
                               key=state.ARCH_DOWNLOAD_SIMPLE)
        else:
            st.info(t("arch.code_simple_blocked", what=t(f"arch.simple_blocker.{blocker}")),
                    icon=":material/info:")
    show = st.toggle(t("arch.show_code"), key=state.ARCH_SHOW_CODE)
    if not show:
        return
    which = "exact"
    if len(scripts) > 1:
        which = st.segmented_control(
            t("arch.show_which"), list(scripts), default="exact", key=state.ARCH_SHOW_WHICH,
            format_func=fixed_language(lambda name: t(f"arch.script_{name}"))) or "exact"
    st.code(scripts[which], language="python", line_numbers=True)


def setup_files(job: Job) -> None:
    """Draws the setup JSON download and upload.

    Args:
        job: The current setup.
    """
    st.caption(t("arch.setup_intro"))
    st.download_button(t("arch.download_setup"), data=job_to_json(job),
                       file_name=SETUP_FILENAME, mime="application/json",
                       icon=":material/download:", key=state.ARCH_DOWNLOAD_SETUP)
    file = st.file_uploader(t("arch.upload_setup"), type=["json"], key=state.ARCH_SETUP_UPLOADER,
                            max_upload_size=1, help=t("arch.upload_setup_help"))
    if file is None:
        return
    if state.get(state.ARCH_SETUP_SEEN) != file.file_id:
        state.put(state.ARCH_SETUP_SEEN, file.file_id)
        message = accept_setup(file.getvalue() if file.size <= MAX_JSON_BYTES else None,
                               file.name, file.size)
        loaded = message is None
        if loaded:
            new = setup.current()
            message = t("arch.setup_loaded", filename=file.name,
                        data=datasets.label(new.data.name),
                        params=fmt_int(new.model.total_params()))
        state.put(state.ARCH_SETUP_OUTCOME, (file.file_id, loaded, message))
        if loaded:
            st.rerun()  # every widget above shows the new setup
    outcome = state.get(state.ARCH_SETUP_OUTCOME)
    if outcome is not None and outcome[0] == file.file_id:
        _, loaded, message = outcome
        if loaded:
            st.success(message, icon=":material/check_circle:")
        else:
            st.error(message, icon=":material/error:")


def accept_setup(content: bytes | None, filename: str, size: int) -> str | None:
    """Validates an uploaded setup JSON and makes it the session's setup.

    Nothing but JSON is read: no model file, no pickle. On any problem the
    current setup stays as it was.

    Args:
        content: The file's bytes (`None` when it is too large to read).
        filename: Its name.
        size: Its size in bytes.

    Returns:
        `None` on success, else the message to show.
    """
    try:
        if content is None:
            raise ValueError(t("arch.setup_too_large", size=fmt_int(size),
                               limit=fmt_int(MAX_JSON_BYTES)))
        job = job_from_json(content)
        check_model_fits(job.model, datasets.load(job.data))
    except ValueError as error:
        return t("arch.setup_error", filename=filename, message=describe_error(error))
    setup.replace_setup(job)
    state.put(state.PRESET, next((n for n, p in PRESETS.items() if p.job == job),
                                 state.get(state.PRESET, setup.DEFAULT_PRESET)))
    state.restart_widgets()
    return None


def model_download() -> None:
    """Draws the download of the last trained model, when there is one."""
    run: runs.FinishedRun | None = state.get(state.EVAL_RUN)
    if run is None or not run.result.model_bytes:
        st.info(t("arch.no_model"), icon=":material/info:")
        return
    st.caption(t("arch.model_caption", data=datasets.label(run.job.data.name),
                 params=fmt_int(run.job.model.total_params()),
                 heads=", ".join(n.name for n in run.job.model.outputs)))
    st.download_button(t("eval.download"), data=run.result.model_bytes,
                       file_name=MODEL_FILENAME, mime="application/octet-stream",
                       icon=":material/download:", help=t("eval.download_help"),
                       key=state.ARCH_DOWNLOAD_MODEL)

"""The Build & Train page: data set, network, training settings, and the live run.

Every section follows one rule: widgets start from the durable setup, their
values form a candidate, and the candidate replaces the setup only when it
is valid. A bad combination shows its `ValueError` message and the last
valid setup (and every result) stays as it was.
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from funcnet.data.catalog import CSV_TASKS, DATASETS, Param
from funcnet.data.datasets import (
    MAX_CSV_BYTES,
    MAX_CSV_COLUMNS,
    Dataset,
    UploadInfo,
    check_model_fits,
    store_upload,
)
from funcnet.model import limits
from funcnet.model.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, label_of
from funcnet.model.adapt import adapt_head
from funcnet.model.editing import (
    StackView,
    aim_head,
    as_stack,
    build_stack,
    fit_to_dataset,
    new_layer,
    summary_rows,
)
from funcnet.model.presets import HiddenLayer
from funcnet.model.spec import (
    DEFAULT_OUTPUT_ACTIVATION,
    LOSSES,
    OPTIMIZERS,
    DataSpec,
    Job,
    Node,
    TrainConfig,
)
from funcnet.ui import classroom, datasets, live, runs, setup, state, widgets
from funcnet.ui.texts import describe_error, fixed_language, fmt_int, t


def render() -> None:
    """Draws the whole Build & Train page.

    The top row holds what the user sets (data, network, training); the
    row below shows what happens (the data or the decision boundary, and
    the loss and accuracy curves), so both fit on one projected screen.
    """
    runs.collect()
    job = setup.current()
    st.title(t("build.title"))
    st.caption(t("build.intro"))
    data_col, net_col, train_col = st.columns([10, 15, 10], gap="medium")
    with data_col, st.container(border=True):
        job, dataset = data_section(job)
    with net_col, st.container(border=True):
        job = network_section(job, dataset)
    with train_col, st.container(border=True):
        job = training_section(job)
        clicked = train_buttons(job)
    live.train_and_follow(job, clicked)


# --------------------------------------------------------------------------- data


def _param_widget(dataset: str, param: Param, value: object) -> object:
    key = state.widget_key(f"data.{dataset}.{param.name}")
    label = t(f"dataset.{dataset}.param.{param.name}")
    help_text = t(f"dataset.{dataset}.param.{param.name}.help")
    if param.kind == "int":
        step = 50 if param.name == "n_samples" else 1
        return st.number_input(label, min_value=int(param.low), max_value=int(param.high),
                               step=step, help=help_text, **state.bound(key, int(value)))
    return st.number_input(label, min_value=float(param.low), max_value=float(param.high),
                           step=0.05, format="%.2f", help=help_text,
                           **state.bound(key, float(value)))


def _commit_data(job: Job, spec: DataSpec) -> tuple[Job, Dataset]:
    """Loads `spec` and fits the network to it; raises ValueError when it cannot."""
    dataset = datasets.load(spec)
    model = fit_to_dataset(job.model, dataset)
    new_job = Job(model, spec, job.train)
    setup.replace_setup(new_job)
    if model != job.model:
        state.restart_widgets(network_only=True)
    return new_job, dataset


def data_section(job: Job) -> tuple[Job, Dataset]:
    """Draws the data set picker, its parameters and the CSV upload.

    Args:
        job: The current setup.

    Returns:
        The (possibly updated) setup and its loaded data set.
    """
    st.subheader(t("build.data_header"))
    upload: UploadInfo | None = state.get(state.UPLOAD)
    names = [n for n in DATASETS if n != "csv"] + (["csv"] if upload else [])
    # A control a class link hides is not drawn; its setting keeps the setup's value.
    shows_data = classroom.shows("dataset")
    name = job.data.name
    if shows_data:
        # Labels made now, in this run's language: AppTest formats the value later, off
        # the script thread; option labels are plain text (a file name shows as it is).
        option_labels = {n: datasets.plain_label(n) for n in names}
        name = st.selectbox(
            t("build.dataset"), names, format_func=option_labels.__getitem__,
            **state.bound_choice(state.widget_key(state.W_DATASET), names, job.data.name),
        )
    st.caption(t(f"dataset.{name}.description"))
    same = name == job.data.name
    params: dict[str, object] = {}
    if not shows_data:
        params = dict(job.data.params)
    elif name == "csv" and upload is not None:
        params = _csv_params(job, upload)
    else:
        columns = st.columns(2)
        for i, param in enumerate(DATASETS[name].params):
            with columns[i % 2]:
                start = job.data.param(param.name) if same else param.default
                params[param.name] = _param_widget(name, param, start)
    split_col, seed_col = st.columns(2)
    test_fraction: float = job.data.test_fraction
    seed: int = job.data.seed
    if shows_data:
        test_fraction = split_col.number_input(
            t("build.test_fraction"),
            **limits.widget_bounds(limits.TEST_FRACTION), step=0.05, format="%.3f",
            help=t("build.test_fraction_help"),
            **state.bound(state.widget_key(f"data.{name}.test_fraction"),
                          float(job.data.test_fraction if same else DATASETS[name].test_fraction)),
        )
    if classroom.shows("seeds"):
        seed = seed_col.number_input(
            t("build.data_seed"), **limits.widget_bounds(limits.SEED), step=1,
            help=t("build.data_seed_help"),
            **state.bound(state.widget_key(state.W_DATA_SEED), int(job.data.seed)),
        )
    if classroom.shows("csv_upload"):
        _upload_widget(job)
    try:
        candidate = DataSpec(name, tuple(params.items()), float(test_fraction), int(seed))
        if candidate != job.data:
            return _commit_data(job, candidate)
    except ValueError as error:
        st.error(t("build.data_error", message=describe_error(error)))
    return _load_current(job)


def _load_current(job: Job) -> tuple[Job, Dataset]:
    """Loads the setup's data set; if even that fails (an upload gone from the
    server), says so and starts again from the default preset."""
    try:
        return job, datasets.load(job.data)
    except ValueError as error:
        st.error(t("build.data_lost", message=describe_error(error)))
        setup.load_preset(setup.DEFAULT_PRESET)
        job = setup.current()
        return job, datasets.load(job.data)


def _csv_params(job: Job, upload: UploadInfo) -> dict[str, object]:
    current = dict(job.data.params) if job.data.name == "csv" else {}
    same_file = current.get("sha256") == upload.sha256
    first_target = current["target"] if same_file else upload.suggested_target
    target_col, task_col = st.columns(2)
    with target_col:
        target = st.selectbox(
            t("build.csv_target"), upload.columns,
            **state.bound_choice(state.widget_key(f"csv.{upload.sha256[:12]}.target"),
                                 upload.columns, first_target),
            help=t("build.csv_target_help"),
        )
    with task_col:
        task = st.selectbox(
            t("build.csv_task"), CSV_TASKS,
            format_func=fixed_language(lambda v: t(f"task.{v}")),
            **state.bound_choice(state.widget_key(f"csv.{upload.sha256[:12]}.task"),
                                 CSV_TASKS, current["task"] if same_file else "auto"),
        )
    st.caption(t("build.csv_summary", filename=upload.filename, rows=fmt_int(upload.n_rows),
                 columns=len(upload.columns)))
    return {"sha256": upload.sha256, "target": target, "task": task}


def _upload_widget(job: Job) -> None:
    rejected = state.get(state.UPLOAD_ERROR)
    with st.expander(t("build.upload_header"), expanded=rejected is not None):
        file = st.file_uploader(t("build.upload_label"), type=["csv"], key=state.UPLOADER,
                                help=t("build.upload_help",
                                       mb=fmt_int(MAX_CSV_BYTES // (1024 * 1024)),
                                       columns=fmt_int(MAX_CSV_COLUMNS)))
        if file is None:
            return
        if state.get(state.UPLOAD_SEEN) != file.file_id:
            state.put(state.UPLOAD_SEEN, file.file_id)
            message = accept_upload(job, file.getvalue(), file.name)
            if message is None:
                st.rerun()
            rejected = (file.file_id, message)
            state.put(state.UPLOAD_ERROR, rejected)
        if rejected is not None and rejected[0] == file.file_id:
            st.error(rejected[1])


def accept_upload(job: Job, content: bytes, filename: str) -> str | None:
    """Validates and stores a CSV upload and makes it the setup's data set.

    On any problem the previous setup and upload stay as they were.

    Args:
        job: The current setup.
        content: The file's bytes.
        filename: Its name.

    Returns:
        `None` on success, else the message to show.
    """
    try:
        info = store_upload(content, filename)
        spec = DataSpec("csv", (("sha256", info.sha256), ("target", info.suggested_target),
                                ("task", "auto")), seed=job.data.seed)
        dataset = datasets.load(spec)
        model = fit_to_dataset(job.model, dataset)
    except ValueError as error:
        return t("build.upload_error", filename=filename, message=describe_error(error))
    state.put(state.UPLOAD, info)
    state.put(state.UPLOAD_ERROR, None)
    setup.replace_setup(Job(model, spec, job.train))
    state.restart_widgets()
    return None


# --------------------------------------------------------------------------- network


def network_section(job: Job, dataset: Dataset) -> Job:
    """Draws the preset picker and the network editor.

    Args:
        job: The current setup.
        dataset: Its loaded data set.

    Returns:
        The (possibly updated) setup.
    """
    st.subheader(t("build.network_header"))
    describe = (widgets.preset_picker(state.W_PRESET, state.LOAD_PRESET)
                if classroom.shows("preset") else None)
    layers, count = st.columns([3, 2], vertical_alignment="center")
    view = as_stack(job.model)
    if view is None:
        _graph_summary(job)
        count = layers  # no layer count to show: the parameter count takes its place
    else:
        job = _stack_editor(job, view, dataset, layers)
    with count:
        st.metric(t("build.params"), fmt_int(job.model.total_params()),
                  help=t("build.params_help"))
    if describe is not None:
        describe(job.model)
    return job


def _graph_summary(job: Job) -> None:
    model = job.model
    st.info(t("build.not_stack", nodes=len(model.nodes),
              params=fmt_int(model.total_params())))
    frame = summary_rows(model)
    st.dataframe(
        frame, hide_index=True,
        column_order=("node", "type", "inputs", "activation", "parameters", "output"),
        column_config={
            "node": t("build.col_node"),
            "type": st.column_config.TextColumn(t("build.col_type"), width="small"),
            "inputs": t("build.col_inputs"),
            "output": st.column_config.TextColumn(t("build.col_output"), width="small"),
            "activation": t("build.col_activation"),
            "parameters": st.column_config.NumberColumn(t("build.col_params"), format="%d",
                                                        width="small"),
        },
    )


def _stack_editor(job: Job, view: StackView, dataset: Dataset, layers_slot: DeltaGenerator
                  ) -> Job:
    n_layers = len(view.hidden)
    if classroom.shows("layers"):
        n_layers = layers_slot.number_input(
            t("build.layers"), **limits.widget_bounds(limits.HIDDEN_LAYERS), step=1,
            **state.bound(state.widget_key(state.W_LAYERS, network=True), len(view.hidden)),
        )
    # Only the columns a class link leaves visible; a hidden one keeps each layer's value.
    shown = tuple(field for field in LAYER_FIELDS if classroom.shows(LAYER_FIELDS[field][0]))
    widths = [1.1] + [LAYER_FIELDS[field][2] for field in shown]
    if shown:
        heads = st.columns(widths)
        heads[0].markdown(f"**{t('build.col_layer')}**")
        for col, field in zip(heads[1:], shown, strict=True):
            col.markdown(f"**{t(LAYER_FIELDS[field][1])}**")
    hidden: list[HiddenLayer] = []
    for i in range(1, int(n_layers) + 1):
        start = view.hidden[i - 1] if i <= len(view.hidden) else new_layer(hidden)
        hidden.append(_layer_row(i, start, widths, shown) if shown else start)
    head = _head_editor(view, dataset) if classroom.shows("output_head") else view.head
    try:
        model = build_stack(StackView(view.features, tuple(hidden), head))
        check_model_fits(model, dataset)
    except ValueError as error:
        st.error(t("build.network_error", message=describe_error(error)))
        return job
    if model != job.model:
        job = replace(job, model=model)
        setup.replace_setup(job)
    return job


LAYER_FIELDS = {
    "units": ("units", "build.col_units", 1.6),
    "activation": ("activations", "build.col_activation", 2.0),
    "dropout": ("dropout", "build.col_dropout", 1.6),
}
"""Columns of the layer table: field -> (class link control id, header text id, width)."""


def _layer_row(i: int, start: HiddenLayer, widths: list[float], shown: tuple[str, ...]
               ) -> HiddenLayer:
    label_col, *cols = st.columns(widths, vertical_alignment="center")
    label_col.markdown(t("build.layer_name", index=i))
    slot = dict(zip(shown, cols, strict=True))
    units, activation, dropout = start.units, start.activation, start.dropout
    if "units" in slot:
        units = slot["units"].number_input(
            t("build.units_of", index=i), **limits.widget_bounds(limits.EDITOR_UNITS), step=8,
            label_visibility="collapsed",
            **state.bound(state.widget_key(f"units.{i}", network=True), int(start.units)),
        )
    if "activation" in slot:
        activation = slot["activation"].selectbox(
            t("build.activation_of", index=i), HIDDEN_ACTIVATIONS, format_func=label_of,
            label_visibility="collapsed",
            **state.bound_choice(state.widget_key(f"activation.{i}", network=True),
                                 HIDDEN_ACTIVATIONS, start.activation),
        )
    if "dropout" in slot:
        dropout = slot["dropout"].number_input(
            t("build.dropout_of", index=i), **limits.widget_bounds(limits.DROPOUT), step=0.1,
            format="%.2f", label_visibility="collapsed",
            **state.bound(state.widget_key(f"dropout.{i}", network=True), float(start.dropout)),
        )
    return HiddenLayer(int(units), activation, float(dropout), start.batch_norm)


def _head_editor(view: StackView, dataset: Dataset) -> Node:
    head = view.head
    st.markdown(f"**{t('build.head_header')}**")
    targets = list(dataset.targets)
    target_name = head.target if head.target in dataset.targets else targets[0]
    cols = st.columns(3)
    with cols[0]:
        if len(targets) > 1:
            target_name = st.selectbox(
                t("build.head_target"), targets,
                **state.bound_choice(state.widget_key("head.target", network=True),
                                     targets, target_name),
            )
        else:
            st.text_input(t("build.head_target"), value=target_name, disabled=True,
                          key=state.widget_key("head.target_fixed", network=True))
    info = dataset.targets[target_name]
    task = info.task
    # Start values: the head as the data set's target needs it (same task keeps its choices).
    aimed = adapt_head(head, info)
    with cols[1]:
        activation = st.selectbox(
            t("build.head_activation"), list(ACTIVATIONS), format_func=label_of,
            help=t("build.head_activation_help"),
            **state.bound_choice(state.widget_key(f"head.{target_name}.activation", network=True),
                                 list(ACTIVATIONS), aimed.activation),
        )
    with cols[2]:
        loss = st.selectbox(
            t("build.head_loss"), LOSSES[task],
            format_func=fixed_language(lambda v: t(f"loss.{v}")),
            disabled=len(LOSSES[task]) == 1,
            **state.bound_choice(state.widget_key(f"head.{target_name}.loss", network=True),
                                 LOSSES[task], aimed.loss),
        )
    units = len(info.classes) if task == "multiclass" else 1
    st.caption(t("build.head_caption", task=t(f"task.{task}"), units=units,
                 default=label_of(DEFAULT_OUTPUT_ACTIVATION[task])))
    return aim_head(head, info, activation, loss)


# --------------------------------------------------------------------------- training


def training_section(job: Job) -> Job:
    """Draws the training settings.

    Args:
        job: The current setup.

    Returns:
        The (possibly updated) setup.
    """
    st.subheader(t("build.training_header"))
    train = job.train
    # A setting a class link hides keeps the setup's value.
    optimizer, learning_rate, epochs = train.optimizer, train.learning_rate, train.epochs
    batch_size, validation, seed = train.batch_size, train.validation_split, train.seed
    patience = train.early_stopping_patience
    left, right = st.columns(2)
    with left:
        if classroom.shows("optimizer"):
            optimizer = st.selectbox(
                t("build.optimizer"), OPTIMIZERS,
                format_func=fixed_language(lambda v: t(f"optimizer.{v}")),
                **state.bound_choice(state.widget_key(state.W_OPTIMIZER),
                                     OPTIMIZERS, train.optimizer),
            )
        if classroom.shows("epochs"):
            epochs = st.number_input(
                t("build.epochs"), **limits.widget_bounds(limits.EPOCHS), step=1,
                **state.bound(state.widget_key(state.W_EPOCHS), int(train.epochs)),
            )
        if classroom.shows("validation_split"):
            validation = st.number_input(
                t("build.validation_split"),
                **limits.widget_bounds(limits.VALIDATION_SPLIT), step=0.05,
                format="%.2f", help=t("build.validation_split_help"),
                **state.bound(state.widget_key(state.W_VALIDATION_SPLIT),
                              float(train.validation_split)),
            )
        if classroom.shows("early_stopping"):
            patience = st.number_input(
                t("build.early_stopping"), **limits.widget_bounds(limits.EARLY_STOPPING_PATIENCE),
                step=1, help=t("build.early_stopping_help"),
                **state.bound(state.widget_key(state.W_EARLY_STOPPING),
                              int(train.early_stopping_patience)),
            )
    with right:
        if classroom.shows("learning_rate"):
            learning_rate = st.number_input(
                t("build.learning_rate"),
                **limits.widget_bounds(limits.LEARNING_RATE), step=0.001,
                format="%g",
                **state.bound(state.widget_key(state.W_LEARNING_RATE), float(train.learning_rate)),
            )
        if classroom.shows("batch_size"):
            batch_size = st.number_input(
                t("build.batch_size"), **limits.widget_bounds(limits.BATCH_SIZE), step=8,
                **state.bound(state.widget_key(state.W_BATCH_SIZE), int(train.batch_size)),
            )
        if classroom.shows("seeds"):
            seed = st.number_input(
                t("build.train_seed"), **limits.widget_bounds(limits.SEED), step=1,
                help=t("build.train_seed_help"),
                **state.bound(state.widget_key(state.W_TRAIN_SEED), int(train.seed)),
            )
    try:
        candidate = TrainConfig(optimizer, float(learning_rate), int(epochs), int(batch_size),
                                float(validation), int(seed), int(patience))
    except ValueError as error:
        st.error(t("build.training_error", message=describe_error(error)))
        return job
    if candidate != train:
        job = replace(job, train=candidate)
        setup.replace_setup(job)
    return job


def train_buttons(job: Job) -> bool:
    """Draws the Train button (disabled while a training runs).

    Args:
        job: The setup that Train would submit.

    Returns:
        Whether Train was pressed and no training is running.
    """
    running = runs.running_handle() is not None
    clicked = st.button(t("build.train"), type="primary", disabled=running,
                        use_container_width=True, key=state.TRAIN,
                        icon=":material/play_arrow:")
    st.caption(t("build.train_caption", epochs=job.train.epochs,
                 data=datasets.label(job.data.name)))
    return clicked and not running

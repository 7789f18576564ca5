"""The Compare runs page: every finished training of this browser (or class board).

A sortable table lists the board's runs with the settings that differ
between them highlighted; under it, a setup can be repeated over several
seeds and the repeats' spread read (`compare_repeats`); the runs chosen
below get their loss curves and ROC curves overlaid, their test metrics set
side by side with the difference to the first chosen run, and buttons to open a run's setup in
Build & Train, download its report or delete it. All runs export as CSV.
Runs come from the run database (`funcnet.runs.store`), so they outlive a
reload and a server restart.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from funcnet.analysis import run_charts
from funcnet.analysis.charts import roc_figure
from funcnet.data.datasets import check_model_fits
from funcnet.model.presets import PRESETS
from funcnet.runs import store as runstore
from funcnet.runs.store import RunRecord, StoredRun
from funcnet.runs.table import (
    LOWER_IS_BETTER,
    SETTING_COLUMNS,
    comparison_roc,
    differing_columns,
    metric_differences,
    network_summary,
    run_frame,
    runs_csv,
)
from funcnet.train.progress import format_duration
from funcnet.ui import (
    classroom,
    datasets,
    report_button,
    routes,
    run_history,
    runs,
    setup,
    state,
    widgets,
)
from funcnet.ui.classroom import plain
from funcnet.ui.pages import compare_repeats
from funcnet.ui.texts import (
    describe_error,
    describe_result_message,
    fixed_language,
    fmt_int,
    fmt_metric,
    language,
    t,
    text,
)

DEFAULT_CHOSEN = 2
"""How many of the newest runs are chosen when the page opens."""

MAX_CHOSEN = 8
"""Most runs compared at once: each one's predictions are read and drawn on every rerun."""

HIGHLIGHT = "background-color: #FFF1C2"
"""CSS of the cells of settings that differ between runs."""

BETTER = "color: #1B7F3B"
"""CSS of a metric that is better than the first chosen run's."""

WORSE = "color: #B3261E"
"""CSS of a metric that is worse than the first chosen run's."""

_LOG = logging.getLogger(__name__)

_METRIC_TEXT = {"loss": "metric.loss", "accuracy": "metric.accuracy", "auc": "metric.auc",
                "mae": "metric.mae", "r2": "metric.r2"}


def render() -> None:
    """Draws the whole Compare runs page (`app_shell` has already set the browser's cookie)."""
    runs.collect()
    st.title(t("compare.title"))
    board = run_history.current_board()
    if board.shared:
        st.info(t("compare.class_board", name=plain(board.class_name)), icon=":material/groups:")
    if state.get(state.RUNS_ERROR):
        # The detail names the server's files: it went to the log, not to the page.
        st.warning(t("compare.record_error"), icon=":material/warning:")
    try:
        listing = runstore.list_runs(board.key)
    except runstore.StoreError as error:
        store_error(error)
        return
    if listing.skipped:
        st.caption(t("compare.skipped", n=listing.skipped))
    if not listing.runs:
        st.info(t("compare.empty"), icon=":material/info:")
        if classroom.shows_page(routes.BUILD):
            st.page_link(routes.BUILD, label=t("compare.to_build"),
                         icon=":material/model_training:")
        compare_repeats.render(listing.runs, _data_label)
        return
    if not board.shared:
        st.caption(t("compare.intro"))
    authors = ({r.id: t("compare.you") if r.author == board.viewer else board.author_tag(r.author)
                for r in listing.runs} if board.shared else None)
    frame = run_frame(listing.runs, authors)
    table_section(listing.runs, frame, authors)
    compare_repeats.render(listing.runs, _data_label)
    chosen = choose_runs(listing.runs)
    if not chosen:
        st.info(t("compare.choose_some"), icon=":material/info:")
        return
    try:
        loaded = runstore.load_runs(board.key, chosen)
    except runstore.StoreError as error:
        store_error(error)
        return
    if loaded.skipped:
        st.caption(t("compare.skipped", n=loaded.skipped))
    if not loaded.runs:
        return
    curves_section(loaded.runs)
    metrics_section(frame, loaded.runs)
    actions_section(board, loaded.runs)


def store_error(error: runstore.StoreError) -> None:
    """Logs why the run database failed and tells the user in plain words.

    The error names the server's database file and SQLite's own message:
    useful to whoever runs the server, not to a student.

    Args:
        error: What `funcnet.runs.store` raised.
    """
    _LOG.error("run database error on the Compare page: %s", error)
    st.error(t("compare.store_error"), icon=":material/error:")


# --------------------------------------------------------------------------- labels


def run_label(record: RunRecord) -> str:
    """Returns a run's short name, e.g. `"Run 3"` (its number on the board)."""
    return t("compare.run_label", number=record.number)


def _when(timestamp: float | dt.datetime) -> str:
    moment = (timestamp if isinstance(timestamp, dt.datetime)
              else dt.datetime.fromtimestamp(timestamp))
    if moment.date() == dt.date.today():
        return moment.strftime("%H:%M")
    return moment.strftime("%d/%m/%Y %H:%M")


def _data_label(name: str) -> str:
    # An uploaded CSV's file name belongs to the session that uploaded it, not to the run.
    return t("dataset.csv.label") if name == "csv" else datasets.label(name)


def run_option(record: RunRecord) -> str:
    """Returns the text of a run in the chooser: number, time, data set and network.

    Plain text: a select box's options are not Markdown.
    """
    return text("compare.run_option", run=run_label(record), when=_when(record.created_at),
             data=_data_label(record.job.data.name), network=network_summary(record.job.model))


# --------------------------------------------------------------------------- table


def _number(value: object, formatter: Callable[[float], str]) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    return formatter(float(value))


def table_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Translates a `run_frame` for reading: data set, optimizer and status names.

    Args:
        frame: `run_table.run_frame` output.

    Returns:
        A copy with display texts where the raw values are ids.
    """
    shown = frame.copy()
    shown["data"] = [_data_label(name) for name in shown["data"]]
    shown["optimizer"] = [t(f"optimizer.{name}") for name in shown["optimizer"]]
    shown["status"] = [t(f"status.{name}") for name in shown["status"]]
    return shown


def column_label(column: str) -> str:
    """Returns the header of a `run_frame` column in the session's language."""
    return t(_METRIC_TEXT.get(column, f"compare.col.{column}"))


def styled_table(frame: pd.DataFrame, differing: Sequence[str]) -> pd.io.formats.style.Styler:
    """Formats the runs table and highlights the columns in `differing`.

    Args:
        frame: `table_display` output.
        differing: Columns whose cells get `HIGHLIGHT`.

    Returns:
        A pandas `Styler` for `st.dataframe` (sorting still uses the raw values).
    """
    formats: dict[str, Callable[[object], str]] = {
        "created_at": _when,
        "params": lambda v: _number(v, lambda x: fmt_int(int(x))),
        "learning_rate": lambda v: _number(v, _decimal),
        "validation_split": lambda v: _number(v, lambda x: fmt_metric(x, 2)),
        "elapsed": lambda v: _number(v, format_duration),
    }
    for metric in _METRIC_TEXT:
        formats[metric] = lambda v: _number(v, fmt_metric)
    formats = {k: f for k, f in formats.items() if k in frame}
    styler = frame.style.format(formats)
    if differing:
        styler = styler.map(lambda _: HIGHLIGHT, subset=list(differing))
    return styler


def _decimal(value: float) -> str:
    """A learning rate as typed (`0.001`), with the language's decimal sign."""
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "pt" else text


def column_order(frame: pd.DataFrame, differing: Sequence[str]) -> list[str]:
    """Returns the table's columns: outcome, then the differing settings, then the rest.

    The table is wider than the page, so what differs is pulled into sight.

    Args:
        frame: The runs' `run_frame`.
        differing: The setting columns that differ.

    Returns:
        Every column of `frame`, once.
    """
    columns = list(frame.columns)
    first_setting = next((i for i, c in enumerate(columns) if c in SETTING_COLUMNS), len(columns))
    ordered = columns[:first_setting] + list(differing)
    return ordered + [c for c in columns if c not in ordered]


def table_section(records: Sequence[RunRecord], frame: pd.DataFrame,
                  authors: dict[int, str] | None) -> None:
    """Draws the table of every run, the caption on what differs and the CSV download.

    Args:
        records: The board's runs, newest first.
        frame: Their `run_frame`.
        authors: Author tags per run id on a class board, else `None`.
    """
    st.subheader(t("compare.table_header", n=fmt_int(len(records))))
    differing = differing_columns(frame, SETTING_COLUMNS)
    st.dataframe(
        styled_table(table_display(frame), differing), hide_index=True, key=state.COMPARE_TABLE,
        column_config={column: st.column_config.Column(column_label(column))
                       for column in frame.columns},
        column_order=column_order(frame, differing), placeholder="—",
    )
    if len(records) < 2:
        st.caption(t("compare.table_caption_one"))
    elif differing:
        st.caption(t("compare.table_caption_diff",
                     columns=", ".join(column_label(c) for c in differing)))
    else:
        st.caption(t("compare.table_caption_same"))
    # Built on click (on Streamlit's thread), not on every rerun: pure, so no session needed.
    records, authors = tuple(records), dict(authors) if authors is not None else None
    st.download_button(
        t("compare.csv"), data=lambda: runs_csv(records, authors), file_name="funcnet-runs.csv",
        mime="text/csv", icon=":material/download:", help=t("compare.csv_help"),
        key=state.COMPARE_CSV, on_click="ignore",
    )


def choose_runs(records: Sequence[RunRecord]) -> list[int]:
    """Draws the chooser of runs to compare (the newest two at first, at most `MAX_CHOSEN`).

    The choice is kept under `state.COMPARE_SELECTED`, so it is still there
    after a visit to another page.

    Args:
        records: The board's runs, newest first.

    Returns:
        The chosen run ids, in the order chosen.
    """
    ids = [r.id for r in records]
    by_id = {r.id: r for r in records}
    current = st.session_state.get(state.COMPARE_CHOSEN)
    if current is None:
        current = state.get(state.COMPARE_SELECTED)
    if current is None:
        current = ids[:DEFAULT_CHOSEN]
    # Runs deleted meanwhile drop out; a longer list (an old session) is cut.
    current = [i for i in dict.fromkeys(current) if i in by_id][:MAX_CHOSEN]
    st.session_state[state.COMPARE_CHOSEN] = current
    st.subheader(t("compare.compare_header"))
    chosen = list(st.multiselect(
        t("compare.chosen"), ids, key=state.COMPARE_CHOSEN,
        help=t("compare.chosen_help", n=MAX_CHOSEN), max_selections=MAX_CHOSEN,
        format_func=fixed_language(lambda i: run_option(by_id[i])),
    ))[:MAX_CHOSEN]
    state.put(state.COMPARE_SELECTED, chosen)
    return chosen


# --------------------------------------------------------------------------- curves


def curves_section(chosen: Sequence[StoredRun]) -> None:
    """Draws the loss curves and the ROC curves of the chosen runs, overlaid.

    Args:
        chosen: The chosen runs, in the order chosen (run `i` has colour `i`).
    """
    labels = [run_label(run.record) for run in chosen]
    histories = {label: run.record.history for label, run in zip(labels, chosen, strict=True)
                 if run.record.history.get("loss")}
    rocs = {}
    multiclass = False
    dropped = [label for label, run in zip(labels, chosen, strict=True)
               if run.record.predictions_dropped]
    for label, run in zip(labels, chosen, strict=True):
        head = next(iter(run.result.heads.values()), None)
        try:
            curve = comparison_roc(head) if head is not None else None
        except ValueError:
            curve = None
        if curve is not None:
            rocs[label] = curve
            multiclass = multiclass or head.task == "multiclass"
    left, right = st.columns(2, gap="large")
    with left:
        figure = run_charts.runs_history_figure(histories, "loss", title=t("compare.loss_title"),
                                                runs=labels)
        widgets.plotly_chart(figure, theme=None, key="compare.loss_chart")
        st.caption(t("compare.curves_caption"))
        missing = [label for label in labels if label not in histories]
        if missing:
            st.caption(t("compare.no_history", runs=", ".join(missing)))
    with right:
        if not rocs and len(dropped) < len(labels):
            st.info(t("compare.no_roc"), icon=":material/info:")
        elif rocs:
            figure = roc_figure(rocs, classes=labels, title=t("compare.roc_title"))
            widgets.plotly_chart(figure, theme=None, key="compare.roc_chart")
        missing = [label for label in labels if label not in rocs and label not in dropped]
        if rocs and missing:
            st.caption(t("compare.roc_skipped", runs=", ".join(missing)))
        if dropped:
            st.caption(t("compare.predictions_dropped", runs=", ".join(dropped)))
        if multiclass:
            st.caption(t("compare.roc_macro"))


# --------------------------------------------------------------------------- metrics


def _signed(value: float) -> str:
    text = fmt_metric(abs(value))
    return text if value == 0 else ("+" if value > 0 else "−") + text


def metrics_display(frame: pd.DataFrame,
                    chosen: Sequence[StoredRun]) -> pd.io.formats.style.Styler:
    """Sets the chosen runs' test metrics side by side, with the difference to the first.

    Args:
        frame: The board's `run_frame`.
        chosen: The chosen runs; the first is the reference.

    Returns:
        A `Styler` over one row per run (its label as index) and one text
        column per metric: the value, and for the other runs the difference
        in brackets, green when it is an improvement and red when not.
    """
    ids = [run.record.id for run in chosen]
    values, deltas = metric_differences(frame, ids)
    rows, tones = {}, {}
    for position, run in enumerate(chosen):
        cells, colours = {}, {}
        for metric in values.columns:
            value = values.iloc[position][metric]
            delta = deltas.iloc[position][metric]
            text, colour = fmt_metric(value), ""
            if position and math.isfinite(value) and math.isfinite(delta):
                text = f"{text} ({_signed(delta)})"
                if delta:
                    better = (delta < 0) == (metric in LOWER_IS_BETTER)
                    colour = BETTER if better else WORSE
            cells[column_label(metric)] = text
            colours[column_label(metric)] = colour
        rows[run_label(run.record)] = cells
        tones[run_label(run.record)] = colours
    shown = pd.DataFrame.from_dict(rows, orient="index")
    shown.index.name = t("compare.col.run")
    colours = pd.DataFrame.from_dict(tones, orient="index").reindex_like(shown).fillna("")
    return shown.style.apply(lambda _: colours, axis=None)


def metrics_section(frame: pd.DataFrame, chosen: Sequence[StoredRun]) -> None:
    """Draws the chosen runs' test metrics and their differences to the first chosen run.

    Args:
        frame: The board's `run_frame`.
        chosen: The chosen runs, in the order chosen.
    """
    shown = metrics_display(frame, chosen)
    if shown.data.empty or not len(shown.data.columns):
        return
    st.subheader(t("compare.metrics_header"))
    st.dataframe(shown, key="compare.metrics")
    if len(chosen) > 1:
        lower = ", ".join(column_label(m) for m in frame.columns if m in LOWER_IS_BETTER)
        st.caption(t("compare.metrics_caption", run=run_label(chosen[0].record),
                     lower=lower or "—"))


# --------------------------------------------------------------------------- actions


def open_in_build(run: StoredRun) -> None:
    """Makes a stored run's setup the current one and goes to Build & Train.

    Args:
        run: The run.
    """
    job = run.job
    try:
        check_model_fits(job.model, datasets.load(job.data))
    except ValueError as error:
        st.error(t("compare.load_failed", message=describe_error(error)), icon=":material/error:")
        return
    setup.replace_setup(job)
    state.put(state.PRESET, next((n for n, p in PRESETS.items() if p.job == job),
                                 state.get(state.PRESET, setup.DEFAULT_PRESET)))
    state.restart_widgets()
    st.switch_page(routes.BUILD)


def actions_section(board: run_history.Board, chosen: Sequence[StoredRun]) -> None:
    """Draws one line per chosen run (open in Build & Train, report) and the delete control.

    Args:
        board: The session's board.
        chosen: The chosen runs.
    """
    st.subheader(t("compare.actions_header"))
    for run in chosen:
        record = run.record
        with st.container(border=True):
            text_col, load_col, report_col = st.columns([6, 2, 2], vertical_alignment="center")
            text_col.markdown(t(
                "compare.run_line", run=run_label(record), when=_when(record.created_at),
                data=_data_label(record.job.data.name), network=network_summary(record.job.model),
                status=t(f"status.{record.status}"),
                epochs=record.epochs_run, total=record.job.train.epochs))
            if record.status != "completed" and record.message:
                text_col.caption(plain(describe_result_message(record)))
            # A class link that fixes presets fixes loading setups too.
            can_load = classroom.shows("preset") and classroom.shows_page(routes.BUILD)
            with load_col:
                clicked = can_load and st.button(
                    t("compare.load"), key=f"{state.COMPARE_LOAD}.{record.id}",
                    icon=":material/model_training:", help=t("compare.load_help"),
                    width="stretch")
            with report_col:
                # The run's own data set name and date, not this session's upload and now.
                report_button.report_download(
                    run.job, run.result, key=f"{state.COMPARE_REPORT}.{record.id}",
                    finished_at=record.created_at, dataset_label=_data_label(record.job.data.name),
                    csv_filename="data.csv", predictions_dropped=record.predictions_dropped)
        if clicked:
            open_in_build(run)
    delete_control(board, chosen)


def delete_control(board: run_history.Board, chosen: Sequence[StoredRun]) -> None:
    """Draws "Delete chosen runs": a popover that deletes the chosen runs this browser trained.

    Args:
        board: The session's board (on a class board others' runs are never deleted).
        chosen: The chosen runs.
    """
    own = [run.record for run in chosen if run.record.author == board.viewer]
    with st.popover(t("compare.delete"), icon=":material/delete:"):
        if not own:
            st.caption(t("compare.delete_none"))
            return
        st.markdown(t("compare.delete_confirm", n=len(own),
                      runs=", ".join(run_label(r) for r in own)))
        if len(own) < len(chosen):
            st.caption(t("compare.delete_others"))
        if st.button(t("compare.delete_button"), key=state.COMPARE_DELETE, type="primary",
                     icon=":material/delete:"):
            try:
                runstore.delete_runs(board.key, board.viewer, [r.id for r in own])
            except runstore.StoreError as error:
                store_error(error)
                return
            st.rerun()

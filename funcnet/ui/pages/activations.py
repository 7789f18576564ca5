"""The Activations page: the comparison table, the curves, and a live comparison.

The table and the plots come from the one activation registry. "Compare on
my network" trains the current setup once per chosen activation (every
hidden dense node switched to it) on the worker pool, so the table's claims
(dead ReLU units, saturating sigmoid and tanh) are measured, not just stated.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from funcnet import i18n
from funcnet.analysis import activation_ranking as compare
from funcnet.analysis import charts
from funcnet.model.activations import (
    ACTIVATIONS,
    ELU_DEFAULT_ALPHA,
    HIDDEN_ACTIVATIONS,
    LEAKY_RELU_DEFAULT_ALPHA,
    label_of,
)
from funcnet.model.spec import Job
from funcnet.ui import classroom, datasets, runs, setup, state, widgets
from funcnet.ui.texts import describe_result_message, fmt_int, t

PLOT_DEFAULT = ("relu", "tanh", "sigmoid", "leaky_relu", "elu")
COMPARE_DEFAULT = ("relu", "tanh", "sigmoid", "leaky_relu", "elu")
X_RANGE = (-5.0, 5.0)
LIVE_SECONDS = 0.5


def render() -> None:
    """Draws the whole Activations page."""
    runs.collect()
    st.title(t("act.title"))
    st.caption(t("act.intro"))
    table_section()
    plot_section()
    if classroom.shows("activation_compare"):
        compare_section(setup.current())


# --------------------------------------------------------------------------- table


def table_markdown() -> str:
    """Returns the comparison table as Markdown with the formulas as inline math.

    Returns:
        A GitHub-flavoured Markdown table, one row per registered activation.
    """
    header = [t("act.col_function"), t("act.col_formula"), t("act.col_range"),
              t("act.col_pros"), t("act.col_cons"), t("act.col_use")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, entry in ACTIVATIONS.items():
        # Braces make KaTeX keep each formula on one line instead of breaking at "=".
        cells = [f"**{entry.label}**", f"${{{entry.formula}}}$",
                 f"${{{entry.output_range}}}$", t(f"act.{name}.advantages"),
                 t(f"act.{name}.disadvantages"), t(f"act.{name}.main_use")]
        lines.append("| " + " | ".join(c.replace("|", r"\|") for c in cells) + " |")
    return "\n".join(lines)


def table_section() -> None:
    """Draws the comparison table of every registered activation."""
    st.subheader(t("act.table_header"))
    st.markdown(table_markdown())


# --------------------------------------------------------------------------- plots


def plot_section() -> None:
    """Draws the chosen functions and their derivatives, with α sliders."""
    st.subheader(t("act.plot_header"))
    pick_col, leaky_col, elu_col = st.columns([4, 2, 2], gap="medium")
    with pick_col:
        names = st.multiselect(t("act.plot_pick"), list(ACTIVATIONS), default=list(PLOT_DEFAULT),
                               format_func=label_of, key=state.ACT_PLOT)
    with leaky_col:
        leaky = widgets.decimal_slider(t("act.leaky_alpha"), 0.0, 1.0, LEAKY_RELU_DEFAULT_ALPHA,
                                       0.01, key=state.ACT_LEAKY_ALPHA,
                                       help=t("act.leaky_alpha_help"))
    with elu_col:
        elu = widgets.decimal_slider(t("act.elu_alpha"), 0.1, 3.0, ELU_DEFAULT_ALPHA, 0.1,
                                     key=state.ACT_ELU_ALPHA, help=t("act.elu_alpha_help"))
    alphas = {"leaky_relu": leaky, "elu": elu}
    x = np.linspace(*X_RANGE, 401)
    left, right = st.columns(2, gap="large")
    with left:
        figure = charts.activation_figure(names, x, alphas=alphas, title=t("act.plot_f"))
        widgets.plotly_chart(legend_on_top(figure), theme=None, key="act.plot_f")
    with right:
        figure = charts.activation_figure(names, x, derivative=True, alphas=alphas,
                                          title=t("act.plot_df"))
        widgets.plotly_chart(legend_on_top(figure), theme=None, key="act.plot_df")
    st.caption(t("act.plot_caption"))


def legend_on_top(figure: go.Figure) -> go.Figure:
    """Moves a figure's legend from the right edge to a row under the title.

    Two charts side by side are too narrow to give a legend its own column.

    Args:
        figure: A `funcnet.analysis.charts` figure.

    Returns:
        The same figure, changed in place.
    """
    height = figure.layout.height or charts.FIGURE_HEIGHT
    figure.update_layout(
        legend={"orientation": "h", "yref": "container", "yanchor": "top",
                "y": 1.0 - 50 / height, "xanchor": "left", "x": 0.0},
        margin={"t": 112},
    )
    return figure


# --------------------------------------------------------------------------- comparison


def _setup_line(job: Job) -> str:
    dense = [n for n in job.model.nodes if n.type == "dense"]
    return t("act.setup_line", layers=len(dense), params=fmt_int(job.model.total_params()),
             data=datasets.label(job.data.name), epochs=job.train.epochs,
             seed=job.train.seed)


def compare_section(job: Job) -> None:
    """Draws the "Compare on my network" controls, the live runs and the ranking.

    Args:
        job: The current setup.
    """
    st.subheader(t("act.compare_header"))
    st.markdown(t("act.compare_intro"))
    has_hidden = any(n.type == "dense" for n in job.model.nodes)
    st.caption(_setup_line(job))
    running = runs.running_comparison() is not None
    pick_col, button_col = st.columns([5, 1], vertical_alignment="bottom")
    with pick_col:
        chosen = st.multiselect(t("act.compare_pick"), HIDDEN_ACTIVATIONS,
                                default=list(COMPARE_DEFAULT), format_func=label_of,
                                key=state.ACT_COMPARE, help=t("act.compare_pick_help"))
    with button_col:
        clicked = st.button(t("act.compare_button"), type="primary",
                            disabled=running or not chosen or not has_hidden,
                            use_container_width=True, key=state.COMPARE_START,
                            icon=":material/compare_arrows:")
    if not has_hidden:
        st.info(t("act.no_hidden"))
    if (clicked and not running and chosen and has_hidden
            and widgets.started(lambda: runs.start_comparison(job, tuple(chosen)))):
        st.rerun()
    comparison: runs.RunGroup | None = state.get(state.COMPARISON)
    if comparison is None:
        return
    live = comparison.running
    # Fixed blocks, as in the live training view: a late auto-rerun of the fragment
    # never shifts the ranking drawn after it.
    live_block, ranking_block = st.container(), st.container()
    with live_block:
        st.fragment(_comparison_fragment, run_every=LIVE_SECONDS if live else None)()
    if comparison.done:
        with ranking_block:
            ranking_section(comparison)


def _comparison_fragment() -> None:
    comparison: runs.RunGroup | None = state.get(state.COMPARISON)
    if comparison is None:
        return
    if runs.collect() and comparison.done:
        st.rerun()
    epochs = comparison.base.train.epochs
    progress = comparison.progress()
    with st.container(border=True):
        head_col, stop_col = st.columns([5, 1], vertical_alignment="center")
        head_col.markdown(t("act.live_header", runs=len(progress),
                            data=datasets.label(comparison.base.data.name)))
        if not comparison.done:
            stop_col.button(t("act.stop"), key=state.COMPARE_STOP, icon=":material/stop:",
                            use_container_width=True, on_click=comparison.stop)
        table_col, chart_col = st.columns([1, 1], gap="large")
        with table_col:
            st.dataframe(
                _progress_display(compare.progress_frame(progress)), hide_index=True,
                key="act.progress_table",
                column_order=("activation", "status", "epoch", "progress", "val_loss"),
                column_config={
                    "activation": t("act.col_function"),
                    "status": t("act.col_status"),
                    "epoch": t("act.col_epoch"),
                    "progress": st.column_config.ProgressColumn(
                        t("act.col_progress"), min_value=0.0, max_value=1.0, format="percent"),
                    "val_loss": st.column_config.TextColumn(t("act.col_val_loss")),
                },
            )
        with chart_col:
            histories = {name: p.history for name, p in progress.items()}
            metric = "val_loss" if comparison.base.train.validation_split > 0 else "loss"
            figure = charts.comparison_curves(histories, metric, total_epochs=epochs,
                                              title=t(f"act.curves_{metric}"))
            widgets.plotly_chart(legend_on_top(figure), theme=None, key="act.curves")


def _progress_display(frame: pd.DataFrame) -> pd.DataFrame:
    shown = frame.copy()
    shown["status"] = [t(f"status.{s}") for s in shown["status"]]
    shown["val_loss"] = [_cell(v, "{:.4f}") for v in shown["val_loss"]]
    return shown


def _cell(value: float, pattern: str) -> str:
    """Formats a number for a table cell; NaN (does not apply, or not yet) becomes "—"."""
    if value is None or not math.isfinite(value):
        return NOT_APPLICABLE
    return pattern.format(i18n.LocalNumber(value))


NOT_APPLICABLE = "—"
"""Shown in a table cell whose value does not apply (e.g. dead units of a tanh network)."""


def ranking_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Turns a `compare.ranking_frame` into the table the page shows.

    Args:
        frame: The ranked table.

    Returns:
        A copy with a rank column, translated statuses, and the unit shares as
        percent texts ("—" where the network has no unit of that kind).
    """
    shown = frame.copy()
    shown.insert(0, "rank", range(1, len(shown) + 1))
    shown["status"] = [t(f"status.{s}") for s in shown["status"]]
    for column in ("dead", "saturated"):
        shown[column] = [_cell(v * 100.0, "{:.0f}%") for v in shown[column]]
    return shown


RANKING_PATTERNS = {"train_loss": "{:.4f}", "val_loss": "{:.4f}", "accuracy": "{:.3f}",
                    "auc": "{:.3f}", "seconds": "{:.1f} s", "grad_norm": "{:.3g}"}
"""How the ranking table shows its numbers (in the session's locale)."""


def ranking_section(comparison: runs.RunGroup) -> None:
    """Draws the ranked table of a finished comparison and what it shows.

    Args:
        comparison: The finished comparison.
    """
    frame = compare.ranking_frame(comparison.results)
    first = comparison.base.model.outputs[0]
    regression = first.task == "regression"
    st.markdown(f"**{t('act.ranking_header')}**")
    shown = ranking_display(frame)
    st.dataframe(
        widgets.localized_table(shown, RANKING_PATTERNS), hide_index=True, key="act.ranking",
        column_config={
            "rank": st.column_config.NumberColumn("#", width="small"),
            "activation": t("act.col_function"),
            "status": t("act.col_status"),
            "train_loss": st.column_config.NumberColumn(t("act.col_train_loss")),
            "val_loss": st.column_config.NumberColumn(t("act.col_val_loss")),
            "accuracy": st.column_config.NumberColumn(
                t("metric.mae" if regression else "act.col_accuracy")),
            "auc": st.column_config.NumberColumn(t("metric.r2" if regression else "act.col_auc")),
            "best_epoch": st.column_config.NumberColumn(t("act.col_best_epoch")),
            "seconds": st.column_config.NumberColumn(t("act.col_seconds"),
                                                     help=t("act.col_seconds_help")),
            "dead": st.column_config.TextColumn(t("act.col_dead"), help=t("act.col_dead_help")),
            "saturated": st.column_config.TextColumn(t("act.col_saturated"),
                                                     help=t("act.col_saturated_help")),
            "grad_norm": st.column_config.NumberColumn(t("act.col_grad"),
                                                       help=t("act.col_grad_help")),
        },
    )
    failed = [(name, describe_result_message(r)) for name, r in comparison.results.items()
              if r.status == "failed"]
    for name, message in failed:
        st.error(t("act.run_failed", activation=label_of(name), message=message))
    st.markdown(findings_text(compare.findings(frame)))


def findings_text(found: compare.Findings) -> str:
    """Says in words what the ranked table shows about the activation table's claims.

    Args:
        found: `compare.findings` of the ranked table.

    Returns:
        Markdown: a few sentences, one per finding the runs support.
    """
    parts = []
    if found.best is not None:
        parts.append(t("act.finding_best", activation=label_of(found.best)))
    if found.dead is not None:
        name, share = found.dead
        alive = ", ".join(label_of(n) for n in found.alive)
        parts.append(t("act.finding_dead", activation=label_of(name), share=f"{share:.0%}"))
        if alive:
            parts.append(t("act.finding_alive", activations=alive))
    else:
        parts.append(t("act.finding_no_dead"))
    if found.saturated is not None:
        name, share = found.saturated
        parts.append(t("act.finding_saturated", activation=label_of(name),
                       share=f"{share:.0%}"))
    if found.weakest_grad is not None and found.strongest_grad is not None:
        weak, weak_norm = found.weakest_grad
        strong, strong_norm = found.strongest_grad
        ratio = strong_norm / weak_norm if weak_norm > 0 else math.inf
        parts.append(t("act.finding_gradient", weak=label_of(weak), weak_norm=f"{weak_norm:.3g}",
                       strong=label_of(strong), strong_norm=f"{strong_norm:.3g}",
                       ratio=f"{ratio:,.0f}" if ratio >= 10 else f"{ratio:.1f}"))
    parts.append(t("act.finding_caveat"))
    return " ".join(parts)


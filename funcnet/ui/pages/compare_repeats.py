"""Compare runs, "Is the difference real?": repeat a setup over seeds and read the spread.

The section starts a repeat of the current setup (`funcnet.ui.repeats`),
follows it live, and for the repeats on the board draws each one's loss
curves as mean ± std bands, its test metrics as mean ± std, and for the
first two chosen repeats the share of seed pairs one won over the other.
The numbers come from `funcnet.runs.repeats`, the bands figure from
`funcnet.analysis.charts.band_figure`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from funcnet.analysis.charts import band_figure
from funcnet.model import limits
from funcnet.model.spec import Job
from funcnet.runs import repeats as stats
from funcnet.runs.store import RunRecord
from funcnet.runs.table import LOWER_IS_BETTER, METRIC_COLUMNS, network_summary
from funcnet.ui import repeats, runs, setup, state, widgets
from funcnet.ui.texts import describe_error, fixed_language, fmt_int, fmt_metric, t, t_plot, text

DEFAULT_SEEDS = 3
"""Seeds the repeat control starts at."""

DEFAULT_CHOSEN = 2
"""How many of the newest repeats are chosen when the section opens."""

MAX_CHOSEN = 4
"""Most repeats drawn at once (each is a band per curve)."""

LIVE_SECONDS = 1.0
"""How often the live line of a running repeat is redrawn."""

SECOND_CURVES = ("accuracy", "mae")
"""The history key drawn beside the loss, the first one the runs have."""

_METRIC_TEXT = {"loss": "metric.loss", "accuracy": "metric.accuracy", "auc": "metric.auc",
                "mae": "metric.mae", "r2": "metric.r2"}


def render(records: Sequence[RunRecord], data_label: Callable[[str], str]) -> None:
    """Draws the whole section: the repeat control, the live repeat and the repeats' spread.

    Args:
        records: The board's runs, newest first.
        data_label: Turns a data set name into its display name.
    """
    st.subheader(t("repeat.header"))
    st.caption(t("repeat.intro"))
    start_control(setup.current(), data_label)
    group = repeats.current_repeat()
    if group is not None and not group.done:
        st.fragment(_live_fragment, run_every=LIVE_SECONDS)()
    elif group is not None and group.stop_requested:
        st.caption(t("repeat.stopped"))
    found = stats.repeat_groups(records)
    if not found:
        st.info(t("repeat.none"), icon=":material/info:")
        return
    chosen = choose_repeats(found, data_label)
    if not chosen:
        st.info(t("repeat.choose_some"), icon=":material/info:")
        return
    labels = [repeat_label(r) for r in chosen]
    curves_section(chosen, labels)
    stats_section(chosen, labels)
    versus_section(chosen, labels)


def repeat_label(repeat: stats.Repeat) -> str:
    """Returns a repeat's short name from its run numbers, e.g. `"Runs 5–7"`."""
    first, last = repeat.numbers
    if first == last:  # a repeat stopped after its first seed
        return text("compare.run_label", number=first)
    return text("repeat.label", first=first, last=last)


# --------------------------------------------------------------------------- start and follow


def start_control(job: Job, data_label: Callable[[str], str]) -> None:
    """Draws the number of seeds and the button that repeats the current setup.

    Args:
        job: The current setup (Build & Train's).
        data_label: Turns a data set name into its display name.
    """
    busy = (group := repeats.current_repeat()) is not None and not group.done
    seeds_col, button_col = st.columns([1, 3], vertical_alignment="bottom")
    k = seeds_col.number_input(t("repeat.seeds"), **limits.widget_bounds(limits.REPEAT_SEEDS),
                               value=DEFAULT_SEEDS, step=1, key=state.REPEAT_SEEDS,
                               help=t("repeat.seeds_help"))
    clicked = button_col.button(t("repeat.start"), type="primary", disabled=busy,
                                key=state.REPEAT_START, icon=":material/replay:")
    first = job.train.seed
    st.caption(t("repeat.setup_line", data=data_label(job.data.name),
                 network=network_summary(job.model), epochs=job.train.epochs,
                 first=first, last=(first + int(k) - 1) % (limits.MAX_SEED + 1)))
    if clicked and not busy and widgets.started(lambda: repeats.start_repeat(job, int(k))):
        st.rerun()


def _live_fragment() -> None:
    group = repeats.current_repeat()
    if group is None:
        return
    if runs.collect() and group.done:
        st.rerun()  # the new runs: the whole page draws them
    if group.done:
        return
    current = len(group.results) + 1
    progress = next((p for name, p in group.progress().items() if name not in group.results),
                    None)
    with st.container(border=True):
        line_col, stop_col = st.columns([5, 1], vertical_alignment="center")
        share = len(group.results) / group.size
        if progress is None or progress.status == "queued":
            line_col.markdown(t("repeat.live_waiting", current=current, total=group.size))
        else:
            line_col.markdown(t("repeat.live", current=current, total=group.size,
                                epoch=progress.epoch, epochs=progress.epochs))
            share += progress.epoch / max(1, progress.epochs) / group.size
        stop_col.button(t("repeat.stop"), key=state.REPEAT_STOP, icon=":material/stop:",
                        on_click=group.stop, width="stretch")
        st.progress(min(1.0, share))
        if group.refused is not None:
            st.caption(t("repeat.waiting_turn", message=describe_error(group.refused)))


# --------------------------------------------------------------------------- choose


def choose_repeats(found: Sequence[stats.Repeat],
                   data_label: Callable[[str], str]) -> list[stats.Repeat]:
    """Draws the chooser of repeats (the newest two at first, at most `MAX_CHOSEN`).

    Args:
        found: The board's repeats, newest first.
        data_label: Turns a data set name into its display name.

    Returns:
        The chosen repeats, in the order chosen.
    """
    by_id = {r.id: r for r in found}
    current = st.session_state.get(state.REPEATS_CHOSEN)
    if current is None:
        current = state.get(state.REPEATS_SELECTED)
    if current is None:  # the newest repeats with a completed seed (a stopped one shows little)
        ranked = sorted(found, key=lambda r: not r.completed)  # stable: newest first in each
        current = [r.id for r in ranked[:DEFAULT_CHOSEN]]
    group = repeats.current_repeat()
    if group is not None and group.done and group.repeat_id in by_id \
            and state.get(state.REPEAT_SHOWN) != group.repeat_id:
        # The repeat this session just finished comes first: it is compared with the next.
        current = [group.repeat_id, *(i for i in current if i != group.repeat_id)]
        state.put(state.REPEAT_SHOWN, group.repeat_id)
    st.session_state[state.REPEATS_CHOSEN] = [i for i in current if i in by_id][:MAX_CHOSEN]

    def option(repeat_id: str) -> str:
        repeat = by_id[repeat_id]
        return text("repeat.option", label=repeat_label(repeat), n=len(repeat.runs),
                    data=data_label(repeat.job.data.name),
                    network=network_summary(repeat.job.model))

    chosen = list(st.multiselect(t("repeat.chosen"), list(by_id), key=state.REPEATS_CHOSEN,
                                 max_selections=MAX_CHOSEN, help=t("repeat.chosen_help"),
                                 format_func=fixed_language(option)))
    state.put(state.REPEATS_SELECTED, chosen)
    return [by_id[i] for i in chosen]


# --------------------------------------------------------------------------- draw


def curves_section(chosen: Sequence[stats.Repeat], labels: Sequence[str]) -> None:
    """Draws the loss bands and, beside them, the accuracy (or MAE) bands of the chosen repeats.

    Args:
        chosen: The chosen repeats.
        labels: Their labels (repeat `i` has colour `i`).
    """
    histories = {label: [r.history for r in repeat.completed]
                 for label, repeat in zip(labels, chosen, strict=True)}
    keys = {key for runs_ in histories.values() for h in runs_ for key in h}
    second = next((m for m in SECOND_CURVES if m in keys), None)
    columns = st.columns(2, gap="large") if second else [st.container()]
    for column, metric in zip(columns, ["loss", second], strict=False):
        bands = {label: {key: band for key in (metric, "val_" + metric)
                         if (band := stats.curve_band(runs_, key)) is not None}
                 for label, runs_ in histories.items()}
        title = (t_plot("repeat.loss_title") if metric == "loss" else
                 t_plot("repeat.metric_title", metric=t(_METRIC_TEXT[metric])))
        with column:
            widgets.plotly_chart(band_figure(bands, metric, title=title, repeats=labels),
                                 theme=None, key=f"repeat.bands.{metric}")
    st.caption(t("repeat.curves_caption"))


def _pm(stat: stats.Stat) -> str:
    spread = "—" if math.isnan(stat.std) else fmt_metric(stat.std)
    return f"{fmt_metric(stat.mean)} ± {spread}"


def stats_frame(chosen: Sequence[stats.Repeat], labels: Sequence[str]) -> pd.DataFrame:
    """Returns the table of the chosen repeats: seeds, then each metric as "mean ± std" text.

    Args:
        chosen: The chosen repeats.
        labels: Their labels (the index).

    Returns:
        One row per repeat; metric columns no repeat has are left out.
    """
    rows = {}
    for label, repeat in zip(labels, chosen, strict=True):
        found = stats.metric_stats(repeat, METRIC_COLUMNS)
        row = {t("repeat.col.seeds"): text("repeat.seeds_cell",
                                          completed=fmt_int(len(repeat.completed)),
                                          total=fmt_int(len(repeat.runs)))}
        row.update({t(_METRIC_TEXT[m]): _pm(found[m]) for m in METRIC_COLUMNS if m in found})
        rows[label] = row
    frame = pd.DataFrame.from_dict(rows, orient="index").fillna("—")
    frame.index.name = t("repeat.col.repeat")
    return frame


def stats_section(chosen: Sequence[stats.Repeat], labels: Sequence[str]) -> None:
    """Draws the chosen repeats' test metrics as mean ± std."""
    st.subheader(t("repeat.stats_header"))
    st.dataframe(stats_frame(chosen, labels), key="repeat.stats")
    st.caption(t("repeat.stats_caption"))


def win_sentence(a: str, b: str, share: stats.WinShare, metric: str) -> str:
    """Returns the one plain sentence on who won more seed pairs, the winner named first.

    Args:
        a: The first repeat's label.
        b: The second repeat's label.
        share: A's wins, losses and ties over B.
        metric: The metric id (`METRIC_COLUMNS`).

    Returns:
        E.g. "Runs 1–3 beat Runs 4–6 in 8 of 9 seed pairs on test accuracy.",
        then how many pairs tied, if any.
    """
    name = text(f"repeat.metric.{metric}")
    if share.losses > share.wins:
        a, b, share = b, a, share.swapped()
    if share.ties == share.pairs:
        return t("repeat.all_tied", a=a, b=b, n=share.pairs, metric=name)
    key = "repeat.even" if share.wins == share.losses else "repeat.beat"
    sentence = t(key, a=a, b=b, wins=share.wins, n=share.pairs, metric=name)
    if share.ties:
        sentence = f"{sentence} {t('repeat.ties', n=share.ties)}"
    return sentence


def versus_section(chosen: Sequence[stats.Repeat], labels: Sequence[str]) -> None:
    """Draws the win share of the first two chosen repeats (with a completed seed) on a metric."""
    st.subheader(t("repeat.versus_header"))
    # The first two chosen repeats that have a completed seed.
    pairs = [(label, r) for label, r in zip(labels, chosen, strict=True) if r.completed][:2]
    if len(pairs) < 2:
        st.caption(t("repeat.choose_two"))
        return
    (label_a, first), (label_b, second) = pairs
    common = [m for m in METRIC_COLUMNS
              if len(stats.metric_values(first, m)) and len(stats.metric_values(second, m))]
    if not common:
        st.caption(t("repeat.no_pairs"))
        return
    preferred = next((m for m in ("accuracy", "r2") if m in common), common[0])
    if st.session_state.get(state.REPEAT_METRIC) not in common:
        st.session_state.pop(state.REPEAT_METRIC, None)  # the other pair's metric: start again
    metric = st.selectbox(t("repeat.metric"), common, index=common.index(preferred),
                          key=state.REPEAT_METRIC,
                          format_func=fixed_language(lambda m: text(f"repeat.metric.{m}")))
    share = stats.win_share(stats.metric_values(first, metric),
                            stats.metric_values(second, metric),
                            lower_is_better=metric in LOWER_IS_BETTER)
    st.markdown(win_sentence(label_a, label_b, share, metric))
    st.caption(t("repeat.pairs_caption"))

"""Widgets that several pages draw the same way."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from funcnet import i18n
from funcnet.messages import InputError
from funcnet.model.presets import PRESETS
from funcnet.ui import setup, state
from funcnet.ui.texts import describe_error, fixed_language, t

if TYPE_CHECKING:
    import pandas as pd
    from pandas.io.formats.style import Styler

    from funcnet.model.spec import ModelSpec


def preset_picker(select_key: str, load_key: str) -> Callable[[ModelSpec], None]:
    """Draws the preset selectbox with its Load button, and a place for its description.

    Load replaces the session's setup with the preset's (`setup.load_preset`).
    The description is written once the page knows this run's network (the
    editor below the picker may change it): the chosen preset's, or "custom
    network" when the network differs from the preset it names.

    Args:
        select_key: State key of the selectbox (a generation-numbered widget
            key is derived from it, so Load restarts it from the setup).
        load_key: Widget key of the Load button.

    Returns:
        `describe(model)`: fills the description for this run's network.
    """
    pick_col, button_col = st.columns([3, 1], vertical_alignment="bottom")
    with pick_col:
        name = st.selectbox(
            t("build.preset"), list(PRESETS),
            format_func=fixed_language(lambda n: t(f"preset.{n}.label")),
            **state.bound_choice(state.widget_key(select_key),
                                 list(PRESETS), state.get(state.PRESET, "seed")),
        )
    with button_col:
        st.button(t("build.load_preset"), on_click=setup.load_preset, args=(name,),
                  width="stretch", key=load_key)
    slot = st.empty()

    def describe(model: ModelSpec) -> None:
        if name == state.get(state.PRESET, "seed") and model != PRESETS[name].job.model:
            # Edited, or from a link or file: describing the preset would describe another net.
            slot.caption(t("build.preset_edited", preset=t(f"preset.{name}.label")))
        else:
            slot.caption(t(f"preset.{name}.description"))

    return describe


def plotly_chart(figure: go.Figure, **kwargs: Any) -> Any:
    """Draws a figure with the session locale's number separators on its axes.

    The chart builders label their figures in the session's language at the
    source (gettext); here only plotly's number format follows the locale.

    Args:
        figure: The figure (its `layout.separators` is set in place).
        **kwargs: Passed on to `st.plotly_chart` (`key`, `theme`, `on_select`, ...).

    Returns:
        What `st.plotly_chart` returns: the selection state with `on_select`.
    """
    return st.plotly_chart(localise(figure), **kwargs)


def localise(figure: go.Figure) -> go.Figure:
    """Gives a figure the session locale's number separators on its axes.

    Its texts are already in the session's language (the builders translate
    at the source); a figure kept across live ticks goes through this again.

    Args:
        figure: The figure, changed in place.

    Returns:
        `figure`.
    """
    figure.update_layout(separators=i18n.plotly_separators())  # the locale's, on every axis
    return figure


NOT_A_NUMBER = "—"
"""A table cell whose number does not apply (or is not known yet)."""


def localized_table(frame: pd.DataFrame, patterns: Mapping[str, str] | None = None) -> Styler:
    """Shows a frame's number columns with the session locale's decimal and group signs.

    `st.dataframe` draws numbers with a decimal point whatever the language;
    a `Styler` gives each cell its display text while sorting still uses the
    values. Text columns are left as they are (they may be the user's data).

    Args:
        frame: The table.
        patterns: A `str.format` pattern per column, e.g. `{"loss": "{:.4f}",
            "seconds": "{:.1f} s"}`; other number columns show the value as
            it is (`0.71` / `0,71`). Non-finite values show `NOT_A_NUMBER`.

    Returns:
        The `Styler` to pass to `st.dataframe`.
    """
    import pandas as pd  # here: the home page never needs pandas

    patterns = patterns or {}
    numeric = [column for column in frame.columns
               if pd.api.types.is_numeric_dtype(frame[column])
               and not pd.api.types.is_bool_dtype(frame[column])]

    def formatter(pattern: str) -> Callable[[object], str]:
        def shown(value: object) -> str:
            if not isinstance(value, int | float | np.number) or not math.isfinite(float(value)):
                return NOT_A_NUMBER
            return pattern.format(i18n.LocalNumber(value.item() if isinstance(value, np.number)
                                                   else value))
        return shown

    return frame.style.format({column: formatter(patterns.get(column, "{}"))
                               for column in numeric})


def decimal_slider(label: str, low: float, high: float, value: float, step: float, *,
                   key: str, help: str | None = None) -> float:  # noqa: A002 - Streamlit's name
    """A slider over decimal values that shows them in the session's locale (`0,50`).

    `st.slider` always shows a decimal point; this is a `st.select_slider`
    over the same grid whose labels are formatted with Babel.

    Args:
        label: The widget's label.
        low: The smallest value.
        high: The largest value.
        value: The value it starts at (snapped to the grid).
        step: The grid's spacing.
        key: The widget key.
        help: The tooltip.

    Returns:
        The chosen value.
    """
    digits = max(0, -math.floor(math.log10(step))) if step < 1 else 0
    count = round((high - low) / step)
    options = [round(low + i * step, digits) for i in range(count + 1)]
    start = min(options, key=lambda option: abs(option - value))
    return st.select_slider(label, options=options, value=start, key=key, help=help,
                            format_func=lambda option: i18n.decimal(option, digits))


def started(start: Callable[[], object]) -> bool:
    """Calls `start` (it submits trainings); a refusal is shown on the page, never raised.

    Args:
        start: Submits the page's trainings, e.g. `lambda: runs.start_training(job)`.

    Returns:
        Whether it started. `False` when the server refused it (over a work cap,
        or the queue is full: nothing was queued); the page then shows why as
        an error, in the session's language.
    """
    try:
        start()
    except InputError as error:
        st.error(describe_error(error), icon=":material/block:")
        return False
    return True

"""Widgets that several pages draw the same way."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from funcnet.analysis import charts
from funcnet.model.presets import PRESETS
from funcnet.ui import setup, state
from funcnet.ui.texts import chart_labels, fixed_language, language, t


def preset_picker(select_key: str, load_key: str) -> None:
    """Draws the preset selectbox with its Load button and description.

    Load replaces the session's setup with the preset's (`setup.load_preset`).

    Args:
        select_key: State key of the selectbox (a generation-numbered widget
            key is derived from it, so Load restarts it from the setup).
        load_key: Widget key of the Load button.
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
    st.caption(t(f"preset.{name}.description"))


def plotly_chart(figure: go.Figure, **kwargs: object) -> None:
    """Draws a `funcnet.analysis.charts` figure with its built-in texts in the session's language.

    Args:
        figure: The figure (its texts are replaced in place).
        **kwargs: Passed on to `st.plotly_chart` (`key`, `theme`, ...).
    """
    figure = charts.relabel(figure, chart_labels())
    if language() == "pt":
        figure.update_layout(separators=",.")  # axis numbers: decimal comma, thousands dot
    st.plotly_chart(figure, **kwargs)

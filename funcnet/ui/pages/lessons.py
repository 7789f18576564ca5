"""The Lessons page: the notebook's seven steps on the real setup, and "can a network learn noise?".

Lesson 1 (`funcnet.ui.lessons.steps`) walks through the notebook's steps on
the session's own setup; lesson 2 (`funcnet.ui.lessons.noise`) trains the
notebook's network on random labels and on signal, side by side. The page
only picks one.
"""

from __future__ import annotations

import streamlit as st

from funcnet.ui import runs, state
from funcnet.ui.lessons.noise import noise_lesson
from funcnet.ui.lessons.steps import steps_lesson
from funcnet.ui.texts import fixed_language, t

LESSONS = ("steps", "noise")
"""The page's two lessons: the notebook's seven steps, and learning noise."""


def render() -> None:
    """Draws the whole Lessons page."""
    runs.collect()
    st.title(t("lessons.title"))
    st.caption(t("lessons.intro"))
    chosen = _lesson_picker()
    if chosen == "steps":
        steps_lesson()
    else:
        noise_lesson()


def _lesson_picker() -> str:
    current = state.get(state.LESSON, LESSONS[0])
    chosen = st.segmented_control(
        t("lessons.pick"), LESSONS, required=True, label_visibility="collapsed",
        format_func=fixed_language(lambda name: t(f"lessons.pick.{name}")),
        default=current, key=state.bind(state.LESSON_PICK, current),
    ) or current
    state.put(state.LESSON, chosen)
    return chosen

"""Lesson 1's Train click, kept from its callback until the run that starts the job.

The click is stored by the button's callback (callbacks run before the
script, so a quick click on Next cannot lose it) and taken where the job
starts. A click that no lesson-1 run acts on, because the student left for
another page or lesson first, is forgotten: it must never start a training
later, when nobody asked for one. Kept free of heavy imports: the app's
shell forgets the click on every other page.
"""

from __future__ import annotations

from funcnet.ui import state


def request() -> None:
    """Records a Train click (the button's `on_click`)."""
    state.put(state.LESSON_TRAIN_REQUESTED, True)


def take() -> bool:
    """Returns whether Train was clicked since the last call, and uses the click up."""
    requested = bool(state.get(state.LESSON_TRAIN_REQUESTED))
    state.put(state.LESSON_TRAIN_REQUESTED, False)
    return requested


def forget() -> None:
    """Drops a Train click that will not be acted on (another page or lesson is shown)."""
    state.put(state.LESSON_TRAIN_REQUESTED, False)

"""Lesson 1's Train click, kept from its callback until the run that starts the job.

The click is stored by the button's callback (callbacks run before the
script, so a quick click on Next cannot lose it) and taken where the job
starts. A run cut short by another click (Next right after Train) never
takes it, so the next run does. The app's shell forgets the click at the end
of every run that completed without taking it (the student went to another
page or lesson first): it must never start a training later, when nobody
asked for one. Kept free of heavy imports, for the shell.
"""

from __future__ import annotations

from funcnet.ui import state


def request() -> None:
    """Records a Train click (the button's `on_click`)."""
    state.put(state.LESSON_TRAIN_REQUESTED, True)


def take() -> bool:
    """Returns whether Train was clicked since the last call, and uses the click up."""
    requested = bool(state.get(state.LESSON_TRAIN_REQUESTED))
    forget()
    return requested


def forget() -> None:
    """Drops a Train click that no run acted on (the shell, after every completed run)."""
    state.put(state.LESSON_TRAIN_REQUESTED, False)

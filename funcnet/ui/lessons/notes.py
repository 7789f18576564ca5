"""Writes the lessons' closing sentences (`funcnet.classroom.conclusions` chooses them)."""

from __future__ import annotations

from funcnet.classroom.conclusions import Note
from funcnet.ui.texts import fmt_int, fmt_metric, t


def note_text(note: Note, **extra: str) -> str:
    """Writes one conclusion sentence: numbers as the language formats them.

    Args:
        note: A sentence id (without the `lessons.` prefix) and its values.
        **extra: Further values, already written (e.g. a data set's label).

    Returns:
        The sentence in the session's language.
    """
    key, values = note
    shown: dict[str, str] = dict(extra)
    for name, value in values.items():
        shown[name] = fmt_int(value) if isinstance(value, int) else fmt_metric(value)
    return t(f"lessons.{key}", **shown)

"""The session's current setup (network, data set, training settings).

The setup is a `funcnet.model.spec.Job` under a durable key: every page reads it,
the Build & Train page edits it, and it is only ever replaced by a valid one.
"""

from __future__ import annotations

from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job
from funcnet.ui import state

DEFAULT_PRESET = "seed"


def current() -> Job:
    """Returns the session's setup, starting from the `seed` preset.

    Returns:
        The current, valid `Job`.
    """
    job = state.get(state.SETUP)
    if job is None:
        job = PRESETS[DEFAULT_PRESET].job
        state.put(state.SETUP, job)
        state.put(state.PRESET, DEFAULT_PRESET)
    return job


def replace_setup(job: Job) -> None:
    """Stores a new valid setup (widgets keep their values).

    Args:
        job: The new setup.
    """
    state.put(state.SETUP, job)


def load_preset(name: str) -> None:
    """Replaces the setup with preset `name` and restarts the Build & Train widgets.

    Used as a button callback, so it runs before the page is drawn.

    Args:
        name: A key of `funcnet.model.presets.PRESETS`.

    Raises:
        ValueError: If there is no such preset.
    """
    if name not in PRESETS:
        raise ValueError(f"Unknown preset {name!r}; known presets: {', '.join(PRESETS)}.")
    state.put(state.SETUP, PRESETS[name].job)
    state.put(state.PRESET, name)
    state.restart_widgets()


def note_until_changed(key: str, reason: object) -> None:
    """Keeps `reason` under `key` for as long as the setup stays the current one.

    A link that could not be used says why until the user changes the setup
    (`reason_until_changed` then forgets it).

    Args:
        key: A durable state key.
        reason: What the page will show (an error, or a finished text).
    """
    state.put(key, (reason, current()))


def reason_until_changed(key: str) -> object | None:
    """Returns what `note_until_changed` kept under `key`, or `None` once the setup changed.

    Args:
        key: The durable state key.

    Returns:
        The reason, while the setup is still the one it was kept with.
    """
    kept = state.get(key)
    if kept is None:
        return None
    reason, setup_then = kept
    if current() != setup_then:
        state.put(key, None)
        return None
    return reason

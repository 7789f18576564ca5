"""Cancels a session's trainings when its browser tab goes away for good.

Streamlit has no "session ended" callback, and a disconnected session's
state lingers for `server.disconnectedSessionTTL` and is then dropped
without any hook (garbage collection of its state is not timely either).
What Streamlit does call, the moment a websocket disconnects, is the
`on_release` of every *session-scoped* `st.cache_resource` entry. So each
session keeps one `SessionJobs` there, and every job it submits is watched
by it. On release, a timer waits `GRACE_SECONDS`: if the session runs again
in that time (a network blip, a page reload that resumes the session), the
jobs go on; otherwise every unfinished one is cancelled and its worker is
free again.
"""

from __future__ import annotations

import threading
from typing import Protocol

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

GRACE_SECONDS = 5.0
"""How long a disconnected session may take to come back before its jobs are cancelled."""


class Cancellable(Protocol):
    """What `SessionJobs` watches: a `JobHandle`, `SweepHandle` or `BranchHandle`."""

    def done(self) -> bool: ...

    def cancel(self) -> None: ...


class SessionJobs:
    """The unfinished jobs of one session (thread-safe).

    Args:
        session_id: The Streamlit session's id.

    Attributes:
        session_id: The session's id.
        attachments: How often a script run of the session (re)created its
            session-scoped cache entry; a release is cancelled when it grows.
    """

    def __init__(self, session_id: str) -> None:
        self.session_id = session_id
        self.attachments = 0
        self._lock = threading.Lock()
        self._handles: list[Cancellable] = []

    def watch(self, handle: Cancellable) -> None:
        """Remembers `handle`, so it is cancelled if the session goes away.

        Args:
            handle: A job handle (anything with `done()` and `cancel()`).
        """
        with self._lock:
            self._handles = [h for h in self._handles if not h.done()]
            self._handles.append(handle)

    def unfinished(self) -> list[Cancellable]:
        """Returns the watched handles that have not finished."""
        with self._lock:
            return [h for h in self._handles if not h.done()]

    def cancel_all(self) -> int:
        """Cancels every unfinished watched job.

        Returns:
            How many jobs were cancelled.
        """
        with self._lock:
            handles, self._handles = self._handles, []
        pending = [h for h in handles if not h.done()]
        for handle in pending:
            handle.cancel()
        return len(pending)


_LOCK = threading.Lock()
_SESSIONS: dict[str, SessionJobs] = {}


def _attach(session_id: str) -> SessionJobs:
    """Returns the session's `SessionJobs` (kept across a disconnect) and counts the attach."""
    with _LOCK:
        jobs = _SESSIONS.setdefault(session_id, SessionJobs(session_id))
        jobs.attachments += 1
        return jobs


def released(jobs: SessionJobs, grace: float | None = None) -> threading.Timer:
    """Called by Streamlit when the session disconnects: cancels its jobs after a grace period.

    Args:
        jobs: The session's jobs.
        grace: Seconds to wait for the session to come back (default
            `GRACE_SECONDS`).

    Returns:
        The started timer (tests wait on it).
    """
    with _LOCK:
        attachments = jobs.attachments
    timer = threading.Timer(GRACE_SECONDS if grace is None else grace, _expire,
                            args=(jobs, attachments))
    timer.daemon = True
    timer.name = f"funcnet-release-{jobs.session_id[:8]}"
    timer.start()
    return timer


def _expire(jobs: SessionJobs, attachments: int) -> None:
    with _LOCK:
        if jobs.attachments != attachments:
            return  # the session ran again: it is back, its jobs go on
        _SESSIONS.pop(jobs.session_id, None)
    jobs.cancel_all()


@st.cache_resource(scope="session", on_release=released, show_spinner=False)
def _session_jobs(session_id: str) -> SessionJobs:
    return _attach(session_id)


def current() -> SessionJobs | None:
    """Returns this session's `SessionJobs`, attaching it on the session's first call.

    Call it on every run (pages and live fragments do, through
    `funcnet.ui.runs`), so a session that reconnects re-attaches at once.

    Returns:
        The `SessionJobs`, or `None` outside a Streamlit script run.
    """
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return None
    return _session_jobs(ctx.session_id)


def watch(handle: Cancellable) -> None:
    """Makes `handle` end with the session: cancelled if the session disconnects for good.

    Args:
        handle: The handle of a job this session submitted.
    """
    jobs = current()
    if jobs is not None:
        jobs.watch(handle)

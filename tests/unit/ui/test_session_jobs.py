"""The mechanism that cancels a closed tab's trainings (`funcnet.ui.session_jobs`)."""

from __future__ import annotations

import threading

from funcnet.ui import session_jobs


class FakeHandle:
    def __init__(self, done: bool = False) -> None:
        self._done = done
        self.cancelled = threading.Event()

    def done(self) -> bool:
        return self._done or self.cancelled.is_set()

    def cancel(self) -> None:
        self.cancelled.set()


def test_release_cancels_unfinished_jobs_after_the_grace_period():
    jobs = session_jobs._attach("session-a")
    running, finished = FakeHandle(), FakeHandle(done=True)
    jobs.watch(running)
    jobs.watch(finished)
    assert jobs.unfinished() == [running]
    timer = session_jobs.released(jobs, grace=0.05)
    assert not running.cancelled.is_set()  # not before the grace period
    timer.join(2)
    assert running.cancelled.is_set() and not finished.cancelled.is_set()
    assert "session-a" not in session_jobs._SESSIONS


def test_a_session_that_runs_again_keeps_its_jobs():
    jobs = session_jobs._attach("session-b")
    handle = FakeHandle()
    jobs.watch(handle)
    timer = session_jobs.released(jobs, grace=0.2)
    again = session_jobs._attach("session-b")  # the reconnected session's next run
    assert again is jobs
    timer.join(2)
    assert not handle.cancelled.is_set()
    assert jobs.unfinished() == [handle]
    session_jobs.released(jobs, grace=0.0).join(2)  # a later, final disconnect
    assert handle.cancelled.is_set()


def test_cancel_all_reports_and_forgets():
    jobs = session_jobs.SessionJobs("session-c")
    handles = [FakeHandle(), FakeHandle(), FakeHandle(done=True)]
    for handle in handles:
        jobs.watch(handle)
    assert jobs.cancel_all() == 2
    assert jobs.cancel_all() == 0 and jobs.unfinished() == []


def test_outside_a_script_run_nothing_is_watched():
    assert session_jobs.current() is None
    session_jobs.watch(FakeHandle())  # no session: a no-op, not an error

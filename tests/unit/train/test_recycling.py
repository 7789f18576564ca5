"""A worker's successor warms up during its last job, so the next job does not wait for a start."""

from __future__ import annotations

import errno
import time
from pathlib import Path
from typing import Any

import pytest
import scripted_worker
from waiting import wait_until

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train import pool as pool_module
from funcnet.train.pool import WorkerPool
from funcnet.train.results import RunOptions

TIMEOUT = 60.0


def _job() -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=1))


@pytest.fixture
def release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The file whose creation ends the scripted workers' running jobs."""
    path = tmp_path / "release"
    monkeypatch.setenv(scripted_worker.RELEASE_ENV, str(path))
    return path


def test_the_successor_is_ready_before_the_last_job_ends_and_takes_the_next(
        release: Path) -> None:
    pool = WorkerPool(workers=1, max_jobs_per_worker=1, worker_target=scripted_worker.main)
    options = RunOptions(keep_model=False)
    try:
        assert pool.warm(timeout=TIMEOUT)
        (first_pid,) = pool.worker_pids()
        last = pool.submit(_job(), options)
        wait_until(lambda: last.status() == "running", TIMEOUT)
        # The worker took its last job: a successor starts and warms up meanwhile.
        wait_until(lambda: pool.ready_workers() == 2, TIMEOUT)
        assert pool.warm(timeout=0)  # the worker that takes the next job is ready
        successor = next(pid for pid in pool.worker_pids() if pid != first_pid)
        assert last.status() == "running" and last.worker_pid == first_pid
        # One job at a time on a one-worker pool, however many processes are up.
        waiting = pool.submit(_job(), options)
        time.sleep(0.5)  # rounds of the pool's loop in which it could wrongly dispatch
        assert waiting.status() == "queued" and last.status() == "running"
        release.touch()
        assert last.result(timeout=TIMEOUT).status == "completed"
        assert waiting.result(timeout=TIMEOUT).status == "completed"
        assert waiting.worker_pid == successor
        # The old process exits after its last job; the pool never holds more than 2 x size.
        wait_until(lambda: first_pid not in pool.worker_pids(), TIMEOUT)
        assert pool.alive_workers() <= 2 * pool.size
    finally:
        pool.shutdown()


def test_a_full_pool_starts_no_extra_process(release: Path) -> None:
    pool = WorkerPool(workers=2, max_jobs_per_worker=3, worker_target=scripted_worker.main)
    try:
        assert pool.warm(timeout=TIMEOUT)
        handle = pool.submit(_job(), RunOptions(keep_model=False))
        wait_until(lambda: handle.status() == "running", TIMEOUT)
        time.sleep(0.5)
        assert pool.alive_workers() == 2  # not the worker's last job: no successor yet
        release.touch()
        assert handle.result(timeout=TIMEOUT).status == "completed"
    finally:
        pool.shutdown()


def test_a_successor_waits_while_two_processes_per_worker_live(
        release: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    linger = tmp_path / "linger"
    monkeypatch.setenv(scripted_worker.LINGER_ENV, str(linger))
    pool = WorkerPool(workers=1, max_jobs_per_worker=1, worker_target=scripted_worker.main)
    options = RunOptions(keep_model=False)
    try:
        assert pool.warm(timeout=TIMEOUT)
        release.touch()  # every job ends at once; workers done with theirs stay alive
        assert pool.submit(_job(), options).result(timeout=TIMEOUT).status == "completed"
        assert pool.warm(timeout=TIMEOUT)  # the first worker's successor
        assert pool.submit(_job(), options).result(timeout=TIMEOUT).status == "completed"
        # Both processes finished their last jobs and have not exited: no third one starts.
        time.sleep(0.5)
        assert pool.alive_workers() == 2 * pool.size
        assert not pool.warm(timeout=0)
        linger.touch()
        assert pool.warm(timeout=TIMEOUT)  # once they exit, a successor starts
        wait_until(lambda: pool.alive_workers() == pool.size, TIMEOUT)
        assert pool.submit(_job(), options).result(timeout=TIMEOUT).status == "completed"
    finally:
        pool.shutdown()


def test_a_process_the_system_refuses_pauses_training_and_running_jobs_still_finish(
        release: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = WorkerPool(workers=1, max_jobs_per_worker=1, retry_base_seconds=30.0,
                      worker_target=scripted_worker.main)

    def spawn(*args: Any, **kwargs: Any) -> Any:
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(pool_module, "spawn_worker", spawn)
    options = RunOptions(keep_model=False)
    try:
        assert pool.warm(timeout=TIMEOUT)
        last = pool.submit(_job(), options)  # the worker's last job: its successor cannot start
        wait_until(lambda: not pool.availability().ready, TIMEOUT)
        assert pool.availability().failures == pool_module.MAX_START_FAILURES
        refused = pool.submit(_job(), options).result(timeout=5)
        assert refused.message_code == "jobs.workers_unstartable", refused.message
        paused_for = pool.availability().retry_in
        # The pool still reads its workers: the running job finishes normally.
        release.touch()
        assert last.result(timeout=TIMEOUT).status == "completed"
        # That worker's normal exit neither starts a new pause nor changes the reason
        # (test_recovery.py shows the pool starting workers again after a pause).
        wait_until(lambda: pool.alive_workers() == 0, TIMEOUT)
        time.sleep(0.3)
        availability = pool.availability()
        assert not availability.ready and 0 < availability.retry_in < paused_for
        again = pool.submit(_job(), options).result(timeout=5)
        assert again.message_code == "jobs.workers_unstartable", again.message
    finally:
        pool.shutdown()

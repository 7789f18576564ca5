"""A worker's successor warms up during its last job, so the next job does not wait for a start."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import scripted_worker

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.pool import WorkerPool
from funcnet.train.results import RunOptions

TIMEOUT = 60.0


def _job() -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=1))


def _until(condition, timeout: float = TIMEOUT) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


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
        _until(lambda: last.status() == "running")
        # The worker took its last job: a successor starts and warms up meanwhile.
        _until(lambda: pool.ready_workers() == 2)
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
        _until(lambda: first_pid not in pool.worker_pids())
        assert pool.alive_workers() <= 2 * pool.size
    finally:
        pool.shutdown()


def test_a_full_pool_starts_no_extra_process(release: Path) -> None:
    pool = WorkerPool(workers=2, max_jobs_per_worker=3, worker_target=scripted_worker.main)
    try:
        assert pool.warm(timeout=TIMEOUT)
        handle = pool.submit(_job(), RunOptions(keep_model=False))
        _until(lambda: handle.status() == "running")
        time.sleep(0.5)
        assert pool.alive_workers() == 2  # not the worker's last job: no successor yet
        release.touch()
        assert handle.result(timeout=TIMEOUT).status == "completed"
    finally:
        pool.shutdown()

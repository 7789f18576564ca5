"""The pool never gives up: after repeated start failures it pauses, says so, and tries again."""

from __future__ import annotations

from pathlib import Path

import failing_worker
import pytest
from waiting import wait_until

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train import pool as pool_module
from funcnet.train.pool import WorkerPool
from funcnet.train.results import RunOptions

TIMEOUT = 180.0


def _job() -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=1))


def test_start_failures_make_training_unavailable_then_the_pool_recovers(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = tmp_path / "failures"
    # Three failures back off; a fourth (the first retry) doubles the pause; then it works.
    counter.write_text(str(pool_module.MAX_START_FAILURES + 1))
    monkeypatch.setenv(failing_worker.COUNTER_ENV, str(counter))
    pool = WorkerPool(workers=1, retry_base_seconds=0.5, worker_target=failing_worker.main)
    try:
        assert pool.availability().ready  # not yet: nothing has failed
        wait_until(lambda: not pool.availability().ready, TIMEOUT)
        availability = pool.availability()
        assert availability.failures == pool_module.MAX_START_FAILURES
        refused = pool.submit(_job(), RunOptions(keep_model=False))
        result = refused.result(timeout=5)
        assert result.status == "failed" and result.message_code == "jobs.workers_broken"
        assert result.message.startswith("Training is temporarily unavailable")
        assert "exit code 3" in result.message
        # It keeps trying: the retry's failure lengthens the pause, the next start works.
        wait_until(lambda: pool.availability().failures > pool_module.MAX_START_FAILURES, TIMEOUT)
        assert pool.warm(timeout=1) is False
        wait_until(lambda: pool.availability().ready, TIMEOUT)
        assert pool.warm(timeout=TIMEOUT)
        assert counter.read_text() == "0"
        handle = pool.submit(_job(), RunOptions(keep_model=False))
        assert handle.result(timeout=TIMEOUT).status == "completed"
        assert pool.availability() == pool_module.Availability(ready=True)
    finally:
        pool.shutdown()

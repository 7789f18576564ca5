"""Typed events survive the pipe, and every handle implements the `Handle` protocol."""

from __future__ import annotations

import numpy as np
import pytest

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.events import Done, Epoch, Started, event_from_dict
from funcnet.train.handles import Handle, Pool
from funcnet.train.pool import WorkerPool
from funcnet.train.progress import ProgressTracker
from funcnet.train.results import JobResult
from funcnet.train.sweeps import submit_sweep


def test_events_round_trip_through_their_dict_form():
    grid = np.arange(9, dtype=np.float32).reshape(3, 3)
    events = [
        Started(epochs=3, steps_per_epoch=4, time=1.5, params=10, train_rows=8,
                validation_rows=2, test_rows=5, sweep=("relu", "tanh")),
        Epoch(1, 3, {"loss": 0.5}, 0.25, grid, np.arange(3.0), np.arange(3.0),
              branches={"relu": {"loss": 0.4}}),
        Done("stopped", "Stopped at epoch 1 of 3."),
    ]
    back = [event_from_dict(e.to_dict()) for e in events]
    assert back[0] == events[0] and back[2] == events[2]
    assert back[1].to_dict()["logs"] == {"loss": 0.5}
    assert np.array_equal(back[1].boundary, grid)
    assert back[1].branches == {"relu": {"loss": 0.4}}
    assert "boundary" not in Epoch(1, 3).to_dict() and "sweep" not in Started(3).to_dict()
    assert Done.of(JobResult("failed", message="x")) == Done("failed", "x")
    with pytest.raises(ValueError, match="'type'"):
        event_from_dict({"type": "nope"})


def test_tracker_folds_events_and_estimates_from_steady_epochs():
    tracker = ProgressTracker(epochs=10)
    tracker.add(Started(epochs=4))
    tracker.add(Epoch(1, 4, {"loss": 1.0}, elapsed=3.0))  # tracing makes epoch 1 slow
    assert tracker.snapshot("running").seconds_left is None  # "estimating…"
    tracker.add(Epoch(2, 4, {"loss": 0.5}, elapsed=3.5))
    progress = tracker.snapshot("running")
    assert progress.history == {"loss": [1.0, 0.5]} and progress.epochs == 4
    assert progress.seconds_left == pytest.approx(1.0)  # 0.5 s per steady epoch, 2 to go
    tracker.add(Done("completed"))
    assert tracker.snapshot("running").status == "completed"


def test_every_handle_and_the_pool_implement_the_protocols(pool: WorkerPool):
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    job = Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=2))
    single = pool.submit(job)
    sweep = submit_sweep(pool, job, ("relu", "tanh"))
    handles = [single, sweep, sweep.branch("tanh")]
    assert isinstance(pool, Pool)
    for handle in handles:
        assert isinstance(handle, Handle)
        assert handle.result(timeout=120).status == "completed"
        progress = handle.progress()
        assert progress.status == "completed" and progress.epoch == 2
    assert sweep.branch("tanh").progress().history == sweep.result().branches["tanh"].history
    assert single.progress().history == single.result().history


def test_only_a_job_with_long_uninterruptible_calls_may_have_its_worker_ended():
    # Both pools end the worker of a cancelled job that is still fitting past the
    # grace only when the engine said one call takes longer than the grace; a small
    # job that is slow to stop on a loaded machine keeps its model.
    from funcnet.train.job_handle import JobHandle

    class _NoPool:
        pass

    owner = _NoPool()
    job = Job(stack(("x1", "x2"), [HiddenLayer(4)], head("output", "input", "binary")),
              DataSpec("moons"), TrainConfig(epochs=5))
    small, large = (JobHandle(job, None, serial, owner) for serial in (1, 2))
    small._add_event(Started(epochs=5, call_seconds=0.01))
    large._add_event(Started(epochs=5, call_seconds=4.0))
    assert not small._may_be_ended(0.7)
    assert large._may_be_ended(0.7)
    for epoch in range(1, 6):  # past its last epoch it is testing its model: never ended
        large._add_event(Epoch(epoch=epoch, epochs=5, logs={"loss": 0.5}))
    assert not large._may_be_ended(0.7)


def test_the_time_share_counts_training_time_from_the_started_event():
    # A job a slow machine keeps loading its data has not trained yet: the time
    # share (which says "it had trained for over N minutes") never counts that wait.
    from funcnet.train.job_handle import JobHandle

    job = Job(stack(("x1", "x2"), [HiddenLayer(4)], head("output", "input", "binary")),
              DataSpec("moons"), TrainConfig(epochs=5))
    class _NoPool:
        pass

    owner = _NoPool()
    handle = JobHandle(job, None, 1, owner)
    later = 1e9  # any time far ahead (monotonic seconds)
    assert handle._training_seconds(later) == 0.0
    handle._add_event(Started(epochs=5))
    assert handle._training_seconds(later) > 1e8
    assert handle._training_seconds(0.0) == 0.0  # never negative

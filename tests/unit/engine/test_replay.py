"""Epoch replay: each frame is what the same network, trained only that far, shows."""

from __future__ import annotations

import numpy as np
import pytest

from funcnet.engine import replay
from funcnet.engine.training import run_job
from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.events import Epoch
from funcnet.train.results import JobResult, RunOptions

MOONS = DataSpec("moons", params={"n_samples": 300})
MODEL = stack(("x0", "x1"), [HiddenLayer(6), HiddenLayer(4)], head("output", "input", "binary"))
OPTIONS = RunOptions(boundary_grid=12, inside=True, replay=True, keep_model=False,
                     diagnostics=False)


def _train(epochs: int, options: RunOptions = OPTIONS) -> tuple[JobResult, list[Epoch]]:
    events: list = []
    job = Job(MODEL, MOONS, TrainConfig(epochs=epochs, seed=5))
    result = run_job(job, events.append, lambda: False, options)
    assert result.status == "completed", result.message
    return result, [e for e in events if isinstance(e, Epoch)]


@pytest.fixture(scope="module")
def five_epochs() -> JobResult:
    return _train(5)[0]


def test_snapshot_epochs_are_every_epoch_or_evenly_spaced_with_both_ends():
    assert replay.snapshot_epochs(5, 200) == (1, 2, 3, 4, 5)
    spread = replay.snapshot_epochs(500, 200)
    assert len(spread) == 200 and spread[0] == 1 and spread[-1] == 500
    assert list(spread) == sorted(set(spread))
    assert replay.snapshot_epochs(500, 1) == ()  # one copy is no replay
    assert replay.evenly(10, 4) == [0, 3, 6, 9]
    assert replay.evenly(4, 10) == [0, 1, 2, 3]
    assert replay.evenly(4, 1) == [3]


def test_every_frame_equals_a_run_trained_only_that_far(five_epochs):
    frames = five_epochs.replay.frames
    # Epoch 5 is the tested model itself: its views are the result's own.
    assert [f.epoch for f in frames] == [1, 2, 3, 4]
    assert five_epochs.replay.copied == 4
    for frame in (frames[0], frames[2]):
        shorter, epochs = _train(frame.epoch)
        np.testing.assert_allclose(frame.scores["output"], shorter.heads["output"].y_score,
                                   rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(frame.boundary, epochs[-1].boundary, atol=2e-3)
        planes = [layer.plane for layer in shorter.inside.layers if layer.plane is not None]
        assert len(frame.planes) == len(planes)
        for got, want in zip(frame.planes, planes, strict=True):
            assert got.dtype == np.float16
            np.testing.assert_allclose(got.astype(np.float32), want, rtol=2e-3, atol=2e-3)


def test_replay_leaves_the_tested_model_as_a_run_without_it(five_epochs):
    plain, _ = _train(5, RunOptions(boundary_grid=12, inside=True, keep_model=False,
                                    diagnostics=False))
    assert plain.replay is None
    np.testing.assert_array_equal(five_epochs.heads["output"].y_score,
                                  plain.heads["output"].y_score)
    assert five_epochs.test_metrics == plain.test_metrics
    np.testing.assert_allclose(five_epochs.replay.boundary, _train(5)[1][-1].boundary,
                               atol=1e-6)


def test_frames_are_thinned_evenly_to_the_byte_bound(monkeypatch):
    full, _ = _train(5)
    one = full.replay.frames[0].nbytes
    monkeypatch.setattr(replay, "REPLAY_BYTES", 2 * one + one // 2)
    thinned, _ = _train(5)
    assert thinned.replay.copied == 4
    assert [f.epoch for f in thinned.replay.frames] == [1, 4]  # first and latest kept
    assert sum(f.nbytes for f in thinned.replay.frames) <= replay.REPLAY_BYTES


def test_a_network_too_large_to_copy_twice_keeps_no_frames(monkeypatch):
    monkeypatch.setattr(replay, "WEIGHT_BYTES", 4 * MODEL.total_params() + 1)
    result, _ = _train(3)
    assert result.replay.too_large and result.replay.frames == ()
    assert result.heads  # the run itself is untouched

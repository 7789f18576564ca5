"""An activation sweep split over the pool's workers and merged back into one handle."""

from __future__ import annotations

import pytest

from funcnet.model.presets import HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.pool import WorkerPool
from funcnet.train.sweeps import split_evenly, submit_sweep

TIMEOUT = 180
ACTIVATIONS = ("relu", "tanh", "elu", "gelu", "swish")


def _job(epochs: int) -> Job:
    model = stack(columns("x", 2), [HiddenLayer(8), HiddenLayer(8)],
                  head("output", "input", "binary"))
    return Job(model, DataSpec("moons", {"n_samples": 200}), TrainConfig(epochs=epochs))


def test_split_evenly_keeps_order_and_balance():
    assert split_evenly(ACTIVATIONS, 2) == [("relu", "tanh", "elu"), ("gelu", "swish")]
    assert split_evenly(("relu",), 4) == [("relu",)]
    assert split_evenly(ACTIVATIONS, 1) == [ACTIVATIONS]


def test_sweep_runs_one_part_per_worker_and_merges(pool: WorkerPool):
    handle = submit_sweep(pool, _job(epochs=3), ACTIVATIONS)
    assert len(handle.parts) == 2
    result = handle.result(timeout=TIMEOUT)
    assert result.status == "completed" and handle.status() == "completed"
    assert list(result.branches) == list(ACTIVATIONS)
    for branch in result.branches.values():
        assert len(branch.history["val_loss"]) == 3
        assert {"accuracy", "auc", "loss"} <= set(branch.test_metrics)
        assert "first_layer_grad_norm" in branch.diagnostics
    events = handle.events()
    assert [e["type"] for e in events] == ["started", "epoch", "epoch", "epoch", "done"]
    assert list(events[1]["branches"]) == list(ACTIVATIONS)
    assert events[3]["branches"]["gelu"]["val_loss"] == pytest.approx(
        result.branches["gelu"].history["val_loss"][2])


def test_cancelling_a_sweep_stops_every_part(pool: WorkerPool):
    handle = submit_sweep(pool, _job(epochs=500), ("relu", "tanh"))
    while handle.latest_epoch() is None:
        assert handle.wait(0.05) is False or handle.done()
    handle.cancel()
    result = handle.result(timeout=TIMEOUT)
    assert result.status == "stopped"
    assert all(0 < b.epochs_run < 500 for b in result.branches.values())
    assert "Stopped at epoch" in result.message


def test_a_sweep_needs_an_activation(pool: WorkerPool):
    with pytest.raises(ValueError, match="at least one activation"):
        submit_sweep(pool, _job(epochs=1), ())

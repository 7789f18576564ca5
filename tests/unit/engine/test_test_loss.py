"""The test loss funcnet shows equals Keras' `model.evaluate` on the same model and rows."""

from __future__ import annotations

import tempfile
from pathlib import Path

import keras
import pytest

from funcnet.data.datasets import load_dataset
from funcnet.engine.arrays import model_inputs, model_targets
from funcnet.engine.training import run_job
from funcnet.model.presets import PRESETS, HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.results import RunOptions


def _job(name: str) -> Job:
    if name == "multi-task":  # a binary and a regression head, weighted
        job = PRESETS["multi-output"].job
        return Job(job.model, job.data, TrainConfig(epochs=8, learning_rate=0.01))
    if name == "digits":  # multiclass, trained to confident (near 0 / 1) probabilities
        model = stack(load_dataset(DataSpec("digits")).features, [HiddenLayer(64)],
                      head("output", "input", "multiclass", units=10))
        data, train = DataSpec("digits"), TrainConfig(epochs=40, learning_rate=0.01)
    elif name == "breast-cancer":  # binary
        model = stack(load_dataset(DataSpec("breast-cancer")).features, [HiddenLayer(16)],
                      head("output", "input", "binary"))
        data, train = DataSpec("breast-cancer"), TrainConfig(epochs=60, learning_rate=0.01)
    else:
        raise KeyError(name)
    return Job(model, data, train)


def _evaluate(job: Job, model_bytes: bytes) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        path.write_bytes(model_bytes)
        model = keras.saving.load_model(path)
    dataset = load_dataset(job.data)
    # One batch: Keras averages per-head losses over batches unweighted (a short last batch
    # counts as much as a full one), while the total loss is weighted by batch size.
    return model.evaluate(model_inputs(job.model, dataset.x_test),
                          model_targets(job.model, dataset.y_test), verbose=0, return_dict=True,
                          batch_size=len(dataset.x_test))


@pytest.mark.parametrize("name", ["digits", "breast-cancer", "multi-task"])
def test_test_loss_equals_keras_evaluate_for_every_head_type(name):
    job = _job(name)
    result = run_job(job, lambda event: None, lambda: False,
                     RunOptions(keep_model=True, diagnostics=False))
    assert result.status == "completed", result.message
    expected = _evaluate(job, result.model_bytes)
    assert result.test_metrics["loss"] == pytest.approx(expected["loss"], rel=1e-4, abs=1e-6)
    for key, value in result.test_metrics.items():
        if key.endswith("_loss"):  # per-head losses of a multi-head model
            assert value == pytest.approx(expected[key], rel=1e-4, abs=1e-6), key

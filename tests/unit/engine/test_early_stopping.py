"""Early stopping: the engine's run ends where Keras' own `EarlyStopping` ends, with its weights."""

from __future__ import annotations

import math
import tempfile
from pathlib import Path

import keras
import numpy as np

from funcnet.engine import pipeline
from funcnet.engine.arrays import steps_per_execution
from funcnet.engine.builder import build_graph, compile_model
from funcnet.engine.early_stopping import early_stopping
from funcnet.engine.portable import batches
from funcnet.engine.training import run_job
from funcnet.model.presets import HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.results import RunOptions

# Coin-flip labels and a wide network: the validation loss gets worse within a few epochs.
JOB = Job(stack(columns("x", 20), [HiddenLayer(32), HiddenLayer(32)],
                head("output", "input", "binary")),
          DataSpec("seed-random", {"n_samples": 300}),
          TrainConfig(epochs=40, batch_size=16, learning_rate=0.01, seed=5,
                      early_stopping_patience=3))


def _keras_reference(job: Job) -> tuple[keras.Model, keras.callbacks.EarlyStopping]:
    """The same model, data, batches and seed, fitted with nothing but Keras' EarlyStopping."""
    spec, train = job.model, job.train
    arrays = pipeline.prepare_arrays(job)
    per_call = steps_per_execution(spec.total_params(), train.batch_size, arrays.steps,
                                   train.epochs)
    model = compile_model(build_graph(spec, train.seed).model, spec, train, per_call)
    early = keras.callbacks.EarlyStopping(
        monitor="val_loss", patience=train.early_stopping_patience, restore_best_weights=True)
    keras.utils.set_random_seed(train.seed)
    batch = pipeline.validation_batch_size(train)
    model.fit(batches(arrays.x_fit, arrays.y_fit, train.batch_size, seed=train.seed),
              steps_per_epoch=arrays.steps,
              validation_data=batches(*arrays.validation, batch, seed=None),
              validation_steps=math.ceil(len(arrays.val_rows) / batch),
              epochs=train.epochs, shuffle=False, verbose=0, callbacks=[early])
    return model, early


def _load(model_bytes: bytes) -> keras.Model:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        path.write_bytes(model_bytes)
        return keras.saving.load_model(path)


def test_patience_stops_early_with_keras_own_result() -> None:
    result = run_job(JOB, lambda event: None, lambda: False,
                     RunOptions(keep_model=True, diagnostics=False))
    reference, early = _keras_reference(JOB)

    assert result.status == "completed"
    assert early.stopped_epoch > 0  # the data set makes Keras stop early too
    assert result.epochs_run == early.stopped_epoch + 1 < JOB.train.epochs
    assert len(result.history["val_loss"]) == result.epochs_run
    best = int(np.argmin(result.history["val_loss"])) + 1
    assert best == early.best_epoch + 1
    assert result.message_code == "train.early_stopped"
    assert result.message_fields["epoch"] == result.epochs_run
    assert result.message_fields["best"] == best
    assert f"epoch {result.epochs_run} of 40" in result.message
    assert f"weights of epoch {best}" in result.message
    mine = _load(result.model_bytes).get_weights()
    theirs = reference.get_weights()
    assert len(mine) == len(theirs)
    for a, b in zip(mine, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-6, atol=1e-7)


def test_without_validation_rows_the_training_loss_is_watched() -> None:
    off = TrainConfig(early_stopping_patience=0)
    assert early_stopping(off, validation=True) is None
    on = TrainConfig(early_stopping_patience=4, validation_split=0.0)
    callback = early_stopping(on, validation=False)
    assert (callback.monitor, callback.patience, callback.restore_best_weights) == ("loss", 4, True)
    assert early_stopping(on, validation=True).monitor == "val_loss"

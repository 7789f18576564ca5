"""`run_job` trains in-process, streams events and never raises for a bad job."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pytest

from funcnet.data.datasets import load_dataset
from funcnet.engine.arrays import model_inputs, model_targets, split_rows
from funcnet.engine.builder import build_graph
from funcnet.engine.diagnostics import unit_diagnostics
from funcnet.engine.training import run_job
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.events import Done
from funcnet.train.results import JobResult, RunOptions

MOONS = DataSpec("moons", params={"n_samples": 200})


def _moons_job(epochs: int = 2, seed: int = 42, hidden: tuple[HiddenLayer, ...] = (
        HiddenLayer(8),), **train: Any) -> Job:
    model = stack(("x0", "x1"), hidden, head("output", "input", "binary"))
    return Job(model, MOONS, TrainConfig(epochs=epochs, seed=seed, **train))


def _run(job: Job, options: RunOptions | None = None, stop_after: int | None = None
         ) -> tuple[JobResult, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []

    def should_stop() -> bool:
        epochs = sum(1 for e in events if e["type"] == "epoch")
        return stop_after is not None and epochs >= stop_after

    result = run_job(job, lambda e: events.append(e.to_dict()), should_stop,
                     options or RunOptions(keep_model=False))
    return result, with_done(events, result)


def with_done(events: list[dict[str, Any]], result: JobResult) -> list[dict[str, Any]]:
    """The events as the pool keeps them: the engine's, then `Done` made from the result."""
    if not events or events[-1]["type"] != "done":
        events.append(Done.of(result).to_dict())
    return events


def test_streams_one_epoch_event_per_epoch_then_done() -> None:
    result, events = _run(_moons_job(epochs=3))
    assert [e["type"] for e in events] == ["started", "epoch", "epoch", "epoch", "done"]
    assert events[0]["epochs"] == 3 and events[0]["steps_per_epoch"] == math.ceil(128 / 32)
    epochs = [e for e in events if e["type"] == "epoch"]
    assert [e["epoch"] for e in epochs] == [1, 2, 3]
    assert all(e["epochs"] == 3 and "boundary" not in e for e in epochs)
    assert epochs[0]["elapsed"] <= epochs[1]["elapsed"] <= epochs[2]["elapsed"]
    assert events[-1] == {"type": "done", "status": "completed", "message": ""}
    assert result.status == "completed" and result.ok and result.epochs_run == 3
    assert set(result.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    assert result.history["loss"] == [e["logs"]["loss"] for e in epochs]
    assert set(result.test_metrics) == {"loss", "accuracy", "auc"}


def test_binary_head_scores_and_saved_model(tmp_path: Path) -> None:
    job = _moons_job(epochs=1)
    result, _ = _run(job, RunOptions(keep_model=True))
    head_result = result.heads["output"]
    dataset = load_dataset(MOONS)
    assert head_result.y_score.shape == (len(dataset.x_test),)
    assert np.all((head_result.y_score >= 0) & (head_result.y_score <= 1))
    np.testing.assert_array_equal(head_result.y_true, dataset.y_test["target"].to_numpy())
    assert head_result.classes == dataset.targets["target"].classes
    path = tmp_path / "model.keras"
    path.write_bytes(result.model_bytes or b"")
    loaded = keras.saving.load_model(path)
    scores = loaded.predict(model_inputs(job.model, dataset.x_test), verbose=0)[:, 0]
    np.testing.assert_allclose(scores, head_result.y_score, atol=1e-6)
    # Validation covers exactly the held-out rows once per epoch: evaluating the
    # final model on them reproduces the last val_loss.
    _, val_rows = split_rows(len(dataset.x_train), job.train.validation_split, job.train.seed)
    assert len(val_rows) == 32
    val = loaded.evaluate(model_inputs(job.model, dataset.x_train.iloc[val_rows]),
                          model_targets(job.model, dataset.y_train.iloc[val_rows]),
                          return_dict=True, verbose=0)
    assert val["loss"] == pytest.approx(result.history["val_loss"][-1], rel=1e-5)
    assert val["accuracy"] == pytest.approx(result.history["val_accuracy"][-1])


def test_boundary_grid_is_sent_for_two_feature_data() -> None:
    _, events = _run(_moons_job(epochs=2), RunOptions(boundary_grid=12, keep_model=False))
    epoch = next(e for e in events if e["type"] == "epoch")
    assert epoch["boundary"].shape == (12, 12)
    assert np.all((epoch["boundary"] >= 0) & (epoch["boundary"] <= 1))
    assert len(epoch["grid_x"]) == len(epoch["grid_y"]) == 12
    assert np.all(np.diff(epoch["grid_x"]) > 0)
    x_train = load_dataset(MOONS).x_train
    assert epoch["grid_x"][0] < x_train["x0"].min() and epoch["grid_x"][-1] > x_train["x0"].max()


def test_same_seed_gives_same_history_and_other_seed_differs() -> None:
    hidden = (HiddenLayer(8, dropout=0.2, batch_norm=True), HiddenLayer(4, "tanh"))
    first, _ = _run(_moons_job(epochs=2, hidden=hidden, batch_size=16))
    second, _ = _run(_moons_job(epochs=2, hidden=hidden, batch_size=16))
    other, _ = _run(_moons_job(epochs=2, hidden=hidden, batch_size=16, seed=7))
    assert first.history == second.history
    np.testing.assert_array_equal(first.heads["output"].y_score, second.heads["output"].y_score)
    assert other.history["loss"] != first.history["loss"]


def test_several_steps_per_execution_train_exactly_like_one(monkeypatch) -> None:
    import funcnet.engine.arrays as arrays
    import funcnet.engine.training as training

    job = _moons_job(epochs=3, batch_size=16)  # 160 rows: 10 batches, not a multiple of 64
    monkeypatch.setattr(arrays, "MIN_STEPS_FOR_LOOPING", 0)
    assert training.steps_per_execution(job.model.total_params(), 16, 10) == 10
    fast, _ = _run(job)
    monkeypatch.setattr(training, "steps_per_execution", lambda *args: 1)
    plain, _ = _run(job)
    assert fast.history.keys() == plain.history.keys()
    for key in plain.history:
        np.testing.assert_allclose(fast.history[key], plain.history[key], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(fast.heads["output"].y_score, plain.heads["output"].y_score,
                               rtol=1e-5, atol=1e-6)


def test_steps_per_execution_shrinks_for_big_networks() -> None:
    from funcnet.engine.arrays import MAX_STEPS_PER_EXECUTION, steps_per_execution

    assert steps_per_execution(5_569, 32, 3_125) == MAX_STEPS_PER_EXECUTION
    assert steps_per_execution(5_569, 32, 32, epochs=10) == 1  # short run: not worth it
    assert steps_per_execution(5_569, 32, 25, epochs=100) == 25  # never more than one epoch
    assert steps_per_execution(8_000_000, 32, 3_125) == 1


def test_stop_request_keeps_finished_epochs() -> None:
    result, events = _run(_moons_job(epochs=50), stop_after=2)
    assert result.status == "stopped"
    assert result.message == "Stopped at epoch 2 of 50."
    assert result.epochs_run == 2 and len(result.history["loss"]) == 2
    assert sum(e["type"] == "epoch" for e in events) == 2
    assert events[-1]["status"] == "stopped"
    assert result.heads  # a stopped run is still evaluated


def test_stop_request_after_the_last_epoch_still_completes() -> None:
    result, _ = _run(_moons_job(epochs=2), stop_after=2)
    assert result.status == "completed" and result.message == "" and result.epochs_run == 2


def test_exploding_loss_stops_and_keeps_earlier_epochs() -> None:
    # A linear regression head with SGD at learning rate 10 and one batch per
    # epoch diverges geometrically: the loss overflows after a dozen epochs.
    model = stack(columns("x", 20), [], head("value", "input", "regression", target="value"))
    job = Job(model, DataSpec("multi-task", params={"n_samples": 200}),
              TrainConfig(optimizer="sgd", learning_rate=10, epochs=40, batch_size=4096))
    result, events = _run(job)
    match = re.fullmatch(
        r"The loss became (NaN|infinite) at epoch (\d+) \(learning rate 10 is probably too "
        r"high\); the (\d+) epochs before it are kept and the model from epoch (\d+) is "
        r"evaluated\.", result.message)
    assert match, result.message
    bad_epoch, kept = int(match[2]), int(match[3])
    assert kept == bad_epoch - 1 == result.epochs_run >= 2
    assert result.status == "stopped"
    assert all(len(values) == kept for values in result.history.values())
    assert all(math.isfinite(v) for values in result.history.values() for v in values)
    assert sum(e["type"] == "epoch" for e in events) == kept
    assert np.all(np.isfinite(result.heads["value"].y_score))
    assert math.isfinite(result.test_metrics["loss"])


def test_loss_exploding_in_first_epoch_fails_without_a_model() -> None:
    model = stack(columns("x", 20), [HiddenLayer(16)],
                  head("value", "input", "regression", target="value"))
    job = Job(model, DataSpec("multi-task", params={"n_samples": 200}),
              TrainConfig(optimizer="sgd", learning_rate=10, epochs=5, batch_size=32))
    result, events = _run(job)
    assert result.status == "failed" and not result.ok
    assert result.message.startswith("The loss became")
    assert "no epoch finished" in result.message
    assert result.epochs_run == 0 and result.history == {}
    assert events[-1]["type"] == "done" and events[-1]["status"] == "failed"


def test_model_that_does_not_fit_the_data_fails_with_a_message() -> None:
    model = stack(("x0", "nope"), [], head("output", "input", "binary"))
    result, events = _run(Job(model, MOONS, TrainConfig(epochs=1)))
    assert result.status == "failed"
    assert "nope" in result.message
    assert "Traceback" not in result.message
    assert [e["type"] for e in events] == ["done"]


def test_multiclass_head_scores_rows_sum_to_one() -> None:
    data = DataSpec("iris")
    dataset = load_dataset(data)
    model = stack(dataset.features, [HiddenLayer(8)],
                  head("output", "input", "multiclass", units=3))
    result, _ = _run(Job(model, data, TrainConfig(epochs=2, validation_split=0.0)))
    scores = result.heads["output"].y_score
    assert scores.shape == (len(dataset.x_test), 3)
    np.testing.assert_allclose(scores.sum(axis=1), 1.0, atol=1e-5)
    assert set(result.history) == {"loss", "accuracy"}  # no validation split, no val_ keys


def test_test_metrics_agree_with_keras_evaluate(tmp_path: Path) -> None:
    job = Job(PRESETS["multi-output"].job.model, DataSpec("multi-task", {"n_samples": 200}),
              TrainConfig(epochs=2))
    result, _ = _run(job, RunOptions())
    path = tmp_path / "model.keras"
    path.write_bytes(result.model_bytes)
    model = keras.saving.load_model(path)
    dataset = load_dataset(job.data)
    x = dataset.x_test.to_numpy()
    y = {"label": dataset.y_test["label"].to_numpy(), "value": dataset.y_test["value"].to_numpy()}
    # One batch: Keras averages per-head losses over batches without weighting a
    # short last batch by its size, so only a single batch gives the exact mean.
    logs = model.evaluate(x, y, batch_size=len(x), return_dict=True, verbose=0)
    for key in ("loss", "label_loss", "value_loss", "label_accuracy", "value_mae"):
        assert result.test_metrics[key] == pytest.approx(logs[key], rel=1e-4), key


def test_multi_output_job_reports_each_head() -> None:
    preset = PRESETS["multi-output"].job
    job = Job(preset.model, DataSpec("multi-task", params={"n_samples": 200}),
              TrainConfig(epochs=1))
    result, _ = _run(job)
    assert list(result.heads) == ["label", "value"]
    assert result.heads["value"].task == "regression"
    assert result.heads["value"].y_score.shape == result.heads["value"].y_true.shape
    assert {"label_loss", "label_accuracy", "value_mae", "val_value_loss"} <= set(result.history)
    assert {"loss", "label_loss", "label_accuracy", "label_auc", "value_loss",
            "value_mae"} == set(result.test_metrics)


def test_siamese_preset_trains_on_pairs() -> None:
    preset = PRESETS["siamese"].job
    job = Job(preset.model, DataSpec("pairs", params={"n_samples": 200}), TrainConfig(epochs=1))
    result, _ = _run(job)
    assert result.status == "completed"
    assert result.diagnostics["relu_units"] == 32 + 16 + 16  # shared layers count once


def test_diagnostics_are_reported() -> None:
    result, _ = _run(_moons_job(epochs=1, hidden=(HiddenLayer(8), HiddenLayer(4, "tanh"))))
    diagnostics = result.diagnostics
    assert 0.0 <= diagnostics["dead_units"] <= 1.0
    assert 0.0 <= diagnostics["saturated_units"] <= 1.0
    assert diagnostics["relu_units"] == 8 and diagnostics["saturating_units"] == 4
    assert diagnostics["first_layer_grad_norm"] > 0.0
    leaky, _ = _run(_moons_job(epochs=1, hidden=(HiddenLayer(4, "leaky_relu"),)))
    assert math.isnan(leaky.diagnostics["dead_units"])  # leaky ReLU units cannot die
    assert math.isnan(leaky.diagnostics["saturated_units"])


def test_unit_diagnostics_find_dead_and_saturated_units() -> None:
    spec = ModelSpec((
        Node("input", "input", columns=("a", "b")),
        Node("r", "dense", inputs=("input",), units=4, activation="relu"),
        Node("t", "dense", inputs=("r",), units=4, activation="tanh"),
        head("output", "t", "binary"),
    ))
    built = build_graph(spec, seed=0)
    relu, tanh = built.model.get_layer("r"), built.model.get_layer("t")
    # ReLU units 0 and 1 get a bias so negative that no input wakes them.
    relu.set_weights([relu.kernel.numpy(), np.array([-100.0, -100.0, 0.0, 0.0], "float32")])
    # tanh unit 3 gets a huge bias: its output sits at +1 for every input.
    tanh.set_weights([tanh.kernel.numpy() * 0.01, np.array([0, 0, 0, 50.0], "float32")])
    x = np.random.default_rng(0).normal(size=(200, 2)).astype("float32")
    result = unit_diagnostics(built, spec, x, 200)
    assert result["dead_units_count"] >= 2 and result["dead_units"] >= 0.5
    assert result["saturated_units_count"] == 1 and result["saturated_units"] == 0.25


def test_split_rows_is_seeded_and_disjoint() -> None:
    fit, val = split_rows(100, 0.2, seed=1)
    again_fit, again_val = split_rows(100, 0.2, seed=1)
    np.testing.assert_array_equal(val, again_val)
    assert len(val) == 20 and len(fit) == 80
    assert not set(fit) & set(val)
    assert not np.array_equal(val, split_rows(100, 0.2, seed=2)[1])
    assert len(split_rows(3, 0.1, seed=0)[1]) == 0
    with pytest.raises(ValueError, match="validation_split"):
        split_rows(1, 0.8, seed=0)

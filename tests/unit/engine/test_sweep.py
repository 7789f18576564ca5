"""The activation sweep: every branch of the one model trains like a model of its own."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from funcnet.engine.sweep import run_sweep, split_logs
from funcnet.engine.training import run_job
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.results import JobResult, RunOptions


def _run(job: Job, options: RunOptions, entry: Any = run_job
         ) -> tuple[JobResult, list[dict[str, Any]]]:
    events: list[dict[str, Any]] = []
    return entry(job, lambda e: events.append(e.to_dict()), lambda: False, options), events


def _assert_same_run(branch: JobResult, alone: JobResult) -> None:
    assert branch.history.keys() == alone.history.keys()
    for key, values in alone.history.items():
        np.testing.assert_allclose(branch.history[key], values, rtol=1e-5, atol=1e-6, err_msg=key)
    for key, value in alone.test_metrics.items():
        assert branch.test_metrics[key] == pytest.approx(value, rel=1e-5, abs=1e-6), key
    for name, head_result in alone.heads.items():
        np.testing.assert_allclose(branch.heads[name].y_score, head_result.y_score,
                                   rtol=1e-5, atol=1e-6)
    for key in ("dead_units", "saturated_units", "first_layer_grad_norm"):
        np.testing.assert_allclose(branch.diagnostics[key], alone.diagnostics[key], rtol=1e-5)


def test_each_branch_matches_a_separately_trained_model():
    model = stack(columns("x", 20), [HiddenLayer(16, dropout=0.2), HiddenLayer(8)],
                  head("output", "input", "binary"))
    job = Job(model, DataSpec("classification", {"n_samples": 300}),
              TrainConfig(epochs=3, batch_size=16, seed=5))
    activations = ("relu", "tanh", "leaky_relu")
    sweep, events = _run(job, RunOptions(sweep=activations, keep_model=False), run_sweep)
    assert sweep.status == "completed" and list(sweep.branches) == list(activations)
    epochs = [e for e in events if e["type"] == "epoch"]
    assert len(epochs) == 3 and set(epochs[0]["branches"]) == set(activations)
    for activation in activations:
        alone_job = Job(model.with_hidden_activation(activation), job.data, job.train)
        alone, _ = _run(alone_job, RunOptions(keep_model=False))
        _assert_same_run(sweep.branches[activation], alone)
        assert [e["branches"][activation]["loss"] for e in epochs] == pytest.approx(
            alone.history["loss"], rel=1e-5)


def test_multi_head_branches_match_too():
    job = PRESETS["multi-output"].job
    job = Job(job.model, DataSpec("multi-task", {"n_samples": 200}),
              TrainConfig(epochs=2, seed=1))
    sweep, _ = _run(job, RunOptions(sweep=("elu", "gelu"), keep_model=False), run_sweep)
    alone, _ = _run(Job(job.model.with_hidden_activation("gelu"), job.data, job.train),
                    RunOptions(keep_model=False))
    _assert_same_run(sweep.branches["gelu"], alone)


def test_split_logs_names_keys_as_a_lone_model_would():
    spec = PRESETS["multi-output"].job.model
    logs = {"loss": 9.0, "elu__label_loss": 1.0, "elu__value_loss": 4.0, "elu__label_accuracy": 0.5,
            "val_elu__label_loss": 2.0, "val_elu__value_loss": 2.0, "val_elu__value_mae": 1.5}
    split = split_logs(logs, spec, ("elu",))["elu"]
    assert split == {"label_loss": 1.0, "value_loss": 4.0, "label_accuracy": 0.5, "loss": 3.0,
                     "val_label_loss": 2.0, "val_value_loss": 2.0, "val_value_mae": 1.5,
                     "val_loss": 3.0}
    single = split_logs({"loss": 1.5, "relu__output_loss": 0.7, "tanh__output_loss": 0.8,
                         "val_relu__output_accuracy": 0.6}, PRESETS["seed"].job.model,
                        ("relu", "tanh"))
    assert single == {"relu": {"loss": 0.7, "val_accuracy": 0.6}, "tanh": {"loss": 0.8}}
    alone = split_logs({"loss": 0.7, "val_accuracy": 0.6}, PRESETS["seed"].job.model, ("relu",))
    assert alone == {"relu": {"loss": 0.7, "val_accuracy": 0.6}}


def test_a_sweep_of_one_activation_with_one_head_works():
    job = Job(PRESETS["seed"].job.model, DataSpec("classification", {"n_samples": 200}),
              TrainConfig(epochs=500, seed=2))
    events: list[dict[str, Any]] = []

    def stop() -> bool:
        return sum(e["type"] == "epoch" for e in events) >= 2

    sweep = run_sweep(job, lambda e: events.append(e.to_dict()), stop,
                      RunOptions(sweep=("tanh",), keep_model=False))
    assert sweep.status == "stopped" and list(sweep.branches) == ["tanh"]
    assert set(sweep.branches["tanh"].history) == {"loss", "accuracy", "val_loss",
                                                   "val_accuracy"}
    assert events[1]["branches"]["tanh"]["loss"] == sweep.branches["tanh"].history["loss"][0]


def test_output_only_activations_are_refused():
    with pytest.raises(ValueError, match="not an activation for hidden layers"):
        PRESETS["seed"].job.model.with_hidden_activation("softmax")

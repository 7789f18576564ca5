"""A kept, already traced model gives exactly what a fresh build with the job's seed gives."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from funcnet.engine import warm_models
from funcnet.engine.training import run_job
from funcnet.model.presets import PRESETS, HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.results import RunOptions

OPTIONS = RunOptions(keep_model=False, diagnostics=True, boundary_grid=6)

# Dropout and batch normalisation: random masks and moving statistics must be reset too.
JOB = Job(
    data=DataSpec("moons", {"n_samples": 200}),
    model=stack(["x0", "x1"], [HiddenLayer(8, "relu", dropout=0.3, batch_norm=True),
                               HiddenLayer(6, "tanh", dropout=0.2)],
                head("out", "dense_2", "binary", "target")),
    train=TrainConfig(optimizer="adam", learning_rate=0.01, epochs=4, batch_size=16),
)


@pytest.fixture
def taken(monkeypatch):
    """Records, per `take`, whether the model handed out was traced by an earlier job."""
    warm_models.clear()
    reused: list[bool] = []
    real = warm_models.take

    def recording(*args, **kwargs):
        warm = real(*args, **kwargs)
        reused.append(warm.reused)
        return warm

    monkeypatch.setattr(warm_models, "take", recording)
    yield reused
    warm_models.clear()


def _run(job: Job):
    result = run_job(job, lambda event: None, lambda: False, OPTIONS)
    assert result.status == "completed", result.message
    return result


def _same(a, b) -> None:
    assert a.history == b.history  # exact floats, every epoch
    assert a.test_metrics == b.test_metrics
    assert a.diagnostics == b.diagnostics
    for name in a.heads:
        np.testing.assert_array_equal(a.heads[name].y_score, b.heads[name].y_score)


def test_a_kept_model_trains_exactly_like_a_fresh_build(taken):
    other = replace(JOB, train=replace(JOB.train, seed=7, learning_rate=0.05))
    _run(other)  # traces the graphs; its model is kept, trained with another seed and rate
    warm = _run(JOB)
    assert taken == [False, True]
    warm_models.clear()
    fresh = _run(JOB)
    assert taken == [False, True, False]
    _same(warm, fresh)


def test_another_optimizer_or_graph_gets_its_own_model(taken):
    _run(JOB)
    _run(replace(JOB, train=replace(JOB.train, optimizer="sgd")))
    _run(replace(JOB, model=stack(["x0", "x1"], [HiddenLayer(5)],
                                  head("out", "dense_1", "binary", "target"))))
    assert taken == [False, False, False]
    assert warm_models.kept_count() == 3


def test_two_jobs_at_once_never_share_a_model_and_the_keep_is_bounded(taken):
    spec, train = PRESETS["seed"].job.model, PRESETS["seed"].job.train
    first = warm_models.take(spec, train, 1)
    second = warm_models.take(spec, train, 1)  # the first is still in use
    assert first.model is not second.model
    warm_models.give_back(first)
    warm_models.give_back(second)
    again = warm_models.take(spec, train, 1)
    assert again.reused and again.model in (first.model, second.model)
    warm_models.give_back(again)
    for seed in range(warm_models.CAPACITY + 2):
        warm_models.give_back(warm_models.take(spec, replace(train, seed=seed), 2 + seed))
    assert warm_models.kept_count() == warm_models.CAPACITY


def test_a_large_network_is_not_kept(taken):
    wide = stack([f"x{i}" for i in range(200)], [HiddenLayer(1024), HiddenLayer(1024)],
                 head("out", "dense_2", "binary", "target"))
    assert wide.total_params() > warm_models.MAX_PARAMS
    warm_models.give_back(warm_models.take(wide, TrainConfig(), 1))
    assert warm_models.kept_count() == 0

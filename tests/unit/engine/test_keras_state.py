"""Keras' global resets without TensorFlow's kernel cache.

`seed_run` seeds every generator a run draws from exactly as
`keras.utils.set_random_seed`; `clear_keras_state` leaves Keras as
`keras.backend.clear_session` does; neither, nor a whole job, empties the
kernel cache that kept models' traced graphs live in.
"""

from __future__ import annotations

import gc
import random
import weakref

import keras
import numpy as np
import pytest
from tensorflow.python.eager import context

from funcnet.engine import warm_models
from funcnet.engine.keras_state import clear_keras_state, seed_run
from funcnet.engine.worker import WARM_UP_JOB, freeze_warm_heap, run_task
from funcnet.model.spec import Job
from funcnet.train.results import RunOptions


def _draws() -> dict[str, object]:
    """One draw from every generator a Keras program may use without an explicit seed."""
    layer = keras.layers.Dense(3, kernel_initializer="glorot_uniform")
    layer.build((None, 4))
    return {
        "python": random.random(),
        "numpy": np.random.rand(3).tolist(),
        "keras uniform": keras.ops.convert_to_numpy(keras.random.uniform((4,))).tolist(),
        "keras normal": keras.ops.convert_to_numpy(keras.random.normal((4,))).tolist(),
        "keras dropout": keras.ops.convert_to_numpy(
            keras.random.dropout(keras.ops.ones((8,)), 0.5)).tolist(),
        "unseeded initializer": keras.ops.convert_to_numpy(layer.kernel).tolist(),
        "keras seed": keras.utils.get_random_seed() if hasattr(keras.utils, "get_random_seed")
        else None,
    }


@pytest.mark.parametrize("seed", [0, 7, 2**31 - 1])
def test_every_draw_equals_set_random_seeds(seed):
    keras.utils.set_random_seed(seed)
    expected = _draws()
    seed_run(seed)
    assert _draws() == expected


def test_another_seed_gives_other_draws():
    seed_run(1)
    first = _draws()
    seed_run(2)
    assert _draws()["keras uniform"] != first["keras uniform"]


@pytest.mark.parametrize("seed", [1.0, "3", None])
def test_a_seed_that_is_not_an_integer_is_refused(seed):
    with pytest.raises(ValueError, match="integer"):
        seed_run(seed)


def _state_after(clear) -> dict[str, object]:
    """What a fresh job sees after `clear`: layer names, unseeded draws, the global seed."""
    seed_run(5)
    keras.layers.Dense(2)
    keras.layers.Dense(2)
    keras.random.uniform((3,))
    keras.config.set_floatx("float64")
    try:
        clear()
        return {"names": [keras.layers.Dense(2).name, keras.layers.Dense(2).name],
                "floatx": keras.config.floatx(),
                "keras uniform": keras.ops.convert_to_numpy(
                    keras.random.uniform((3,))).tolist()}
    finally:
        keras.config.set_floatx("float32")


def test_the_state_left_equals_clear_sessions():
    expected = _state_after(lambda: keras.backend.clear_session(free_memory=False))
    assert expected["names"] == ["dense", "dense_1"]  # the comparison is not vacuous
    assert _state_after(clear_keras_state) == expected
    assert _state_after(lambda: clear_keras_state(free_memory=False)) == expected


@pytest.fixture
def cache_clears(monkeypatch):
    """Counts every emptying of TensorFlow's eager kernel cache."""
    calls: list[object] = []
    real = context.pywrap_tfe.TFE_ContextClearCaches

    def counting(handle):
        calls.append(handle)
        return real(handle)

    monkeypatch.setattr(context.pywrap_tfe, "TFE_ContextClearCaches", counting)
    return calls


def test_the_spy_sees_what_keras_own_resets_do(cache_clears):
    keras.utils.set_random_seed(1)
    keras.backend.clear_session(free_memory=False)
    assert len(cache_clears) == 2


def test_a_job_and_the_reset_after_it_keep_the_kernel_cache(cache_clears):
    options = RunOptions(keep_model=False, boundary_grid=4)
    for _ in range(2):  # the second job takes the first one's kept model
        result = run_task("train", WARM_UP_JOB, options, lambda event: None, lambda: False)
        assert result.status == "completed", result.message
        clear_keras_state()
    assert cache_clears == []


def test_a_kept_model_after_the_reset_trains_exactly_like_a_fresh_build():
    job = Job.from_dict(WARM_UP_JOB)
    options = RunOptions(keep_model=False, boundary_grid=4, diagnostics=True)

    def train():
        result = run_task("train", job.to_dict(), options, lambda event: None, lambda: False)
        clear_keras_state(free_memory=False)
        return result

    warm_models.clear()
    train()
    assert warm_models.kept_count() == 1
    kept = train()
    warm_models.clear()
    fresh = train()
    warm_models.clear()
    assert kept.history == fresh.history
    assert kept.test_metrics == fresh.test_metrics
    assert kept.diagnostics == fresh.diagnostics


def test_freezing_the_warm_heap_collects_its_garbage_first_and_keeps_collecting_later():
    class Node:
        pass

    def cycle():
        node = Node()
        node.me = node  # only a collection frees it
        return weakref.ref(node)

    before = cycle()
    try:
        freeze_warm_heap()
        assert before() is None  # garbage was collected, not frozen
        assert gc.get_freeze_count() > 0
        after = cycle()
        gc.collect()
        assert after() is None  # what a job leaves behind is still collected
    finally:
        gc.unfreeze()

"""`seed_run` seeds every generator a run draws from exactly as `keras.utils.set_random_seed`."""

from __future__ import annotations

import random

import keras
import numpy as np
import pytest

from funcnet.engine.seeding import seed_run


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

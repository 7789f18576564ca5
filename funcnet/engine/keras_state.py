"""Seeds a run as `keras.utils.set_random_seed` does, but keeps TensorFlow's compiled kernels.

`keras.utils.set_random_seed(seed)` seeds Python's `random`, NumPy, Keras'
global `SeedGenerator` and TensorFlow's global seed. That last step,
`tf.random.set_seed`, also empties TensorFlow's eager kernel cache
(`TFE_ContextClearCaches`), so a model whose `fit` graph is already traced
(`funcnet.engine.warm_models`) spends its whole first training step
instantiating that graph again: ≈0.3 s of the notebook network's 0.5 s
first epoch on this project's 2-core machine, every job.

Nothing a funcnet run draws reads TensorFlow's global seed: initialisers
and dropout layers get explicit seeds (`funcnet.model.seeds.node_seed`),
Keras' random ops are stateless ops fed by its own `SeedGenerator`s, and
batches are shuffled by `stateless_shuffle` with the job's seed. So
`seed_run` does everything else `set_random_seed` does, and results stay
identical (`tests/unit/engine/test_seeding.py` compares every draw with
`set_random_seed`'s; the warm-model and exported-script tests compare whole
trainings).
"""

from __future__ import annotations

import random

import numpy as np

# Keras keeps its global seed and generator in `global_state` under these names
# (`keras.utils.set_random_seed` writes them; `keras.random` reads them). They
# are not public API: the test of this module fails if a Keras release moves them.
from keras.src.backend.common import global_state
from keras.src.random.seed_generator import GLOBAL_SEED_GENERATOR
from keras.src.utils.rng_utils import GLOBAL_RANDOM_SEED


def seed_run(seed: int) -> None:
    """Seeds Python, NumPy and Keras like `keras.utils.set_random_seed(seed)`, except TensorFlow.

    Args:
        seed: The job's seed, an `int`.

    Raises:
        ValueError: If `seed` is not an `int` (as `set_random_seed` does).

    Example:

    >>> seed_run(7)
    >>> first = keras.random.uniform((2,))
    >>> keras.utils.set_random_seed(7)
    >>> bool(keras.ops.all(first == keras.random.uniform((2,))))
    True
    """
    if not isinstance(seed, int):
        raise ValueError(f"Expected an integer seed, got {seed!r} of type {type(seed)}")
    global_state.set_global_attribute(GLOBAL_RANDOM_SEED, seed)
    global_state.set_global_attribute(GLOBAL_SEED_GENERATOR, None)
    random.seed(seed)
    np.random.seed(seed)

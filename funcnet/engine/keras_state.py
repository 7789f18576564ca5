"""Keras' two global resets a job needs, done without emptying TensorFlow's kernel cache.

A worker keeps compiled, traced models (`funcnet.engine.warm_models`) so
that a job of the same shape skips tracing. Their traced graphs are
instantiated once per process and kept in TensorFlow's eager kernel cache;
emptying that cache (`TFE_ContextClearCaches`) makes the next job that
takes a kept model spend its whole first training step instantiating the
graph again: ≈0.3 s of the notebook network's 0.5 s first epoch on this
project's 2-core machine. Two Keras calls empty it as a side effect:

- `keras.utils.set_random_seed`, through `tf.random.set_seed`. `seed_run`
  does everything else it does. Nothing a funcnet run draws reads
  TensorFlow's global seed: initialisers and dropout layers get explicit
  seeds (`funcnet.model.seeds.node_seed`), Keras' random ops are stateless
  ops fed by its own `SeedGenerator`s, and batches are shuffled by
  `stateless_shuffle` with the job's seed, so results stay identical.
- `keras.backend.clear_session`, which a worker ran after every job.
  `clear_keras_state` resets what it resets in Keras (name counters, the
  global seed generator, settings) and keeps the kernels. TensorFlow drops a
  function's kernels itself when the function is freed, and a worker is
  replaced after a bounded number of jobs.

`tests/unit/engine/test_keras_state.py` compares every draw with
`set_random_seed`'s, the state left with `clear_session`'s, and counts the
cache clears of a whole job (none); the warm-model and exported-script tests
compare whole trainings.
"""

from __future__ import annotations

import gc
import random
import threading

import numpy as np

# Keras keeps its global state in `global_state`, its seed and generator under
# these names (`keras.utils.set_random_seed` writes them; `keras.random` reads
# them). They are not public API: the tests of this module fail if a Keras
# release moves them.
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


def clear_keras_state(free_memory: bool = True) -> None:
    """Resets Keras' global state like `keras.backend.clear_session`, keeping TensorFlow's kernels.

    What a worker runs between two jobs: new layers are named from zero
    again and Keras' global seed, seed generator and settings are forgotten,
    while the kernels of kept models' traced graphs stay instantiated.

    Args:
        free_memory: Whether to run Python's garbage collector afterwards
            (≈0.25 s; a worker skips it when a job is already waiting).
    """
    # `clear_session` replaces these two module globals (every Keras reader looks
    # them up in `global_state` at call time), then resets TensorFlow's default
    # graph, which eager code never uses, and empties the kernel cache.
    global_state.GLOBAL_STATE_TRACKER = threading.local()
    global_state.GLOBAL_SETTINGS_TRACKER = threading.local()
    if free_memory:
        gc.collect()

"""Compiled models a worker keeps, so a job of the same shape skips Keras' graph tracing.

A fresh model's first epoch spends most of its time tracing `fit`'s and
`evaluate`'s graphs (about 0.8 s of 1.0 s for the notebook's network here);
a class trains the same few networks again and again (the notebook's, a
lesson's, the seeds of one repeat). A traced graph belongs to the model
object it was traced for, so the worker keeps the last few compiled models
and hands one out again for a job with the same graph, optimizer and calls
per step, after giving it exactly the state a fresh build with the job's
seed would have:

- every weight (kernels, biases, batch-norm statistics) from a fresh build
  of the job's network (building is cheap; tracing is what costs);
- every dropout layer's seed-generator state from that build too;
- the optimizer's slots and step count at zero, its learning rate the job's.

The result is the same, bit for bit, as training the fresh build (tested in
`tests/unit/engine/test_warm_models.py`). A model in use is taken out of the
keep, so two jobs running at once in one worker never share one. Bounded:
`CAPACITY` models of at most `MAX_PARAMS` parameters each.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass

import keras
import numpy as np

from funcnet.engine.builder import BuiltModel, build_graph, compile_model
from funcnet.model.spec import ModelSpec, TrainConfig

CAPACITY = 4
"""Compiled models a worker keeps (least recently used goes first)."""

MAX_PARAMS = 1_000_000
"""Larger networks are not kept: their tracing is small beside their training."""

_Key = tuple[str, str, int]


@dataclass
class WarmModel:
    """A compiled model with its hidden-layer handles, ready for `fit`.

    Args:
        built: The model and its hidden tensors (`BuiltModel`).
        key: What a job must match to use it again.
        reused: Whether its graphs were traced by an earlier job.
    """

    built: BuiltModel
    key: _Key
    reused: bool = False

    @property
    def model(self) -> keras.Model:
        """The compiled `keras.Model`."""
        return self.built.model


_lock = threading.Lock()
_kept: OrderedDict[_Key, list[BuiltModel]] = OrderedDict()


def _key(spec: ModelSpec, train: TrainConfig, per_call: int) -> _Key:
    return json.dumps(spec.to_dict(), sort_keys=True), train.optimizer, per_call


def take(spec: ModelSpec, train: TrainConfig, per_call: int) -> WarmModel:
    """Returns a compiled model for a job: one kept for the same shape, reset, else a fresh one.

    Args:
        spec: The job's network.
        train: Its training settings (seed, optimizer, learning rate).
        per_call: Batches per call into the training graph.

    Returns:
        A `WarmModel` whose weights, dropout generators and optimizer are
        exactly those of a fresh `build_graph(spec, train.seed)` compiled with
        `compile_model`. Give it back with `give_back` once the job is done.
    """
    key = _key(spec, train, per_call)
    fresh = build_graph(spec, train.seed)
    with _lock:
        kept = _kept.get(key)
        built = kept.pop() if kept else None
        if kept is not None and not kept:
            del _kept[key]
    if built is None:
        compile_model(fresh.model, spec, train, per_call)  # in place: `fresh` keeps its tensors
        return WarmModel(fresh, key)
    _reset(built.model, fresh.model, train)
    return WarmModel(built, key, reused=True)


def give_back(warm: WarmModel) -> None:
    """Keeps a model whose job has finished for the next job of its shape.

    Args:
        warm: What `take` returned; not used again by the caller.
    """
    if warm.model.count_params() > MAX_PARAMS:
        return
    with _lock:
        _kept.setdefault(warm.key, []).append(warm.built)
        _kept.move_to_end(warm.key)
        while sum(len(models) for models in _kept.values()) > CAPACITY:
            oldest = next(iter(_kept))
            _kept[oldest].pop(0)
            if not _kept[oldest]:
                del _kept[oldest]


def clear() -> None:
    """Forgets every kept model (tests; a worker that must free memory)."""
    with _lock:
        _kept.clear()


def kept_count() -> int:
    """Returns how many compiled models are kept."""
    with _lock:
        return sum(len(models) for models in _kept.values())


def _reset(model: keras.Model, fresh: keras.Model, train: TrainConfig) -> None:
    """Gives a traced model the state of `fresh` (same graph) and a new optimizer's."""
    model.set_weights(fresh.get_weights())
    layers = {layer.name: layer for layer in fresh.layers}
    for layer in model.layers:
        mine = getattr(layer, "_seed_generators", [])
        theirs = getattr(layers[layer.name], "_seed_generators", [])
        for generator, source in zip(mine, theirs, strict=True):
            generator.state.assign(source.state.value)
    optimizer = model.optimizer
    for variable in optimizer.variables:
        variable.assign(np.zeros(variable.shape, dtype=variable.dtype))
    optimizer.learning_rate = train.learning_rate  # assigns the traced variable

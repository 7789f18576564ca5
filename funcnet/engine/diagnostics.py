"""What a trained network's units do: dead and saturated units, the first layer's gradient."""

from __future__ import annotations

import math

import keras
import numpy as np
import tensorflow as tf

from funcnet.engine.arrays import ModelInput, call_model
from funcnet.engine.builder import BuiltModel
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.spec import ModelSpec

DIAGNOSTIC_ROWS = 2000
"""Test rows used to probe hidden units (bounds memory for wide networks)."""
SATURATION_MARGIN = 0.05
SATURATION_SHARE = 0.9


def _can_die(activation: str) -> bool:
    """Whether a unit with this activation can die: ReLU family with zero slope below 0."""
    entry = ACTIVATIONS[activation]
    return entry.family == "relu" and float(entry.derivative(np.array([-1.0]))[0]) == 0.0


def _range_bounds(activation: str) -> tuple[float, float]:
    """The asymptotes of a saturating activation, read off the registry's function."""
    entry = ACTIVATIONS[activation]
    low, high = entry(np.array([-1e3, 1e3]))
    return float(low), float(high)


def first_layer_grad_norm(
    model: keras.Model, spec: ModelSpec, x: ModelInput, y: ModelInput, prefix: str = ""
) -> float:
    """Returns the L2 norm of the loss gradient w.r.t. the first dense layer's kernel.

    Computed on one batch in inference mode (no dropout), so it consumes no
    randomness and does not change the training that follows.

    Args:
        model: A built model (before training: the initial weights).
        spec: Its graph.
        x: One batch of inputs.
        y: The batch's targets.
        prefix: Layer-name prefix the model was built with (`build_graph`).

    Returns:
        The norm, a float (NaN if there is no dense layer).
    """
    first = next((spec.node(n) for n in spec.order if spec.node(n).type in ("dense", "output")),
                 None)
    if first is None:
        return math.nan
    kernel = model.get_layer(prefix + first.name).kernel
    heads = spec.outputs
    targets = y if isinstance(y, dict) else {heads[0].name: y}
    with tf.GradientTape() as tape:
        predictions = model(x, training=False)
        if not isinstance(predictions, list | tuple):
            predictions = [predictions]
        total = tf.constant(0.0)
        for head, prediction in zip(heads, predictions, strict=True):
            truth = targets[head.name]
            if head.task != "multiclass":
                truth = truth.reshape(-1, 1)  # match the (n, 1) head output
            loss = keras.ops.mean(keras.losses.get(head.loss)(truth, prediction))
            weight = head.loss_weight if len(heads) > 1 else 1.0
            total = total + weight * loss
    gradient = tape.gradient(total, kernel.value)
    return float(tf.norm(gradient).numpy())


def unit_diagnostics(built: BuiltModel, spec: ModelSpec, x: ModelInput, n_rows: int
                     ) -> dict[str, float]:
    """Measures dead and saturated hidden units on the given rows.

    A unit that can die (ReLU: zero slope below 0; Leaky ReLU never dies) is
    dead when its output is <= 0 for every row. A tanh/sigmoid unit is
    saturated when its output lies within 0.05 of a bound of its range for
    at least 90% of the rows. A shared layer's branches are pooled.

    Args:
        built: The trained model and its hidden tensors.
        spec: Its graph.
        x: Inputs (typically the test set).
        n_rows: Rows in `x`.

    Returns:
        `dead_units` and `saturated_units` as shares in [0, 1] (NaN when the
        network has no unit of that kind), plus the counts behind them:
        `dead_units_count`, `relu_units`, `saturated_units_count`,
        `saturating_units`.
    """
    names = [name for name in built.hidden if
             _can_die(spec.node(name).activation)
             or ACTIVATIONS[spec.node(name).activation].family == "saturating"]
    dead = relu = saturated = saturating = 0
    if names:
        tensors = [t for name in names for t in built.hidden[name]]
        model_in = built.model.inputs
        probe = keras.Model(model_in[0] if len(model_in) == 1 else model_in, tensors)
        outputs = iter(call_model(probe, x, n_rows))
        for name in names:
            node = spec.node(name)
            values = np.concatenate([next(outputs) for _ in built.hidden[name]], axis=0)
            if _can_die(node.activation):
                relu += node.units
                dead += int(np.sum(np.all(values <= 0.0, axis=0)))
            else:
                low, high = _range_bounds(node.activation)
                near = (values - low < SATURATION_MARGIN) | (high - values < SATURATION_MARGIN)
                saturating += node.units
                saturated += int(np.sum(near.mean(axis=0) >= SATURATION_SHARE))
    return {
        "dead_units": dead / relu if relu else math.nan,
        "saturated_units": saturated / saturating if saturating else math.nan,
        "dead_units_count": float(dead),
        "relu_units": float(relu),
        "saturated_units_count": float(saturated),
        "saturating_units": float(saturating),
    }

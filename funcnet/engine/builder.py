"""Builds and compiles a `keras.Model` from a `ModelSpec` with the functional API.

Every node becomes what the Keras guide "The Functional API" writes by hand:
`keras.Input` for inputs, layers called on tensors, `keras.Model(inputs,
outputs)`. A `dense` node named in several places is *one* layer object
called on each branch (a shared layer), so its weights exist once.

Initial weights are seeded per node (`funcnet.model.seeds.node_seed`: the job
seed and the node's index in the spec), so the same seed gives the same starting weights whatever
activations are chosen: comparing ReLU with tanh starts from the same point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import keras

from funcnet.model.activations import ACTIVATIONS
from funcnet.model.seeds import node_seed
from funcnet.model.spec import ModelSpec, Node, TrainConfig


@dataclass(frozen=True)
class BuiltModel:
    """A built network plus the symbolic tensors of its hidden layers.

    Args:
        model: The functional `keras.Model`.
        hidden: For every `dense` node, its activation outputs, one tensor
            per branch (several for a shared layer), before dropout. Used to
            probe dead and saturated units after training.
        nodes: For every node, its output tensors, one per branch (what
            follows a dense node's dropout, the same at inference).
    """

    model: keras.Model
    hidden: dict[str, tuple[Any, ...]]
    nodes: dict[str, tuple[Any, ...]] = field(default_factory=dict)


def _dense_layers(node: Node, seed: int, index: int, prefix: str = ""
                  ) -> tuple[list[keras.layers.Layer], int]:
    """Returns the layer objects of one dense/output node and where its activation sits.

    The objects are created once and called on every branch, which is what
    makes a node with several inputs a shared layer.
    """
    activation = ACTIVATIONS[node.activation].keras_identifier
    name = prefix + node.name
    common = {
        "kernel_initializer": keras.initializers.GlorotUniform(seed=node_seed(seed, index)),
        "bias_initializer": keras.initializers.Zeros(),
    }
    if node.type == "dense" and node.batch_norm:
        # Normalise the pre-activation, as in Ioffe & Szegedy: Dense(linear) -> BN -> f.
        layers: list[keras.layers.Layer] = [
            keras.layers.Dense(node.units, activation=None, name=name, **common),
            keras.layers.BatchNormalization(name=f"{name}_bn"),
            keras.layers.Activation(activation, name=f"{name}_act"),
        ]
    else:
        layers = [keras.layers.Dense(node.units, activation=activation, name=name, **common)]
    tap = len(layers)
    if node.type == "dense" and node.dropout > 0:
        layers.append(keras.layers.Dropout(node.dropout, seed=node_seed(seed, index),
                                           name=f"{name}_dropout"))
    return layers, tap


def build_graph(spec: ModelSpec, seed: int, *, inputs: dict[str, Any] | None = None,
                prefix: str = "") -> BuiltModel:
    """Builds the network of `spec` and keeps handles on its hidden outputs.

    Args:
        spec: The validated model graph.
        seed: Seed for the initialisers and dropout masks.
        inputs: Existing `keras.Input` tensors by input-node name, to build
            another copy of the network on the same inputs (the activation
            sweep); by default fresh inputs are made.
        prefix: Put before every layer name (not the inputs'), so several
            copies can live in one model. `hidden` stays keyed by node name.

    Returns:
        A `BuiltModel`: the functional model (inputs in `spec.inputs` order,
        outputs in `spec.outputs` order; a lone input or output is passed as
        the tensor itself so Keras' history keys stay plain) and the hidden
        activation tensors per dense node.

    Raises:
        ValueError: If Keras rejects the graph (should not happen for a
            validated spec).
    """
    index_of = {node.name: i for i, node in enumerate(spec.nodes)}
    # Like spec.NodeShape: each node yields a list of tensors, one per branch.
    branches: dict[str, list[Any]] = {}
    hidden: dict[str, tuple[Any, ...]] = {}
    for name in spec.order:
        node = spec.node(name)
        incoming = [t for source in node.inputs for t in branches[source]]
        if node.type == "input":
            branches[name] = [inputs[name] if inputs is not None
                              else keras.Input(shape=(len(node.columns),), name=name)]
        elif node.type in ("dense", "output"):
            layers, tap = _dense_layers(node, seed, index_of[name], prefix)
            outs, taps = [], []
            for tensor in incoming:
                for position, layer in enumerate(layers, start=1):
                    tensor = layer(tensor)
                    if position == tap:
                        taps.append(tensor)
                outs.append(tensor)
            branches[name] = outs
            if node.type == "dense":
                hidden[name] = tuple(taps)
        elif node.type == "add":
            branches[name] = [keras.layers.Add(name=prefix + name)(incoming)]
        else:
            branches[name] = [keras.layers.Concatenate(name=prefix + name)(incoming)]
    inputs = [branches[n.name][0] for n in spec.inputs]
    outputs = [branches[n.name][0] for n in spec.outputs]
    model = keras.Model(
        inputs=inputs[0] if len(inputs) == 1 else inputs,
        outputs=outputs[0] if len(outputs) == 1 else outputs,
        name=f"funcnet_{prefix.rstrip('_')}" if prefix else "funcnet",
    )
    return BuiltModel(model, hidden, {name: tuple(tensors) for name, tensors in branches.items()})


def build_model(spec: ModelSpec, seed: int) -> keras.Model:
    """Builds the network of `spec` with the Keras functional API.

    Layer names are node names; a dense node with batch normalisation adds
    `<name>_bn` and `<name>_act`, one with dropout adds `<name>_dropout`.

    Args:
        spec: The validated model graph.
        seed: Seed for the initialisers and dropout masks: the same seed
            gives the same initial weights whatever the activations are.

    Returns:
        The uncompiled functional `keras.Model`; `count_params()` equals
        `spec.total_params()`.
    """
    return build_graph(spec, seed).model


def _head_metrics(task: str) -> list[Any]:
    # As in the notebook: accuracy while training. A streaming AUC would add its
    # threshold bookkeeping to every step (about 0.1 s per short training here);
    # the exact test AUC comes from scikit-learn after training.
    return ["mae"] if task == "regression" else ["accuracy"]


def make_optimizer(train: TrainConfig) -> keras.optimizers.Optimizer:
    """Returns the optimizer `train` names, with its learning rate.

    Args:
        train: Training settings (`optimizer`, `learning_rate`).

    Returns:
        A fresh `keras.optimizers.Optimizer`.

    Raises:
        ValueError: If the optimizer name is unknown.
    """
    optimizers = {
        "adam": keras.optimizers.Adam,
        "sgd": keras.optimizers.SGD,
        "rmsprop": keras.optimizers.RMSprop,
    }
    if train.optimizer not in optimizers:
        raise ValueError(
            f"Training: field 'optimizer' must be one of {', '.join(optimizers)}, "
            f"received {train.optimizer!r}."
        )
    return optimizers[train.optimizer](learning_rate=train.learning_rate)


def compile_model(
    model: keras.Model, spec: ModelSpec, train: TrainConfig, steps_per_execution: int = 1
) -> keras.Model:
    """Compiles `model` with one loss and one set of metrics per head.

    Classification heads get accuracy, regression heads mean absolute
    error. With one head Keras' history keys
    are plain (`"loss"`, `"accuracy"`, `"val_accuracy"`); with several they carry
    the head name (`"label_loss"`, `"value_mae"`). Loss weights apply with
    several heads; a lone head's weight would only rescale its loss, so it
    is left out (the history then shows the loss itself).

    Args:
        model: A model from `build_model(spec, ...)`.
        spec: The graph it was built from.
        train: Optimizer name and learning rate.
        steps_per_execution: Batches run per call into the compiled graph;
            callbacks' batch hooks fire once per call (the engine keeps 1 so
            a stop request is seen after every batch).

    Returns:
        The same model, compiled.
    """
    heads = spec.outputs
    if len(heads) == 1:
        loss: Any = heads[0].loss
        metrics: Any = _head_metrics(heads[0].task)
        weights: Any = None
    else:
        loss = {h.name: h.loss for h in heads}
        metrics = {h.name: _head_metrics(h.task) for h in heads}
        weights = {h.name: h.loss_weight for h in heads}
    model.compile(
        optimizer=make_optimizer(train),
        loss=loss,
        loss_weights=weights,
        metrics=metrics,
        steps_per_execution=steps_per_execution,
    )
    return model

"""The source of truth: model graph, data set choice and training settings.

A network is a graph of named nodes, exactly what the Keras functional API
writes as code: `input` nodes take feature columns, `dense` nodes are
fully-connected layers, `add` and `concatenate` merge branches and `output`
nodes are the heads, each with its own task, target column and loss.

A `dense` node listed with several inputs is a *shared layer*: the same
weights are applied to each input (the siamese case), so the node yields one
tensor per application ("branch"). Nodes downstream of it are applied per
branch too, until a merge node (`add`, `concatenate`) joins the branches.

Every class is a frozen dataclass that validates on construction and raises
`ValueError` naming the node, the field and the value received. The graph
view, parameter counts, code export and share links all derive from these
values, never from a built model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from funcnet.activations import ACTIVATIONS, get_activation

NODE_TYPES = ("input", "dense", "add", "concatenate", "output")
MERGE_TYPES = ("add", "concatenate")
TASKS = ("binary", "multiclass", "regression")
LOSSES: dict[str, tuple[str, ...]] = {
    "binary": ("binary_crossentropy",),
    "multiclass": ("sparse_categorical_crossentropy",),
    "regression": ("mean_squared_error", "mean_absolute_error", "huber"),
}
"""Losses each task accepts; the first is the default."""
DEFAULT_OUTPUT_ACTIVATION = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
OPTIMIZERS = ("adam", "sgd", "rmsprop")

MAX_NODES = 64
MAX_UNITS = 1024
MAX_NAME_LENGTH = 40
MAX_EPOCHS = 500
MAX_BATCH_SIZE = 4096
MAX_COLUMNS = 1000

_NODE_FIELDS = (
    "name",
    "type",
    "inputs",
    "columns",
    "units",
    "activation",
    "dropout",
    "batch_norm",
    "task",
    "target",
    "loss",
    "loss_weight",
)


def _fail(where: str, field_name: str, message: str, value: Any) -> ValueError:
    return ValueError(f"{where}: field '{field_name}' {message}, received {value!r}.")


def _check_int(where: str, name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _fail(where, name, f"must be an integer in {low}..{high}", value)
    if isinstance(value, float) and not value.is_integer():
        raise _fail(where, name, f"must be an integer in {low}..{high}", value)
    if not low <= value <= high:
        raise _fail(where, name, f"must be an integer in {low}..{high}", value)
    return int(value)


def _check_float(
    where: str, name: str, value: Any, low: float, high: float, *, low_open: bool, high_open: bool
) -> float:
    interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
    bad = isinstance(value, bool) or not isinstance(value, int | float)
    if not bad:
        value = float(value)
        bad = (
            not math.isfinite(value)
            or value < low
            or value > high
            or (low_open and value == low)
            or (high_open and value == high)
        )
    if bad:
        raise _fail(where, name, f"must be a number in {interval}", value)
    return value


def _check_name(where: str, value: Any) -> str:
    if (
        not isinstance(value, str)
        or not value
        or len(value) > MAX_NAME_LENGTH
        or not value.isascii()
        or not (value[0].isalpha() and all(c.isalnum() or c == "_" for c in value))
    ):
        raise _fail(
            where,
            "name",
            f"must be a Python-style identifier of at most {MAX_NAME_LENGTH} characters "
            "(letters, digits, underscores; starting with a letter)",
            value,
        )
    return value


def _reject_unknown_keys(where: str, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: expected a JSON object, received {type(data).__name__}.")
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise ValueError(
            f"{where}: unknown key(s) {', '.join(map(repr, unknown))}; "
            f"allowed keys are {', '.join(allowed)}."
        )


def _as_str_tuple(where: str, name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple):
        raise _fail(where, name, "must be a list of names", value)
    if not all(isinstance(v, str) for v in value):
        raise _fail(where, name, "must be a list of names", value)
    return tuple(value)


@dataclass(frozen=True)
class Node:
    """One node of the model graph.

    Only the fields that matter for the node's `type` are used; the others
    keep their defaults and are left out of `to_dict()`.

    Args:
        name: Unique identifier; becomes the Keras layer name.
        type: One of `"input"`, `"dense"`, `"add"`, `"concatenate"`, `"output"`.
        inputs: Names of the nodes this one is called on. A `dense` node with
            several inputs is one shared layer applied to each of them.
        columns: `input` only: the feature columns it takes, in order.
        units: `dense`/`output`: number of units (1..1024).
        activation: `dense`/`output`: a name from the activation registry.
        dropout: `dense`: dropout rate after the layer, in [0, 1).
        batch_norm: `dense`: batch normalisation before the activation.
        task: `output`: `"binary"`, `"multiclass"` or `"regression"`.
        target: `output`: the target column this head predicts.
        loss: `output`: loss name; must suit the task.
        loss_weight: `output`: weight of this head's loss in the total, > 0.

    Raises:
        ValueError: If a field is invalid for the node type.
    """

    name: str
    type: str
    inputs: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    units: int = 0
    activation: str = "linear"
    dropout: float = 0.0
    batch_norm: bool = False
    task: str = ""
    target: str = ""
    loss: str = ""
    loss_weight: float = 1.0

    def __post_init__(self) -> None:
        where = f"Node {self.name!r}"
        _check_name(f"Node {self.name!r}", self.name)
        if self.type not in NODE_TYPES:
            raise _fail(where, "type", f"must be one of {', '.join(NODE_TYPES)}", self.type)
        object.__setattr__(self, "inputs", _as_str_tuple(where, "inputs", self.inputs))
        object.__setattr__(self, "columns", _as_str_tuple(where, "columns", self.columns))
        if self.type == "input":
            self._check_input(where)
        elif self.type in ("dense", "output"):
            self._check_layer(where)
        else:
            if len(self.inputs) < 1:
                raise _fail(where, "inputs", f"of a '{self.type}' node must name nodes", [])

    def _check_input(self, where: str) -> None:
        if self.inputs:
            raise _fail(where, "inputs", "must be empty for an input node", list(self.inputs))
        if not 1 <= len(self.columns) <= MAX_COLUMNS:
            raise _fail(
                where, "columns", f"must list 1..{MAX_COLUMNS} feature columns", list(self.columns)
            )
        if len(set(self.columns)) != len(self.columns):
            raise _fail(where, "columns", "must not repeat a column", list(self.columns))

    def _check_layer(self, where: str) -> None:
        if not self.inputs:
            raise _fail(where, "inputs", f"of a '{self.type}' node must name a node", [])
        object.__setattr__(self, "units", _check_int(where, "units", self.units, 1, MAX_UNITS))
        # isinstance first: an unhashable value from JSON (a list) must not raise TypeError.
        if not isinstance(self.activation, str) or self.activation not in ACTIVATIONS:
            raise ValueError(f"{where}: {get_activation_error(self.activation)}")
        if self.type == "dense":
            dropout = _check_float(
                where, "dropout", self.dropout, 0.0, 1.0, low_open=False, high_open=True
            )
            object.__setattr__(self, "dropout", dropout)
            if not isinstance(self.batch_norm, bool):
                raise _fail(where, "batch_norm", "must be true or false", self.batch_norm)
            return
        if len(self.inputs) != 1:
            raise _fail(where, "inputs", "of an output node must name exactly one node",
                        list(self.inputs))
        if self.task not in TASKS:
            raise _fail(where, "task", f"must be one of {', '.join(TASKS)}", self.task)
        if not isinstance(self.target, str) or not self.target:
            raise _fail(where, "target", "must name the target column", self.target)
        if self.loss not in LOSSES[self.task]:
            raise _fail(
                where, "loss", f"for a {self.task} head must be one of "
                f"{', '.join(LOSSES[self.task])}", self.loss,
            )
        weight = _check_float(
            where, "loss_weight", self.loss_weight, 0.0, 100.0, low_open=True, high_open=False
        )
        object.__setattr__(self, "loss_weight", weight)
        if self.task == "binary" and self.units != 1:
            raise _fail(where, "units", "of a binary head must be 1", self.units)
        if self.task == "multiclass" and self.units < 2:
            raise _fail(where, "units", "of a multiclass head must be the number of classes (>= 2)",
                        self.units)

    def to_dict(self) -> dict[str, Any]:
        """Returns the node as a JSON-ready dict holding only its type's fields."""
        data: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.type == "input":
            data["columns"] = list(self.columns)
            return data
        data["inputs"] = list(self.inputs)
        if self.type == "dense":
            data.update(units=self.units, activation=self.activation, dropout=self.dropout,
                        batch_norm=self.batch_norm)
        elif self.type == "output":
            data.update(units=self.units, activation=self.activation, task=self.task,
                        target=self.target, loss=self.loss, loss_weight=self.loss_weight)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Node:
        """Builds a node from `to_dict()` output, rejecting unknown keys.

        Raises:
            ValueError: On unknown keys or invalid values.
        """
        where = f"Node {data.get('name')!r}" if isinstance(data, Mapping) else "Node"
        _reject_unknown_keys(where, data, _NODE_FIELDS)
        if "name" not in data or "type" not in data:
            raise ValueError(f"{where}: every node needs a 'name' and a 'type'.")
        return cls(**dict(data))


def get_activation_error(name: Any) -> str:
    """Returns the registry's message for an unknown activation `name`."""
    try:
        get_activation(name)
    except ValueError as error:
        return str(error)
    return ""


@dataclass(frozen=True)
class NodeShape:
    """What flows out of a node: `branches` tensors, each `width` wide."""

    width: int
    branches: int


@dataclass(frozen=True)
class ModelSpec:
    """A validated graph of nodes: the whole network.

    Args:
        nodes: The nodes, in any order; names must be unique.

    Raises:
        ValueError: For duplicate or dangling names, cycles, no input or
            output, too many nodes, `add` over different widths, shared layers
            over different widths, or an output fed by several branches.
    """

    nodes: tuple[Node, ...]
    _order: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _shapes: Mapping[str, NodeShape] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if isinstance(self.nodes, str) or not isinstance(self.nodes, list | tuple):
            raise ValueError(f"Model: 'nodes' must be a list of nodes, received {self.nodes!r}.")
        object.__setattr__(self, "nodes", tuple(self.nodes))
        if len(self.nodes) > MAX_NODES:
            raise ValueError(
                f"Model: at most {MAX_NODES} nodes are allowed, received {len(self.nodes)}."
            )
        for node in self.nodes:
            if not isinstance(node, Node):
                raise ValueError(f"Model: every node must be a Node, received {node!r}.")
        by_name: dict[str, Node] = {}
        for node in self.nodes:
            if node.name in by_name:
                raise ValueError(f"Node {node.name!r}: field 'name' is used by two nodes.")
            by_name[node.name] = node
        for node in self.nodes:
            for source in node.inputs:
                if source not in by_name:
                    raise ValueError(
                        f"Node {node.name!r}: field 'inputs' names {source!r}, "
                        "which is not a node of this model."
                    )
                if by_name[source].type == "output":
                    raise ValueError(
                        f"Node {node.name!r}: field 'inputs' names {source!r}, "
                        "an output head; heads cannot feed other nodes."
                    )
            if len(set(node.inputs)) != len(node.inputs):
                raise _fail(f"Node {node.name!r}", "inputs", "must not repeat a node",
                            list(node.inputs))
        for node in self.nodes:
            for sub_layer in _sub_layer_names(node):
                if sub_layer in by_name:
                    raise ValueError(
                        f"Node {sub_layer!r}: field 'name' is taken by a layer of node "
                        f"{node.name!r} (its {sub_layer.rsplit('_', 1)[1]} layer); rename it."
                    )
        if not any(n.type == "input" for n in self.nodes):
            raise ValueError("Model: needs at least one input node, received none.")
        if not any(n.type == "output" for n in self.nodes):
            raise ValueError("Model: needs at least one output node, received none.")
        order = _topological_order(self.nodes)
        object.__setattr__(self, "_order", order)
        object.__setattr__(self, "_shapes", _infer_shapes(by_name, order))
        targets = [n.target for n in self.nodes if n.type == "output"]
        for target in set(targets):
            if targets.count(target) > 1:
                raise ValueError(
                    f"Model: two output heads predict the same target column {target!r}."
                )
        unused = [n.name for n in self.nodes if n.type != "output"
                  and not any(n.name in other.inputs for other in self.nodes)]
        if unused:
            raise ValueError(
                f"Node {unused[0]!r}: its output is not used by any node; connect it "
                "or remove it."
            )

    # ----------------------------------------------------------------- queries
    def node(self, name: str) -> Node:
        """Returns the node called `name`.

        Raises:
            KeyError: If there is no such node.
        """
        for node in self.nodes:
            if node.name == name:
                return node
        raise KeyError(name)

    @property
    def order(self) -> tuple[str, ...]:
        """Node names in a topological order (every node after its inputs)."""
        return self._order

    @property
    def inputs(self) -> tuple[Node, ...]:
        """The input nodes, in declaration order."""
        return tuple(n for n in self.nodes if n.type == "input")

    @property
    def outputs(self) -> tuple[Node, ...]:
        """The output heads, in declaration order."""
        return tuple(n for n in self.nodes if n.type == "output")

    def shape_of(self, name: str) -> NodeShape:
        """Returns the width and branch count flowing out of node `name`."""
        return self._shapes[name]

    def input_width(self, name: str) -> int:
        """Returns the width of the tensors node `name` is called on."""
        node = self.node(name)
        if node.type == "input":
            return len(node.columns)
        return self._shapes[node.inputs[0]].width

    def param_count(self, name: str) -> int:
        """Returns the number of parameters (weights) node `name` owns.

        Matches `keras.Model.count_params()`: a shared layer counts once and
        batch normalisation adds 4 per unit (2 trainable, 2 moving statistics).
        """
        node = self.node(name)
        if node.type not in ("dense", "output"):
            return 0
        count = self.input_width(name) * node.units + node.units
        if node.batch_norm:
            count += 4 * node.units
        return count

    def param_counts(self) -> dict[str, int]:
        """Returns `{node name: parameter count}` in topological order."""
        return {name: self.param_count(name) for name in self._order}

    def total_params(self) -> int:
        """Returns the total parameter count of the network."""
        return sum(self.param_counts().values())

    def feature_columns(self) -> tuple[str, ...]:
        """All feature columns any input takes, without repeats, in order."""
        seen: dict[str, None] = {}
        for node in self.inputs:
            for column in node.columns:
                seen.setdefault(column, None)
        return tuple(seen)

    def target_columns(self) -> tuple[str, ...]:
        """The target column of each head, in head order."""
        return tuple(n.target for n in self.outputs)

    # ------------------------------------------------------------------- JSON
    def to_dict(self) -> dict[str, Any]:
        """Returns the graph as a JSON-ready dict."""
        return {"nodes": [n.to_dict() for n in self.nodes]}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ModelSpec:
        """Builds and validates a graph from `to_dict()` output.

        Raises:
            ValueError: On unknown keys or any validation failure.
        """
        _reject_unknown_keys("Model", data, ("nodes",))
        nodes = data.get("nodes")
        if not isinstance(nodes, list | tuple):
            raise ValueError(f"Model: 'nodes' must be a list, received {nodes!r}.")
        if len(nodes) > MAX_NODES:
            raise ValueError(
                f"Model: at most {MAX_NODES} nodes are allowed, received {len(nodes)}."
            )
        return cls(tuple(Node.from_dict(n) for n in nodes))

    def with_hidden_activation(self, activation: str) -> ModelSpec:
        """Returns the network with every hidden dense node switched to `activation`.

        Output heads keep theirs. Node names and order stay the same, so the
        engine seeds the same initial weights for every variant.

        Raises:
            ValueError: If `activation` is unknown or not meant for hidden layers.
        """
        entry = get_activation(activation)
        if not entry.hidden_ok:
            raise ValueError(f"Model: {activation!r} is not an activation for hidden layers.")
        return ModelSpec(tuple(
            Node(**{**n.to_dict(), "activation": activation}) if n.type == "dense" else n
            for n in self.nodes
        ))

    def replace_node(self, name: str, **changes: Any) -> ModelSpec:
        """Returns a new spec with node `name`'s fields changed (validated)."""
        nodes = tuple(
            Node(**{**n.to_dict(), **changes}) if n.name == name else n for n in self.nodes
        )
        return ModelSpec(nodes)


def _sub_layer_names(node: Node) -> tuple[str, ...]:
    """Names of the extra Keras layers a dense node becomes (see funcnet.engine.builder)."""
    names: list[str] = []
    if node.type == "dense" and node.batch_norm:
        names += [f"{node.name}_bn", f"{node.name}_act"]
    if node.type == "dense" and node.dropout > 0:
        names.append(f"{node.name}_dropout")
    return tuple(names)


def _topological_order(nodes: tuple[Node, ...]) -> tuple[str, ...]:
    """Kahn's algorithm keeping declaration order among ready nodes."""
    remaining = {n.name: set(n.inputs) for n in nodes}
    order: list[str] = []
    while remaining:
        ready = [n.name for n in nodes if n.name in remaining and not remaining[n.name]]
        if not ready:
            cyclic = sorted(remaining)
            raise ValueError(
                f"Node {cyclic[0]!r}: field 'inputs' closes a cycle among "
                f"{', '.join(map(repr, cyclic))}; a network must flow one way."
            )
        for name in ready:
            order.append(name)
            del remaining[name]
        for deps in remaining.values():
            deps.difference_update(ready)
    return tuple(order)


def _infer_shapes(by_name: Mapping[str, Node], order: tuple[str, ...]) -> dict[str, NodeShape]:
    shapes: dict[str, NodeShape] = {}
    for name in order:
        node = by_name[name]
        where = f"Node {name!r}"
        feeds = [shapes[source] for source in node.inputs]
        if node.type == "input":
            shapes[name] = NodeShape(len(node.columns), 1)
        elif node.type in ("dense", "output"):
            widths = {f.width for f in feeds}
            if len(widths) > 1:
                raise ValueError(
                    f"{where}: field 'inputs' applies one shared layer to tensors of "
                    f"different widths {sorted(widths)}; shared inputs must match."
                )
            branches = sum(f.branches for f in feeds)
            if node.type == "output" and branches != 1:
                raise ValueError(
                    f"{where}: field 'inputs' feeds the head {branches} branches of a "
                    "shared layer; merge them first with 'add' or 'concatenate'."
                )
            shapes[name] = NodeShape(node.units, branches)
        elif node.type == "add":
            widths = [f.width for f in feeds for _ in range(f.branches)]
            if len(widths) < 2:
                raise _fail(where, "inputs", "of an 'add' node must bring at least two tensors",
                            list(node.inputs))
            if len(set(widths)) > 1:
                detail = ", ".join(f"{s}={shapes[s].width}" for s in node.inputs)
                raise ValueError(
                    f"{where}: field 'inputs' adds branches of different widths ({detail}); "
                    "'add' needs equal widths — use 'concatenate' or change the units."
                )
            shapes[name] = NodeShape(widths[0], 1)
        else:  # concatenate
            widths = [f.width for f in feeds for _ in range(f.branches)]
            if len(widths) < 2:
                raise _fail(where, "inputs",
                            "of a 'concatenate' node must bring at least two tensors",
                            list(node.inputs))
            shapes[name] = NodeShape(sum(widths), 1)
    return shapes


@dataclass(frozen=True)
class TrainConfig:
    """How to train: optimizer, learning rate, epochs, batches, validation.

    Args:
        optimizer: `"adam"`, `"sgd"` or `"rmsprop"`.
        learning_rate: In (0, 10].
        epochs: 1..500.
        batch_size: 1..4096.
        validation_split: Share of the training rows held out, in [0, 0.9).
        seed: Seeds weights, shuffling and dropout (0..2**31-1).

    Raises:
        ValueError: Naming the field and value received.
    """

    optimizer: str = "adam"
    learning_rate: float = 0.001
    epochs: int = 10
    batch_size: int = 32
    validation_split: float = 0.2
    seed: int = 42

    def __post_init__(self) -> None:
        where = "Training"
        if self.optimizer not in OPTIMIZERS:
            raise _fail(where, "optimizer", f"must be one of {', '.join(OPTIMIZERS)}",
                        self.optimizer)
        object.__setattr__(self, "learning_rate", _check_float(
            where, "learning_rate", self.learning_rate, 0.0, 10.0, low_open=True, high_open=False))
        object.__setattr__(self, "epochs", _check_int(where, "epochs", self.epochs, 1, MAX_EPOCHS))
        object.__setattr__(self, "batch_size",
                           _check_int(where, "batch_size", self.batch_size, 1, MAX_BATCH_SIZE))
        object.__setattr__(self, "validation_split", _check_float(
            where, "validation_split", self.validation_split, 0.0, 0.9,
            low_open=False, high_open=True))
        object.__setattr__(self, "seed", _check_int(where, "seed", self.seed, 0, 2**31 - 1))

    def to_dict(self) -> dict[str, Any]:
        """Returns the settings as a JSON-ready dict."""
        return {
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "validation_split": self.validation_split,
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainConfig:
        """Builds validated settings from `to_dict()` output.

        Raises:
            ValueError: On unknown keys or invalid values.
        """
        _reject_unknown_keys("Training", data, tuple(cls().to_dict()))
        return cls(**dict(data))


@dataclass(frozen=True)
class DataSpec:
    """Which data set to use and how to split it.

    Args:
        name: A data set name from `funcnet.data_catalog.DATASETS`.
        params: Data-set parameters (e.g. `n_samples`, `noise`); missing ones
            take the catalogue's defaults. Stored as sorted `(key, value)` pairs.
        test_fraction: Share of rows held out for the test set, in (0, 0.9).
        seed: Seeds generation and the split (0..2**31-1).

    Raises:
        ValueError: For an unknown data set or parameter, or a value out of range.
    """

    name: str = "seed-random"
    params: tuple[tuple[str, Any], ...] = ()
    test_fraction: float | None = None
    seed: int = 42

    def __post_init__(self) -> None:
        from funcnet.data_catalog import resolve_params  # the catalogue imports nothing heavy

        where = "Data"
        params = dict(self.params) if not isinstance(self.params, Mapping) else self.params
        resolved, default_test = resolve_params(self.name, params)
        object.__setattr__(self, "params", tuple(sorted(resolved.items())))
        test_fraction = default_test if self.test_fraction is None else self.test_fraction
        object.__setattr__(self, "test_fraction", _check_float(
            where, "test_fraction", test_fraction, 0.0, 0.9, low_open=True, high_open=True))
        object.__setattr__(self, "seed", _check_int(where, "seed", self.seed, 0, 2**31 - 1))

    def param(self, key: str) -> Any:
        """Returns parameter `key` (defaults already filled in)."""
        return dict(self.params)[key]

    def to_dict(self) -> dict[str, Any]:
        """Returns the choice as a JSON-ready dict."""
        return {
            "name": self.name,
            "params": dict(self.params),
            "test_fraction": self.test_fraction,
            "seed": self.seed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> DataSpec:
        """Builds a validated choice from `to_dict()` output.

        Raises:
            ValueError: On unknown keys or invalid values.
        """
        _reject_unknown_keys("Data", data, ("name", "params", "test_fraction", "seed"))
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise _fail("Data", "params", "must be an object", params)
        return cls(
            name=data.get("name", "seed-random"),
            params=tuple(params.items()),
            test_fraction=data.get("test_fraction"),
            seed=data.get("seed", 42),
        )


@dataclass(frozen=True)
class Job:
    """Everything one training needs: a JSON-serialisable value.

    Args:
        model: The network.
        data: The data set choice.
        train: The training settings.
    """

    model: ModelSpec
    data: DataSpec
    train: TrainConfig

    def to_dict(self) -> dict[str, Any]:
        """Returns the job as a JSON-ready dict."""
        return {
            "model": self.model.to_dict(),
            "data": self.data.to_dict(),
            "train": self.train.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Job:
        """Builds a validated job from `to_dict()` output.

        Raises:
            ValueError: On unknown keys or any invalid part.
        """
        _reject_unknown_keys("Setup", data, ("model", "data", "train"))
        for part in ("model", "data", "train"):
            if part not in data:
                raise ValueError(f"Setup: the '{part}' part is missing.")
        return cls(
            model=ModelSpec.from_dict(data["model"]),
            data=DataSpec.from_dict(data["data"]),
            train=TrainConfig.from_dict(data["train"]),
        )

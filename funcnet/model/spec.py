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
`ValueError` naming the node, the field and the value received (an
`InputError`, so the interface can show it in the user's language). The graph
view, parameter counts, code export and share links all derive from these
values, never from a built model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.model.activations import ACTIVATIONS, get_activation
from funcnet.model.graph_shapes import (
    NodeShape,
    infer_shapes,
    node_at,
    sub_layer_names,
    topological_order,
)

NODE_TYPES = limits.NODE_TYPE.options
MERGE_TYPES = ("add", "concatenate")
TASKS = limits.TASK.options
LOSSES: dict[str, tuple[str, ...]] = {
    "binary": ("binary_crossentropy",),
    "multiclass": ("sparse_categorical_crossentropy",),
    "regression": ("mean_squared_error", "mean_absolute_error", "huber"),
}
"""Losses each task accepts; the first is the default."""
DEFAULT_OUTPUT_ACTIVATION = {"binary": "sigmoid", "multiclass": "softmax", "regression": "linear"}
OPTIMIZERS = limits.OPTIMIZER.options

# The declared limits (funcnet.model.limits) under the names importers know.
MAX_NODES = int(limits.NODE_COUNT.high)
MAX_UNITS = int(limits.UNITS.high)
MAX_NAME_LENGTH = int(limits.NAME_LENGTH.high)
MAX_EPOCHS = int(limits.EPOCHS.high)
MAX_BATCH_SIZE = int(limits.BATCH_SIZE.high)
MAX_COLUMNS = int(limits.COLUMN_COUNT.high)
MAX_BRANCHES = int(limits.BRANCHES.high)

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


_Where = limits.Where
_MODEL: _Where = {"where": "where.model"}
_node_at = node_at


def _check_name(where: _Where, value: Any) -> str:
    if (
        not isinstance(value, str)
        or not value
        or len(value) > MAX_NAME_LENGTH
        or not value.isascii()
        or not (value[0].isalpha() and all(c.isalnum() or c == "_" for c in value))
    ):
        raise InputError("spec.name", **where, max_length=MAX_NAME_LENGTH, value=value)
    return value


def _reject_unknown_keys(
    where: _Where, data: Mapping[str, Any], allowed: tuple[str, ...]
) -> None:
    if not isinstance(data, Mapping):
        raise InputError("spec.not_object", **where, type=type(data).__name__)
    unknown = sorted(set(data) - set(allowed))
    if unknown:
        raise InputError("spec.unknown_keys", **where, unknown=", ".join(map(repr, unknown)),
                         count=len(unknown), allowed=", ".join(allowed))


def _as_str_tuple(where: _Where, name: str, value: Any) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, list | tuple) \
            or not all(isinstance(v, str) for v in value):
        raise InputError("spec.name_list", **where, field=name, value=value)
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
        where = _node_at(self.name)
        _check_name(where, self.name)
        limits.NODE_TYPE.check(where, "type", self.type)
        object.__setattr__(self, "inputs", _as_str_tuple(where, "inputs", self.inputs))
        object.__setattr__(self, "columns", _as_str_tuple(where, "columns", self.columns))
        if self.type == "input":
            self._check_input(where)
        elif self.type in ("dense", "output"):
            self._check_layer(where)
        else:
            if len(self.inputs) < 1:
                raise InputError("spec.merge_needs_inputs", **where, type=self.type)

    def _check_input(self, where: _Where) -> None:
        if self.inputs:
            raise InputError("spec.input_has_inputs", **where, value=list(self.inputs))
        if not 1 <= len(self.columns) <= MAX_COLUMNS:
            raise InputError("spec.columns_count", **where, max_columns=MAX_COLUMNS,
                             value=list(self.columns))
        if len(set(self.columns)) != len(self.columns):
            raise InputError("spec.columns_repeat", **where, value=list(self.columns))

    def _check_layer(self, where: _Where) -> None:
        if not self.inputs:
            raise InputError("spec.layer_needs_input", **where, type=self.type)
        object.__setattr__(self, "units", limits.UNITS.check(where, "units", self.units))
        # isinstance first: an unhashable value from JSON (a list) must not raise TypeError.
        if not isinstance(self.activation, str) or self.activation not in ACTIVATIONS:
            raise InputError("spec.unknown_activation", **where, value=self.activation,
                             known=", ".join(ACTIVATIONS))
        if self.type == "dense":
            object.__setattr__(self, "dropout",
                               float(limits.DROPOUT.check(where, "dropout", self.dropout)))
            if not isinstance(self.batch_norm, bool):
                raise InputError("spec.batch_norm", **where, value=self.batch_norm)
            return
        if len(self.inputs) != 1:
            raise InputError("spec.output_one_input", **where, value=list(self.inputs))
        limits.TASK.check(where, "task", self.task)
        if not isinstance(self.target, str) or not self.target:
            raise InputError("spec.target_missing", **where, value=self.target)
        if self.loss not in LOSSES[self.task]:
            raise InputError("spec.loss_for_task", **where, task=self.task,
                             options=", ".join(LOSSES[self.task]), value=self.loss)
        object.__setattr__(self, "loss_weight",
                           limits.LOSS_WEIGHT.check(where, "loss_weight", self.loss_weight))
        if self.task == "binary" and self.units != 1:
            raise InputError("spec.binary_units", **where, value=self.units)
        if self.task == "multiclass" and self.units < 2:
            raise InputError("spec.multiclass_units", **where, value=self.units)

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
        where = (_node_at(data.get("name")) if isinstance(data, Mapping)
                 else {"where": "where.node_unnamed"})
        _reject_unknown_keys(where, data, _NODE_FIELDS)
        if "name" not in data or "type" not in data:
            raise InputError("spec.name_and_type", **where)
        return cls(**dict(data))


def get_activation_error(name: Any) -> str:
    """Returns the registry's message for an unknown activation `name`."""
    try:
        get_activation(name)
    except ValueError as error:
        return str(error)
    return ""


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
            raise InputError("spec.nodes_list_of_nodes", **_MODEL, value=self.nodes)
        object.__setattr__(self, "nodes", tuple(self.nodes))
        if len(self.nodes) > MAX_NODES:
            raise InputError("spec.too_many_nodes", **_MODEL, max_nodes=MAX_NODES,
                             count=len(self.nodes))
        for node in self.nodes:
            if not isinstance(node, Node):
                raise InputError("spec.not_a_node", **_MODEL, value=repr(node))
        by_name: dict[str, Node] = {}
        for node in self.nodes:
            if node.name in by_name:
                raise InputError("spec.duplicate_name", **_node_at(node.name))
            by_name[node.name] = node
        for node in self.nodes:
            for source in node.inputs:
                if source not in by_name:
                    raise InputError("spec.unknown_input", **_node_at(node.name), source=source)
                if by_name[source].type == "output":
                    raise InputError("spec.input_is_head", **_node_at(node.name), source=source)
            if len(set(node.inputs)) != len(node.inputs):
                raise InputError("spec.inputs_repeat", **_node_at(node.name),
                                 value=list(node.inputs))
        for node in self.nodes:
            for sub_layer in sub_layer_names(node):
                if sub_layer in by_name:
                    raise InputError("spec.sub_layer_clash", **_node_at(sub_layer),
                                     owner=node.name, suffix=sub_layer.rsplit("_", 1)[1])
        if not any(n.type == "input" for n in self.nodes):
            raise InputError("spec.no_input", **_MODEL)
        if not any(n.type == "output" for n in self.nodes):
            raise InputError("spec.no_output", **_MODEL)
        order = topological_order(self.nodes)
        object.__setattr__(self, "_order", order)
        object.__setattr__(self, "_shapes", infer_shapes(by_name, order))
        targets = [n.target for n in self.nodes if n.type == "output"]
        for target in set(targets):
            if targets.count(target) > 1:
                raise InputError("spec.duplicate_target", **_MODEL, target=target)
        unused = [n.name for n in self.nodes if n.type != "output"
                  and not any(n.name in other.inputs for other in self.nodes)]
        if unused:
            raise InputError("spec.unused_node", **_node_at(unused[0]))

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
        _reject_unknown_keys(_MODEL, data, ("nodes",))
        nodes = data.get("nodes")
        if not isinstance(nodes, list | tuple):
            raise InputError("spec.nodes_list", **_MODEL, value=nodes)
        if len(nodes) > MAX_NODES:
            raise InputError("spec.too_many_nodes", **_MODEL, max_nodes=MAX_NODES,
                             count=len(nodes))
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
            raise InputError("spec.hidden_activation", **_MODEL, value=activation)
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
        early_stopping_patience: Early stopping (Keras' `EarlyStopping` with
            `restore_best_weights=True`): end the run once the validation loss
            has not improved for this many epochs, and keep the weights of
            its best epoch. Without validation rows it watches the training
            loss instead. 0..100; 0 (the default) turns it off.

    Raises:
        ValueError: Naming the field and value received.
    """

    optimizer: str = "adam"
    learning_rate: float = 0.001
    epochs: int = 10
    batch_size: int = 32
    validation_split: float = 0.2
    seed: int = 42
    early_stopping_patience: int = 0

    def __post_init__(self) -> None:
        where = {"where": "where.training"}
        limits.OPTIMIZER.check(where, "optimizer", self.optimizer)
        checked = {
            "learning_rate": limits.LEARNING_RATE, "epochs": limits.EPOCHS,
            "batch_size": limits.BATCH_SIZE, "validation_split": limits.VALIDATION_SPLIT,
            "seed": limits.SEED, "early_stopping_patience": limits.EARLY_STOPPING_PATIENCE,
        }
        for name, interval in checked.items():
            object.__setattr__(self, name, interval.check(where, name, getattr(self, name)))

    def to_dict(self) -> dict[str, Any]:
        """Returns the settings as a JSON-ready dict.

        `early_stopping_patience` appears only when early stopping is on, so a
        setup without it keeps the dict (and the share link, and the run's
        id) it had before the field existed.
        """
        data: dict[str, Any] = {
            "optimizer": self.optimizer,
            "learning_rate": self.learning_rate,
            "epochs": self.epochs,
            "batch_size": self.batch_size,
            "validation_split": self.validation_split,
            "seed": self.seed,
        }
        if self.early_stopping_patience:
            data["early_stopping_patience"] = self.early_stopping_patience
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrainConfig:
        """Builds validated settings from `to_dict()` output (missing keys take defaults).

        Raises:
            ValueError: On unknown keys or invalid values.
        """
        allowed = tuple(item.name for item in fields(cls))
        _reject_unknown_keys({"where": "where.training"}, data, allowed)
        return cls(**dict(data))


@dataclass(frozen=True)
class DataSpec:
    """Which data set to use and how to split it.

    Args:
        name: A data set name from `funcnet.data.catalog.DATASETS`.
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
        from funcnet.data.catalog import resolve_params  # the catalogue imports nothing heavy

        where = {"where": "where.data"}
        params = dict(self.params) if not isinstance(self.params, Mapping) else self.params
        resolved, default_test = resolve_params(self.name, params)
        object.__setattr__(self, "params", tuple(sorted(resolved.items())))
        test_fraction = default_test if self.test_fraction is None else self.test_fraction
        object.__setattr__(self, "test_fraction",
                           limits.TEST_FRACTION.check(where, "test_fraction", test_fraction))
        object.__setattr__(self, "seed", limits.SEED.check(where, "seed", self.seed))

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
        where = {"where": "where.data"}
        _reject_unknown_keys(where, data, ("name", "params", "test_fraction", "seed"))
        params = data.get("params", {})
        if not isinstance(params, Mapping):
            raise InputError("spec.not_an_object", **where, field="params", value=params)
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
        where = {"where": "where.setup"}
        _reject_unknown_keys(where, data, ("model", "data", "train"))
        for part in ("model", "data", "train"):
            if part not in data:
                raise InputError("spec.part_missing", **where, part=part)
        return cls(
            model=ModelSpec.from_dict(data["model"]),
            data=DataSpec.from_dict(data["data"]),
            train=TrainConfig.from_dict(data["train"]),
        )

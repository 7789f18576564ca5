"""Ready-made networks, each paired with a data set that suits it.

`seed` is exactly the notebook's network; the others show what the
functional API can do that a plain stack cannot: skip connections
(`residual`), several inputs (`wide-deep`), shared layers (`siamese`) and
several outputs (`multi-output`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from funcnet.i18n import N_
from funcnet.model.spec import (
    DEFAULT_OUTPUT_ACTIVATION,
    LOSSES,
    DataSpec,
    Job,
    ModelSpec,
    Node,
    TrainConfig,
)


@dataclass(frozen=True)
class HiddenLayer:
    """One hidden layer of a plain stack.

    Args:
        units: Number of units.
        activation: Activation name from the registry.
        dropout: Dropout rate after the layer.
        batch_norm: Whether to normalise before the activation.
    """

    units: int
    activation: str = "relu"
    dropout: float = 0.0
    batch_norm: bool = False


def columns(prefix: str, count: int) -> tuple[str, ...]:
    """Returns generated feature names `prefix0 .. prefix{count-1}`."""
    return tuple(f"{prefix}{i}" for i in range(count))


def head(
    name: str,
    source: str,
    task: str,
    target: str = "target",
    units: int = 1,
    activation: str | None = None,
    loss: str | None = None,
    loss_weight: float = 1.0,
) -> Node:
    """Builds an output node with the task's usual activation and loss.

    Args:
        name: Node name.
        source: Node feeding the head.
        task: `"binary"`, `"multiclass"` or `"regression"`.
        target: Target column.
        units: 1 for binary and regression; the class count for multiclass.
        activation: Defaults to sigmoid / softmax / linear by task.
        loss: Defaults to the task's first loss.
        loss_weight: Weight in the total loss.

    Returns:
        The output `Node`.
    """
    return Node(
        name=name,
        type="output",
        inputs=(source,),
        units=units,
        activation=activation or DEFAULT_OUTPUT_ACTIVATION[task],
        task=task,
        target=target,
        loss=loss or LOSSES[task][0],
        loss_weight=loss_weight,
    )


def stack(
    feature_columns: Sequence[str],
    hidden: Sequence[HiddenLayer],
    output: Node,
) -> ModelSpec:
    """Builds a plain stack: one input, hidden layers in a chain, one head.

    Args:
        feature_columns: Columns the input takes.
        hidden: Hidden layers, first to last (may be empty).
        output: The head; its `inputs` are rewired to the last hidden layer.

    Returns:
        The validated `ModelSpec`.
    """
    nodes = [Node("input", "input", columns=tuple(feature_columns))]
    previous = "input"
    for i, layer in enumerate(hidden, start=1):
        name = f"dense_{i}"
        nodes.append(Node(name, "dense", inputs=(previous,), units=layer.units,
                          activation=layer.activation, dropout=layer.dropout,
                          batch_norm=layer.batch_norm))
        previous = name
    nodes.append(Node(**{**output.to_dict(), "inputs": (previous,)}))
    return ModelSpec(tuple(nodes))


def _seed() -> Job:
    model = stack(columns("x", 20), [HiddenLayer(64), HiddenLayer(64)],
                  head("output", "input", "binary"))
    return Job(model, DataSpec("seed-random"), TrainConfig(epochs=10, batch_size=32))


def _deep() -> Job:
    model = stack(columns("x", 2), [HiddenLayer(32) for _ in range(5)],
                  head("output", "input", "binary"))
    return Job(model, DataSpec("spiral"), TrainConfig(epochs=150, learning_rate=0.005,
                                                      batch_size=32))


def _residual() -> Job:
    dense = "dense"
    nodes = (
        Node("input", "input", columns=columns("x", 20)),
        Node("stem", dense, inputs=("input",), units=64, activation="relu"),
        Node("block1_a", dense, inputs=("stem",), units=64, activation="relu"),
        Node("block1_b", dense, inputs=("block1_a",), units=64, activation="relu"),
        Node("skip1", "add", inputs=("stem", "block1_b")),
        Node("block2_a", dense, inputs=("skip1",), units=64, activation="relu"),
        Node("block2_b", dense, inputs=("block2_a",), units=64, activation="relu"),
        Node("skip2", "add", inputs=("skip1", "block2_b")),
        head("output", "skip2", "binary"),
    )
    return Job(ModelSpec(nodes), DataSpec("classification"), TrainConfig(epochs=20))


def _wide_deep() -> Job:
    nodes = (
        Node("wide", "input", columns=columns("x", 10)),
        Node("deep", "input", columns=tuple(f"x{i}" for i in range(10, 20))),
        Node("deep_1", "dense", inputs=("deep",), units=64, activation="relu"),
        Node("deep_2", "dense", inputs=("deep_1",), units=32, activation="relu"),
        Node("joined", "concatenate", inputs=("wide", "deep_2")),
        head("output", "joined", "binary"),
    )
    return Job(ModelSpec(nodes), DataSpec("classification"), TrainConfig(epochs=20))


def _siamese() -> Job:
    nodes = (
        Node("left", "input", columns=columns("a", 10)),
        Node("right", "input", columns=columns("b", 10)),
        Node("tower_1", "dense", inputs=("left", "right"), units=32, activation="relu"),
        Node("tower_2", "dense", inputs=("tower_1",), units=16, activation="relu"),
        Node("joined", "concatenate", inputs=("tower_2",)),
        Node("compare", "dense", inputs=("joined",), units=16, activation="relu"),
        head("same", "compare", "binary", target="same"),
    )
    return Job(ModelSpec(nodes), DataSpec("pairs"), TrainConfig(epochs=30))


def _multi_output() -> Job:
    nodes = (
        Node("input", "input", columns=columns("x", 20)),
        Node("shared_1", "dense", inputs=("input",), units=64, activation="relu"),
        Node("shared_2", "dense", inputs=("shared_1",), units=32, activation="relu"),
        head("label", "shared_2", "binary", target="label"),
        head("value", "shared_2", "regression", target="value", loss_weight=0.5),
    )
    return Job(ModelSpec(nodes), DataSpec("multi-task"), TrainConfig(epochs=30))


@dataclass(frozen=True)
class Preset:
    """A named network with the data set and settings it comes with.

    Args:
        name: Key used in the interface, URLs and the CLI.
        label: Display name.
        description: One line on what the preset shows.
        job: The network, its default data set and training settings.
    """

    name: str
    label: str
    description: str
    job: Job


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset("seed", N_("Notebook network"),
               N_("The notebook's network: Input(20) → Dense(64, relu) → Dense(64, relu) → "
               "Dense(1, sigmoid), 10 epochs of batch 32 on random labels."), _seed()),
        Preset("deep", N_("Deep MLP"),
               N_("Five hidden layers of 32 ReLU units learning the two-spiral problem."), _deep()),
        Preset("residual", N_("Residual"),
               N_("Two residual blocks: each block's input is added to its output "
               "(skip connections, as in ResNets)."), _residual()),
        Preset("wide-deep", N_("Wide & deep"),
               N_("Two inputs over different feature groups: one goes straight to the head, "
               "the other through two layers; the branches are concatenated."), _wide_deep()),
        Preset("siamese", N_("Siamese"),
               N_("One shared tower applied to two inputs (same weights), then compared: "
               "is the pair from the same cluster?"), _siamese()),
        Preset("multi-output", N_("Multi-output"),
               N_("A shared trunk with two heads: a binary label (cross-entropy) and a "
               "continuous value (mean squared error, weight 0.5)."), _multi_output()),
    )
}
"""Every preset, keyed by name; `seed` first."""


def get_preset(name: str) -> Preset:
    """Looks up a preset by name.

    Raises:
        ValueError: If there is no preset called `name`.
    """
    if name not in PRESETS:
        raise ValueError(f"Unknown preset {name!r}; known presets: {', '.join(PRESETS)}.")
    return PRESETS[name]

"""Edits of the setup the Build & Train page makes: pure functions, no Streamlit.

The page's network editor handles the common case, a *plain stack* (one
input, a chain of dense layers, one head). `as_stack` recognises one,
`build_stack` turns edited values back into a `ModelSpec`. Anything else
(residual, siamese, several heads) is shown as a summary and left as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from funcnet.data.datasets import Dataset, TargetInfo, check_model_fits
from funcnet.model import limits
from funcnet.model.adapt import adapt_head, adapt_model
from funcnet.model.presets import HiddenLayer, stack
from funcnet.model.spec import LOSSES, Job, ModelSpec, Node

MAX_HIDDEN_LAYERS = int(limits.HIDDEN_LAYERS.high)
MAX_EDITOR_UNITS = int(limits.EDITOR_UNITS.high)


@dataclass(frozen=True)
class StackView:
    """A plain stack as the editor sees it.

    Args:
        features: Columns the input takes.
        hidden: Hidden layers, first to last.
        head: The output node.
    """

    features: tuple[str, ...]
    hidden: tuple[HiddenLayer, ...]
    head: Node


def as_stack(model: ModelSpec) -> StackView | None:
    """Reads `model` as a plain stack the editor can handle.

    Args:
        model: Any network.

    Returns:
        The `StackView`, or `None` when the model is not one input followed
        by 1..8 dense layers of at most 512 units in a chain and one head.
    """
    if len(model.inputs) != 1 or len(model.outputs) != 1:
        return None
    hidden: list[HiddenLayer] = []
    previous = model.inputs[0].name
    consumers = {n.name: [m for m in model.nodes if n.name in m.inputs] for n in model.nodes}
    while True:
        following = consumers[previous]
        if len(following) != 1:
            return None
        node = following[0]
        if node.type == "output":
            break
        if node.type != "dense" or len(node.inputs) != 1 or node.units > MAX_EDITOR_UNITS:
            return None
        hidden.append(HiddenLayer(node.units, node.activation, node.dropout, node.batch_norm))
        previous = node.name
    if not 1 <= len(hidden) <= MAX_HIDDEN_LAYERS:
        return None
    return StackView(model.inputs[0].columns, tuple(hidden), model.outputs[0])


def build_stack(view: StackView) -> ModelSpec:
    """Turns an edited `StackView` back into a validated network.

    Args:
        view: Features, hidden layers and head.

    Returns:
        The `ModelSpec` (`input`, `dense_1..k`, then the head).

    Raises:
        ValueError: If a layer or the head is invalid.
    """
    return stack(view.features, view.hidden, view.head)


def aim_head(head: Node, target: TargetInfo, activation: str, loss: str) -> Node:
    """Returns `head` predicting `target` with the chosen activation and loss.

    The task and units always follow the target (units = classes for a
    multiclass target); a loss that does not suit the task falls back to
    the task's default.

    Args:
        head: The current output node.
        target: The target column it should predict.
        activation: The activation the user chose.
        loss: The loss the user chose.

    Returns:
        The new output node.

    Raises:
        ValueError: If the activation is unknown.
    """
    aimed = adapt_head(head, target)
    if loss not in LOSSES[aimed.task]:
        loss = aimed.loss
    return Node(**{**aimed.to_dict(), "activation": activation, "loss": loss})


def fit_to_dataset(model: ModelSpec, dataset: Dataset) -> ModelSpec:
    """Rewires a network's input columns and heads to a data set, then checks it.

    Args:
        model: The current network.
        dataset: The newly chosen data set.

    Returns:
        The adapted network.

    Raises:
        ValueError: If the network cannot take this data set (e.g. a
            siamese network's two inputs name columns the data set lacks).
    """
    adapted = adapt_model(model, dataset.features, dataset.targets)
    check_model_fits(adapted, dataset)
    return adapted


def hidden_activations(model: ModelSpec) -> tuple[str, ...]:
    """Returns the distinct activations of the hidden dense nodes.

    Args:
        model: The network.

    Returns:
        Activation names in graph order, each once.
    """
    seen: dict[str, None] = {}
    for name in model.order:
        node = model.node(name)
        if node.type == "dense":
            seen.setdefault(node.activation, None)
    return tuple(seen)


def summary_rows(model: ModelSpec) -> list[dict[str, object]]:
    """Describes every node for a summary table, in topological order.

    Args:
        model: The network.

    Returns:
        One dict per node with `node`, `type`, `inputs`, `output` (width,
        and branches when a shared layer yields several), `activation` and
        `parameters`.
    """
    rows: list[dict[str, object]] = []
    for name in model.order:
        node = model.node(name)
        shape = model.shape_of(name)
        width = f"{shape.width}" + (f" × {shape.branches}" if shape.branches > 1 else "")
        rows.append({
            "node": name,
            "type": node.type,
            "inputs": ", ".join(node.inputs) if node.inputs else f"{len(node.columns)} columns",
            "output": width,
            "activation": node.activation if node.type in ("dense", "output") else "",
            "parameters": model.param_count(name),
        })
    return rows


def replace_training(job: Job, **changes: object) -> Job:
    """Returns `job` with training settings changed (validated).

    Args:
        job: The setup.
        **changes: `TrainConfig` fields.

    Returns:
        The new setup.

    Raises:
        ValueError: Naming the field and value when a setting is invalid.
    """
    return replace(job, train=replace(job.train, **changes))


def new_layer(previous: Sequence[HiddenLayer]) -> HiddenLayer:
    """Returns the layer the editor adds after `previous`.

    Args:
        previous: The layers so far.

    Returns:
        A copy of the last layer (32 ReLU units when there is none).
    """
    return previous[-1] if previous else HiddenLayer(32)

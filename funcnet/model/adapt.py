"""Fit a network's ends to a data set: input columns and output heads.

When a user picks another data set, a plain stack should follow it: its
input takes the new feature columns and its head predicts the new target
with the right task, units, activation and loss. Graphs with several inputs
or heads keep their wiring; `funcnet.data.datasets.check_model_fits` then says what
no longer fits.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from funcnet.model.spec import DEFAULT_OUTPUT_ACTIVATION, LOSSES, ModelSpec, Node


class TargetLike(Protocol):
    """What `adapt_model` needs to know about a target column."""

    name: str
    task: str
    classes: tuple[str, ...]


def head_units(target: TargetLike) -> int:
    """Returns the units an output head needs for `target` (classes or 1)."""
    return len(target.classes) if target.task == "multiclass" else 1


def adapt_head(node: Node, target: TargetLike) -> Node:
    """Returns output `node` re-aimed at `target`, keeping choices that still fit.

    Args:
        node: An output node.
        target: The target column it should predict.

    Returns:
        A new output node with the target's task and units; the activation
        and loss are kept when they suit the task, else the task's defaults.
    """
    task = target.task
    same_task = node.task == task
    activation = node.activation if same_task else DEFAULT_OUTPUT_ACTIVATION[task]
    loss = node.loss if node.loss in LOSSES[task] else LOSSES[task][0]
    return Node(**{**node.to_dict(), "target": target.name, "task": task,
                   "units": head_units(target), "activation": activation, "loss": loss})


def adapt_model(
    model: ModelSpec, features: Sequence[str], targets: Mapping[str, TargetLike]
) -> ModelSpec:
    """Returns `model` with its input and head fitted to a data set, where unambiguous.

    A single input takes every feature column. A single head predicts the
    data set's target (the first one when there are several). Heads of a
    multi-head model that already name a target of the data set are updated
    to its task and class count. Anything else is left for validation to
    report.

    Args:
        model: The current network.
        features: The data set's feature columns.
        targets: The data set's targets by column name.

    Returns:
        The adapted, validated `ModelSpec`.

    Raises:
        ValueError: If the adapted graph is invalid (e.g. a shared layer
            now sees inputs of different widths).
    """
    nodes = []
    single_input = len(model.inputs) == 1
    single_head = len(model.outputs) == 1
    first_target = next(iter(targets.values()), None)
    for node in model.nodes:
        if node.type == "input" and single_input:
            node = Node(**{**node.to_dict(), "columns": tuple(features)})
        elif node.type == "output":
            if node.target in targets:
                node = adapt_head(node, targets[node.target])
            elif single_head and first_target is not None:
                node = adapt_head(node, first_target)
        nodes.append(node)
    return ModelSpec(tuple(nodes))

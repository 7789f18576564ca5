"""What flows along a validated graph: the width and branch count of every node.

A shared `dense` node yields one tensor per input it is applied to, and
nodes downstream of it are applied per branch until a merge joins them, so
branch counts can grow quickly (a chain of nodes each shared over the two
before it grows like Fibonacci). They are counted as integers here, never
materialised as lists, and capped by `limits.BRANCHES`: each branch is real
compute in Keras.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from funcnet.messages import InputError
from funcnet.model import limits

if TYPE_CHECKING:  # spec imports this module; the type is only named here
    from funcnet.model.spec import Node


@dataclass(frozen=True)
class NodeShape:
    """What flows out of a node: `branches` tensors, each `width` wide."""

    width: int
    branches: int


def node_at(name: Any) -> limits.Where:
    """Returns the `InputError` fields naming node `name`."""
    return {"where": "where.node", "node": name}


def sub_layer_names(node: Node) -> tuple[str, ...]:
    """Names of the extra Keras layers a dense node becomes (see funcnet.engine.builder)."""
    names: list[str] = []
    if node.type == "dense" and node.batch_norm:
        names += [f"{node.name}_bn", f"{node.name}_act"]
    if node.type == "dense" and node.dropout > 0:
        names.append(f"{node.name}_dropout")
    return tuple(names)


def topological_order(nodes: tuple[Node, ...]) -> tuple[str, ...]:
    """Kahn's algorithm keeping declaration order among ready nodes.

    Raises:
        InputError: `spec.cycle`, naming the nodes left in a cycle.
    """
    remaining = {n.name: set(n.inputs) for n in nodes}
    order: list[str] = []
    while remaining:
        ready = [n.name for n in nodes if n.name in remaining and not remaining[n.name]]
        if not ready:
            cyclic = sorted(remaining)
            raise InputError("spec.cycle", **node_at(cyclic[0]),
                             cycle=", ".join(map(repr, cyclic)))
        for name in ready:
            order.append(name)
            del remaining[name]
        for deps in remaining.values():
            deps.difference_update(ready)
    return tuple(order)


def infer_shapes(by_name: Mapping[str, Node], order: tuple[str, ...]) -> dict[str, NodeShape]:
    """Returns every node's `NodeShape`, in `order`.

    Args:
        by_name: The nodes by name.
        order: A topological order of their names.

    Raises:
        InputError: For shared layers over different widths, a head fed by
            several branches, merges of fewer than two tensors, `add` over
            different widths, or more branches than `limits.BRANCHES` allows.
    """
    shapes: dict[str, NodeShape] = {}
    for name in order:
        node = by_name[name]
        where = node_at(name)
        feeds = [shapes[source] for source in node.inputs]
        tensors = sum(f.branches for f in feeds)  # an integer: branches are never listed
        if node.type == "input":
            shapes[name] = NodeShape(len(node.columns), 1)
        elif node.type in ("dense", "output"):
            widths = {f.width for f in feeds}
            if len(widths) > 1:
                raise InputError("spec.shared_widths", **where, widths=sorted(widths))
            if node.type == "output" and tensors != 1:
                raise InputError("spec.head_branches", **where, branches=tensors)
            if tensors > limits.BRANCHES.high:
                raise InputError("spec.too_many_branches", **where, branches=tensors,
                                 max_branches=int(limits.BRANCHES.high))
            shapes[name] = NodeShape(node.units, tensors)
        elif node.type == "add":
            if tensors < 2:
                raise InputError("spec.add_two", **where, value=list(node.inputs))
            if len({f.width for f in feeds}) > 1:
                detail = ", ".join(f"{s}={shapes[s].width}" for s in node.inputs)
                raise InputError("spec.add_widths", **where, detail_text=detail)
            shapes[name] = NodeShape(feeds[0].width, 1)
        else:  # concatenate
            if tensors < 2:
                raise InputError("spec.concatenate_two", **where, value=list(node.inputs))
            shapes[name] = NodeShape(sum(f.width * f.branches for f in feeds), 1)
    return shapes

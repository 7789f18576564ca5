"""The Architecture page's node table: a `ModelSpec` as rows and back. No Streamlit.

Each node is one row with every column the editor shows; the columns that
do not apply to a node's type stay empty. Reading the rows back keeps only
the fields that matter for each type, so a stray value left in, say, the
`task` column of a dense row never breaks the graph.

Lists are written as comma-separated names (`"dense_1, dense_2"`); an
input node that takes every feature of the data set shows `"all"`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from funcnet.messages import InputError
from funcnet.model.spec import ModelSpec, Node

COLUMNS = ("name", "type", "inputs", "columns", "units", "activation", "dropout",
           "batch_norm", "task", "target", "loss", "loss_weight")
"""The table's columns, in display order."""

ALL_COLUMNS = "all"
"""What the `columns` cell of an input node holds when it takes every feature."""

_NODE_IN_MESSAGE = re.compile(r"^Node '([^']+)'")


def _split(text: Any) -> tuple[str, ...]:
    if is_blank(text):
        return ()
    return tuple(part.strip() for part in str(text).split(",") if part.strip())


def is_blank(value: Any) -> bool:
    """Tells whether a table cell is empty (`None`, NaN, `pd.NA` or blank text).

    Args:
        value: A cell value as `st.data_editor` returns it.

    Returns:
        True for an empty cell.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(value != value)  # pd.NA and numpy NaN are not equal to themselves
    except TypeError:  # pd.NA raises on bool(); it is blank
        return True


def spec_to_rows(model: ModelSpec, features: Sequence[str] = ()) -> list[dict[str, Any]]:
    """Describes every node as a table row, in declaration order.

    Args:
        model: The network.
        features: The data set's feature columns; an input taking exactly
            these shows `"all"` in its `columns` cell.

    Returns:
        One dict per node with every key of `COLUMNS`; fields that do not
        apply to the node's type are `None` (`batch_norm` is `False`).
    """
    rows = []
    for node in model.nodes:
        row: dict[str, Any] = dict.fromkeys(COLUMNS)
        row.update(name=node.name, type=node.type, batch_norm=False)
        if node.type == "input":
            same = features and tuple(node.columns) == tuple(features)
            row["columns"] = ALL_COLUMNS if same else ", ".join(node.columns)
        else:
            row["inputs"] = ", ".join(node.inputs)
        if node.type in ("dense", "output"):
            row.update(units=node.units, activation=node.activation)
        if node.type == "dense":
            row.update(dropout=node.dropout, batch_norm=node.batch_norm)
        if node.type == "output":
            row.update(task=node.task, target=node.target, loss=node.loss,
                       loss_weight=node.loss_weight)
        rows.append(row)
    return rows


def _number(row: Mapping[str, Any], key: str, default: float) -> Any:
    value = row.get(key)
    if is_blank(value):
        return default
    if isinstance(value, bool):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value  # Node's validation names the field and the value received
    return int(number) if key == "units" and number.is_integer() else number


def _unticked(value: Any) -> bool:
    return isinstance(value, bool | np.bool_) and not value


def _text(row: Mapping[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if is_blank(value) else str(value).strip()


def row_to_node(row: Mapping[str, Any], index: int, features: Sequence[str] = ()) -> Node:
    """Builds the node one table row describes.

    Args:
        row: A row with (some of) the keys of `COLUMNS`.
        index: Its 1-based position, named in messages when the row has no name.
        features: The data set's feature columns, taken by `"all"`.

    Returns:
        The validated `Node`.

    Raises:
        ValueError: Naming the node (or the row, if it has no name) and the
            field that is wrong.
    """
    name = _text(row, "name")
    kind = _text(row, "type")
    if not name:
        raise InputError("table.row_name", row=index)
    if not kind:
        raise InputError("table.row_type", where="where.node", node=name)
    fields: dict[str, Any] = {"name": name, "type": kind}
    if kind == "input":
        columns = _split(row.get("columns"))
        if columns == (ALL_COLUMNS,):
            columns = tuple(features)
        fields["columns"] = columns
    else:
        fields["inputs"] = _split(row.get("inputs"))
    if kind in ("dense", "output"):
        fields["units"] = _number(row, "units", 0)
        fields["activation"] = _text(row, "activation") or "linear"
    if kind == "dense":
        fields["dropout"] = _number(row, "dropout", 0.0)
        bn = row.get("batch_norm")
        fields["batch_norm"] = False if is_blank(bn) else bool(bn)
    if kind == "output":
        fields.update(task=_text(row, "task"), target=_text(row, "target"),
                      loss=_text(row, "loss"), loss_weight=_number(row, "loss_weight", 1.0))
    return Node(**fields)


def rows_to_spec(rows: Iterable[Mapping[str, Any]], features: Sequence[str] = ()) -> ModelSpec:
    """Turns the edited table back into a validated network.

    Rows left completely empty (a row just added) are skipped.

    Args:
        rows: The table's rows, top to bottom.
        features: The data set's feature columns, taken by `"all"`.

    Returns:
        The `ModelSpec`, nodes in row order.

    Raises:
        ValueError: Naming the node (or row) that is wrong and why, e.g.
            `"Node 'x': field 'inputs' closes a cycle ..."`.
    """
    nodes = []
    for index, row in enumerate(rows, start=1):
        if all(is_blank(row.get(key)) or _unticked(row.get(key)) for key in COLUMNS):
            continue
        nodes.append(row_to_node(row, index, features))
    return ModelSpec(tuple(nodes))


def node_in_message(message: str) -> str | None:
    """Returns the node a validation message names, if any.

    Args:
        message: A `ValueError` message such as `"Node 'skip': field ..."`.

    Returns:
        The node name, or `None` when the message names no node.
    """
    found = _NODE_IN_MESSAGE.match(message)
    return found.group(1) if found else None

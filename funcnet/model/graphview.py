"""The model graph as Graphviz DOT text, drawn in the browser by `st.graphviz_chart`.

Everything shown comes from the spec, never from a built model: each node's
type, units, activation, output shape and parameter count. Three things the
functional API can do that a plain stack cannot are made visible:

- a *shared layer* (one `dense` node applied to several inputs) gets a
  double border and the note "shared ×2", and every input it is applied to
  has its own edge into it;
- a *skip connection* (an edge into an `add` or `concatenate` node that
  jumps over at least one layer, as in a residual block) is drawn dashed and
  coloured, labelled "skip";
- an edge that carries several branches of a shared layer is labelled "×2".

No Graphviz binary is needed: this module only writes text.
"""

from __future__ import annotations

from funcnet import i18n
from funcnet.i18n import N_, _, ngettext
from funcnet.model.activations import label_of
from funcnet.model.names import LOSS_LABELS, TASK_LABELS
from funcnet.model.spec import ModelSpec, Node

TYPE_STYLE: dict[str, tuple[str, str]] = {
    "input": ("#e3f4e1", "#3d8b37"),
    "dense": ("#e1ecf8", "#2f6db5"),
    "add": ("#fde9d0", "#c96f12"),
    "concatenate": ("#ece3f6", "#7a4fb0"),
    "output": ("#fff4c2", "#a88600"),
}
"""Fill and border colour per node type."""
HIGHLIGHT_FILL = "#fbd5d5"
HIGHLIGHT_COLOR = "#d62728"
SKIP_COLOR = "#c96f12"
TYPE_LABEL = {"input": N_("Input"), "dense": "Dense", "add": "Add",
              "concatenate": "Concatenate", "output": N_("Output")}
RANKDIRS = ("TB", "LR")


def quote(text: str) -> str:
    """Returns `text` as a double-quoted DOT string.

    Backslashes and quotes are escaped and line breaks flattened, so any
    text (e.g. a CSV column name) is shown literally and cannot break out of
    the string or trigger DOT escapes such as `\\N`.

    Args:
        text: Any text.

    Returns:
        The quoted DOT string.
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return f'"{escaped}"'


def _label(lines: list[str]) -> str:
    # Escape each line, then join with DOT's centred line break.
    return '"' + "\\n".join(quote(line)[1:-1] for line in lines) + '"'


def output_shape(spec: ModelSpec, name: str) -> str:
    """Returns a node's output shape as Keras prints it, e.g. `"(None, 64)"`.

    A shared layer yields one tensor per branch: `"2 × (None, 32)"`.

    Args:
        spec: The model graph.
        name: A node of it.

    Returns:
        The shape text.
    """
    shape = spec.shape_of(name)
    single = f"(None, {shape.width})"
    return single if shape.branches == 1 else f"{shape.branches} × {single}"


def skip_edges(spec: ModelSpec) -> set[tuple[str, str]]:
    """Finds the edges into merge nodes that jump over at least one node.

    An edge `a -> m` into an `add` or `concatenate` node `m` is a skip edge
    when `m` can also be reached from `a` through another node, as in a
    residual block where the block's input is added to its output.

    Args:
        spec: The model graph.

    Returns:
        The `(source, merge node)` pairs that are skip edges.
    """
    consumers: dict[str, list[str]] = {n.name: [] for n in spec.nodes}
    for node in spec.nodes:
        for source in node.inputs:
            consumers[source].append(node.name)
    # reach[n]: every node reachable from n, filled in reverse topological order.
    reach: dict[str, set[str]] = {}
    for name in reversed(spec.order):
        reach[name] = set()
        for consumer in consumers[name]:
            reach[name] |= {consumer} | reach[consumer]
    skips: set[tuple[str, str]] = set()
    for node in spec.nodes:
        if node.type not in ("add", "concatenate"):
            continue
        for source in node.inputs:
            if any(node.name in reach[other] for other in consumers[source] if other != node.name):
                skips.add((source, node.name))
    return skips


def _describe(spec: ModelSpec, node: Node) -> tuple[list[str], str]:
    """Returns the label lines and a hover tooltip of one node."""
    kind = _(TYPE_LABEL[node.type])  # Keras layer names (Dense, Add) stay as Keras spells them
    params = spec.param_count(node.name)
    shape = output_shape(spec, node.name)
    if node.type == "input":
        count = len(node.columns)
        columns = ngettext("{count} column", "{count} columns", count).format(
            count=i18n.integer(count))
        lines = [node.name, f"{kind} · {columns}", shape]
        shown = ", ".join(node.columns[:20]) + (" …" if count > 20 else "")
        return lines, _("Feature columns: {columns}").format(columns=shown)
    if node.type in ("add", "concatenate"):
        tip = (_("Adds its inputs element-wise (widths must match).") if node.type == "add"
               else _("Joins its inputs side by side (widths add up)."))
        return [node.name, kind, shape], tip
    head = f"{kind} · {node.units} · {label_of(node.activation)}"
    lines = [node.name, head]
    if node.type == "dense":
        extras = []
        if node.batch_norm:
            extras.append(_("batch norm"))
        if node.dropout > 0:
            extras.append(f"dropout {i18n.LocalNumber(node.dropout):g}")
        if extras:
            lines.append(" · ".join(extras))
        branches = spec.shape_of(node.name).branches
        if branches > 1:
            lines.append(_("shared ×{branches} (same weights)").format(branches=branches))
    else:
        weight = ("" if node.loss_weight == 1 else " · " + _("weight {weight}").format(
            weight=format(i18n.LocalNumber(node.loss_weight), "g")))
        lines.append(f"{_(TASK_LABELS[node.task])} → {node.target}")
        lines.append(f"{_(LOSS_LABELS[node.loss])}{weight}")
    lines.append(f"{shape} · " + ngettext("{count} param", "{count} params", params).format(
        count=i18n.integer(params)))
    return lines, ngettext("{count} parameter", "{count} parameters", params).format(
        count=i18n.integer(params))


def to_dot(spec: ModelSpec, highlight: str | None = None, *, rankdir: str = "TB") -> str:
    """Draws the model graph as Graphviz DOT.

    Args:
        spec: The model graph.
        highlight: Name of a node to draw in red (e.g. the one a validation
            error names). Ignored if the graph has no such node, since the
            erroneous row may not be part of the last valid graph.
        rankdir: `"TB"` (top to bottom) or `"LR"` (left to right).

    Returns:
        DOT text: one line per node and one `"a" -> "b"` line per edge,
        plus a caption with the total parameter count.

    Raises:
        ValueError: If `rankdir` is not `"TB"` or `"LR"`.
    """
    if rankdir not in RANKDIRS:
        raise ValueError(f"Graph view: rankdir must be one of {', '.join(RANKDIRS)}, "
                         f"received {rankdir!r}.")
    skips = skip_edges(spec)
    skip_tip = _("skip connection")
    total = spec.total_params()
    caption = _("Total parameters: {total}").format(total=i18n.integer(total))
    lines = [
        "digraph funcnet {",
        f"  graph [rankdir={rankdir}, fontname=\"Helvetica\", fontsize=11, labelloc=b, "
        f"label={quote(caption)}, nodesep=0.3, ranksep=0.35];",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
        "margin=\"0.15,0.06\"];",
        '  edge [fontname="Helvetica", fontsize=9, color="#555555", arrowsize=0.7];',
    ]
    for name in spec.order:
        node = spec.node(name)
        fill, border = TYPE_STYLE[node.type]
        label_lines, tooltip = _describe(spec, node)
        attrs = {"label": _label(label_lines), "tooltip": quote(tooltip),
                 "fillcolor": f'"{fill}"', "color": f'"{border}"'}
        if spec.shape_of(name).branches > 1:
            attrs["peripheries"] = "2"  # a double border: one layer, several applications
        if node.type in ("input", "output"):
            attrs["style"] = '"rounded,filled,bold"'
        if name == highlight:
            attrs.update(fillcolor=f'"{HIGHLIGHT_FILL}"', color=f'"{HIGHLIGHT_COLOR}"',
                         penwidth="3", fontcolor=f'"{HIGHLIGHT_COLOR}"')
        joined = ", ".join(f"{key}={value}" for key, value in attrs.items())
        lines.append(f"  {quote(name)} [{joined}];")
    for name in spec.order:
        node = spec.node(name)
        for source in node.inputs:
            attrs = []
            words = []
            if (source, name) in skips:
                attrs += ["style=dashed", f'color="{SKIP_COLOR}"', f'fontcolor="{SKIP_COLOR}"',
                          "penwidth=1.6", f"tooltip={quote(skip_tip)}"]
                words.append(_("skip"))
            branches = spec.shape_of(source).branches
            if branches > 1:
                words.append(f"×{branches}")
            if words:
                attrs.append(f"label={quote(' '.join(words))}")
            suffix = f" [{', '.join(attrs)}]" if attrs else ""
            lines.append(f"  {quote(source)} -> {quote(name)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"

"""Graph view: DOT text derived from the spec shows every node, edge, share and skip."""

from __future__ import annotations

import re

import pytest

from funcnet.model.graphview import HIGHLIGHT_COLOR, quote, skip_edges, to_dot
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import ModelSpec, Node

EDGE = re.compile(r'^  "((?:[^"\\]|\\.)*)" -> "((?:[^"\\]|\\.)*)"(?: \[(.*)\])?;$')
NODE = re.compile(r'^  "((?:[^"\\]|\\.)*)" \[(.*)\];$')


def _parse(dot: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Returns `{node: attributes}` and `{(source, target): attributes}` of a DOT text."""
    nodes, edges = {}, {}
    for line in dot.splitlines():
        if match := EDGE.match(line):
            edges[(match.group(1), match.group(2))] = match.group(3) or ""
        elif match := NODE.match(line):
            nodes[match.group(1)] = match.group(2)
    return nodes, edges


def _label(attributes: str) -> str:
    match = re.search(r'label="((?:[^"\\]|\\.)*)"', attributes)
    assert match, attributes
    return match.group(1)


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_node_and_edge_is_drawn(name):
    spec = PRESETS[name].job.model
    dot = to_dot(spec)
    assert dot.startswith("digraph funcnet {") and dot.rstrip().endswith("}")
    nodes, edges = _parse(dot)
    assert set(nodes) == {n.name for n in spec.nodes}
    assert set(edges) == {(s, n.name) for n in spec.nodes for s in n.inputs}
    assert f"Total parameters: {spec.total_params():,}" in dot
    for node in spec.nodes:
        label = _label(nodes[node.name])
        assert label.startswith(node.name + "\\n")
        assert f"(None, {spec.shape_of(node.name).width})" in label
        if node.type in ("dense", "output"):
            assert f"{spec.param_count(node.name):,} params" in label
            assert f" · {node.units} · " in label


def test_labels_show_type_units_activation_and_shape():
    nodes, _ = _parse(to_dot(PRESETS["seed"].job.model))
    assert _label(nodes["input"]) == "input\\nInput · 20 columns\\n(None, 20)"
    assert _label(nodes["dense_1"]) == "dense_1\\nDense · 64 · ReLU\\n(None, 64) · 1,344 params"
    assert "binary → target" in _label(nodes["output"])


def test_shared_layers_are_marked_with_a_double_border_and_branch_count():
    spec = PRESETS["siamese"].job.model
    nodes, edges = _parse(to_dot(spec))
    for shared in ("tower_1", "tower_2"):
        assert "peripheries=2" in nodes[shared]
        assert "shared ×2" in _label(nodes[shared])
        assert "2 × (None," in _label(nodes[shared])
    assert "peripheries" not in nodes["compare"]
    # One edge from each input into the shared layer, and the branch count on what it feeds.
    assert ("left", "tower_1") in edges and ("right", "tower_1") in edges
    assert 'label="×2"' in edges[("tower_1", "tower_2")]
    assert 'label="×2"' in edges[("tower_2", "joined")]


def test_residual_skip_edges_are_dashed_and_labelled():
    spec = PRESETS["residual"].job.model
    assert skip_edges(spec) == {("stem", "skip1"), ("skip1", "skip2")}
    _, edges = _parse(to_dot(spec))
    for edge in (("stem", "skip1"), ("skip1", "skip2")):
        assert "style=dashed" in edges[edge] and 'label="skip"' in edges[edge]
    for plain in (("block1_b", "skip1"), ("block2_b", "skip2"), ("stem", "block1_a")):
        assert "dashed" not in edges[plain]


def test_merges_without_a_bypass_have_no_skip_edges():
    for name in ("seed", "deep", "wide-deep", "siamese", "multi-output"):
        assert skip_edges(PRESETS[name].job.model) == set(), name


def test_highlighted_node_is_red_and_unknown_highlight_is_ignored():
    spec = PRESETS["residual"].job.model
    nodes, _ = _parse(to_dot(spec, highlight="block1_a"))
    assert f'color="{HIGHLIGHT_COLOR}"' in nodes["block1_a"] and "penwidth=3" in nodes["block1_a"]
    assert HIGHLIGHT_COLOR not in nodes["block1_b"]
    assert HIGHLIGHT_COLOR not in to_dot(spec, highlight="not_there")
    assert to_dot(spec, highlight="not_there") == to_dot(spec)


def test_direction_is_selectable_and_validated():
    spec = PRESETS["seed"].job.model
    assert "rankdir=LR" in to_dot(spec, rankdir="LR")
    assert "rankdir=TB" in to_dot(spec)
    with pytest.raises(ValueError, match="rankdir must be one of TB, LR, received 'XX'"):
        to_dot(spec, rankdir="XX")


def test_text_from_users_is_escaped():
    assert quote('a "b" \\N c\nd') == '"a \\"b\\" \\\\N c d"'
    spec = stack(['col "quoted"', "back\\slash", "new\nline"], [HiddenLayer(3)],
                 head("out", "input", "binary", target='t"x'))
    dot = to_dot(spec)
    nodes, edges = _parse(dot)
    assert set(nodes) == {"input", "dense_1", "out"}
    assert len(edges) == 2
    assert 'binary → t\\"x' in _label(nodes["out"])
    # Every quote inside a string is escaped: the unescaped quotes pair up on each line.
    for line in dot.splitlines():
        assert len(re.findall(r'(?<!\\)"', line.replace("\\\\", ""))) % 2 == 0, line


def test_batch_norm_dropout_and_loss_weight_are_shown():
    spec = ModelSpec((
        Node("input", "input", columns=columns("x", 4)),
        Node("hidden", "dense", inputs=("input",), units=8, activation="elu", dropout=0.25,
             batch_norm=True),
        Node("out", "output", inputs=("hidden",), units=1, activation="linear",
             task="regression", target="y", loss="huber", loss_weight=0.5),
    ))
    nodes, _ = _parse(to_dot(spec))
    assert "batch norm · dropout 0.25" in _label(nodes["hidden"])
    assert f"{spec.param_count('hidden'):,} params" in _label(nodes["hidden"])
    assert "Huber · weight 0.5" in _label(nodes["out"])  # the page's name for the loss
    assert "regression → y" in _label(nodes["out"])

"""Model spec, training settings and data choice: validation and JSON round-trip."""

import json

import pytest

from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig


def _mlp(units=(64, 64)):
    return stack(columns("x", 20), [HiddenLayer(u) for u in units],
                 head("output", "input", "binary"))


def _with(nodes_changes):
    nodes = [n.to_dict() for n in _mlp().nodes]
    for i, changes in nodes_changes.items():
        nodes[i].update(changes)
    return {"nodes": nodes}


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_round_trips_through_json(name):
    job = PRESETS[name].job
    text = json.dumps(job.to_dict())
    assert Job.from_dict(json.loads(text)) == job


def test_seed_preset_is_the_notebook_network():
    model = PRESETS["seed"].job.model
    assert [n.type for n in model.nodes] == ["input", "dense", "dense", "output"]
    assert len(model.inputs[0].columns) == 20
    assert [(n.units, n.activation) for n in model.nodes[1:]] == [
        (64, "relu"), (64, "relu"), (1, "sigmoid")]
    assert model.outputs[0].loss == "binary_crossentropy"
    assert model.param_counts() == {"input": 0, "dense_1": 1344, "dense_2": 4160, "output": 65}
    assert model.total_params() == 5569
    train = PRESETS["seed"].job.train
    assert (train.optimizer, train.epochs, train.batch_size) == ("adam", 10, 32)


def test_batch_norm_adds_four_parameters_per_unit():
    spec = stack(columns("x", 4), [HiddenLayer(8, batch_norm=True)], head("out", "input", "binary"))
    assert spec.param_count("dense_1") == 4 * 8 + 8 + 4 * 8


def test_shared_layer_counts_once_and_yields_one_branch_per_input():
    spec = PRESETS["siamese"].job.model
    assert spec.shape_of("tower_1").branches == 2
    assert spec.shape_of("tower_2").branches == 2
    assert spec.shape_of("joined").width == 32
    assert spec.param_count("tower_1") == 10 * 32 + 32


@pytest.mark.parametrize(
    ("changes", "fragment"),
    [
        ({1: {"type": "conv2d"}}, "field 'type' must be one of"),
        ({1: {"activation": "rellu"}}, "Could not interpret activation function identifier"),
        ({1: {"units": 0}}, "'units' must be an integer in 1..1024, received 0"),
        ({1: {"units": 1025}}, "received 1025"),
        ({1: {"dropout": 1.0}}, "'dropout' must be a number in [0, 1), received 1.0"),
        ({1: {"dropout": -0.1}}, "received -0.1"),
        ({2: {"inputs": ["nowhere"]}}, "names 'nowhere', which is not a node"),
        ({2: {"name": "dense_1"}}, "'name' is used by two nodes"),
        ({1: {"inputs": ["dense_2"]}}, "closes a cycle"),
        ({3: {"loss": "mean_squared_error"}}, "for a binary head must be one of"),
        ({1: {"name": "1bad"}}, "Python-style identifier"),
        ({1: {"color": "red"}}, "unknown key 'color'"),
    ],
)
def test_validation_names_the_node_field_and_value(changes, fragment):
    with pytest.raises(ValueError) as error:
        ModelSpec.from_dict(_with(changes))
    assert fragment in str(error.value)


def test_add_over_different_widths_is_refused():
    nodes = list(_mlp((64, 32)).nodes)
    nodes.insert(3, Node("skip", "add", inputs=("dense_1", "dense_2")))
    nodes[-1] = Node(**{**nodes[-1].to_dict(), "inputs": ("skip",)})
    with pytest.raises(ValueError, match=r"Node 'skip'.*different widths.*dense_1=64, dense_2=32"):
        ModelSpec(tuple(nodes))


def test_no_input_no_output_and_too_many_nodes_are_refused():
    with pytest.raises(ValueError, match="at least one input"):
        ModelSpec((Node("d", "dense", inputs=("d",), units=1),))
    with pytest.raises(ValueError, match="at least one output"):
        ModelSpec((Node("i", "input", columns=("x0",)),))
    many = {"nodes": [{"name": f"n{i}", "type": "input", "columns": ["x0"]} for i in range(65)]}
    with pytest.raises(ValueError, match="at most 64 nodes"):
        ModelSpec.from_dict(many)


def test_unused_nodes_and_heads_feeding_nodes_are_refused():
    nodes = [*_mlp().nodes, Node("spare", "dense", inputs=("input",), units=3)]
    with pytest.raises(ValueError, match="Node 'spare': its output is not used"):
        ModelSpec(tuple(nodes))
    nodes = [*_mlp().nodes, Node("after", "dense", inputs=("output",), units=3)]
    with pytest.raises(ValueError, match="heads cannot feed other nodes"):
        ModelSpec(tuple(nodes))


def test_shared_branches_must_be_merged_before_a_head():
    spec = PRESETS["siamese"].job.model
    nodes = [n for n in spec.nodes if n.name not in ("joined", "compare", "same")]
    nodes.append(head("same", "tower_2", "binary", target="same"))
    with pytest.raises(ValueError, match="merge them first"):
        ModelSpec(tuple(nodes))


def test_replace_node_returns_a_new_validated_spec():
    spec = _mlp()
    changed = spec.replace_node("dense_1", units=32)
    assert changed.node("dense_1").units == 32 and spec.node("dense_1").units == 64
    assert changed.total_params() == 20 * 32 + 32 + 32 * 64 + 64 + 65
    with pytest.raises(ValueError, match="received 0"):
        spec.replace_node("dense_1", units=0)


@pytest.mark.parametrize(
    ("field", "value", "fragment"),
    [
        ("optimizer", "adamw", "'optimizer' must be one of adam, sgd, rmsprop"),
        ("learning_rate", -0.1, "'learning_rate' must be a number in (0, 10]"),
        ("learning_rate", float("nan"), "learning_rate"),
        ("epochs", 0, "'epochs' must be an integer in 1..500, received 0"),
        ("epochs", 10**9, "received 1000000000"),
        ("batch_size", 0, "batch_size"),
        ("validation_split", 0.95, "validation_split"),
        ("seed", -1, "seed"),
    ],
)
def test_train_config_validation(field, value, fragment):
    with pytest.raises(ValueError) as error:
        TrainConfig(**{field: value})
    assert fragment in str(error.value)


def test_train_config_and_data_spec_round_trip():
    config = TrainConfig("sgd", 0.05, 7, 16, 0.1, 3)
    assert TrainConfig.from_dict(json.loads(json.dumps(config.to_dict()))) == config
    data = DataSpec("moons", {"n_samples": 300, "noise": 0.3}, test_fraction=0.25, seed=5)
    assert DataSpec.from_dict(json.loads(json.dumps(data.to_dict()))) == data
    assert data.param("noise") == 0.3


def test_data_spec_fills_defaults_and_validates():
    data = DataSpec("seed-random")
    assert data.param("n_samples") == 1200 and data.param("n_features") == 20
    assert data.test_fraction == pytest.approx(200 / 1200)
    with pytest.raises(ValueError, match="field 'name' must be one of"):
        DataSpec("mnist")
    with pytest.raises(ValueError, match="unknown parameter"):
        DataSpec("moons", {"radius": 2})
    with pytest.raises(ValueError, match="'noise' must be in 0..3"):
        DataSpec("moons", {"noise": 9})
    with pytest.raises(ValueError, match="64-hex-digit hash"):
        DataSpec("csv", {"sha256": "../../etc/passwd", "target": "y"})


def test_setup_rejects_unknown_parts():
    data = PRESETS["seed"].job.to_dict()
    with pytest.raises(ValueError, match="unknown key"):
        Job.from_dict({**data, "exec": "import os"})
    with pytest.raises(ValueError, match="'train' part is missing"):
        Job.from_dict({"model": data["model"], "data": data["data"]})


def test_names_of_sub_layers_are_reserved():
    spec = stack(columns("x", 4), [HiddenLayer(8, batch_norm=True, dropout=0.2)],
                 head("out", "input", "binary"))
    for taken in ("dense_1_bn", "dense_1_act", "dense_1_dropout"):
        nodes = [*spec.nodes[:-1], Node(taken, "dense", inputs=("dense_1",), units=2),
                 Node(**{**spec.nodes[-1].to_dict(), "inputs": (taken,)})]
        with pytest.raises(ValueError, match=f"Node '{taken}': field 'name' is taken"):
            ModelSpec(tuple(nodes))


def test_names_must_be_ascii():
    with pytest.raises(ValueError, match="identifier"):
        Node("camada_ação", "input", columns=("x0",))


def test_early_stopping_patience_is_validated_and_round_trips():
    from funcnet.model import limits

    assert TrainConfig().early_stopping_patience == 0
    assert "early_stopping_patience" not in TrainConfig().to_dict()  # old dicts stay as they were
    on = TrainConfig(early_stopping_patience=7)
    assert on.to_dict()["early_stopping_patience"] == 7
    assert TrainConfig.from_dict(on.to_dict()) == on
    old = {k: v for k, v in on.to_dict().items() if k != "early_stopping_patience"}
    assert TrainConfig.from_dict(old) == TrainConfig()  # a setup saved before the field loads
    high = limits.EARLY_STOPPING_PATIENCE.widget_max
    with pytest.raises(ValueError, match=rf"'early_stopping_patience' must be an integer in 0\.\."
                                         rf"{high}, received -1"):
        TrainConfig(early_stopping_patience=-1)
    with pytest.raises(ValueError, match="early_stopping_patience"):
        TrainConfig(early_stopping_patience=2.5)
    assert limits.CONSTRAINTS["train.early_stopping_patience"] is limits.EARLY_STOPPING_PATIENCE

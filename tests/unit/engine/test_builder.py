"""The builder turns every spec into the functional-API model it describes."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from funcnet.engine.builder import build_graph, build_model, compile_model
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.seeds import node_seed
from funcnet.model.spec import ModelSpec, Node, TrainConfig


@pytest.mark.parametrize("name", list(PRESETS))
def test_param_count_matches_spec_for_every_preset(name: str) -> None:
    spec = PRESETS[name].job.model
    model = build_model(spec, seed=1)
    assert model.count_params() == spec.total_params()
    for node_name, count in spec.param_counts().items():
        node = spec.node(node_name)
        if node.type in ("dense", "output") and not node.batch_norm:
            assert model.get_layer(node_name).count_params() == count


def test_seed_preset_is_the_notebook_network() -> None:
    model = build_model(PRESETS["seed"].job.model, seed=42)
    layers = model.layers
    assert [type(layer).__name__ for layer in layers] == ["InputLayer", "Dense", "Dense", "Dense"]
    assert tuple(model.inputs[0].shape) == (None, 20)
    assert [(layer.units, layer.activation.__name__) for layer in layers[1:]] == [
        (64, "relu"), (64, "relu"), (1, "sigmoid")]
    assert model.count_params() == 5569


def test_shared_layer_is_one_object_applied_to_both_inputs() -> None:
    spec = PRESETS["siamese"].job.model
    built = build_graph(spec, seed=3)
    model = built.model
    names = [layer.name for layer in model.layers]
    assert names.count("tower_1") == 1 and names.count("tower_2") == 1
    assert len(built.hidden["tower_1"]) == 2
    # Same weights on both branches: identical inputs give identical halves.
    joined = keras.Model(model.inputs, model.get_layer("joined").output)
    x = np.random.default_rng(0).normal(size=(5, 10)).astype("float32")
    out = keras.ops.convert_to_numpy(joined({"left": x, "right": x}))
    assert out.shape == (5, 32)
    np.testing.assert_allclose(out[:, :16], out[:, 16:])


def test_inputs_and_outputs_follow_spec_order() -> None:
    wide_deep = build_model(PRESETS["wide-deep"].job.model, seed=0)
    assert [t.name for t in wide_deep.inputs] == ["wide", "deep"]
    assert wide_deep.get_layer("joined").output.shape[-1] == 10 + 32
    multi = build_model(PRESETS["multi-output"].job.model, seed=0)
    assert multi.output_names == ["label", "value"]
    residual = build_model(PRESETS["residual"].job.model, seed=0)
    assert type(residual.get_layer("skip1")).__name__ == "Add"


def test_batch_norm_and_dropout_get_suffixed_layers() -> None:
    spec = stack(columns("x", 4), [HiddenLayer(8, "tanh", dropout=0.25, batch_norm=True)],
                 head("output", "input", "binary"))
    model = build_model(spec, seed=0)
    names = [layer.name for layer in model.layers]
    assert names == ["input", "dense_1", "dense_1_bn", "dense_1_act", "dense_1_dropout",
                     "output"]
    assert model.get_layer("dense_1").activation.__name__ == "linear"
    assert model.get_layer("dense_1_act").activation.__name__ == "tanh"
    assert model.get_layer("dense_1_dropout").rate == 0.25
    assert model.count_params() == spec.total_params()


def _weights(spec: ModelSpec, seed: int) -> list[np.ndarray]:
    return build_model(spec, seed).get_weights()


def test_same_seed_gives_same_initial_weights_whatever_the_activation() -> None:
    relu = PRESETS["seed"].job.model
    tanh = relu.replace_node("dense_1", activation="tanh").replace_node("dense_2",
                                                                          activation="elu")
    for a, b in zip(_weights(relu, 5), _weights(tanh, 5), strict=True):
        np.testing.assert_array_equal(a, b)
    assert not np.array_equal(_weights(relu, 5)[0], _weights(relu, 6)[0])
    assert node_seed(5, 0) != node_seed(5, 1) != node_seed(6, 0)


def test_biases_start_at_zero() -> None:
    model = build_model(PRESETS["seed"].job.model, seed=1)
    assert not np.any(model.get_layer("dense_1").bias.numpy())


def test_compile_uses_named_optimizer_and_per_head_metrics() -> None:
    spec = PRESETS["multi-output"].job.model
    model = compile_model(build_model(spec, 0), spec,
                          TrainConfig(optimizer="sgd", learning_rate=0.05))
    assert type(model.optimizer).__name__ == "SGD"
    assert float(model.optimizer.learning_rate.numpy()) == pytest.approx(0.05)
    rng = np.random.default_rng(0)
    x = rng.normal(size=(32, 20)).astype("float32")
    y = {"label": rng.integers(0, 2, 32).astype("float32"),
         "value": rng.normal(size=32).astype("float32")}
    history = model.fit(x, y, epochs=1, batch_size=16, verbose=0).history
    assert {"loss", "label_loss", "label_accuracy", "value_loss", "value_mae"} <= set(history)
    # The total loss weighs the regression head by its loss_weight of 0.5.
    logs = model.evaluate(x, y, return_dict=True, verbose=0)
    assert logs["loss"] == pytest.approx(logs["label_loss"] + 0.5 * logs["value_loss"],
                                         rel=1e-4)


def test_single_head_history_keys_are_plain() -> None:
    spec = ModelSpec((
        Node("input", "input", columns=("a", "b")),
        head("output", "input", "multiclass", units=3),
    ))
    model = compile_model(build_model(spec, 0), spec, TrainConfig(optimizer="rmsprop"))
    x = np.zeros((8, 2), dtype="float32")
    history = model.fit(x, np.arange(8) % 3, epochs=1, verbose=0).history
    assert set(history) == {"loss", "accuracy"}

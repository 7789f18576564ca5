"""Fitting a network's input and heads to another data set."""

from dataclasses import dataclass

import pytest

from funcnet.model.adapt import adapt_model
from funcnet.model.presets import PRESETS


@dataclass(frozen=True)
class Target:
    name: str
    task: str
    classes: tuple[str, ...] = ()


def test_a_stack_follows_a_multiclass_data_set():
    model = PRESETS["seed"].job.model
    adapted = adapt_model(model, ("a", "b", "c", "d"),
                          {"species": Target("species", "multiclass", ("x", "y", "z"))})
    assert adapted.inputs[0].columns == ("a", "b", "c", "d")
    out = adapted.outputs[0]
    assert (out.task, out.target, out.units, out.activation, out.loss) == (
        "multiclass", "species", 3, "softmax", "sparse_categorical_crossentropy")
    assert adapted.param_count("dense_1") == 4 * 64 + 64


def test_a_stack_keeps_a_suitable_head_choice():
    model = PRESETS["seed"].job.model.replace_node("output", activation="linear")
    adapted = adapt_model(model, ("x0", "x1"), {"target": Target("target", "binary", ("0", "1"))})
    assert adapted.outputs[0].activation == "linear"  # same task: the user's choice stays


def test_multi_head_models_update_heads_by_target_name():
    model = PRESETS["multi-output"].job.model
    adapted = adapt_model(model, tuple(f"x{i}" for i in range(20)), {
        "label": Target("label", "multiclass", ("a", "b", "c")),
        "value": Target("value", "regression")})
    assert adapted.node("label").units == 3 and adapted.node("value").task == "regression"


def test_shared_inputs_of_unequal_width_are_reported():
    model = PRESETS["siamese"].job.model
    adapted = adapt_model(model, ("p", "q"), {"same": Target("same", "binary", ("0", "1"))})
    assert adapted.inputs[0].columns == ("a0", "a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8",
                                         "a9")  # two inputs: wiring kept, columns untouched
    with pytest.raises(ValueError):
        adapt_model(model.replace_node("left", columns=("a0",)), ("p",),
                    {"same": Target("same", "binary", ("0", "1"))})

"""The look inside a trained network equals what Keras computes for the same rows."""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd
import pytest

from funcnet.data.datasets import load_dataset
from funcnet.engine import inside
from funcnet.engine.arrays import model_inputs
from funcnet.engine.builder import build_graph
from funcnet.engine.training import run_job
from funcnet.model.presets import head
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.results import RunOptions

MOONS = DataSpec("moons", params={"n_samples": 300})

# Two one-column inputs through one shared layer (two branches), joined, then a
# residual block: skip = joined + tanh(dense(joined)).
SPEC = ModelSpec((
    Node("a", "input", columns=("x0",)),
    Node("b", "input", columns=("x1",)),
    Node("tower", "dense", inputs=("a", "b"), units=3, activation="relu"),
    Node("joined", "concatenate", inputs=("tower",)),
    Node("block", "dense", inputs=("joined",), units=6, activation="tanh"),
    Node("skip", "add", inputs=("joined", "block")),
    head("output", "skip", "binary"),
))


@pytest.fixture(scope="module")
def trained():
    dataset = load_dataset(MOONS)
    built = build_graph(SPEC, seed=3)
    # Weights away from their initial values, so a wrong tensor cannot match by luck.
    rng = np.random.default_rng(0)
    built.model.set_weights([w + rng.normal(scale=0.3, size=w.shape).astype("float32")
                             for w in built.model.get_weights()])
    x_test = model_inputs(SPEC, dataset.x_test)
    n_test = len(dataset.x_test)
    return dataset, built, x_test, n_test, inside.network_view(built, SPEC, dataset, x_test,
                                                               n_test)


def _layer(view, node: str, branch: int = 0):
    return next(la for la in view.layers if la.node == node and la.branch == branch)


def test_shipped_rows_equal_keras_intermediate_outputs(trained) -> None:
    dataset, built, x_test, n_test, view = trained
    model = built.model
    rows = min(inside.ROWS, n_test)
    first = {key: value[:rows] for key, value in x_test.items()}
    probe = keras.Model(model.inputs, [model.get_layer(n).output
                                       for n in ("joined", "block", "skip", "output")])
    expected = probe.predict(first, verbose=0)
    for name, values in zip(("joined", "block", "skip", "output"), expected, strict=True):
        np.testing.assert_allclose(_layer(view, name).rows, values, rtol=1e-5, atol=1e-6)
    # The shared layer: one entry per branch, each its own call of the same weights.
    kernel, bias = model.get_layer("tower").get_weights()
    for branch, source in enumerate(("a", "b")):
        entry = _layer(view, "tower", branch)
        assert entry.branches == 2 and entry.units == 3
        np.testing.assert_allclose(entry.rows, np.maximum(first[source] @ kernel + bias, 0),
                                   rtol=1e-5, atol=1e-6)
    np.testing.assert_array_equal(_layer(view, "a").rows, first["a"])
    assert view.rows == rows == 60  # 20% of 300 test rows, all under the bound
    assert [(la.node, la.branch) for la in view.layers] == [
        ("a", 0), ("b", 0), ("tower", 0), ("tower", 1), ("joined", 0), ("block", 0),
        ("skip", 0), ("output", 0)]


def test_plane_of_a_unit_equals_the_model_on_the_grid_points(trained) -> None:
    dataset, built, _, _, view = trained
    model = built.model
    assert view.grid_x.shape == view.grid_y.shape == (inside.PLANE_GRID,)
    block = _layer(view, "block")
    assert block.plane.shape == (6, inside.PLANE_GRID, inside.PLANE_GRID)
    assert _layer(view, "a").plane is None
    # Unit 4 of "block" at plane point (row i, column j) is the point (grid_x[j], grid_y[i]).
    i, j = 5, 17
    point = {"a": np.array([[view.grid_x[j]]], "float32"),
             "b": np.array([[view.grid_y[i]]], "float32")}
    probe = keras.Model(model.inputs, model.get_layer("block").output)
    assert block.plane[4, i, j] == pytest.approx(float(probe(point)[0, 4]), abs=1e-5)
    xx, yy = np.meshgrid(view.grid_x, view.grid_y)
    grid = {"a": xx.reshape(-1, 1), "b": yy.reshape(-1, 1)}
    whole = keras.ops.convert_to_numpy(probe(grid))[:, 4].reshape(xx.shape)
    np.testing.assert_allclose(block.plane[4], whole, rtol=1e-5, atol=1e-6)


def test_weights_are_the_layers_kernels_with_named_inputs(trained) -> None:
    _, built, _, _, view = trained
    assert [w.node for w in view.weights] == ["tower", "block", "output"]
    block = view.weights[1]
    kernel, bias = built.model.get_layer("block").get_weights()
    np.testing.assert_array_equal(block.kernel, kernel)
    np.testing.assert_array_equal(block.bias, bias)
    assert block.input_labels == ("tower 1", "tower 2", "tower 3") * 2
    assert view.weights[0].input_labels == ("x0",)
    assert view.weights[2].input_labels == tuple(f"skip {k}" for k in range(1, 7))


def test_wide_layers_are_cut_to_the_bounds() -> None:
    columns = tuple(f"x{i}" for i in range(100))
    spec = ModelSpec((
        Node("input", "input", columns=columns),
        Node("wide", "dense", inputs=("input",), units=300, activation="relu"),
        head("output", "wide", "binary"),
    ))
    frame = pd.DataFrame(np.random.default_rng(1).normal(size=(250, 100)), columns=columns)
    dataset = type("Data", (), {"features": columns})()  # not 2-D: no plane
    built = build_graph(spec, seed=0)
    view = inside.network_view(built, spec, dataset, model_inputs(spec, frame), 250)
    wide = _layer(view, "wide")
    assert wide.units == 300 and wide.rows.shape == (inside.ROWS, inside.ROW_UNITS)
    assert wide.plane is None and view.grid_x is None
    weights = view.weights[0]
    assert (weights.inputs, weights.units) == (100, 300)
    assert weights.kernel.shape == (inside.WEIGHT_INPUTS, inside.WEIGHT_UNITS)
    assert len(weights.input_labels) == inside.WEIGHT_INPUTS


def test_a_training_asked_to_look_inside_ships_the_view() -> None:
    spec = ModelSpec((
        Node("input", "input", columns=("x0", "x1")),
        Node("hidden", "dense", inputs=("input",), units=20, activation="tanh"),
        head("output", "hidden", "binary"),
    ))
    job = Job(spec, MOONS, TrainConfig(epochs=1))
    result = run_job(job, lambda event: None, lambda: False,
                     RunOptions(keep_model=False, inside=True))
    hidden = _layer(result.inside, "hidden")
    assert hidden.plane.shape == (inside.PLANE_UNITS, inside.PLANE_GRID, inside.PLANE_GRID)
    output = _layer(result.inside, "output")
    np.testing.assert_allclose(output.rows[:, 0], result.heads["output"].y_score[:60],
                               rtol=1e-5, atol=1e-6)
    plain = run_job(job, lambda event: None, lambda: False, RunOptions(keep_model=False))
    assert plain.inside is None

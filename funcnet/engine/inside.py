"""Inside a trained network: every unit on test rows and over the plane, and the weights.

TensorFlow Playground draws each neuron's output over the input plane; this
does the same for any functional graph (shared layers give one entry per
branch, residual `add` and `concatenate` nodes have units like any layer),
and "follows" test rows through every layer. It runs in the worker after
training and ships only numpy arrays (`funcnet.train.results.NetworkView`).

The view is bounded so that a wide network stays small in memory and on the
wire, whatever its size:

- `ROWS` test rows are followed, `ROW_UNITS` units per layer each;
- on the plane, `PLANE_UNITS` units per layer on a `PLANE_GRID` x `PLANE_GRID` grid;
- weights: the first `WEIGHT_INPUTS` x `WEIGHT_UNITS` of each kernel, and its bias;
- at most `MAX_LAYERS` node branches, in topological order (weights of their nodes).

At float32 a layer costs at most about 51 kB of rows, 50 kB of plane and
16 kB of weights, so a whole view stays under 4 MB. Measured (pickled, as it
travels): 0.18 MB for the notebook's network on two moons, 2.9 MB for 40
Dense(512) layers on two moons; computing it took 20 ms and 0.5 s.
"""

from __future__ import annotations

import keras
import numpy as np

from funcnet.data.datasets import Dataset
from funcnet.engine.arrays import ModelInput, call_model, first_rows
from funcnet.engine.boundary import BoundaryGrid
from funcnet.engine.builder import BuiltModel
from funcnet.model.spec import ModelSpec
from funcnet.train.results import LayerActivity, LayerWeights, NetworkView

ROWS = 200
"""Test rows whose activations are kept (the first ones, in test-set order)."""
ROW_UNITS = 64
"""Units per layer kept for those rows."""
PLANE_GRID = 28
"""Points per axis of the plane each unit is drawn over."""
PLANE_UNITS = 16
"""Units per layer drawn over the plane (the page says how many more there are)."""
WEIGHT_INPUTS = 64
"""Kernel rows (inputs) kept per layer."""
WEIGHT_UNITS = 64
"""Kernel columns (units) and biases kept per layer."""
MAX_LAYERS = 32
"""Node branches kept, in topological order (a graph may have 64 nodes)."""


def _entries(spec: ModelSpec, built: BuiltModel) -> list[tuple[str, int, int]]:
    """`(node, branch, branches)` for every node and branch, in topological order."""
    return [(name, branch, len(built.nodes[name]))
            for name in spec.order for branch in range(len(built.nodes[name]))]


def _probe(built: BuiltModel, tensors: list[object]) -> keras.Model:
    model_in = built.model.inputs
    return keras.Model(model_in[0] if len(model_in) == 1 else model_in, tensors)


def _input_values(x: ModelInput, name: str) -> np.ndarray:
    return np.asarray(x[name] if isinstance(x, dict) else x, dtype=np.float32)


def _activities(spec: ModelSpec, built: BuiltModel, entries: list[tuple[str, int, int]],
                x: ModelInput, n_rows: int, grid: BoundaryGrid | None) -> tuple[LayerActivity, ...]:
    computed = [(name, branch) for name, branch, _ in entries
                if spec.node(name).type != "input"]
    probe = _probe(built, [built.nodes[name][branch] for name, branch in computed])
    on_rows = dict(zip(computed, call_model(probe, x, n_rows), strict=True)) if computed else {}
    on_plane: dict[tuple[str, int], np.ndarray] = {}
    if grid is not None and computed:
        on_plane = dict(zip(computed, call_model(probe, grid.inputs, grid.size**2),
                            strict=True))
    layers = []
    for name, branch, branches in entries:
        node = spec.node(name)
        values = (_input_values(x, name) if node.type == "input"
                  else on_rows[(name, branch)])
        plane = None
        if (name, branch) in on_plane:
            plane = _plane(on_plane[(name, branch)], grid.size)
        layers.append(LayerActivity(
            node=name, kind=node.type, branch=branch, branches=branches,
            units=int(values.shape[1]), rows=np.ascontiguousarray(
                values[:, :ROW_UNITS].astype(np.float32)), plane=plane))
    return tuple(layers)


def _plane(values: np.ndarray, size: int) -> np.ndarray:
    """`(points, units)` outputs on the grid → `(shown units, size, size)` float32."""
    shown = values[:, :PLANE_UNITS].astype(np.float32)
    return np.ascontiguousarray(shown.T.reshape(-1, size, size))


class PlaneProbe:
    """Recomputes the planes of a `NetworkView` for the model's current weights.

    Epoch replay (`funcnet.engine.replay`) puts earlier weights back into the
    model and asks for the same thumbnails again: the same layers (those of
    `view` with a plane, in order) on the same grid.

    Args:
        built: The model and its tensors per node (as for `network_view`).
        spec: Its graph.
        dataset: The data set (the grid spans it).
        view: The view whose planes are recomputed.
    """

    def __init__(self, built: BuiltModel, spec: ModelSpec, dataset: Dataset,
                 view: NetworkView) -> None:
        self._layers = [(layer.node, layer.branch) for layer in view.layers
                        if layer.plane is not None]
        self._grid = None
        self._probe = None
        if self._layers and len(dataset.features) == 2:
            self._grid = BoundaryGrid(spec, dataset, PLANE_GRID)
            self._probe = _probe(built, [built.nodes[name][branch]
                                         for name, branch in self._layers])

    @property
    def empty(self) -> bool:
        """Whether there is no plane to recompute."""
        return self._probe is None

    def planes(self) -> tuple[np.ndarray, ...]:
        """Returns each layer's plane now, float16 (they are only drawn); `()` if `empty`."""
        if self._probe is None or self._grid is None:
            return ()
        size = self._grid.size
        outputs = call_model(self._probe, self._grid.inputs, size**2)
        top = float(np.finfo(np.float16).max)
        return tuple(np.clip(_plane(values, size), -top, top).astype(np.float16)
                     for values in outputs)


def input_labels(spec: ModelSpec, name: str) -> list[str]:
    """Names what each input of node `name` is, following its first incoming branch.

    Args:
        spec: The model graph.
        name: A node with inputs.

    Returns:
        One label per input: a feature name for an input node's column,
        `"<node> <k>"` for unit `k` (from 1) of a dense or add node; a
        `concatenate` node lists its sources' labels (each branch's) in order.
    """
    def labels_of(source: str) -> list[str]:
        node = spec.node(source)
        if node.type == "input":
            return list(node.columns)
        if node.type == "concatenate":  # every branch of every source, joined
            return [label for part in node.inputs
                    for _ in range(spec.shape_of(part).branches) for label in labels_of(part)]
        return [f"{source} {k + 1}" for k in range(spec.shape_of(source).width)]

    node = spec.node(name)
    if node.type == "concatenate":
        return labels_of(name)
    return labels_of(node.inputs[0])


def _weights(spec: ModelSpec, model: keras.Model, names: list[str]
             ) -> tuple[LayerWeights, ...]:
    weights = []
    for name in dict.fromkeys(names):
        if spec.node(name).type not in ("dense", "output"):
            continue
        layer = model.get_layer(name)
        kernel, bias = (np.asarray(w, dtype=np.float32) for w in layer.get_weights())
        weights.append(LayerWeights(
            node=name, inputs=int(kernel.shape[0]), units=int(kernel.shape[1]),
            kernel=np.ascontiguousarray(kernel[:WEIGHT_INPUTS, :WEIGHT_UNITS]),
            bias=np.ascontiguousarray(bias[:WEIGHT_UNITS]),
            input_labels=tuple(input_labels(spec, name)[:WEIGHT_INPUTS])))
    return tuple(weights)


def network_view(built: BuiltModel, spec: ModelSpec, dataset: Dataset, x_test: ModelInput,
                 n_test: int) -> NetworkView:
    """Looks inside the trained network of `spec` (bounded as the module says).

    Args:
        built: The trained model and its tensors per node (`build_graph`,
            no layer-name prefix).
        spec: Its graph.
        dataset: The data set; with exactly two features the units are
            also evaluated over the plane (the decision-boundary grid's
            span, `BoundaryGrid`, at `PLANE_GRID` points per axis).
        x_test: The test inputs (`model_inputs` of the test rows).
        n_test: Rows in `x_test` (at most `ROWS` are followed).

    Returns:
        The `NetworkView`.
    """
    entries = _entries(spec, built)
    kept = entries[:MAX_LAYERS]
    rows = min(ROWS, n_test)
    grid = (BoundaryGrid(spec, dataset, PLANE_GRID) if len(dataset.features) == 2 else None)
    layers = _activities(spec, built, kept, first_rows(x_test, rows), rows, grid)
    return NetworkView(
        layers=layers, layers_total=len(entries),
        weights=_weights(spec, built.model, [name for name, _, _ in kept]),
        features=tuple(dataset.features),
        grid_x=None if grid is None else grid.grid_x.copy(),
        grid_y=None if grid is None else grid.grid_y.copy(),
    )

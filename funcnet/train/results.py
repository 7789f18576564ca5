"""Plain values that cross the process boundary: run options and results.

The engine fills them in a worker process, the job runner carries them back,
and pages and the CLI read them. Nothing here imports Keras.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from funcnet.messages import Message, message

JOB_STATUSES = ("queued", "running", "completed", "stopped", "failed")


@dataclass(frozen=True)
class RunOptions:
    """Extras a caller may ask of a training run.

    Args:
        boundary_grid: For 2-D data sets, the side of a grid of points on
            which the model's prediction is sent with every epoch event
            (0 = never). The grid spans the standardised feature range.
        keep_model: Whether to save the trained model as `.keras` bytes.
        diagnostics: Whether to compute dead/saturated units and the
            first-layer gradient norm.
        sweep: For a `"sweep"` job (the job kind chooses the entry point;
            `funcnet.train.handles.JOB_KINDS`), the activations compared: one
            copy of the network per activation (every hidden dense layer
            switched to it), all as branches of one functional model fitted
            once. Empty for a `"train"` job.
        inside: Whether to look inside the trained network (`NetworkView`):
            every unit on the first test rows, each layer's weights and, for
            2-D data sets, every unit over the input plane.
        replay: Whether to keep the run's views at earlier epochs (`Replay`):
            the test scores, and for 2-D data sets the decision boundary
            (on the `boundary_grid`) and, with `inside`, every unit over the plane.
    """

    boundary_grid: int = 0
    keep_model: bool = True
    diagnostics: bool = True
    sweep: tuple[str, ...] = ()
    inside: bool = False
    replay: bool = False


@dataclass(frozen=True, eq=False)
class HeadResult:
    """Test-set predictions of one output head.

    Args:
        name: Head (node) name.
        task: `"binary"`, `"multiclass"` or `"regression"`.
        target: Target column the head predicts.
        classes: Class labels in code order; `()` for regression.
        y_true: True values: class codes, or floats for regression.
        y_score: Binary: P(class 1) per sample; multiclass: one column of
            probabilities per class; regression: the predictions.
    """

    name: str
    task: str
    target: str
    classes: tuple[str, ...]
    y_true: np.ndarray
    y_score: np.ndarray


@dataclass(frozen=True, eq=False)
class LayerActivity:
    """What one graph node's units compute (one branch of a shared node).

    Args:
        node: Node name (the user's).
        kind: Node type: `"input"`, `"dense"`, `"add"`, `"concatenate"` or `"output"`.
        branch: Which call of a shared node this is (0 when it has one).
        branches: How many times the node is called (2 for a siamese tower).
        units: The node's width, every unit counted.
        rows: `(test rows, shown units)` activations of the first test rows,
            for the first units only (`funcnet.engine.inside` bounds both).
        plane: `(plane units, size, size)` activations over the input plane
            (row `i`, column `j` at `(grid_x[j], grid_y[i])`) for the first
            units; `None` for an input node or a data set not 2-D.
    """

    node: str
    kind: str
    branch: int
    branches: int
    units: int
    rows: np.ndarray
    plane: np.ndarray | None = None


@dataclass(frozen=True, eq=False)
class LayerWeights:
    """The weights of one dense or output node (once, even when it is shared).

    Args:
        node: Node name.
        inputs: Inputs of the layer, every one counted.
        units: Units of the layer, every one counted.
        kernel: `(shown inputs, shown units)`: the first rows and columns of the kernel.
        bias: `(shown units,)`.
        input_labels: What each shown input is: a feature name, or
            `"<node> <k>"` for unit `k` (from 1) of an earlier node.
    """

    node: str
    inputs: int
    units: int
    kernel: np.ndarray
    bias: np.ndarray
    input_labels: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class NetworkView:
    """Inside a trained network: its units on test rows and over the plane, and its weights.

    Args:
        layers: One entry per node and branch in topological order (inputs
            first), at most `funcnet.engine.inside.MAX_LAYERS`.
        layers_total: Entries before that bound.
        weights: One entry per dense or output node, in topological order.
        features: The data set's features (the plane's two axes when 2-D).
        grid_x: For 2-D data sets, the plane's coordinates along the first
            feature (standardised); `None` otherwise.
        grid_y: The same along the second feature.
    """

    layers: tuple[LayerActivity, ...]
    layers_total: int
    weights: tuple[LayerWeights, ...]
    features: tuple[str, ...] = ()
    grid_x: np.ndarray | None = None
    grid_y: np.ndarray | None = None

    @property
    def rows(self) -> int:
        """Test rows whose activations were kept."""
        return int(self.layers[0].rows.shape[0]) if self.layers else 0


@dataclass(frozen=True, eq=False)
class ReplayFrame:
    """What Evaluate redraws for one earlier epoch of a run (`Replay`).

    Args:
        epoch: The epoch (from 1) whose end the model's weights were copied at.
        scores: Per head name, its test scores then, shaped and ordered like
            that head's `HeadResult.y_score` (float32).
        boundary: `(size, size)` the first head over the decision-boundary grid
            then (as `Epoch.boundary`, float16: it is only drawn), or `None`
            for a data set not 2-D.
        planes: For each layer of the run's `NetworkView` that has a plane, in
            order, its plane then (float16: it is only drawn); `()` without one.
    """

    epoch: int
    scores: dict[str, np.ndarray]
    boundary: np.ndarray | None = None
    planes: tuple[np.ndarray, ...] = ()

    @property
    def nbytes(self) -> int:
        """Bytes of its arrays."""
        arrays = [*self.scores.values(), *self.planes]
        if self.boundary is not None:
            arrays.append(self.boundary)
        return sum(int(a.nbytes) for a in arrays)


@dataclass(frozen=True, eq=False)
class Replay:
    """The run's views at earlier epochs, for Evaluate's epoch replay.

    The tested model itself is not a frame: its views are the result's own
    (`JobResult.heads`, `JobResult.inside`) and `boundary` here.
    `funcnet.engine.replay` says which epochs are kept and how it is bounded.

    Args:
        frames: Earlier epochs, ascending.
        boundary: The tested model's first head over the grid, or `None`.
        grid_x: The grid's coordinates along the first feature, or `None`.
        grid_y: The same along the second feature.
        copied: Epochs whose weights were copied while training (the frames
            are these, thinned evenly to stay within the replay's bounds).
        too_large: Whether the network was too large to copy its weights twice.
    """

    frames: tuple[ReplayFrame, ...] = ()
    boundary: np.ndarray | None = None
    grid_x: np.ndarray | None = None
    grid_y: np.ndarray | None = None
    copied: int = 0
    too_large: bool = False

    @property
    def nbytes(self) -> int:
        """Bytes of its arrays."""
        extra = 0 if self.boundary is None else int(self.boundary.nbytes)
        return sum(frame.nbytes for frame in self.frames) + extra


@dataclass(frozen=True, eq=False)
class JobResult:
    """Everything a finished (or stopped, or failed) training leaves behind.

    Args:
        status: `"completed"`, `"stopped"` or `"failed"`.
        message: Why it stopped or failed, in English; `""` when it simply completed.
        message_code: The code of `message` in `funcnet.messages.MESSAGES`, so the
            interface can show it in the user's language; `""` if it has none.
        message_fields: The values the message is built from (plain values).
        history: Keras history keys mapped to one value per finished epoch.
        epochs_run: Number of finished epochs.
        test_metrics: `model.evaluate(..., return_dict=True)` on the test set.
        heads: Test predictions per head, in head order.
        diagnostics: Dead and saturated unit shares, first-layer gradient norm.
        model_bytes: The trained model as a `.keras` file, if kept.
        elapsed: Seconds spent training.
        branches: For an activation sweep, one result per activation (its
            own history, test metrics, heads and diagnostics), in sweep order.
        inside: Inside the trained network, when `RunOptions.inside` asked
            (not kept with a stored run).
        replay: The run's views at earlier epochs, when `RunOptions.replay`
            asked (not kept with a stored run).
    """

    status: str
    message: str = ""
    message_code: str = ""
    message_fields: dict[str, object] = field(default_factory=dict)
    history: dict[str, list[float]] = field(default_factory=dict)
    epochs_run: int = 0
    test_metrics: dict[str, float] = field(default_factory=dict)
    heads: dict[str, HeadResult] = field(default_factory=dict)
    diagnostics: dict[str, float] = field(default_factory=dict)
    model_bytes: bytes | None = None
    elapsed: float = 0.0
    branches: dict[str, JobResult] = field(default_factory=dict)
    inside: NetworkView | None = None
    replay: Replay | None = None

    @property
    def ok(self) -> bool:
        """Whether the run produced a usable model (completed or stopped)."""
        return self.status in ("completed", "stopped") and bool(self.heads)


def stop_message(epochs_run: int, epochs: int) -> Message:
    """Says where a training stopped on request.

    Args:
        epochs_run: Epochs that finished before the stop.
        epochs: Epochs the run was asked to do.

    Returns:
        The `Message` ("Stopped at epoch k of n.").
    """
    if epochs_run == 0:
        return message("train.stopped_in_first_epoch", epochs=epochs)
    return message("train.stopped_at", epoch=epochs_run, epochs=epochs)

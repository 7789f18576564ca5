"""Epoch replay: a run's views at earlier epochs, from weights copied while it trained.

While a Build & Train run fits, `EpochSnapshots` copies the model's weights
at the end of the epochs `snapshot_epochs` picks: every epoch of a run
planned for at most `MAX_SNAPSHOTS` epochs, else `MAX_SNAPSHOTS` epochs
evenly spaced from the first to the last planned one. Copies stay in the
worker, at most `WEIGHT_BYTES` of them: a network too large for two copies
keeps none (the result says so).

After testing, `replay` puts each copy back into the model in turn and
computes what Evaluate redraws for it (`funcnet.train.results.ReplayFrame`):
every head's test scores (ROC, confusion matrix, the other curves and the
report follow from them), and for a 2-D data set the first head over the
decision-boundary grid and every unit over the plane (the look inside's
thumbnails). Then the trained weights go back, so the saved model is the
tested one. What travels is bounded too: at most `REPLAY_BYTES` of frames,
and `REPLAY_SECONDS` of work; past either, the frames are thinned evenly
(the first and the latest always kept).

Measured (`python -m benchmarks.run --only replay`, 2-core machine, Dense(64)
-> Dense(64) on 1,000 moons rows, medians of 3): 200 epochs copy 199 and keep
75 frames (4.0 MB), submit to result 6.58 s against 5.90 s without replay
(1.11x); 10 epochs keep 9 frames, 0.72 s against 0.82 s (noise).
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

import keras
import numpy as np

from funcnet.data.datasets import Dataset
from funcnet.engine.arrays import ModelInput, call_model, first_rows
from funcnet.engine.boundary import BoundaryGrid
from funcnet.engine.builder import BuiltModel
from funcnet.engine.callback import StopCheck, StreamCallback
from funcnet.engine.inside import PlaneProbe
from funcnet.model.spec import ModelSpec
from funcnet.train.results import NetworkView, Replay, ReplayFrame

MAX_SNAPSHOTS = 200
"""Epochs whose weights are copied at most (every epoch of a shorter run)."""
WEIGHT_BYTES = 64 * 2**20
"""Bytes of weight copies one run may keep in its worker."""
REPLAY_BYTES = 4 * 2**20
"""Bytes of frames one result may carry (a session keeps its latest one or two)."""
REPLAY_SECONDS = 2.0
"""Seconds of work after testing that the frames may take."""


def snapshot_epochs(planned: int, limit: int = MAX_SNAPSHOTS) -> tuple[int, ...]:
    """Picks the epochs (from 1) whose weights a run copies.

    Args:
        planned: Epochs the run was asked to do.
        limit: Copies at most.

    Returns:
        Every epoch when `planned <= limit`, otherwise `limit` epochs evenly
        spaced from 1 to `planned` (both included); `()` when `limit < 2`.
    """
    if limit < 2 or planned < 1:
        return ()
    if planned <= limit:
        return tuple(range(1, planned + 1))
    return tuple(int(e) for e in np.unique(np.rint(np.linspace(1, planned, limit))))


def evenly(count: int, keep: int) -> list[int]:
    """Picks `keep` of `count` indices evenly, the first and the last included.

    Args:
        count: Indices to choose from (`0 .. count - 1`).
        keep: How many to keep.

    Returns:
        Ascending indices; all of them when `keep >= count`.
    """
    if keep >= count:
        return list(range(count))
    if keep <= 1:
        return [count - 1] if keep == 1 else []
    return sorted({int(i) for i in np.rint(np.linspace(0, count - 1, keep))})


class EpochSnapshots(keras.callbacks.Callback):
    """Copies the model's weights at the end of the epochs `snapshot_epochs` picks.

    It sits after the run's `StreamCallback` and copies only epochs that
    callback recorded (an epoch cut short by Stop is not one).

    Args:
        stream: The run's `StreamCallback`.
        epochs: Epochs the run was asked to do.
        params: Parameters of the model (float32 weights: 4 bytes each).
    """

    def __init__(self, stream: StreamCallback, epochs: int, params: int) -> None:
        super().__init__()
        self._stream = stream
        limit = WEIGHT_BYTES // max(4 * params, 1)
        self.too_large = limit < 2
        self._chosen = set(snapshot_epochs(epochs, min(MAX_SNAPSHOTS, limit)))
        self.weights: dict[int, list[np.ndarray]] = {}

    def on_epoch_end(self, epoch: int, logs: Mapping[str, Any] | None = None) -> None:
        finished = epoch + 1
        if finished in self._chosen and self._stream.epochs_run == finished:
            self.weights[finished] = self.model.get_weights()


def _same(left: list[np.ndarray], right: list[np.ndarray]) -> bool:
    return all(np.array_equal(a, b) for a, b in zip(left, right, strict=True))


class _Framer:
    """Computes one frame for the model's current weights."""

    def __init__(self, built: BuiltModel, spec: ModelSpec, x_test: ModelInput, rows: int,
                 grid: BoundaryGrid | None, planes: PlaneProbe | None) -> None:
        self._model = built.model
        self._spec = spec
        self._x = first_rows(x_test, rows)
        self._rows = rows
        self._grid = grid
        self._planes = planes

    def frame(self, epoch: int) -> ReplayFrame:
        outputs = call_model(self._model, self._x, self._rows)
        scores = {head.name: np.ascontiguousarray(
                      (output if head.task == "multiclass" else output[:, 0]).astype(np.float32))
                  for head, output in zip(self._spec.outputs, outputs, strict=True)}
        return ReplayFrame(
            epoch=epoch, scores=scores,
            boundary=None if self._grid is None else self._grid.evaluate(self._model).astype(
                np.float16),  # only drawn
            planes=() if self._planes is None else self._planes.planes())


def replay(built: BuiltModel, spec: ModelSpec, dataset: Dataset, x_test: ModelInput,
           rows: int, snapshots: EpochSnapshots, grid: BoundaryGrid | None,
           view: NetworkView | None, should_stop: StopCheck) -> Replay:
    """Computes the frames of a trained run's copied epochs (bounded as the module says).

    Args:
        built: The trained model (its weights are put back before returning).
        spec: Its graph.
        dataset: The data set.
        x_test: The test inputs (`model_inputs` of every test row).
        rows: Test rows the result's heads hold (`tested_rows`).
        snapshots: The run's `EpochSnapshots`, after `fit`.
        grid: The run's decision-boundary grid (the one its epochs were drawn on), or `None`.
        view: The run's look inside (`network_view`), whose planes the frames
            follow, or `None`.
        should_stop: The run's Stop check: once it is `True`, no more frames.

    Returns:
        The `Replay`. A copy equal to the tested model's weights (usually
        the last epoch's) is not a frame: the result's own views are that epoch.
    """
    model = built.model
    tested = model.get_weights()
    epochs = [e for e, w in sorted(snapshots.weights.items()) if not _same(w, tested)]
    planes = PlaneProbe(built, spec, dataset, view) if view is not None else None
    framer = _Framer(built, spec, x_test, rows, grid,
                     None if planes is None or planes.empty else planes)
    frames: dict[int, ReplayFrame] = {}
    try:
        if epochs and not should_stop():
            started = time.perf_counter()
            latest = epochs[-1]
            model.set_weights(snapshots.weights[latest])
            frames[latest] = framer.frame(latest)
            seconds = max(time.perf_counter() - started, 1e-6)
            keep = min(len(epochs), REPLAY_BYTES // max(frames[latest].nbytes, 1),
                       int(REPLAY_SECONDS / seconds))
            for index in evenly(len(epochs), keep):
                epoch = epochs[index]
                if epoch in frames:
                    continue
                if should_stop():
                    break
                model.set_weights(snapshots.weights[epoch])
                frames[epoch] = framer.frame(epoch)
    finally:
        model.set_weights(tested)
    snapshots.weights.clear()
    return Replay(
        frames=tuple(frames[e] for e in sorted(frames)),
        boundary=None if grid is None else grid.evaluate(model),
        grid_x=None if grid is None else grid.grid_x.copy(),
        grid_y=None if grid is None else grid.grid_y.copy(),
        copied=len(epochs), too_large=snapshots.too_large,
    )

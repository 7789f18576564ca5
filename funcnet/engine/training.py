"""Runs one training job: data, model, `fit` with live events, evaluation.

`run_job` is what a worker process calls for every job (the command line
calls it in-process). It never raises for a bad job: whatever goes wrong
becomes `JobResult(status="failed", message=...)` with the history so far,
and the traceback goes to stderr for whoever runs the worker.

Events stream through `on_event` as typed values (`funcnet.train.events`):
`Started`, one `Epoch` per finished epoch, and a stopped run's `Done` as soon
as fitting ends. Stopping is a flag, as in Keras: the callback checks
`should_stop()` after every call into the training graph (and every
validation call) and sets `model.stop_training`; nothing after a stop runs
longer than it must (no validation pass, a bounded test sample).
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import pandas as pd
import tensorflow as tf

from funcnet.data.datasets import Dataset, check_model_fits, load_dataset
from funcnet.engine.builder import BuiltModel, build_graph, compile_model
from funcnet.messages import InputError, Message, message
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.spec import Job, ModelSpec, Node, TrainConfig
from funcnet.train.events import Done, Epoch, Event, Started
from funcnet.train.results import HeadResult, JobResult, RunOptions, stop_message

EventSink = Callable[[Event], None]
StopCheck = Callable[[], bool]

CALL_CHUNK = 4096
"""Rows per direct model call when predicting (bounds memory on big sets)."""
DIAGNOSTIC_ROWS = 2000
"""Test rows used to probe hidden units (bounds memory for wide networks)."""
SNAPSHOT_MAX_PARAMS = 5_000_000
"""Above this size, weights are not copied every epoch to survive a NaN loss."""
VALIDATION_BATCH = 1024
"""Validation rows per batch: the mean loss does not depend on it, speed does."""
SATURATION_MARGIN = 0.05
SATURATION_SHARE = 0.9
EXECUTION_SECONDS = 0.05
"""Estimated work per call into the training graph (bounds the Stop latency)."""
MAX_STEPS_PER_EXECUTION = 64
"""More batches per call gained nothing measurable here and delays Stop."""
MIN_STEPS_FOR_LOOPING = 2000
"""Below this many batches in the whole run, one batch per call: the in-graph loop
costs about 0.2 s more to trace than it saves (measured on the notebook's workload)."""
STOPPED_TEST_SECONDS = 0.25
"""Estimated work a stopped run may spend predicting its test rows (at `ASSUMED_FLOPS`)."""
STOPPED_MIN_TEST_ROWS = 500
"""A stopped run still tests at least this many rows (all of them if there are fewer)."""
ASSUMED_FLOPS = 2e9
"""A deliberately low single-thread throughput, so the estimate errs on the short side."""
BOUNDARY_PAD = 0.1
"""The decision-boundary grid extends past the data by this share of its range."""

ModelInput = np.ndarray | dict[str, np.ndarray]


# ------------------------------------------------------------------ arrays
def split_rows(n_rows: int, validation_split: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Splits training rows into fitting and validation rows, reproducibly.

    Unlike Keras' `validation_split` (the last rows), the validation rows are
    a seeded random sample, so their choice does not depend on row order.

    Args:
        n_rows: Number of training rows.
        validation_split: Share held out for validation, in [0, 1).
        seed: Seed of the draw.

    Returns:
        `(fit_rows, validation_rows)`: sorted row positions; the validation
        array is empty when the share rounds to no rows.

    Raises:
        ValueError: If no row would be left to fit on.
    """
    n_val = int(round(n_rows * validation_split))
    if n_rows - n_val < 1:
        raise InputError("train.no_fit_rows", where="where.training", rows=n_rows,
                         value=validation_split)
    order = np.random.default_rng(seed).permutation(n_rows)
    return np.sort(order[n_val:]), np.sort(order[:n_val])


def model_inputs(spec: ModelSpec, frame: pd.DataFrame) -> ModelInput:
    """Returns what the model takes for the rows of `frame`.

    Args:
        spec: The model graph.
        frame: Feature columns (standardised).

    Returns:
        A float32 array for a single input (Keras warns when a lone input
        gets a dict), else a dict of arrays keyed by input name.
    """
    arrays = {
        node.name: np.ascontiguousarray(frame[list(node.columns)].to_numpy(np.float32))
        for node in spec.inputs
    }
    return next(iter(arrays.values())) if len(arrays) == 1 else arrays


def _target_array(head: Node, column: pd.Series) -> np.ndarray:
    # Sparse categorical cross-entropy wants integer codes; the rest float32.
    dtype = np.int32 if head.task == "multiclass" else np.float32
    return column.to_numpy(dtype)


def model_targets(spec: ModelSpec, frame: pd.DataFrame) -> ModelInput:
    """Returns the targets of each head for the rows of `frame`.

    Args:
        spec: The model graph.
        frame: Target columns.

    Returns:
        One array for a single head, else a dict keyed by head name.
    """
    arrays = {head.name: _target_array(head, frame[head.target]) for head in spec.outputs}
    return next(iter(arrays.values())) if len(arrays) == 1 else arrays


def _rows(data: ModelInput, start: int, stop: int) -> ModelInput:
    if isinstance(data, dict):
        return {key: value[start:stop] for key, value in data.items()}
    return data[start:stop]


def _first(data: ModelInput, count: int) -> ModelInput:
    return _rows(data, 0, count)


def batches(x: ModelInput, y: ModelInput, batch_size: int, seed: int | None) -> tf.data.Dataset:
    """Returns an endless `tf.data.Dataset` of batches, one pass per epoch.

    Keras makes a fresh iterator over array inputs at every epoch (and for
    every validation run); over an endless dataset with `steps_per_epoch` it
    keeps one. Rows are shuffled as whole index permutations (one stateless
    shuffle per pass, seeded by `(seed, pass)`) and gathered a batch at a
    time, rather than row by row through a shuffle buffer. Measured here at
    100k rows: both together make an epoch 3-4x faster than plain arrays.

    Args:
        x: Model inputs (array or dict of arrays).
        y: Targets (array or dict of arrays).
        batch_size: Rows per batch; each pass ends with a partial batch.
        seed: Seed of the reshuffle before every pass, or `None` to keep the
            row order (validation).

    Returns:
        The dataset; `ceil(rows / batch_size)` batches make one pass.
    """
    rows = len(y if not isinstance(y, dict) else next(iter(y.values())))
    x_all = tf.nest.map_structure(tf.constant, x)
    y_all = tf.nest.map_structure(tf.constant, y)
    full = rows // batch_size * batch_size

    def one_pass(index: tf.Tensor) -> tf.data.Dataset:
        order = tf.range(rows)
        if seed is not None:
            order = tf.random.experimental.stateless_shuffle(
                order, seed=tf.stack([tf.constant(seed, tf.int64), index]))
        passes = tf.data.Dataset.from_tensor_slices(tf.reshape(order[:full], (-1, batch_size)))
        if full < rows:
            passes = passes.concatenate(tf.data.Dataset.from_tensors(order[full:]))
        return passes

    def gather(index: tf.Tensor) -> tuple[Any, Any]:
        return (tf.nest.map_structure(lambda t: tf.gather(t, index), x_all),
                tf.nest.map_structure(lambda t: tf.gather(t, index), y_all))

    return (tf.data.Dataset.range(2**62).flat_map(one_pass)
            .map(gather).prefetch(2))


def steps_per_execution(params: int, batch_size: int, steps_per_epoch: int,
                        epochs: int = 1) -> int:
    """Returns how many batches to run per call into the compiled training graph.

    Each call costs a fixed overhead (about as much as a whole batch of the
    notebook's network), so small networks run many batches per call. The
    callbacks' batch hook, which checks the stop flag, fires once per call,
    so a call is kept to about `EXECUTION_SECONDS` of estimated work.

    Args:
        params: Parameter count of the model.
        batch_size: Rows per batch.
        steps_per_epoch: Batches per epoch (a call never spans more).
        epochs: Planned epochs: short runs are not worth the longer tracing.

    Returns:
        An integer in `1..min(MAX_STEPS_PER_EXECUTION, steps_per_epoch)`.
    """
    if steps_per_epoch * epochs < MIN_STEPS_FOR_LOOPING:
        return 1
    # Forward and backward pass: about 6 floating-point operations per weight and row.
    seconds_per_step = 6.0 * params * batch_size / ASSUMED_FLOPS
    steps = int(EXECUTION_SECONDS / max(seconds_per_step, 1e-9))
    return max(1, min(steps, MAX_STEPS_PER_EXECUTION, steps_per_epoch))


def call_model(model: keras.Model, inputs: ModelInput, n_rows: int) -> list[np.ndarray]:
    """Calls `model` directly in chunks (no `predict` loop to trace) and joins the outputs.

    Args:
        model: A functional model.
        inputs: What `model_inputs` returns.
        n_rows: Number of rows in `inputs`.

    Returns:
        One numpy array per model output, in output order.
    """
    parts: list[list[np.ndarray]] = []
    for start in range(0, max(n_rows, 1), CALL_CHUNK):
        out = model(_rows(inputs, start, start + CALL_CHUNK), training=False)
        out = out if isinstance(out, list | tuple) else [out]
        parts.append([keras.ops.convert_to_numpy(o) for o in out])
    return [np.concatenate(chunks, axis=0) for chunks in zip(*parts, strict=True)]


# ------------------------------------------------------------- diagnostics
def _can_die(activation: str) -> bool:
    """Whether a unit with this activation can die: ReLU family with zero slope below 0."""
    entry = ACTIVATIONS[activation]
    return entry.family == "relu" and float(entry.derivative(np.array([-1.0]))[0]) == 0.0


def _range_bounds(activation: str) -> tuple[float, float]:
    """The asymptotes of a saturating activation, read off the registry's function."""
    entry = ACTIVATIONS[activation]
    low, high = entry(np.array([-1e3, 1e3]))
    return float(low), float(high)


def first_layer_grad_norm(
    model: keras.Model, spec: ModelSpec, x: ModelInput, y: ModelInput, prefix: str = ""
) -> float:
    """Returns the L2 norm of the loss gradient w.r.t. the first dense layer's kernel.

    Computed on one batch in inference mode (no dropout), so it consumes no
    randomness and does not change the training that follows.

    Args:
        model: A built model (before training: the initial weights).
        spec: Its graph.
        x: One batch of inputs.
        y: The batch's targets.
        prefix: Layer-name prefix the model was built with (`build_graph`).

    Returns:
        The norm, a float (NaN if there is no dense layer).
    """
    first = next((spec.node(n) for n in spec.order if spec.node(n).type in ("dense", "output")),
                 None)
    if first is None:
        return math.nan
    kernel = model.get_layer(prefix + first.name).kernel
    heads = spec.outputs
    targets = y if isinstance(y, dict) else {heads[0].name: y}
    with tf.GradientTape() as tape:
        predictions = model(x, training=False)
        if not isinstance(predictions, list | tuple):
            predictions = [predictions]
        total = tf.constant(0.0)
        for head, prediction in zip(heads, predictions, strict=True):
            truth = targets[head.name]
            if head.task != "multiclass":
                truth = truth.reshape(-1, 1)  # match the (n, 1) head output
            loss = keras.ops.mean(keras.losses.get(head.loss)(truth, prediction))
            weight = head.loss_weight if len(heads) > 1 else 1.0
            total = total + weight * loss
    gradient = tape.gradient(total, kernel.value)
    return float(tf.norm(gradient).numpy())


def unit_diagnostics(built: BuiltModel, spec: ModelSpec, x: ModelInput, n_rows: int
                     ) -> dict[str, float]:
    """Measures dead and saturated hidden units on the given rows.

    A unit that can die (ReLU: zero slope below 0; Leaky ReLU never dies) is
    dead when its output is <= 0 for every row. A tanh/sigmoid unit is
    saturated when its output lies within 0.05 of a bound of its range for
    at least 90% of the rows. A shared layer's branches are pooled.

    Args:
        built: The trained model and its hidden tensors.
        spec: Its graph.
        x: Inputs (typically the test set).
        n_rows: Rows in `x`.

    Returns:
        `dead_units` and `saturated_units` as shares in [0, 1] (NaN when the
        network has no unit of that kind), plus the counts behind them:
        `dead_units_count`, `relu_units`, `saturated_units_count`,
        `saturating_units`.
    """
    names = [name for name in built.hidden if
             _can_die(spec.node(name).activation)
             or ACTIVATIONS[spec.node(name).activation].family == "saturating"]
    dead = relu = saturated = saturating = 0
    if names:
        tensors = [t for name in names for t in built.hidden[name]]
        model_in = built.model.inputs
        probe = keras.Model(model_in[0] if len(model_in) == 1 else model_in, tensors)
        outputs = iter(call_model(probe, x, n_rows))
        for name in names:
            node = spec.node(name)
            values = np.concatenate([next(outputs) for _ in built.hidden[name]], axis=0)
            if _can_die(node.activation):
                relu += node.units
                dead += int(np.sum(np.all(values <= 0.0, axis=0)))
            else:
                low, high = _range_bounds(node.activation)
                near = (values - low < SATURATION_MARGIN) | (high - values < SATURATION_MARGIN)
                saturating += node.units
                saturated += int(np.sum(near.mean(axis=0) >= SATURATION_SHARE))
    return {
        "dead_units": dead / relu if relu else math.nan,
        "saturated_units": saturated / saturating if saturating else math.nan,
        "dead_units_count": float(dead),
        "relu_units": float(relu),
        "saturated_units_count": float(saturated),
        "saturating_units": float(saturating),
    }


# ---------------------------------------------------------------- boundary
class BoundaryGrid:
    """A grid over a 2-feature data set on which the first head is evaluated.

    Args:
        spec: The model graph.
        dataset: The loaded data set; must have exactly two features.
        size: Points per axis.

    Raises:
        ValueError: If the data set does not have two features.
    """

    def __init__(self, spec: ModelSpec, dataset: Dataset, size: int) -> None:
        if len(dataset.features) != 2:
            raise InputError("train.boundary_features", where="where.run_options",
                             count=len(dataset.features))
        both = pd.concat([dataset.x_train, dataset.x_test])[list(dataset.features)]
        low = both.min().to_numpy(float)
        high = both.max().to_numpy(float)
        pad = np.maximum((high - low) * BOUNDARY_PAD, 0.5)
        self.grid_x = np.linspace(low[0] - pad[0], high[0] + pad[0], size).astype(np.float32)
        self.grid_y = np.linspace(low[1] - pad[1], high[1] + pad[1], size).astype(np.float32)
        xx, yy = np.meshgrid(self.grid_x, self.grid_y)
        frame = pd.DataFrame({dataset.features[0]: xx.ravel(), dataset.features[1]: yy.ravel()})
        self._inputs = model_inputs(spec, frame)
        self._head = spec.outputs[0]
        self._size = size

    def evaluate(self, model: keras.Model) -> np.ndarray:
        """Returns the first head's output on the grid, shape `(size, size)`.

        Row `i`, column `j` is the point `(grid_x[j], grid_y[i])`. Binary:
        P(class 1); multiclass: the arg-max class; regression: the prediction.
        """
        output = call_model(model, self._inputs, self._size**2)[0]
        if self._head.task == "multiclass":
            values = np.argmax(output, axis=-1).astype(np.float32)
        else:
            values = output[:, 0].astype(np.float32)
        return values.reshape(self._size, self._size)


# ---------------------------------------------------------------- callback
class StreamCallback(keras.callbacks.Callback):
    """Streams one event per finished epoch and stops on request or on a NaN loss.

    Like `keras.callbacks.TerminateOnNaN`, a non-finite loss ends training;
    unlike it, the epoch it happened in is not recorded and the weights of
    the last finished epoch are kept (when the model is small enough to
    copy them each epoch), so the run can still be evaluated.

    Args:
        on_event: Receives each event dict.
        should_stop: Polled after every batch; `True` ends training.
        epochs: Planned number of epochs.
        boundary: Grid to evaluate after each epoch, or `None`.
        snapshot: Whether to copy the weights after each epoch.
    """

    def __init__(
        self,
        on_event: EventSink,
        should_stop: StopCheck,
        epochs: int,
        boundary: BoundaryGrid | None = None,
        snapshot: bool = True,
    ) -> None:
        super().__init__()
        self._on_event = on_event
        self._should_stop = should_stop
        self._epochs = epochs
        self._boundary = boundary
        self._snapshot = snapshot
        self._start = time.perf_counter()
        self.history: dict[str, list[float]] = {}
        self.epochs_run = 0
        self.stop_requested = False
        self.bad_loss: float | None = None
        self.bad_epoch = 0
        self.weights: list[np.ndarray] | None = None

    @property
    def elapsed(self) -> float:
        """Seconds since training began."""
        return time.perf_counter() - self._start

    def on_train_begin(self, logs: Mapping[str, Any] | None = None) -> None:
        self._start = time.perf_counter()

    @property
    def validation_freq(self) -> list[int]:
        """What to pass as `fit(validation_freq=...)`: validate every epoch, unless stopping.

        Keras runs the whole validation pass even for an epoch that `stop_training`
        cut short (measured: 40k validation rows of a 3.4M-parameter network kept a
        stopped run busy for seconds), and such an epoch is never recorded anyway.
        """
        return _ValidateUnlessStopped(self)

    @property
    def stopping(self) -> bool:
        """Whether training is ending early (Stop, or a non-finite loss)."""
        return self.stop_requested or self.bad_loss is not None

    def _check_stop(self) -> bool:
        if not self.stop_requested and self._should_stop():
            self.stop_requested = True
            self.model.stop_training = True
        return self.stop_requested

    def on_train_batch_end(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            self.bad_loss = float(loss)
            self.bad_epoch = self.epochs_run + 1
            self.model.stop_training = True
        else:
            self._check_stop()

    def on_test_batch_end(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        # Stop pressed during the validation pass: end it too (its epoch is not kept).
        if self._check_stop():
            self.model.stop_evaluating = True

    def on_epoch_end(self, epoch: int, logs: Mapping[str, Any] | None = None) -> None:
        # Keras calls this even for an epoch cut short by stop_training: such an
        # epoch did not finish, so it is neither recorded nor streamed. Nor is one
        # that ended after Stop was pressed: the page already said "stopping".
        if self.bad_loss is not None or self._check_stop():
            return
        values = {key: float(value) for key, value in (logs or {}).items()}
        for key, value in values.items():
            self.history.setdefault(key, []).append(value)
        self.epochs_run = epoch + 1
        if self._snapshot:
            self.weights = self.model.get_weights()
        boundary = grid = None
        if self._boundary is not None:
            boundary = self._boundary.evaluate(self.model)
            grid = self._boundary
        self._on_event(Epoch(
            epoch=epoch + 1, epochs=self._epochs, logs=values, elapsed=self.elapsed,
            boundary=boundary, grid_x=None if grid is None else grid.grid_x,
            grid_y=None if grid is None else grid.grid_y))
        self._check_stop()


class _ValidateUnlessStopped(list):
    """A `validation_freq` for Keras: every epoch is "in" it until the run is stopping.

    Keras accepts an int or a list and asks `epoch in validation_freq` once per
    epoch, after the epoch's batches; nothing else reads it.
    """

    def __init__(self, callback: StreamCallback) -> None:
        super().__init__()
        self._callback = callback

    def __contains__(self, epoch: object) -> bool:
        return not self._callback.stopping


# ----------------------------------------------------------------- the run
def failure_message(error: BaseException) -> Message:
    """Turns an exception raised while training into one line for the user.

    Args:
        error: The exception.

    Returns:
        funcnet's own `InputError`s as they are (they name field and value,
        and translate); other `ValueError`s as their (shortened) text;
        otherwise a short description of what went wrong.
    """
    if isinstance(error, InputError):
        return error.message
    if isinstance(error, ValueError):
        text = str(error).strip()
        # funcnet's own messages are one line; Keras' can be pages long.
        return message("raw", text=text if len(text) <= 500 else text[:497] + "...")
    if isinstance(error, MemoryError | tf.errors.ResourceExhaustedError):
        return message("train.out_of_memory")
    text = str(error).strip().splitlines()
    detail = text[0] if text else ""
    if len(detail) > 300:
        detail = detail[:297] + "..."
    kind = type(error).__name__
    return message("train.failed", kind=kind, detail=detail) if detail else (
        message("train.failed_bare", kind=kind))


def nan_message(callback: StreamCallback, train: TrainConfig, restored: bool) -> Message:
    """Explains a non-finite loss: when, the likely cause, and what was kept."""
    kept = callback.epochs_run
    fields = {
        "loss": "train.loss_nan" if math.isnan(callback.bad_loss or math.nan)
        else "train.loss_infinite",
        "epoch": callback.bad_epoch,
        "learning_rate": train.learning_rate,
        "kept": kept,
        "kept_part": "train.kept_one" if kept == 1 else "train.kept_many",
    }
    if kept == 0:
        return message("train.nan_no_epoch", **fields)
    return message("train.nan_restored" if restored else "train.nan_kept", **fields)


def fit_outcome(callback: StreamCallback, train: TrainConfig,
                model: keras.Model) -> tuple[str, Message | None]:
    """Tells how a `fit` ended, restoring the last good weights after a non-finite loss.

    Args:
        callback: The run's callback, after `fit`.
        train: The training settings.
        model: The trained model; after a non-finite loss it gets the weights of
            the last finished epoch, when there is one.

    Returns:
        `("completed", None)`, `("stopped", why)` (Stop pressed, or a
        non-finite loss after good epochs) or `("failed", why)` (a non-finite
        loss before any good epoch).
    """
    if callback.bad_loss is not None:
        if callback.weights is None or callback.epochs_run == 0:
            return "failed", nan_message(callback, train, restored=False)
        model.set_weights(callback.weights)
        return "stopped", nan_message(callback, train, restored=True)
    if callback.stop_requested and callback.epochs_run < train.epochs:
        return "stopped", stop_message(callback.epochs_run, train.epochs)
    return "completed", None


def tested_rows(status: str, params: int, n_test: int) -> int:
    """Returns how many test rows a finished fit predicts.

    A completed run tests every row. A stopped run answers a person waiting
    for it, so it tests the first rows its budget (`STOPPED_TEST_SECONDS` of
    estimated work) allows, never fewer than `STOPPED_MIN_TEST_ROWS`:
    measured here, predicting 40k rows with a 3.4M-parameter network took
    longer than the rest of the stop together.

    Args:
        status: `"completed"` or `"stopped"`.
        params: Parameters of the network that predicts.
        n_test: Rows of the test set.

    Returns:
        A row count in `1..n_test` (`n_test` for small networks).
    """
    if status != "stopped":
        return n_test
    budget = int(STOPPED_TEST_SECONDS * ASSUMED_FLOPS / max(2.0 * params, 1.0))
    return min(n_test, max(STOPPED_MIN_TEST_ROWS, budget))


def ending(status: str, why: Message | None, rows: int, n_test: int,
           on_event: EventSink) -> dict[str, Any]:
    """Says how a fit ended, at once, and returns the result fields that say it.

    A stopped run's `Done` goes out as soon as `fit` returns, before the test
    predictions, so the page can show "Stopped at epoch k" within a second;
    the result follows with the same status and message.

    Args:
        status: `"completed"` or `"stopped"`.
        why: The reason (`fit_outcome`), `None` for a completed run.
        rows: Test rows that will be predicted (`tested_rows`).
        n_test: Rows of the whole test set.
        on_event: The run's event sink.

    Returns:
        The `JobResult` message fields (empty for a completed run).
    """
    if why is None:
        return {}
    if rows < n_test:
        why = message("train.stopped_sampled", stopped=why, rows=rows, total=n_test)
    fields = why.result_fields()
    on_event(Done(status, fields["message"]))
    return fields


def head_results(spec: ModelSpec, dataset: Dataset, outputs: Sequence[np.ndarray]
                 ) -> dict[str, HeadResult]:
    """Pairs each head's test predictions with the true values and class labels.

    Outputs for fewer rows than the test set (a stopped run's sample) pair
    with the first rows.
    """
    heads = {}
    for head, output in zip(spec.outputs, outputs, strict=True):
        info = dataset.targets[head.target]
        truth = dataset.y_test[head.target].to_numpy()[:len(output)]
        score = output if head.task == "multiclass" else output[:, 0]
        heads[head.name] = HeadResult(
            name=head.name, task=head.task, target=head.target, classes=tuple(info.classes),
            y_true=truth, y_score=np.asarray(score, dtype=np.float64),
        )
    return heads


def test_metrics(spec: ModelSpec, heads: Mapping[str, HeadResult]) -> dict[str, float]:
    """Returns what `model.evaluate(..., return_dict=True)` would, from test predictions.

    `evaluate` traces a test graph of its own (0.15-0.25 s per training here)
    to recompute predictions that `call_model` already made. The losses are
    Keras' own loss functions; accuracy and AUC are scikit-learn's (the AUC
    exact rather than Keras' 200-threshold estimate).

    Args:
        spec: The model graph (heads, losses, loss weights).
        heads: Test predictions per head.

    Returns:
        `"loss"` (weighted over heads as in training) and, per head, its
        loss, `"accuracy"` and `"auc"` (binary), `"accuracy"` (multiclass)
        or `"mae"` (regression). With several heads the keys carry the head
        name (`"label_accuracy"`), as Keras names them.
    """
    from funcnet.analysis.evaluation import head_summary

    single = len(spec.outputs) == 1
    metrics: dict[str, float] = {}
    total = 0.0
    for node in spec.outputs:
        head = heads[node.name]
        truth = head.y_true.astype(np.float32)
        score = head.y_score.astype(np.float32)
        if head.task != "multiclass":
            truth, score = truth[:, None], score[:, None]
        loss = float(keras.ops.mean(keras.losses.get(node.loss)(truth, score)))
        total += loss * (1.0 if single else node.loss_weight)
        summary = head_summary(head)
        values = {"loss": loss}
        if head.task == "regression":
            values["mae"] = float(summary["mae"])
        else:
            values["accuracy"] = float(summary["accuracy"])
            if head.task == "binary":
                values["auc"] = float(summary["auc"])
        prefix = "" if single else f"{node.name}_"
        metrics.update({f"{prefix}{key}": value for key, value in values.items()
                        if not (single and key == "loss")})
    metrics["loss"] = total
    return dict(sorted(metrics.items()))


def model_to_bytes(model: keras.Model) -> bytes:
    """Returns `model` saved in the `.keras` format, as bytes.

    Args:
        model: Any Keras model.

    Returns:
        The content of a `.keras` file (`keras.saving.load_model` reads it).
    """
    with tempfile.TemporaryDirectory(prefix="funcnet-") as folder, warnings.catch_warnings():
        # Keras 3.15's saver calls np.array() on TensorFlow variables, which NumPy 2
        # flags on every save; the file is unaffected.
        warnings.filterwarnings("ignore", message="__array__ implementation doesn't accept",
                                category=DeprecationWarning)
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


class _Run:
    """State of one run, kept so a failure still reports the epochs that finished."""

    def __init__(self) -> None:
        self.callback: StreamCallback | None = None

    def partial(self, status: str, reason: Message) -> JobResult:
        callback = self.callback
        if callback is None:
            return JobResult(status=status, **reason.result_fields())
        return JobResult(status=status, **reason.result_fields(), history=callback.history,
                         epochs_run=callback.epochs_run, elapsed=callback.elapsed)


def _train(job: Job, on_event: EventSink, should_stop: StopCheck, options: RunOptions,
           run: _Run) -> JobResult:
    if options.sweep:
        from funcnet.engine.sweep import run_sweep  # sweep builds on this module

        return run_sweep(job, on_event, should_stop, options)
    spec, train = job.model, job.train
    dataset = load_dataset(job.data)
    check_model_fits(spec, dataset)
    fit_rows, val_rows = split_rows(len(dataset.x_train), train.validation_split, train.seed)
    x_fit = model_inputs(spec, dataset.x_train.iloc[fit_rows])
    y_fit = model_targets(spec, dataset.y_train.iloc[fit_rows])
    validation = None
    if len(val_rows):
        validation = (model_inputs(spec, dataset.x_train.iloc[val_rows]),
                      model_targets(spec, dataset.y_train.iloc[val_rows]))
    x_test = model_inputs(spec, dataset.x_test)
    n_test = len(dataset.x_test)
    if should_stop():  # loading a large data set takes a while: Stop may come first
        return JobResult(status="stopped",
                         **message("train.stopped_before_start").result_fields())

    built = build_graph(spec, train.seed)
    steps = math.ceil(len(fit_rows) / train.batch_size)
    model = compile_model(built.model, spec, train, steps_per_execution(
        spec.total_params(), train.batch_size, steps, train.epochs))
    diagnostics: dict[str, float] = {}
    if options.diagnostics:
        diagnostics["first_layer_grad_norm"] = first_layer_grad_norm(
            model, spec, _first(x_fit, train.batch_size), _first(y_fit, train.batch_size))
    boundary = None
    if options.boundary_grid > 0 and len(dataset.features) == 2:
        boundary = BoundaryGrid(spec, dataset, options.boundary_grid)
    callback = StreamCallback(on_event, should_stop, train.epochs, boundary,
                              snapshot=model.count_params() <= SNAPSHOT_MAX_PARAMS)
    run.callback = callback
    on_event(Started(epochs=train.epochs, steps_per_epoch=steps, time=time.time(),
                     params=model.count_params(), train_rows=len(fit_rows),
                     validation_rows=len(val_rows), test_rows=n_test))
    if should_stop():
        return JobResult(status="stopped",
                         **message("train.stopped_before_start").result_fields())

    # Seed right before fit: dropout draws from Keras' global generators, so
    # nothing random may run between this and fit.
    keras.utils.set_random_seed(train.seed)
    validation_steps = None
    if validation is not None:
        validation_batch = max(train.batch_size, VALIDATION_BATCH)
        validation_steps = math.ceil(len(val_rows) / validation_batch)
        validation = batches(*validation, validation_batch, seed=None)
    model.fit(batches(x_fit, y_fit, train.batch_size, seed=train.seed),
              steps_per_epoch=steps, validation_data=validation,
              validation_steps=validation_steps, validation_freq=callback.validation_freq,
              epochs=train.epochs, shuffle=False, verbose=0, callbacks=[callback])
    elapsed = callback.elapsed

    status, why = fit_outcome(callback, train, model)
    if status == "failed":
        return run.partial("failed", why)
    n_tested = tested_rows(status, model.count_params(), n_test)
    reason = ending(status, why, n_tested, n_test, on_event)

    heads = head_results(spec, dataset, call_model(model, _first(x_test, n_tested), n_tested))
    if options.diagnostics:
        rows = min(n_tested, DIAGNOSTIC_ROWS)
        diagnostics.update(unit_diagnostics(built, spec, _first(x_test, rows), rows))
    return JobResult(
        status=status,
        **reason,
        history=callback.history,
        epochs_run=callback.epochs_run,
        test_metrics=test_metrics(spec, heads),
        heads=heads,
        diagnostics=diagnostics,
        model_bytes=model_to_bytes(model) if options.keep_model else None,
        elapsed=elapsed,
    )


def run_job(
    job: Job,
    on_event: EventSink,
    should_stop: StopCheck,
    options: RunOptions | None = None,
) -> JobResult:
    """Trains the network of `job` on its data set and reports what happened.

    Loads the data, checks the model fits it, builds and compiles the model
    (seeded), fits it while streaming an `epoch` event per finished epoch,
    then evaluates and predicts the test set per head.

    Args:
        job: The network, data set choice and training settings.
        on_event: Receives `Started`, one `Epoch` per finished epoch and, for a
            stopped run, its `Done` as soon as fitting ends (otherwise the
            receiver of the result makes the `Done`: `Done.of(result)`).
        should_stop: Polled after every batch; `True` stops training with the
            finished epochs kept (status `"stopped"`).
        options: Decision-boundary grid, whether to keep the model and
            compute diagnostics. Defaults to `RunOptions()`.

    Returns:
        The `JobResult`. A non-finite loss stops training and keeps the
        epochs before it; any error becomes status `"failed"` with a
        message (the traceback goes to stderr), never an exception.
    """
    options = options or RunOptions()
    run = _Run()
    try:
        return _train(job, on_event, should_stop, options, run)
    except Exception as error:  # a job must end with a result, whatever broke
        traceback.print_exc(file=sys.stderr)
        return run.partial("failed", failure_message(error))

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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from funcnet.data.datasets import Dataset, check_model_fits, load_dataset
from funcnet.engine.arrays import (
    ASSUMED_FLOPS,
    MAX_STEPS_PER_EXECUTION,
    ModelInput,
    call_model,
    call_model_and_logits,
    call_seconds,
    model_inputs,
    model_targets,
    split_rows,
    steps_per_execution,
)
from funcnet.engine.arrays import _first as _first
from funcnet.engine.boundary import BoundaryGrid
from funcnet.engine.builder import build_graph, compile_model
from funcnet.engine.callback import EventSink, StopCheck, StreamCallback
from funcnet.engine.diagnostics import DIAGNOSTIC_ROWS, first_layer_grad_norm, unit_diagnostics
from funcnet.engine.portable import VALIDATION_BATCH, batches
from funcnet.messages import InputError, Message, message
from funcnet.model.spec import Job, ModelSpec, TrainConfig
from funcnet.train.events import Done, Started
from funcnet.train.results import HeadResult, JobResult, RunOptions, stop_message

SNAPSHOT_MAX_PARAMS = 5_000_000
"""Above this size, weights are not copied every epoch to survive a NaN loss."""
STOPPED_TEST_SECONDS = 0.25
"""Estimated work a stopped run may spend predicting its test rows (at `ASSUMED_FLOPS`)."""
STOPPED_MIN_TEST_ROWS = 500
"""A stopped run still tests at least this many rows (all of them if there are fewer)."""


__all__ = [  # re-exported: the sweep, the CLI and tests take the shared steps from here
    "ASSUMED_FLOPS", "DIAGNOSTIC_ROWS", "MAX_STEPS_PER_EXECUTION", "VALIDATION_BATCH",
    "BoundaryGrid", "EventSink", "ModelInput", "StopCheck", "StreamCallback", "batches",
    "call_model", "call_model_and_logits", "call_seconds", "ending", "failure_message",
    "first_layer_grad_norm",
    "fit_outcome", "head_results", "model_inputs", "model_targets", "model_to_bytes",
    "nan_message", "run_job", "split_rows", "steps_per_execution", "stop_message",
    "test_metrics", "tested_rows", "unit_diagnostics",
]


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


def test_metrics(spec: ModelSpec, heads: Mapping[str, HeadResult],
                 logits: Mapping[str, np.ndarray | None] | None = None) -> dict[str, float]:
    """Returns what `model.evaluate(..., return_dict=True)` would, from test predictions.

    `evaluate` traces a test graph of its own (0.15-0.25 s per training here)
    to recompute predictions that `call_model` already made. The losses are
    Keras' own loss functions; accuracy and AUC are scikit-learn's (the AUC
    exact rather than Keras' 200-threshold estimate).

    Args:
        spec: The model graph (heads, losses, loss weights).
        heads: Test predictions per head.
        logits: Per head, the logits of a sigmoid or softmax output
            (`call_model_and_logits`): the loss then comes from them, as in
            `evaluate`, instead of from probabilities Keras would clip.

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
        head_logits = (logits or {}).get(node.name)
        if head_logits is not None and head.task == "multiclass":
            loss = float(keras.ops.mean(keras.losses.sparse_categorical_crossentropy(
                truth, head_logits.astype(np.float32), from_logits=True)))
        elif head_logits is not None and head.task == "binary":
            loss = float(keras.ops.mean(keras.losses.binary_crossentropy(
                truth, head_logits.astype(np.float32).reshape(score.shape), from_logits=True)))
        else:
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
    per_call = steps_per_execution(spec.total_params(), train.batch_size, steps, train.epochs)
    model = compile_model(built.model, spec, train, per_call)
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
                     validation_rows=len(val_rows), test_rows=n_test,
                     call_seconds=call_seconds(
                         model.count_params(), train.batch_size, per_call,
                         max(train.batch_size, VALIDATION_BATCH) if len(val_rows) else 0)))
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

    outputs, logits = call_model_and_logits(model, _first(x_test, n_tested), n_tested)
    heads = head_results(spec, dataset, outputs)
    if options.diagnostics:
        rows = min(n_tested, DIAGNOSTIC_ROWS)
        diagnostics.update(unit_diagnostics(built, spec, _first(x_test, rows), rows))
    return JobResult(
        status=status,
        **reason,
        history=callback.history,
        epochs_run=callback.epochs_run,
        test_metrics=test_metrics(spec, heads, dict(zip(heads, logits, strict=True))),
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

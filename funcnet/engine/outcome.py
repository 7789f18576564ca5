"""How a fit ended and what it scored: the last steps every engine entry point shares.

`fit_outcome` reads the callback after `fit` (completed, stopped, or a
non-finite loss); `tested_rows` bounds a stopped run's test pass; `ending`
sends a stopped run's `Done` at once; `score` predicts the test rows and
measures them as `model.evaluate` would; `failure_message` turns any error
into one line for the user.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import keras
import numpy as np
import tensorflow as tf

from funcnet.analysis.evaluation import head_summary
from funcnet.data.datasets import Dataset
from funcnet.engine.arrays import ASSUMED_FLOPS, ModelInput, call_model_and_logits, first_rows
from funcnet.engine.callback import EventSink, StreamCallback
from funcnet.messages import InputError, Message, message
from funcnet.model.spec import ModelSpec, TrainConfig
from funcnet.train.events import Done
from funcnet.train.results import HeadResult, stop_message

STOPPED_TEST_SECONDS = 0.25
"""Estimated work a stopped run may spend predicting its test rows (at `ASSUMED_FLOPS`)."""
STOPPED_MIN_TEST_ROWS = 500
"""A stopped run still tests at least this many rows (all of them if there are fewer)."""


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
    """Explains a non-finite loss: when, the likely cause, and what was kept.

    Args:
        callback: The run's callback, after `fit` saw the non-finite loss.
        train: The training settings (the learning rate is named).
        restored: Whether the last finished epoch's weights were put back.

    Returns:
        The `Message`.
    """
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

    Args:
        spec: The model graph whose heads made `outputs`.
        dataset: The data set (true test values, class labels).
        outputs: One array of predictions per head, in head order. Outputs
            for fewer rows than the test set (a stopped run's sample) pair
            with the first rows.

    Returns:
        `{head name: HeadResult}`, in head order.
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


def score(model: keras.Model, spec: ModelSpec, dataset: Dataset, x_test: ModelInput,
          rows: int) -> tuple[dict[str, HeadResult], dict[str, float]]:
    """Predicts the first `rows` test rows and measures them.

    Args:
        model: The trained network of `spec` (one branch of a sweep, or the model).
        spec: Its graph.
        dataset: The data set (true test values, class labels).
        x_test: The test inputs (`model_inputs` of every test row).
        rows: Rows to predict (`tested_rows`).

    Returns:
        `(heads, metrics)`: `head_results` and `test_metrics` of those rows.
    """
    outputs, logits = call_model_and_logits(model, first_rows(x_test, rows), rows)
    heads = head_results(spec, dataset, outputs)
    return heads, test_metrics(spec, heads, dict(zip(heads, logits, strict=True)))

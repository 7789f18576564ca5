"""Rows to arrays and arrays to calls: the data steps every training shares.

Fitting rows and validation rows (`split_rows`), model inputs and targets
from frames, how many batches go into one call of the compiled graph, and
chunked direct model calls for predictions.
"""

from __future__ import annotations

import keras
import numpy as np
import pandas as pd

from funcnet.engine import portable
from funcnet.messages import InputError
from funcnet.model.spec import ModelSpec, Node

CALL_CHUNK = 4096
"""Rows per direct model call when predicting (bounds memory on big sets)."""
EXECUTION_SECONDS = 0.05
"""Estimated work per call into the training graph (bounds the Stop latency)."""
MAX_STEPS_PER_EXECUTION = 64
"""More batches per call gained nothing measurable here and delays Stop."""
MIN_STEPS_FOR_LOOPING = 2000
"""Below this many batches in the whole run, one batch per call: the in-graph loop
costs about 0.2 s more to trace than it saves (measured on the notebook's workload)."""
ASSUMED_FLOPS = 2e9
"""A deliberately low single-thread throughput, so the estimate errs on the short side."""

ModelInput = np.ndarray | dict[str, np.ndarray]


def split_rows(n_rows: int, validation_split: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`portable.split_rows` (the exported script's copy), refusing a split that leaves no row.

    Args:
        n_rows: As for `portable.split_rows`.
        validation_split: As for `portable.split_rows`.
        seed: As for `portable.split_rows`.

    Returns:
        What `portable.split_rows` returns.

    Raises:
        InputError: If no row would be left to fit on (a `ValueError` that
            names the rows and the share, and translates).
    """
    if n_rows - round(n_rows * validation_split) < 1:
        raise InputError("train.no_fit_rows", where="where.training", rows=n_rows,
                         value=validation_split)
    return portable.split_rows(n_rows, validation_split, seed)


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


def first_rows(data: ModelInput, count: int) -> ModelInput:
    """Returns the first `count` rows of model inputs or targets (an array or a dict of them)."""
    return _rows(data, 0, count)


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


def call_seconds(params: int, batch_size: int, steps: int, validation_batch: int) -> float:
    """Estimates the longest call into the compiled graphs, where Stop cannot be read.

    Args:
        params: Parameter count of the model.
        batch_size: Rows per training batch.
        steps: Batches per call (`steps_per_execution`).
        validation_batch: Rows per validation batch (0: no validation).

    Returns:
        Seconds at `ASSUMED_FLOPS`: about 6 operations per weight and row to
        train, 2 to validate.
    """
    train = 6.0 * params * batch_size * steps
    validate = 2.0 * params * validation_batch * steps
    return max(train, validate) / ASSUMED_FLOPS


def call_model(model: keras.Model, inputs: ModelInput, n_rows: int) -> list[np.ndarray]:
    """Calls `model` directly in chunks (no `predict` loop to trace) and joins the outputs.

    Args:
        model: A functional model.
        inputs: What `model_inputs` returns.
        n_rows: Number of rows in `inputs`.

    Returns:
        One numpy array per model output, in output order.
    """
    return call_model_and_logits(model, inputs, n_rows)[0]


def call_model_and_logits(model: keras.Model, inputs: ModelInput, n_rows: int
                          ) -> tuple[list[np.ndarray], list[np.ndarray | None]]:
    """Like `call_model`, and also returns each output's logits when Keras kept them.

    A sigmoid or softmax output carries its pre-activation values
    (`_keras_logits`), and Keras' losses use those: exact where float32
    probabilities round to 0 or 1 and a loss on them would be clipped.
    `test_metrics` takes them so its loss equals `model.evaluate`'s.

    Returns:
        `(outputs, logits)`: per model output, its numpy values and its
        logits (`None` for an output without them).
    """
    parts: list[list[np.ndarray]] = []
    logit_parts: list[list[np.ndarray | None]] = []
    for start in range(0, max(n_rows, 1), CALL_CHUNK):
        out = model(_rows(inputs, start, start + CALL_CHUNK), training=False)
        out = out if isinstance(out, list | tuple) else [out]
        parts.append([keras.ops.convert_to_numpy(o) for o in out])
        logit_parts.append([keras.ops.convert_to_numpy(o._keras_logits)
                            if hasattr(o, "_keras_logits") else None for o in out])
    outputs = [np.concatenate(chunks, axis=0) for chunks in zip(*parts, strict=True)]
    logits = [None if any(c is None for c in chunks) else np.concatenate(chunks, axis=0)
              for chunks in zip(*logit_parts, strict=True)]
    return outputs, logits

"""The steps every engine entry point takes, from a job to a fitted model's ending.

A single training (`funcnet.engine.training.run_job`) and an activation
sweep (`funcnet.engine.sweep.run_sweep`) differ only in the model they
build and in how they read its logs and predictions. Everything else is
here, once, in the order an entry point calls it:

1. `prepare_arrays`: load the data set, check the network fits it, hold out
   the validation rows (seeded), turn rows into inputs and targets;
2. `announce`: the `Started` event;
3. `fit_streaming`: seed, then `fit` over seeded batches, validation in
   large batches, one `Epoch` event per finished epoch;
4. `conclude`: how the fit ended, how many test rows to predict, and a
   stopped run's early `Done`; then `outcome.score` and `diagnose` per network.

`run_fit` takes steps 2-4 together. `guarded` runs an entry point's body
with its `Run` (event sink, Stop check) so that whatever goes wrong becomes
a failed `JobResult` that keeps the epochs which finished.
"""

from __future__ import annotations

import math
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import keras
import numpy as np
import pandas as pd

from funcnet.data.datasets import Dataset, check_model_fits, load_dataset
from funcnet.engine.arrays import (
    ModelInput,
    call_seconds,
    first_rows,
    model_inputs,
    model_targets,
    split_rows,
)
from funcnet.engine.builder import BuiltModel
from funcnet.engine.callback import EventSink, StopCheck, StreamCallback
from funcnet.engine.diagnostics import DIAGNOSTIC_ROWS, unit_diagnostics
from funcnet.engine.keras_state import seed_run
from funcnet.engine.outcome import ending, failure_message, fit_outcome, tested_rows
from funcnet.engine.portable import VALIDATION_BATCH, batches
from funcnet.messages import Message, message
from funcnet.model.spec import Job, ModelSpec, TrainConfig
from funcnet.train.events import Started
from funcnet.train.results import JobResult, RunOptions

Rows = Callable[[pd.DataFrame], Any]
"""Turns a frame of rows into what `fit` takes (inputs or targets)."""


@dataclass(frozen=True, eq=False)
class Arrays:
    """A job's data, split and shaped for `fit`.

    Args:
        dataset: The loaded data set.
        fit_rows: Positions of the training rows fitted on.
        val_rows: Positions of the training rows held out (may be empty).
        x_fit: Inputs of the fitted rows, as `fit` takes them.
        y_fit: Their targets, as `fit` takes them.
        validation: `(inputs, targets)` of the held-out rows, or `None`.
        x_test: `model_inputs` of every test row (what one network is called on).
        steps: Batches per epoch.
    """

    dataset: Dataset
    fit_rows: np.ndarray
    val_rows: np.ndarray
    x_fit: Any
    y_fit: Any
    validation: tuple[Any, Any] | None
    x_test: ModelInput
    steps: int

    @property
    def n_test(self) -> int:
        """Rows of the test set."""
        return len(self.dataset.x_test)

    def first_batch(self, spec: ModelSpec, rows: int) -> tuple[ModelInput, ModelInput]:
        """Returns `model_inputs` and `model_targets` of the first `rows` fitted rows."""
        positions = self.fit_rows[:rows]
        return (model_inputs(spec, self.dataset.x_train.iloc[positions]),
                model_targets(spec, self.dataset.y_train.iloc[positions]))


def prepare_arrays(job: Job, inputs: Rows | None = None, targets: Rows | None = None) -> Arrays:
    """Loads the job's data set and shapes it for `fit`.

    Args:
        job: The job (network, data set, training settings).
        inputs: How feature rows become `fit`'s inputs; default
            `model_inputs` of the job's network.
        targets: How target rows become `fit`'s targets; default
            `model_targets` of the job's network.

    Returns:
        The `Arrays`.

    Raises:
        InputError: If the data set cannot be loaded, the network does not
            fit it, or no row is left to fit on.
    """
    spec, train = job.model, job.train
    inputs = inputs or (lambda frame: model_inputs(spec, frame))
    targets = targets or (lambda frame: model_targets(spec, frame))
    dataset = load_dataset(job.data)
    check_model_fits(spec, dataset)
    fit_rows, val_rows = split_rows(len(dataset.x_train), train.validation_split, train.seed)
    validation = None
    if len(val_rows):
        validation = (inputs(dataset.x_train.iloc[val_rows]),
                      targets(dataset.y_train.iloc[val_rows]))
    return Arrays(
        dataset=dataset, fit_rows=fit_rows, val_rows=val_rows,
        x_fit=inputs(dataset.x_train.iloc[fit_rows]),
        y_fit=targets(dataset.y_train.iloc[fit_rows]),
        validation=validation, x_test=model_inputs(spec, dataset.x_test),
        steps=math.ceil(len(fit_rows) / train.batch_size),
    )


def validation_batch_size(train: TrainConfig) -> int:
    """Rows per validation batch: never fewer than the training batch."""
    return max(train.batch_size, VALIDATION_BATCH)


def announce(on_event: EventSink, model: keras.Model, train: TrainConfig, arrays: Arrays,
             per_call: int, sweep: tuple[str, ...] = ()) -> None:
    """Sends the `Started` event of a fit about to begin.

    Args:
        on_event: The run's event sink.
        model: The compiled model that will be fitted.
        train: The training settings.
        arrays: The run's data.
        per_call: Batches per call into the training graph (`steps_per_execution`).
        sweep: A sweep's activations; `()` for a single training.
    """
    params = model.count_params()
    validation_batch = validation_batch_size(train) if len(arrays.val_rows) else 0
    on_event(Started(epochs=train.epochs, steps_per_epoch=arrays.steps, time=time.time(),
                     params=params, train_rows=len(arrays.fit_rows),
                     validation_rows=len(arrays.val_rows), test_rows=arrays.n_test,
                     sweep=sweep, call_seconds=call_seconds(
                         params, train.batch_size, per_call, validation_batch)))


def fit_streaming(model: keras.Model, callback: StreamCallback, arrays: Arrays,
                  train: TrainConfig, extra: Sequence[keras.callbacks.Callback] = ()) -> None:
    """Seeds the run, then fits `model` with `callback` streaming events and reading Stop.

    Seeding (`keras_state.seed_run`: what `keras.utils.set_random_seed` does,
    without emptying TensorFlow's kernel cache, which would make a kept
    model instantiate its traced graph again) happens right before `fit`,
    so nothing random may run in between. Batches come from
    `portable.batches` (the exported script's own copy), shuffled per pass
    by the job's seed; validation runs in `validation_batch_size` batches.

    Args:
        model: The compiled model.
        callback: The run's `StreamCallback` (it decides the validation epochs).
        arrays: The run's data.
        train: The training settings.
        extra: Callbacks after `callback` (which records every epoch first):
            epoch snapshots (`funcnet.engine.replay`), then the run's
            `EarlyStopping` (`funcnet.engine.early_stopping`).
    """
    seed_run(train.seed)
    validation, validation_steps = None, None
    if arrays.validation is not None:
        batch = validation_batch_size(train)
        validation_steps = math.ceil(len(arrays.val_rows) / batch)
        validation = batches(*arrays.validation, batch, seed=None)
    model.fit(batches(arrays.x_fit, arrays.y_fit, train.batch_size, seed=train.seed),
              steps_per_epoch=arrays.steps, validation_data=validation,
              validation_steps=validation_steps, validation_freq=callback.validation_freq,
              epochs=train.epochs, shuffle=False, verbose=0,
              callbacks=[callback, *extra])


@dataclass(frozen=True)
class Conclusion:
    """How a fit ended, as the result will say it.

    Args:
        status: `"completed"`, `"stopped"` or `"failed"`.
        why: The reason (`None` when completed).
        fields: The `JobResult` message fields (empty when completed).
        rows: Test rows to predict (`tested_rows`; 0 when nothing is tested).
        early: The whole result when there is nothing to test: Stop before
            the first batch, or a non-finite loss before any good epoch.
    """

    status: str
    why: Message | None
    fields: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    early: JobResult | None = None


def conclude(callback: StreamCallback, train: TrainConfig, model: keras.Model,
             arrays: Arrays, on_event: EventSink) -> Conclusion:
    """Reads how `fit` ended; a stopped run's `Done` goes out at once.

    Args:
        callback: The run's callback, after `fit`.
        train: The training settings.
        model: The fitted model (it gets the last good weights back after a
            non-finite loss; its size bounds a stopped run's test rows).
        arrays: The run's data.
        on_event: The run's event sink.

    Returns:
        The `Conclusion` (without `early`).
    """
    status, why = fit_outcome(callback, train, model)
    if status == "failed":
        return Conclusion(status, why, why.result_fields() if why else {})
    rows = tested_rows(status, model.count_params(), arrays.n_test)
    return Conclusion(status, why, ending(status, why, rows, arrays.n_test, on_event), rows)


def run_fit(run: Run, model: keras.Model, callback: StreamCallback, arrays: Arrays,
            train: TrainConfig, per_call: int, sweep: tuple[str, ...] = (),
            extra: Sequence[keras.callbacks.Callback] = ()) -> Conclusion:
    """Announces, fits and concludes: steps 2 to 4 of every entry point.

    Args:
        run: The run (event sink, Stop check); it keeps `callback` so that a
            failure still reports the finished epochs.
        model: The compiled model.
        callback: The run's `StreamCallback`.
        arrays: The run's data.
        train: The training settings.
        per_call: Batches per call into the training graph (`steps_per_execution`).
        sweep: A sweep's activations; `()` for a single training.
        extra: Callbacks after `callback` (`fit_streaming`).

    Returns:
        The `Conclusion`; when its `early` is set, that is the run's result.
    """
    run.callback = callback
    announce(run.on_event, model, train, arrays, per_call, sweep)
    if run.should_stop():
        return Conclusion("stopped", None, early=stopped_before_start())
    fit_streaming(model, callback, arrays, train, extra)
    end = conclude(callback, train, model, arrays, run.on_event)
    if end.status == "failed" and end.why is not None:
        return replace(end, early=run.partial("failed", end.why))
    return end


def diagnose(built: BuiltModel, spec: ModelSpec, x_test: ModelInput, rows: int
             ) -> dict[str, float]:
    """Returns `unit_diagnostics` on the first test rows (at most `DIAGNOSTIC_ROWS`)."""
    rows = min(rows, DIAGNOSTIC_ROWS)
    return unit_diagnostics(built, spec, first_rows(x_test, rows), rows)


class Run:
    """One run as its entry point sees it: where events go, the Stop check, how far it got.

    Args:
        on_event: The run's event sink.
        should_stop: The Stop check (polled after every call into the graph).

    Attributes:
        callback: The fit's callback, once `run_fit` has it.
    """

    def __init__(self, on_event: EventSink, should_stop: StopCheck) -> None:
        self.on_event = on_event
        self.should_stop = should_stop
        self.callback: StreamCallback | None = None

    def partial(self, status: str, reason: Message) -> JobResult:
        """Returns a result with `status`, `reason` and whatever epochs finished."""
        callback = self.callback
        if callback is None:
            return JobResult(status=status, **reason.result_fields())
        return JobResult(status=status, **reason.result_fields(), history=callback.history,
                         epochs_run=callback.epochs_run, elapsed=callback.elapsed)


def stopped_before_start() -> JobResult:
    """The result of a run stopped before its first batch (loading data takes a while)."""
    return JobResult(status="stopped", **message("train.stopped_before_start").result_fields())


Body = Callable[[Job, RunOptions, Run], JobResult]
"""An entry point's work: it may raise; `guarded` turns that into a failed result."""


def guarded(body: Body, job: Job, on_event: EventSink, should_stop: StopCheck,
            options: RunOptions | None) -> JobResult:
    """Runs an entry point's `body` so that it ends with a result, whatever breaks.

    Args:
        body: The entry point's work.
        job: The job.
        on_event: The run's event sink.
        should_stop: The Stop check.
        options: The run options (default `RunOptions()`).

    Returns:
        What `body` returns; after an exception, a `"failed"` result with
        its `failure_message` and the epochs that finished (the traceback
        goes to stderr for whoever runs the worker).
    """
    run = Run(on_event, should_stop)
    try:
        return body(job, options or RunOptions(), run)
    except Exception as error:  # a job must end with a result, whatever broke
        traceback.print_exc(file=sys.stderr)
        return run.partial("failed", failure_message(error))

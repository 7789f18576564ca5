"""Trains one network: the `"train"` job kind's entry point, `run_job`.

`run_job` is what a worker process calls for a `"train"` job (the command
line calls it in-process). It never raises for a bad job: whatever goes
wrong becomes `JobResult(status="failed", message=...)` with the history so
far, and the traceback goes to stderr for whoever runs the worker.

The steps it shares with the activation sweep (data, `Started`, seeding,
`fit` with live events, how the fit ended, scoring) are in
`funcnet.engine.pipeline` and `funcnet.engine.outcome`; what is its own is
the one model, its decision-boundary grid, its diagnostics, the look
inside it (`funcnet.engine.inside`), its earlier epochs for replay
(`funcnet.engine.replay`) and its saved `.keras` bytes.

Events stream through `on_event` as typed values (`funcnet.train.events`):
`Started`, one `Epoch` per finished epoch, and a stopped run's `Done` as soon
as fitting ends. Stopping is a flag, as in Keras: the callback checks
`should_stop()` after every call into the training graph (and every
validation call) and sets `model.stop_training`; nothing after a stop runs
longer than it must (no validation pass, a bounded test sample).
"""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import keras

from funcnet.engine import pipeline, warm_models
from funcnet.engine.arrays import steps_per_execution
from funcnet.engine.boundary import BoundaryGrid
from funcnet.engine.builder import BuiltModel
from funcnet.engine.callback import EventSink, StopCheck, StreamCallback
from funcnet.engine.diagnostics import first_layer_grad_norm
from funcnet.engine.early_stopping import early_stopping, early_stopping_message
from funcnet.engine.inside import network_view
from funcnet.engine.outcome import score
from funcnet.engine.replay import EpochSnapshots, replay
from funcnet.model.spec import Job
from funcnet.train.results import JobResult, RunOptions

SNAPSHOT_MAX_PARAMS = 5_000_000
"""Above this size, weights are not copied every epoch to survive a NaN loss."""


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


def _train(job: Job, options: RunOptions, run: pipeline.Run) -> JobResult:
    spec, train = job.model, job.train
    arrays = pipeline.prepare_arrays(job)
    if run.should_stop():  # loading a large data set takes a while: Stop may come first
        return pipeline.stopped_before_start()

    per_call = steps_per_execution(spec.total_params(), train.batch_size, arrays.steps,
                                   train.epochs)
    warm = warm_models.take(spec, train, per_call)  # a fresh build's state, maybe traced already
    result = _fit_and_score(job, options, run, arrays, warm.built, per_call)
    warm_models.give_back(warm)  # not after an exception: `guarded` reports it, nothing is kept
    return result


def _fit_and_score(job: Job, options: RunOptions, run: pipeline.Run, arrays: pipeline.Arrays,
                   built: BuiltModel, per_call: int) -> JobResult:
    spec, train, model = job.model, job.train, built.model
    diagnostics: dict[str, float] = {}
    if options.diagnostics:
        diagnostics["first_layer_grad_norm"] = first_layer_grad_norm(
            model, spec, *arrays.first_batch(spec, train.batch_size))
    boundary = None
    if options.boundary_grid > 0 and len(arrays.dataset.features) == 2:
        boundary = BoundaryGrid(spec, arrays.dataset, options.boundary_grid)
    callback = StreamCallback(run.on_event, run.should_stop, train.epochs, boundary,
                              snapshot=model.count_params() <= SNAPSHOT_MAX_PARAMS)
    early = early_stopping(train, validation=arrays.validation is not None)
    snapshots = (EpochSnapshots(callback, train.epochs, model.count_params())
                 if options.replay else None)
    extra = [c for c in (snapshots, early) if c is not None]
    end = pipeline.run_fit(run, model, callback, arrays, train, per_call, extra=extra)
    if end.early is not None:
        return end.early
    fields = end.fields
    if end.status == "completed":  # early stopping may have ended it, or kept an earlier epoch
        why = early_stopping_message(early, train, callback.epochs_run)
        fields = why.result_fields() if why is not None else fields
    heads, metrics = score(model, spec, arrays.dataset, arrays.x_test, end.rows)
    if options.diagnostics:
        diagnostics.update(pipeline.diagnose(built, spec, arrays.x_test, end.rows))
    inside = (network_view(built, spec, arrays.dataset, arrays.x_test, end.rows)
              if options.inside else None)
    replayed = None
    if snapshots is not None:
        replayed = replay(built, spec, arrays.dataset, arrays.x_test, end.rows, snapshots,
                          boundary, inside, run.should_stop)
    return JobResult(
        status=end.status,
        **fields,
        history=callback.history,
        epochs_run=callback.epochs_run,
        test_metrics=metrics,
        heads=heads,
        diagnostics=diagnostics,
        model_bytes=model_to_bytes(model) if options.keep_model else None,
        elapsed=callback.elapsed,
        inside=inside,
        replay=replayed,
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
            compute diagnostics. Defaults to `RunOptions()`; `sweep` is not
            read (a sweep is the `"sweep"` job kind, `funcnet.engine.sweep`).

    Returns:
        The `JobResult`. A non-finite loss stops training and keeps the
        epochs before it; any error becomes status `"failed"` with a
        message (the traceback goes to stderr), never an exception.
    """
    return pipeline.guarded(_train, job, on_event, should_stop, options)

"""Compares activations by training every variant at once, as branches of one model.

"What if these layers were tanh instead of ReLU?" normally means one
training per activation, each paying for its own graph tracing. With the
functional API the variants can share their inputs and live side by side
in a single `keras.Model`: one copy of the network per activation, each with
its own outputs and losses. The total loss is the sum of the branches'
losses, so each branch's weights receive exactly the gradient of its own
loss, and since Adam, SGD and RMSprop update every weight on its own, every
branch follows the same path it would alone (same seed: same initial
weights, same batches, same dropout masks). One `fit` trains them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any

import keras
import numpy as np
import pandas as pd

from funcnet.engine import pipeline
from funcnet.engine.arrays import first_rows, model_inputs, model_targets, steps_per_execution
from funcnet.engine.builder import BuiltModel, build_graph, make_optimizer
from funcnet.engine.callback import EventSink, StopCheck, StreamCallback
from funcnet.engine.diagnostics import first_layer_grad_norm
from funcnet.engine.outcome import score
from funcnet.messages import message
from funcnet.model.spec import Job, ModelSpec
from funcnet.train.events import Epoch, Event
from funcnet.train.results import JobResult, RunOptions

SEPARATOR = "__"
"""Between the activation and the layer name; activation names contain no double underscore."""


def branch_prefix(activation: str) -> str:
    """Returns the layer-name prefix of the branch for `activation`."""
    return f"{activation}{SEPARATOR}"


def split_logs(logs: Mapping[str, float], spec: ModelSpec, activations: Sequence[str]
               ) -> dict[str, dict[str, float]]:
    """Splits the combined model's logs into one log per branch, named as a lone model's.

    With one head, `"relu__output_loss"` becomes the relu branch's `"loss"`
    and `"val_relu__output_accuracy"` its `"val_accuracy"`. With several
    heads, the head names stay (`"label_loss"`) and the branch's `"loss"`
    is the weighted sum of its heads' losses, as Keras would report it.

    Args:
        logs: Keras logs of the combined model.
        spec: The base network (before renaming).
        activations: The sweep's activations.

    Returns:
        `{activation: {key: value}}`.
    """
    single = len(spec.outputs) == 1
    if single and len(activations) == 1:
        # The combined model has one output, so Keras names nothing after it.
        return {activations[0]: {k: float(v) for k, v in sorted(logs.items())}}
    split: dict[str, dict[str, float]] = {a: {} for a in activations}
    for key, value in logs.items():
        validation = key.startswith("val_")
        bare = key[4:] if validation else key
        activation, separator, rest = bare.partition(SEPARATOR)
        if not separator or activation not in split:
            continue  # the combined total loss
        for head in spec.outputs:
            if rest.startswith(f"{head.name}_"):
                metric = rest[len(head.name) + 1:]
                name = metric if single else f"{head.name}_{metric}"
                split[activation][("val_" if validation else "") + name] = float(value)
                break
    if not single:
        for values in split.values():
            for phase in ("", "val_"):
                parts = [(h.loss_weight, values.get(f"{phase}{h.name}_loss"))
                         for h in spec.outputs]
                if all(v is not None for _, v in parts):
                    values[f"{phase}loss"] = sum(w * v for w, v in parts)
    return {a: dict(sorted(v.items())) for a, v in split.items()}


def _branch_events(on_event: EventSink, spec: ModelSpec, activations: Sequence[str]) -> EventSink:
    """Wraps `on_event` so every epoch event also carries per-branch logs."""

    def emit(event: Event) -> None:
        if isinstance(event, Epoch):
            event = dataclasses.replace(
                event, branches=split_logs(event.logs, spec, activations))
        on_event(event)

    return emit


def _split_history(history: Mapping[str, list[float]], spec: ModelSpec,
                   activations: Sequence[str]) -> dict[str, dict[str, list[float]]]:
    epochs = len(next(iter(history.values()), []))
    per_epoch = [split_logs({k: v[i] for k, v in history.items()}, spec, activations)
                 for i in range(epochs)]
    return {a: {key: [logs[a][key] for logs in per_epoch] for key in (per_epoch[0][a]
                                                                       if per_epoch else {})}
            for a in activations}


def run_sweep(job: Job, on_event: EventSink, should_stop: StopCheck,
              options: RunOptions | None = None) -> JobResult:
    """Trains the job's network once per activation of `options.sweep`, in one `fit`.

    The entry point of the `"sweep"` job kind; like `run_job` it never raises
    for a bad job.

    Args:
        job: The base network, data set and training settings.
        on_event: Receives `Started`, each `Epoch` (with `branches`: per-activation
            logs) and, for a stopped run, its `Done` as soon as fitting ends.
        should_stop: Polled after every call into the training graph.
        options: `sweep` names the activations; `diagnostics` as for a run.

    Returns:
        A `JobResult` whose `branches` hold one result per activation, with
        the history, test metrics, heads and diagnostics that activation's
        network would have on its own. An unknown activation, an empty
        `sweep` or a network that does not fit the data gives status `"failed"`.
    """
    return pipeline.guarded(_sweep, job, on_event, should_stop, options)


def _sweep(job: Job, options: RunOptions, run: pipeline.Run) -> JobResult:
    spec, train = job.model, job.train
    activations = tuple(dict.fromkeys(options.sweep))
    if not activations:
        return JobResult("failed", **message(
            "raw", text="Sweep: field 'sweep' must name at least one activation, "
                        "received ().").result_fields())
    variants = {a: spec.with_hidden_activation(a) for a in activations}

    def per_output(values: Mapping[str, Any]) -> Any:
        keyed = {branch_prefix(a) + h.name: values[h.name] for a in activations
                 for h in spec.outputs}
        # A model with one output takes plain values, as Keras expects.
        return next(iter(keyed.values())) if len(keyed) == 1 else keyed

    def features(frame: pd.DataFrame) -> dict[str, np.ndarray]:
        x = model_inputs(spec, frame)
        return x if isinstance(x, dict) else {spec.inputs[0].name: x}

    def targets(frame: pd.DataFrame) -> Any:
        base = model_targets(spec, frame)
        return per_output(base if isinstance(base, dict) else {spec.outputs[0].name: base})

    arrays = pipeline.prepare_arrays(job, features, targets)
    if run.should_stop():  # as for one training: Stop may come while the data loads
        return pipeline.stopped_before_start()

    inputs = {n.name: keras.Input(shape=(len(n.columns),), name=n.name) for n in spec.inputs}
    built: dict[str, BuiltModel] = {
        a: build_graph(variants[a], train.seed, inputs=inputs, prefix=branch_prefix(a))
        for a in activations
    }
    ordered_inputs = [inputs[n.name] for n in spec.inputs]
    outputs = [out for a in activations for out in _outputs(built[a].model)]
    model = keras.Model(ordered_inputs, outputs, name="funcnet_sweep")
    single = len(spec.outputs) == 1
    per_call = steps_per_execution(model.count_params(), train.batch_size, arrays.steps,
                                   train.epochs)
    model.compile(optimizer=make_optimizer(train),
                  loss=per_output({h.name: h.loss for h in spec.outputs}),
                  loss_weights=per_output({h.name: 1.0 if single else h.loss_weight
                                           for h in spec.outputs}),
                  metrics=per_output({h.name: ["mae"] if h.task == "regression"
                                      else ["accuracy"] for h in spec.outputs}),
                  steps_per_execution=per_call)

    diagnostics: dict[str, dict[str, float]] = {a: {} for a in activations}
    if options.diagnostics:
        x_batch, y_batch = arrays.first_batch(spec, train.batch_size)
        for a in activations:
            diagnostics[a]["first_layer_grad_norm"] = first_layer_grad_norm(
                built[a].model, variants[a], x_batch, y_batch, prefix=branch_prefix(a))

    callback = StreamCallback(_branch_events(run.on_event, spec, activations),
                              run.should_stop, train.epochs, snapshot=True)
    end = pipeline.run_fit(run, model, callback, arrays, train, per_call, sweep=activations)
    if end.early is not None:
        return end.early

    x_test = first_rows(arrays.x_test, end.rows)
    histories = _split_history(callback.history, spec, activations)
    branches: dict[str, JobResult] = {}
    for a in activations:
        heads, metrics = score(built[a].model, variants[a], arrays.dataset, x_test, end.rows)
        if options.diagnostics:
            diagnostics[a].update(pipeline.diagnose(built[a], variants[a], x_test, end.rows))
        branches[a] = JobResult(
            status=end.status, **end.fields, history=histories[a],
            epochs_run=callback.epochs_run, test_metrics=metrics,
            heads=heads, diagnostics=diagnostics[a], elapsed=callback.elapsed)
    first = branches[activations[0]]
    return JobResult(status=end.status, **end.fields, history=callback.history,
                     epochs_run=callback.epochs_run, test_metrics=first.test_metrics,
                     heads=first.heads, elapsed=callback.elapsed, branches=branches)


def _outputs(model: keras.Model) -> list[Any]:
    outputs = model.outputs
    return list(outputs) if isinstance(outputs, list | tuple) else [outputs]

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
import math
import time
from collections.abc import Mapping, Sequence
from typing import Any

import keras
import numpy as np

from funcnet.data.datasets import check_model_fits, load_dataset
from funcnet.engine.builder import BuiltModel, build_graph, make_optimizer
from funcnet.engine.training import (
    DIAGNOSTIC_ROWS,
    VALIDATION_BATCH,
    EventSink,
    StopCheck,
    StreamCallback,
    batches,
    call_model,
    ending,
    first_layer_grad_norm,
    fit_outcome,
    head_results,
    model_inputs,
    model_targets,
    split_rows,
    steps_per_execution,
    test_metrics,
    tested_rows,
    unit_diagnostics,
)
from funcnet.model.spec import Job, ModelSpec
from funcnet.train.events import Epoch, Event, Started
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


def run_sweep(job: Job, on_event: EventSink, should_stop: StopCheck, options: RunOptions
              ) -> JobResult:
    """Trains the job's network once per activation of `options.sweep`, in one `fit`.

    Args:
        job: The base network, data set and training settings.
        on_event: Receives `Started`, each `Epoch` (with `branches`: per-activation
            logs) and, for a stopped run, its `Done` as soon as fitting ends.
        should_stop: Polled after every call into the training graph.
        options: `sweep` names the activations; `diagnostics` as for a run.

    Returns:
        A `JobResult` whose `branches` hold one result per activation, with
        the history, test metrics, heads and diagnostics that activation's
        network would have on its own.

    Raises:
        ValueError: For an unknown activation or a network that does not fit the data.
    """
    spec, train = job.model, job.train
    activations = tuple(dict.fromkeys(options.sweep))
    variants = {a: spec.with_hidden_activation(a) for a in activations}
    dataset = load_dataset(job.data)
    check_model_fits(spec, dataset)
    fit_rows, val_rows = split_rows(len(dataset.x_train), train.validation_split, train.seed)

    inputs = {n.name: keras.Input(shape=(len(n.columns),), name=n.name) for n in spec.inputs}
    built: dict[str, BuiltModel] = {
        a: build_graph(variants[a], train.seed, inputs=inputs, prefix=branch_prefix(a))
        for a in activations
    }
    ordered_inputs = [inputs[n.name] for n in spec.inputs]
    outputs = [out for a in activations for out in _outputs(built[a].model)]
    model = keras.Model(ordered_inputs, outputs, name="funcnet_sweep")

    def per_output(values: Mapping[str, Any]) -> Any:
        keyed = {branch_prefix(a) + h.name: values[h.name] for a in activations
                 for h in spec.outputs}
        # A model with one output takes plain values, as Keras expects.
        return next(iter(keyed.values())) if len(keyed) == 1 else keyed

    losses = per_output({h.name: h.loss for h in spec.outputs})
    single = len(spec.outputs) == 1
    weights = per_output({h.name: 1.0 if single else h.loss_weight for h in spec.outputs})
    metrics = per_output({h.name: ["mae"] if h.task == "regression" else ["accuracy"]
                          for h in spec.outputs})
    steps = math.ceil(len(fit_rows) / train.batch_size)
    model.compile(optimizer=make_optimizer(train), loss=losses, loss_weights=weights,
                  metrics=metrics, steps_per_execution=steps_per_execution(
                      model.count_params(), train.batch_size, steps, train.epochs))

    def targets(frame) -> Any:
        base = model_targets(spec, frame)
        base = base if isinstance(base, dict) else {spec.outputs[0].name: base}
        return per_output(base)

    def features(frame) -> dict[str, np.ndarray]:
        x = model_inputs(spec, frame)
        return x if isinstance(x, dict) else {spec.inputs[0].name: x}

    x_fit = features(dataset.x_train.iloc[fit_rows])
    y_fit = targets(dataset.y_train.iloc[fit_rows])
    diagnostics: dict[str, dict[str, float]] = {a: {} for a in activations}
    if options.diagnostics:
        x_batch = {k: v[:train.batch_size] for k, v in x_fit.items()}
        base_y = model_targets(spec, dataset.y_train.iloc[fit_rows[:train.batch_size]])
        for a in activations:
            diagnostics[a]["first_layer_grad_norm"] = first_layer_grad_norm(
                built[a].model, variants[a], _unwrap(x_batch, spec), base_y,
                prefix=branch_prefix(a))

    callback = StreamCallback(_branch_events(on_event, spec, activations), should_stop,
                              train.epochs, snapshot=True)
    on_event(Started(epochs=train.epochs, steps_per_epoch=steps, time=time.time(),
                     params=model.count_params(), train_rows=len(fit_rows),
                     validation_rows=len(val_rows), test_rows=len(dataset.x_test),
                     sweep=activations))
    validation, validation_steps = None, None
    if len(val_rows):
        validation_batch = max(train.batch_size, VALIDATION_BATCH)
        validation_steps = math.ceil(len(val_rows) / validation_batch)
        validation = batches(features(dataset.x_train.iloc[val_rows]),
                             targets(dataset.y_train.iloc[val_rows]), validation_batch, None)
    keras.utils.set_random_seed(train.seed)  # as in a single run: nothing random in between
    model.fit(batches(x_fit, y_fit, train.batch_size, seed=train.seed), steps_per_epoch=steps,
              validation_data=validation, validation_steps=validation_steps,
              validation_freq=callback.validation_freq,
              epochs=train.epochs, shuffle=False, verbose=0, callbacks=[callback])

    status, why = fit_outcome(callback, train, model)
    if status == "failed":
        return JobResult("failed", **why.result_fields())
    n_test = len(dataset.x_test)
    n_tested = tested_rows(status, model.count_params(), n_test)
    reason = ending(status, why, n_tested, n_test, on_event)

    x_test = _first_rows(_unwrap(features(dataset.x_test), spec), n_tested)
    histories = _split_history(callback.history, spec, activations)
    branches: dict[str, JobResult] = {}
    for a in activations:
        heads = head_results(variants[a], dataset,
                             call_model(built[a].model, x_test, n_tested))
        if options.diagnostics:
            rows = min(n_tested, DIAGNOSTIC_ROWS)
            diagnostics[a].update(unit_diagnostics(
                built[a], variants[a], _first_rows(x_test, rows), rows))
        branches[a] = JobResult(
            status=status, **reason, history=histories[a],
            epochs_run=callback.epochs_run, test_metrics=test_metrics(variants[a], heads),
            heads=heads, diagnostics=diagnostics[a], elapsed=callback.elapsed)
    first = branches[activations[0]]
    return JobResult(status=status, **reason, history=callback.history,
                     epochs_run=callback.epochs_run, test_metrics=first.test_metrics,
                     heads=first.heads, elapsed=callback.elapsed, branches=branches)


def _outputs(model: keras.Model) -> list[Any]:
    outputs = model.outputs
    return list(outputs) if isinstance(outputs, list | tuple) else [outputs]


def _unwrap(x: dict[str, np.ndarray], spec: ModelSpec) -> Any:
    """A lone input is passed as an array, as `model_inputs` does."""
    return x[spec.inputs[0].name] if len(spec.inputs) == 1 else x


def _first_rows(x: Any, rows: int) -> Any:
    if isinstance(x, dict):
        return {k: v[:rows] for k, v in x.items()}
    return x[:rows]

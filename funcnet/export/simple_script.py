"""The simple code export: a short notebook-style Keras script for reading and learning.

Beside the exact export (`funcnet.export.codegen`, which rebuilds the very
same model, initial weights, data split and metrics), `simple_script(job)`
writes about forty lines a beginner can read top to bottom: make or load
the data as numpy arrays, `keras.Input`, `layers.Dense` called on the
tensor before it, `keras.Model`, `compile`, `fit`, `evaluate`. It promises
the same *architecture* and the same data, not the same numbers: Keras
picks its own initial weights and takes its validation rows from the end.

It writes only what a plain stack of layers can say honestly: one input,
one chain of dense layers, one output head. `simple_blocker(job)` names what
stops a graph from being one (several inputs or heads, a shared layer, an
add or concatenate node); such a network has only the exact export.
Pure text, through the Jinja2 template `templates/simple.py.j2`.
"""

from __future__ import annotations

import textwrap

from funcnet.export import templating
from funcnet.export.keras_code import OPTIMIZER_CLASSES
from funcnet.export.pycode import MAX_LINE, list_lines, num, pack, py_str, wrap_call
from funcnet.export.script_data import (
    SKLEARN_DATA_IMPORTS,
    data_description,
    make_data_body,
)
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.spec import Job, ModelSpec, Node

SIMPLE_FILENAME = "funcnet_simple.py"
"""File name the interface offers for the simple script's download."""

BLOCKERS = ("several_inputs", "several_heads", "shared_layer", "merge")
"""What `simple_blocker` may answer: each names a graph part a layer stack cannot hold."""


def simple_blocker(spec: ModelSpec) -> str | None:
    """Tells why a network is not a plain stack of layers, or `None` when it is one.

    Args:
        spec: The model graph.

    Returns:
        One of `BLOCKERS`, or `None` (one input, one chain of dense layers,
        one output head).
    """
    if len(spec.inputs) > 1:
        return "several_inputs"
    if len(spec.outputs) > 1:
        return "several_heads"
    if any(node.type in ("add", "concatenate") for node in spec.nodes):
        return "merge"
    used = [source for node in spec.nodes for source in node.inputs]
    if any(len(node.inputs) > 1 for node in spec.nodes) or len(used) != len(set(used)):
        return "shared_layer"
    return None


def _layer_lines(node: Node, tensor: str, source: str) -> list[str]:
    """The lines that call one dense or output node's layers on `source`."""
    activation = py_str(ACTIVATIONS[node.activation].keras_identifier)
    if node.type == "dense" and node.batch_norm:
        lines = [f"{tensor} = layers.Dense({node.units})({source})",
                 f"{tensor} = layers.BatchNormalization()({tensor})",
                 f"{tensor} = layers.Activation({activation})({tensor})"]
    else:
        lines = [f"{tensor} = layers.Dense({node.units}, activation={activation})({source})"]
    if node.type == "dense" and node.dropout > 0:
        lines.append(f"{tensor} = layers.Dropout({num(node.dropout)})({tensor})")
    return lines


def _network_lines(spec: ModelSpec) -> list[str]:
    """`inputs = keras.Input(...)`, then every layer of the chain, ending in `outputs`."""
    source = spec.inputs[0]
    lines = [f"inputs = keras.Input(shape=({len(source.columns)},))"]
    tensor, name = "inputs", source.name
    chain = {node.inputs[0]: node for node in spec.nodes if node.inputs}
    while name in chain:
        node = chain[name]
        target = "outputs" if node.type == "output" else "h"
        lines += _layer_lines(node, target, tensor)
        tensor, name = target, node.name
    return lines


def _metric(head: Node) -> tuple[str, str]:
    """The head's metric: its Keras name and how the script's print calls it."""
    return ("mae", "mean absolute error") if head.task == "regression" else (
        "accuracy", "accuracy")


def simple_script(job: Job, *, csv_filename: str = "data.csv") -> str:
    """Writes the short notebook-style script of `job`'s network (same architecture).

    Args:
        job: The setup; its network must be a plain stack (`simple_blocker`
            answers `None`).
        csv_filename: For an uploaded CSV: the file name the script reads.

    Returns:
        The script's source code (it runs as it is and prints the test loss
        and metric).

    Raises:
        ValueError: If the network is not a plain stack of layers, or the
            data set cannot be made with its parameters.
    """
    spec, data, train = job.model, job.data, job.train
    blocker = simple_blocker(spec)
    if blocker is not None:
        raise ValueError(f"The simple export writes a plain stack of layers; this network "
                         f"has {blocker.replace('_', ' ')}: use the exact export.")
    head = spec.outputs[0]
    columns = spec.inputs[0].columns
    csv = data.name == "csv"
    sklearn = {"sklearn.model_selection": "train_test_split",
               "sklearn.preprocessing": "StandardScaler"}
    if not csv and data.name in SKLEARN_DATA_IMPORTS:
        sklearn["sklearn.datasets"] = SKLEARN_DATA_IMPORTS[data.name]
    doc, body = ("", []) if csv else make_data_body(job)
    metric, metric_text = _metric(head)
    early = []
    if train.early_stopping_patience:
        monitor = "val_loss" if train.validation_split > 0 else "loss"
        early = wrap_call("", "early_stopping = keras.callbacks.EarlyStopping", [
            f"monitor={py_str(monitor)}", f"patience={train.early_stopping_patience}",
            "restore_best_weights=True"])
    return templating.render(
        "simple.py.j2",
        about=textwrap.wrap(
            "The same architecture and data as in funcnet, in the notebook's steps: data as "
            "numpy arrays, Input, Dense, Model, compile, fit, evaluate. Keras picks its own "
            "initial weights and validation rows here, so the numbers differ a little from "
            "funcnet's run; funcnet's exact script reproduces the run itself.",
            width=MAX_LINE - 20),
        data_label=textwrap.wrap(f"Data:   {data_description(data)}", width=MAX_LINE,
                                 subsequent_indent=" " * 8),
        filename=SIMPLE_FILENAME,
        csv=py_str(csv_filename) if csv else None,
        sklearn_imports=[f"from {module} import {name}"
                         for module, name in sorted(sklearn.items())],
        data_seed=data.seed, seed=train.seed,
        columns=list_lines(columns, "", "COLUMNS = ", ""),
        target=py_str(head.target),
        classes=head.task != "regression",
        data_doc=textwrap.wrap(doc, width=MAX_LINE - 4, initial_indent='    """',
                               subsequent_indent="    "),
        data_body=[f"    {line}" if line else "" for line in body],
        test_fraction=num(round(data.test_fraction, 3)),
        network=_network_lines(spec),
        optimizer=f"keras.optimizers.{OPTIMIZER_CLASSES[train.optimizer]}"
                  f"(learning_rate={num(train.learning_rate)})",
        loss=py_str(head.loss), metric=py_str(metric), metric_text=metric_text,
        early_stopping=early,
        fit=pack(["x_train", "y_train", f"epochs={train.epochs}", f"batch_size={train.batch_size}",
                  *([f"validation_split={num(train.validation_split)}"]
                    if train.validation_split > 0 else []), "verbose=2",
                  *(["callbacks=[early_stopping]"] if early else [])],
                 "", "history = model.fit(", ")"),
    )

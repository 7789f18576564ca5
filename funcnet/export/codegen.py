"""Code export: a job as a self-contained, runnable Keras functional-API script.

`generate_script(job)` writes the Python a learner would write by hand in
the notebook's style — `Input(...)`, layers called on tensors,
`Model(inputs=..., outputs=...)`, `compile`, `fit`, `evaluate`, then
scikit-learn's report, confusion matrix and ROC AUC — and that reproduces
what funcnet does:

- the *same data*: the script makes or loads the data set exactly as
  `funcnet.data.datasets` does (same generator and parameters, same seeded,
  stratified train/test split, a `StandardScaler` fitted on the training
  rows only) without importing funcnet;
- the *same network*: same layer types, names, units, activations and
  connections as `funcnet.engine.builder.build_model`, including the
  per-node initialiser seeds, so the initial weights match too;
- the *same training*: the engine's seeded validation split, optimizer,
  losses, loss weights, metrics, and `keras.utils.set_random_seed` right
  before `fit`.

The script keeps the network in a `build_model()` function and runs only
under `if __name__ == "__main__":`, so tests (and curious learners) can
import it and inspect the model without training. Like every core module,
this one imports neither Keras nor Streamlit: it only writes text, through the
Jinja2 template `templates/script.py.j2`. The pieces come from `pycode`
(Python literals and layout), `keras_code` (layers, optimizer, the network)
and `script_data` (the data set); `split_rows` and `batches` are the
engine's own functions (`funcnet.engine.portable`), copied in as source.
"""

from __future__ import annotations

import inspect
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from funcnet.engine import portable
from funcnet.export import templating
from funcnet.export.keras_code import OPTIMIZER_CLASSES, model_lines, optimizer_call
from funcnet.export.pycode import (
    MAX_LINE,
    columns_expression,
    count,
    dict_lines,
    imports,
    list_lines,
    num,
    pack_arg,
    py_str,
    wrap_call,
)
from funcnet.export.script_data import (
    SKLEARN_DATA_IMPORTS,
    data_description,
    make_data_body,
    targets_of,
)
from funcnet.model.spec import Job, Node

__all__ = ["CODEGEN_HEADER", "SCRIPT_FILENAME", "columns_expression", "generate_script",
           "py_str"]

SCRIPT_FILENAME = "funcnet_model.py"
"""File name the interface offers for the download."""

CODEGEN_HEADER = '''"""{title}

Exported from funcnet. This script rebuilds your network with the Keras
functional API, makes the same data set the same way (same seed, same
train/test split, same standardisation), trains it with the same settings
and seeds, and prints how it does on the test set.

Run it:   python {filename}
Needs:    keras with the TensorFlow backend, scikit-learn, numpy, pandas

Network:  {network}
Data:     {data}
Training: {training}
"""'''
"""Template of the script's docstring.

Placeholders: `title` (one line), `filename`, `network` (node and parameter
counts), `data` (catalogue label and parameters) and `training` (optimizer,
learning rate, epochs, batch size, validation share, seed). Only catalogue
text and numbers go in, never user-typed text, so the docstring stays valid
Python whatever the user named things.
"""


def generate_script(job: Job, *, csv_filename: str = "data.csv") -> str:
    """Writes a runnable Keras functional-API script that reproduces `job`.

    The script has `make_data()` and `load_data()` (the data set, made and
    split exactly as funcnet does), `build_model()` (the network, same
    layer names, connections and initial weights as funcnet's engine),
    the engine's own `split_rows` and `batches` (copied from
    `funcnet.engine.portable`), and `main()` (compile, fit, evaluate,
    classification report, confusion matrix, ROC AUC or regression errors),
    run only under `if __name__ == "__main__":`. It passes `ruff check` and
    imports no funcnet code.

    Args:
        job: The network, data set choice and training settings.
        csv_filename: For an uploaded CSV data set: the path the script
            reads the file from (funcnet only keeps the file's hash).

    Returns:
        The script's source code.

    Raises:
        ValueError: If the data set cannot be made with these parameters
            (e.g. too few features for the classes) or no head predicts an
            uploaded CSV's target.
    """
    spec, data, train = job.model, job.data, job.train
    heads = spec.outputs
    classifier = any(h.task != "regression" for h in heads)
    regressor = any(h.task == "regression" for h in heads)
    doc_data, make_body = make_data_body(job)
    model_code, used = model_lines(job)
    first_target, first_task = targets_of(job)[0]
    return templating.render(
        "script.py.j2",
        header=_header(job),
        imports=_script_imports(job, used, classifier, regressor),
        data_seed=data.seed, test_fraction=num(data.test_fraction), seed=train.seed,
        epochs=train.epochs, batch_size=train.batch_size,
        learning_rate=num(train.learning_rate), validation_split=num(train.validation_split),
        patience=train.early_stopping_patience,
        validation_batch=portable.VALIDATION_BATCH,
        csv=(None if data.name != "csv" else {
            "path": py_str(csv_filename), "sha256": py_str(data.param("sha256")),
            "target": py_str(data.param("target"))}),
        input_columns=dict_lines("INPUT_COLUMNS", [
            (py_str(n.name), list_lines(n.columns, "    ", "", ",")) for n in spec.inputs]),
        target_columns=dict_lines("TARGETS", [(py_str(h.name), [f"{py_str(h.target)},"])
                                              for h in heads]),
        data_summary=textwrap.wrap(doc_data, width=MAX_LINE - 4, initial_indent='    """',
                                   subsequent_indent="    "),
        data_body=[f"    {line}" if line else "" for line in make_body],
        stratify=(f"targets[{py_str(first_target)}]" if first_task != "regression"
                  else "None"),
        target_frame=[
            f"{py_str(target)}: targets[{py_str(target)}][part]"
            f".astype({'np.float32' if task == 'regression' else 'np.int64'}),"
            for target, task in targets_of(job)],
        model_lines=model_code[1:],  # the first entry is a blank separator
        split_rows_source=_source(portable.split_rows),
        batches_source=_source(portable.batches),
        single_input=py_str(spec.inputs[0].name) if len(spec.inputs) == 1 else None,
        model_targets=_model_targets(heads),
        classifier=classifier, regressor=regressor, several_heads=len(heads) > 1,
        compile_lines=_compile_lines(job),
        report_calls=_report_calls(heads),
    )


def _source(function: Callable[..., Any]) -> str:
    """The source of an engine helper, as the script carries it (no trailing newline)."""
    return inspect.getsource(function).rstrip("\n")


def _header(job: Job) -> str:
    """The script's docstring: what it is, how to run it, and the setup in numbers."""
    spec, train = job.model, job.train
    header = CODEGEN_HEADER.format(
        title="A Keras functional-API network exported from funcnet.",
        filename=SCRIPT_FILENAME,
        network=f"{len(spec.nodes)} nodes ({count(len(spec.inputs), 'input')}, "
                f"{count(len(spec.outputs), 'output head')}), "
                f"{spec.total_params():,} parameters",
        data=data_description(job.data),
        training=f"{OPTIMIZER_CLASSES[train.optimizer]}, learning rate "
                 f"{num(train.learning_rate)}, {train.epochs} epochs of batch "
                 f"{train.batch_size}, {train.validation_split:.0%} validation, seed {train.seed}"
                 + (f", early stopping after {train.early_stopping_patience} epochs without "
                    "improvement" if train.early_stopping_patience else ""),
    )
    return "\n".join(
        "\n".join(textwrap.wrap(line, width=MAX_LINE, subsequent_indent=" " * 10)) or line
        for line in header.splitlines())


def _script_imports(job: Job, used: set[str], classifier: bool, regressor: bool) -> list[str]:
    """The script's import lines: the standard library, then numpy, Keras and scikit-learn."""
    data = job.data
    modules: dict[str, set[str]] = {
        "keras": set(), "keras.initializers": set(), "keras.layers": set(),
        "keras.optimizers": {OPTIMIZER_CLASSES[job.train.optimizer]},
        "keras.utils": {"set_random_seed"},
        "keras.callbacks": {"EarlyStopping"} if job.train.early_stopping_patience else set(),
        "sklearn.model_selection": {"train_test_split"},
        "sklearn.preprocessing": {"StandardScaler"},
    }
    stdlib: set[str] = {"math"}
    if data.name == "csv":
        stdlib |= {"csv", "hashlib", "io"}
    elif data.name in SKLEARN_DATA_IMPORTS:
        modules["sklearn.datasets"] = {SKLEARN_DATA_IMPORTS[data.name]}
    for cls in used:
        module = {"Input": "keras", "Model": "keras", "GlorotUniform": "keras.initializers"}
        modules[module.get(cls, "keras.layers")].add(cls)
    if classifier:
        modules["sklearn.metrics"] = {"classification_report", "confusion_matrix",
                                      "roc_auc_score"}
    if regressor:
        modules.setdefault("sklearn.metrics", set()).update(
            {"mean_absolute_error", "mean_squared_error", "r2_score"})
    return imports(stdlib, {m: names for m, names in modules.items() if names})


def _target_expr(head: Node) -> str:
    dtype = "np.int32" if head.task == "multiclass" else "np.float32"
    return f"frame[TARGETS[{py_str(head.name)}]].to_numpy({dtype})"


def _model_targets(heads: Sequence[Node]) -> list[str]:
    """The body of the script's `model_targets(frame)`: one array, or a dict per head."""
    if len(heads) == 1:
        return [f"    return {_target_expr(heads[0])}"]
    lines = ["    return {"]
    for h in heads:
        entry = f"        {py_str(h.name)}: {_target_expr(h)},"
        if len(entry) > MAX_LINE:
            entry = f"        {py_str(h.name)}: (\n            {_target_expr(h)}\n        ),"
        lines.append(entry)
    return [*lines, "    }"]


def _metrics(task: str) -> str:
    return {"binary": '["accuracy"]', "multiclass": '["accuracy"]',
            "regression": '["mae"]'}[task]


def _compile_lines(job: Job) -> list[str]:
    """The arguments of the script's `model.compile(...)`, one per line."""
    heads = job.model.outputs
    optimizer = optimizer_call(job.train.optimizer, "LEARNING_RATE")
    if len(heads) == 1:
        args = [f"optimizer={optimizer},", f"loss={py_str(heads[0].loss)},",
                f"metrics={_metrics(heads[0].task)},"]
    else:
        args = [
            f"optimizer={optimizer},",
            "loss={" + ", ".join(f"{py_str(h.name)}: {py_str(h.loss)}" for h in heads) + "},",
            "loss_weights={" + ", ".join(f"{py_str(h.name)}: {num(h.loss_weight)}"
                                         for h in heads) + "},",
            "metrics={" + ", ".join(f"{py_str(h.name)}: {_metrics(h.task)}"
                                    for h in heads) + "},",
        ]
    return [line for arg in args for line in pack_arg(arg, "        ")]


def _report_calls(heads: Sequence[Node]) -> list[str]:
    """The script's closing calls: one report per head, on the test set."""
    lines: list[str] = []
    for position, head in enumerate(heads):
        pred = "predictions" if len(heads) == 1 else f"predictions[{position}]"
        truth = f"y_test[TARGETS[{py_str(head.name)}]].to_numpy()"
        if head.task == "regression":
            lines += wrap_call("    ", "report_regression", [py_str(head.name), truth, pred])
        else:
            lines += wrap_call("    ", "report_classifier", [
                py_str(head.name), truth, pred, f"classes[TARGETS[{py_str(head.name)}]]",
                f"binary={head.task == 'binary'}"])
    return lines

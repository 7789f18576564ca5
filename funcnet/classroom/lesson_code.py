"""The Keras code the lesson's steps add up to, and the parameter table of step 4.

Steps 1..k of the notebook, written in its functional-API style for the
current choices (every Keras call from `funcnet.export.keras_code`, the one
writer the exported script uses too):

    inputs = Input(shape=(20,))
    x = Dense(64, activation="relu")(inputs)
    outputs = Dense(1, activation="sigmoid")(x)
    model = Model(inputs=inputs, outputs=outputs)
    ...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from funcnet.classroom.lesson import check_step, network_of
from funcnet.export.keras_code import (
    OPTIMIZER_CLASSES,
    dense_call,
    dropout_call,
    input_call,
    optimizer_call,
)
from funcnet.model.spec import DataSpec, Job, ModelSpec


@dataclass(frozen=True)
class CodeLine:
    """One line of the lesson's code.

    Args:
        step: The step (1..7) that adds the line.
        text: The Python line.
        is_import: Whether it is an import (imports are gathered at the top).
    """

    step: int
    text: str
    is_import: bool = False


def split_sizes(data: DataSpec) -> tuple[int, int]:
    """Returns how many training and test rows a data set choice makes.

    The same rule as `funcnet.data.datasets` uses to split (a test share of the rows,
    at least one row on each side).

    Args:
        data: A data set choice with an `n_samples` parameter.

    Returns:
        `(training rows, test rows)`.
    """
    n = int(data.param("n_samples"))
    n_test = min(max(1, round(float(data.test_fraction) * n)), n - 1)
    return n - n_test, n_test


def _number(value: float) -> str:
    """A float as short, valid Python (0.001, 1e-05, 0.2)."""
    return f"{float(value):g}"


def step_lines(job: Job, step: int) -> tuple[CodeLine, ...]:
    """Returns the lines step `step` adds to the lesson's code, for `job`'s choices.

    Args:
        job: A lesson setup.
        step: The step, 1..7.

    Returns:
        The step's lines (its imports first).

    Raises:
        ValueError: If `job` is not a lesson setup or `step` is not in 1..7.
    """
    check_step(step)
    network = network_of(job)
    train = job.train
    train_rows, test_rows = split_sizes(job.data)

    def body(*texts: str) -> tuple[CodeLine, ...]:
        return tuple(CodeLine(step, text) for text in texts)

    def imports(*texts: str) -> tuple[CodeLine, ...]:
        return tuple(CodeLine(step, text, is_import=True) for text in texts)

    if step == 1:
        return imports("from keras import Input") + body(
            f"inputs = {input_call(network.features)}")
    if step == 2:
        dropout = any(layer.dropout > 0 for layer in network.hidden)
        lines = []
        source = "inputs"
        for layer in network.hidden:
            lines.append(f"x = {dense_call(layer.units, layer.activation)}({source})")
            source = "x"
            if layer.dropout > 0:
                lines.append(f"x = {dropout_call(_number(layer.dropout))}(x)")
        return imports("from keras.layers import Dense" + (", Dropout" if dropout else "")) \
            + body(*lines)
    if step == 3:
        return body(f"outputs = {dense_call(1, network.output_activation)}(x)")
    if step == 4:
        return imports("from keras import Model") + body(
            "model = Model(inputs=inputs, outputs=outputs)", "model.summary()")
    if step == 5:
        optimizer = OPTIMIZER_CLASSES[train.optimizer]
        loss = job.model.outputs[0].loss
        return imports(f"from keras.optimizers import {optimizer}") + body(
            "model.compile(",
            f"    optimizer={optimizer_call(train.optimizer, _number(train.learning_rate))},",
            f'    loss="{loss}",',
            '    metrics=["accuracy"],',
            ")",
        )
    if step == 6:
        return imports("import numpy as np") + body(
            f"rng = np.random.default_rng({job.data.seed})",
            f"X_train = rng.random(({train_rows}, {network.features}))",
            f"y_train = rng.integers(0, 2, size={train_rows})",
            "history = model.fit(",
            "    X_train,",
            "    y_train,",
            f"    epochs={train.epochs},",
            f"    batch_size={train.batch_size},",
            f"    validation_split={_number(train.validation_split)},",
            ")",
        )
    return body(
        f"X_test = rng.random(({test_rows}, {network.features}))",
        f"y_test = rng.integers(0, 2, size={test_rows})",
        "loss, accuracy = model.evaluate(X_test, y_test)",
    )


def lesson_code(job: Job, upto: int) -> tuple[CodeLine, ...]:
    """Returns the code of steps 1..`upto`: their imports on top, then their lines.

    Args:
        job: A lesson setup.
        upto: The last step included, 1..7.

    Returns:
        The lines, in the order they are shown.

    Raises:
        ValueError: If `job` is not a lesson setup or `upto` is not in 1..7.
    """
    check_step(upto)
    lines = [line for step in range(1, upto + 1) for line in step_lines(job, step)]
    return (tuple(line for line in lines if line.is_import)
            + tuple(line for line in lines if not line.is_import))


def code_text(lines: Sequence[CodeLine], marked_step: int | None = None,
              marker: str = "") -> str:
    """Joins code lines into one text, marking the lines of one step.

    Args:
        lines: `lesson_code` output.
        marked_step: Lines of this step get a trailing `# ← <marker>` comment
            (`None`: no marks).
        marker: The comment's words, e.g. `"step 3"`.

    Returns:
        The code; the marks are Python comments, so it still runs.
    """
    return "\n".join(
        f"{line.text}  # ← {marker}" if line.step == marked_step else line.text
        for line in lines
    )


@dataclass(frozen=True)
class LayerParams:
    """One row of the parameter table of step 4.

    Args:
        name: The node's name in the setup.
        kind: `"input"`, `"dense"` or `"output"`.
        call: The Keras call that makes it, e.g. `'Dense(64, activation="relu")'`.
        inputs: Width of what flows in (0 for the input).
        units: Width of what flows out.
        params: Its parameters: `inputs × units` weights plus `units` biases.
    """

    name: str
    kind: str
    call: str
    inputs: int
    units: int
    params: int


def param_rows(model: ModelSpec) -> tuple[LayerParams, ...]:
    """Returns the parameter table of a network, layer by layer, from the spec alone.

    Args:
        model: The network.

    Returns:
        One row per node in topological order; the counts are
        `model.param_counts()`, so they sum to `model.total_params()`.
    """
    counts = model.param_counts()
    rows = []
    for name in model.order:
        node = model.node(name)
        if node.type == "input":
            call = input_call(len(node.columns))
            rows.append(LayerParams(name, "input", call, 0, len(node.columns), counts[name]))
            continue
        call = (dense_call(node.units, node.activation) if node.type in ("dense", "output")
                else node.type)
        rows.append(LayerParams(name, node.type, call, model.input_width(name),
                                model.shape_of(name).width, counts[name]))
    return tuple(rows)

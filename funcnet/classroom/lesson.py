"""The notebook as a lesson: its seven steps and the Keras code they add up to.

The teaching notebook builds its network in seven steps: define the input,
add hidden layers, add the output layer, create the model, compile it,
train it, evaluate it. This module knows those steps, reads a setup as the
lesson's kind of network (a plain stack on the random-label data set),
edits it one step's choice at a time, and writes the functional-API code of
steps 1..k in the notebook's style, reflecting the current choices:

    inputs = Input(shape=(20,))
    x = Dense(64, activation="relu")(inputs)
    outputs = Dense(1, activation="sigmoid")(x)
    model = Model(inputs=inputs, outputs=outputs)
    ...

It also holds the numbers behind the lessons' closing words: what a coin
flip scores on a given test set, and which conclusion a run's metrics
support. Like every core module it imports neither Streamlit nor Keras;
texts are chosen here by id and written by the interface.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from funcnet.analysis.evaluation import head_summary
from funcnet.export.keras_code import (
    OPTIMIZER_CLASSES,
    dense_call,
    dropout_call,
    input_call,
    optimizer_call,
)
from funcnet.model.presets import PRESETS, HiddenLayer, columns, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node
from funcnet.train.results import JobResult

STEPS = ("input", "hidden", "output", "model", "compile", "fit", "evaluate")
"""The notebook's seven steps, in order; step k (1-based) is `STEPS[k - 1]`."""

RANDOM_DATASET = "seed-random"
"""The notebook's data set: uniform features with coin-flip labels."""

SIGNAL_DATASET = "classification"
"""Lesson 2's data set with signal, made with the same shape as the random one."""

MEMORISATION_GAP = 0.05
"""Training accuracy this far above validation accuracy counts as memorising."""

LEARNED_AUC = 0.7
"""A test AUC from here up counts as having found signal."""

_Z95 = 1.959963984540054  # two-sided 95% quantile of the standard normal


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


@dataclass(frozen=True)
class LessonNetwork:
    """A setup read as the lesson's network.

    Args:
        features: Width of the input (the random-label set's feature count).
        hidden: Hidden layers, first to last.
        output_activation: Activation of the one-unit output.
    """

    features: int
    hidden: tuple[HiddenLayer, ...]
    output_activation: str


def check_step(step: int) -> int:
    """Returns `step` if it is a step number of the lesson.

    Args:
        step: A step number.

    Returns:
        The same number.

    Raises:
        ValueError: If it is not in 1..7.
    """
    if isinstance(step, bool) or not isinstance(step, int) or not 1 <= step <= len(STEPS):
        raise ValueError(f"Lesson: 'step' must be a whole number in 1..{len(STEPS)}, "
                         f"received {step!r}.")
    return step


def notebook_job() -> Job:
    """Returns the notebook's setup: the `seed` preset (its network, data and training)."""
    return PRESETS["seed"].job


def lesson_network(job: Job) -> LessonNetwork | None:
    """Reads `job` as the lesson's network, if it is one.

    The lesson's network is what the notebook's seven steps can write: the
    random-label data set, one input taking its feature columns, a chain of
    at least one dense layer (dropout allowed, batch normalisation not) and
    one binary head with binary cross-entropy.

    Args:
        job: A setup.

    Returns:
        The `LessonNetwork`, or `None` when the setup is anything else.
    """
    model = job.model
    if job.data.name != RANDOM_DATASET or len(model.inputs) != 1 or len(model.outputs) != 1:
        return None
    width = job.data.param("n_features")
    if model.inputs[0].columns != columns("x", width):
        return None
    hidden: list[HiddenLayer] = []
    previous = model.inputs[0].name
    while True:
        following = [n for n in model.nodes if previous in n.inputs]
        if len(following) != 1 or len(following[0].inputs) != 1:
            return None
        node = following[0]
        if node.type == "output":
            break
        if node.type != "dense" or node.batch_norm:
            return None
        hidden.append(HiddenLayer(node.units, node.activation, node.dropout))
        previous = node.name
    head = model.outputs[0]
    if not hidden or head.task != "binary" or head.loss != "binary_crossentropy":
        return None
    return LessonNetwork(width, tuple(hidden), head.activation)


def _rebuild(job: Job, network: LessonNetwork) -> Job:
    head = job.model.outputs[0]
    model = stack(columns("x", network.features), network.hidden,
                  Node(**{**head.to_dict(), "activation": network.output_activation}))
    return replace(job, model=model)


def _network_of(job: Job) -> LessonNetwork:
    network = lesson_network(job)
    if network is None:
        raise ValueError("Lesson: the setup is not the lesson's kind of network (a plain "
                         "stack with one binary head on the random-label data set).")
    return network


def with_features(job: Job, features: int) -> Job:
    """Returns the lesson's setup with `features` random feature columns.

    The data set's `n_features` and the input's columns change together.

    Args:
        job: A lesson setup (`lesson_network(job)` is not `None`).
        features: The new input width.

    Returns:
        The new, validated setup.

    Raises:
        ValueError: If `job` is not a lesson setup or `features` is out of range.
    """
    network = _network_of(job)
    params = {**dict(job.data.params), "n_features": features}
    data = DataSpec(job.data.name, tuple(params.items()), job.data.test_fraction, job.data.seed)
    return _rebuild(replace(job, data=data),
                    replace(network, features=data.param("n_features")))


def with_hidden(job: Job, hidden: Sequence[HiddenLayer]) -> Job:
    """Returns the lesson's setup with other hidden layers.

    Args:
        job: A lesson setup.
        hidden: The hidden layers, first to last (at least one).

    Returns:
        The new, validated setup.

    Raises:
        ValueError: If `job` is not a lesson setup, `hidden` is empty or a layer is invalid.
    """
    network = _network_of(job)
    if not hidden:
        raise ValueError("Lesson: the network needs at least one hidden layer, received none.")
    return _rebuild(job, replace(network, hidden=tuple(hidden)))


def with_output_activation(job: Job, activation: str) -> Job:
    """Returns the lesson's setup with another activation on the output unit.

    Args:
        job: A lesson setup.
        activation: A name from the activation registry.

    Returns:
        The new, validated setup.

    Raises:
        ValueError: If `job` is not a lesson setup or the activation is unknown.
    """
    return _rebuild(job, replace(_network_of(job), output_activation=activation))


# --------------------------------------------------------------------------- the code


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
    network = _network_of(job)
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


# --------------------------------------------------------------------------- parameters


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


# --------------------------------------------------------------------------- conclusions


@dataclass(frozen=True)
class RunNumbers:
    """The numbers a lesson's conclusion rests on, from one finished binary run.

    Args:
        test_accuracy: Accuracy on the test rows.
        test_auc: ROC AUC on the test rows.
        train_accuracy: Training accuracy of the last epoch.
        val_accuracy: Validation accuracy of the last epoch (`None` without validation).
        positives: Test rows of class 1.
        negatives: Test rows of class 0.
    """

    test_accuracy: float
    test_auc: float
    train_accuracy: float
    val_accuracy: float | None
    positives: int
    negatives: int

    @property
    def test_rows(self) -> int:
        """Number of test rows."""
        return self.positives + self.negatives

    @property
    def memorised(self) -> bool:
        """Whether training accuracy ended well above validation accuracy."""
        return (self.val_accuracy is not None
                and self.train_accuracy - self.val_accuracy >= MEMORISATION_GAP)

    @property
    def learned(self) -> bool:
        """Whether the test AUC shows the network found signal."""
        return math.isfinite(self.test_auc) and self.test_auc >= LEARNED_AUC

    @property
    def accuracy_band(self) -> float:
        """Half-width of the range a coin's accuracy lands in (95%) on these test rows."""
        return coin_accuracy_band(self.test_rows)

    @property
    def auc_band(self) -> float:
        """Half-width of the range a coin's AUC lands in (95%) on these test rows."""
        return coin_auc_band(self.positives, self.negatives)

    @property
    def like_a_coin(self) -> bool:
        """Whether both test accuracy and AUC are within a coin's usual range of 0.5."""
        return (abs(self.test_accuracy - 0.5) <= self.accuracy_band
                and abs(self.test_auc - 0.5) <= self.auc_band)


def coin_accuracy_band(rows: int) -> float:
    """Returns how far from 0.5 a coin's accuracy lands in 95% of test sets of `rows` rows.

    Args:
        rows: Test rows (at least 1).

    Returns:
        `1.96 · 0.5 / √rows` (the normal approximation of the binomial).

    Raises:
        ValueError: If `rows` < 1.
    """
    if rows < 1:
        raise ValueError(f"Lesson: 'rows' must be at least 1, received {rows!r}.")
    return _Z95 * 0.5 / math.sqrt(rows)


def coin_auc_band(positives: int, negatives: int) -> float:
    """Returns how far from 0.5 the AUC of random scores lands in 95% of test sets.

    Args:
        positives: Test rows of class 1 (at least 1).
        negatives: Test rows of class 0 (at least 1).

    Returns:
        `1.96 · √((n₁ + n₀ + 1) / (12 n₁ n₀))`: the spread of the Mann–Whitney
        statistic (which the AUC is) when scores do not depend on the class.

    Raises:
        ValueError: If a class has no row.
    """
    if positives < 1 or negatives < 1:
        raise ValueError("Lesson: the AUC needs rows of both classes, received "
                         f"{positives!r} positive and {negatives!r} negative.")
    return _Z95 * math.sqrt((positives + negatives + 1) / (12 * positives * negatives))


def run_numbers(result: JobResult) -> RunNumbers | None:
    """Reads the numbers of a finished single-head binary run.

    Args:
        result: A run's result.

    Returns:
        The `RunNumbers`, or `None` when the run left no binary test
        predictions or no training accuracy.
    """
    if not result.ok or len(result.heads) != 1:
        return None
    head = next(iter(result.heads.values()))
    accuracy = result.history.get("accuracy")
    if head.task != "binary" or not accuracy:
        return None
    truth = np.asarray(head.y_true).ravel()
    positives = int(np.count_nonzero(truth == 1))
    negatives = int(truth.size - positives)
    if positives == 0 or negatives == 0:
        return None
    summary = head_summary(head)
    validation = result.history.get("val_accuracy")
    return RunNumbers(float(summary["accuracy"]), float(summary["auc"]), float(accuracy[-1]),
                      float(validation[-1]) if validation else None, positives, negatives)


Note = tuple[str, dict[str, Any]]
"""A conclusion sentence: its text id (without the `lessons.` prefix) and its values."""


def _values(numbers: RunNumbers, prefix: str = "") -> dict[str, Any]:
    return {
        f"{prefix}accuracy": numbers.test_accuracy,
        f"{prefix}auc": numbers.test_auc,
        f"{prefix}train": numbers.train_accuracy,
        f"{prefix}val": numbers.val_accuracy if numbers.val_accuracy is not None else math.nan,
        f"{prefix}rows": numbers.test_rows,
        f"{prefix}band": numbers.accuracy_band,
        f"{prefix}auc_band": numbers.auc_band,
    }


def evaluate_notes(numbers: RunNumbers, random_labels: bool) -> tuple[Note, ...]:
    """Chooses the closing sentences of step 7 from a run's numbers.

    Args:
        numbers: The run's numbers.
        random_labels: Whether it trained on the random-label data set.

    Returns:
        Sentence ids and their values, in reading order.
    """
    values = _values(numbers)
    notes: list[Note] = [("end.scores", values)]
    if random_labels:
        notes.append(("end.random_chance" if numbers.like_a_coin else "end.random_lucky",
                      values))
        if numbers.val_accuracy is None:
            notes.append(("end.no_validation", values))
        else:
            notes.append(("end.memorised" if numbers.memorised else "end.not_memorised",
                          values))
        notes.append(("end.next", values))
    else:
        notes.append(("end.signal_learned" if numbers.learned else "end.signal_weak", values))
    return tuple(notes)


def noise_notes(noise: RunNumbers, signal: RunNumbers) -> tuple[Note, ...]:
    """Chooses lesson 2's conclusion from the random-label run and the run with signal.

    Args:
        noise: Numbers of the run on random labels.
        signal: Numbers of the same network on the data set with signal.

    Returns:
        Sentence ids and their values, in reading order.
    """
    values = {**_values(noise, "noise_"), **_values(signal, "signal_")}
    notes: list[Note] = [
        ("noise.end_coin" if noise.like_a_coin else "noise.end_lucky", values),
    ]
    notes.append(("noise.end_memorised" if noise.memorised else "noise.end_not_memorised",
                  values))
    notes.append(("noise.end_signal" if signal.learned else "noise.end_signal_weak", values))
    notes.append(("noise.end_moral", values))
    return tuple(notes)


def noise_pair(epochs: int, seed: int = 42) -> dict[str, Job]:
    """Returns lesson 2's two setups: the notebook's network on noise and on signal.

    Both use the same network, training settings and seeds; the data sets
    have the same shape (rows, 20 features, train/test split), one with
    coin-flip labels, one from scikit-learn's `make_classification`.

    Args:
        epochs: Epochs of both runs.
        seed: Seed of the training (weights, shuffling) of both runs.

    Returns:
        `{"noise": job, "signal": job}`.

    Raises:
        ValueError: If `epochs` or `seed` is out of range.
    """
    base = notebook_job()
    train = replace(base.train, epochs=epochs, seed=seed)
    noise_data = base.data
    rows, width = noise_data.param("n_samples"), noise_data.param("n_features")
    signal_data = DataSpec(SIGNAL_DATASET, (("n_samples", rows), ("n_features", width)),
                           noise_data.test_fraction, noise_data.seed)
    return {"noise": replace(base, train=train),
            "signal": Job(base.model, signal_data, train)}

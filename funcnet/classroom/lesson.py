"""The notebook as a lesson: its seven steps, its kind of network and the edits a step makes.

The teaching notebook builds its network in seven steps: define the input,
add hidden layers, add the output layer, create the model, compile it,
train it, evaluate it. This module knows those steps, reads a setup as the
lesson's kind of network (a plain stack on the random-label data set),
edits it one step's choice at a time, and makes lesson 2's pair of setups
(the same network on noise and on signal).

The code the steps add up to is `funcnet.classroom.lesson_code`; the
numbers behind the lessons' closing words are `funcnet.classroom.conclusions`.
Like every core module it imports neither Streamlit nor Keras.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from funcnet.model.presets import PRESETS, HiddenLayer, columns, stack
from funcnet.model.spec import DataSpec, Job, Node

STEPS = ("input", "hidden", "output", "model", "compile", "fit", "evaluate")
"""The notebook's seven steps, in order; step k (1-based) is `STEPS[k - 1]`."""

RANDOM_DATASET = "seed-random"
"""The notebook's data set: uniform features with coin-flip labels."""

SIGNAL_DATASET = "classification"
"""Lesson 2's data set with signal, made with the same shape as the random one."""


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


def network_of(job: Job) -> LessonNetwork:
    """Returns `lesson_network(job)`, refusing a setup that is not a lesson network.

    Args:
        job: A setup.

    Returns:
        Its `LessonNetwork`.

    Raises:
        ValueError: If the setup is not the lesson's kind of network.
    """
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
    network = network_of(job)
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
    network = network_of(job)
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
    return _rebuild(job, replace(network_of(job), output_activation=activation))


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

"""The lesson's steps, the code they grow, and the numbers behind its conclusions."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from funcnet.classroom import conclusions, lesson, lesson_code
from funcnet.data.datasets import load_dataset
from funcnet.model.presets import PRESETS, HiddenLayer
from funcnet.model.spec import DataSpec, Job
from funcnet.train.results import HeadResult, JobResult


def notebook() -> Job:
    return lesson.notebook_job()


def texts(lines) -> list[str]:
    return [line.text for line in lines]


def edited() -> Job:
    """A lesson setup with every step's choice moved away from the notebook's."""
    job = lesson.with_features(notebook(), 7)
    job = lesson.with_hidden(job, [HiddenLayer(16, "tanh"), HiddenLayer(8, "elu", 0.25),
                                   HiddenLayer(4, "leaky_relu")])
    job = lesson.with_output_activation(job, "sigmoid")
    train = replace(job.train, optimizer="rmsprop", learning_rate=0.005, epochs=3,
                    batch_size=16, validation_split=0.25)
    data = DataSpec("seed-random", (("n_samples", 150), ("n_features", 7)), 0.2, seed=3)
    return replace(job, train=train, data=data)


# ------------------------------------------------------------------ reading a setup


def test_the_notebook_network_is_a_lesson_network():
    network = lesson.lesson_network(notebook())
    assert network == lesson.LessonNetwork(20, (HiddenLayer(64), HiddenLayer(64)), "sigmoid")


@pytest.mark.parametrize("preset", ["residual", "wide-deep", "siamese", "multi-output", "deep"])
def test_other_presets_are_not_lesson_networks(preset):
    # Graphs, several inputs or heads, or another data set than the random labels.
    assert lesson.lesson_network(PRESETS[preset].job) is None


def test_batch_norm_or_another_data_set_is_not_a_lesson_network():
    job = notebook()
    assert lesson.lesson_network(replace(job, model=job.model.replace_node(
        "dense_1", batch_norm=True))) is None
    moved = Job(job.model, DataSpec("classification"), job.train)
    assert lesson.lesson_network(moved) is None


def test_edits_keep_the_setup_valid_and_readable():
    job = edited()
    network = lesson.lesson_network(job)
    assert network.features == 7
    assert [(h.units, h.activation, h.dropout) for h in network.hidden] == \
        [(16, "tanh", 0.0), (8, "elu", 0.25), (4, "leaky_relu", 0.0)]
    assert load_dataset(job.data).features == job.model.inputs[0].columns


def test_edits_reject_bad_values():
    with pytest.raises(ValueError, match="n_features"):
        lesson.with_features(notebook(), 0)
    with pytest.raises(ValueError, match="at least one hidden layer"):
        lesson.with_hidden(notebook(), [])
    with pytest.raises(ValueError, match="rellu"):
        lesson.with_output_activation(notebook(), "rellu")
    with pytest.raises(ValueError, match="not the lesson's kind"):
        lesson.with_features(PRESETS["residual"].job, 5)
    with pytest.raises(ValueError, match="1..7"):
        lesson_code.lesson_code(notebook(), 8)


# ------------------------------------------------------------------ the growing code


@pytest.mark.parametrize("job", [notebook(), edited()], ids=["notebook", "edited"])
def test_the_code_of_step_k_holds_exactly_the_lines_of_steps_1_to_k(job):
    previous: list = []
    for step in range(1, len(lesson.STEPS) + 1):
        code = lesson_code.lesson_code(job, step)
        new = lesson_code.step_lines(job, step)
        assert new and all(line.step == step for line in new)
        assert sorted(code, key=repr) == sorted(previous + list(new), key=repr)
        # Imports first, then the body, each in step order.
        kinds = [line.is_import for line in code]
        assert kinds == sorted(kinds, reverse=True)
        assert [line.step for line in code if not line.is_import] == \
            sorted(line.step for line in code if not line.is_import)
        previous = list(code)


def test_the_code_reads_like_the_notebook():
    code = texts(lesson_code.lesson_code(notebook(), 7))
    for line in (
        "inputs = Input(shape=(20,))",
        'x = Dense(64, activation="relu")(inputs)',
        'x = Dense(64, activation="relu")(x)',
        'outputs = Dense(1, activation="sigmoid")(x)',
        "model = Model(inputs=inputs, outputs=outputs)",
        "    optimizer=Adam(learning_rate=0.001),",
        '    loss="binary_crossentropy",',
        "X_train = rng.random((1000, 20))",
        "    epochs=10,",
        "    batch_size=32,",
        "    validation_split=0.2,",
        "X_test = rng.random((200, 20))",
        "loss, accuracy = model.evaluate(X_test, y_test)",
    ):
        assert line in code


def test_the_code_follows_every_choice():
    job = edited()
    step = {k: texts(lesson_code.step_lines(job, k)) for k in range(1, 8)}
    assert step[1][-1] == "inputs = Input(shape=(7,))"
    assert step[2] == [
        "from keras.layers import Dense, Dropout",
        'x = Dense(16, activation="tanh")(inputs)',
        'x = Dense(8, activation="elu")(x)',
        "x = Dropout(0.25)(x)",
        'x = Dense(4, activation="leaky_relu")(x)',
    ]
    assert lesson_code.step_lines(job, 2)[0].is_import
    softmax = lesson.with_output_activation(job, "softmax")
    assert texts(lesson_code.step_lines(softmax, 3)) == [
        'outputs = Dense(1, activation="softmax")(x)']
    assert step[5][0] == "from keras.optimizers import RMSprop"
    assert "    optimizer=RMSprop(learning_rate=0.005)," in step[5]
    assert "rng = np.random.default_rng(3)" in step[6]
    assert "X_train = rng.random((120, 7))" in step[6]
    assert {"    epochs=3,", "    batch_size=16,", "    validation_split=0.25,"} <= set(step[6])
    assert step[7][:2] == ["X_test = rng.random((30, 7))", "y_test = rng.integers(0, 2, size=30)"]


def test_the_marks_go_on_the_current_step_only():
    lines = lesson_code.lesson_code(notebook(), 3)
    text = lesson_code.code_text(lines, 3, "step 3").splitlines()
    marked = [line for line in text if line.endswith("# ← step 3")]
    assert marked == ['outputs = Dense(1, activation="sigmoid")(x)  # ← step 3']
    assert lesson_code.code_text(lines) == "\n".join(texts(lines))


def test_split_sizes_match_the_loaded_data_set():
    for data in (notebook().data, edited().data,
                 DataSpec("seed-random", (("n_samples", 333),), 0.3, seed=1)):
        dataset = load_dataset(data)
        assert lesson_code.split_sizes(data) == (len(dataset.x_train), len(dataset.x_test))


@pytest.mark.parametrize("job", [notebook(), edited()], ids=["notebook", "edited"])
def test_the_full_code_runs_with_keras_and_matches_the_spec(job):
    import keras  # only this test needs Keras

    keras.utils.set_random_seed(0)
    features = lesson.lesson_network(job).features
    small = replace(job, train=replace(job.train, epochs=1),
                    data=DataSpec("seed-random", (("n_samples", 100), ("n_features", features))))
    source = lesson_code.code_text(lesson_code.lesson_code(small, 7), 7, "step 7")
    namespace: dict = {}
    exec(compile(source, "<lesson>", "exec"), namespace)  # noqa: S102 - our own generated code
    model = namespace["model"]
    assert model.count_params() == job.model.total_params()
    # Layer by layer too (Input and Dropout own no weights).
    assert [n for n in (layer.count_params() for layer in model.layers) if n] == \
        [n for n in job.model.param_counts().values() if n]
    assert math.isfinite(namespace["loss"]) and 0 <= namespace["accuracy"] <= 1
    assert len(namespace["history"].history["loss"]) == 1


# ------------------------------------------------------------------ parameters


def test_param_rows_sum_to_the_total_and_show_the_calls():
    job = edited()
    rows = lesson_code.param_rows(job.model)
    assert sum(row.params for row in rows) == job.model.total_params()
    assert rows[0] == lesson_code.LayerParams("input", "input", "Input(shape=(7,))", 0, 7, 0)
    assert rows[1] == lesson_code.LayerParams("dense_1", "dense", 'Dense(16, activation="tanh")',
                                         7, 16, 7 * 16 + 16)
    assert rows[-1].call == 'Dense(1, activation="sigmoid")'
    assert rows[-1].params == 4 + 1


# ------------------------------------------------------------------ conclusions


def test_coin_bands():
    assert conclusions.coin_accuracy_band(200) == pytest.approx(0.0693, abs=1e-4)
    assert conclusions.coin_auc_band(100, 100) == pytest.approx(1.96 * math.sqrt(201 / 120000),
                                                           rel=1e-3)
    with pytest.raises(ValueError):
        conclusions.coin_accuracy_band(0)
    with pytest.raises(ValueError):
        conclusions.coin_auc_band(0, 10)


def binary_result(y_true, y_score, accuracy, val_accuracy) -> JobResult:
    head = HeadResult("output", "binary", "target", ("0", "1"), np.asarray(y_true),
                      np.asarray(y_score, dtype=float))
    history = {"accuracy": [0.5, accuracy], "loss": [0.7, 0.6]}
    if val_accuracy is not None:
        history["val_accuracy"] = [0.5, val_accuracy]
    return JobResult("completed", history=history, epochs_run=2, heads={"output": head})


def test_run_numbers_read_the_result():
    result = binary_result([0, 1, 1, 0], [0.2, 0.9, 0.4, 0.1], 0.8, 0.55)
    numbers = conclusions.run_numbers(result)
    assert (numbers.test_accuracy, numbers.test_auc) == (0.75, 1.0)
    assert (numbers.train_accuracy, numbers.val_accuracy) == (0.8, 0.55)
    assert (numbers.positives, numbers.negatives, numbers.test_rows) == (2, 2, 4)
    assert numbers.memorised and numbers.learned
    assert conclusions.run_numbers(JobResult("failed", message="boom")) is None


def coin(rng, n=200):
    y = rng.integers(0, 2, size=n)
    return y, rng.random(n)


def test_notes_on_random_labels_say_chance_and_memorisation():
    rng = np.random.default_rng(1)
    y, score = coin(rng)
    numbers = conclusions.run_numbers(binary_result(y, score, 0.9, 0.5))
    assert numbers.like_a_coin and numbers.memorised and not numbers.learned
    ids = [key for key, _ in conclusions.evaluate_notes(numbers, random_labels=True)]
    assert ids == ["end.scores", "end.random_chance", "end.memorised", "end.next"]
    values = conclusions.evaluate_notes(numbers, True)[0][1]
    assert values["rows"] == 200 and values["auc"] == numbers.test_auc


def test_notes_follow_the_numbers():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 2, size=200)
    perfect = conclusions.run_numbers(binary_result(y, y * 0.8 + 0.1, 0.7, 0.68))
    assert not perfect.like_a_coin and not perfect.memorised
    assert [k for k, _ in conclusions.evaluate_notes(perfect, True)] == \
        ["end.scores", "end.random_lucky", "end.not_memorised", "end.next"]
    assert [k for k, _ in conclusions.evaluate_notes(perfect, False)] == \
        ["end.scores", "end.signal_learned"]
    no_validation = conclusions.run_numbers(binary_result(*coin(rng), 0.6, None))
    assert [k for k, _ in conclusions.evaluate_notes(no_validation, True)][2] == "end.no_validation"


def test_noise_notes_compare_the_two_runs():
    rng = np.random.default_rng(3)
    noise = conclusions.run_numbers(binary_result(*coin(rng), 0.95, 0.49))
    y = rng.integers(0, 2, size=200)
    signal = conclusions.run_numbers(binary_result(y, y * 0.6 + rng.random(200) * 0.4, 0.97, 0.93))
    notes = conclusions.noise_notes(noise, signal)
    assert [k for k, _ in notes] == ["noise.end_coin", "noise.end_memorised",
                                     "noise.end_signal", "noise.end_moral"]
    values = notes[0][1]
    assert values["noise_auc"] == noise.test_auc and values["signal_auc"] == signal.test_auc
    weak = conclusions.run_numbers(binary_result(*coin(rng), 0.55, 0.52))
    assert [k for k, _ in conclusions.noise_notes(weak, weak)][1:3] == \
        ["noise.end_not_memorised", "noise.end_signal_weak"]


def test_noise_pair_is_the_same_network_on_two_data_sets_of_one_shape():
    pair = lesson.noise_pair(25, seed=7)
    noise, signal = pair["noise"], pair["signal"]
    assert noise.model == signal.model == notebook().model
    assert noise.train == signal.train and noise.train.epochs == 25 and noise.train.seed == 7
    assert (noise.data.name, signal.data.name) == ("seed-random", "classification")
    a, b = load_dataset(noise.data), load_dataset(signal.data)
    assert a.features == b.features
    assert (len(a.x_train), len(a.x_test)) == (len(b.x_train), len(b.x_test)) == (1000, 200)
    assert b.targets["target"].task == "binary"

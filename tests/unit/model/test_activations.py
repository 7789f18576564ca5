"""The activation registry: content and numpy maths checked against Keras."""

import numpy as np
import pytest

from funcnet.model.activations import ACTIVATIONS, HIDDEN_ACTIVATIONS, get_activation

NOTEBOOK_SIX = ("relu", "tanh", "sigmoid", "softmax", "leaky_relu", "elu")
X = np.linspace(-6.0, 6.0, 241)


def test_registry_covers_the_notebook_table_and_more():
    for name in (*NOTEBOOK_SIX, "gelu", "selu", "swish", "linear"):
        entry = ACTIVATIONS[name]
        for text in (entry.formula, entry.output_range, entry.advantages,
                     entry.disadvantages, entry.main_use, entry.label):
            assert text.strip()
    assert "softmax" not in HIDDEN_ACTIVATIONS and "relu" in HIDDEN_ACTIVATIONS


def test_unknown_activation_message_is_keras_like():
    message = "Could not interpret activation function identifier: 'rellu'"
    with pytest.raises(ValueError, match=message):
        get_activation("rellu")


@pytest.mark.parametrize("name", list(ACTIVATIONS))
def test_numpy_function_matches_keras(name):
    import keras

    entry = ACTIVATIONS[name]
    keras_fn = keras.activations.get(entry.keras_identifier)
    # softmax works on vectors: give it three logits per row.
    x = np.stack([X, np.zeros_like(X), -0.5 * X], axis=-1) if name == "softmax" else X
    expected = keras.ops.convert_to_numpy(keras_fn(x.astype("float32")))
    np.testing.assert_allclose(entry(x), expected, rtol=1e-4, atol=1e-5)


@pytest.mark.parametrize("name", [n for n in ACTIVATIONS if n != "softmax"])
def test_numpy_derivative_matches_keras_autodiff(name):
    import tensorflow as tf

    entry = ACTIVATIONS[name]
    keras_fn = __import__("keras").activations.get(entry.keras_identifier)
    x = tf.constant(X[np.abs(X) > 1e-3], dtype=tf.float64)  # skip the kink at 0
    with tf.GradientTape() as tape:
        tape.watch(x)
        y = keras_fn(x)
    expected = tape.gradient(y, x).numpy()
    np.testing.assert_allclose(entry.derivative(x.numpy()), expected, rtol=1e-4, atol=1e-6)


def test_softmax_derivative_is_the_jacobian_diagonal():
    x = np.array([[1.0, 2.0, 0.5]])
    s = ACTIVATIONS["softmax"](x)
    eps = 1e-6
    for i in range(3):
        bumped = x.copy()
        bumped[0, i] += eps
        numeric = (ACTIVATIONS["softmax"](bumped)[0, i] - s[0, i]) / eps
        assert ACTIVATIONS["softmax"].derivative(x)[0, i] == pytest.approx(numeric, rel=1e-4)


def test_alpha_is_adjustable_for_leaky_relu_and_elu():
    leaky = ACTIVATIONS["leaky_relu"]
    assert leaky(np.array([-2.0]), alpha=0.1)[0] == pytest.approx(-0.2)
    assert leaky(np.array([-2.0]))[0] == pytest.approx(-0.4)
    elu = ACTIVATIONS["elu"]
    assert elu(np.array([-50.0]), alpha=0.5)[0] == pytest.approx(-0.5)
    assert elu.derivative(np.array([-1.0]), alpha=2.0)[0] == pytest.approx(2 * np.exp(-1.0))

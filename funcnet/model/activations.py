"""The activation registry: the one place that names activation functions.

Every selectbox, the model builder, the code generator and the comparison
table read from `ACTIVATIONS`. Each entry carries the Keras identifier, the
formula as LaTeX, the output range, what the function is good and bad at,
and numpy implementations of the function and its derivative, so pages can
plot them without importing Keras.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from funcnet.i18n import N_
from funcnet.messages import InputError

ArrayFn = Callable[..., np.ndarray]

# SELU's fixed constants (Klambauer et al., 2017), as Keras uses them.
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946
# Keras' `leaky_relu` activation identifier uses this slope.
LEAKY_RELU_DEFAULT_ALPHA = 0.2
ELU_DEFAULT_ALPHA = 1.0


@dataclass(frozen=True)
class Activation:
    """One activation function and everything funcnet knows about it.

    Args:
        name: Registry key, also used in specs and URLs (e.g. `"leaky_relu"`).
        label: Human name shown in the interface (e.g. `"Leaky ReLU"`).
        keras_identifier: String that `keras.activations.get` accepts.
        formula: LaTeX of the function.
        output_range: LaTeX of the output interval.
        advantages: What the function is good at.
        disadvantages: What can go wrong with it.
        main_use: Where it is normally used.
        family: `"relu"` (can die: outputs exactly zero), `"saturating"`
            (flat tails: vanishing gradients), `"smooth"` or `"output"`.
        hidden_ok: Whether it is sensible in a hidden layer.
        alpha: Default of the adjustable parameter, or `None` if it has none.
        fn: numpy implementation, `fn(x, alpha)`.
        grad: numpy derivative, `grad(x, alpha)`.
    """

    name: str
    label: str
    keras_identifier: str
    formula: str
    output_range: str
    advantages: str
    disadvantages: str
    main_use: str
    family: str
    hidden_ok: bool
    alpha: float | None
    fn: ArrayFn
    grad: ArrayFn

    def __call__(self, x: np.ndarray, alpha: float | None = None) -> np.ndarray:
        """Applies the function to `x` (with `alpha` if it takes one)."""
        return self.fn(np.asarray(x, dtype=float), self._alpha(alpha))

    def derivative(self, x: np.ndarray, alpha: float | None = None) -> np.ndarray:
        """Returns the derivative at `x` (element-wise; softmax: Jacobian diagonal)."""
        return self.grad(np.asarray(x, dtype=float), self._alpha(alpha))

    def _alpha(self, alpha: float | None) -> float:
        if alpha is not None:
            return float(alpha)
        return self.alpha if self.alpha is not None else 0.0


def _sigmoid(x: np.ndarray) -> np.ndarray:
    # Split by sign so large |x| neither overflows nor loses precision.
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def _softmax(x: np.ndarray) -> np.ndarray:
    shifted = x - np.max(x, axis=-1, keepdims=True)
    ex = np.exp(shifted)
    return ex / np.sum(ex, axis=-1, keepdims=True)


_erf = np.vectorize(math.erf, otypes=[float])


def _gelu(x: np.ndarray) -> np.ndarray:
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def _gelu_grad(x: np.ndarray) -> np.ndarray:
    cdf = 0.5 * (1.0 + _erf(x / math.sqrt(2.0)))
    pdf = np.exp(-0.5 * x**2) / math.sqrt(2.0 * math.pi)
    return cdf + x * pdf


def _elu(x: np.ndarray, a: float) -> np.ndarray:
    return np.where(x > 0, x, a * np.expm1(np.minimum(x, 0.0)))


def _elu_grad(x: np.ndarray, a: float) -> np.ndarray:
    return np.where(x > 0, 1.0, a * np.exp(np.minimum(x, 0.0)))


def _selu(x: np.ndarray) -> np.ndarray:
    return SELU_SCALE * _elu(x, SELU_ALPHA)


def _selu_grad(x: np.ndarray) -> np.ndarray:
    return SELU_SCALE * _elu_grad(x, SELU_ALPHA)


def _swish_grad(x: np.ndarray) -> np.ndarray:
    s = _sigmoid(x)
    return s + x * s * (1.0 - s)


_ENTRIES = (
    Activation(
        name="relu",
        label="ReLU",
        keras_identifier="relu",
        formula=r"f(x) = \max(0, x)",
        output_range=r"[0, +\infty)",
        advantages=N_("Simple and cheap; its gradient is 1 for every positive input, "
        "so it does not vanish the way sigmoid and tanh gradients do."),
        disadvantages=N_("A unit whose input stays negative outputs 0 with gradient 0 "
        "and stops learning (a dead neuron)."),
        main_use=N_("Hidden layers (the default choice)"),
        family="relu",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: np.maximum(x, 0.0),
        grad=lambda x, a: (x > 0).astype(float),
    ),
    Activation(
        name="tanh",
        label="tanh",
        keras_identifier="tanh",
        formula=r"f(x) = \tanh(x) = \frac{e^{x} - e^{-x}}{e^{x} + e^{-x}}",
        output_range=r"(-1, 1)",
        advantages=N_("Zero-centred, which usually makes it train better than sigmoid "
        "in hidden layers."),
        disadvantages=N_("Saturates for large |x|: the gradient shrinks towards 0 "
        "(vanishing gradient), worse in deep stacks."),
        main_use=N_("Hidden layers, recurrent networks"),
        family="saturating",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: np.tanh(x),
        grad=lambda x, a: 1.0 - np.tanh(x) ** 2,
    ),
    Activation(
        name="sigmoid",
        label="sigmoid",
        keras_identifier="sigmoid",
        formula=r"f(x) = \frac{1}{1 + e^{-x}}",
        output_range=r"(0, 1)",
        advantages=N_("Reads as a probability: the natural output of a binary classifier."),
        disadvantages=N_("Saturates at 0 and 1 (vanishing gradient) and is not "
        "zero-centred; a poor hidden-layer choice."),
        main_use=N_("Output layer of binary classification"),
        family="saturating",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: _sigmoid(x),
        grad=lambda x, a: _sigmoid(x) * (1.0 - _sigmoid(x)),
    ),
    Activation(
        name="softmax",
        label="softmax",
        keras_identifier="softmax",
        formula=r"f(x_i) = \frac{e^{x_i}}{\sum_j e^{x_j}}",
        output_range=r"(0, 1),\ \textstyle\sum_i f(x_i) = 1",
        advantages=N_("Turns a vector of scores into probabilities that sum to 1."),
        disadvantages=N_("Couples all units of the layer; meaningless in a hidden layer."),
        main_use=N_("Output layer of multiclass classification"),
        family="output",
        hidden_ok=False,
        alpha=None,
        fn=lambda x, a: _softmax(x),
        grad=lambda x, a: _softmax(x) * (1.0 - _softmax(x)),
    ),
    Activation(
        name="leaky_relu",
        label="Leaky ReLU",
        keras_identifier="leaky_relu",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha x & x \le 0 \end{cases}",
        output_range=r"(-\infty, +\infty)",
        advantages=N_("Keeps a small gradient for negative inputs, so units do not die; "
        "works well in deep networks."),
        disadvantages=N_("Adds a slope α to choose (Keras' identifier uses α = 0.2)."),
        main_use=N_("Hidden layers"),
        family="relu",
        hidden_ok=True,
        alpha=LEAKY_RELU_DEFAULT_ALPHA,
        fn=lambda x, a: np.where(x > 0, x, a * x),
        grad=lambda x, a: np.where(x > 0, 1.0, a),
    ),
    Activation(
        name="elu",
        label="ELU",
        keras_identifier="elu",
        formula=r"f(x) = \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0 \end{cases}",
        output_range=r"(-\alpha, +\infty)",
        advantages=N_("No dead units and outputs with a mean near zero, which helps "
        "gradients flow in deep networks."),
        disadvantages=N_("An exponential per negative input: slightly slower than ReLU."),
        main_use=N_("Hidden layers of deep networks"),
        family="smooth",
        hidden_ok=True,
        alpha=ELU_DEFAULT_ALPHA,
        fn=_elu,
        grad=_elu_grad,
    ),
    Activation(
        name="gelu",
        label="GELU",
        keras_identifier="gelu",
        formula=r"f(x) = x \, \Phi(x)",
        output_range=r"[\approx -0.17, +\infty)",
        advantages=N_("Smooth ReLU-like curve weighted by the Gaussian CDF; the "
        "standard in Transformers."),
        disadvantages=N_("Costlier than ReLU; small negative dip can puzzle beginners."),
        main_use=N_("Hidden layers of Transformers and modern MLPs"),
        family="smooth",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: _gelu(x),
        grad=lambda x, a: _gelu_grad(x),
    ),
    Activation(
        name="selu",
        label="SELU",
        keras_identifier="selu",
        formula=r"f(x) = \lambda \begin{cases} x & x > 0 \\ \alpha (e^{x} - 1) & x \le 0"
        r" \end{cases}",
        output_range=r"(-\lambda\alpha, +\infty) \approx (-1.76, +\infty)",
        advantages=N_("Self-normalising: with LeCun-normal weights, activations keep "
        "mean 0 and variance 1 through many layers."),
        disadvantages=N_("Its guarantees need standardised inputs, LeCun initialisation "
        "and no ordinary dropout."),
        main_use=N_("Deep plain MLPs without batch normalisation"),
        family="smooth",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: _selu(x),
        grad=lambda x, a: _selu_grad(x),
    ),
    Activation(
        name="swish",
        label="swish",
        keras_identifier="swish",
        formula=r"f(x) = x \cdot \sigma(x) = \frac{x}{1 + e^{-x}}",
        output_range=r"[\approx -0.28, +\infty)",
        advantages=N_("Smooth and non-monotonic; often a little better than ReLU in "
        "deep networks."),
        disadvantages=N_("Costlier than ReLU; gains are small on shallow networks."),
        main_use=N_("Hidden layers of deep CNNs and MLPs"),
        family="smooth",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: x * _sigmoid(x),
        grad=lambda x, a: _swish_grad(x),
    ),
    Activation(
        name="linear",
        label="linear",
        keras_identifier="linear",
        formula=r"f(x) = x",
        output_range=r"(-\infty, +\infty)",
        advantages=N_("Leaves values unchanged: the right output for regression."),
        disadvantages=N_("Stacked linear layers collapse into one linear map: no "
        "non-linearity, nothing deep is learned."),
        main_use=N_("Output layer of regression"),
        family="output",
        hidden_ok=True,
        alpha=None,
        fn=lambda x, a: x.copy(),
        grad=lambda x, a: np.ones_like(x),
    ),
)

ACTIVATIONS: dict[str, Activation] = {entry.name: entry for entry in _ENTRIES}
"""Registry of every activation funcnet offers, keyed by name."""

HIDDEN_ACTIVATIONS: tuple[str, ...] = tuple(a.name for a in _ENTRIES if a.hidden_ok)
"""Names that make sense in a hidden layer, in display order."""


def get_activation(name: str) -> Activation:
    """Looks up an activation by name.

    Args:
        name: Registry key, e.g. `"relu"`.

    Returns:
        The `Activation` entry.

    Raises:
        InputError: If `name` is not in the registry (code
            `"activation.unknown"`).
    """
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        raise InputError("activation.unknown", value=name, known=", ".join(ACTIVATIONS)) \
            from None


def label_of(name: str) -> str:
    """Returns the display label of activation `name` (e.g. `"Leaky ReLU"`)."""
    return get_activation(name).label

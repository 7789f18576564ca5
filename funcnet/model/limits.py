"""Declared limits: one table of every constraint a setup must meet.

In the spirit of scikit-learn's `Interval` / `StrOptions`
(`sklearn/utils/_param_validation.py`): each bounded field is declared once
here, and everything else reads it. The spec's validation calls `check`;
every widget takes its `min_value` / `max_value` / options from
`widget_min` / `widget_max` / `options`; the work caps
(`funcnet.model.cost`) and the README list the same values. A test walks
every widget of every page and compares its bounds with this table.

Nothing here imports Streamlit or Keras.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from funcnet.messages import InputError

Where = dict[str, Any]
"""The place a message names, as `InputError` fields: `{"where": "where.node", "node": name}`."""


_SHOWN_DIGITS = 30


def shown(value: Any) -> Any:
    """Returns `value` as a message may show it: a huge integer becomes a short description.

    Python refuses to turn an integer of more than 4,300 digits into text,
    and a 10,000-digit number helps nobody in a message anyway.
    """
    if isinstance(value, int) and not isinstance(value, bool) \
            and value.bit_length() > _SHOWN_DIGITS * 3.33:
        digits = int(value.bit_length() * math.log10(2)) + 1
        return f"an integer of about {digits:,} digits"
    return value


@dataclass(frozen=True)
class Interval:
    """A range of numbers a field accepts.

    Args:
        kind: `int` or `float`.
        low: The lower bound.
        high: The upper bound.
        closed: Which ends belong to the range: `"both"`, `"left"`,
            `"right"` or `"neither"` (as in scikit-learn's `Interval`).
        step: The finest step a widget offers; an open end is shown to the
            widget as the nearest value one step inside it.
    """

    kind: type
    low: float
    high: float
    closed: str = "both"
    step: float = 1

    @property
    def low_open(self) -> bool:
        """Whether `low` itself is refused."""
        return self.closed in ("right", "neither")

    @property
    def high_open(self) -> bool:
        """Whether `high` itself is refused."""
        return self.closed in ("left", "neither")

    @property
    def widget_min(self) -> int | float:
        """The smallest value a widget offers (inside the range)."""
        low = self.low + self.step if self.low_open else self.low
        return self.kind(low)

    @property
    def widget_max(self) -> int | float:
        """The largest value a widget offers (inside the range)."""
        high = self.high - self.step if self.high_open else self.high
        return self.kind(high)

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if self.kind is int and isinstance(value, float) and not value.is_integer():
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if value < self.low or value > self.high:
            return False
        return not (self.low_open and value == self.low or self.high_open and value == self.high)

    def check(self, where: Where, name: str, value: Any) -> int | float:
        """Returns `value` as the interval's kind.

        Args:
            where: The place the message names.
            name: The field's name.
            value: The value received.

        Returns:
            `value` as an `int` or `float`.

        Raises:
            InputError: `spec.int_range` or `spec.number_range`, naming the
                place, field, range and value.
        """
        if value not in self:
            value = shown(value)
            if self.kind is int:
                raise InputError("spec.int_range", **where, field=name, low=int(self.low),
                                 high=int(self.high), value=value)
            if isinstance(value, int) and not isinstance(value, bool) and abs(value) < 2**53:
                value = float(value)  # the message shows the number as the float it is read as
            raise InputError("spec.number_range", **where, field=name, value=value,
                             left="(" if self.low_open else "[", low=self.low, high=self.high,
                             right=")" if self.high_open else "]")
        return self.kind(value)


@dataclass(frozen=True)
class Options:
    """A fixed vocabulary a field accepts (scikit-learn's `StrOptions`).

    Args:
        options: The accepted values, the default first.
    """

    options: tuple[str, ...]

    def __contains__(self, value: object) -> bool:
        # isinstance first: an unhashable value from JSON (a list) must not raise TypeError.
        return isinstance(value, str) and value in self.options

    def check(self, where: Where, name: str, value: Any) -> str:
        """Returns `value` if it is one of the options.

        Raises:
            InputError: `spec.one_of`, naming the place, field, options and value.
        """
        if value not in self:
            raise InputError("spec.one_of", **where, field=name, options=", ".join(self.options),
                             value=value)
        return value


def widget_bounds(interval: Interval) -> dict[str, int | float]:
    """Returns `min_value` / `max_value` for a number widget of `interval`'s field.

    Args:
        interval: The declared constraint.

    Returns:
        `{"min_value": ..., "max_value": ...}`, both inside the interval and of its kind.
    """
    return {"min_value": interval.widget_min, "max_value": interval.widget_max}


MAX_SEED = 2**31 - 1

UNITS = Interval(int, 1, 1024)
DROPOUT = Interval(float, 0.0, 1.0, closed="left", step=0.01)
LOSS_WEIGHT = Interval(float, 0.0, 100.0, closed="right", step=0.01)
LEARNING_RATE = Interval(float, 0.0, 10.0, closed="right", step=0.00001)
EPOCHS = Interval(int, 1, 500)
BATCH_SIZE = Interval(int, 1, 4096)
VALIDATION_SPLIT = Interval(float, 0.0, 0.9, closed="left", step=0.01)
EARLY_STOPPING_PATIENCE = Interval(int, 0, 100)
"""Epochs without improvement before early stopping ends a run; 0 turns it off."""
TEST_FRACTION = Interval(float, 0.0, 0.9, closed="neither", step=0.01)
SEED = Interval(int, 0, MAX_SEED)
NODE_COUNT = Interval(int, 1, 64)


def configured(name: str, default: int, environ: Mapping[str, str] | None = None) -> int:
    """Returns the positive whole number environment variable `name` sets, else `default`.

    For the data sizes a teacher may raise (`COLUMN_COUNT`, the CSV upload
    size); read once at import, so the server and its workers (which inherit
    the server's environment) agree. An unreadable value keeps the default.

    Args:
        name: The variable, e.g. `"FUNCNET_MAX_COLUMNS"`.
        default: The value without it.
        environ: The environment (default `os.environ`).
    """
    text = (os.environ if environ is None else environ).get(name, "").strip()
    return int(text) if text.isdigit() and 0 < len(text) <= 9 and int(text) > 0 else default


COLUMNS_VARIABLE = "FUNCNET_MAX_COLUMNS"
COLUMN_COUNT = Interval(int, 1, configured(COLUMNS_VARIABLE, 1024))
"""Feature columns one input may take (a 784-pixel image fits): `FUNCNET_MAX_COLUMNS`."""
DATA_CELLS = 40_000_000
"""Most values (rows × features) a generated data set may hold: 200,000 × 200, or
39,062 rows of 1,024 features (320 MB as float64 in the worker that trains it)."""
NAME_LENGTH = Interval(int, 1, 40)
BRANCHES = Interval(int, 1, 64)
"""Tensors a shared layer may yield: each branch is real compute in Keras."""

EDITOR_UNITS = Interval(int, 1, 512)
"""Units a layer of the stack editors (Build & Train, lesson 1) offers; the graph allows more."""
HIDDEN_LAYERS = Interval(int, 1, 8)
"""Hidden layers the stack editors offer."""
NOISE_EPOCHS = Interval(int, 1, 200)
"""Epochs lesson 2's race offers."""
REPEAT_SEEDS = Interval(int, 3, 10)
"""Seeds a repeat of one setup trains (Compare runs): enough for a spread, few enough to wait."""

NODE_TYPE = Options(("input", "dense", "add", "concatenate", "output"))
TASK = Options(("binary", "multiclass", "regression"))
OPTIMIZER = Options(("adam", "sgd", "rmsprop"))

CONSTRAINTS: Mapping[str, Interval | Options] = {
    "node.type": NODE_TYPE,
    "node.units": UNITS,
    "node.dropout": DROPOUT,
    "node.loss_weight": LOSS_WEIGHT,
    "node.task": TASK,
    "node.name_length": NAME_LENGTH,
    "node.columns": COLUMN_COUNT,
    "node.branches": BRANCHES,
    "model.nodes": NODE_COUNT,
    "train.optimizer": OPTIMIZER,
    "train.learning_rate": LEARNING_RATE,
    "train.epochs": EPOCHS,
    "train.batch_size": BATCH_SIZE,
    "train.validation_split": VALIDATION_SPLIT,
    "train.early_stopping_patience": EARLY_STOPPING_PATIENCE,
    "train.seed": SEED,
    "data.test_fraction": TEST_FRACTION,
    "data.seed": SEED,
    "editor.units": EDITOR_UNITS,
    "editor.hidden_layers": HIDDEN_LAYERS,
    "lesson.noise_epochs": NOISE_EPOCHS,
    "repeat.seeds": REPEAT_SEEDS,
}
"""Every declared constraint by `part.field`: what validation, widgets and docs read."""

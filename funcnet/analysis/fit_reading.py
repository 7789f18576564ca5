"""Overfitting and size: what a finished run's loss curves say, in numbers a page words.

`read_fit(history)` finds the epoch of the best validation loss (numpy's
`argmin`, the same epoch Keras' `EarlyStopping` calls best) and the
train–validation gap per epoch, and sorts the run into one reading:

- `"no_validation"`: no `val_loss` in the history (validation share 0);
- `"still_improving"`: the best validation loss is at the last epoch;
- `"overfitting"`: after the best epoch the training loss kept falling
  while the validation loss rose — the network began fitting noise;
- `"levelled_off"`: after the best epoch neither loss improved much.

`size_reading(params, rows)` puts the parameter count next to the training
rows it was fitted on. Pure numbers: the wording lives in the interface.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

READINGS = ("no_validation", "still_improving", "overfitting", "levelled_off")
"""Every reading `read_fit` gives, in the order of its checks."""


@dataclass(frozen=True, eq=False)
class FitReading:
    """What the loss curves of one run say about fitting.

    Args:
        reading: One of `READINGS`.
        epochs: The epoch numbers, 1..n.
        gap: Validation loss minus training loss per epoch (empty without validation).
        best_epoch: The epoch (1-based) of the lowest validation loss, or `None`.
        best_val_loss: That loss, or `None`.
        last_epoch: The last finished epoch.
    """

    reading: str
    epochs: np.ndarray
    gap: np.ndarray
    best_epoch: int | None
    best_val_loss: float | None
    last_epoch: int


def read_fit(history: Mapping[str, Sequence[float]]) -> FitReading:
    """Reads the training and validation loss of a finished run.

    Args:
        history: Keras history (`"loss"`, and `"val_loss"` when validation
            rows were held out), one value per finished epoch.

    Returns:
        The `FitReading`. Non-finite validation losses never count as best.

    Raises:
        ValueError: If the history has no `"loss"` values, or `"val_loss"`
            has a different length.
    """
    loss = np.asarray(history.get("loss", ()), dtype=np.float64)
    if loss.size == 0:
        raise ValueError("read_fit needs a history with at least one 'loss' value.")
    epochs = np.arange(1, loss.size + 1)
    if "val_loss" not in history:
        return FitReading("no_validation", epochs, np.array([]), None, None, int(loss.size))
    val = np.asarray(history["val_loss"], dtype=np.float64)
    if val.size != loss.size:
        raise ValueError(f"read_fit: 'val_loss' has {val.size} values and 'loss' {loss.size}.")
    best = int(np.argmin(np.where(np.isfinite(val), val, np.inf)))
    last = loss.size - 1
    if best == last:
        reading = "still_improving"
    elif loss[last] < loss[best] and val[last] > val[best]:
        reading = "overfitting"
    else:
        reading = "levelled_off"
    return FitReading(reading, epochs, val - loss, best + 1, float(val[best]), int(loss.size))


@dataclass(frozen=True)
class SizeReading:
    """A network's size next to the rows it learned from.

    Args:
        params: Trainable and other parameters of the network.
        rows: Training rows fitted on (the validation rows held out excluded).
        per_row: Parameters per training row (`params / rows`).
    """

    params: int
    rows: int
    per_row: float

    @property
    def rows_per_param(self) -> float:
        """Training rows per parameter (`rows / params`)."""
        return self.rows / self.params


def size_reading(params: int, rows: int) -> SizeReading:
    """Puts a parameter count next to the training rows.

    Args:
        params: The network's parameters (>= 1).
        rows: The rows it was fitted on (>= 1).

    Returns:
        The `SizeReading`.

    Raises:
        ValueError: If either count is below 1.
    """
    if params < 1 or rows < 1:
        raise ValueError(f"size_reading needs params and rows >= 1, received {params}, {rows}.")
    return SizeReading(int(params), int(rows), params / rows)


def fitted_rows(train_rows: int, validation_split: float) -> int:
    """Returns how many training rows a run fits on once its validation share is held out.

    The count of `funcnet.engine.portable.split_rows` (the engine's and the
    exported script's split), without drawing the rows.

    Args:
        train_rows: Rows of the training part of the data set.
        validation_split: The share held out for validation.

    Returns:
        `train_rows - round(train_rows * validation_split)`.
    """
    return train_rows - round(train_rows * validation_split)

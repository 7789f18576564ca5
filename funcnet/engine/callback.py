"""The Keras callback of every fit: streams `Epoch` events, stops on request or a NaN loss."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from typing import Any

import keras
import numpy as np

from funcnet.engine.boundary import BoundaryGrid
from funcnet.train.events import Epoch, Event

EventSink = Callable[[Event], None]
StopCheck = Callable[[], bool]


class StreamCallback(keras.callbacks.Callback):
    """Streams one event per finished epoch and stops on request or on a NaN loss.

    Like `keras.callbacks.TerminateOnNaN`, a non-finite loss ends training;
    unlike it, the epoch it happened in is not recorded and the weights of
    the last finished epoch are kept (when the model is small enough to
    copy them each epoch), so the run can still be evaluated.

    Args:
        on_event: Receives each event dict.
        should_stop: Polled after every batch; `True` ends training.
        epochs: Planned number of epochs.
        boundary: Grid to evaluate after each epoch, or `None`.
        snapshot: Whether to copy the weights after each epoch.
    """

    def __init__(
        self,
        on_event: EventSink,
        should_stop: StopCheck,
        epochs: int,
        boundary: BoundaryGrid | None = None,
        snapshot: bool = True,
    ) -> None:
        super().__init__()
        self._on_event = on_event
        self._should_stop = should_stop
        self._epochs = epochs
        self._boundary = boundary
        self._snapshot = snapshot
        self._start = time.perf_counter()
        self.history: dict[str, list[float]] = {}
        self.epochs_run = 0
        self.stop_requested = False
        self.bad_loss: float | None = None
        self.bad_epoch = 0
        self.weights: list[np.ndarray] | None = None

    @property
    def elapsed(self) -> float:
        """Seconds since training began."""
        return time.perf_counter() - self._start

    def on_train_begin(self, logs: Mapping[str, Any] | None = None) -> None:
        self._start = time.perf_counter()

    @property
    def validation_freq(self) -> list[int]:
        """What to pass as `fit(validation_freq=...)`: validate every epoch, unless stopping.

        Keras runs the whole validation pass even for an epoch that `stop_training`
        cut short (measured: 40k validation rows of a 3.4M-parameter network kept a
        stopped run busy for seconds), and such an epoch is never recorded anyway.
        """
        return _ValidateUnlessStopped(self)

    @property
    def stopping(self) -> bool:
        """Whether training is ending early (Stop, or a non-finite loss)."""
        return self.stop_requested or self.bad_loss is not None

    def _check_stop(self) -> bool:
        if not self.stop_requested and self._should_stop():
            self.stop_requested = True
            self.model.stop_training = True
        return self.stop_requested

    def on_train_batch_end(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        loss = (logs or {}).get("loss")
        if loss is not None and not math.isfinite(float(loss)):
            self.bad_loss = float(loss)
            self.bad_epoch = self.epochs_run + 1
            self.model.stop_training = True
        else:
            self._check_stop()

    def on_test_batch_end(self, batch: int, logs: Mapping[str, Any] | None = None) -> None:
        # Stop pressed during the validation pass: end it too (its epoch is not kept).
        if self._check_stop():
            self.model.stop_evaluating = True

    def on_epoch_end(self, epoch: int, logs: Mapping[str, Any] | None = None) -> None:
        # Keras calls this even for an epoch cut short by stop_training: such an
        # epoch did not finish, so it is neither recorded nor streamed. Nor is one
        # that ended after Stop was pressed: the page already said "stopping".
        if self.bad_loss is not None or self._check_stop():
            return
        values = {key: float(value) for key, value in (logs or {}).items()}
        for key, value in values.items():
            self.history.setdefault(key, []).append(value)
        self.epochs_run = epoch + 1
        if self._snapshot:
            self.weights = self.model.get_weights()
        boundary = grid = None
        if self._boundary is not None:
            boundary = self._boundary.evaluate(self.model)
            grid = self._boundary
        self._on_event(Epoch(
            epoch=epoch + 1, epochs=self._epochs, logs=values, elapsed=self.elapsed,
            boundary=boundary, grid_x=None if grid is None else grid.grid_x,
            grid_y=None if grid is None else grid.grid_y))
        self._check_stop()


class _ValidateUnlessStopped(list):
    """A `validation_freq` for Keras: every epoch is "in" it until the run is stopping.

    Keras accepts an int or a list and asks `epoch in validation_freq` once per
    epoch, after the epoch's batches; nothing else reads it.
    """

    def __init__(self, callback: StreamCallback) -> None:
        super().__init__()
        self._callback = callback

    def __contains__(self, epoch: object) -> bool:
        return not self._callback.stopping

"""Early stopping as a training setting: Keras' own `EarlyStopping`, and what it did.

`TrainConfig.early_stopping_patience` > 0 adds `keras.callbacks.EarlyStopping`
with `restore_best_weights=True` to a single training's `fit` (an activation
sweep trains several networks in one model and ignores the setting). It
watches `val_loss`; a run without validation rows has none, so it watches the
training loss instead (which seldom gets worse: there it ends a run whose
training has stalled). The callback sits after the run's `StreamCallback`,
so the epoch that triggers the stop is still recorded and streamed.

Keras 3 puts the best epoch's weights back at the end of every fit, also one
that ran all its epochs, and the result's message says which epoch's
weights the model holds whenever they are not the last epoch's.
"""

from __future__ import annotations

import keras

from funcnet.messages import Message, message
from funcnet.model.spec import TrainConfig


def early_stopping(train: TrainConfig, validation: bool) -> keras.callbacks.EarlyStopping | None:
    """Returns the run's `EarlyStopping` callback, or `None` when the setting is off.

    Args:
        train: The training settings.
        validation: Whether the run holds out validation rows.

    Returns:
        `EarlyStopping(monitor="val_loss" or "loss", patience=...,
        restore_best_weights=True)`, or `None`.
    """
    if not train.early_stopping_patience:
        return None
    return keras.callbacks.EarlyStopping(
        monitor="val_loss" if validation else "loss",
        patience=train.early_stopping_patience, restore_best_weights=True)


def early_stopping_message(early: keras.callbacks.EarlyStopping | None, train: TrainConfig,
                           epochs_run: int) -> Message | None:
    """Says what early stopping did, when the model's weights are not the last epoch's.

    Args:
        early: The run's callback after `fit`, or `None` when the setting is off.
        train: The training settings.
        epochs_run: Epochs that finished.

    Returns:
        `train.early_stopped` (it ended the run at epoch k and restored epoch
        b), `train.early_kept_best` (all epochs ran, an earlier epoch's
        weights were kept), or `None` (off, or the last epoch was the best).
    """
    if early is None or epochs_run == 0:
        return None
    best = early.best_epoch + 1
    what = "train.watch_val_loss" if early.monitor == "val_loss" else "train.watch_loss"
    if early.stopped_epoch > 0:
        return message("train.early_stopped", epoch=early.stopped_epoch + 1,
                       epochs=train.epochs, patience=early.patience, best=best, what=what)
    if best < epochs_run:
        return message("train.early_kept_best", epochs=train.epochs, best=best, what=what)
    return None

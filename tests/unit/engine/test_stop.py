"""Stop ends a run at once: no validation pass, no epoch, no full test pass after it."""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import pytest

from funcnet.engine import arrays, outcome
from funcnet.engine.callback import StreamCallback
from funcnet.engine.training import run_job
from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.events import Done, Epoch
from funcnet.train.results import RunOptions


class _Spy(keras.callbacks.Callback):
    """Counts what Keras runs: training calls and validation calls, per epoch."""

    def __init__(self) -> None:
        super().__init__()
        self.train_calls = 0
        self.test_calls: list[int] = []

    def on_train_batch_end(self, batch: int, logs: Any = None) -> None:
        self.train_calls += 1

    def on_test_begin(self, logs: Any = None) -> None:
        self.test_calls.append(0)

    def on_test_batch_end(self, batch: int, logs: Any = None) -> None:
        self.test_calls[-1] += 1


def test_a_stop_during_training_skips_the_validation_pass():
    spy_box: list[_Spy] = []

    def stop() -> bool:  # pressed during epoch 3's training batches
        return bool(spy_box) and spy_box[0].train_calls >= 2 * 8 + 3

    spy = _Spy()
    spy_box.append(spy)
    rng = np.random.default_rng(0)
    x, y = rng.random((64, 3)).astype("float32"), rng.integers(0, 2, (64, 1)).astype("float32")
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(inputs))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    events: list[Any] = []
    callback = StreamCallback(events.append, stop, 6)
    model.fit(x, y, batch_size=8, epochs=6, validation_data=(x[:32], y[:32]),
              validation_batch_size=8, validation_freq=callback.validation_freq, verbose=0,
              callbacks=[callback, spy])
    assert [e.epoch for e in events] == [1, 2]
    assert spy.test_calls == [4, 4]  # epochs 1 and 2 validated; the stopped epoch 3 not
    assert callback.stop_requested and callback.epochs_run == 2


def test_a_stop_during_validation_ends_it_and_drops_that_epoch():
    state = {"validating": 0}

    class Flag(keras.callbacks.Callback):
        def on_test_batch_end(self, batch: int, logs: Any = None) -> None:
            state["validating"] += 1

    def stop() -> bool:  # pressed in the middle of epoch 2's validation
        return state["validating"] >= 4 + 2

    rng = np.random.default_rng(0)
    x, y = rng.random((64, 3)).astype("float32"), rng.integers(0, 2, (64, 1)).astype("float32")
    inputs = keras.Input((3,))
    model = keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(inputs))
    model.compile(optimizer="adam", loss="binary_crossentropy")
    events: list[Any] = []
    callback = StreamCallback(events.append, stop, 6)
    model.fit(x, y, batch_size=8, epochs=6, validation_data=(x[:32], y[:32]),
              validation_batch_size=8, validation_freq=callback.validation_freq, verbose=0,
              callbacks=[Flag(), callback])
    assert [e.epoch for e in events] == [1]
    assert state["validating"] == 4 + 2  # epoch 2's pass ended at the first batch after Stop
    assert callback.history["val_loss"] and len(callback.history["val_loss"]) == 1


def test_no_epoch_is_streamed_once_stop_was_pressed():
    # Stop pressed while epoch 2 is being streamed: nothing after it is.
    events: list[Any] = []

    def stop() -> bool:
        return any(isinstance(e, Epoch) and e.epoch >= 2 for e in events)

    model = stack(("x0", "x1"), [HiddenLayer(8)], head("output", "input", "binary"))
    job = Job(model, DataSpec("moons", params={"n_samples": 200}), TrainConfig(epochs=50))
    result = run_job(job, events.append, stop, RunOptions(keep_model=False))
    assert [e.epoch for e in events if isinstance(e, Epoch)] == [1, 2]
    assert result.status == "stopped" and result.epochs_run == 2
    # The Done is sent as soon as fitting ends, once, and agrees with the result.
    assert [e for e in events if isinstance(e, Done)] == [Done.of(result)]
    assert isinstance(events[-1], Done)


def test_tested_rows_bounds_a_stopped_runs_test_pass_by_its_size():
    assert outcome.tested_rows("completed", 5_000_000, 40_000) == 40_000
    assert outcome.tested_rows("stopped", 5_569, 200) == 200  # small networks: every row
    big = outcome.tested_rows("stopped", 3_400_000, 40_000)
    assert big == outcome.STOPPED_MIN_TEST_ROWS < 40_000


def test_a_stopped_large_run_tests_a_sample_and_says_so(monkeypatch: pytest.MonkeyPatch):
    # As if the network were large: the budget allows only 30 of the 100 test rows.
    monkeypatch.setattr(outcome, "STOPPED_TEST_SECONDS", 0.0)
    monkeypatch.setattr(outcome, "STOPPED_MIN_TEST_ROWS", 30)
    events: list[Any] = []

    def stop() -> bool:
        return any(isinstance(e, Epoch) for e in events)

    model = stack(("x0", "x1"), [HiddenLayer(8)], head("output", "input", "binary"))
    data = DataSpec("moons", params={"n_samples": 500}, test_fraction=0.2)
    result = run_job(Job(model, data, TrainConfig(epochs=50)), events.append, stop,
                     RunOptions(keep_model=False))
    assert result.status == "stopped" and result.ok
    assert len(result.heads["output"].y_true) == len(result.heads["output"].y_score) == 30
    assert result.message == ("Stopped at epoch 1 of 50. Tested on the first 30 of 100 test "
                              "rows, so the results come at once.")
    assert result.message_code == "train.stopped_sampled"
    assert events[-1] == Done("stopped", result.message)


def test_only_networks_with_long_graph_calls_may_have_their_worker_ended():
    from funcnet.train.pool import STOP_GRACE_SECONDS

    # The notebook's network: many batches per call, still a few milliseconds.
    assert arrays.call_seconds(5_569, 32, 32, 0) < STOP_GRACE_SECONDS
    # 4.4M parameters at batch 4096: one call is far longer than anyone should wait.
    assert arrays.call_seconds(4_400_000, 4096, 1, 4096) > STOP_GRACE_SECONDS

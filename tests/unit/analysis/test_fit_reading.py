"""The overfitting reading on hand-made histories, and the size reading."""

from __future__ import annotations

import math

import numpy as np
import pytest

from funcnet.analysis.charts import fit_gap_figure
from funcnet.analysis.fit_reading import READINGS, read_fit, size_reading

OVERFIT = {"loss": [1.0, 0.8, 0.6, 0.5, 0.4, 0.3], "val_loss": [1.0, 0.85, 0.7, 0.75, 0.9, 1.1]}


def test_best_epoch_is_numpy_argmin_and_overfitting_is_read():
    reading = read_fit(OVERFIT)
    assert reading.best_epoch == int(np.argmin(OVERFIT["val_loss"])) + 1 == 3
    assert reading.best_val_loss == pytest.approx(0.7)
    assert reading.reading == "overfitting"
    np.testing.assert_allclose(reading.gap, np.subtract(OVERFIT["val_loss"], OVERFIT["loss"]))
    assert list(reading.epochs) == [1, 2, 3, 4, 5, 6] and reading.last_epoch == 6


def test_still_improving_levelled_off_and_no_validation():
    falling = {"loss": [1.0, 0.7, 0.5], "val_loss": [1.1, 0.8, 0.6]}
    assert read_fit(falling).reading == "still_improving"
    assert read_fit(falling).best_epoch == 3
    # After epoch 2 the training loss got worse too: nothing kept fitting noise.
    flat = {"loss": [1.0, 0.7, 0.72, 0.71], "val_loss": [1.0, 0.75, 0.76, 0.78]}
    assert read_fit(flat).reading == "levelled_off"
    none = read_fit({"loss": [0.9, 0.8]})
    assert (none.reading, none.best_epoch, none.gap.size) == ("no_validation", None, 0)
    assert {read_fit(h).reading for h in (OVERFIT, falling, flat, {"loss": [1.0]})} == set(
        READINGS)


def test_ties_take_the_first_epoch_and_nan_never_counts_as_best():
    tie = read_fit({"loss": [1.0, 0.9, 0.8], "val_loss": [0.5, 0.5, 0.6]})
    assert tie.best_epoch == 1  # numpy's argmin, like EarlyStopping: the first of equals
    with_nan = read_fit({"loss": [1.0, 0.9, 0.8], "val_loss": [0.9, math.nan, 0.7]})
    assert with_nan.best_epoch == 3


def test_bad_histories_raise():
    with pytest.raises(ValueError, match="at least one 'loss'"):
        read_fit({})
    with pytest.raises(ValueError, match="'val_loss' has 1 values"):
        read_fit({"loss": [1.0, 0.5], "val_loss": [1.0]})


def test_size_reading_puts_parameters_next_to_rows():
    size = size_reading(1251, 640)
    assert size.per_row == pytest.approx(1251 / 640)
    assert size_reading(81, 800).rows_per_param == pytest.approx(800 / 81)
    with pytest.raises(ValueError):
        size_reading(0, 10)


def test_gap_figure_marks_the_best_epoch_or_says_there_is_no_validation():
    figure = fit_gap_figure(read_fit(OVERFIT), title="Gap")
    assert figure.layout.title.text == "Gap"
    assert list(figure.data[0].x) == [1, 2, 3, 4, 5, 6]
    assert [shape.x0 for shape in figure.layout.shapes if shape.type == "line"
            and shape.x0 == shape.x1] == [3]
    assert any("epoch 3" in a.text for a in figure.layout.annotations)
    empty = fit_gap_figure(read_fit({"loss": [0.5]}))
    assert not empty.data and "No validation rows" in empty.layout.annotations[0].text

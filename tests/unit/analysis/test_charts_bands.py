"""The repeat bands figure draws exactly the means and the ± std it is given."""

from __future__ import annotations

import numpy as np

from funcnet import i18n
from funcnet.analysis import charts
from funcnet.runs.repeats import curve_band


def _bands():
    runs = [{"loss": [1.0, 0.6, 0.4], "val_loss": [1.1, 0.8, 0.7]},
            {"loss": [0.8, 0.5, 0.1], "val_loss": [0.9, 0.7, 0.6]},
            {"loss": [0.9, 0.7, 0.3], "val_loss": [1.0, 0.9, 0.8]}]
    single = [{"loss": [0.5, 0.4]}]
    return {"Runs 1–3": {k: curve_band(runs, k) for k in ("loss", "val_loss")},
            "Run 4 <b>": {"loss": curve_band(single, "loss")}}


def test_each_repeat_gets_a_band_and_a_mean_line_per_series():
    bands = _bands()
    fig = charts.band_figure(bands, "loss", repeats=list(bands))
    parts = [(tr.meta["repeat"], tr.meta["series"], tr.meta["part"]) for tr in fig.data
             if "repeat" in (tr.meta or {})]
    assert parts == [("Runs 1–3", "Training", "band"), ("Runs 1–3", "Training", "mean"),
                     ("Runs 1–3", "Validation", "band"), ("Runs 1–3", "Validation", "mean"),
                     ("Run 4 <b>", "Training", "band"), ("Run 4 <b>", "Training", "mean")]
    band, mean = fig.data[0], fig.data[1]
    train = bands["Runs 1–3"]["loss"]
    np.testing.assert_allclose(mean.y, train.mean)
    upper, lower = train.mean + train.std, train.mean - train.std
    np.testing.assert_allclose(band.y, np.r_[upper, lower[::-1]])
    assert band.fill == "toself" and band.hoverinfo == "skip"
    assert fig.data[3].line.dash == "dash" and mean.line.color == fig.data[3].line.color
    assert fig.data[5].name == "Run 4 &lt;b&gt;"  # the label is escaped for plotly
    assert fig.data[4].y[0] == fig.data[4].y[-1] == 0.5  # no spread from one run: a flat band
    styles = [tr.meta["style"] for tr in fig.data if "style" in (tr.meta or {})]
    assert styles == ["Training: mean ± std", "Validation: mean ± std"]
    assert fig.layout.title.text == "Loss over seeds: mean ± std"


def test_the_figure_speaks_portuguese_and_says_when_it_is_empty():
    with i18n.using("pt"):
        fig = charts.band_figure({}, "loss")
        assert fig.layout.annotations and "Loss" not in fig.layout.title.text

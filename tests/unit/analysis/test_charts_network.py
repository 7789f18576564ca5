"""Tests for funcnet.analysis.charts.network: inside-the-network figures draw what they get."""

from __future__ import annotations

import json

import numpy as np
import pytest

from funcnet import i18n
from funcnet.analysis import charts

GRID = np.linspace(-1.0, 1.0, 5)


def test_planes_draw_one_heatmap_per_unit_on_one_scale_per_row() -> None:
    planes = [np.arange(3 * 25, dtype=float).reshape(3, 5, 5) - 30, np.ones((1, 5, 5))]
    figure = charts.neuron_planes_figure(planes, GRID, GRID, ["first", "second"], "T", "Unit",
                                         point=(0.0, -1.0))
    heatmaps = [tr for tr in figure.data if tr.type == "heatmap"]
    assert len(heatmaps) == 4
    np.testing.assert_array_equal(heatmaps[1].z, planes[0][1])
    assert {tr.coloraxis for tr in heatmaps[:3]} == {"coloraxis"}
    assert heatmaps[3].coloraxis == "coloraxis2"
    assert figure.layout.coloraxis.cmin == -44 and figure.layout.coloraxis.cmax == 44
    # Thumbnails side by side, rows one under the other; marks at the point in each.
    assert heatmaps[1].x0 - heatmaps[0].x0 == 5 + charts.network.THUMB_GAP
    assert heatmaps[0].y0 - heatmaps[3].y0 == 5 + charts.network.THUMB_LABEL
    (marks,) = [tr for tr in figure.data if tr.type == "scatter"]
    assert list(marks.x) == [heatmaps[k].x0 + 2 for k in range(4)]  # x = 0: the middle cell
    assert list(marks.y) == [heatmaps[k].y0 for k in range(4)]  # y = -1: the bottom row
    assert [a.text for a in figure.layout.annotations] == ["first", "second"]


def test_example_rows_keep_their_values_as_text_and_escape_nothing_twice() -> None:
    rows = [np.array([0.5, -2.0]), np.array([3.0, 0.0, 1.5])]
    with i18n.using("pt"):
        figure = charts.example_figure(rows, ["input", "h &lt;1&gt;"], "T", "Unit")
    (heat,) = figure.data
    assert list(heat.text[0]) == ["0,50", "-2,00", ""]  # the locale's decimals
    assert np.isnan(heat.z[0][2])
    assert heat.z[1][0] == pytest.approx(1.0) and heat.z[0][1] == pytest.approx(-1.0)
    assert list(figure.layout.yaxis.ticktext) == ["input", "h &lt;1&gt;"]
    with pytest.raises(ValueError):
        charts.example_figure(rows, ["one label"], "T", "Unit")


def test_output_bars_and_weights_escape_the_users_names() -> None:
    bars = charts.output_bars(["<b>yes</b>", "no"], [0.25, 0.75], "Output", "Probability")
    assert "<b>" not in json.dumps(bars.to_plotly_json()["data"])
    kernel = np.array([[1.0, -2.0], [0.5, 0.0], [0.1, 0.2]])
    figure = charts.weights_figure(kernel, np.array([0.3, -0.1]), ["x<0>", "x1", "x1"], "W",
                                   "Unit", "bias")
    weights, bias = figure.data
    np.testing.assert_array_equal(weights.z, kernel)
    np.testing.assert_array_equal(np.asarray(bias.z).ravel(), [0.3, -0.1])
    assert list(figure.layout.yaxis.ticktext) == ["x&lt;0&gt;", "x1", "x1"]  # repeats kept
    assert figure.layout.coloraxis.cmin == -2.0
    with pytest.raises(ValueError):
        charts.weights_figure(kernel, np.zeros(3), ["a", "b", "c"], "W", "Unit", "bias")

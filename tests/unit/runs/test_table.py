"""Stored runs as table rows: summaries, differing settings, CSV, metric differences, ROC."""

from __future__ import annotations

import csv
import dataclasses
import io
import math

import numpy as np
import pytest

from funcnet.analysis import run_charts
from funcnet.analysis.charts import class_color
from funcnet.analysis.evaluation import head_summary, roc_curves
from funcnet.export.share import job_from_json
from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job
from funcnet.runs.store import RunRecord
from funcnet.runs.table import (
    comparison_roc,
    differing_columns,
    metric_differences,
    network_summary,
    run_frame,
    run_summary,
    runs_csv,
)
from funcnet.train.results import HeadResult, JobResult

SEED = PRESETS["seed"].job


def _with(job: Job, **train: object) -> Job:
    return dataclasses.replace(job, train=dataclasses.replace(job.train, **train))


def _record(run_id: int, job: Job, summary: dict[str, float], *, status: str = "completed",
            author: str = "a") -> RunRecord:
    return RunRecord(
        id=run_id, board="browser:a", number=run_id, author=author, created_at=1_700_000_000.0
        + run_id, job=job, status=status, message="" if status == "completed" else "NaN loss",
        epochs_run=3, elapsed=1.5, history={"loss": [1.0, 0.8, 0.7]}, test_metrics={},
        diagnostics={}, summary=summary)


def test_the_network_is_summarised_by_its_hidden_layers():
    assert network_summary(SEED.model) == "64-64 relu"
    mixed = SEED.model.replace_node(SEED.model.order[2], activation="tanh")
    assert network_summary(mixed) == "64 relu · 64 tanh"


def test_a_run_summary_holds_the_test_loss_and_the_first_heads_metrics():
    rng = np.random.default_rng(0)
    head = HeadResult("output", "binary", "label", ("0", "1"), rng.integers(0, 2, 50),
                      rng.random(50))
    summary = run_summary(JobResult("completed", test_metrics={"loss": 0.5},
                                    heads={"output": head}))
    assert summary == {"loss": 0.5, **head_summary(head)}
    assert run_summary(JobResult("failed", message="boom")) == {}


def test_only_the_settings_that_differ_are_reported():
    records = [
        _record(1, SEED, {"loss": 0.5, "accuracy": 0.7, "auc": 0.8}),
        _record(2, _with(SEED, learning_rate=0.01), {"loss": 0.4, "accuracy": 0.75, "auc": 0.8}),
        _record(3, _with(SEED, learning_rate=0.01, epochs=20), {"loss": 0.3}),
    ]
    frame = run_frame(records)
    assert list(frame.index) == [1, 2, 3]
    assert differing_columns(frame) == ["learning_rate", "epochs"]
    assert differing_columns(frame.iloc[[1, 2]]) == ["epochs"]
    assert differing_columns(frame.iloc[[0]]) == []
    # Regression columns no run has are left out; a missing value is NaN.
    assert "mae" not in frame and "r2" not in frame
    assert math.isnan(frame.loc[3, "accuracy"])
    assert frame.loc[2, "network"] == "64-64 relu"
    assert frame.loc[1, "params"] == SEED.model.total_params()


def test_a_class_board_frame_has_an_author_column():
    records = [_record(1, SEED, {}), _record(2, SEED, {}, author="b")]
    frame = run_frame(records, {1: "you", 2: "3fa2c1"})
    assert list(frame["author"]) == ["you", "3fa2c1"]
    assert "author" not in run_frame(records)


def test_the_csv_has_one_row_per_run_with_settings_metrics_and_setup():
    records = [_record(2, _with(SEED, learning_rate=0.01), {"loss": 0.4}, status="stopped"),
               _record(1, SEED, {"loss": 0.5})]
    rows = list(csv.DictReader(io.StringIO(runs_csv(records))))
    assert [row["run"] for row in rows] == ["2", "1"]
    assert [float(row["learning_rate"]) for row in rows] == [0.01, 0.001]
    assert [row["status"] for row in rows] == ["stopped", "completed"]
    assert [row["message"] for row in rows] == ["NaN loss", ""]
    assert [float(row["loss"]) for row in rows] == [0.4, 0.5]
    assert job_from_json(rows[0]["setup"]) == records[0].job
    assert rows[1]["created_at"].startswith("2023-11-1")  # ISO 8601



@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_text_cells_never_start_a_spreadsheet_formula(start):
    bad = dataclasses.replace(_record(1, SEED, {"r2": -0.25}, status="failed"),
                              message=f"{start}HYPERLINK(\"http://evil.example\")")
    rows = list(csv.DictReader(io.StringIO(runs_csv([bad], {1: f"{start}1+1"}), newline="")))
    assert rows[0]["message"] == f"'{start}HYPERLINK(\"http://evil.example\")"
    assert rows[0]["author"] == f"'{start}1+1"
    assert float(rows[0]["r2"]) == -0.25  # a negative number stays a number
    assert job_from_json(rows[0]["setup"]) == SEED

def test_metric_differences_are_against_the_first_chosen_run():
    records = [_record(1, SEED, {"loss": 0.5, "accuracy": 0.7, "auc": 0.8}),
               _record(2, SEED, {"loss": 0.4, "accuracy": 0.75, "auc": 0.9})]
    values, deltas = metric_differences(run_frame(records), [2, 1])
    assert list(values.index) == [2, 1]
    assert list(values.columns) == ["loss", "accuracy", "auc"]
    assert deltas.loc[2].tolist() == [0.0, 0.0, 0.0]
    np.testing.assert_allclose(deltas.loc[1].to_numpy(), [0.1, -0.05, -0.1])


def test_a_binary_head_gives_its_positive_class_curve():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 80)
    head = HeadResult("o", "binary", "t", ("no", "yes"), y, rng.random(80))
    curve = comparison_roc(head)
    expected = roc_curves(y, head.y_score, ["no", "yes"])["yes"]
    np.testing.assert_array_equal(curve.fpr, expected.fpr)
    assert curve.auc == expected.auc


def test_a_multiclass_head_gives_the_macro_average_curve():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 3, 120)
    scores = rng.random((120, 3))
    scores /= scores.sum(axis=1, keepdims=True)
    head = HeadResult("o", "multiclass", "t", ("a", "b", "c"), y, scores)
    curve = comparison_roc(head)
    assert curve.auc == pytest.approx(head_summary(head)["auc"])
    assert (curve.fpr[0], curve.tpr[0]) == (0.0, 0.0)
    assert (curve.fpr[-1], curve.tpr[-1]) == (1.0, 1.0)
    assert np.all(np.diff(curve.fpr) >= 0) and np.all(np.diff(curve.tpr) >= 0)
    # The area under the averaged curve is the mean of the per-class areas.
    assert np.trapezoid(curve.tpr, curve.fpr) == pytest.approx(curve.auc, abs=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_the_macro_curve_starts_at_the_origin_and_its_area_is_its_auc(seed):
    # Confident scores: every class's curve jumps straight up at a false positive rate of 0.
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(3 + seed % 2), 30)
    classes = tuple("abcd"[:3 + seed % 2])
    scores = np.eye(len(classes))[y] * 0.3 + rng.random((len(y), len(classes))) * 0.6
    scores /= scores.sum(axis=1, keepdims=True)
    curve = comparison_roc(HeadResult("o", "multiclass", "t", classes, y, scores))
    assert (curve.fpr[0], curve.tpr[0]) == (0.0, 0.0)
    assert curve.tpr[curve.fpr == 0.0].max() > 0.1  # the jump is drawn, not cut off
    assert np.trapezoid(curve.tpr, curve.fpr) == pytest.approx(curve.auc, abs=0.01)
    assert curve.auc == pytest.approx(head_summary(
        HeadResult("o", "multiclass", "t", classes, y, scores))["auc"])


def test_regression_and_one_class_heads_have_no_curve():
    assert comparison_roc(HeadResult("v", "regression", "t", (), np.zeros(5), np.ones(5))) is None
    one_class = HeadResult("o", "binary", "t", ("0", "1"), np.zeros(5, int), np.random.rand(5))
    assert comparison_roc(one_class) is None


def test_the_loss_overlay_draws_exactly_the_runs_given_one_colour_each():
    histories = {"Run 4": {"loss": [1.0, 0.5], "val_loss": [1.1, 0.7]},
                 "Run 2": {"loss": [0.9, 0.6, 0.4]}}
    figure = run_charts.runs_history_figure(histories, title="Loss")
    runs = [trace for trace in figure.data if "run" in (trace.meta or {})]
    assert [(t.name, t.meta["series"]) for t in runs] == [
        ("Run 4", "Training"), ("Run 4", "Validation"), ("Run 2", "Training")]
    assert [t.line.color for t in runs] == [class_color(0), class_color(0), class_color(1)]
    assert [t.line.dash for t in runs] == ["solid", "dash", "solid"]
    assert [t.showlegend for t in runs] == [True, False, True]
    assert list(runs[2].y) == [0.9, 0.6, 0.4]
    styles = [trace.name for trace in figure.data if "style" in (trace.meta or {})]
    assert styles == ["Training curve", "Validation curve"]
    assert figure.layout.title.text == "Loss"
    assert run_charts.runs_history_figure({}).layout.annotations[0].text == \
        "No runs to compare yet"


def test_a_run_keeps_its_colour_when_an_earlier_run_has_no_curve():
    figure = run_charts.runs_history_figure({"Run 2": {"loss": [0.5, 0.4]}},
                                            runs=["Run 3", "Run 2"])
    assert [t.line.color for t in figure.data if t.meta.get("run")] == [class_color(1)]

"""The dashboard's pure helpers: stack editing, progress, comparison tables, texts."""

import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from funcnet import i18n
from funcnet.analysis import activation_ranking as compare
from funcnet.data.datasets import TargetInfo
from funcnet.model import editing
from funcnet.model.activations import ACTIVATIONS
from funcnet.model.presets import PRESETS, HiddenLayer
from funcnet.model.spec import LOSSES, OPTIMIZERS, TASKS
from funcnet.train import progress
from funcnet.train.results import HeadResult, JobResult
from funcnet.ui import texts, widgets

UI = Path(__file__).resolve().parents[3] / "funcnet" / "ui"


# ------------------------------------------------------------------ editing


def test_seed_preset_reads_as_a_stack_and_round_trips():
    model = PRESETS["seed"].job.model
    view = editing.as_stack(model)
    assert view is not None
    assert view.features == tuple(f"x{i}" for i in range(20))
    assert [layer.units for layer in view.hidden] == [64, 64]
    assert editing.build_stack(view) == model


@pytest.mark.parametrize("name", ["residual", "wide-deep", "siamese", "multi-output"])
def test_graphs_are_not_stacks(name):
    assert editing.as_stack(PRESETS[name].job.model) is None


def test_stack_with_too_many_units_is_left_to_the_graph_view():
    model = PRESETS["seed"].job.model.replace_node("dense_1", units=600)
    assert editing.as_stack(model) is None


def test_aim_head_follows_the_target_task():
    head = PRESETS["seed"].job.model.outputs[0]
    species = TargetInfo("species", "multiclass", ("a", "b", "c"))
    aimed = editing.aim_head(head, species, "softmax", "binary_crossentropy")
    assert (aimed.task, aimed.units, aimed.target) == ("multiclass", 3, "species")
    assert aimed.loss == LOSSES["multiclass"][0]  # an unsuitable loss falls back
    value = TargetInfo("value", "regression")
    aimed = editing.aim_head(head, value, "linear", "huber")
    assert (aimed.task, aimed.activation, aimed.loss) == ("regression", "linear", "huber")


def test_with_hidden_activation_keeps_heads_and_names():
    model = PRESETS["multi-output"].job.model
    changed = model.with_hidden_activation("tanh")
    assert editing.hidden_activations(changed) == ("tanh",)
    assert [n.name for n in changed.nodes] == [n.name for n in model.nodes]
    assert [h.activation for h in changed.outputs] == [h.activation for h in model.outputs]
    assert changed.total_params() == model.total_params()
    with pytest.raises(ValueError, match="rellu"):
        model.with_hidden_activation("rellu")


def test_summary_rows_count_every_parameter():
    model = PRESETS["siamese"].job.model
    rows = editing.summary_rows(model)
    assert [r["node"] for r in rows] == list(model.order)
    assert sum(r["parameters"] for r in rows) == model.total_params()
    tower = next(r for r in rows if r["node"] == "tower_1")
    assert tower["output"] == "32 × 2"  # a shared layer yields one tensor per branch


def test_new_layer_copies_the_last_one():
    assert editing.new_layer([HiddenLayer(8, "tanh")]) == HiddenLayer(8, "tanh")
    assert editing.new_layer([]).units == 32


# ------------------------------------------------------------------ progress


def epoch(k, n=4, elapsed=None, **logs):
    return {"type": "epoch", "epoch": k, "epochs": n, "logs": logs or {"loss": 1.0 / k},
            "elapsed": elapsed if elapsed is not None else float(k)}


def test_progress_reads_history_time_left_and_boundary():
    grid = np.zeros((3, 3))
    events = [{"type": "started", "epochs": 4},
              epoch(1, loss=0.9, val_loss=1.0),
              {**epoch(2, loss=0.5, val_loss=0.7), "boundary": grid, "grid_x": [0, 1, 2],
               "grid_y": [0, 1, 2]}]
    p = progress.read_progress(events, "running", epochs=99)
    assert (p.epoch, p.epochs, p.fraction) == (2, 4, 0.5)
    assert p.history == {"loss": [0.9, 0.5], "val_loss": [1.0, 0.7]}
    assert p.seconds_left == pytest.approx(2.0)  # 1 s per epoch, 2 epochs to go
    assert p.boundary is not None and p.boundary.shape == (3, 3)
    assert list(p.grid_x) == [0, 1, 2]
    assert not p.finished


def test_progress_done_event_sets_status_and_message():
    events = [epoch(1), {"type": "done", "status": "stopped", "message": "Stopped at epoch 1."}]
    p = progress.read_progress(events, "running", epochs=4)
    assert (p.status, p.message, p.finished, p.seconds_left) == (
        "stopped", "Stopped at epoch 1.", True, None)


def test_a_run_that_stopped_early_and_completed_fills_its_progress_bar():
    # Early stopping ends a 10-epoch run at epoch 4: the run is complete, not 40% done.
    events = [{"type": "started", "epochs": 10}, *(epoch(i, n=10) for i in range(1, 5)),
              {"type": "done", "status": "completed", "message": ""}]
    p = progress.read_progress(events, "running", epochs=10)
    assert (p.status, p.epoch, p.epochs, p.fraction) == ("completed", 4, 10, 1.0)
    stopped = progress.read_progress([*events[:-1], {"type": "done", "status": "stopped"}],
                                     "running", epochs=10)
    assert stopped.fraction == pytest.approx(0.4)


def test_progress_after_the_last_epoch_is_evaluating():
    p = progress.read_progress([epoch(1, n=2), epoch(2, n=2)], "running", epochs=2)
    assert p.evaluating and not p.finished
    assert compare.progress_frame({"relu": p}).loc["relu", "status"] == "evaluating"
    assert not progress.read_progress([epoch(1, n=2)], "running", epochs=2).evaluating


def test_progress_before_any_event():
    p = progress.read_progress([], "queued", epochs=7)
    assert (p.epoch, p.epochs, p.fraction, p.seconds_left, p.history) == (0, 7, 0.0, None, {})


@pytest.mark.parametrize("seconds, text", [
    (None, "—"), (float("nan"), "—"), (0.4, "0 s"), (8.6, "9 s"), (125, "2 min 05 s"),
    (3720, "1 h 02 min"),
])
def test_format_duration(seconds, text):
    assert progress.format_duration(seconds) == text


def test_best_epoch_prefers_validation_loss_and_skips_nan():
    assert progress.best_epoch({"loss": [3, 2, 1], "val_loss": [3, 1, 2]}) == 2
    assert progress.best_epoch({"loss": [3, 2, 1]}) == 3
    assert progress.best_epoch({"loss": [math.nan, 2.0]}) == 2
    assert progress.best_epoch({}) is None


# ------------------------------------------------------------------ comparison


def result(val_loss, dead=math.nan, saturated=math.nan, grad=0.1, status="completed"):
    head = HeadResult("output", "binary", "target", ("0", "1"),
                      np.array([0, 1, 0, 1]), np.array([0.2, 0.8, 0.4, 0.6]))
    return JobResult(status=status, history={"loss": [1.0, 0.5], "val_loss": [1.0, val_loss]},
                     epochs_run=2, heads={"output": head}, elapsed=1.5,
                     diagnostics={"dead_units": dead, "saturated_units": saturated,
                                  "first_layer_grad_norm": grad})


def test_ranking_sorts_by_final_validation_loss_with_failures_last():
    frame = compare.ranking_frame({
        "relu": result(0.6, dead=0.25, grad=0.4),
        "sigmoid": result(0.4, saturated=0.5, grad=0.01),
        "elu": result(0.5),
        "tanh": JobResult(status="failed", message="boom"),
    })
    assert list(frame.index) == ["sigmoid", "elu", "relu", "tanh"]
    assert list(frame.columns) == list(compare.RANK_COLUMNS)
    relu = frame.loc["relu"]
    assert (relu["activation"], relu["dead"], relu["best_epoch"], relu["accuracy"]) == (
        "ReLU", 0.25, 2, 1.0)
    assert relu["auc"] == 1.0 and relu["seconds"] == 1.5


def test_findings_name_dead_saturated_and_vanishing_gradient():
    frame = compare.ranking_frame({
        "relu": result(0.6, dead=0.25, grad=0.4),
        "sigmoid": result(0.4, saturated=0.5, grad=0.01),
        "leaky_relu": result(0.5, dead=0.0, grad=0.3),
        "elu": result(0.5, grad=0.2),
    })
    found = compare.findings(frame)
    assert found.dead == ("relu", 0.25)
    assert set(found.alive) == {"leaky_relu", "elu"}
    assert found.saturated == ("sigmoid", 0.5)
    assert found.weakest_grad == ("sigmoid", 0.01)
    assert found.strongest_grad == ("relu", 0.4)
    assert found.best == "sigmoid"


def test_findings_without_dead_units():
    found = compare.findings(compare.ranking_frame({"elu": result(0.5), "tanh": result(0.6)}))
    assert found.dead is None and found.saturated is None


# ------------------------------------------------------------------ texts


def test_every_text_id_used_by_the_interface_exists():
    source = "\n".join(p.read_text() for p in UI.rglob("*.py"))
    used = set(re.findall(r"\bt\(\s*\"([a-z_]+\.[a-z0-9_.]+)\"", source))
    used |= set(re.findall(r"\bt\(\s*'([a-z_]+\.[a-z0-9_.]+)'", source))
    assert used, "the pattern found no text ids"
    missing = sorted(used - set(texts.TEXTS))
    assert not missing, missing
    # Ids built at run time from a vocabulary.
    for key in ([f"task.{k}" for k in (*TASKS, "auto")]
                + [f"optimizer.{o}" for o in OPTIMIZERS]
                + [f"loss.{loss}" for losses in LOSSES.values() for loss in losses]
                + [f"status.{s}" for s in ("queued", "running", "evaluating", "completed",
                                           "stopped", "failed")]
                + [f"home.{p}_{x}" for p in ("build", "train", "understand")
                   for x in ("title", "text")]
                + ["act.curves_loss", "act.curves_val_loss"]):
        assert key in texts.TEXTS, key


def test_t_fills_fields_and_survives_unknown_ids():
    assert texts.t("live.running", epoch=3, epochs=10, elapsed="2 s", left="5 s") == (
        "Epoch 3 of 10 · 2 s so far · about 5 s left")
    assert texts.t("no.such.text") == "no.such.text"
    assert texts.fmt_int(5569) == "5,569"
    assert texts.fmt_metric(0.12345) == "0.123"
    assert texts.fmt_metric(float("nan")) == "—"


def test_activation_labels_come_from_the_registry():
    # The interface has no second list of activation names.
    source = "\n".join(p.read_text() for p in UI.rglob("*.py"))
    for entry in ACTIVATIONS.values():
        if entry.label not in ("tanh", "sigmoid", "linear", "softmax", "swish"):
            assert f'"{entry.label}"' not in source, entry.label


def test_a_localized_table_shows_numbers_with_the_languages_signs_and_keeps_values():
    frame = pd.DataFrame({"class": ["Loss", "0.5"], "x": [0.71, float("nan")],
                          "loss": [1234.56789, 0.1], "rows": [1500, 2]})
    with i18n.using("pt"):
        styler = widgets.localized_table(frame, {"loss": "{:,.4f}"})
        html = styler.to_html()
    assert "0,71" in html and "1.234,5679" in html and "0,1000" in html and "—" in html
    assert ">0.5<" in html and ">Loss<" in html  # the user's texts are not numbers
    assert styler.data["x"].iloc[0] == 0.71  # sorting still uses the values
    with i18n.using("en"):
        assert "1,234.5679" in widgets.localized_table(frame, {"loss": "{:,.4f}"}).to_html()


def test_a_clicked_confusion_cell_is_read_from_the_point_and_anything_else_is_none():
    from funcnet.analysis.charts import CELL_TRACE
    from funcnet.ui.confusion_rows import clicked_cell

    assert clicked_cell({"curve_number": CELL_TRACE, "point_index": 7}, 3) == (2, 1)
    assert clicked_cell({"curve_number": CELL_TRACE, "point_number": 0}, 3) == (0, 0)
    # What a tampered browser could send: no cell, never an error.
    for point in ({"curve_number": 0, "point_index": 1}, {"curve_number": CELL_TRACE},
                  {"curve_number": CELL_TRACE, "point_index": "4"},
                  {"curve_number": CELL_TRACE, "point_index": 1.5},
                  {"curve_number": CELL_TRACE, "point_index": True},
                  {"curve_number": CELL_TRACE, "point_index": -1},
                  {"curve_number": CELL_TRACE, "point_index": 9},
                  {"curve_number": CELL_TRACE, "point_index": 10**100}, "7", None, [7]):
        assert clicked_cell(point, 3) is None, point

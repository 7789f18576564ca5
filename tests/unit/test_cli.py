"""`python -m funcnet`: listings, a full training with output files, bad input."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score

from funcnet.cli import main
from funcnet.data.catalog import DATASETS
from funcnet.data.upload import MAX_CSV_BYTES
from funcnet.model.presets import PRESETS


def test_presets_and_datasets_are_listed(capsys):
    assert main(["presets"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in PRESETS)
    assert main(["datasets"]) == 0
    listed = capsys.readouterr().out
    assert all(name in listed for name in DATASETS)


def test_train_writes_every_file_and_metrics_agree_with_sklearn(tmp_path, capsys):
    out = tmp_path / "run"
    status = main(["train", "--preset", "seed", "--dataset", "moons", "--epochs", "3",
                   "--learning-rate", "0.01", "--seed", "3", "--out", str(out)])
    assert status == 0
    printed = capsys.readouterr().out
    assert printed.count("epoch ") == 3 and "test [output]" in printed
    assert {p.name for p in out.iterdir()} == {
        "job.json", "history.csv", "metrics.json", "predictions.csv", "model.keras"}
    job = json.loads((out / "job.json").read_text())
    assert job["data"]["name"] == "moons" and job["train"]["epochs"] == 3
    assert job["model"]["nodes"][0]["columns"] == ["x0", "x1"]
    history = pd.read_csv(out / "history.csv")
    assert list(history["epoch"]) == [1, 2, 3] and "val_loss" in history
    metrics = json.loads((out / "metrics.json").read_text())
    predictions = pd.read_csv(out / "predictions.csv")
    assert list(predictions.columns) == ["y_true", "y_score"]
    y_true, y_score = predictions["y_true"].to_numpy(), predictions["y_score"].to_numpy()
    y_pred = (y_score > 0.5).astype(int)
    assert metrics["accuracy"] == pytest.approx(accuracy_score(y_true, y_pred))
    assert metrics["auc"] == pytest.approx(roc_auc_score(y_true, y_score))
    head = metrics["heads"]["output"]
    assert head["confusion_matrix"] == confusion_matrix(y_true, y_pred).tolist()
    assert head["classification_report"]["1"]["support"] == int((y_true == 1).sum())
    assert metrics["test_loss"] == pytest.approx(metrics["test_metrics"]["loss"])


def test_multi_output_predictions_are_prefixed_per_head(tmp_path):
    out = tmp_path / "multi"
    assert main(["train", "--preset", "multi-output", "--epochs", "1", "--out", str(out)]) == 0
    columns = list(pd.read_csv(out / "predictions.csv").columns)
    assert columns == ["label_y_true", "label_y_score", "value_y_true", "value_y_pred"]
    metrics = json.loads((out / "metrics.json").read_text())
    assert set(metrics["heads"]) == {"label", "value"}
    assert "r2" in metrics["heads"]["value"] and "auc" in metrics["heads"]["label"]


def test_multiclass_csv_gets_one_score_column_per_class(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path / "uploads"))
    rng = np.random.default_rng(0)
    x = rng.normal(size=(150, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["kind"] = np.array(["red", "green", "blue"])[np.argmax(x, axis=1)]
    csv = tmp_path / "points.csv"
    frame.to_csv(csv, index=False)
    out = tmp_path / "csvrun"
    assert main(["train", "--csv", str(csv), "--target", "kind", "--epochs", "2",
                 "--out", str(out)]) == 0
    columns = list(pd.read_csv(out / "predictions.csv").columns)
    assert columns[0] == "y_true"
    assert sorted(columns[1:]) == ["score_blue", "score_green", "score_red"]


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["train", "--preset", "nope"], "Unknown preset 'nope'"),
        (["train", "--dataset", "mnist"], "field 'name' must be one of"),
        (["train", "--epochs", "0"], "'epochs' must be an integer in 1..500"),
        (["train", "--learning-rate", "-1"], "learning_rate"),
        (["train", "--spec", "/nonexistent/spec.json"], "cannot read"),
        (["train", "--target", "y"], "--target only applies to --csv"),
        (["train", "--bogus"], "unrecognized arguments"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv, fragment):
    process = subprocess.run([sys.executable, "-m", "funcnet", *argv],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 2
    lines = process.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), process.stderr
    assert fragment in lines[0]
    assert "Traceback" not in process.stderr


def test_a_broken_spec_file_is_reported(tmp_path, capsys):
    spec = tmp_path / "spec.json"
    spec.write_text('{"nodes": [{"name": "i", "type": "input", "columns": ["x0"]}, ')
    assert main(["train", "--spec", str(spec)]) == 2
    assert "is not valid JSON" in capsys.readouterr().err
    model = PRESETS["seed"].job.model.to_dict()
    model["nodes"][1]["inputs"] = ["dense_2"]
    spec.write_text(json.dumps(model))
    assert main(["train", "--spec", str(spec)]) == 2
    assert "closes a cycle" in capsys.readouterr().err


# ------------------------------------------------------------------ hostile input, in-process


def _one_error_line(capsys) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error:"), captured.err
    assert "Traceback" not in captured.err + captured.out
    assert len(lines[0]) < 400
    return lines[0]


@pytest.mark.parametrize("depth", [30_000, 100_000])
def test_json_nested_a_hundred_thousand_deep_is_one_line(tmp_path, capsys, depth):
    spec = tmp_path / "deep.json"
    spec.write_text("[" * depth + "]" * depth)
    assert main(["train", "--spec", str(spec)]) == 2
    line = _one_error_line(capsys)
    assert ("nests" if depth * 2 < 65_536 else "at most 65,536 bytes") in line


@pytest.mark.parametrize("digits", [400, 5000, 10_000])
def test_a_ten_thousand_digit_integer_is_one_line(tmp_path, capsys, digits):
    assert main(["train", "--epochs", "9" * digits]) == 2
    assert "whole number" in _one_error_line(capsys)
    job = PRESETS["seed"].job.to_dict()
    spec = tmp_path / "big.json"
    spec.write_text(json.dumps(job).replace('"epochs": 10', '"epochs": ' + "9" * digits))
    assert main(["train", "--spec", str(spec)]) == 2
    line = _one_error_line(capsys)
    assert "epochs" in line or "4,300 digits" in line


def test_a_number_argument_that_is_not_a_number_is_one_line(capsys):
    for argv in (["--learning-rate", "1" * 5000], ["--learning-rate", "nan"],
                 ["--learning-rate", "1e999"], ["--seed", "-1"], ["--batch-size", "1.5"]):
        assert main(["train", *argv]) == 2, argv
        _one_error_line(capsys)


def test_spec_columns_missing_from_the_data_are_named(tmp_path, capsys):
    job = PRESETS["seed"].job.to_dict()
    job["model"]["nodes"][0]["columns"] = ["x0", "not_a_column"]
    spec = tmp_path / "spec.json"
    spec.write_text(json.dumps(job))
    assert main(["train", "--spec", str(spec)]) == 2
    assert "not_a_column" in _one_error_line(capsys)


@pytest.mark.parametrize("kind", ["file", "unwritable", "under_a_file"])
def test_out_is_checked_before_training(tmp_path, capsys, kind):
    target = tmp_path / "taken"
    target.write_text("a file")
    # /proc refuses new folders even to root (tests may run as root, who ignores chmod).
    out = {"file": target, "under_a_file": target / "run",
           "unwritable": Path("/proc/funcnet-out/run")}[kind]
    assert main(["train", "--epochs", "1", "--out", str(out)]) == 2
    line = _one_error_line(capsys)
    assert "--out" in line
    assert "epoch" not in capsys.readouterr().out  # nothing was trained


@pytest.mark.parametrize("path", ["/dev/zero", "/dev/null", "/", "/nonexistent.csv"])
def test_csv_kind_and_size_are_checked_before_reading(capsys, path):
    assert main(["train", "--csv", path]) == 2
    _one_error_line(capsys)


def test_an_oversized_csv_is_refused_before_reading(tmp_path, capsys):
    big = tmp_path / "big.csv"
    with big.open("wb") as handle:
        handle.truncate(MAX_CSV_BYTES + 1)  # sparse: the size, without the bytes
    assert main(["train", "--csv", str(big)]) == 2
    assert "at most" in _one_error_line(capsys)


@pytest.mark.parametrize("value", ["1e308", "-1e308", "1e300", "3e38"])
def test_huge_values_say_why_the_loss_could_not_be_finite(tmp_path, capsys, value):
    rows = [f"{i % 7},{(i * 3) % 5},{i % 2}" for i in range(40)]
    rows[5] = f"{value},1,0"
    csv = tmp_path / "huge.csv"
    csv.write_text("a,b,label\n" + "\n".join(rows) + "\n")
    assert main(["train", "--csv", str(csv), "--epochs", "1"]) == 2
    line = _one_error_line(capsys)
    assert "32-bit" in line and "infinite" in line and "'a'" in line


def test_over_the_work_cap_is_refused_before_training(capsys, monkeypatch):
    monkeypatch.setenv("FUNCNET_MAX_PARAMS", "100")
    assert main(["train", "--preset", "seed", "--epochs", "1"]) == 2
    line = _one_error_line(capsys)
    assert "5,569 parameters" in line and "FUNCNET_MAX_PARAMS" in line


def test_ctrl_c_stops_like_stop_keeps_and_writes_what_was_trained(tmp_path, capsys,
                                                                   monkeypatch):
    import os
    import signal

    from funcnet import cli

    printed = []

    def interrupt_after_two(event):
        printed.append(event)
        if event.TYPE == "epoch" and event.epoch == 2:  # typed events (funcnet.train.events)
            os.kill(os.getpid(), signal.SIGINT)  # as the terminal's Ctrl-C does

    monkeypatch.setattr(cli, "_print_epoch", interrupt_after_two)
    out = tmp_path / "run"
    status = main(["train", "--preset", "seed", "--dataset", "moons", "--epochs", "300",
                   "--out", str(out)])
    assert status == 130
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Ctrl-C" in err[0], err
    history = pd.read_csv(out / "history.csv")
    assert 2 <= len(history) < 300
    assert (out / "model.keras").exists()
    assert json.loads((out / "metrics.json").read_text())["status"] == "stopped"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # restored


def test_early_stopping_is_a_training_option_within_its_bounds(capsys):
    from funcnet.cli import build_parser, job_from_args

    args = build_parser().parse_args(["train", "--epochs", "40", "--early-stopping", "5"])
    job = job_from_args(args)
    assert (job.train.epochs, job.train.early_stopping_patience) == (40, 5)
    assert job_from_args(build_parser().parse_args(["train"])).train.early_stopping_patience == 0
    assert main(["train", "--early-stopping", "101"]) == 2
    assert "early_stopping_patience" in _one_error_line(capsys)

"""`python -m funcnet`: listings, a full training with output files, bad input."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, confusion_matrix, roc_auc_score

from funcnet.cli import main
from funcnet.data.catalog import DATASETS
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

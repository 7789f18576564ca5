"""Wide data: 1,024 feature columns and 25 MB uploads by default, configurable, still bounded."""

from __future__ import annotations

import numpy as np
import pytest

from funcnet.data.catalog import DATASETS
from funcnet.data.datasets import clear_cache, load_dataset, store_upload
from funcnet.data.upload import MAX_CSV_BYTES, MAX_CSV_COLUMNS
from funcnet.engine.training import run_job
from funcnet.messages import InputError
from funcnet.model import limits
from funcnet.model.adapt import adapt_model
from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node, TrainConfig
from funcnet.train.results import RunOptions


@pytest.fixture
def uploads(tmp_path, monkeypatch):
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path / "uploads"))
    clear_cache()
    yield tmp_path / "uploads"
    clear_cache()


def _pixels_csv(rows: int, side: int = 28, seed: int = 0) -> bytes:
    """An MNIST-like CSV: `side`² pixel columns and a digit label that the pixels tell."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, rows)
    pixels = rng.integers(0, 40, (rows, side * side))
    for digit in range(3):  # each class lights its own band of pixels
        band = slice(digit * side * side // 3, (digit + 1) * side * side // 3)
        pixels[labels == digit, band] += 200
    header = ",".join([f"px{i}" for i in range(side * side)] + ["digit"])
    body = "\n".join(",".join(map(str, p)) + f",{label}" for p, label in
                     zip(pixels, labels, strict=True))
    return (header + "\n" + body + "\n").encode()


def test_the_defaults_take_1024_features_and_25_mb():
    assert limits.COLUMN_COUNT.high == 1024
    assert MAX_CSV_COLUMNS >= 1025
    assert MAX_CSV_BYTES == 25 * 1024 * 1024
    wide = ModelSpec((
        Node("input", "input", columns=tuple(f"c{i}" for i in range(1024))),
        Node("out", "output", inputs=("input",), units=1, activation="sigmoid",
             task="binary", target="y", loss="binary_crossentropy"),
    ))
    assert len(wide.inputs[0].columns) == 1024
    with pytest.raises(InputError) as error:
        ModelSpec((Node("input", "input", columns=tuple(f"c{i}" for i in range(1025))),
                   *wide.nodes[1:]))
    assert error.value.code == "spec.columns_count"


@pytest.mark.parametrize("name", ["seed-random", "classification"])
def test_generated_sets_take_1024_features_within_a_bound_on_values(name):
    features = dict((p.name, p) for p in DATASETS[name].params)["n_features"]
    assert features.high == 1024
    dataset = load_dataset(DataSpec(name, {"n_samples": 300, "n_features": 1024}))
    assert len(dataset.features) == 1024
    with pytest.raises(InputError) as error:  # 200,000 × 1,024 would be 1.6 GB per worker
        DataSpec(name, {"n_samples": 100_000, "n_features": 1024})
    assert error.value.code == "data.too_many_values"
    assert "102,400,000 values" in str(error.value) and "40,000,000" in str(error.value)


def test_a_setting_raises_or_lowers_a_size_and_a_bad_one_keeps_the_default():
    assert limits.configured("FUNCNET_MAX_COLUMNS", 1024, {"FUNCNET_MAX_COLUMNS": "4096"}) == 4096
    assert limits.configured("FUNCNET_MAX_COLUMNS", 1024, {"FUNCNET_MAX_COLUMNS": "64"}) == 64
    for bad in ("", "0", "-5", "1e3", "many", "9" * 12):
        assert limits.configured("FUNCNET_MAX_COLUMNS", 1024, {"FUNCNET_MAX_COLUMNS": bad}) \
            == 1024


def test_a_near_limit_upload_is_accepted_and_one_byte_more_is_not(uploads):
    row = ",".join(["1.5"] * 399) + ",0\n"  # wide rows: 25 MB within the row cap
    header = ",".join(f"f{i}" for i in range(399)) + ",label\n"
    count = (MAX_CSV_BYTES - len(header)) // len(row)
    content = (header + row * (count - 1) + row.replace(",0\n", ",1\n")).encode()
    assert MAX_CSV_BYTES - len(row) < len(content) <= MAX_CSV_BYTES
    info = store_upload(content, "big.csv")
    assert info.n_rows == count and len(info.columns) == 400
    with pytest.raises(InputError) as error:
        store_upload(content + b"1" * (MAX_CSV_BYTES - len(content) + 1), "bigger.csv")
    assert error.value.code == "csv.too_big"


def test_a_784_pixel_csv_uploads_and_trains(uploads):
    info = store_upload(_pixels_csv(300), "pixels.csv")
    assert len(info.columns) == 785 and info.suggested_target == "digit"
    data = DataSpec("csv", {"sha256": info.sha256, "target": "digit", "task": "multiclass"})
    dataset = load_dataset(data)
    assert len(dataset.features) == 784
    model = adapt_model(stack(["px0"], [HiddenLayer(32, "relu")],
                              head("out", "dense_1", "multiclass", "digit", 3)),
                        dataset.features, dataset.targets)
    assert len(model.inputs[0].columns) == 784
    job = Job(data=data, model=model, train=TrainConfig(epochs=3, batch_size=32))
    result = run_job(job, lambda event: None, lambda: False,
                     RunOptions(keep_model=False, diagnostics=False))
    assert result.status == "completed", result.message
    assert result.test_metrics["accuracy"] > 0.9  # the bands tell the digits apart

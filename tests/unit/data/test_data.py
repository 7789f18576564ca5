"""Data sets: loading, splitting, standardising, CSV uploads and model checks."""

import hashlib

import numpy as np
import pandas as pd
import pytest
from sklearn.datasets import load_iris

from funcnet.data import datasets as data
from funcnet.data import upload
from funcnet.data.catalog import DATASETS
from funcnet.data.datasets import (
    MAX_CSV_BYTES,
    MAX_CSV_COLUMNS,
    check_model_fits,
    clear_cache,
    describe_dataset,
    load_dataset,
    store_upload,
    upload_columns,
    upload_dir,
    upload_info,
)
from funcnet.model.presets import PRESETS, HiddenLayer, columns, head, stack
from funcnet.model.spec import DataSpec, ModelSpec, Node

GENERATED = [name for name in DATASETS if name != "csv"]

# name -> (rows in total, features, {target: (task, classes)})
EXPECTED = {
    "seed-random": (1200, columns("x", 20), {"target": ("binary", ("0", "1"))}),
    "classification": (1000, columns("x", 20), {"target": ("binary", ("0", "1"))}),
    "moons": (500, ("x0", "x1"), {"target": ("binary", ("0", "1"))}),
    "circles": (500, ("x0", "x1"), {"target": ("binary", ("0", "1"))}),
    "xor": (500, ("x0", "x1"), {"target": ("binary", ("0", "1"))}),
    "spiral": (600, ("x0", "x1"), {"target": ("binary", ("0", "1"))}),
    "gaussian": (500, ("x0", "x1"), {"target": ("binary", ("0", "1"))}),
    "breast-cancer": (569, None, {"target": ("binary", ("malignant", "benign"))}),
    "iris": (150, ("sepal length (cm)", "sepal width (cm)", "petal length (cm)",
                   "petal width (cm)"),
             {"target": ("multiclass", ("setosa", "versicolor", "virginica"))}),
    "wine": (178, None, {"target": ("multiclass", ("class_0", "class_1", "class_2"))}),
    "digits": (1797, None, {"target": ("multiclass", tuple(str(d) for d in range(10)))}),
    "pairs": (2000, columns("a", 10) + columns("b", 10), {"same": ("binary", ("0", "1"))}),
    "multi-task": (1000, columns("x", 20),
                   {"label": ("binary", ("0", "1")), "value": ("regression", ())}),
}


@pytest.fixture(autouse=True)
def uploads(tmp_path, monkeypatch):
    """Every test gets its own upload folder and an empty load cache."""
    folder = tmp_path / "uploads"
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(folder))
    clear_cache()
    yield folder
    clear_cache()


# --------------------------------------------------------------------------- built-in sets


def test_expectations_cover_every_catalogued_data_set():
    assert set(EXPECTED) == set(GENERATED)


@pytest.mark.parametrize("name", GENERATED)
def test_every_data_set_loads_with_its_shape_columns_and_targets(name):
    dataset = load_dataset(DataSpec(name))
    rows, features, targets = EXPECTED[name]
    assert dataset.kind == DATASETS[name].kind
    assert len(dataset.x_train) + len(dataset.x_test) == rows
    assert len(dataset.x_test) == round(DATASETS[name].test_fraction * rows)
    if features is not None:
        assert dataset.features == features
    assert tuple(dataset.x_train.columns) == dataset.features
    assert tuple(dataset.x_test.columns) == dataset.features
    assert {k: (v.task, v.classes) for k, v in dataset.targets.items()} == targets
    assert list(dataset.y_train.columns) == list(targets)
    assert (dataset.x_train.dtypes == np.float32).all()
    assert np.isfinite(dataset.x_train.to_numpy()).all()
    assert dataset.feature_mean.shape == dataset.feature_scale.shape == (len(dataset.features),)
    assert dataset.x_train.index.equals(dataset.y_train.index)
    assert not set(dataset.x_train.index) & set(dataset.x_test.index)
    for target, (task, classes) in targets.items():
        y = pd.concat([dataset.y_train[target], dataset.y_test[target]])
        if task == "regression":
            assert y.dtype == np.float32 and y.nunique() > 100
        else:
            assert y.dtype == np.int64
            assert set(y) == set(range(len(classes)))  # every class occurs


@pytest.mark.parametrize("name", GENERATED)
def test_a_seed_makes_a_data_set_repeatable_and_another_seed_changes_it(name):
    first = load_dataset(DataSpec(name, seed=1))
    clear_cache()
    again = load_dataset(DataSpec(name, seed=1))
    assert first is not again
    pd.testing.assert_frame_equal(first.x_train, again.x_train)
    pd.testing.assert_frame_equal(first.y_test, again.y_test)
    other = load_dataset(DataSpec(name, seed=2))
    assert not first.x_train.equals(other.x_train)


def test_loads_are_cached_per_spec():
    spec = DataSpec("moons", {"n_samples": 200})
    assert load_dataset(spec) is load_dataset(DataSpec("moons", {"n_samples": 200}))
    assert load_dataset(spec) is not load_dataset(DataSpec("moons", {"n_samples": 201}))


def test_seed_random_is_the_notebook_data():
    dataset = load_dataset(DataSpec("seed-random"))
    assert dataset.x_train.shape == (1000, 20) and dataset.x_test.shape == (200, 20)
    raw = dataset.x_train.to_numpy() * dataset.feature_scale + dataset.feature_mean
    assert raw.min() >= -1e-5 and raw.max() < 1 + 1e-5  # uniform [0, 1) before scaling
    share = dataset.y_train["target"].mean()
    assert 0.4 < share < 0.6  # coin flips


def test_parameters_and_test_fraction_are_applied():
    dataset = load_dataset(DataSpec("seed-random", {"n_samples": 300, "n_features": 7},
                                    test_fraction=0.5))
    assert dataset.x_train.shape == (150, 7) and dataset.x_test.shape == (150, 7)
    three = load_dataset(DataSpec("classification", {"n_classes": 3, "n_features": 5}))
    assert three.targets["target"].task == "multiclass"
    assert three.targets["target"].classes == ("0", "1", "2")


def test_standardisation_uses_training_statistics_only():
    dataset = load_dataset(DataSpec("iris"))
    raw = load_iris().data
    train_raw = raw[dataset.x_train.index]
    np.testing.assert_allclose(dataset.feature_mean, train_raw.mean(axis=0))
    np.testing.assert_allclose(dataset.feature_scale, train_raw.std(axis=0))
    np.testing.assert_allclose(dataset.x_train.mean(axis=0), 0, atol=1e-5)
    np.testing.assert_allclose(dataset.x_train.std(axis=0, ddof=0), 1, atol=1e-5)
    test_mean = dataset.x_test.to_numpy().mean(axis=0)
    assert np.all(np.abs(test_mean) > 1e-4)  # the test rows were not used to fit
    expected = (raw[dataset.x_test.index] - train_raw.mean(axis=0)) / train_raw.std(axis=0)
    np.testing.assert_allclose(dataset.x_test.to_numpy(), expected, rtol=1e-5, atol=1e-5)


def test_classification_splits_are_stratified():
    dataset = load_dataset(DataSpec("iris"))
    assert dataset.y_test["target"].value_counts().tolist() == [10, 10, 10]
    labels = load_iris().target
    np.testing.assert_array_equal(dataset.y_test["target"], labels[dataset.y_test.index])


def test_pairs_and_multi_task_targets_carry_signal():
    pairs = load_dataset(DataSpec("pairs"))
    assert pairs.y_train["same"].mean() == pytest.approx(0.5, abs=0.05)
    multi = load_dataset(DataSpec("multi-task"))
    x = multi.x_train.to_numpy()
    value = multi.y_train["value"].to_numpy()
    label = multi.y_train["label"].to_numpy()
    assert np.corrcoef(x[:, 0], value)[0, 1] > 0.3
    assert x[label == 1, 0].mean() > x[label == 0, 0].mean() + 0.5
    assert abs(np.corrcoef(x[:, 19], value)[0, 1]) < 0.15  # x19 is pure noise


def test_impossible_classification_parameters_are_explained():
    with pytest.raises(ValueError, match="10 classes need at least 4 features"):
        load_dataset(DataSpec("classification", {"n_classes": 10, "n_features": 2}))


def test_describe_dataset_counts_classes():
    summary = describe_dataset(load_dataset(DataSpec("iris")))
    assert summary["n_train"] == 120 and summary["n_test"] == 30
    assert summary["targets"]["target"]["class_counts"] == {
        "setosa": 50, "versicolor": 50, "virginica": 50}


# --------------------------------------------------------------------------- model checks


def _iris_model(**head_changes):
    output = head("output", "input", "multiclass", units=3)
    model = stack(load_dataset(DataSpec("iris")).features, [HiddenLayer(8)], output)
    return model.replace_node("output", **head_changes) if head_changes else model


@pytest.mark.parametrize("name", list(PRESETS))
def test_every_preset_fits_its_own_data_set(name):
    job = PRESETS[name].job
    check_model_fits(job.model, load_dataset(job.data))


def test_a_fitting_model_passes():
    check_model_fits(_iris_model(), load_dataset(DataSpec("iris")))


def test_an_unknown_input_column_is_named():
    iris = load_dataset(DataSpec("iris"))
    model = _iris_model().replace_node("input", columns=("sepal length (cm)", "x7"))
    with pytest.raises(ValueError) as error:
        check_model_fits(model, iris)
    message = str(error.value)
    assert message.startswith(
        "Node 'input': column 'x7' is not a feature of data set 'iris' (its features: ")
    assert "'petal width (cm)'" in message


def test_a_long_feature_list_is_truncated():
    with pytest.raises(ValueError, match=r"columns 'x0', 'x1' are not features .* and \d+ more"):
        check_model_fits(PRESETS["deep"].job.model, load_dataset(DataSpec("digits")))


def test_an_unknown_target_is_named():
    model = _iris_model(target="species")
    with pytest.raises(ValueError, match="Node 'output': target 'species' is not a target of "
                                         "data set 'iris' \\(its targets: 'target'\\)"):
        check_model_fits(model, load_dataset(DataSpec("iris")))


@pytest.mark.parametrize(
    ("dataset", "task", "units", "fragment"),
    [
        ("iris", "binary", 1, "task 'binary' does not fit target 'target' of data set 'iris', "
                              "which is a multiclass target (3 classes)"),
        ("moons", "multiclass", 2, "which is a binary target"),
        ("moons", "regression", 1, "task 'regression' does not fit"),
        ("multi-task", "binary", 1, "which is a regression target"),
    ],
)
def test_a_head_with_the_wrong_task_is_rejected(dataset, task, units, fragment):
    loaded = load_dataset(DataSpec(dataset))
    target = "value" if dataset == "multi-task" else "target"
    model = stack(loaded.features, [HiddenLayer(4)],
                  head("output", "input", task, target=target, units=units))
    with pytest.raises(ValueError, match="^Node 'output': ") as error:
        check_model_fits(model, loaded)
    assert fragment in str(error.value)


def test_a_multiclass_head_needs_one_unit_per_class():
    with pytest.raises(ValueError, match="target 'target' has 3 classes .*the head has 4 units"):
        check_model_fits(_iris_model(units=4), load_dataset(DataSpec("iris")))


def test_each_head_of_a_multi_head_model_is_checked():
    model = PRESETS["multi-output"].job.model.replace_node("value", target="amount")
    with pytest.raises(ValueError, match="Node 'value': target 'amount'"):
        check_model_fits(model, load_dataset(DataSpec("multi-task")))


# --------------------------------------------------------------------------- CSV uploads


def _csv(frame: pd.DataFrame, **kwargs) -> bytes:
    return frame.to_csv(index=False, **kwargs).encode("utf-8")


def _points(n=60, seed=0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(n, 3))
    frame = pd.DataFrame(x, columns=["a", "b", "c"])
    frame["kind"] = np.array(["red", "green", "blue"])[np.argmax(x, axis=1)]
    frame["flag"] = (x[:, 0] > 0).astype(int)
    frame["count"] = np.arange(n) % 3 + 1
    frame["amount"] = 2 * x[:, 0] + 0.1 * rng.normal(size=n)
    return frame


def _csv_spec(info, target, task="auto", **kwargs) -> DataSpec:
    return DataSpec("csv", {"sha256": info.sha256, "target": target, "task": task}, **kwargs)


def test_upload_dir_follows_the_environment(uploads, monkeypatch):
    assert upload_dir() == uploads
    monkeypatch.delenv("FUNCNET_UPLOAD_DIR")
    assert upload_dir().name == "funcnet-uploads"


def test_a_good_csv_round_trips(uploads):
    frame = _points()
    content = _csv(frame)
    info = store_upload(content, "points.csv")
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert (uploads / f"{info.sha256}.csv").read_bytes() == content
    assert [p.name for p in uploads.iterdir()] == [f"{info.sha256}.csv"]  # no temp files
    assert info.filename == "points.csv" and info.n_rows == 60
    assert info.columns == ("a", "b", "c", "kind", "flag", "count", "amount")
    assert info.numeric_columns == ("a", "b", "c", "flag", "count", "amount")
    assert info.suggested_target == "amount"
    assert store_upload(content, "again.csv").sha256 == info.sha256
    assert upload_columns(info.sha256) == info.columns
    assert upload_info(info.sha256, "points.csv") == info

    dataset = load_dataset(_csv_spec(info, "kind", test_fraction=0.25, seed=3))
    assert dataset.kind == "csv"
    assert dataset.features == ("a", "b", "c", "flag", "count", "amount")
    assert dataset.targets == {"kind": data.TargetInfo("kind", "multiclass",
                                                       ("blue", "green", "red"))}
    assert len(dataset.x_test) == 15 and len(dataset.x_train) == 45
    codes = dataset.y_train["kind"].to_numpy()
    labels = np.array(dataset.targets["kind"].classes)[codes]
    np.testing.assert_array_equal(labels, frame["kind"].to_numpy()[dataset.y_train.index])
    raw = dataset.x_test.to_numpy() * dataset.feature_scale + dataset.feature_mean
    np.testing.assert_allclose(raw[:, 0], frame["a"].to_numpy()[dataset.x_test.index],
                               rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize(
    ("target", "task", "expected_task", "classes"),
    [
        ("flag", "auto", "binary", ("0", "1")),
        ("count", "auto", "multiclass", ("1", "2", "3")),
        ("kind", "auto", "multiclass", ("blue", "green", "red")),
        ("amount", "auto", "regression", ()),
        ("count", "regression", "regression", ()),
        ("flag", "multiclass", "multiclass", ("0", "1")),
    ],
)
def test_the_task_is_inferred_or_taken_as_given(target, task, expected_task, classes):
    frame = _points()
    if target != "kind":
        frame = frame.drop(columns="kind")  # a text feature would be refused
    info = store_upload(_csv(frame), "points.csv")
    dataset = load_dataset(_csv_spec(info, target, task))
    assert dataset.targets[target].task == expected_task
    assert dataset.targets[target].classes == classes
    expected_dtype = np.float32 if expected_task == "regression" else np.int64
    assert dataset.y_train[target].dtype == expected_dtype
    assert target not in dataset.features


def test_many_whole_numbers_are_a_regression_target():
    frame = pd.DataFrame({"x": np.arange(100.0), "age": np.arange(100) % 40})
    info = store_upload(_csv(frame), "ages.csv")
    assert load_dataset(_csv_spec(info, "age")).targets["age"].task == "regression"


@pytest.mark.parametrize(
    ("content", "delimiter"),
    [
        ("a;b;y\n" + "1.5;2;0\n3;4.25;1\n" * 6, ";"),
        ("a\tb\ty\n" + "1.5\t2\t0\n3\t4.25\t1\n" * 6, "\t"),
        ("\ufeffa,b,y\n" + "1.5,2,0\n3,4.25,1\n" * 6, ","),  # Excel's UTF-8 byte-order mark
    ],
)
def test_semicolons_tabs_and_a_byte_order_mark_are_accepted(content, delimiter):
    info = store_upload(content.encode("utf-8"), "data.csv")
    assert info.columns == ("a", "b", "y") and info.n_rows == 12
    dataset = load_dataset(_csv_spec(info, "y"))
    assert dataset.targets["y"].task == "binary"
    raw = np.concatenate([dataset.x_train.to_numpy(), dataset.x_test.to_numpy()])
    raw = raw * dataset.feature_scale + dataset.feature_mean
    assert sorted(set(np.round(raw[:, 1], 4))) == [2.0, 4.25]


_GOOD_ROWS = "1,2,0\n3,4,1\n" * 6


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "is empty"),
        (b"  \n\n", "is empty"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), "is not a text file"),
        ("a,b\n".encode("utf-16"), "saved as UTF-16"),
        (("name,x\n" + "café,1\n" * 12).encode("latin-1"), "the file must be UTF-8"),
        (b"a b y\n" + b"1 2 0\n" * 12, "seems to use another delimiter"),
        (b"y\n" + b"1\n" * 12, "has only one column ('y')"),
        (b"a,b,y\n", "has a header row but no data rows"),
        (b"a,b,y\n1,2,0\n3,4,1\n", "has only 2 data rows; at least 10"),
        (b"name,colour\n" + b"ann,red\nbob,blue\n" * 6, "has no numeric columns"),
        (b"a,a,y\n" + _GOOD_ROWS.encode(), "column name 'a' appears 2 times"),
        (b"a,b,y\n1,2,0\n1,2,3,4\n" + _GOOD_ROWS.encode(),
         "line 3 has 4 values but the header has 3 columns"),
        ((",".join(f"c{i}" for i in range(MAX_CSV_COLUMNS + 1)) + "\n").encode()
         + (",".join(["1"] * (MAX_CSV_COLUMNS + 1)) + "\n").encode() * 12,
         f"has {MAX_CSV_COLUMNS + 1} columns; the limit is {MAX_CSV_COLUMNS}"),
    ],
)
def test_a_bad_upload_is_refused_with_a_message(uploads, content, fragment):
    with pytest.raises(ValueError) as error:
        store_upload(content, "bad.csv")
    assert fragment in str(error.value)
    assert "'bad.csv'" in str(error.value)
    assert not uploads.exists() or not any(uploads.iterdir())  # nothing stored


def test_an_oversized_upload_states_the_cap():
    content = b"a,b\n" + b"1,2\n" * (MAX_CSV_BYTES // 4)
    assert len(content) > MAX_CSV_BYTES
    limit = MAX_CSV_BYTES // 2**20
    with pytest.raises(ValueError, match=rf"'big.csv' is {limit}\.1 MB; the limit is {limit} MB"):
        store_upload(content, "big.csv")


def test_too_many_rows_states_the_cap(monkeypatch):
    monkeypatch.setattr(upload, "MAX_CSV_ROWS", 20)
    with pytest.raises(ValueError, match="has 24 rows; the limit is 20"):
        store_upload(b"a,y\n" + b"1,0\n2,1\n" * 12, "rows.csv")


def test_a_tiny_csv_still_splits_when_stratifying_is_impossible():
    # 10 rows, one class seen once: a stratified split of 2 test rows cannot work.
    frame = pd.DataFrame({"x": np.arange(10.0), "on": [True, False] * 5,
                          "y": [0] * 5 + [1] * 4 + [2]})
    info = store_upload(_csv(frame), "tiny.csv")
    dataset = load_dataset(_csv_spec(info, "y"))
    assert len(dataset.x_train) == 8 and len(dataset.x_test) == 2
    assert dataset.features == ("x", "on") and dataset.targets["y"].classes == ("0", "1", "2")
    assert set(np.unique(dataset.x_train["on"] * dataset.feature_scale[1]
                         + dataset.feature_mean[1]).round(6)) == {0.0, 1.0}


def test_a_true_false_target_is_binary():
    frame = pd.DataFrame({"x": np.arange(12.0), "ok": [True, False, False] * 4})
    info = store_upload(_csv(frame), "flags.csv")
    dataset = load_dataset(_csv_spec(info, "ok"))
    assert dataset.targets["ok"] == data.TargetInfo("ok", "binary", ("False", "True"))
    np.testing.assert_array_equal(dataset.y_test["ok"], frame["ok"][dataset.y_test.index])
    with pytest.raises(ValueError, match="target column 'ok' is not numeric; regression"):
        load_dataset(_csv_spec(info, "ok", "regression"))


def _load_bad(frame: pd.DataFrame, target: str, task: str = "auto"):
    info = store_upload(_csv(frame), "bad.csv")
    return load_dataset(_csv_spec(info, target, task))


def test_non_numeric_feature_columns_are_named_not_dropped():
    frame = _points()
    frame["city"] = "Lisbon"
    with pytest.raises(ValueError, match=r"feature columns 'kind', 'city' are not numeric "
                                         r"\(e.g. 'blue' in data row 1 of 'kind'\)"):
        _load_bad(frame, "amount")


def test_a_decimal_comma_gets_a_hint():
    content = b"a;b;y\n" + b"1,5;2;0\n3,25;4;1\n" * 6
    info = store_upload(content, "comma.csv")
    with pytest.raises(ValueError, match="feature column 'a' is not numeric.*decimal point"):
        load_dataset(_csv_spec(info, "y"))


def test_missing_feature_values_are_counted_per_column():
    frame = _points()
    frame.loc[[3, 7, 9], "b"] = np.nan
    with pytest.raises(ValueError, match=r"feature column 'b' \(3 missing or infinite\)"):
        _load_bad(frame, "kind")
    frame = _points()
    frame.loc[5, "c"] = np.inf
    with pytest.raises(ValueError, match=r"'c' \(1 missing or infinite\)"):
        _load_bad(frame, "kind")


def test_missing_target_values_are_counted():
    frame = _points()
    frame.loc[[1, 2], "kind"] = None
    with pytest.raises(ValueError, match="target column 'kind' has 2 missing"):
        _load_bad(frame, "kind")


def test_a_target_with_one_class_is_refused():
    frame = _points()
    frame["kind"] = "red"
    with pytest.raises(ValueError, match="target column 'kind' has only one value \\('red'\\)"):
        _load_bad(frame, "kind")


def test_too_many_classes_suggest_regression():
    frame = pd.DataFrame({"x": np.arange(120.0), "y": np.arange(120)})
    with pytest.raises(ValueError, match="120 distinct values, more than the 50 classes.*"
                                         "choose task 'regression'"):
        _load_bad(frame, "y", "multiclass")


def test_a_binary_task_needs_two_values_and_regression_needs_numbers():
    with pytest.raises(ValueError, match="task 'binary' needs a target with exactly 2 values; "
                                         "column 'kind' has 3"):
        _load_bad(_points(), "kind", "binary")
    with pytest.raises(ValueError, match="target column 'kind' is not numeric.*regression"):
        _load_bad(_points(), "kind", "regression")


def test_an_unknown_target_column_lists_the_columns():
    with pytest.raises(ValueError, match="received 'price' \\(columns: 'a', 'b'"):
        _load_bad(_points(), "price")


def test_a_vanished_upload_asks_for_a_new_one(uploads):
    info = store_upload(_csv(_points()), "points.csv")
    (uploads / f"{info.sha256}.csv").unlink()
    with pytest.raises(ValueError, match="no longer on the server; upload it again"):
        load_dataset(_csv_spec(info, "kind"))
    with pytest.raises(ValueError, match="no longer on the server"):
        upload_columns(info.sha256)


def test_a_csv_model_is_checked_against_its_columns():
    info = store_upload(_csv(_points()), "points.csv")
    dataset = load_dataset(_csv_spec(info, "kind"))
    model = ModelSpec((
        Node("input", "input", columns=("a", "b", "kind")),
        head("output", "input", "multiclass", target="kind", units=3),
    ))
    with pytest.raises(ValueError, match="Node 'input': column 'kind' is not a feature of "
                                         "data set 'csv'"):
        check_model_fits(model, dataset)
    check_model_fits(model.replace_node("input", columns=("a", "b", "c")), dataset)

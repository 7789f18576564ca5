"""Loading data sets: generated, bundled with scikit-learn, or an uploaded CSV.

Everything here is offline and deterministic: generated sets draw from
`np.random.default_rng(spec.seed)` or scikit-learn generators seeded with
`spec.seed`, the split uses the same seed, and a `StandardScaler` fitted on
the training rows only standardises both parts.

Uploaded CSV files are validated on the server (`store_upload`), stored as
`<upload_dir()>/<sha256>.csv` and read back by hash when a `DataSpec` named
`"csv"` is loaded. Nothing read from a file is ever unpickled or evaluated.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import math
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn import datasets as skdatasets
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from funcnet.data.catalog import DATASETS
from funcnet.messages import InputError
from funcnet.model.spec import DataSpec, ModelSpec

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_CSV_ROWS = 50_000
MAX_CSV_COLUMNS = 200
MAX_CLASSES = 50
MIN_CSV_ROWS = 10
"""Fewer rows cannot be split into a training and a test part worth the name."""
AUTO_MULTICLASS_LIMIT = 20
"""`task="auto"`: whole-number or text targets with at most this many values are classes."""

_DELIMITERS = ",;\t|"
_DELIMITER_NAMES = {",": "csv.delimiter.commas", ";": "csv.delimiter.semicolons",
                    "\t": "csv.delimiter.tabs", "|": "csv.delimiter.bars",
                    " ": "csv.delimiter.spaces"}
"""Each delimiter's name, as a message code."""
_SNIFF_BYTES = 64 * 1024
_CACHE_SIZE = 8


# --------------------------------------------------------------------------- values


@dataclass(frozen=True)
class TargetInfo:
    """What one target column holds.

    Args:
        name: The target column.
        task: `"binary"`, `"multiclass"` or `"regression"`.
        classes: Class labels in code order (code `i` is `classes[i]`);
            `()` for regression.
    """

    name: str
    task: str
    classes: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)
class Dataset:
    """A loaded, split and standardised data set.

    Loads are cached, so the same object may be handed to several callers:
    treat the frames as read-only.

    Args:
        spec: The choice it was loaded from.
        kind: `"2d"`, `"tabular"` or `"csv"`.
        features: Feature column names, in order.
        targets: Target information by target column name, in order.
        x_train: Training features, float32, standardised.
        x_test: Test features, float32, standardised with the training statistics.
        y_train: One column per target: int64 class codes or float32 values.
        y_test: Same for the test rows.
        feature_mean: The scaler's `mean_` (maps standardised values back).
        feature_scale: The scaler's `scale_`.
    """

    spec: DataSpec
    kind: str
    features: tuple[str, ...]
    targets: dict[str, TargetInfo]
    x_train: pd.DataFrame
    x_test: pd.DataFrame
    y_train: pd.DataFrame
    y_test: pd.DataFrame
    feature_mean: np.ndarray
    feature_scale: np.ndarray

    @property
    def label(self) -> str:
        """The data set's display name from the catalogue."""
        return DATASETS[self.spec.name].label


@dataclass(frozen=True)
class UploadInfo:
    """What the server learned from a valid CSV upload.

    Args:
        sha256: Hex SHA-256 of the file's bytes; the file is stored under it.
        filename: The name the file was uploaded with.
        n_rows: Number of data rows (header excluded).
        columns: Every column name, in file order.
        numeric_columns: The columns holding numbers only.
        suggested_target: The column proposed as target (the last one).
    """

    sha256: str
    filename: str
    n_rows: int
    columns: tuple[str, ...]
    numeric_columns: tuple[str, ...]
    suggested_target: str


# --------------------------------------------------------------------------- helpers


def _quoted_list(names: Iterable[str], limit: int = 8) -> str:
    """Returns `'a', 'b', ... and 12 more` so long lists stay readable."""
    names = list(names)
    shown = ", ".join(repr(str(n)) for n in names[:limit])
    if len(names) > limit:
        shown += f", ... and {len(names) - limit} more"
    return shown


def _class_label(value: object) -> str:
    """Formats a class value: whole floats as integers (`1.0` -> `"1"`)."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def _split_and_scale(
    spec: DataSpec,
    x: np.ndarray,
    features: Sequence[str],
    targets: dict[str, TargetInfo],
    y: dict[str, np.ndarray],
) -> Dataset:
    """Splits rows (stratified when possible), standardises, wraps as a `Dataset`."""
    n = len(x)
    n_test = min(max(1, round(spec.test_fraction * n)), n - 1)
    rows = np.arange(n)
    first = next(iter(targets.values()))
    stratify = y[first.name] if first.task != "regression" else None
    try:
        train_rows, test_rows = train_test_split(
            rows, test_size=n_test, random_state=spec.seed, stratify=stratify)
    except ValueError:
        # Too few rows of some class to stratify (tiny CSVs): a plain split still works.
        train_rows, test_rows = train_test_split(rows, test_size=n_test, random_state=spec.seed)
    scaler = StandardScaler().fit(x[train_rows])

    def features_frame(part: np.ndarray) -> pd.DataFrame:
        values = scaler.transform(x[part]).astype(np.float32)
        return pd.DataFrame(values, columns=list(features), index=part)

    def targets_frame(part: np.ndarray) -> pd.DataFrame:
        columns = {}
        for name, info in targets.items():
            dtype = np.float32 if info.task == "regression" else np.int64
            columns[name] = y[name][part].astype(dtype)
        return pd.DataFrame(columns, index=part)

    return Dataset(
        spec=spec,
        kind=DATASETS[spec.name].kind,
        features=tuple(features),
        targets=dict(targets),
        x_train=features_frame(train_rows),
        x_test=features_frame(test_rows),
        y_train=targets_frame(train_rows),
        y_test=targets_frame(test_rows),
        feature_mean=np.asarray(scaler.mean_, dtype=np.float64),
        feature_scale=np.asarray(scaler.scale_, dtype=np.float64),
    )


def _numbered(prefix: str, count: int) -> tuple[str, ...]:
    return tuple(f"{prefix}{i}" for i in range(count))


_BINARY = TargetInfo("target", "binary", ("0", "1"))


# --------------------------------------------------------------------------- generators
# Each returns (x, feature names, targets, y by target name).

_Generated = tuple[np.ndarray, tuple[str, ...], dict[str, TargetInfo], dict[str, np.ndarray]]


def _seed_random(spec: DataSpec) -> _Generated:
    # The notebook: np.random.random((1000, 20)) and coin-flip labels.
    rng = np.random.default_rng(spec.seed)
    n, width = spec.param("n_samples"), spec.param("n_features")
    x = rng.random((n, width))
    y = rng.integers(0, 2, size=n)
    return x, _numbered("x", width), {"target": _BINARY}, {"target": y}


def classification_layout(spec: DataSpec) -> tuple[int, int, int]:
    """Returns `(informative, redundant, clusters)` for the `classification` data set.

    About half the columns carry signal, a quarter repeat it linearly, the
    rest is noise (the exported script calls `make_classification` the same way).

    Args:
        spec: A `"classification"` data set choice.

    Returns:
        `n_informative`, `n_redundant` and `n_clusters_per_class`.

    Raises:
        ValueError: If there are too few features for the number of classes.
    """
    width, n_classes = spec.param("n_features"), spec.param("n_classes")
    needed = math.ceil(math.log2(n_classes))
    if needed > width:
        raise InputError("data.classification_features", n_classes=n_classes, needed=needed,
                         width=width)
    informative = min(width, max(2, needed, min(10, width // 2)))
    redundant = min(width - informative, width // 4)
    clusters = 2 if n_classes * 2 <= 2**informative else 1
    return informative, redundant, clusters


def _classification(spec: DataSpec) -> _Generated:
    n, width = spec.param("n_samples"), spec.param("n_features")
    n_classes = spec.param("n_classes")
    informative, redundant, clusters = classification_layout(spec)
    x, y = skdatasets.make_classification(
        n_samples=n, n_features=width, n_informative=informative, n_redundant=redundant,
        n_classes=n_classes, n_clusters_per_class=clusters, flip_y=spec.param("noise"),
        random_state=spec.seed)
    task = "binary" if n_classes == 2 else "multiclass"
    classes = tuple(str(c) for c in range(n_classes))
    return x, _numbered("x", width), {"target": TargetInfo("target", task, classes)}, {"target": y}


def _moons(spec: DataSpec) -> _Generated:
    x, y = skdatasets.make_moons(n_samples=spec.param("n_samples"), noise=spec.param("noise"),
                                 random_state=spec.seed)
    return x, ("x0", "x1"), {"target": _BINARY}, {"target": y}


def _circles(spec: DataSpec) -> _Generated:
    x, y = skdatasets.make_circles(n_samples=spec.param("n_samples"), noise=spec.param("noise"),
                                   factor=0.5, random_state=spec.seed)
    return x, ("x0", "x1"), {"target": _BINARY}, {"target": y}


def _xor(spec: DataSpec) -> _Generated:
    rng = np.random.default_rng(spec.seed)
    n = spec.param("n_samples")
    clean = rng.uniform(-1.0, 1.0, size=(n, 2))
    # Labels come from the clean positions; the noise then blurs the quadrant borders.
    y = (np.sign(clean[:, 0]) * np.sign(clean[:, 1]) > 0).astype(np.int64)
    x = clean + rng.normal(0.0, spec.param("noise"), size=(n, 2))
    return x, ("x0", "x1"), {"target": _BINARY}, {"target": y}


def _spiral(spec: DataSpec) -> _Generated:
    rng = np.random.default_rng(spec.seed)
    n = spec.param("n_samples")
    y = np.arange(n) % 2
    # As in TensorFlow Playground: radius 0..5, 1.75 turns, the second arm rotated by pi.
    # Arms lie about 1.4 apart, so the default noise (0.2) keeps them distinct.
    t = rng.random(n)
    radius = 5.0 * t
    angle = 1.75 * 2.0 * np.pi * t + np.pi * y
    x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])
    x += rng.normal(0.0, spec.param("noise"), size=(n, 2))
    return x, ("x0", "x1"), {"target": _BINARY}, {"target": y}


def _gaussian(spec: DataSpec) -> _Generated:
    x, y = skdatasets.make_blobs(n_samples=spec.param("n_samples"),
                                 centers=[[-2.0, -2.0], [2.0, 2.0]],
                                 cluster_std=spec.param("noise"), random_state=spec.seed)
    return x, ("x0", "x1"), {"target": _BINARY}, {"target": y}


def _bundled(loader: Callable[[], Any]) -> Callable[[DataSpec], _Generated]:
    def load(spec: DataSpec) -> _Generated:
        bunch = loader()
        features = tuple(str(f) for f in bunch.feature_names)
        classes = tuple(str(c) for c in bunch.target_names)
        task = "binary" if len(classes) == 2 else "multiclass"
        target = TargetInfo("target", task, classes)
        return np.asarray(bunch.data, dtype=np.float64), features, {"target": target}, {
            "target": np.asarray(bunch.target, dtype=np.int64)}

    return load


_PAIR_CLUSTERS = 8
_PAIR_WIDTH = 10
_PAIR_SPREAD = 1.5
"""Std of the cluster centres: with noise 1 a small MLP reaches ~0.9 accuracy, a linear
model ~0.55 (measured), so the siamese preset has something real to learn."""


def _pairs(spec: DataSpec) -> _Generated:
    rng = np.random.default_rng(spec.seed)
    n, noise = spec.param("n_samples"), spec.param("noise")
    centres = rng.normal(0.0, _PAIR_SPREAD, size=(_PAIR_CLUSTERS, _PAIR_WIDTH))
    cluster_a = rng.integers(0, _PAIR_CLUSTERS, size=n)
    same = np.zeros(n, dtype=np.int64)
    same[: n // 2] = 1
    rng.shuffle(same)
    other = (cluster_a + rng.integers(1, _PAIR_CLUSTERS, size=n)) % _PAIR_CLUSTERS
    cluster_b = np.where(same == 1, cluster_a, other)
    a = centres[cluster_a] + rng.normal(0.0, noise, size=(n, _PAIR_WIDTH))
    b = centres[cluster_b] + rng.normal(0.0, noise, size=(n, _PAIR_WIDTH))
    features = _numbered("a", _PAIR_WIDTH) + _numbered("b", _PAIR_WIDTH)
    target = TargetInfo("same", "binary", ("0", "1"))
    return np.hstack([a, b]), features, {"same": target}, {"same": same}


def _multi_task(spec: DataSpec) -> _Generated:
    rng = np.random.default_rng(spec.seed)
    n, noise = spec.param("n_samples"), spec.param("noise")
    x = rng.normal(size=(n, 20))
    # A linear part plus one interaction, so hidden layers help a little.
    logit = 1.5 * (x[:, 0] + x[:, 1] - x[:, 2]) + x[:, 3] * x[:, 4]
    label = (logit + 2.0 * noise * rng.normal(size=n) > 0).astype(np.int64)
    value = (x[:, 0] - 0.5 * x[:, 2] + np.sin(2.0 * x[:, 5]) + 0.5 * x[:, 6] * x[:, 7]
             + noise * rng.normal(size=n))
    targets = {
        "label": TargetInfo("label", "binary", ("0", "1")),
        "value": TargetInfo("value", "regression", ()),
    }
    return x, _numbered("x", 20), targets, {"label": label, "value": value}


_GENERATORS = {
    "seed-random": _seed_random,
    "classification": _classification,
    "moons": _moons,
    "circles": _circles,
    "xor": _xor,
    "spiral": _spiral,
    "gaussian": _gaussian,
    "breast-cancer": _bundled(skdatasets.load_breast_cancer),
    "iris": _bundled(skdatasets.load_iris),
    "wine": _bundled(skdatasets.load_wine),
    "digits": _bundled(skdatasets.load_digits),
    "pairs": _pairs,
    "multi-task": _multi_task,
}


# --------------------------------------------------------------------------- loading


def load_dataset(spec: DataSpec) -> Dataset:
    """Loads, splits and standardises the data set `spec` describes.

    Results are cached per spec (a few at a time), so repeated calls are
    cheap and return the same object.

    Args:
        spec: The data set choice (name, parameters, test fraction, seed).

    Returns:
        The `Dataset`; identical for identical specs.

    Raises:
        ValueError: If the parameters cannot produce the data set, or, for
            `"csv"`, if the uploaded file is gone or unsuitable for the
            chosen target and task.
    """
    return _load_cached(spec)


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _load_cached(spec: DataSpec) -> Dataset:
    if spec.name == "csv":
        return _load_csv(spec)
    x, features, targets, y = _GENERATORS[spec.name](spec)
    return _split_and_scale(spec, np.asarray(x, dtype=np.float64), features, targets, y)


def clear_cache() -> None:
    """Forgets every cached load (the next `load_dataset` call recomputes)."""
    _load_cached.cache_clear()


def describe_dataset(dataset: Dataset) -> dict[str, object]:
    """Summarises a data set for a preview.

    Args:
        dataset: A loaded data set.

    Returns:
        A dict with `name`, `label`, `kind`, `n_train`, `n_test`,
        `n_features`, `features` and `targets` (per target: `task`,
        `classes` and, for classification, `class_counts` over all rows).
    """
    targets: dict[str, dict[str, object]] = {}
    for name, info in dataset.targets.items():
        entry: dict[str, object] = {"task": info.task, "classes": info.classes}
        if info.task != "regression":
            codes = np.concatenate([dataset.y_train[name].to_numpy(),
                                    dataset.y_test[name].to_numpy()])
            counts = np.bincount(codes, minlength=len(info.classes))
            entry["class_counts"] = dict(zip(info.classes, counts.tolist(), strict=True))
        targets[name] = entry
    return {
        "name": dataset.spec.name,
        "label": dataset.label,
        "kind": dataset.kind,
        "n_train": len(dataset.x_train),
        "n_test": len(dataset.x_test),
        "n_features": len(dataset.features),
        "features": dataset.features,
        "targets": targets,
    }


def check_model_fits(model: ModelSpec, dataset: Dataset) -> None:
    """Checks that a network's inputs and heads match a data set.

    Args:
        model: The network.
        dataset: The loaded data set.

    Raises:
        ValueError: Naming the node and column when an input takes a column
            that is not a feature, a head predicts a column that is not a
            target, a head's task differs from its target's, or a multiclass
            head's units differ from the number of classes.
    """
    name = dataset.spec.name
    known = set(dataset.features)
    for node in model.inputs:
        where = {"where": "where.node", "node": node.name}
        missing = [c for c in node.columns if c not in known]
        if len(missing) == 1:
            raise InputError("data.not_feature", **where, column=missing[0], dataset=name,
                             features=_quoted_list(dataset.features))
        if missing:
            raise InputError("data.not_features", **where, columns=_quoted_list(missing, 5),
                             dataset=name, features=_quoted_list(dataset.features))
    for node in model.outputs:
        where = {"where": "where.node", "node": node.name}
        info = dataset.targets.get(node.target)
        if info is None:
            raise InputError("data.not_target", **where, target=node.target, dataset=name,
                             targets=_quoted_list(dataset.targets))
        if node.task != info.task:
            detail = "data.detail_numbers" if info.task == "regression" else "data.detail_classes"
            raise InputError("data.task_mismatch", **where, task=node.task, target=node.target,
                             dataset=name, target_task=info.task, detail=detail,
                             n_classes=len(info.classes))
        if info.task == "multiclass" and node.units != len(info.classes):
            raise InputError("data.multiclass_units", **where, target=node.target,
                             n_classes=len(info.classes),
                             classes=_quoted_list(info.classes, 5), units=node.units)


# --------------------------------------------------------------------------- CSV uploads


def upload_dir() -> Path:
    """Returns the folder uploads are stored in.

    Returns:
        `$FUNCNET_UPLOAD_DIR` if set, else `<tempdir>/funcnet-uploads`
        (not created here).
    """
    configured = os.environ.get("FUNCNET_UPLOAD_DIR")
    if configured:
        return Path(configured)
    return Path(tempfile.gettempdir()) / "funcnet-uploads"


def _upload_path(sha256: str) -> Path:
    return upload_dir() / f"{sha256}.csv"


def _megabytes(n_bytes: int) -> float:
    # Rounded up, so a file just over the limit never reads as "5.0 MB, limit 5 MB".
    return math.ceil(n_bytes / (1024 * 1024) * 10) / 10


def _decode(content: bytes, where: dict[str, str]) -> str:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("csv.utf16", **where)
    if b"\x00" in content:
        raise InputError("csv.binary", **where)
    try:
        # utf-8-sig also reads plain UTF-8 and drops the byte-order mark Excel writes.
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError("csv.not_utf8", **where, byte=f"{content[error.start]:02x}",
                         position=error.start) from None
    controls = sum(1 for c in text[:_SNIFF_BYTES] if ord(c) < 32 and c not in "\t\r\n")
    if controls > 0.01 * min(len(text), _SNIFF_BYTES):
        raise InputError("csv.control_characters", **where)
    return text


def _sniff_delimiter(text: str) -> str:
    sample = text[:_SNIFF_BYTES]
    if len(text) > _SNIFF_BYTES and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        return ","


def _first_line(text: str) -> str:
    return text.lstrip("\r\n").splitlines()[0] if text.strip() else ""


_FIELDS_ERROR = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


def _parse_csv(content: bytes, filename: str) -> pd.DataFrame:
    """Validates and parses CSV bytes; every failure is a ValueError a student can act on."""
    shown = Path(filename.replace("\\", "/")).name[:80] if filename else ""
    where = ({"where": "where.file", "filename": shown} if shown
             else {"where": "where.file_unnamed"})
    if not content.strip():
        raise InputError("csv.empty", **where)
    if len(content) > MAX_CSV_BYTES:
        raise InputError("csv.too_big", **where, size_mb=_megabytes(len(content)),
                         limit_mb=MAX_CSV_BYTES / (1024 * 1024))
    text = _decode(content, where)
    delimiter = _sniff_delimiter(text)
    header = next(csv.reader(io.StringIO(text.lstrip("\r\n")), delimiter=delimiter), [])
    header = [h.strip() for h in header]
    for column in header:
        if column and header.count(column) > 1:
            raise InputError("csv.duplicate_column", **where, column=column,
                             count=header.count(column))
    if len(header) > MAX_CSV_COLUMNS:
        raise InputError("csv.too_many_columns", **where, count=len(header),
                         limit=MAX_CSV_COLUMNS)
    try:
        frame = pd.read_csv(io.StringIO(text), sep=delimiter, skipinitialspace=True,
                            skip_blank_lines=True)
    except pd.errors.EmptyDataError:
        raise InputError("csv.no_columns", **where) from None
    except pd.errors.ParserError as error:
        match = _FIELDS_ERROR.search(str(error))
        if match:
            expected, line, saw = match.groups()
            raise InputError("csv.row_width", **where, line=int(line), saw=int(saw),
                             expected=int(expected)) from None
        raise InputError("csv.unreadable", **where, reason=str(error)) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    if frame.shape[1] == 1:
        others = [d for d in _DELIMITER_NAMES if d != delimiter and d in _first_line(text)]
        if others:
            raise InputError("csv.other_delimiter", **where,
                             delimiter_name=_DELIMITER_NAMES[others[0]], delimiter=others[0])
        raise InputError("csv.one_column", **where, column=frame.columns[0])
    if frame.empty:
        raise InputError("csv.no_rows", **where)
    if len(frame) > MAX_CSV_ROWS:
        raise InputError("csv.too_many_rows", **where, rows=len(frame), limit=MAX_CSV_ROWS)
    if len(frame) < MIN_CSV_ROWS:
        raise InputError("csv.too_few_rows", **where, rows=len(frame), minimum=MIN_CSV_ROWS)
    if not any(pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns):
        raise InputError("csv.no_numeric", **where, columns=_quoted_list(frame.columns))
    return frame


def _numeric_columns(frame: pd.DataFrame) -> tuple[str, ...]:
    return tuple(c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]))


def store_upload(content: bytes, filename: str) -> UploadInfo:
    """Validates a CSV upload and stores it under `upload_dir()/<sha256>.csv`.

    Args:
        content: The file's bytes.
        filename: The name it was uploaded with (used in messages).

    Returns:
        An `UploadInfo` with the hash, row count and columns.

    Raises:
        ValueError: With a message naming the problem when the file is
            empty, larger than `MAX_CSV_BYTES`, binary, not UTF-8, not
            comma-, semicolon-, tab- or bar-separated, has no data rows, has
            too many rows or columns, has no numeric column, or cannot be
            stored.
    """
    frame = _parse_csv(content, filename)
    sha256 = hashlib.sha256(content).hexdigest()
    path = _upload_path(sha256)
    if not path.exists():
        _write_atomically(path, content)
    return _upload_info(frame, sha256, filename)


def _upload_info(frame: pd.DataFrame, sha256: str, filename: str) -> UploadInfo:
    columns = tuple(frame.columns)
    return UploadInfo(sha256=sha256, filename=filename, n_rows=len(frame), columns=columns,
                      numeric_columns=_numeric_columns(frame), suggested_target=columns[-1])


def _write_atomically(path: Path, content: bytes) -> None:
    # Write to a temporary file in the same folder, then rename: readers never see half a file.
    temporary: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".upload-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise InputError("csv.store_failed", reason=str(error.strerror or error)) from None
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


def upload_bytes(sha256: str) -> bytes:
    """Returns the bytes of a stored upload, checked against its hash.

    Args:
        sha256: The hash `store_upload` returned.

    Returns:
        The file's content.

    Raises:
        InputError: If the file is gone (`csv.gone`) or its content no
            longer matches the hash (`csv.hash_mismatch`).
    """
    try:
        content = _upload_path(sha256).read_bytes()
    except FileNotFoundError:
        raise InputError("csv.gone") from None
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InputError("csv.hash_mismatch")
    return content


def ensure_upload(content: bytes, sha256: str) -> None:
    """Stores an upload received from elsewhere (another machine's server) if missing.

    The content is checked against the hash before anything is written, so
    a file in the upload folder always holds what its name says.

    Args:
        content: The file's bytes.
        sha256: The hash it must have.

    Raises:
        InputError: If the content does not match the hash
            (`csv.hash_mismatch`) or cannot be stored (`csv.store_failed`).
    """
    if hashlib.sha256(content).hexdigest() != sha256:
        raise InputError("csv.hash_mismatch")
    path = _upload_path(sha256)
    if not path.exists():
        _write_atomically(path, content)


def _read_upload(sha256: str) -> pd.DataFrame:
    return _parse_csv(upload_bytes(sha256), "")


def upload_info(sha256: str, filename: str = "") -> UploadInfo:
    """Re-reads a stored upload's columns (e.g. for the target picker).

    Args:
        sha256: The hash `store_upload` returned.
        filename: The original name, if known, to carry in the result.

    Returns:
        The file's `UploadInfo`.

    Raises:
        ValueError: If the file is no longer on the server.
    """
    frame = _read_upload(sha256)
    return _upload_info(frame, sha256, filename or f"{sha256[:12]}.csv")


def upload_columns(sha256: str) -> tuple[str, ...]:
    """Returns every column of a stored upload, in file order.

    Args:
        sha256: The hash `store_upload` returned.

    Returns:
        The column names.

    Raises:
        ValueError: If the file is no longer on the server.
    """
    return upload_info(sha256).columns


def _first_non_numeric(series: pd.Series) -> tuple[object, int]:
    """Returns a value that is not a number and its 1-based data row."""
    converted = pd.to_numeric(series, errors="coerce")
    bad = np.flatnonzero(converted.isna().to_numpy() & series.notna().to_numpy())
    if not bad.size:
        return None, 0
    return series.iloc[bad[0]], int(bad[0]) + 1


def _plain(value: object) -> object:
    """Returns a cell as a plain Python value (numpy scalars unwrapped) for a message."""
    return value.item() if isinstance(value, np.generic) else value


def _check_features(frame: pd.DataFrame, features: Sequence[str], target: str) -> np.ndarray:
    text_columns = [c for c in features if not pd.api.types.is_numeric_dtype(frame[c])]
    if text_columns:
        value, row = _first_non_numeric(frame[text_columns[0]])
        decimal_comma = isinstance(value, str) and re.fullmatch(r"-?\d+,\d+", value.strip())
        raise InputError(
            "csv.text_features",
            subject="csv.subject_one" if len(text_columns) == 1 else "csv.subject_many",
            column=text_columns[0], columns=_quoted_list(text_columns, 6),
            example="csv.example_feature" if row else "", value=_plain(value), row=row,
            target=target, hint="csv.decimal_comma" if decimal_comma else "",
        )
    values = frame[list(features)].to_numpy(dtype=np.float64)
    bad = (~np.isfinite(values)).sum(axis=0)
    if bad.any():
        problems = [(c, int(n)) for c, n in zip(features, bad, strict=True) if n]
        raise InputError("csv.missing_features", column=problems[0][0], count=problems[0][1],
                         more="csv.more_columns" if len(problems) > 1 else "",
                         more_count=len(problems) - 1)
    return values


def _target_values(series: pd.Series, task: str) -> tuple[TargetInfo, np.ndarray]:
    """Resolves the task of target column `series` and encodes it."""
    name = str(series.name)
    numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
    missing = int(series.isna().sum())
    if numeric:
        missing += int(np.isinf(series.to_numpy(dtype=np.float64)).sum())
    if missing:
        raise InputError("csv.target_missing", column=name, count=missing)
    values = series.to_numpy(dtype=np.float64) if numeric else series.to_numpy()
    distinct = np.unique(values) if numeric else pd.unique(series)
    if len(distinct) < 2:
        raise InputError("csv.target_one_value", column=name, value=_class_label(distinct[0]))
    whole = numeric and bool(np.all(values == np.round(values)))
    if task == "auto":
        if len(distinct) == 2:
            task = "binary"
        elif (whole or not numeric) and len(distinct) <= AUTO_MULTICLASS_LIMIT:
            task = "multiclass"
        elif numeric:
            task = "regression"
        else:
            task = "multiclass"  # text cannot be regressed; the class limit applies below
    if task == "regression":
        if not numeric:
            value, row = _first_non_numeric(series)
            raise InputError("csv.target_not_numeric", column=name, value=_plain(value), row=row,
                             example="csv.example_target" if row else "")
        return TargetInfo(name, "regression", ()), values
    if task == "binary" and len(distinct) != 2:
        raise InputError("csv.binary_values", column=name, count=len(distinct))
    if len(distinct) > MAX_CLASSES:
        raise InputError("csv.too_many_classes", column=name, count=len(distinct),
                         limit=MAX_CLASSES,
                         suggestion="csv.suggest_regression" if numeric
                         else "csv.suggest_other_target")
    ordered = np.sort(distinct) if numeric else sorted(distinct, key=str)
    classes = tuple(_class_label(v) for v in ordered)
    codes = pd.Categorical(values, categories=ordered).codes.astype(np.int64)
    return TargetInfo(name, task, classes), codes


def _load_csv(spec: DataSpec) -> Dataset:
    frame = _read_upload(spec.param("sha256"))
    target = spec.param("target")
    if target not in frame.columns:
        raise InputError("csv.bad_target", target=target, columns=_quoted_list(frame.columns))
    features = tuple(c for c in frame.columns if c != target)
    x = _check_features(frame, features, target)
    info, y = _target_values(frame[target], spec.param("task"))
    return _split_and_scale(spec, x, features, {target: info}, {target: y})

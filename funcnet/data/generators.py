"""Generated and bundled data sets, and the split every data set goes through.

Everything here is offline and deterministic: generated sets draw from
`np.random.default_rng(spec.seed)` or scikit-learn generators seeded with
`spec.seed`, the split uses the same seed, and a `StandardScaler` fitted on
the training rows only standardises both parts (`split_and_scale`, also
used for uploaded CSV files by `funcnet.data.upload`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from sklearn import datasets as skdatasets
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

from funcnet.data.catalog import DATASETS
from funcnet.messages import InputError
from funcnet.model.spec import DataSpec

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
        sizes: For a sample (`funcnet.data.datasets.load_sample`), the
            training and test rows of the whole set; `None` for a whole set.
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
    sizes: tuple[int, int] | None = None

    @property
    def split_sizes(self) -> tuple[int, int]:
        """`(training rows, test rows)` of the whole set, even when this holds a sample."""
        return self.sizes or (len(self.x_train), len(self.x_test))

    @property
    def label(self) -> str:
        """The data set's display name from the catalogue."""
        return DATASETS[self.spec.name].label



# --------------------------------------------------------------------------- helpers


def quoted_list(names: Iterable[str], limit: int = 8) -> str:
    """Returns `'a', 'b', ... and 12 more` so long lists stay readable."""
    names = list(names)
    shown = ", ".join(repr(str(n)) for n in names[:limit])
    if len(names) > limit:
        shown += f", ... and {len(names) - limit} more"
    return shown


def class_label(value: object) -> str:
    """Formats a class value: whole floats as integers (`1.0` -> `"1"`)."""
    if isinstance(value, float | np.floating) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, np.generic):
        return str(value.item())
    return str(value)


def split_and_scale(
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


GENERATORS: dict[str, Callable[[DataSpec], Any]] = {
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

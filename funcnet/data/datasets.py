"""Loading data sets: generated, bundled with scikit-learn, or an uploaded CSV.

`load_dataset` is the one entry point (cached per spec); the generators
live in `funcnet.data.generators`, CSV uploads in `funcnet.data.upload`.
This module also re-exports their public names, so `funcnet.data.datasets`
stays the one import for a data set's values.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from funcnet.data.cache import ByteLRU
from funcnet.data.catalog import MAX_CSV_ROWS
from funcnet.data.generators import (
    GENERATORS,
    Dataset,
    TargetInfo,
    classification_layout,
    quoted_list,
    split_and_scale,
)
from funcnet.data.upload import (
    AUTO_MULTICLASS_LIMIT,
    MAX_CLASSES,
    MAX_CSV_BYTES,
    MAX_CSV_COLUMNS,
    MIN_CSV_ROWS,
    UploadInfo,
    ensure_upload,
    load_csv,
    store_upload,
    upload_bytes,
    upload_columns,
    upload_dir,
    upload_info,
)
from funcnet.messages import InputError
from funcnet.model.spec import DataSpec, ModelSpec

__all__ = [
    "AUTO_MULTICLASS_LIMIT", "MAX_CLASSES", "MAX_CSV_BYTES", "MAX_CSV_COLUMNS", "MAX_CSV_ROWS",
    "MIN_CSV_ROWS", "SAMPLE_ROWS", "Dataset", "TargetInfo", "UploadInfo", "cached_bytes",
    "check_model_fits", "classification_layout", "clear_cache", "dataset_bytes",
    "describe_dataset", "ensure_upload", "load_dataset", "load_sample", "store_upload",
    "upload_bytes", "upload_columns", "upload_dir", "upload_info",
]

CACHE_BYTES = 256 * 1024 * 1024
"""Budget of the data set cache of one process (the server's, or a worker's), in bytes."""
SAMPLE_ROWS = 2_000
"""Most rows `load_sample` generates for a page."""

# --------------------------------------------------------------------------- loading


def load_dataset(spec: DataSpec) -> Dataset:
    """Loads, splits and standardises the data set `spec` describes.

    Results are cached per spec within `CACHE_BYTES` (least recently used
    first out), so repeated calls are cheap and return the same object.

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


def _load(spec: DataSpec) -> Dataset:
    if spec.name == "csv":
        return load_csv(spec)
    x, features, targets, y = GENERATORS[spec.name](spec)
    return split_and_scale(spec, np.asarray(x, dtype=np.float64), features, targets, y)


def dataset_bytes(dataset: Dataset) -> int:
    """Returns the bytes a loaded data set's frames and arrays hold."""
    frames = (dataset.x_train, dataset.x_test, dataset.y_train, dataset.y_test)
    return (sum(int(f.memory_usage(index=True, deep=True).sum()) for f in frames)
            + dataset.feature_mean.nbytes + dataset.feature_scale.nbytes)


_CACHE: ByteLRU[Dataset] = ByteLRU(_load, dataset_bytes, CACHE_BYTES)  # type: ignore[arg-type]


def _load_cached(spec: DataSpec) -> Dataset:
    return _CACHE.get(spec)


def cached_bytes() -> int:
    """Returns the bytes this process's data set cache holds (at most `CACHE_BYTES`)."""
    return _CACHE.bytes


def clear_cache() -> None:
    """Forgets every cached load (the next `load_dataset` call recomputes)."""
    _CACHE.clear()


def load_sample(spec: DataSpec, max_rows: int = SAMPLE_ROWS) -> Dataset:
    """Loads what a page shows of a data set: at most about `max_rows` rows.

    A generated set is generated with `n_samples` capped at `max_rows`
    (never the full set: a link naming 200,000 × 200 random rows must not
    cost the server 330 MB); its columns, targets and classes are those of
    the full set, and `sizes` tells the full split. Bundled sets and uploads
    are small enough (an upload is capped in bytes) to load whole.

    Args:
        spec: The data set choice.
        max_rows: Most rows to generate.

    Returns:
        A `Dataset` whose `spec` is `spec` itself.

    Raises:
        ValueError: As `load_dataset`.
    """
    params = dict(spec.params)
    n = params.get("n_samples")
    if n is None or n <= max_rows:
        return load_dataset(spec)
    small = DataSpec(spec.name, tuple({**params, "n_samples": max_rows}.items()),
                     spec.test_fraction, spec.seed)
    n_test = min(max(1, round(float(spec.test_fraction or 0) * n)), n - 1)
    return dataclasses.replace(load_dataset(small), spec=spec, sizes=(n - n_test, n_test))


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
                             features=quoted_list(dataset.features))
        if missing:
            raise InputError("data.not_features", **where, columns=quoted_list(missing, 5),
                             dataset=name, features=quoted_list(dataset.features))
    for node in model.outputs:
        where = {"where": "where.node", "node": node.name}
        info = dataset.targets.get(node.target)
        if info is None:
            raise InputError("data.not_target", **where, target=node.target, dataset=name,
                             targets=quoted_list(dataset.targets))
        if node.task != info.task:
            detail = "data.detail_numbers" if info.task == "regression" else "data.detail_classes"
            raise InputError("data.task_mismatch", **where, task=node.task, target=node.target,
                             dataset=name, target_task=info.task, detail=detail,
                             n_classes=len(info.classes))
        if info.task == "multiclass" and node.units != len(info.classes):
            raise InputError("data.multiclass_units", **where, target=node.target,
                             n_classes=len(info.classes),
                             classes=quoted_list(info.classes, 5), units=node.units)

"""Loading data sets for the pages: a bounded sample, cached per server within a byte budget.

The server never holds a big data set for a page: `load` returns
`funcnet.data.datasets.load_sample` (a generated set is generated with at
most `SAMPLE_ROWS` rows; the worker loads the whole set when it trains), and
the data layer's cache is bounded in bytes, shared by every session.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from funcnet.data.datasets import Dataset, UploadInfo, load_sample
from funcnet.model.spec import DataSpec
from funcnet.ui import state
from funcnet.ui.texts import t

PREVIEW_ROWS = 8


def load(spec: DataSpec) -> Dataset:
    """Loads a data set, cached across sessions (the same spec loads once).

    Args:
        spec: The data set choice.

    Returns:
        The loaded `Dataset` (shared across sessions: treat it as read-only);
        `split_sizes` gives the whole set's split when it holds a sample.

    Raises:
        ValueError: If the data set cannot be produced (e.g. a CSV target
            that does not suit the chosen task).
    """
    return load_sample(spec)


def label(name: str) -> str:
    """Returns the display name of data set `name` (the uploaded file's name for a CSV).

    Args:
        name: A key of `funcnet.data.catalog.DATASETS`.

    Returns:
        The label.
    """
    if name == "csv":
        upload: UploadInfo | None = state.get(state.UPLOAD)
        return t("build.csv_option", filename=upload.filename if upload else "?")
    return t(f"dataset.{name}.label")


def all_rows(dataset: Dataset, *, standardised: bool) -> tuple[np.ndarray, pd.DataFrame]:
    """Returns every row's features and targets, training rows first.

    Args:
        dataset: A loaded data set.
        standardised: Keep the standardised values (the model's and the
            decision-boundary grid's coordinates) instead of the original units.

    Returns:
        `(x, y)`: an `(n, features)` float array and the target frame.
    """
    x = pd.concat([dataset.x_train, dataset.x_test])[list(dataset.features)].to_numpy(float)
    if not standardised:
        x = x * dataset.feature_scale + dataset.feature_mean
    y = pd.concat([dataset.y_train, dataset.y_test])
    return x, y


def preview_frame(dataset: Dataset, rows: int = PREVIEW_ROWS) -> pd.DataFrame:
    """Returns the first training rows, targets first, features in original units.

    Args:
        dataset: A loaded data set.
        rows: How many rows.

    Returns:
        Targets (class labels, not codes) then features rounded to 3 decimals.
    """
    frame = pd.DataFrame()
    for name, info in dataset.targets.items():
        values = dataset.y_train[name].head(rows).to_numpy()
        if info.classes:
            frame[name] = [info.classes[int(v)] for v in values]
        else:
            frame[name] = np.round(values.astype(float), 3)
    x = dataset.x_train.head(rows)[list(dataset.features)].to_numpy(float)
    original = np.round(x * dataset.feature_scale + dataset.feature_mean, 3)
    for i, feature in enumerate(dataset.features):
        if feature not in frame:  # a CSV target is never also a feature, but be safe
            frame[feature] = original[:, i]
    return frame

"""Loading data sets for the pages: a bounded sample, cached per server within a byte budget.

The server never holds a big data set for a page: `load` returns
`funcnet.data.datasets.load_sample` (a generated set is generated with at
most `SAMPLE_ROWS` rows; the worker loads the whole set when it trains), and
the data layer's cache is bounded in bytes, shared by every session.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from funcnet.data.datasets import Dataset, load_sample
from funcnet.model.spec import DataSpec
from funcnet.ui.dataset_names import label, plain_label

__all__ = ["PREVIEW_FEATURES", "PREVIEW_ROWS", "all_rows", "label", "load", "plain_label",
           "preview_frame"]

PREVIEW_ROWS = 8
PREVIEW_FEATURES = 24
"""Feature columns a preview table shows: a wide set (784 pixels) is summarised, not listed."""


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


def preview_frame(dataset: Dataset, rows: int = PREVIEW_ROWS,
                  features: int = PREVIEW_FEATURES) -> pd.DataFrame:
    """Returns the first training rows, targets first, features in original units.

    Args:
        dataset: A loaded data set.
        rows: How many rows.
        features: How many feature columns at most (the first ones).

    Returns:
        Targets (class labels, not codes) then features rounded to 3 decimals.
    """
    columns: dict[str, object] = {}
    for name, info in dataset.targets.items():
        values = dataset.y_train[name].head(rows).to_numpy()
        if info.classes:
            columns[name] = [info.classes[int(v)] for v in values]
        else:
            columns[name] = np.round(values.astype(float), 3)
    shown = list(dataset.features[:features])
    x = dataset.x_train.head(rows)[shown].to_numpy(float)
    original = np.round(x * dataset.feature_scale[:len(shown)]
                        + dataset.feature_mean[:len(shown)], 3)
    for i, feature in enumerate(shown):
        if feature not in columns:  # a CSV target is never also a feature, but be safe
            columns[feature] = original[:, i]
    return pd.DataFrame(columns)  # built at once, not column by column (pandas warns)

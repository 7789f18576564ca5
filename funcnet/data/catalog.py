"""What data sets exist and which parameters each takes (no data is loaded here).

`funcnet.model.spec.DataSpec` validates against this catalogue on construction, so
it stays tiny and imports nothing heavy; `funcnet.data.datasets` does the loading.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from funcnet.i18n import N_
from funcnet.messages import InputError
from funcnet.model import limits


@dataclass(frozen=True)
class Param:
    """One parameter of a data set.

    Args:
        name: Key in `DataSpec.params`.
        label: What the interface calls it.
        kind: `"int"`, `"float"` or `"str"`.
        default: Value used when the parameter is not given.
        low: Smallest allowed value (numbers only).
        high: Largest allowed value (numbers only).
        help: One sentence for a tooltip.
    """

    name: str
    label: str
    kind: str
    default: Any
    low: float = 0
    high: float = 0
    help: str = ""

    def check(self, dataset: str, value: Any) -> Any:
        """Returns `value` coerced to the parameter's kind.

        Raises:
            InputError: If the value has the wrong kind or is out of range.
        """
        where = {"dataset": dataset, "param": self.name}
        if self.kind == "str":
            if not isinstance(value, str) or not value or len(value) > 200:
                raise InputError("data.param_text", **where, value=value)
            return value
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InputError("data.param_number", **where, value=value)
        if self.kind == "int":
            if isinstance(value, float) and not value.is_integer():
                raise InputError("data.param_whole", **where, value=value)
            value = int(value)
        else:
            value = float(value)
            if not math.isfinite(value):
                raise InputError("data.param_finite", **where, value=value)
        if not self.low <= value <= self.high:
            raise InputError("data.param_range", **where, low=self.low, high=self.high,
                             value=value)
        return value


@dataclass(frozen=True)
class DatasetInfo:
    """Catalogue entry of one data set.

    Args:
        name: Key used in `DataSpec.name`, URLs and the CLI.
        label: Display name.
        description: One line: what the data is and what it teaches.
        kind: `"2d"` (two features: decision boundaries can be drawn),
            `"tabular"` or `"csv"`.
        params: Parameters besides the test fraction and seed.
        test_fraction: Default share of rows held out for testing.
        rows: Rows of a set whose size no parameter sets (bundled sets; for
            an uploaded CSV the most it may have). Generated sets take
            theirs from `n_samples`.
    """

    name: str
    label: str
    description: str
    kind: str
    params: tuple[Param, ...] = ()
    test_fraction: float = 0.2
    rows: int = 0


def _samples(default: int, low: int = 50, high: int = 100_000) -> Param:
    return Param("n_samples", N_("Samples"), "int", default, low, high,
                 N_("Number of rows generated (train and test together)."))


def _noise(default: float, high: float = 3.0, help_text: str = "") -> Param:
    return Param("noise", N_("Noise"), "float", default, 0.0, high,
                 help_text or N_("Standard deviation of Gaussian noise added to the points."))


MAX_CSV_ROWS = 50_000
"""Most rows an uploaded CSV may have."""

_SHA256 = re.compile(r"^[0-9a-f]{64}$")

DATASETS: dict[str, DatasetInfo] = {
    info.name: info
    for info in (
        DatasetInfo(
            "seed-random", N_("Random labels (the notebook's)"),
            N_("20 uniform features with coin-flip labels: 1000 train and 200 test rows, "
            "as in the notebook. There is nothing to learn (expect accuracy and AUC near 0.5)."),
            "tabular",
            (_samples(1200, 100, 200_000),
             Param("n_features", N_("Features"), "int", 20, 1, int(limits.COLUMN_COUNT.high),
                   N_("Number of uniform random feature columns."))),
            test_fraction=200 / 1200,
        ),
        DatasetInfo(
            "classification", N_("Synthetic classification"),
            N_("scikit-learn's make_classification: features with real signal, "
            "some informative, some redundant."),
            "tabular",
            (
                _samples(1000),
                Param("n_features", N_("Features"), "int", 20, 2, int(limits.COLUMN_COUNT.high),
                      N_("Number of feature columns.")),
                Param("n_classes", N_("Classes"), "int", 2, 2, 10, N_("Number of classes.")),
                Param("noise", N_("Label noise"), "float", 0.01, 0.0, 0.5,
                      N_("Share of labels flipped at random.")),
            ),
        ),
        DatasetInfo("moons", N_("Two moons"),
                    N_("Two interleaving half circles in 2-D: needs a curved boundary."), "2d",
                    (_samples(500), _noise(0.2))),
        DatasetInfo("circles", N_("Circles"),
                    N_("A ring around a disc in 2-D: no straight line separates them."), "2d",
                    (_samples(500), _noise(0.1))),
        DatasetInfo("xor", N_("XOR"),
                    N_("Four quadrants, opposite corners share a class: the classic "
                    "problem a single neuron cannot solve."), "2d",
                    (_samples(500), _noise(0.1))),
        DatasetInfo("spiral", N_("Spiral"),
                    N_("Two interleaved spirals in 2-D: hard, needs depth."),
                    "2d", (_samples(600), _noise(0.2))),
        DatasetInfo("gaussian", N_("Gaussian blobs"),
                    N_("Two Gaussian clouds in 2-D: nearly linearly separable."), "2d",
                    (_samples(500), _noise(1.0, 5.0, N_("Standard deviation of each cloud.")))),
        DatasetInfo("breast-cancer", N_("Breast cancer (Wisconsin)"),
                    N_("scikit-learn's bundled diagnostic set: 569 tumours, 30 measurements, "
                    "malignant or benign."), "tabular", rows=569),
        DatasetInfo("iris", N_("Iris"),
                    N_("scikit-learn's bundled 150 flowers, 4 measurements, "
                    "3 species."), "tabular", rows=150),
        DatasetInfo("wine", N_("Wine"),
                    N_("scikit-learn's bundled 178 wines, 13 chemical measurements, "
                    "3 cultivars."), "tabular", rows=178),
        DatasetInfo("digits", N_("Digits"),
                    N_("scikit-learn's bundled 1,797 handwritten digits as "
                    "8×8 pixel intensities, 10 classes."), "tabular", rows=1797),
        DatasetInfo("pairs", N_("Pairs (same or different)"),
                    N_("Two 10-feature points per row (a0..a9, b0..b9); the label says whether "
                    "both come from the same cluster. Made for siamese networks."), "tabular",
                    (_samples(2000),
                     _noise(1.0, 5.0, N_("Spread of points around their cluster.")))),
        DatasetInfo("multi-task", N_("Two targets"),
                    N_("20 features and two targets: a binary 'label' and a continuous 'value'. "
                    "Made for networks with two output heads."), "tabular",
                    (_samples(1000), _noise(0.1, 2.0, N_("Noise added to both targets.")))),
        DatasetInfo(
            "csv", N_("Uploaded CSV"),
            N_("Your own CSV file: numeric feature columns and one target."),
            "csv",
            (
                Param("sha256", N_("File"), "str", "",
                      help=N_("Content hash of the uploaded file.")),
                Param("target", N_("Target column"), "str", "", help=N_("Column to predict.")),
                Param("task", N_("Task"), "str", "auto",
                      help=N_("auto, binary, multiclass or regression.")),
            ),
            rows=MAX_CSV_ROWS,
        ),
    )
}
"""Every data set funcnet can load, keyed by name."""

CSV_TASKS = ("auto", "binary", "multiclass", "regression")


def resolve_params(name: Any, params: Mapping[str, Any]) -> tuple[dict[str, Any], float]:
    """Validates data set `name`'s parameters and fills in defaults.

    Args:
        name: Data set name.
        params: Parameters given; missing ones take their default.

    Returns:
        The full parameter dict and the data set's default test fraction.

    Raises:
        InputError: For an unknown data set or parameter, or a bad value.
    """
    # isinstance first: an unhashable value from JSON (a list) must not raise TypeError.
    if not isinstance(name, str) or name not in DATASETS:
        raise InputError("spec.one_of", where="where.data", field="name",
                         options=", ".join(DATASETS), value=name)
    info = DATASETS[name]
    known = {p.name: p for p in info.params}
    unknown = sorted(set(params) - set(known))
    if unknown:
        shown = ", ".join(map(repr, unknown))
        if known:
            raise InputError("data.unknown_params", dataset=name, unknown=shown,
                             count=len(unknown), allowed=", ".join(known))
        raise InputError("data.unknown_params_none", dataset=name, unknown=shown,
                         count=len(unknown))
    resolved = {key: p.check(name, params.get(key, p.default)) for key, p in known.items()}
    if "n_features" in resolved and "n_samples" in resolved:
        cells = resolved["n_samples"] * resolved["n_features"]
        if cells > limits.DATA_CELLS:
            raise InputError("data.too_many_values", dataset=name, rows=resolved["n_samples"],
                             features=resolved["n_features"], values=cells,
                             limit=limits.DATA_CELLS)
    if name == "csv":
        if not _SHA256.match(resolved["sha256"]):
            raise InputError("data.csv_hash", value=resolved["sha256"])
        if resolved["task"] not in CSV_TASKS:
            raise InputError("data.csv_task", options=", ".join(CSV_TASKS),
                             value=resolved["task"])
    return resolved, info.test_fraction

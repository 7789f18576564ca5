"""The data half of an exported script: `make_data()` as funcnet makes each data set.

One snippet writer per catalogue entry (`funcnet.data.catalog`) writes the
body of the script's `make_data()`: the same generator with the same
parameters and seed as `funcnet.data.datasets`, or the uploaded CSV read
and encoded the same way. Pure text: nothing here imports Keras.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from funcnet.data.catalog import DATASETS
from funcnet.data.datasets import classification_layout
from funcnet.export.pycode import num, py_str
from funcnet.model.spec import DataSpec, Job

BUNDLED_LOADERS = {"breast-cancer": "load_breast_cancer", "iris": "load_iris",
                   "wine": "load_wine", "digits": "load_digits"}
"""scikit-learn's loader of every bundled data set."""


def _params(data: DataSpec) -> dict[str, Any]:
    return dict(data.params)


def _numbered_features(prefix: str, count: int) -> str:
    return f'[f"{prefix}{{i}}" for i in range({count})]'


def _binary_classes(target: str = "target") -> str:
    return f'{{{py_str(target)}: ["0", "1"]}}'


def _data_seed_random(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    n, width = p["n_samples"], p["n_features"]
    return ("Uniform random features and coin-flip labels, as in the notebook: "
            "there is nothing to learn."), [
        "rng = np.random.default_rng(DATA_SEED)",
        f"x = rng.random(({n}, {width}))",
        f"y = rng.integers(0, 2, size={n})",
        f"features = {_numbered_features('x', width)}",
        f"return x, features, {{\"target\": y}}, {_binary_classes()}",
    ]


def _data_classification(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    informative, redundant, clusters = classification_layout(data)
    classes = ", ".join(f'"{c}"' for c in range(p["n_classes"]))
    return ("scikit-learn's make_classification: some columns carry the signal, some repeat "
            "it, the rest is noise."), [
        "x, y = make_classification(",
        f"    n_samples={p['n_samples']}, n_features={p['n_features']}, "
        f"n_informative={informative}, n_redundant={redundant},",
        f"    n_classes={p['n_classes']}, n_clusters_per_class={clusters}, "
        f"flip_y={num(p['noise'])}, random_state=DATA_SEED,",
        ")",
        f"features = {_numbered_features('x', p['n_features'])}",
        f"return x, features, {{\"target\": y}}, {{\"target\": [{classes}]}}",
    ]


def _two_d(call: list[str], doc: str) -> Callable[[DataSpec], tuple[str, list[str]]]:
    """Returns the snippet writer of a 2-D scikit-learn generator; `call` holds templates."""

    def snippet(data: DataSpec) -> tuple[str, list[str]]:
        p = _params(data)
        lines = [line.format(n=p["n_samples"], noise=num(p["noise"])) for line in call]
        return doc, [*lines, 'return x, ["x0", "x1"], {"target": y}, ' + _binary_classes()]

    return snippet


def _data_xor(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    return "Four quadrants; opposite corners share a class (the XOR problem).", [
        "rng = np.random.default_rng(DATA_SEED)",
        f"clean = rng.uniform(-1.0, 1.0, size=({p['n_samples']}, 2))",
        "# The label comes from the clean point; the noise then blurs the quadrant borders.",
        "y = (np.sign(clean[:, 0]) * np.sign(clean[:, 1]) > 0).astype(np.int64)",
        f"x = clean + rng.normal(0.0, {num(p['noise'])}, size=({p['n_samples']}, 2))",
        'return x, ["x0", "x1"], {"target": y}, ' + _binary_classes(),
    ]


def _data_spiral(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    n = p["n_samples"]
    return "Two interleaved spirals: a hard problem that needs depth.", [
        "rng = np.random.default_rng(DATA_SEED)",
        f"y = np.arange({n}) % 2",
        "# Radius 0..5 and 1.75 turns; the second arm is the first one rotated by pi.",
        f"t = rng.random({n})",
        "radius = 5.0 * t",
        "angle = 1.75 * 2.0 * np.pi * t + np.pi * y",
        "x = np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])",
        f"x += rng.normal(0.0, {num(p['noise'])}, size=({n}, 2))",
        'return x, ["x0", "x1"], {"target": y}, ' + _binary_classes(),
    ]


def _bundled(loader: str) -> Callable[[DataSpec], tuple[str, list[str]]]:
    def snippet(data: DataSpec) -> tuple[str, list[str]]:
        return f"scikit-learn's bundled data set ({loader}).", [
            f"bunch = {loader}()",
            "features = [str(name) for name in bunch.feature_names]",
            "classes = [str(name) for name in bunch.target_names]",
            "y = np.asarray(bunch.target, dtype=np.int64)",
            'return bunch.data, features, {"target": y}, {"target": classes}',
        ]

    return snippet


def _data_pairs(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    n = p["n_samples"]
    return ("Pairs of points (a0..a9 and b0..b9); the label says whether both come from the "
            "same one of 8 clusters."), [
        "rng = np.random.default_rng(DATA_SEED)",
        "centres = rng.normal(0.0, 1.5, size=(8, 10))",
        f"cluster_a = rng.integers(0, 8, size={n})",
        "# Exactly half the pairs share a cluster, in random order.",
        f"same = np.zeros({n}, dtype=np.int64)",
        f"same[: {n} // 2] = 1",
        "rng.shuffle(same)",
        f"other = (cluster_a + rng.integers(1, 8, size={n})) % 8",
        "cluster_b = np.where(same == 1, cluster_a, other)",
        f"a = centres[cluster_a] + rng.normal(0.0, {num(p['noise'])}, size=({n}, 10))",
        f"b = centres[cluster_b] + rng.normal(0.0, {num(p['noise'])}, size=({n}, 10))",
        "features = " + _numbered_features("a", 10) + " + " + _numbered_features("b", 10),
        'return np.hstack([a, b]), features, {"same": same}, ' + _binary_classes("same"),
    ]


def _data_multi_task(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    n, noise = p["n_samples"], num(p["noise"])
    return "20 features and two targets: a binary 'label' and a continuous 'value'.", [
        "rng = np.random.default_rng(DATA_SEED)",
        f"x = rng.normal(size=({n}, 20))",
        "# A linear part plus an interaction, so hidden layers help a little.",
        "logit = 1.5 * (x[:, 0] + x[:, 1] - x[:, 2]) + x[:, 3] * x[:, 4]",
        f"label = (logit + 2.0 * {noise} * rng.normal(size={n}) > 0).astype(np.int64)",
        "value = (x[:, 0] - 0.5 * x[:, 2] + np.sin(2.0 * x[:, 5]) + 0.5 * x[:, 6] * x[:, 7]",
        f"         + {noise} * rng.normal(size={n}))",
        "features = " + _numbered_features("x", 20),
        'return x, features, {"label": label, "value": value}, {"label": ["0", "1"], '
        '"value": []}',
    ]


def csv_task(job: Job) -> str:
    target = job.data.param("target")
    tasks = [h.task for h in job.model.outputs if h.target == target]
    if not tasks:
        raise ValueError(
            f"Code export: no output head predicts the CSV target column {target!r}; "
            "add a head for it first."
        )
    return tasks[0]


def data_csv(job: Job) -> tuple[str, list[str]]:
    task = csv_task(job)
    lines = [
        "with open(CSV_PATH, \"rb\") as stream:",
        "    content = stream.read()",
        "if hashlib.sha256(content).hexdigest() != CSV_SHA256:",
        "    print(f\"Note: {CSV_PATH} is not the file funcnet trained on; results will differ.\")",
        "text = content.decode(\"utf-8-sig\")",
        "# Guess the delimiter from the start of the file, as funcnet does.",
        "sample = text[:65536]",
        "if len(text) > 65536 and \"\\n\" in sample:",
        "    sample = sample[: sample.rindex(\"\\n\")]",
        "try:",
        "    delimiter = csv.Sniffer().sniff(sample, delimiters=\",;\\t|\").delimiter",
        "except csv.Error:",
        "    delimiter = \",\"",
        "frame = pd.read_csv(io.StringIO(text), sep=delimiter, skipinitialspace=True,",
        "                    skip_blank_lines=True)",
        "frame.columns = [str(column).strip() for column in frame.columns]",
        "features = [column for column in frame.columns if column != TARGET]",
        "x = frame[features].to_numpy(dtype=np.float64)",
        "column = frame[TARGET]",
    ]
    if task == "regression":
        lines += [
            "y = column.to_numpy(dtype=np.float64)",
            "return x, features, {TARGET: y}, {TARGET: []}",
        ]
        return "Your CSV file: every column except the target is a feature.", lines
    lines += [
        "# Classes are the sorted distinct values; each row gets its class's position.",
        "numeric = (pd.api.types.is_numeric_dtype(column)",
        "           and not pd.api.types.is_bool_dtype(column))",
        "if numeric:",
        "    values = column.to_numpy(dtype=np.float64)",
        "    ordered = np.unique(values)",
        "    classes = [str(int(v)) if float(v).is_integer() else str(v) for v in ordered]",
        "else:",
        "    values = column.to_numpy()",
        "    ordered = sorted(pd.unique(column), key=str)",
        "    classes = [str(v) for v in ordered]",
        "y = pd.Categorical(values, categories=ordered).codes.astype(np.int64)",
        "return x, features, {TARGET: y}, {TARGET: classes}",
    ]
    return "Your CSV file: every column except the target is a feature.", lines


DATA_SNIPPETS: dict[str, Callable[[DataSpec], tuple[str, list[str]]]] = {
    "seed-random": _data_seed_random,
    "classification": _data_classification,
    "moons": _two_d(["x, y = make_moons(n_samples={n}, noise={noise}, random_state=DATA_SEED)"],
                    "Two interleaving half circles (scikit-learn's make_moons)."),
    "circles": _two_d(["x, y = make_circles(",
                       "    n_samples={n}, noise={noise}, factor=0.5, random_state=DATA_SEED,",
                       ")"],
                      "A ring around a disc (scikit-learn's make_circles)."),
    "xor": _data_xor,
    "spiral": _data_spiral,
    "gaussian": _two_d(["x, y = make_blobs(",
                        "    n_samples={n}, centers=[[-2.0, -2.0], [2.0, 2.0]], "
                        "cluster_std={noise},",
                        "    random_state=DATA_SEED,",
                        ")"],
                       "Two Gaussian clouds (scikit-learn's make_blobs)."),
    "breast-cancer": _bundled("load_breast_cancer"),
    "iris": _bundled("load_iris"),
    "wine": _bundled("load_wine"),
    "digits": _bundled("load_digits"),
    "pairs": _data_pairs,
    "multi-task": _data_multi_task,
}
"""One snippet writer per data set name: the body of the script's `make_data()`."""

SKLEARN_DATA_IMPORTS = {
    "classification": "make_classification", "moons": "make_moons",
    "circles": "make_circles", "gaussian": "make_blobs", **BUNDLED_LOADERS,
}


def targets_of(job: Job) -> list[tuple[str, str]]:
    """Returns `(target column, task)` of every target the data set has, in order."""
    name = job.data.name
    if name == "multi-task":
        return [("label", "binary"), ("value", "regression")]
    if name == "pairs":
        return [("same", "binary")]
    if name == "csv":
        return [(job.data.param("target"), csv_task(job))]
    # Everything else has one class target; binary and multiclass store codes alike.
    return [("target", "binary")]


def data_description(data: DataSpec) -> str:
    info = DATASETS[data.name]
    shown = {k: v for k, v in data.params if k != "sha256"}
    details = ", ".join(f"{k}={num(v) if not isinstance(v, str) else 'text'}"
                        for k, v in shown.items())
    return f"{info.label}" + (f" ({details})" if details and data.name != "csv" else "")


def make_data_body(job: Job) -> tuple[str, list[str]]:
    """Returns what the script's `make_data()` says and does for `job`'s data set.

    Args:
        job: The setup (the CSV case needs its heads, to know the task).

    Returns:
        `(summary, lines)`: one sentence for the docstring, and the body's
        lines (not yet indented).

    Raises:
        ValueError: If the data set cannot be made with these parameters or
            no head predicts an uploaded CSV's target.
    """
    if job.data.name == "csv":
        return data_csv(job)
    return DATA_SNIPPETS[job.data.name](job.data)

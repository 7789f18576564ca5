"""Code export: a job as a self-contained, runnable Keras functional-API script.

`generate_script(job)` writes the Python a learner would write by hand in
the notebook's style — `Input(...)`, layers called on tensors,
`Model(inputs=..., outputs=...)`, `compile`, `fit`, `evaluate`, then
scikit-learn's report, confusion matrix and ROC AUC — and that reproduces
what funcnet does:

- the *same data*: the script makes or loads the data set exactly as
  `funcnet.data.datasets` does (same generator and parameters, same seeded,
  stratified train/test split, a `StandardScaler` fitted on the training
  rows only) without importing funcnet;
- the *same network*: same layer types, names, units, activations and
  connections as `funcnet.engine.builder.build_model`, including the
  per-node initialiser seeds, so the initial weights match too;
- the *same training*: the engine's seeded validation split, optimizer,
  losses, loss weights, metrics, and `keras.utils.set_random_seed` right
  before `fit`.

The script keeps the network in a `build_model()` function and runs only
under `if __name__ == "__main__":`, so tests (and curious learners) can
import it and inspect the model without training. Like every core module,
this one imports neither Keras nor Streamlit: it only writes text.
"""

from __future__ import annotations

import builtins
import keyword
import re
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from funcnet.data.catalog import DATASETS
from funcnet.data.datasets import classification_layout
from funcnet.model.activations import ACTIVATIONS, label_of
from funcnet.model.graphview import skip_edges
from funcnet.model.spec import DataSpec, Job, ModelSpec, Node

SCRIPT_FILENAME = "funcnet_model.py"
"""File name the interface offers for the download."""

CODEGEN_HEADER = '''"""{title}

Exported from funcnet. This script rebuilds your network with the Keras
functional API, makes the same data set the same way (same seed, same
train/test split, same standardisation), trains it with the same settings
and seeds, and prints how it does on the test set.

Run it:   python {filename}
Needs:    keras with the TensorFlow backend, scikit-learn, numpy, pandas

Network:  {network}
Data:     {data}
Training: {training}
"""'''
"""Template of the script's docstring.

Placeholders: `title` (one line), `filename`, `network` (node and parameter
counts), `data` (catalogue label and parameters) and `training` (optimizer,
learning rate, epochs, batch size, validation share, seed). Only catalogue
text and numbers go in, never user-typed text, so the docstring stays valid
Python whatever the user named things.
"""

MAX_LINE = 88
"""Generated lines fit both the project's limit (100) and ruff's default (88)."""
MAX_VARIABLE = 24
"""Variable names are cut to this length (layer names stay whole), so lines stay short."""

# Mirrors funcnet.engine.builder.node_seed (tested against it): the engine derives each
# node's initialiser seed from the job seed and the node's position in the spec.
_SEED_MODULUS = 2**31 - 1
_SEED_STRIDE = 1_000_003

# The functions and constants the script defines at module level.
_SCRIPT_NAMES = frozenset({
    "DATA_SEED", "TEST_FRACTION", "SEED", "EPOCHS", "BATCH_SIZE", "LEARNING_RATE",
    "VALIDATION_SPLIT", "INPUT_COLUMNS", "TARGETS", "CSV_PATH", "CSV_SHA256", "TARGET",
    "make_data", "load_data", "build_model", "split_rows", "model_inputs", "model_targets",
    "report_classifier", "report_regression", "main", "np", "pd", "csv", "hashlib", "io",
    "math", "tf", "batches", "VALIDATION_BATCH",
    "Input", "Model", "Dense", "Dropout", "BatchNormalization", "Activation", "Add",
    "Concatenate", "GlorotUniform", "Adam", "SGD", "RMSprop", "AUC", "set_random_seed",
    "train_test_split", "StandardScaler", "classification_report", "confusion_matrix",
    "roc_auc_score", "mean_absolute_error", "mean_squared_error", "r2_score",
    "make_classification", "make_moons", "make_circles", "make_blobs", "load_breast_cancer",
    "load_iris", "load_wine", "load_digits",
})
# E741: ruff (pycodestyle) rejects these as variable names.
_AMBIGUOUS = frozenset({"l", "O", "I"})
_RESERVED = (
    frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins))
    | _SCRIPT_NAMES | _AMBIGUOUS
)
_OPTIMIZER_CLASS = {"adam": "Adam", "sgd": "SGD", "rmsprop": "RMSprop"}
_BUNDLED_LOADER = {"breast-cancer": "load_breast_cancer", "iris": "load_iris",
                   "wine": "load_wine", "digits": "load_digits"}
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NUMBERED = re.compile(r"^([A-Za-z_]+)(0|[1-9][0-9]*)$")


def node_seed(seed: int, index: int) -> int:
    """Returns the initialiser seed the engine gives the node at `index`.

    Args:
        seed: The job's seed (`TrainConfig.seed`).
        index: Position of the node in `ModelSpec.nodes`.

    Returns:
        The same value as `funcnet.engine.builder.node_seed(seed, index)`.
    """
    return (seed * _SEED_STRIDE + index + 1) % _SEED_MODULUS


# --------------------------------------------------------------------------- text helpers


def py_str(text: str) -> str:
    """Returns a Python literal for `text`, double-quoted when that needs no escaping.

    Args:
        text: Any text (e.g. a CSV column name).

    Returns:
        A valid Python string literal that evaluates to `text`.
    """
    literal = repr(text)
    if literal.startswith("'") and '"' not in text and "'" not in text:
        literal = f'"{literal[1:-1]}"'
    return literal


def _num(value: float | int) -> str:
    # repr round-trips floats exactly, so the script uses the very same numbers.
    return repr(float(value)) if isinstance(value, float) else repr(int(value))


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _comment_text(text: str, limit: int = 40) -> str:
    """Makes user text safe inside a `#` comment: one line, printable, short."""
    flat = "".join(c if c.isprintable() else " " for c in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _pack(items: Sequence[str], indent: str, opener: str, closer: str) -> list[str]:
    """Lays out `opener item, item, ... closer`, wrapping lines like a formatter would."""
    single = f"{indent}{opener}{', '.join(items)}{closer}"
    if len(single) <= MAX_LINE:
        return [single]
    lines = [f"{indent}{opener}"]
    inner = indent + "    "
    current = ""
    for item in items:
        candidate = f"{current} {item}," if current else f"{item},"
        if current and len(inner) + len(candidate) > MAX_LINE:
            lines.append(inner + current)
            current = f"{item},"
        else:
            current = candidate
    if current:
        lines.append(inner + current)
    lines.append(f"{indent}{closer.lstrip()}")
    return lines


def columns_expression(columns: Sequence[str]) -> str | None:
    """Returns a short list comprehension for numbered columns like `x0 .. x19`.

    Args:
        columns: Column names.

    Returns:
        E.g. `[f"x{i}" for i in range(10, 20)]`, or None if the names are
        not one prefix followed by consecutive numbers (at least three).
    """
    if len(columns) < 3:
        return None
    matches = [_NUMBERED.match(c) for c in columns]
    if not all(matches):
        return None
    prefixes = {m.group(1) for m in matches if m}
    numbers = [int(m.group(2)) for m in matches if m]
    if len(prefixes) != 1 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    span = f"{numbers[-1] + 1}" if numbers[0] == 0 else f"{numbers[0]}, {numbers[-1] + 1}"
    return f'[f"{prefixes.pop()}{{i}}" for i in range({span})]'


def _list_lines(columns: Sequence[str], indent: str, prefix: str, suffix: str) -> list[str]:
    compact = columns_expression(columns)
    if compact is not None:
        return [f"{indent}{prefix}{compact}{suffix}"]
    return _pack([py_str(c) for c in columns], indent, f"{prefix}[", f"]{suffix}")


class _Names:
    """Hands out readable, unique Python variable names derived from node names."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, wanted: str, fallback: str) -> str:
        base = wanted if _ASCII_NAME.match(wanted) else fallback
        base = base[:MAX_VARIABLE].rstrip("_") or fallback
        if base in _RESERVED:
            # PEP 8's convention for a name that clashes: a trailing underscore (input_).
            base = f"{base}_"
        name, counter = base, 2
        while name in self._taken or name in _RESERVED:
            name = f"{base}_{counter}"
            counter += 1
        self._taken.add(name)
        return name


# --------------------------------------------------------------------------- data


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
        f"flip_y={_num(p['noise'])}, random_state=DATA_SEED,",
        ")",
        f"features = {_numbered_features('x', p['n_features'])}",
        f"return x, features, {{\"target\": y}}, {{\"target\": [{classes}]}}",
    ]


def _two_d(call: list[str], doc: str) -> Callable[[DataSpec], tuple[str, list[str]]]:
    """Returns the snippet writer of a 2-D scikit-learn generator; `call` holds templates."""

    def snippet(data: DataSpec) -> tuple[str, list[str]]:
        p = _params(data)
        lines = [line.format(n=p["n_samples"], noise=_num(p["noise"])) for line in call]
        return doc, [*lines, 'return x, ["x0", "x1"], {"target": y}, ' + _binary_classes()]

    return snippet


def _data_xor(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    return "Four quadrants; opposite corners share a class (the XOR problem).", [
        "rng = np.random.default_rng(DATA_SEED)",
        f"clean = rng.uniform(-1.0, 1.0, size=({p['n_samples']}, 2))",
        "# The label comes from the clean point; the noise then blurs the quadrant borders.",
        "y = (np.sign(clean[:, 0]) * np.sign(clean[:, 1]) > 0).astype(np.int64)",
        f"x = clean + rng.normal(0.0, {_num(p['noise'])}, size=({p['n_samples']}, 2))",
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
        f"x += rng.normal(0.0, {_num(p['noise'])}, size=({n}, 2))",
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
        f"a = centres[cluster_a] + rng.normal(0.0, {_num(p['noise'])}, size=({n}, 10))",
        f"b = centres[cluster_b] + rng.normal(0.0, {_num(p['noise'])}, size=({n}, 10))",
        "features = " + _numbered_features("a", 10) + " + " + _numbered_features("b", 10),
        'return np.hstack([a, b]), features, {"same": same}, ' + _binary_classes("same"),
    ]


def _data_multi_task(data: DataSpec) -> tuple[str, list[str]]:
    p = _params(data)
    n, noise = p["n_samples"], _num(p["noise"])
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


def _csv_task(job: Job) -> str:
    target = job.data.param("target")
    tasks = [h.task for h in job.model.outputs if h.target == target]
    if not tasks:
        raise ValueError(
            f"Code export: no output head predicts the CSV target column {target!r}; "
            "add a head for it first."
        )
    return tasks[0]


def _data_csv(job: Job) -> tuple[str, list[str]]:
    task = _csv_task(job)
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


_DATA_SNIPPETS: dict[str, Callable[[DataSpec], tuple[str, list[str]]]] = {
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

_SKLEARN_DATA_IMPORTS = {
    "classification": "make_classification", "moons": "make_moons",
    "circles": "make_circles", "gaussian": "make_blobs", **_BUNDLED_LOADER,
}


def _targets_of(job: Job) -> list[tuple[str, str]]:
    """Returns `(target column, task)` of every target the data set has, in order."""
    name = job.data.name
    if name == "multi-task":
        return [("label", "binary"), ("value", "regression")]
    if name == "pairs":
        return [("same", "binary")]
    if name == "csv":
        return [(job.data.param("target"), _csv_task(job))]
    # Everything else has one class target; binary and multiclass store codes alike.
    return [("target", "binary")]


def _data_description(data: DataSpec) -> str:
    info = DATASETS[data.name]
    shown = {k: v for k, v in data.params if k != "sha256"}
    details = ", ".join(f"{k}={_num(v) if not isinstance(v, str) else 'text'}"
                        for k, v in shown.items())
    return f"{info.label}" + (f" ({details})" if details and data.name != "csv" else "")


# --------------------------------------------------------------------------- model


def _layer_args(node: Node, seed: int, with_activation: bool) -> str:
    args = [str(node.units)]
    if with_activation:
        args.append(f"activation={py_str(ACTIVATIONS[node.activation].keras_identifier)}")
    args.append(f"kernel_initializer=GlorotUniform(seed={seed})")
    args.append(f"name={py_str(node.name)}")
    return ", ".join(args)


def _wrap_call(indent: str, head: str, args: str | Sequence[str], tail: str = "") -> list[str]:
    """Writes `head(args)tail`; if too long, one argument line (or more) under the head."""
    parts = _split_top_level(args) if isinstance(args, str) else list(args)
    line = f"{indent}{head}({', '.join(parts)}){tail}"
    if len(line) <= MAX_LINE:
        return [line]
    return _pack(parts, indent, f"{head}(", f"){tail}")


def _comment(indent: str, text: str) -> list[str]:
    """Wraps `text` into `#` comment lines that fit the line length."""
    return textwrap.wrap(text, width=MAX_LINE - len(indent), initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}# ", break_on_hyphens=False)


def _dense_comment(spec: ModelSpec, node: Node, shared: int) -> list[str]:
    """Returns the teaching comment of a dense or output node, as paragraphs."""
    act = label_of(node.activation)
    width = spec.input_width(node.name)
    if node.type == "output":
        meaning = {
            "binary": "the probability of class 1",
            "multiclass": f"one probability per class ({node.units} classes)",
            "regression": "the predicted value",
        }[node.task]
        return [f"Output head {node.name!r}: {_count(node.units, f'{act} unit')}, giving "
                f"{meaning} "
                f"for the target column {_comment_text(repr(node.target))} ({node.task}, "
                f"loss {node.loss})."]
    text = [f"{node.name!r}: a fully-connected layer of {node.units} {act} units; each unit "
            f"weighs all {width} values of its input."]
    if shared > 1:
        text.append(f"It is ONE layer object called on {shared} tensors: a shared layer. Its "
                    "weights exist once and serve every branch, which is how a siamese network "
                    "compares two inputs.")
    if node.batch_norm:
        text.append("Batch normalisation sits between the layer and its activation: "
                    "Dense (no activation) -> BatchNormalization -> Activation.")
    if node.dropout > 0:
        text.append(f"While training, Dropout zeroes {node.dropout:.0%} of the outputs at "
                    "random, so units cannot rely on each other (a regulariser).")
    return text


def _model_lines(job: Job) -> tuple[list[str], set[str]]:
    """Writes the body of `build_model()`; returns the lines and the layer classes used."""
    spec, seed = job.model, job.train.seed
    names = _Names()
    used: set[str] = {"Input", "Model"}
    skips = skip_edges(spec)
    index_of = {node.name: i for i, node in enumerate(spec.nodes)}
    # Like the engine: every node yields one tensor per branch, here (variable, branch label).
    branches: dict[str, list[tuple[str, str]]] = {}
    out: list[str] = []
    ind = "    "
    for name in spec.order:
        node = spec.node(name)
        fallback = f"node_{index_of[name]}"
        incoming = [(var, label or source) for source in node.inputs
                    for var, label in branches[source]]
        out.append("")
        if node.type == "input":
            var = names.take(name, fallback)
            count = len(node.columns)
            out += _comment(ind, f"Input {name!r}: {_count(count, 'feature column')} per "
                                 "sample.")
            out += _wrap_call(ind, f"{var} = Input", [f"shape=({count},)", f"name={py_str(name)}"])
            branches[name] = [(var, "")]
        elif node.type in ("add", "concatenate"):
            var = names.take(name, fallback)
            layer = "Add" if node.type == "add" else "Concatenate"
            used.add(layer)
            tensors = ", ".join(v for v, _ in incoming)
            if node.type == "add":
                width = spec.shape_of(name).width
                out += _comment(ind, f"{name!r} adds its {len(incoming)} inputs element by "
                                f"element (all {width} wide).")
            else:
                widths = " + ".join(str(spec.shape_of(s).width) for s in node.inputs
                                    for _ in range(spec.shape_of(s).branches))
                out += _comment(ind, f"{name!r} puts its inputs side by side: {widths} = "
                                f"{spec.shape_of(name).width} values.")
            skipping = [s for s in node.inputs if (s, name) in skips]
            if skipping:
                out += _comment(ind, f"{', '.join(map(repr, skipping))} skips over layers to "
                                "get here: a residual (skip) connection, so the layers in "
                                "between only have to learn a correction.")
            call = f"{ind}{var} = {layer}(name={py_str(name)})([{tensors}])"
            if len(call) <= MAX_LINE:
                out.append(call)
            else:
                out += _pack([v for v, _ in incoming], ind,
                             f"{var} = {layer}(name={py_str(name)})([", "])")
            branches[name] = [(var, "")]
        else:
            used.add("Dense")
            used.add("GlorotUniform")
            layer_seed = node_seed(seed, index_of[name])
            batch_norm = node.type == "dense" and node.batch_norm
            dropout = node.type == "dense" and node.dropout > 0
            for paragraph in _dense_comment(spec, node, len(incoming)):
                out += _comment(ind, paragraph)
            dense_args = _layer_args(node, layer_seed, with_activation=not batch_norm)
            extra: list[tuple[str, str]] = []  # (layer call, suffix) after the Dense
            if batch_norm:
                used.update({"BatchNormalization", "Activation"})
                identifier = py_str(ACTIVATIONS[node.activation].keras_identifier)
                extra.append(("BatchNormalization", f"name={py_str(name + '_bn')}"))
                extra.append(("Activation", f"{identifier}, name={py_str(name + '_act')}"))
            if dropout:
                used.add("Dropout")
                extra.append(("Dropout", f"{_num(node.dropout)}, seed={layer_seed}, "
                                         f"name={py_str(name + '_dropout')}"))
            if len(incoming) == 1:
                var = names.take(name, fallback)
                source = incoming[0][0]
                out += _wrap_call(ind, f"{var} = Dense", dense_args, f"({source})")
                for cls, args in extra:
                    out += _wrap_call(ind, f"{var} = {cls}", args, f"({var})")
                branches[name] = [(var, "")]
                continue
            # A shared layer: create the layer objects once, then call them on each branch.
            layer_var = names.take(name, fallback)
            out += _wrap_call(ind, f"{layer_var} = Dense", dense_args)
            chain = [layer_var]
            for cls, args in extra:
                suffix = {"BatchNormalization": "bn", "Activation": "act",
                          "Dropout": "dropout"}[cls]
                part = names.take(f"{name}_{suffix}", f"{fallback}_{suffix}")
                out += _wrap_call(ind, f"{part} = {cls}", args)
                chain.append(part)
            labels = [label for _, label in incoming]
            if len(set(labels)) != len(labels):
                labels = [f"branch{i}" for i in range(1, len(incoming) + 1)]
            results = []
            for i, ((source, _), label) in enumerate(zip(incoming, labels, strict=True)):
                wanted = f"{name}_{label}"
                if len(wanted) > MAX_VARIABLE:
                    # Keep both halves readable: the layer's name and the branch's origin.
                    wanted = f"{name[:MAX_VARIABLE - 10]}_{label[:9]}"
                var = names.take(wanted, f"{fallback}_branch{i + 1}")
                call = source
                for part in chain:
                    call = f"{part}({call})"
                if len(f"{ind}{var} = {call}") <= MAX_LINE:
                    out.append(f"{ind}{var} = {call}")
                else:
                    out.append(f"{ind}{var} = {chain[0]}({source})")
                    out += [f"{ind}{var} = {part}({var})" for part in chain[1:]]
                results.append((var, label))
            branches[name] = results
    ins = [branches[n.name][0][0] for n in spec.inputs]
    outs = [branches[n.name][0][0] for n in spec.outputs]
    out.append("")
    out += _comment(ind, "The model runs from its input(s) to its output(s); Keras traces "
                    "the graph in between.")
    ins_text = ins[0] if len(ins) == 1 else f"[{', '.join(ins)}]"
    outs_text = outs[0] if len(outs) == 1 else f"[{', '.join(outs)}]"
    single = f'{ind}return Model(inputs={ins_text}, outputs={outs_text}, name="funcnet")'
    if len(single) <= MAX_LINE:
        out.append(single)
    else:
        out.append(f"{ind}return Model(")
        for key, values, alone in (("inputs", ins, ins_text), ("outputs", outs, outs_text)):
            if len(values) == 1 or len(f"{ind}    {key}={alone},") <= MAX_LINE:
                out.append(f"{ind}    {key}={alone},")
            else:
                out += _pack(values, ind + "    ", f"{key}=[", "],")
        out += [f'{ind}    name="funcnet",', f"{ind})"]
    return out, used


# --------------------------------------------------------------------------- script


def _imports(stdlib: set[str], modules: dict[str, set[str]]) -> list[str]:
    """Writes imports sorted as isort (ruff's `I` rules) wants them."""
    lines = [f"import {m}" for m in sorted(stdlib)]
    if lines:
        lines.append("")
    lines += ["import numpy as np", "import pandas as pd", "import tensorflow as tf"]

    def key(name: str) -> tuple[int, str]:
        # isort's order-by-type: CONSTANTS, then Classes, then functions, each alphabetical.
        kind = 0 if name.isupper() else 1 if name[0].isupper() else 2
        return kind, name.lower()

    for module in sorted(modules):
        names = sorted(modules[module], key=key)
        line = f"from {module} import {', '.join(names)}"
        if len(line) <= MAX_LINE:
            lines.append(line)
        else:
            lines += [f"from {module} import ("] + [f"    {n}," for n in names] + [")"]
    return lines


def _dict_lines(name: str, entries: list[tuple[str, list[str]]]) -> list[str]:
    """Writes `NAME = {key: value, ...}` with one entry per line."""
    lines = [f"{name} = {{"]
    for key, value_lines in entries:
        lines.append(f"    {key}: {value_lines[0].lstrip()}")
        lines += value_lines[1:]
    lines.append("}")
    return lines


def generate_script(job: Job, *, csv_filename: str = "data.csv") -> str:
    """Writes a runnable Keras functional-API script that reproduces `job`.

    The script has `make_data()` and `load_data()` (the data set, made and
    split exactly as funcnet does), `build_model()` (the network, same
    layer names, connections and initial weights as funcnet's engine),
    and `main()` (compile, fit, evaluate, classification report, confusion
    matrix, ROC AUC or regression errors), run only under
    `if __name__ == "__main__":`. It passes `ruff check` and imports no
    funcnet code.

    Args:
        job: The network, data set choice and training settings.
        csv_filename: For an uploaded CSV data set: the path the script
            reads the file from (funcnet only keeps the file's hash).

    Returns:
        The script's source code.

    Raises:
        ValueError: If the data set cannot be made with these parameters
            (e.g. too few features for the classes) or no head predicts an
            uploaded CSV's target.
    """
    spec, data, train = job.model, job.data, job.train
    heads = spec.outputs
    targets = _targets_of(job)
    modules: dict[str, set[str]] = {
        "keras": set(), "keras.initializers": set(), "keras.layers": set(),
        "keras.optimizers": {_OPTIMIZER_CLASS[train.optimizer]},
        "keras.utils": {"set_random_seed"},
        "sklearn.model_selection": {"train_test_split"},
        "sklearn.preprocessing": {"StandardScaler"},
    }
    stdlib: set[str] = {"math"}
    if data.name == "csv":
        stdlib |= {"csv", "hashlib", "io"}
    elif data.name in _SKLEARN_DATA_IMPORTS:
        modules["sklearn.datasets"] = {_SKLEARN_DATA_IMPORTS[data.name]}
    model_lines, used = _model_lines(job)
    for cls in used:
        module = {"Input": "keras", "Model": "keras", "GlorotUniform": "keras.initializers"}
        modules[module.get(cls, "keras.layers")].add(cls)
    classifier = [h for h in heads if h.task != "regression"]
    regressor = [h for h in heads if h.task == "regression"]
    if classifier:
        modules["sklearn.metrics"] = {"classification_report", "confusion_matrix",
                                      "roc_auc_score"}
    if regressor:
        modules.setdefault("sklearn.metrics", set()).update(
            {"mean_absolute_error", "mean_squared_error", "r2_score"})
    modules = {m: names for m, names in modules.items() if names}

    doc_data, make_body = (_data_csv(job) if data.name == "csv"
                           else _DATA_SNIPPETS[data.name](data))
    n_nodes = len(spec.nodes)
    header = CODEGEN_HEADER.format(
        title="A Keras functional-API network exported from funcnet.",
        filename=SCRIPT_FILENAME,
        network=f"{n_nodes} nodes ({_count(len(spec.inputs), 'input')}, "
                f"{_count(len(heads), 'output head')}), {spec.total_params():,} parameters",
        data=_data_description(data),
        training=f"{_OPTIMIZER_CLASS[train.optimizer]}, learning rate "
                 f"{_num(train.learning_rate)}, {train.epochs} epochs of batch "
                 f"{train.batch_size}, {train.validation_split:.0%} validation, seed {train.seed}",
    )
    header = "\n".join(
        "\n".join(textwrap.wrap(line, width=MAX_LINE, subsequent_indent=" " * 10)) or line
        for line in header.splitlines())
    lines: list[str] = [header, ""]
    lines += _imports(stdlib, modules)
    lines += ["", "# Seeds: DATA_SEED makes the data and the train/test split; SEED makes the "
              "initial", "# weights, the validation split, the shuffling and the dropout masks.",
              f"DATA_SEED = {data.seed}", f"TEST_FRACTION = {_num(data.test_fraction)}",
              f"SEED = {train.seed}", f"EPOCHS = {train.epochs}",
              f"BATCH_SIZE = {train.batch_size}", f"LEARNING_RATE = {_num(train.learning_rate)}",
              f"VALIDATION_SPLIT = {_num(train.validation_split)}",
              "VALIDATION_BATCH = 1024  # validation rows per batch (at least BATCH_SIZE)"]
    if data.name == "csv":
        lines += ["", "# Your uploaded file: put it next to this script (or change the path).",
                  f"CSV_PATH = {py_str(csv_filename)}",
                  f"CSV_SHA256 = {py_str(data.param('sha256'))}",
                  f"TARGET = {py_str(data.param('target'))}"]
    lines += ["", "# Which feature columns each input takes, and which column each head "
              "predicts."]
    lines += _dict_lines("INPUT_COLUMNS", [
        (py_str(n.name), _list_lines(n.columns, "    ", "", ",")) for n in spec.inputs])
    lines += _dict_lines("TARGETS", [(py_str(h.name), [f"{py_str(h.target)},"]) for h in heads])

    # make_data / load_data ------------------------------------------------------------
    summary = textwrap.wrap(doc_data, width=MAX_LINE - 4, initial_indent='    """',
                            subsequent_indent="    ")
    lines += ["", "", "def make_data():", *summary, "",
              "    Returns the raw features, their names, the target columns and the class names",
              "    of each target (empty for a regression target).", '    """']
    lines += [f"    {line}" if line else "" for line in make_body]
    first_target, first_task = targets[0]
    stratify = (f"targets[{py_str(first_target)}]" if first_task != "regression" else "None")
    lines += [
        "", "", "def load_data():",
        '    """Holds out a test set and standardises the features.', "",
        "    The test rows are a seeded random sample (stratified by class, so both parts keep",
        "    the class balance). The scaler learns the mean and spread of the training rows",
        "    only, so nothing about the test rows leaks into training.",
        '    """',
        "    x, features, targets, classes = make_data()",
        "    x = np.asarray(x, dtype=np.float64)",
        "    n_rows = len(x)",
        "    n_test = min(max(1, round(TEST_FRACTION * n_rows)), n_rows - 1)",
        "    rows = np.arange(n_rows)",
        "    try:",
        "        train_rows, test_rows = train_test_split(",
        f"            rows, test_size=n_test, random_state=DATA_SEED, stratify={stratify})",
        "    except ValueError:",
        "        # Too few rows of some class to stratify: a plain random split still works.",
        "        train_rows, test_rows = train_test_split(rows, test_size=n_test, "
        "random_state=DATA_SEED)",
        "    scaler = StandardScaler().fit(x[train_rows])",
        "",
        "    def feature_frame(part):",
        "        values = scaler.transform(x[part]).astype(np.float32)",
        "        return pd.DataFrame(values, columns=features, index=part)",
        "",
        "    def target_frame(part):",
        "        return pd.DataFrame({",
    ]
    for target, task in targets:
        dtype = "np.float32" if task == "regression" else "np.int64"
        lines.append(f"            {py_str(target)}: targets[{py_str(target)}][part]"
                     f".astype({dtype}),")
    lines += [
        "        }, index=part)",
        "",
        "    return (feature_frame(train_rows), feature_frame(test_rows),",
        "            target_frame(train_rows), target_frame(test_rows), classes)",
    ]

    # build_model --------------------------------------------------------------------
    lines += ["", "", "def build_model():",
              '    """Builds the network with the Keras functional API: layers called on '
              'tensors."""']
    lines += model_lines[1:]  # the first entry is a blank separator

    # feeding the model ------------------------------------------------------------------
    lines += [
        "", "", "def split_rows(n_rows):",
        '    """Holds out VALIDATION_SPLIT of the training rows for validation, drawn with SEED.',
        "",
        "    Keras' own `validation_split` would take the last rows; a seeded random draw does",
        "    not depend on the order of the rows.",
        '    """',
        "    n_val = round(n_rows * VALIDATION_SPLIT)",
        "    order = np.random.default_rng(SEED).permutation(n_rows)",
        "    return np.sort(order[n_val:]), np.sort(order[:n_val])",
        "", "", "def model_inputs(frame):",
        '    """Gives each input of the model its own feature columns."""',
    ]
    if len(spec.inputs) == 1:
        lines.append(f"    return frame[INPUT_COLUMNS[{py_str(spec.inputs[0].name)}]]"
                     ".to_numpy(np.float32)")
    else:
        lines.append("    return {name: frame[columns].to_numpy(np.float32) "
                     "for name, columns in INPUT_COLUMNS.items()}")
    lines += ["", "", "def model_targets(frame):",
              '    """Gives each head its target: float32 values, or int32 codes for softmax '
              'heads."""']

    def target_expr(head: Node) -> str:
        dtype = "np.int32" if head.task == "multiclass" else "np.float32"
        return f"frame[TARGETS[{py_str(head.name)}]].to_numpy({dtype})"

    if len(heads) == 1:
        lines.append(f"    return {target_expr(heads[0])}")
    else:
        lines.append("    return {")
        for h in heads:
            entry = f"        {py_str(h.name)}: {target_expr(h)},"
            if len(entry) > MAX_LINE:
                entry = f"        {py_str(h.name)}: (\n            {target_expr(h)}\n        ),"
            lines.append(entry)
        lines.append("    }")

    lines += [
        "", "", "def batches(x, y, n_rows, batch_size, shuffle_seed=None):",
        '    """Streams batches of (inputs, targets) with tf.data, one pass over the rows per',
        "    epoch, reshuffled before every pass when a seed is given.",
        "",
        "    funcnet's engine feeds Keras this way (it is faster than handing over plain",
        "    arrays); doing the same here shuffles the rows in the same order, so your",
        "    training curves match the dashboard's. `model.fit(x, y, batch_size=...,",
        "    shuffle=True)` would train just as well, in a different order.",
        '    """',
        "    x_all = tf.nest.map_structure(tf.constant, x)",
        "    y_all = tf.nest.map_structure(tf.constant, y)",
        "    full = n_rows // batch_size * batch_size",
        "",
        "    def one_pass(index):",
        "        # One epoch: a seeded permutation of the rows, cut into batches.",
        "        order = tf.range(n_rows)",
        "        if shuffle_seed is not None:",
        "            order = tf.random.experimental.stateless_shuffle(",
        "                order, seed=tf.stack([tf.constant(shuffle_seed, tf.int64), index]))",
        "        passes = tf.data.Dataset.from_tensor_slices(",
        "            tf.reshape(order[:full], (-1, batch_size)))",
        "        if full < n_rows:",
        "            passes = passes.concatenate(tf.data.Dataset.from_tensors(order[full:]))",
        "        return passes",
        "",
        "    def gather(index):",
        "        return (tf.nest.map_structure(lambda t: tf.gather(t, index), x_all),",
        "                tf.nest.map_structure(lambda t: tf.gather(t, index), y_all))",
        "",
        "    return (tf.data.Dataset.range(2**62).flat_map(one_pass)",
        "            .map(gather).prefetch(2))",
    ]

    # reports ----------------------------------------------------------------------------
    if classifier:
        lines += [
            "", "", "def report_classifier(head, truth, scores, class_names, binary):",
            '    """Prints the classification report, confusion matrix and ROC AUC of one '
            'head."""',
            "    labels = list(range(len(class_names)))",
            "    if binary:",
            "        # One column holding P(class 1): class 1 when it is above 0.5.",
            "        scores = scores.ravel()",
            "        predicted = (scores > 0.5).astype(np.int64)",
            "    else:",
            "        # One probability per class: the most likely class wins.",
            "        predicted = scores.argmax(axis=1)",
            '    print(f"\\nHead {head!r}:")',
            "    print(classification_report(truth, predicted, labels=labels, "
            "target_names=class_names,",
            "                                zero_division=0))",
            '    print("Confusion matrix (rows: true class, columns: predicted class):")',
            "    print(confusion_matrix(truth, predicted, labels=labels))",
            "    try:",
            "        if binary:",
            "            auc = roc_auc_score(truth, scores)",
            "        else:",
            '            auc = roc_auc_score(truth, scores, multi_class="ovr", labels=labels)',
            '        print(f"ROC AUC: {auc:.4f}")',
            "    except ValueError as error:",
            "        # e.g. the test set holds a single class: AUC is then undefined.",
            '        print(f"ROC AUC: not defined here ({error})")',
        ]
    if regressor:
        lines += [
            "", "", "def report_regression(head, truth, predicted):",
            '    """Prints the mean absolute error, root mean squared error and R² of one '
            'head."""',
            "    predicted = predicted.ravel()",
            "    mse = mean_squared_error(truth, predicted)",
            '    print(f"\\nHead {head!r} (regression):")',
            '    print(f"  MAE  {mean_absolute_error(truth, predicted):.4f}")',
            '    print(f"  RMSE {np.sqrt(mse):.4f}")',
            '    print(f"  R²   {r2_score(truth, predicted):.4f}")',
        ]

    # main -------------------------------------------------------------------------------
    optimizer = f"{_OPTIMIZER_CLASS[train.optimizer]}(learning_rate=LEARNING_RATE)"

    def metrics(task: str) -> str:
        return {"binary": '["accuracy"]', "multiclass": '["accuracy"]',
                "regression": '["mae"]'}[task]

    if len(heads) == 1:
        compile_args = [f"optimizer={optimizer},", f"loss={py_str(heads[0].loss)},",
                        f"metrics={metrics(heads[0].task)},"]
    else:
        compile_args = [
            f"optimizer={optimizer},",
            "loss={" + ", ".join(f"{py_str(h.name)}: {py_str(h.loss)}" for h in heads) + "},",
            "loss_weights={" + ", ".join(f"{py_str(h.name)}: {_num(h.loss_weight)}"
                                         for h in heads) + "},",
            "metrics={" + ", ".join(f"{py_str(h.name)}: {metrics(h.task)}"
                                    for h in heads) + "},",
        ]
    compile_lines = []
    for arg in compile_args:
        compile_lines += _pack_arg(arg, "        ")
    classes_var = "classes" if classifier else "_classes"
    lines += [
        "", "", "def main():",
        '    """Trains the network, then reports how it does on the test set."""',
        f"    x_train, x_test, y_train, y_test, {classes_var} = load_data()",
        "    fit_rows, val_rows = split_rows(len(x_train))",
        "    x_fit = model_inputs(x_train.iloc[fit_rows])",
        "    y_fit = model_targets(y_train.iloc[fit_rows])",
        "",
        "    model = build_model()",
        "    model.summary()",
    ]
    if len(heads) > 1:
        lines.append("    # One loss per head; the total loss is their weighted sum.")
    lines += ["    model.compile("] + compile_lines + ["    )"]
    lines += [
        "",
        "    # Seed right before fit: dropout draws from Keras' global random generators,",
        "    # so the same seed gives the same training curves.",
        "    set_random_seed(SEED)",
        "    validation, validation_steps = None, None",
        "    if len(val_rows):",
        "        # Validation rows are only evaluated, in big batches and in order.",
        "        validation_batch = max(BATCH_SIZE, VALIDATION_BATCH)",
        "        validation = batches(model_inputs(x_train.iloc[val_rows]),",
        "                             model_targets(y_train.iloc[val_rows]),",
        "                             len(val_rows), validation_batch)",
        "        validation_steps = math.ceil(len(val_rows) / validation_batch)",
        "    history = model.fit(",
        "        batches(x_fit, y_fit, len(fit_rows), BATCH_SIZE, shuffle_seed=SEED),",
        "        steps_per_epoch=math.ceil(len(fit_rows) / BATCH_SIZE),",
        "        validation_data=validation,",
        "        validation_steps=validation_steps,",
        "        epochs=EPOCHS,",
        "        shuffle=False,  # batches() already reshuffles the rows every epoch",
        "        verbose=2,",
        "    )",
        "",
        "    x_eval, y_eval = model_inputs(x_test), model_targets(y_test)",
        "    scores = model.evaluate(x_eval, y_eval, batch_size=max(BATCH_SIZE, 256),",
        "                            return_dict=True, verbose=0)",
        '    print("\\nTest set:")',
        "    for name, value in scores.items():",
        '        print(f"  {name}: {value:.4f}")',
        "",
        "    predictions = model.predict(x_eval, verbose=0)",
    ]
    for position, head in enumerate(heads):
        pred = "predictions" if len(heads) == 1 else f"predictions[{position}]"
        truth = f"y_test[TARGETS[{py_str(head.name)}]].to_numpy()"
        if head.task == "regression":
            lines += _wrap_call("    ", "report_regression", [py_str(head.name), truth, pred])
        else:
            lines += _wrap_call("    ", "report_classifier", [
                py_str(head.name), truth, pred, f"classes[TARGETS[{py_str(head.name)}]]",
                f"binary={head.task == 'binary'}"])
    lines += [
        "    return history",
        "", "",
        'if __name__ == "__main__":',
        "    main()",
    ]
    return "\n".join(lines) + "\n"


def _pack_arg(arg: str, indent: str) -> list[str]:
    """Writes one `key=value,` argument, breaking a long dict after its entries."""
    line = indent + arg
    if len(line) <= MAX_LINE or "={" not in arg:
        return [line]
    key, rest = arg.split("={", 1)
    body = rest[: -len("},")]
    entries = _split_top_level(body)
    return [f"{indent}{key}={{"] + [f"{indent}    {e}," for e in entries] + [f"{indent}}},"]


def _split_top_level(text: str) -> list[str]:
    """Splits `a, f(b, c), "d, e"` at the commas outside brackets and string literals."""
    parts: list[str] = []
    depth, current, quote, escaped = 0, "", "", False
    for char in text:
        if quote:
            current += char
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
            continue
        if char in "\"'":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
            continue
        current += char
    if current.strip():
        parts.append(current.strip())
    return parts

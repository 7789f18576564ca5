"""Python source as text: literals, names and line layout for generated scripts.

The code exporter writes Python a learner reads: string literals that need
no escaping when they can, variable names derived from node names that
never shadow a keyword, builtin or script name, calls and lists wrapped the
way a formatter would, imports sorted as ruff's isort rules want them.
Pure text: no funcnet model types here.
"""

from __future__ import annotations

import builtins
import keyword
import re
import textwrap
from collections.abc import Sequence

MAX_LINE = 88
"""Generated lines fit both the project's limit (100) and ruff's default (88)."""
MAX_VARIABLE = 24
"""Variable names are cut to this length (layer names stay whole), so lines stay short."""

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
_ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_NUMBERED = re.compile(r"^([A-Za-z_]+)(0|[1-9][0-9]*)$")


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


def num(value: float | int) -> str:
    # repr round-trips floats exactly, so the script uses the very same numbers.
    return repr(float(value)) if isinstance(value, float) else repr(int(value))


def count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def comment_text(text: str, limit: int = 40) -> str:
    """Makes user text safe inside a `#` comment: one line, printable, short."""
    flat = "".join(c if c.isprintable() else " " for c in text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def pack(items: Sequence[str], indent: str, opener: str, closer: str) -> list[str]:
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


def list_lines(columns: Sequence[str], indent: str, prefix: str, suffix: str) -> list[str]:
    compact = columns_expression(columns)
    if compact is not None:
        return [f"{indent}{prefix}{compact}{suffix}"]
    return pack([py_str(c) for c in columns], indent, f"{prefix}[", f"]{suffix}")


class Names:
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


def pack_arg(arg: str, indent: str) -> list[str]:
    """Writes one `key=value,` argument, breaking a long dict after its entries."""
    line = indent + arg
    if len(line) <= MAX_LINE or "={" not in arg:
        return [line]
    key, rest = arg.split("={", 1)
    body = rest[: -len("},")]
    entries = split_top_level(body)
    return [f"{indent}{key}={{"] + [f"{indent}    {e}," for e in entries] + [f"{indent}}},"]


def split_top_level(text: str) -> list[str]:
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


def imports(stdlib: set[str], modules: dict[str, set[str]]) -> list[str]:
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


def dict_lines(name: str, entries: list[tuple[str, list[str]]]) -> list[str]:
    """Writes `NAME = {key: value, ...}` with one entry per line."""
    lines = [f"{name} = {{"]
    for key, value_lines in entries:
        lines.append(f"    {key}: {value_lines[0].lstrip()}")
        lines += value_lines[1:]
    lines.append("}")
    return lines


def wrap_call(indent: str, head: str, args: str | Sequence[str], tail: str = "") -> list[str]:
    """Writes `head(args)tail`; if too long, one argument line (or more) under the head."""
    parts = split_top_level(args) if isinstance(args, str) else list(args)
    line = f"{indent}{head}({', '.join(parts)}){tail}"
    if len(line) <= MAX_LINE:
        return [line]
    return pack(parts, indent, f"{head}(", f"){tail}")


def comment(indent: str, text: str) -> list[str]:
    """Wraps `text` into `#` comment lines that fit the line length."""
    return textwrap.wrap(text, width=MAX_LINE - len(indent), initial_indent=f"{indent}# ",
                         subsequent_indent=f"{indent}# ", break_on_hyphens=False)

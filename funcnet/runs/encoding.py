"""How run values become SQLite column values and back.

Numbers, histories and message fields are stored as JSON text (NaN and
infinities as `null`, read back as NaN); test predictions as a compressed
`.npz` with no pickled objects (`encode_heads` / `decode_heads`). Readers
raise `ValueError` on damaged values, which `funcnet.runs.store` reports.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Mapping
from typing import Any

import numpy as np

from funcnet.train.results import HeadResult


def to_json(value: Any) -> str:
    """JSON text of plain values; NaN and infinities become `null` (JSON has neither)."""

    def clean(item: Any) -> Any:
        if isinstance(item, Mapping):
            return {str(k): clean(v) for k, v in item.items()}
        if isinstance(item, list | tuple):
            return [clean(v) for v in item]
        if isinstance(item, np.generic):
            item = item.item()
        if isinstance(item, float) and not math.isfinite(item):
            return None
        return item

    return json.dumps(clean(value), sort_keys=True, separators=(",", ":"), allow_nan=False)


def number_or_nan(value: Any) -> float:
    """A stored number; `null` (a NaN or infinity when saved) reads as NaN."""
    return math.nan if value is None else float(value)


def read_numbers(text: str) -> dict[str, float]:
    """Reads a JSON object of numbers (`null` reads as NaN); raises ValueError if it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object of numbers")
    return {str(k): number_or_nan(v) for k, v in data.items()}


def read_history(text: str) -> dict[str, list[float]]:
    """Reads a JSON object of number lists (a Keras history); raises ValueError if it is not one."""
    data = json.loads(text)
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise ValueError("expected a JSON object of number lists")
    return {str(k): [number_or_nan(v) for v in values] for k, values in data.items()}


def _numeric(array: Any) -> np.ndarray:
    value = np.asarray(array)
    # Object arrays would need pickle to be saved, and pickle is never read back.
    return value.astype(np.float64) if value.dtype == object else value


def encode_heads(heads: Mapping[str, HeadResult]) -> bytes | None:
    """Packs test predictions as a compressed `.npz` (no pickled objects).

    Args:
        heads: Head name -> `HeadResult`, in head order.

    Returns:
        The bytes, or `None` when there are no heads (a failed run).
    """
    if not heads:
        return None
    meta = [{"name": h.name, "task": h.task, "target": h.target, "classes": list(h.classes)}
            for h in heads.values()]
    arrays: dict[str, np.ndarray] = {"meta": np.array(json.dumps(meta))}
    for i, head in enumerate(heads.values()):
        arrays[f"y_true_{i}"] = _numeric(head.y_true)
        arrays[f"y_score_{i}"] = _numeric(head.y_score)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def decode_heads(blob: bytes | None) -> dict[str, HeadResult]:
    """Reads test predictions packed by `encode_heads`.

    Args:
        blob: The bytes (or `None`).

    Returns:
        Head name -> `HeadResult`, in head order; `{}` for `None`.

    Raises:
        ValueError: If the bytes are not such a pack.
    """
    if blob is None:
        return {}
    try:
        with np.load(io.BytesIO(blob), allow_pickle=False) as pack:
            meta = json.loads(str(pack["meta"]))
            heads = {}
            for i, entry in enumerate(meta):
                head = HeadResult(
                    name=str(entry["name"]), task=str(entry["task"]),
                    target=str(entry["target"]),
                    classes=tuple(str(c) for c in entry["classes"]),
                    y_true=pack[f"y_true_{i}"], y_score=pack[f"y_score_{i}"])
                heads[head.name] = head
            return heads
    except (OSError, KeyError, TypeError, json.JSONDecodeError, zipfile.BadZipFile) as error:
        raise ValueError(f"unreadable test predictions ({error})") from None


def plain_fields(fields: Mapping[str, Any] | None) -> dict[str, Any]:
    """Message fields as JSON can hold them; anything else (a nested message) as its text."""
    plain = (str, int, float, bool, list, tuple, dict, type(None))
    return {str(k): v if isinstance(v, plain) else str(v) for k, v in (fields or {}).items()}


def read_message_fields(text: Any) -> dict[str, Any]:
    """Reads a row's message fields; damaged ones read as none (the stored text stays)."""
    try:
        fields = json.loads(text or "{}")
    except (TypeError, json.JSONDecodeError):
        return {}
    return fields if isinstance(fields, dict) else {}

"""Events as msgpack-friendly values, for the Dask backend's event topic.

A Dask worker's `log_event` only carries what msgpack can encode: dicts,
lists, strings, numbers and bytes. An epoch event holds numpy arrays (the
decision-boundary grid) and numpy scalars, so the worker encodes it with
`to_wire` and the client decodes it with `from_wire`, getting arrays back.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

ARRAY_KEY = "__ndarray__"
"""The key of a dict that stands for an array: `[dtype, shape, raw bytes]`."""


def to_wire(value: Any) -> Any:
    """Returns `value` with arrays and numpy scalars replaced by plain values.

    Args:
        value: An event (dicts, lists, tuples, numbers, strings, arrays).

    Returns:
        The same structure built only from dicts, lists, str, int, float,
        bool, None and bytes; an array becomes `{ARRAY_KEY: [dtype, shape, bytes]}`.
    """
    if isinstance(value, np.ndarray):
        array = np.ascontiguousarray(value)
        return {ARRAY_KEY: [array.dtype.str, list(array.shape), array.tobytes()]}
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, Mapping):
        return {str(key): to_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [to_wire(item) for item in value]
    return value


def from_wire(value: Any) -> Any:
    """Reverses `to_wire`: encoded arrays become numpy arrays again.

    Args:
        value: A value made by `to_wire` (after a msgpack round trip).

    Returns:
        The event with its arrays restored.
    """
    if isinstance(value, Mapping):
        if set(value) == {ARRAY_KEY}:
            dtype, shape, raw = value[ARRAY_KEY]
            return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape).copy()
        return {key: from_wire(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [from_wire(item) for item in value]
    return value

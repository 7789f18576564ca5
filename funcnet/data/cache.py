"""A least-recently-used cache bounded in bytes, not in entries.

Data sets differ in size by four orders of magnitude (150 iris rows, a
50,000-row upload), so a cache of "8 entries" is either useless or
unbounded in memory. This one keeps entries while their total size stays
under `max_bytes`, evicting the least recently used first; an entry larger
than the whole budget is returned but not kept. Thread-safe.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class ByteLRU(Generic[V]):
    """Caches values of `load(key)`, bounded by the sum of `size(value)`.

    Args:
        load: Computes the value of a key.
        size: Bytes a value holds.
        max_bytes: Budget of the whole cache.
    """

    def __init__(self, load: Callable[[Hashable], V], size: Callable[[V], int],
                 max_bytes: int) -> None:
        self._load = load
        self._size = size
        self.max_bytes = max_bytes
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0

    @property
    def bytes(self) -> int:
        """Bytes the kept entries hold."""
        with self._lock:
            return self._bytes

    def __len__(self) -> int:
        with self._lock:
            return len(self._entries)

    def get(self, key: Hashable) -> V:
        """Returns the value of `key`, loading it on a miss.

        Raises:
            Whatever `load` raises (nothing is kept then).
        """
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        value = self._load(key)  # outside the lock: loads may take seconds
        size = max(0, int(self._size(value)))
        with self._lock:
            if key not in self._entries and size <= self.max_bytes:
                self._entries[key] = (value, size)
                self._bytes += size
                while self._bytes > self.max_bytes:
                    _, (_, dropped) = self._entries.popitem(last=False)
                    self._bytes -= dropped
        return value

    def clear(self) -> None:
        """Forgets every entry."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0

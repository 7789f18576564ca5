"""Waiting in tests for something another thread or process does.

pytest's default import mode puts `tests/` on `sys.path` (it holds the
root `conftest.py`), so every test module imports this as `waiting`.
"""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], object], timeout: float, *, what: str = "",
               every: float = 0.05) -> None:
    """Polls `condition` until it returns a true value; fails the test after `timeout`.

    Args:
        condition: What to wait for; called once per poll.
        timeout: Seconds to wait at most.
        what: Words for the failure message (default: the condition's name).
        every: Seconds between polls.

    Raises:
        AssertionError: If `condition` is still false after `timeout` seconds.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() >= deadline:
            raise AssertionError(f"not reached within {timeout:g} s: "
                                 f"{what or getattr(condition, '__name__', 'the condition')}")
        time.sleep(every)

"""A training worker that dies at start while a counter file says so, then works normally.

The pool spawns it by name (`failing_worker.main`): pytest puts this folder on
`sys.path`, and a spawned child inherits the parent's path.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

COUNTER_ENV = "FUNCNET_TEST_FAILURES_FILE"
"""Environment variable naming the file that holds how many starts are left to fail."""


def main(*args: Any) -> None:
    """Exits with code 3 while the counter is above 0 (counting down), else runs the worker."""
    counter = Path(os.environ[COUNTER_ENV])
    left = int(counter.read_text() or "0")
    if left > 0:
        counter.write_text(str(left - 1))
        os._exit(3)
    from funcnet.engine import worker

    worker.main(*args)

"""Fixtures shared by the unit tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from funcnet.train.pool import WorkerPool

POOL_WARM_TIMEOUT = 180.0


@pytest.fixture(scope="module")
def pool() -> Iterator[WorkerPool]:
    """A warmed-up pool of two training workers, one per test module."""
    pool = WorkerPool(workers=2)
    assert pool.warm(timeout=POOL_WARM_TIMEOUT)
    yield pool
    pool.shutdown()

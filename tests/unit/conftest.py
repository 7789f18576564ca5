"""Fixtures shared by the unit tests.

One warmed-up `WorkerPool` serves the whole unit-test session (each start
imports Keras in two workers and warms them: seconds on this machine). Every
test that uses it leaves it as it found it: a test that kills or ends one of
its workers waits until the pool is whole again, and one that sets its time
share sets it back. Tests that need other settings start pools of their own.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from shared_pools import POOL_WARM_TIMEOUT, SESSION_JOBS

from funcnet.train.pool import WorkerPool


@pytest.fixture(scope="session")
def own_pool() -> Iterator[WorkerPool]:
    """A warmed-up pool of two training workers, one per test session."""
    pool = WorkerPool(workers=2, max_jobs_per_worker=SESSION_JOBS)
    assert pool.warm(timeout=POOL_WARM_TIMEOUT)
    yield pool
    pool.shutdown()


@pytest.fixture(scope="session")
def pool(own_pool: WorkerPool) -> WorkerPool:
    """The session's shared pool (`tests/unit/train` runs its tests on both backends)."""
    return own_pool

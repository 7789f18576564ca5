"""The pool contract tests run against both backends: our `WorkerPool` and the Dask one.

The Dask cluster is a `LocalCluster` of worker processes on 127.0.0.1 that
pytest starts (the server never starts one), once per test module, with the
scheduler settings the README asks a teacher for, except `allowed-failures`:
it keeps Dask's default (3), the case where the pool's own once-only guard
is what stops a killed worker's job from running again.

One pool per backend serves the whole test session (each start imports Keras
in two workers and warms them: seconds on this machine). The contract tests
leave it as they found it: a test that kills or ends a worker waits until the
pool is whole again, and every job a test starts has ended when it returns.
"""

from __future__ import annotations

from collections.abc import Iterator

import dask
import pytest
from shared_pools import POOL_WARM_TIMEOUT, SESSION_JOBS

from funcnet.train.dask_pool import DaskPool
from funcnet.train.pool import WorkerPool

CLUSTER_CONFIG = {
    "distributed.scheduler.worker-saturation": 1.0,
    "distributed.worker.profile.enabled": False,
}
LOST_WORKER_TIMEOUT = "600s"
"""How long a `LocalCluster` waits for a removed worker's name to rejoin before it
closes that worker's nanny for good (Dask's default: 15 s). A worker the pool ends
rejoins once its fresh process has started, which took longer than 15 s on a loaded
CI machine: the cluster then shrank to one worker for the rest of the session.
`dask worker --nanny`, as the README starts it, has no such timeout."""


def local_cluster(n_workers: int = 2, env: dict[str, str] | None = None):  # noqa: ANN201
    """Starts a loopback `LocalCluster` of worker processes (one thread each)."""
    from distributed import LocalCluster

    with dask.config.set(CLUSTER_CONFIG):
        return LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                            host="127.0.0.1", dashboard_address=None,
                            env=env or {})


@pytest.fixture(scope="session", autouse=True)
def clusters_wait_for_restarting_workers() -> Iterator[None]:
    """Applies `LOST_WORKER_TIMEOUT` for the session (the cluster reads it when a worker leaves)."""
    with dask.config.set({"distributed.deploy.lost-worker-timeout": LOST_WORKER_TIMEOUT}):
        yield


@pytest.fixture(scope="session")
def cluster_factory():  # noqa: ANN201
    """`local_cluster`, for test modules that need a cluster of their own."""
    return local_cluster


@pytest.fixture(scope="session")
def dask_cluster() -> Iterator[object]:
    """A two-worker loopback Dask cluster, one per test session."""
    cluster = local_cluster()
    yield cluster
    cluster.close()


@pytest.fixture(scope="session")
def dask_pool(dask_cluster: object) -> Iterator[DaskPool]:
    """A warmed-up Dask pool of two training workers, one per test session."""
    pool = DaskPool(dask_cluster.scheduler_address, max_jobs_per_worker=SESSION_JOBS)
    assert pool.warm(timeout=POOL_WARM_TIMEOUT)
    yield pool
    pool.shutdown()


@pytest.fixture(scope="session", params=["own", "dask"])
def pool(request: pytest.FixtureRequest) -> WorkerPool | DaskPool:
    """The session's shared pool of each backend (`own_pool`, `dask_pool`)."""
    return request.getfixturevalue(f"{request.param}_pool")

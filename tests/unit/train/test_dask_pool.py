"""What only the Dask backend does: remote uploads, recycling, a TF-free client, reconnecting.

The contract both backends share (events, Stop, a killed worker) is in
`test_pool.py`, run against each. Here one loopback cluster of a single
worker whose upload folder differs from this process's, started once.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from shared_pools import POOL_WARM_TIMEOUT
from waiting import wait_until

from funcnet.data import datasets
from funcnet.messages import InputError
from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.dask_pool import DaskPool
from funcnet.train.results import RunOptions

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 120.0


@pytest.fixture(scope="module")
def worker_uploads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("worker-uploads")


@pytest.fixture(scope="module")
def cluster(cluster_factory, worker_uploads: Path) -> Iterator[object]:  # noqa: ANN001
    """One worker process whose `FUNCNET_UPLOAD_DIR` is its own folder."""
    cluster = cluster_factory(n_workers=1, env={"FUNCNET_UPLOAD_DIR": str(worker_uploads)})
    yield cluster
    cluster.close()


def _job(epochs: int = 1) -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=epochs))


def test_an_uploaded_csv_trains_on_a_worker_with_another_upload_folder(
        cluster, worker_uploads: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path / "server-uploads"))
    content = ("a,b,y\n" + "".join(f"{i % 7},{(i * 3) % 5},{i % 2}\n" for i in range(80))).encode()
    info = datasets.store_upload(content, "mine.csv")
    assert not (worker_uploads / f"{info.sha256}.csv").exists()
    model = stack(("a", "b"), [HiddenLayer(4)], head("output", "input", "binary", target="y"))
    job = Job(model, DataSpec("csv", params={"sha256": info.sha256, "target": "y"}),
              TrainConfig(epochs=2))
    pool = DaskPool(cluster.scheduler_address)
    try:
        result = pool.submit(job, RunOptions(keep_model=False)).result(timeout=TIMEOUT)
        assert result.status == "completed", result.message
        assert result.epochs_run == 2 and set(result.heads) == {"output"}
        # The worker got the file by content, checked, under the same hash name.
        assert (worker_uploads / f"{info.sha256}.csv").read_bytes() == content
        # A file gone from the server fails with the data set's own message, before Dask.
        (tmp_path / "server-uploads" / f"{info.sha256}.csv").unlink()
        gone = pool.submit(job).result(timeout=TIMEOUT)
        assert gone.status == "failed" and gone.message_code == "csv.gone"
    finally:
        pool.shutdown()


def test_a_worker_stores_an_upload_only_if_its_content_matches_the_hash(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FUNCNET_UPLOAD_DIR", str(tmp_path))
    content = b"a,y\n1,0\n2,1\n"
    sha = hashlib.sha256(content).hexdigest()
    with pytest.raises(InputError) as error:
        datasets.ensure_upload(content + b"3,1\n", sha)
    assert error.value.code == "csv.hash_mismatch" and not list(tmp_path.iterdir())
    datasets.ensure_upload(content, sha)
    assert (tmp_path / f"{sha}.csv").read_bytes() == content


def test_recycling_restarts_a_worker_and_fails_no_job(cluster) -> None:
    pool = DaskPool(cluster.scheduler_address, max_jobs_per_worker=2)
    try:
        assert pool.warm(timeout=POOL_WARM_TIMEOUT)
        first_pid = pool.worker_pids()
        # Submitted together: the third waits while the only worker restarts.
        handles = [pool.submit(_job(), RunOptions(keep_model=False)) for _ in range(3)]
        results = [h.result(timeout=POOL_WARM_TIMEOUT) for h in handles]
        assert [r.status for r in results] == ["completed"] * 3, [r.message for r in results]
        pids = [h.worker_pid for h in handles]
        assert [pids[0]] == first_pid and pids[1] == pids[0] and pids[2] != pids[0]
        assert pool.warm(timeout=POOL_WARM_TIMEOUT) and pool.worker_pids() == [pids[2]]
    finally:
        pool.shutdown()


CLIENT_SCRIPT = textwrap.dedent("""
    # No `if __name__ == "__main__":` guard, like a page script under `streamlit run`.
    import json, sys
    from funcnet.train.dask_pool import DaskPool
    from funcnet.model.presets import HiddenLayer, head, stack
    from funcnet.train.results import RunOptions
    from funcnet.model.spec import DataSpec, Job, TrainConfig

    pool = DaskPool(sys.argv[1])
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    job = Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=2))
    handle = pool.submit(job, RunOptions(boundary_grid=4, keep_model=False))
    result = handle.result(120)
    pool.shutdown()
    print(json.dumps({"status": result.status, "epochs": result.epochs_run,
                      "tf": sorted(m for m in ("tensorflow", "keras") if m in sys.modules)}))
""")


def test_the_client_process_never_imports_tensorflow(cluster, tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(CLIENT_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script), cluster.scheduler_address],
                          capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"status": "completed", "epochs": 2, "tf": []}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_missing_scheduler_is_named_and_the_pool_connects_once_it_is_up() -> None:
    from distributed import LocalCluster

    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    pool = DaskPool(address)
    try:
        failed = pool.submit(_job()).result(timeout=TIMEOUT)
        assert failed.status == "failed" and failed.message_code == "jobs.cluster_unreachable"
        assert failed.message == (f"The training cluster at {address} cannot be reached; the job "
                                  "was not run. Check that its scheduler runs, then try again.")
        assert pool.notice() is not None and pool.notice().code == "jobs.cluster_unreachable"
        # A scheduler (no workers needed) comes up on that address: the pool finds it.
        scheduler = LocalCluster(n_workers=0, scheduler_port=port, host="127.0.0.1",
                                 dashboard_address=None)
        try:
            wait_until(pool.connected, 30.0)
            assert pool.notice() is None
        finally:
            scheduler.close()
        # ... and says so in the page when it goes away again.
        wait_until(lambda: pool.notice() is not None and pool.notice().code in (
            "jobs.cluster_lost", "jobs.cluster_unreachable"), 30.0)
        assert not pool.connected()
    finally:
        pool.shutdown()


def test_a_job_yields_only_while_every_slot_holds_a_claimed_job(monkeypatch) -> None:  # noqa: ANN001
    # Carl has run long and Bruno waits. A slot that is free (its job just ended,
    # the scheduler is still handing Bruno over on a loaded machine) or a worker
    # being replaced (ended after Stop, or lost) will take Bruno: Carl stays.
    from types import SimpleNamespace

    from funcnet.train import dask_pool

    pool = DaskPool(f"tcp://127.0.0.1:{_free_port()}")  # nothing listens: no client
    cancelled: list[str] = []
    monkeypatch.setattr(pool, "_cancel", lambda handle: cancelled.append(handle.owner))
    slots = [2]
    monkeypatch.setattr(pool, "_slots", lambda: slots[0])
    long_ago = time.time() - 60.0
    carl = SimpleNamespace(owner="carl", submitted=long_ago,
                           _training_seconds=lambda now: 30.0)
    bruno = SimpleNamespace(owner="bruno", submitted=long_ago)
    running = dask_pool._Attempt("a", carl, future=None, claimed=True,
                                 claimed_at=time.monotonic() - 30.0)
    waiting = dask_pool._Attempt("b", bruno, future=None)
    pool.yield_after = 3.0
    try:
        # Two slots, one job claimed: the other slot takes Bruno, however long it takes.
        pool._share_time([running, waiting])
        assert cancelled == []
        # The other worker is removed and its replacement has not rejoined: still nobody.
        slots[0] = 1
        pool._on_cluster_event((0.0, {"action": "remove-worker", "worker": "tcp://w:1"}))
        pool._share_time([running, waiting])
        assert cancelled == []
        pool._on_cluster_event((0.0, {"action": "add-worker", "worker": "tcp://w:2"}))
        slots[0] = 2
        pool._share_time([running, waiting])
        assert cancelled == []
        # Only when every slot holds a claimed job does Carl make way.
        slots[0] = 1
        pool._share_time([running, waiting])
        assert cancelled == ["carl"]
    finally:
        pool.yield_after = None
        pool.shutdown()


def test_shutdown_does_not_wait_for_a_connection_attempt_and_the_late_client_is_closed(
        monkeypatch) -> None:  # noqa: ANN001
    # A server stopped while its scheduler is unreachable stops at once; the client
    # that connects after all is closed by the pool's thread, never installed.
    import threading

    from funcnet.train import dask_pool

    connecting, release = threading.Event(), threading.Event()
    clients: list[object] = []

    class SlowClient:
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            clients.append(self)
            self.closed = False
            connecting.set()
            release.wait(60.0)

        def subscribe_topic(self, *args) -> None:  # noqa: ANN002
            pass

        def register_plugin(self, plugin) -> None:  # noqa: ANN001
            pass

        def close(self, timeout: float | None = None) -> None:
            self.closed = True

    monkeypatch.setattr(dask_pool, "Client", SlowClient)
    monkeypatch.setattr(dask_pool.DaskPool, "_check_versions", lambda self, client: None)
    pool = DaskPool(f"tcp://127.0.0.1:{_free_port()}")
    assert connecting.wait(30.0)
    ended = threading.Event()
    threading.Thread(target=lambda: (pool.shutdown(), ended.set()), daemon=True).start()
    try:
        # Without the fix, shutdown waits for the thread: 5 s, here until released.
        assert ended.wait(4.0), "shutdown waited for the connection attempt"
    finally:
        release.set()
    pool._thread.join(30.0)
    assert not pool._thread.is_alive()
    assert len(clients) == 1 and clients[0].closed
    assert not pool.connected() and pool._client is None

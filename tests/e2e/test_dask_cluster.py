"""A class on several machines, on one: the dashboard trains on a Dask cluster.

The test starts `dask scheduler` and one `dask worker` on 127.0.0.1 the way
the README tells a teacher to (scheduler settings included), then a
dashboard with `FUNCNET_SCHEDULER` pointing at it. The notebook's network
trains there and its results show; the server spawned no training worker.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from e2e_ui import open_notebook_network, train, unit_metric, wait_done

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK_DATA = "Random labels (the notebook's)"
SCHEDULER_SETTINGS = {
    "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0",
    "DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION": "1.0",
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture(scope="module")
def scheduler_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`dask scheduler` and one `dask worker --nthreads 1`, started from the checkout."""
    folder = tmp_path_factory.mktemp("cluster")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, **SCHEDULER_SETTINGS, "PYTHONPATH": str(ROOT)}
    dask = str(Path(sys.executable).with_name("dask"))
    processes = []
    with open(folder / "cluster.log", "ab") as log:
        processes.append(subprocess.Popen(
            [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
        processes.append(subprocess.Popen(
            [dask, "worker", address, "--nthreads", "1", "--nworkers", "1", "--host",
             "127.0.0.1", "--no-dashboard"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    try:
        yield address
    finally:
        for process in reversed(processes):
            _stop(process)
        tail = (folder / "cluster.log").read_text(errors="replace")[-3000:]
        print(f"\n[cluster log tail]\n{tail}")


def _jobs_run(address: str) -> dict[str, dict]:
    from distributed import Client

    from funcnet.engine.dask_worker import worker_status

    with Client(address, timeout=10, set_as_default=False) as client:
        return client.run(worker_status)


def test_the_dashboard_trains_on_the_cluster_and_spawns_no_worker(
        scheduler_address: str, start_server, page, tmp_path: Path) -> None:
    server = start_server({"FUNCNET_SCHEDULER": scheduler_address,
                           "FUNCNET_DB": str(tmp_path / "runs.sqlite3")})
    open_notebook_network(page, server.url)
    train(page)
    wait_done(page, 10, NOTEBOOK_DATA, timeout=240_000)
    unit_metric(page, "Accuracy")
    unit_metric(page, "AUC")
    # The job ran on the cluster's worker ...
    statuses = _jobs_run(scheduler_address)
    assert [s["jobs"] for s in statuses.values()] == [1], statuses
    # ... and the server started no training process of its own.
    children = psutil.Process(server.process.pid).children(recursive=True)
    spawned = [" ".join(c.cmdline()) for c in children]
    assert not any("multiprocessing" in line or "funcnet" in line for line in spawned), spawned

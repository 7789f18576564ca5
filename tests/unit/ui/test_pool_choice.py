"""The server's pool: our own worker processes by default, the Dask backend when asked."""

from __future__ import annotations

import socket

import pytest

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.dask_pool import DaskPool
from funcnet.ui import pool as ui_pool


def _closed_port_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"tcp://127.0.0.1:{sock.getsockname()[1]}"


def _job() -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    return Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=1))


def test_the_scheduler_address_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ui_pool.SCHEDULER_ENV, raising=False)
    assert ui_pool.configured_scheduler() is None
    monkeypatch.setenv(ui_pool.SCHEDULER_ENV, "   ")
    assert ui_pool.configured_scheduler() is None
    monkeypatch.setenv(ui_pool.SCHEDULER_ENV, " tcp://10.0.0.5:8786 ")
    assert ui_pool.configured_scheduler() == "tcp://10.0.0.5:8786"


def test_a_scheduler_address_selects_the_dask_backend_without_tensorflow(
        monkeypatch: pytest.MonkeyPatch):
    address = _closed_port_address()
    monkeypatch.setenv(ui_pool.SCHEDULER_ENV, address)
    ui_pool.get_pool.clear()
    try:
        pool = ui_pool.get_pool()
        assert isinstance(pool, DaskPool) and pool.address == address
        assert ui_pool.get_pool() is pool  # one per server
        # Nothing listens there: the first connection attempt fails, and the page is told.
        failed = pool.submit(_job()).result(timeout=60)
        assert failed.message_code == "jobs.cluster_unreachable"
        assert pool.notice().code == "jobs.cluster_unreachable"
        assert not pool.availability().ready
    finally:
        ui_pool.get_pool().shutdown()
        ui_pool.get_pool.clear()


@pytest.mark.parametrize(("setting", "seconds"), [("", 300.0), ("0.5", 30.0), ("soon", 300.0)])
def test_the_server_pool_shares_its_workers_by_the_configured_time(
        monkeypatch: pytest.MonkeyPatch, setting: str, seconds: float):
    # A bad setting keeps the default here; the page says what is wrong on every click.
    monkeypatch.setenv(ui_pool.SCHEDULER_ENV, _closed_port_address())
    monkeypatch.setenv("FUNCNET_YIELD_MINUTES", setting)
    ui_pool.get_pool.clear()
    try:
        assert ui_pool.get_pool().yield_after == seconds
    finally:
        ui_pool.get_pool().shutdown()
        ui_pool.get_pool.clear()

"""The worker pool: streaming, cancelling, surviving a dead worker, no TensorFlow in the UI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import numpy as np
import pytest
from waiting import wait_until

from funcnet.model.presets import HiddenLayer, head, stack
from funcnet.model.spec import DataSpec, Job, TrainConfig
from funcnet.train.job_handle import JobHandle
from funcnet.train.pool import CANCELLED_QUEUED, WorkerPool, default_pool, default_workers
from funcnet.train.results import RunOptions

ROOT = Path(__file__).resolve().parents[3]
MOONS = DataSpec("moons", params={"n_samples": 200})
LONG_MOONS = DataSpec("moons", params={"n_samples": 5000})
"""About 125 batches an epoch: 500 epochs hold a worker for a minute or more
even on a quiet machine, so a test's "long" job is still running when it looks."""
TIMEOUT = 120.0


def _job(epochs: int, seed: int = 42, data: DataSpec = MOONS) -> Job:
    model = stack(("x0", "x1"), [HiddenLayer(8)], head("output", "input", "binary"))
    return Job(model, data, TrainConfig(epochs=epochs, seed=seed))



def _wait_for_epoch(handle: JobHandle, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while handle.latest_epoch() is None:
        assert not handle.done(), handle.result().message
        assert time.monotonic() < deadline, "no epoch event in time"
        time.sleep(0.02)


def test_job_streams_one_event_per_epoch_then_done(pool: WorkerPool) -> None:
    handle = pool.submit(_job(epochs=3), RunOptions(boundary_grid=8, keep_model=False))
    result = handle.result(timeout=TIMEOUT)
    events = handle.events()
    assert [e["type"] for e in events] == ["started", "epoch", "epoch", "epoch", "done"]
    assert [e["epoch"] for e in events if e["type"] == "epoch"] == [1, 2, 3]
    assert events[1]["boundary"].shape == (8, 8)
    # Arrays arrive as numpy arrays whichever way events travel (a pipe, or Dask's msgpack).
    assert all(isinstance(events[1][key], np.ndarray) for key in ("boundary", "grid_x", "grid_y"))
    assert handle.status() == "completed" and handle.done()
    assert result.status == "completed" and result.epochs_run == 3
    assert handle.history() == result.history
    assert handle.latest_epoch() == events[3]
    assert handle.events(start=4) == [events[4]]


def test_a_kind_that_clashes_with_its_options_is_refused_before_queueing(
        pool: WorkerPool) -> None:
    queued = pool.queued()
    with pytest.raises(ValueError, match="field 'sweep' of a 'train' job must be empty"):
        pool.submit(_job(epochs=2), RunOptions(sweep=("relu",)))
    with pytest.raises(ValueError, match="field 'kind' must be one of"):
        pool.submit(_job(epochs=2), kind="fit")  # type: ignore[arg-type]
    assert pool.queued() == queued


def test_cancel_running_job_stops_quickly_and_keeps_history(pool: WorkerPool) -> None:
    handle = pool.submit(_job(epochs=500, data=LONG_MOONS), RunOptions(keep_model=False))
    _wait_for_epoch(handle)
    start = time.monotonic()
    handle.cancel()
    result = handle.result(timeout=TIMEOUT)
    latency = time.monotonic() - start
    assert latency <= 3.0
    assert result.status == "stopped" and handle.status() == "stopped"
    assert 1 <= result.epochs_run < 500
    assert result.message == f"Stopped at epoch {result.epochs_run} of 500."
    assert len(result.history["loss"]) == result.epochs_run
    assert sum(e["type"] == "epoch" for e in handle.events()) == result.epochs_run


def test_cancel_queued_job_never_starts(pool: WorkerPool) -> None:
    busy = [pool.submit(_job(epochs=500, data=LONG_MOONS), RunOptions(keep_model=False))
            for _ in range(2)]
    queued = pool.submit(_job(epochs=2))
    assert queued.status() == "queued"
    queued.cancel()
    result = queued.result(timeout=5)
    assert result.status == "stopped" and result.message == CANCELLED_QUEUED
    assert [e["type"] for e in queued.events()] == ["done"]
    for handle in busy:
        handle.cancel()
    assert all(h.result(timeout=TIMEOUT).status == "stopped" for h in busy)


def test_same_seed_gives_same_history_across_workers(pool: WorkerPool) -> None:
    # Submitted together, the two jobs run on different worker processes.
    handles = [pool.submit(_job(epochs=2, seed=11), RunOptions(keep_model=False))
               for _ in range(2)]
    first, second = (h.result(timeout=TIMEOUT) for h in handles)
    assert first.history == second.history
    assert first.history["loss"]


def test_killed_worker_fails_its_job_and_pool_recovers(pool: WorkerPool) -> None:
    handle = pool.submit(_job(epochs=500, data=LONG_MOONS), RunOptions(keep_model=False))
    _wait_for_epoch(handle)
    before = set(pool.worker_pids())
    running_pid = handle.worker_pid
    assert running_pid in before
    os.kill(running_pid, signal.SIGKILL)
    assert handle.wait(timeout=1.0), "the job of a killed worker must fail within 1 s"
    result = handle.result(timeout=0)
    assert result.status == "failed"
    assert result.message == (
        "The training worker stopped unexpectedly (exit code -9); the job was not finished. "
        "Try again." if isinstance(pool, WorkerPool) else
        "The training worker stopped unexpectedly; the job was not finished. Try again.")
    assert result.epochs_run >= 1  # the epochs streamed before the crash are kept
    assert handle.events()[-1]["status"] == "failed"
    assert handle.worker_pid == running_pid
    after = pool.submit(_job(epochs=1))
    assert after.result(timeout=TIMEOUT).status == "completed"
    assert after.worker_pid != running_pid
    # A replacement worker (ours, or the Dask nanny's) warms up and the pool is whole again.
    # The nanny registers its new worker in its own time; until then `warm` sees one ready.
    wait_until(lambda: pool.alive_workers() >= 2, TIMEOUT, what="a replacement worker")
    assert pool.warm(timeout=TIMEOUT)
    assert pool.alive_workers() == 2
    assert running_pid not in pool.worker_pids() and len(before & set(pool.worker_pids())) == 1


def test_pool_rejects_bad_sizes() -> None:
    with pytest.raises(ValueError, match="workers"):
        WorkerPool(workers=0)
    with pytest.raises(ValueError, match="max_jobs_per_worker"):
        WorkerPool(workers=1, max_jobs_per_worker=0)


def test_default_pool_is_shared_and_shutdown_ends_everything() -> None:
    first = default_pool()
    assert default_pool() is first and first.size == default_workers()
    processes = [w.process for w in first._workers]
    handle = first.submit(_job(epochs=2))
    first.shutdown()
    # Shut down before a worker warmed up: the job never ran.
    assert handle.done() and handle.result(timeout=0).status == "stopped"
    assert handle.events()[-1]["type"] == "done"
    assert not any(process.is_alive() for process in processes)
    assert first.alive_workers() == 0
    with pytest.raises(RuntimeError, match="shut down"):
        first.submit(_job(epochs=1))
    second = default_pool()
    assert second is not first
    second.shutdown()


UI_SCRIPT = textwrap.dedent("""
    # No `if __name__ == "__main__":` guard, like a page script under `streamlit run`:
    # a worker that re-ran this module would try to start a pool of its own.
    import json, sys
    from funcnet.train.pool import WorkerPool
    from funcnet.model.presets import HiddenLayer, head, stack
    from funcnet.train.results import RunOptions
    from funcnet.model.spec import DataSpec, Job, TrainConfig

    imported_tf = "tensorflow" in sys.modules or "keras" in sys.modules
    pool = WorkerPool(workers=1, max_jobs_per_worker=1)
    model = stack(("x0", "x1"), [HiddenLayer(4)], head("output", "input", "binary"))
    job = Job(model, DataSpec("moons", params={"n_samples": 100}), TrainConfig(epochs=1))
    statuses, pids = [], []
    for _ in range(2):
        handle = pool.submit(job, RunOptions(keep_model=False))
        statuses.append(handle.result(120).status)
        pids.append(handle.worker_pid)
    pool.shutdown()
    print(json.dumps({"imported_tf_early": imported_tf, "statuses": statuses, "pids": pids,
                      "tf_now": "tensorflow" in sys.modules or "keras" in sys.modules}))
""")


def test_ui_process_never_imports_tensorflow_and_workers_recycle(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    script.write_text(UI_SCRIPT, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          env=env, timeout=300, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["imported_tf_early"] is False and report["tf_now"] is False
    assert report["statuses"] == ["completed", "completed"]
    # max_jobs_per_worker=1: the second job ran in a fresh process.
    assert report["pids"][0] != report["pids"][1]


def test_a_stop_the_worker_cannot_honour_in_time_ends_it(pool: WorkerPool) -> None:
    # One batch of 4096 rows through 4.4M parameters is seconds of work inside one
    # call into the graph, where no flag is read: the pool ends that worker instead.
    features = tuple(f"x{i}" for i in range(200))
    model = stack(features, [HiddenLayer(1024) for _ in range(5)],
                  head("output", "input", "binary"))
    data = DataSpec("seed-random", {"n_samples": 12_000, "n_features": 200})
    handle = pool.submit(Job(model, data, TrainConfig(epochs=5, batch_size=4096)),
                         RunOptions(keep_model=False))
    deadline = time.monotonic() + TIMEOUT
    while not handle.typed_events():
        assert not handle.done() and time.monotonic() < deadline
        time.sleep(0.01)
    running_pid = handle.worker_pid
    handle.cancel()
    result = handle.result(timeout=TIMEOUT)
    assert result.status == "stopped" and result.message_code == "jobs.stopped_ended"
    assert result.message.startswith("Stopped during epoch 1 of 5, before any epoch finished.")
    assert handle.progress().status == "stopped"
    assert [e["type"] for e in handle.events()] == ["started", "done"]
    # Not a start failure: the pool replaces the worker and trains on.
    after = pool.submit(_job(epochs=1))
    assert after.result(timeout=TIMEOUT).status == "completed"
    assert running_pid not in pool.worker_pids()
    assert pool.availability().ready and pool.warm(timeout=TIMEOUT)


def test_a_long_job_makes_way_for_a_waiting_classmate(pool: WorkerPool) -> None:
    # Both workers hold a long job; with a 3-second time share, a classmate
    # who waits gets one of them, and the job that yields keeps its epochs.
    options = RunOptions(keep_model=False, diagnostics=False)
    pool.yield_after = 3.0
    handles: list[JobHandle] = []
    try:
        anna = pool.submit(_job(epochs=500, data=LONG_MOONS), options, owner="anna")
        carl = pool.submit(_job(epochs=500, data=LONG_MOONS), options, owner="carl")
        handles += [anna, carl]
        _wait_for_epoch(anna)
        _wait_for_epoch(carl)
        # Anna's own second job waits too, but she is not kept waiting: nobody yields.
        anna_again = pool.submit(_job(epochs=500, data=LONG_MOONS), options, owner="anna")
        handles.append(anna_again)
        time.sleep(5.0)
        assert not anna.done() and not carl.done(), (anna.result().message, carl.result().message)
        anna_again.cancel()
        bruno = pool.submit(_job(epochs=2), options, owner="bruno")
        handles.append(bruno)
        assert bruno.result(timeout=TIMEOUT).status == "completed"
        yielded = [h for h in (anna, carl) if h.done()]
        assert len(yielded) == 1, [h.status() for h in (anna, carl)]
        result = yielded[0].result()
        assert result.status == "stopped" and result.message_code == "jobs.yielded"
        assert 1 <= result.epochs_run < 500 and len(result.history["loss"]) == result.epochs_run
        assert result.ok  # its model was tested, as after a Stop
        assert result.message.startswith(f"Stopped at epoch {result.epochs_run} of 500.")
        assert "over 0.05 minutes while a classmate waited" in result.message
        assert "FUNCNET_YIELD_MINUTES" in result.message
        assert yielded[0].progress().status == "stopped"
        assert [e for e in yielded[0].events() if e["type"] == "done"][-1]["message"] \
            == result.message
    finally:
        pool.yield_after = None
        for handle in handles:
            handle.cancel()
        for handle in handles:
            handle.wait(TIMEOUT)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="process priorities are POSIX-only")
@pytest.mark.parametrize("pool", ["own"], indirect=True)
def test_workers_train_at_a_lower_priority_than_the_server(pool: WorkerPool) -> None:
    from funcnet.engine.worker import NICENESS

    expected = min(19, os.getpriority(os.PRIO_PROCESS, 0) + NICENESS)
    for pid in pool.worker_pids():
        threads = os.listdir(f"/proc/{pid}/task")
        assert len(threads) > 1  # TensorFlow's threads too, not only the main one
        assert {os.getpriority(os.PRIO_PROCESS, int(tid)) for tid in threads} == {expected}

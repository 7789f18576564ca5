"""funcnet against plain Keras, side by side in one run: `python -m benchmarks.run`.

Every figure is measured in this run on this machine and printed next to its
baseline with the ratio and the target (see the README's "Performance").
Nothing here is a test: noisy machines make timings vary, so the script
reports medians of repeats and leaves judgement to the reader.

Sections (choose with `--only large,click,...`):

- large: steady training samples/s at 100,000 rows, batch 32, 3 epochs.
- click: the notebook's workload from submit to result, and first epoch shown.
- sweep: six activations compared, against six notebook-style trainings.
- cold: seconds until the home page renders in headless Chromium, against a
  one-line Streamlit page that imports TensorFlow.
- memory: resident memory of the server-side process and workers over 100
  trainings.
- concurrency: four jobs at once against one alone.
- stop: `cancel()` to the run shown as stopped, short and long runs, a large
  network and one whose single batch is seconds of work (`benchmarks.stop`;
  the Chromium click-to-text figure is `python -m benchmarks.stop_browser`;
  what one run of the live view costs, against another git ref, is
  `python -m benchmarks.live_tick`).
- recycle: submit to first epoch of the job after a worker's last one (its
  successor warmed up meanwhile), against the same on a worker that stays.
- replay: Build & Train's options with epoch replay against the same without
  it, 10 and 200 epochs on two moons, submit to result.

`--backend dask` also runs the click and concurrency sections on the Dask
backend (a loopback cluster this script starts, with the scheduler settings
of the README: worker saturation 1.0, profiler off) and prints each Dask
figure beside our own pool's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks import notebook  # noqa: E402
from funcnet.model.presets import PRESETS, HiddenLayer, head, stack  # noqa: E402
from funcnet.model.spec import DataSpec, Job, TrainConfig  # noqa: E402
from funcnet.train.job_handle import JobHandle  # noqa: E402
from funcnet.train.pool import WorkerPool  # noqa: E402
from funcnet.train.results import RunOptions  # noqa: E402
from funcnet.train.sweeps import SweepHandle, submit_sweep  # noqa: E402

RECYCLE_PREVIOUS_EPOCHS = (10, 300)
"""Epochs of the job before: shorter than a worker's start-up, and longer."""
SWEEP_ACTIVATIONS = ("relu", "tanh", "elu", "leaky_relu", "sigmoid", "gelu")
SECTIONS = ("large", "click", "sweep", "cold", "memory", "concurrency", "stop", "replay",
            "recycle")
DASK_SECTIONS = ("click", "concurrency")
"""The sections `--backend dask` repeats on the Dask backend."""


@dataclass
class Row:
    """One line of the report: a funcnet figure beside its baseline."""

    section: str
    measure: str
    funcnet: float
    baseline: float | None
    unit: str
    target: str
    met: bool | None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        """funcnet divided by the baseline (None without a baseline)."""
        return None if not self.baseline else self.funcnet / self.baseline


def notebook_job(rows_train: int = 1000, epochs: int = 10, seed: int = 0) -> Job:
    """The notebook's workload as a funcnet job: seed network, random labels, no validation."""
    preset = PRESETS["seed"].job
    data = DataSpec("seed-random", {"n_samples": rows_train * 6 // 5}, test_fraction=1 / 6,
                    seed=seed)
    train = TrainConfig(epochs=epochs, batch_size=32, validation_split=0.0, seed=seed)
    return Job(preset.model, data, train)


def _wait(handle: JobHandle | SweepHandle, timeout: float = 600) -> None:
    result = handle.result(timeout=timeout)
    if result.status != "completed":
        raise RuntimeError(f"benchmark job ended {result.status}: {result.message}")


def _epoch_elapsed(handle: JobHandle) -> list[float]:
    return [e["elapsed"] for e in handle.events() if e.get("type") == "epoch"]


def bench_large(pool: WorkerPool, repeats: int) -> list[Row]:
    """Steady samples/s of a funcnet job against the notebook's fit, 100k rows."""
    rows = 100_000
    base = statistics.median(notebook.steady_samples_per_second(rows, seed=i)
                             for i in range(repeats))
    speeds = []
    for i in range(repeats):
        handle = pool.submit(notebook_job(rows, epochs=3, seed=i))
        _wait(handle)
        ends = _epoch_elapsed(handle)
        speeds.append(rows * 2 / (ends[2] - ends[0]))
    ours = statistics.median(speeds)
    return [Row("large", "steady training", ours, base, "samples/s", ">= 3.0x",
                ours / base >= 3.0)]


def _first_epoch_latency(handle: JobHandle, submitted: float) -> float:
    while not handle.done():
        if any(e.get("type") == "epoch" for e in handle.events()):
            return time.perf_counter() - submitted
        time.sleep(0.002)
    return time.perf_counter() - submitted


def bench_click(pool: WorkerPool, repeats: int) -> list[Row]:
    """The notebook's cells against one funcnet job, submit to result."""
    base = statistics.median(notebook.click_seconds(seed=i) for i in range(repeats))
    totals, firsts = [], []
    for i in range(repeats):
        start = time.perf_counter()
        handle = pool.submit(notebook_job(seed=100 + i))
        firsts.append(_first_epoch_latency(handle, start))
        _wait(handle)
        totals.append(time.perf_counter() - start)
    untraced = []
    for i in range(repeats):  # a network no worker has traced: one unit more each time
        job = notebook_job(seed=200 + i)
        model = stack(job.model.inputs[0].columns, [HiddenLayer(64), HiddenLayer(65 + i)],
                      head("output", "dense_2", "binary", job.model.outputs[0].target))
        start = time.perf_counter()
        handle = pool.submit(replace(job, model=model))
        untraced.append(_first_epoch_latency(handle, start))
        _wait(handle)
    ours, first = statistics.median(totals), statistics.median(firsts)
    fresh = statistics.median(untraced)
    return [
        Row("click", "submit to result", ours, base, "s", "<= 0.75x", ours / base <= 0.75),
        Row("click", "submit to first epoch (kept traced)", first, fresh, "s", "<= 0.3 s",
            first <= 0.3),
    ]


def bench_sweep(pool: WorkerPool, repeats: int) -> list[Row]:
    """Six activations in one funcnet sweep against six notebook trainings."""
    base = statistics.median(
        sum(notebook.click_seconds(seed=i, activation=a) for a in SWEEP_ACTIVATIONS)
        for i in range(repeats))
    totals = []
    for i in range(repeats):
        start = time.perf_counter()
        handle = submit_sweep(pool, notebook_job(seed=200 + i), SWEEP_ACTIVATIONS)
        _wait(handle)
        totals.append(time.perf_counter() - start)
    ours = statistics.median(totals)
    return [Row("sweep", "6 activations", ours, base, "s", "<= 0.35x", ours / base <= 0.35)]


def bench_concurrency(pool: WorkerPool, repeats: int) -> list[Row]:
    """Four jobs submitted together against one alone (wall time)."""
    def run(count: int, seed: int) -> float:
        start = time.perf_counter()
        handles = [pool.submit(notebook_job(epochs=20, seed=seed + k)) for k in range(count)]
        for handle in handles:
            _wait(handle)
        return time.perf_counter() - start

    one = statistics.median(run(1, 300 + 10 * i) for i in range(repeats))
    four = statistics.median(run(4, 400 + 10 * i) for i in range(repeats))
    return [Row("concurrency", "4 jobs at once", four, one, "s", "<= 2.3x", four / one <= 2.3,
                {"workers": pool.size})]


def bench_recycle(_pool: WorkerPool, repeats: int) -> list[Row]:
    """The job after a worker's last job against the job after any other, on one worker.

    Two one-worker pools, one after the other: in one every job is its worker's
    last (`max_jobs_per_worker=1`), so each next job runs on the successor that
    started with the job before; the other keeps its worker. Each figure is
    submit to first epoch of a notebook job submitted as the previous one ends,
    after a short and after a long previous job (the successor warms up while it
    runs, slowed by sharing the cores with it).
    """
    def next_job_latency(max_jobs: int, epochs_before: int) -> tuple[float, float]:
        single = WorkerPool(workers=1, max_jobs_per_worker=max_jobs)
        try:
            latencies, previous = [], []
            for i in range(repeats):
                single.warm(timeout=300)  # the previous job starts at once, on a warm worker
                start = time.perf_counter()
                _wait(single.submit(notebook_job(epochs=epochs_before, seed=600 + i)))
                previous.append(time.perf_counter() - start)
                start = time.perf_counter()
                handle = single.submit(notebook_job(seed=700 + i))
                latencies.append(_first_epoch_latency(handle, start))
                _wait(handle)
            return statistics.median(latencies), statistics.median(previous)
        finally:
            single.shutdown()

    rows = []
    for epochs_before in RECYCLE_PREVIOUS_EPOCHS:
        stays, _ = next_job_latency(1000, epochs_before)
        recycled, previous = next_job_latency(1, epochs_before)
        rows.append(Row("recycle", f"first epoch after a {epochs_before}-epoch last job",
                        recycled, stays, "s", "—", None,
                        {"previous_job_s": round(previous, 2)}))
    return rows


def bench_replay(pool: WorkerPool, repeats: int) -> list[Row]:
    """Build & Train's run options with epoch replay against the same without it.

    Two moons (1,000 rows, 2-D: boundary and unit planes are replayed too)
    through Dense(64) -> Dense(64); short (10 epochs) and long (200 epochs)
    runs, replay on and off alternating, submit to result.
    """
    model = stack(("x0", "x1"), [HiddenLayer(64), HiddenLayer(64)],
                  head("output", "input", "binary"))
    off = RunOptions(boundary_grid=40, inside=True, keep_model=False)
    on = replace(off, replay=True)
    rows = []
    for epochs in (10, 200):
        seconds: dict[bool, list[float]] = {False: [], True: []}
        frames = 0
        for i in range(repeats):
            for replayed, options in ((False, off), (True, on)):
                job = Job(model, DataSpec("moons", {"n_samples": 1000}),
                          TrainConfig(epochs=epochs, seed=500 + i))
                start = time.perf_counter()
                handle = pool.submit(job, options)
                _wait(handle)
                seconds[replayed].append(time.perf_counter() - start)
                if replayed:
                    frames = len(handle.result().replay.frames)
        with_replay, without = (statistics.median(seconds[k]) for k in (True, False))
        rows.append(Row("replay", f"{epochs} epochs, submit to result ({frames} frames)",
                        with_replay, without, "s", "<= 1.15x", with_replay / without <= 1.15))
    return rows


def bench_memory(_pool: WorkerPool, _repeats: int) -> list[Row]:
    """Runs `benchmarks.memory` in a fresh process (no Keras there) and reads its JSON."""
    process = subprocess.run([sys.executable, "-m", "benchmarks.memory"], cwd=ROOT,
                             capture_output=True, text=True, timeout=1800, check=True)
    figures = json.loads(process.stdout.strip().splitlines()[-1])
    growth = figures["server_mb"]["100"] - figures["server_mb"]["1"]
    worst_worker = max(max(v) for v in figures["workers_mb"].values())
    return [
        Row("memory", "server growth, 1 -> 100 trainings", growth, None, "MB", "<= 50 MB",
            growth <= 50, figures),
        Row("memory", "largest worker after 100 trainings", worst_worker, None, "MB",
            "bounded (recycled)", None),
    ]


def bench_cold(_pool: WorkerPool, repeats: int) -> list[Row]:
    """Home page render time against a page that only imports TensorFlow."""
    from benchmarks.coldstart import cold_start_seconds

    ours = statistics.median(cold_start_seconds("app.py", "funcnet") for _ in range(repeats))
    base = statistics.median(cold_start_seconds(None, "ready") for _ in range(repeats))
    return [Row("cold", "home page rendered", ours, base, "s", "<= 0.5x", ours / base <= 0.5)]


def bench_stop(pool: WorkerPool, repeats: int) -> list[Row]:
    """Cancel to "stopped" shown, per case of `benchmarks.stop` (medians of >= 5)."""
    from benchmarks import stop

    rows = []
    for name, median, _ in stop.run(pool, list(stop.cases()), max(5, repeats)):
        rows.append(Row("stop", f"{name}: cancel to stopped shown", median.shown, None, "s",
                        "<= 1 s", median.shown <= 1.0,
                        {"result_s": median.result, "late_epochs": median.late_epochs}))
    return rows


BENCHES: dict[str, Callable[[WorkerPool, int], list[Row]]] = {
    "large": bench_large,
    "click": bench_click,
    "sweep": bench_sweep,
    "cold": bench_cold,
    "memory": bench_memory,
    "concurrency": bench_concurrency,
    "stop": bench_stop,
    "replay": bench_replay,
    "recycle": bench_recycle,
}


def bench_dask(chosen: list[str], own_rows: list[Row], workers: int, repeats: int) -> list[Row]:
    """Runs `DASK_SECTIONS` on a loopback Dask cluster; returns its rows and the comparisons.

    Args:
        chosen: The sections asked for.
        own_rows: Our own pool's rows of the same run.
        workers: Dask worker processes (one thread each), as many as our pool's.
        repeats: Repeats per figure (median).

    Returns:
        The Dask rows (section `"<name> · dask"`), then one row per figure
        with the Dask value against our pool's (`baseline`) and their ratio.
    """
    import dask
    from distributed import LocalCluster

    from funcnet.train.dask_pool import DaskPool

    settings = {"distributed.scheduler.worker-saturation": 1.0,
                "distributed.worker.profile.enabled": False}
    with dask.config.set(settings):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None)
    pool = DaskPool(cluster.scheduler_address)
    rows: list[Row] = []
    # A worker the pool ends must rejoin: Dask's 15 s default closes its nanny for
    # good when the fresh process starts slower than that (read when it leaves).
    with dask.config.set({"distributed.deploy.lost-worker-timeout": "600s"}):
        try:
            pool.warm(timeout=300)
            for section in (s for s in chosen if s in DASK_SECTIONS):
                started = time.perf_counter()
                rows += [Row(f"{r.section} · dask", r.measure, r.funcnet, r.baseline, r.unit,
                             r.target, r.met, r.extra) for r in BENCHES[section](pool, repeats)]
                seconds = time.perf_counter() - started
                print(f"[{section} · dask] done in {seconds:.0f} s", flush=True)
        finally:
            pool.shutdown()
            cluster.close()
    own = {(r.section, r.measure): r for r in own_rows}
    compared = [Row(r.section, f"{r.measure}: dask vs own pool", r.funcnet,
                    own[(r.section.removesuffix(" · dask"), r.measure)].funcnet, r.unit,
                    "side by side", None)
                for r in rows if (r.section.removesuffix(" · dask"), r.measure) in own]
    return rows + compared


def _fmt(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.3g}"


def print_table(rows: list[Row]) -> None:
    """Prints the rows as an aligned table."""
    header = ("section", "measure", "funcnet", "baseline", "unit", "ratio", "target", "met")
    lines = [header] + [
        (r.section, r.measure, _fmt(r.funcnet), _fmt(r.baseline), r.unit,
         "-" if r.ratio is None else f"{r.ratio:.2f}x", r.target,
         {True: "yes", False: "NO", None: "-"}[r.met])
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for line in lines:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(line, widths, strict=True)))


def main(argv: list[str] | None = None) -> int:
    """Runs the chosen sections and prints (and optionally writes) the figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections ({', '.join(SECTIONS)})")
    parser.add_argument("--repeats", type=int, default=3, help="repeats per figure (median)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--backend", choices=("own", "dask"), default="own",
                        help="dask: also run click and concurrency on a loopback Dask cluster")
    args = parser.parse_args(argv)
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(chosen) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}")
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}", flush=True)
    notebook.warm_up()
    workers = int(os.environ.get("FUNCNET_WORKERS", "2"))
    pool = WorkerPool(workers=workers)
    pool.warm(timeout=180)
    rows: list[Row] = []
    try:
        for section in chosen:
            started = time.perf_counter()
            rows += BENCHES[section](pool, args.repeats)
            print(f"[{section}] done in {time.perf_counter() - started:.0f} s", flush=True)
    finally:
        pool.shutdown()
    if args.backend == "dask":
        rows += bench_dask(chosen, rows, workers, args.repeats)
    print()
    print_table(rows)
    if args.json:
        args.json.write_text(json.dumps(
            [{**r.__dict__, "ratio": r.ratio} for r in rows], indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Stop latency at the pool level: `cancel()` to the run shown as stopped, and to its result.

`python -m benchmarks.run --only stop` runs it beside the other sections;
`python -m benchmarks.stop [--repeats N] [--cases short,loop,big]` alone.

Cases (every one within the default work caps: at most 5M parameters):

- short: the Build & Train default (moons, a small net, 300 epochs), Stop after
  a few epochs, as a user in Chromium did.
- loop: random labels, 20k rows, small net: steps-per-execution loops (many
  batches per call into the graph), Stop in the middle of an epoch.
- big: Dense(1024) x 4 (3.4M parameters) on 200k x 200 random rows with a
  validation split, Stop in the middle of the first epoch.
- wide-batch: the same network with batch 4096, where one batch alone is
  several seconds of work that no flag inside the graph can cut short.

Figures per case (medians): seconds from `cancel()` to the `Done` event (what
the page shows as "Stopped at epoch k"), seconds to the full result (test
predictions, diagnostics, model file), and epochs that arrived after the
cancel.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from funcnet.model.presets import HiddenLayer, head, stack  # noqa: E402
from funcnet.model.spec import DataSpec, Job, TrainConfig  # noqa: E402
from funcnet.train.job_handle import JobHandle  # noqa: E402
from funcnet.train.pool import WorkerPool  # noqa: E402
from funcnet.train.results import RunOptions  # noqa: E402

POLL = 0.002


@dataclass(frozen=True)
class Case:
    """One way of stopping a run.

    Args:
        name: Case name.
        job: What trains.
        options: Run options (Build & Train sends a boundary grid on 2-D data).
        after_epochs: Cancel once this many epochs have arrived ...
        after_seconds: ... plus this many seconds (or, with `after_epochs=0`,
            this long after the `Started` event).
    """

    name: str
    job: Job
    options: RunOptions
    after_epochs: int
    after_seconds: float


def _features(n: int) -> tuple[str, ...]:
    return tuple(f"x{i}" for i in range(n))


def cases() -> dict[str, Case]:
    """Returns the benchmark's cases by name."""
    moons = stack(("x0", "x1"), [HiddenLayer(16), HiddenLayer(16)],
                  head("output", "input", "binary"))
    small = stack(_features(20), [HiddenLayer(64), HiddenLayer(64)],
                  head("output", "input", "binary"))
    big = stack(_features(200), [HiddenLayer(1024) for _ in range(4)],
                head("output", "input", "binary"))
    wide = DataSpec("seed-random", {"n_samples": 200_000, "n_features": 200})
    return {
        "short": Case("short", Job(moons, DataSpec("moons"), TrainConfig(epochs=300)),
                      RunOptions(boundary_grid=40), 5, 0.0),
        "loop": Case("loop", Job(small, DataSpec("seed-random", {"n_samples": 20_000}),
                                 TrainConfig(epochs=300, validation_split=0.2)),
                     RunOptions(), 1, 0.05),
        "big": Case("big", Job(big, wide, TrainConfig(epochs=20, validation_split=0.2)),
                    RunOptions(), 0, 2.0),
        "wide-batch": Case("wide-batch", Job(big, wide, TrainConfig(
            epochs=20, batch_size=4096, validation_split=0.2)), RunOptions(), 0, 2.0),
    }


@dataclass(frozen=True)
class Stop:
    """What one stop measured."""

    shown: float
    result: float
    late_epochs: int
    status: str
    epochs: int


def _epochs(handle: JobHandle) -> int:
    return handle.progress().epoch


def stop_once(pool: WorkerPool, case: Case, timeout: float = 900.0) -> Stop:
    """Submits the case, cancels it as the case says, and times the stop."""
    handle = pool.submit(case.job, case.options)
    deadline = time.monotonic() + timeout
    while not handle.typed_events() or _epochs(handle) < case.after_epochs:
        if handle.done() or time.monotonic() > deadline:
            raise RuntimeError(f"{case.name}: ended before the stop: {handle.result().message}")
        time.sleep(POLL)
    time.sleep(case.after_seconds)
    at_cancel = _epochs(handle)
    start = time.perf_counter()
    handle.cancel()
    shown = None
    while not handle.done():
        if shown is None and handle.progress().finished:
            shown = time.perf_counter() - start
        time.sleep(POLL)
    total = time.perf_counter() - start
    result = handle.result()
    return Stop(total if shown is None else shown, total, result.epochs_run - at_cancel,
                result.status, result.epochs_run)


def run(pool: WorkerPool, names: list[str], repeats: int) -> list[tuple[str, Stop, list[Stop]]]:
    """Runs every named case `repeats` times; returns (name, median figures, every stop)."""
    table = cases()
    out = []
    for name in names:
        stops = [stop_once(pool, table[name]) for _ in range(repeats)]
        median = Stop(statistics.median(s.shown for s in stops),
                      statistics.median(s.result for s in stops),
                      max(s.late_epochs for s in stops),
                      "/".join(sorted({s.status for s in stops})),
                      int(statistics.median(s.epochs for s in stops)))
        out.append((name, median, stops))
        print(f"[stop] {name}: shown {median.shown:.3f} s, result {median.result:.3f} s, "
              f"late epochs <= {median.late_epochs}, {median.status}; every shown: "
              f"{[round(s.shown, 3) for s in stops]}", flush=True)
    return out


def main(argv: list[str] | None = None) -> int:
    """Runs the stop cases alone and prints their figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stop", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--cases", default="short,loop,big,wide-batch")
    args = parser.parse_args(argv)
    pool = WorkerPool(workers=1)
    pool.warm(timeout=300)
    try:
        run(pool, [c.strip() for c in args.cases.split(",") if c.strip()], args.repeats)
    finally:
        pool.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

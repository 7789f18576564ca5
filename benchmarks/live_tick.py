"""The live view's cost per run: milliseconds of one Build & Train live-fragment tick.

`python -m benchmarks.live_tick [--ticks 40] [--baseline-ref main]` runs the live
fragment (`funcnet.ui.live`) in Streamlit's `AppTest` against a stand-in job
whose progress grows by one epoch per tick (as a short-epoch 300-epoch run does
between two ticks), and times each tick inside the script. It does so for this
checkout and for `--baseline-ref` (a `git archive` of that ref, run the same
way in its own process), alternating, and prints the medians and their ratio.

Why it matters: a Stop click reruns the fragment, and Streamlit lets a fragment
run in progress finish first, so the tick's cost is added to what the click
waits (`benchmarks.stop_browser` measures the click itself, in Chromium).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ("moons", "seed-random")
"""Moons: decision boundary and two curves; seed-random: a table and two curves."""


def _tick_script() -> None:  # runs inside AppTest: imports from the checkout on sys.path
    import time

    import numpy as np
    import streamlit as st

    from funcnet.data.datasets import load_dataset
    from funcnet.model.editing import fit_to_dataset
    from funcnet.model.presets import PRESETS
    from funcnet.model.spec import DataSpec, Job
    from funcnet.train.progress import Progress
    from funcnet.ui import live, setup, state

    class StandIn:
        """A running job's handle whose progress grows one epoch per tick."""

        id = "bench"

        def __init__(self, job: Job, grid: int) -> None:
            self.job, self.epoch, self.grid = job, 0, grid
            self.rng = np.random.default_rng(0)
            self.history: dict[str, list[float]] = {"loss": [], "accuracy": []}

        def done(self) -> bool:
            return False

        def cancel(self) -> None:
            pass

        def progress(self) -> Progress:
            boundary = grid_x = grid_y = None
            if self.grid:
                grid_x = grid_y = np.linspace(-2, 2, self.grid)
                boundary = self.rng.random((self.grid, self.grid))
            return Progress("running", self.epoch, 300, 0.05 * self.epoch,
                            {k: list(v) for k, v in self.history.items()},
                            boundary, grid_x, grid_y, first_elapsed=0.3)

        def advance(self) -> None:
            self.epoch += 1
            for values in self.history.values():
                values.append(float(self.rng.random()))

    scenario = st.session_state.get("bench.scenario")
    if "bench.handle" not in st.session_state:
        seed = PRESETS["seed"].job
        data = DataSpec(scenario) if scenario != "seed-random" else seed.data
        model = fit_to_dataset(seed.model, load_dataset(data))
        job = Job(model, data, seed.train)
        setup.replace_setup(job)
        handle = StandIn(job, 40 if scenario == "moons" else 0)
        for _ in range(150):  # half-way through the run, as when Stop is clicked
            handle.advance()
        st.session_state["bench.handle"] = handle
        st.session_state["bench.ms"] = []
        state.put(state.JOB, handle)
    handle = st.session_state["bench.handle"]
    handle.advance()
    start = time.perf_counter()
    if hasattr(live, "_live_fragment"):  # main before the view was split in two
        live._live_fragment()
    else:  # the status line and the charts: what a tick of each costs, together
        live._status_fragment()
        live._charts_fragment()
    st.session_state["bench.ms"].append((time.perf_counter() - start) * 1000)


def measure_here(scenario: str, ticks: int) -> list[float]:
    """Returns the milliseconds of `ticks` live-view runs in this process's checkout."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_tick_script, default_timeout=60)
    at.session_state["bench.scenario"] = scenario
    for _ in range(ticks + 1):
        at.run()
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    return at.session_state["bench.ms"][1:]  # the first also loads the data set


def _measure_in(root: Path, scenario: str, ticks: int) -> list[float]:
    # This file run by path: sys.path starts at benchmarks/, so `funcnet` comes from `root`.
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--measure", scenario,
         "--ticks", str(ticks)],
        cwd=root, env={**os.environ, "PYTHONPATH": str(root)}, capture_output=True,
        text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _checkout(ref: str, folder: Path) -> Path:
    archive = folder / "ref.tar"
    subprocess.run(["git", "archive", "-o", str(archive), ref], cwd=ROOT, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(folder / "tree", filter="data")
    return folder / "tree"


def main(argv: list[str] | None = None) -> int:
    """Measures both checkouts, alternating, and prints medians and ratios."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.live_tick")
    parser.add_argument("--ticks", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline-ref", default="main")
    parser.add_argument("--measure", choices=SCENARIOS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:  # one checkout's figures, for the parent process
        print(json.dumps(measure_here(args.measure, args.ticks)))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        base = _checkout(args.baseline_ref, Path(folder))
        for scenario in SCENARIOS:
            ours: list[float] = []
            theirs: list[float] = []
            for _ in range(args.rounds):  # alternating: both see the same machine load
                theirs += _measure_in(base, scenario, args.ticks)
                ours += _measure_in(ROOT, scenario, args.ticks)
            a, b = statistics.median(ours), statistics.median(theirs)
            print(f"[live_tick] {scenario}: {a:.1f} ms per tick here, {b:.1f} ms on "
                  f"{args.baseline_ref} ({a / b:.2f}×), medians of {len(ours)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Resident memory over 100 sequential trainings: `python -m benchmarks.memory`.

Runs in a process of its own that, like the dashboard server, never imports
TensorFlow. Prints one JSON line: the process's resident memory (MB) and each
worker's after 1, 25 and 100 trainings.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from funcnet.model.presets import PRESETS  # noqa: E402
from funcnet.train.pool import WorkerPool  # noqa: E402

CHECKPOINTS = (1, 25, 100)


def resident_mb(pid: int | str = "self") -> float:
    """Returns the resident set size of process `pid` in MB (0 if it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    """Trains the seed preset 100 times, one after another, keeping each result."""
    assert "tensorflow" not in sys.modules
    pool = WorkerPool(workers=2)
    pool.warm(timeout=180)
    job = PRESETS["seed"].job
    server: dict[str, float] = {}
    workers: dict[str, list[float]] = {}
    last = None
    for i in range(1, CHECKPOINTS[-1] + 1):
        handle = pool.submit(job)
        last = handle.result(timeout=600)  # a session keeps its latest result
        if last.status != "completed":
            raise RuntimeError(last.message)
        if i in CHECKPOINTS:
            server[str(i)] = round(resident_mb(), 1)
            workers[str(i)] = [round(resident_mb(pid), 1) for pid in pool.worker_pids()]
    pool.shutdown()
    assert "tensorflow" not in sys.modules
    print(json.dumps({"server_mb": server, "workers_mb": workers,
                      "max_jobs_per_worker": 20}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

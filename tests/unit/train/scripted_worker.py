"""A training worker without TensorFlow whose jobs end when the test says so.

It speaks the pool's pipe protocol (`funcnet.engine.worker.main`): says
`"ready"`, then runs up to `max_jobs` jobs. Each job finishes as completed once
the file named by `RELEASE_ENV` exists, so a test decides when a job ends and
can look at the pool while it runs; with `LINGER_ENV` set, it also decides when
a worker done with its jobs exits. The pool spawns it by name
(`scripted_worker.main`); pytest puts this folder on `sys.path`.
"""

from __future__ import annotations

import os
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

RELEASE_ENV = "FUNCNET_TEST_RELEASE_FILE"
"""Environment variable naming the file whose existence ends every running job."""
LINGER_ENV = "FUNCNET_TEST_LINGER_FILE"
"""Optional: a worker done with its jobs stays alive until this file exists (a slow exit)."""


def main(conn: Connection, cancel: Any, intra_op: int, inter_op: int, max_jobs: int) -> None:
    """Says ready, then finishes each job it receives once the release file exists."""
    from funcnet.train.results import JobResult

    release = Path(os.environ[RELEASE_ENV])
    conn.send(("ready", os.getpid(), 0.0))
    for _ in range(max_jobs):
        message = conn.recv()
        if message is None:
            return
        serial = message[1]
        while not release.exists():
            time.sleep(0.02)
        conn.send(("result", serial, JobResult(status="completed")))
    linger = os.environ.get(LINGER_ENV)
    while linger and not Path(linger).exists():
        time.sleep(0.02)

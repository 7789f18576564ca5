"""Session-wide settings for the whole suite (unit, `AppTest`, end-to-end).

Collecting the suite imports Keras and TensorFlow in pytest's own process
(the engine's unit tests use them in-process), which leaves about 540,000
long-lived objects in it. Python's full garbage collection walks them all,
and the `AppTest` sessions and Playwright clients that run in the same
process allocate enough to trigger it often: a bad-setup case of
`test_app_robustness.py` took 1.9–2.0 s with the rest of the suite collected
beside it against 0.5–0.6 s with these objects frozen (`gc.freeze`), the
same as when the module runs alone. Frozen objects are only skipped by the
cyclic collector; whatever the tests create is still collected.
"""

from __future__ import annotations

import gc

import pytest


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session: pytest.Session) -> None:
    """Freezes the objects that collection imported, once, before the first test."""
    gc.collect()
    gc.freeze()

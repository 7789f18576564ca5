"""Settings of the worker pools the unit tests share (`tests/unit/conftest.py`,
`tests/unit/train/conftest.py`); pytest puts `tests/` on `sys.path`."""

POOL_WARM_TIMEOUT = 180.0
"""Seconds a pool may take to start and warm its workers on a loaded machine."""
SESSION_JOBS = 500
"""Jobs a shared test worker runs before it is recycled: more than the session submits,
so no test sees a worker replaced that it did not end itself (recycling has its own tests)."""

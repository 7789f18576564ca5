"""The server's one worker pool, created once and warmed when the server starts."""

from __future__ import annotations

import os

import streamlit as st

from funcnet.train.pool import WorkerPool

WORKERS_ENV = "FUNCNET_WORKERS"
"""Environment variable: number of worker processes (default: the pool's own choice)."""


def configured_workers() -> int | None:
    """Reads the worker count from `FUNCNET_WORKERS`.

    Returns:
        The count, or `None` (let the pool decide) when unset or not a positive integer.
    """
    text = os.environ.get(WORKERS_ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


@st.cache_resource(show_spinner=False)
def get_pool() -> WorkerPool:
    """Returns the server-wide worker pool, creating and pre-warming it on first use.

    Shared by every session: it holds worker processes, never a user's model.

    Returns:
        The `funcnet.train.pool.WorkerPool`.
    """
    return WorkerPool(workers=configured_workers())

"""The server's one training pool, created once and warmed when the server starts.

The backend comes from the environment: with `FUNCNET_SCHEDULER` set to a
Dask scheduler's address (`tcp://host:8786`) jobs run on that cluster
(`funcnet.train.dask_pool.DaskPool`); otherwise on this machine's own worker
processes (`funcnet.train.pool.WorkerPool`). Pages only see the `Pool` and
`Handle` protocols (`funcnet.train.handles`).
"""

from __future__ import annotations

import os

import streamlit as st

from funcnet.messages import InputError
from funcnet.train import admission
from funcnet.train.handles import Pool
from funcnet.train.pool import WorkerPool
from funcnet.ui.texts import describe_error

WORKERS_ENV = "FUNCNET_WORKERS"
"""Environment variable: number of worker processes (default: the pool's own choice)."""
SCHEDULER_ENV = "FUNCNET_SCHEDULER"
"""Environment variable: a Dask scheduler's address; set, training runs on that cluster."""


def configured_workers() -> int | None:
    """Reads the worker count from `FUNCNET_WORKERS`.

    Returns:
        The count, or `None` (let the pool decide) when unset or not a positive integer.
    """
    text = os.environ.get(WORKERS_ENV, "").strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def configured_scheduler() -> str | None:
    """Reads the Dask scheduler's address from `FUNCNET_SCHEDULER`.

    Returns:
        The address, or `None` (train on this machine) when unset or blank.
    """
    return os.environ.get(SCHEDULER_ENV, "").strip() or None


@st.cache_resource(show_spinner=False)
def get_pool() -> Pool:
    """Returns the server-wide training pool, creating and pre-warming it on first use.

    Shared by every session: it holds workers (or a Dask client), never a user's model.
    The server never starts a Dask cluster itself: a `LocalCluster`'s spawned
    workers would re-run the page script.

    Returns:
        A `DaskPool` when `FUNCNET_SCHEDULER` is set, else a `WorkerPool`; either
        shares its workers by time (`FUNCNET_YIELD_MINUTES`,
        `funcnet.train.admission.yield_after_seconds`).

    A bad `FUNCNET_YIELD_MINUTES` falls back to the default here; every
    click on Train then says what is wrong with it (`funcnet.ui.gate`).
    """
    try:
        yield_after = admission.yield_after_seconds()
    except InputError:
        yield_after = admission.DEFAULT_YIELD_MINUTES * 60.0
    address = configured_scheduler()
    if address is not None:
        from funcnet.train.dask_pool import DaskPool  # imports distributed only when asked

        return DaskPool(address, yield_after=yield_after)
    return WorkerPool(workers=configured_workers(), yield_after=yield_after)


def show_cluster_notice() -> None:
    """Warns in the page when the training cluster is unreachable or runs other versions."""
    notice = getattr(get_pool(), "notice", None)
    message = notice() if callable(notice) else None
    if message is not None:
        from funcnet.ui.classroom import plain  # classroom imports this module

        text = describe_error(InputError(message.code, **message.fields))
        st.warning(plain(text), icon=":material/lan:")

"""Several users at once: four browser sessions train different networks together.

The server has two training workers, so the four jobs overlap and queue.
Each session must show its own result (its own data set and epoch count),
and two sessions with the same setup and seed must draw identical curves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from e2e_ui import (
    heading,
    load_preset,
    loss_curve,
    open_notebook_network,
    set_epochs,
    train,
    unit_metric,
    wait_done,
)
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


@dataclass
class Session:
    """One user: what they set up and what their page must end up showing."""

    name: str
    preset: str | None  # None: the notebook's network from Home
    epochs: int
    data_label: str
    page: Page | None = None


SESSIONS = (
    Session("notebook", None, 10, "Random labels (the notebook's)"),
    Session("residual", "Residual", 6, "Synthetic classification"),
    Session("spiral-a", "Deep MLP", 12, "Spiral"),
    Session("spiral-b", "Deep MLP", 12, "Spiral"),
)


def _prepare(session: Session, server_url: str) -> None:
    page = session.page
    if session.preset is None:
        open_notebook_network(page, server_url)
    else:
        page.goto(f"{server_url}/architecture")
        expect(heading(page, "Architecture")).to_be_visible(timeout=60_000)
        load_preset(page, session.preset)
        expect(page.get_by_text(re.compile(rf"^Data: {session.data_label} · "))).to_be_visible()
    set_epochs(page, session.epochs)


def test_four_sessions_train_at_once_and_each_sees_its_own_result(server_url, new_page):
    for session in SESSIONS:
        session.page = new_page()
        _prepare(session, server_url)
    # Press Train in all four sessions back to back: two jobs run, two queue.
    for session in SESSIONS:
        train(session.page)
    for session in SESSIONS:
        expect(session.page.get_by_text(re.compile(
            r"^(Waiting for a free training worker…|Starting: 0 of \d+ epochs|Epoch \d+ of \d+ "
            r"|All \d+ epochs done|Done: \d+ epochs)"))).to_be_visible(timeout=30_000)
    curves = {}
    for session in SESSIONS:
        page = session.page
        wait_done(page, session.epochs, session.data_label, timeout=180_000)
        curve = loss_curve(page)
        assert len(curve) == session.epochs, (session.name, curve)
        unit_metric(page, "Accuracy")
        unit_metric(page, "AUC")
        # Nobody else's run shows up in this session.
        for other in SESSIONS:
            if other.data_label != session.data_label:
                expect(page.get_by_text(f"Test results · {other.data_label}")).to_have_count(0)
        curves[session.name] = curve
    # Same setup, same seed, different sessions (and maybe different workers): same run.
    assert curves["spiral-a"] == curves["spiral-b"]
    assert curves["spiral-a"] != curves["notebook"][: len(curves["spiral-a"])]

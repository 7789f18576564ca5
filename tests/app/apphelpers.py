"""Helpers shared by the `AppTest` suites."""

from __future__ import annotations

import base64
import json
import os
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("FUNCNET_WORKERS", "2")  # a small pool, read when the app first runs
# Runs are kept in a database of the test session, never in the checkout's `.funcnet/`.
os.environ.setdefault("FUNCNET_DB", os.path.join(tempfile.mkdtemp(prefix="funcnet-apptest-"),
                                                 "runs.sqlite3"))

import numpy as np  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from funcnet.ui import state as keys

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
HOME = "app_pages/home.py"
BUILD = "app_pages/build_train.py"
EVALUATE = "app_pages/evaluate.py"
ACTIVATIONS = "app_pages/activations.py"
TRAINING_DEADLINE = 180.0
"""Seconds a test waits for a training: generous, the first job warms the workers up."""


def widget(at: AppTest, kind: str, suffix: str) -> Any:
    """Returns the one widget of `kind` whose key ends with `suffix`.

    Build & Train keys carry a generation number (`build.w3.n1.units.2`),
    so tests name widgets by the stable end of the key.
    """
    matches = [w for w in getattr(at, kind) if w.key and w.key.endswith(suffix)]
    assert len(matches) == 1, (suffix, [w.key for w in getattr(at, kind)])
    return matches[0]


def metric_values(at: AppTest) -> dict[str, str]:
    """Returns every `st.metric` shown, label -> value (the last one wins)."""
    return {m.label: m.value for m in at.metric}


def charts(at: AppTest) -> list[dict[str, Any]]:
    """Returns the figure JSON of every plotly chart on the page, in order."""
    return [json.loads(element.proto.spec) for element in at.get("plotly_chart")]


def chart_titles(at: AppTest) -> list[str]:
    """Returns the title text of every plotly chart on the page."""
    return [c["layout"].get("title", {}).get("text", "") for c in charts(at)]


def run_until(at: AppTest, done: Callable[[AppTest], bool],
              deadline: float = TRAINING_DEADLINE, pause: float = 0.3) -> AppTest:
    """Reruns the app (as the live fragment would) until `done(at)` holds."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        at.run()
        assert not at.exception, at.exception
        if done(at):
            return at
        time.sleep(pause)
    raise AssertionError(f"condition not met within {deadline:.0f} s")


def last_run(at: AppTest) -> Any:
    """Returns the session's last finished training, or None."""
    return at.session_state.get(keys.LAST_RUN)


def train_and_wait(at: AppTest, epochs: int,
                   on_run: Callable[[AppTest], None] = lambda at: None) -> Any:
    """Sets the epochs, presses Train and waits for the run; returns the `FinishedRun`.

    Args:
        at: The session, on a page with the Train button.
        epochs: The epochs to train.
        on_run: Called after every run from the click on, the click's own
            included: a fast worker can finish inside it, so the run that
            first draws the results is not always a later one.
    """
    widget(at, "number_input", ".epochs").set_value(epochs).run()
    previous = last_run(at)
    at.button(key=keys.TRAIN).click().run()
    assert not at.exception, at.exception
    on_run(at)

    def finished(a: AppTest) -> bool:
        on_run(a)
        return last_run(a) is not None and last_run(a) is not previous

    run_until(at, finished)
    return last_run(at)


def open_app(page: str | None = None, lang: str | None = None,
             timeout: float = 90) -> AppTest:
    """A new session: Home (with `?lang=` when given), then `page` when given.

    Args:
        page: A page script such as `BUILD`; `None` stays on Home.
        lang: The `lang` query parameter, or `None` for none.
        timeout: `AppTest`'s default timeout per run, in seconds.
    """
    at = AppTest.from_file(APP, default_timeout=timeout)
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    if page is not None:
        at.switch_page(page).run()
        assert not at.exception, at.exception
    return at


def evaluate_after_training(data_set: str, epochs: int) -> tuple[AppTest, Any]:
    """A new session trains the seed network on `data_set`, then opens Evaluate.

    Returns:
        `(at, run)`: the session on the Evaluate page and its `FinishedRun`.
    """
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page(BUILD).run()
    widget(at, "selectbox", ".dataset").set_value(data_set).run()
    run = train_and_wait(at, epochs=epochs)
    at.switch_page(EVALUATE).run()
    assert not at.exception and not at.error
    return at, run


def array(value: Any) -> np.ndarray:
    """Decodes a figure JSON array: a plain list or plotly's typed `bdata` form."""
    if isinstance(value, dict) and "bdata" in value:
        data = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        shape = value.get("shape")
        if shape:
            data = data.reshape([int(n) for n in str(shape).split(",")])
        return data
    return np.asarray(value)


_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$&])")


def shown(markdown: str) -> str:
    """Returns Markdown source as the page shows it: backslash escapes removed.

    Messages are escaped for Markdown (`funcnet.markup`) so that the user's
    text is never markup; a test reads what the user reads.
    """
    return _MARKDOWN_ESCAPE.sub(r"\1", markdown)

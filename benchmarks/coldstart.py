"""Seconds from `streamlit run` until a page has rendered in headless Chromium."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]
TENSORFLOW_PAGE = 'import tensorflow as tf\nimport streamlit as st\n\nst.title("ready")\n'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cold_start_seconds(script: str | None, heading_text: str, timeout: float = 120) -> float:
    """Starts a Streamlit server and times it until an `h1` containing `heading_text` shows.

    Args:
        script: Entry script relative to the repository, or `None` for a
            one-line page that imports TensorFlow.
        heading_text: Text the rendered page's first heading contains.
        timeout: Give up after this many seconds.

    Returns:
        Seconds from process start to the heading being visible.
    """
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        if script is None:
            entry = Path(folder) / "tf_page.py"
            entry.write_text(TENSORFLOW_PAGE)
        else:
            entry = ROOT / script
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page()
            start = time.perf_counter()
            server = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", str(entry), "--server.headless",
                 "true", "--server.address", "127.0.0.1", "--server.port", str(port)],
                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True)
            try:
                while True:
                    if time.perf_counter() - start > timeout:
                        raise TimeoutError(f"{entry.name} did not render in {timeout:.0f} s")
                    try:
                        page.goto(url, timeout=5_000)
                        break
                    except Exception:  # connection refused until the server listens
                        time.sleep(0.05)
                page.locator("h1", has_text=heading_text).first.wait_for(
                    timeout=timeout * 1000)
                return time.perf_counter() - start
            finally:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=30)
                browser.close()

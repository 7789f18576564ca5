"""Real-browser fixtures: a `streamlit run` server on 127.0.0.1 and Debian's Chromium.

The server is started once per test session on a free port; every test gets
a fresh browser context (its own Streamlit session). A failing test leaves a
full-page screenshot in `test-artifacts/`.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SERVER_START_TIMEOUT = 90.0
EXPECT_TIMEOUT_MS = 20_000
"""How long an `expect(...)` waits for the page (Playwright's default, 5 s, is
shorter than one rerun of a page on a loaded 2-core machine: a check that
passes in a second on a quiet machine failed there while the page was still
drawing). A check that must fail still fails, only later."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer on {url} within {timeout:.0f} s")


class Server:
    """A `streamlit run app.py` process on a free loopback port.

    Args:
        log_path: File that receives the server's output.
        env: Extra environment variables (e.g. `FUNCNET_DB`).
    """

    def __init__(self, log_path: Path, env: dict[str, str] | None = None) -> None:
        self.log_path = log_path
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        full_env = {**os.environ, "FUNCNET_WORKERS": os.environ.get("FUNCNET_WORKERS", "2"),
                    **(env or {})}
        with open(log_path, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "streamlit", "run", "app.py",
                 "--server.headless", "true", "--server.address", "127.0.0.1",
                 "--server.port", str(self.port)],
                cwd=ROOT, env=full_env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            _wait_healthy(self.url, self.process, SERVER_START_TIMEOUT)
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stops the server and its worker processes (its whole process group)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=15)

    def log_tail(self) -> str:
        """The last part of the server's output."""
        return self.log_path.read_text(errors="replace")[-3000:]


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Starts `streamlit run app.py` on a free loopback port; yields its URL.

    Its runs go to a database of the test session, never the checkout's `.funcnet/`.
    """
    folder = tmp_path_factory.mktemp("server")
    server = Server(folder / "streamlit.log", {"FUNCNET_DB": str(folder / "runs.sqlite3")})
    try:
        yield server.url
    finally:
        server.stop()
        print(f"\n[streamlit log tail]\n{server.log_tail()}")


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., Server]]:
    """Returns a factory of extra servers (stopped at the end of the test).

    Call it with `env` (e.g. `{"FUNCNET_DB": path}`); stop a server early
    with its `stop()`, e.g. to restart on the same database.
    """
    servers: list[Server] = []

    def start(env: dict[str, str] | None = None) -> Server:
        server = Server(tmp_path / f"streamlit-{len(servers)}.log", env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()
        print(f"\n[streamlit log tail {server.url}]\n{server.log_tail()}")


@pytest.fixture(scope="session")
def browser():
    """Launches Debian's headless Chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("FUNCNET_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; apt-get install chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=EXPECT_TIMEOUT_MS)

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"report_{report.when}", report)


@pytest.fixture
def new_page(browser, request):
    """Returns a factory of pages, each in its own browser context (session)."""
    contexts = []

    def make(viewport_width: int = 1280, viewport_height: int = 900):
        context = browser.new_context(
            viewport={"width": viewport_width, "height": viewport_height},
            accept_downloads=True)
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        for i, context in enumerate(contexts):
            for j, page in enumerate(context.pages):
                path = ARTIFACTS / f"{request.node.name}-{i}-{j}.png"
                try:
                    page.screenshot(path=str(path), full_page=True)
                except Exception as error:  # a crashed page must not hide the test's failure
                    print(f"screenshot failed: {error}")
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """One page in a fresh browser context."""
    return new_page()

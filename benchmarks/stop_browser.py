"""Stop in Chromium: seconds from the click on Stop to "Stopped at epoch k of 300" on screen.

`python -m benchmarks.stop_browser [--repeats 5]` starts `streamlit run app.py` on a
free loopback port, opens Build & Train in Debian's headless Chromium, trains the
notebook's setup (1000 random rows) for 300 epochs and stops it after a few epochs, `repeats`
times. Printed per click: the latency, the epoch shown at the click and the
epoch the run stopped at (epochs shown after the click).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, Server  # noqa: E402

RUNNING = re.compile(r"Epoch (\d+) of 300")
STOPPED = re.compile(r"Stopped at epoch (\d+) of 300")


def measure(repeats: int) -> list[tuple[float, int, int]]:
    """Returns `(seconds, epoch shown at the click, epoch stopped at)` per click."""
    from playwright.sync_api import sync_playwright

    out = []
    with tempfile.TemporaryDirectory() as folder:
        server = Server(Path(folder) / "streamlit.log",
                        {"FUNCNET_DB": str(Path(folder) / "runs.sqlite3")})
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(server.url)
                page.get_by_role("button", name="Open the notebook's network").click()
                page.get_by_role("heading", name="Build & Train").wait_for(timeout=90_000)
                epochs = page.get_by_label("Epochs", exact=True)
                epochs.fill("300")
                epochs.press("Enter")
                page.get_by_text("300 epochs on", exact=False).first.wait_for(timeout=30_000)
                main = page.get_by_test_id("stMainBlockContainer")
                for _ in range(repeats):
                    main.get_by_role("button", name="Train", exact=True).click()
                    line = page.get_by_text(RUNNING)
                    deadline = time.monotonic() + 120
                    shown = 0
                    while shown < 5 and time.monotonic() < deadline:
                        if line.count():
                            match = RUNNING.search(line.first.inner_text())
                            shown = int(match.group(1)) if match else 0
                        time.sleep(0.05)
                    start = time.perf_counter()
                    main.get_by_role("button", name="Stop").click()
                    stopped = page.get_by_text(STOPPED)
                    stopped.wait_for(timeout=60_000)
                    seconds = time.perf_counter() - start
                    match = STOPPED.search(stopped.first.inner_text())
                    out.append((seconds, shown, int(match.group(1)) if match else -1))
                    print(f"[stop_browser] {seconds:.2f} s, shown epoch {shown}, "
                          f"stopped at {out[-1][2]}", flush=True)
                    page.get_by_text("Test loss").first.wait_for(timeout=60_000)
                browser.close()
        finally:
            server.stop()
    return out


def main(argv: list[str] | None = None) -> int:
    """Measures and prints the median."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.stop_browser")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args(argv)
    clicks = measure(args.repeats)
    print(f"[stop_browser] median {statistics.median(c[0] for c in clicks):.2f} s, "
          f"most epochs after the click {max(c[2] - c[1] for c in clicks)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

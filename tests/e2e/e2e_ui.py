"""What the end-to-end tests read off a page: headings, metrics, plotly figures.

Shared by the e2e test modules (pytest puts this folder on `sys.path`).
Everything here reads what the user's browser shows; nothing reaches into
the server.
"""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, expect

# Plotly keeps a figure's traces on its element; numeric arrays sent from Python may
# arrive base64-encoded (`{dtype, bdata}`), which plotly decodes into `_inputArray`.
_FIGURES_JS = """() => {
  const plain = (v) => {
    if (v === null || v === undefined) return null;
    if (v._inputArray !== undefined) return plain(v._inputArray);
    if (Array.isArray(v) || ArrayBuffer.isView(v)) return Array.from(v, plain);
    if (typeof v === 'object') {
      const keys = Object.keys(v).filter((k) => /^\\d+$/.test(k));
      if (keys.length) return keys.sort((a, b) => a - b).map((k) => plain(v[k]));
    }
    return v;
  };
  return Array.from(document.querySelectorAll('.js-plotly-plot')).map((el) => ({
    title: (el.layout && el.layout.title && el.layout.title.text) || '',
    traces: (el.data || []).map((d) => ({name: d.name || '', y: plain(d.y), z: plain(d.z)})),
  }));
}"""


# Streamlit marks the script's state on the app's root element.
_IDLE_JS = """(idleMs) => {
  const state = document.querySelector('[data-testid="stApp"]')
    ?.getAttribute('data-test-script-state');
  if (state !== 'notRunning') { window.__idleSince = undefined; return false; }
  window.__idleSince ??= performance.now();
  return performance.now() - window.__idleSince > idleMs;
}"""


def settle(page: Page, idle_ms: int = 1000) -> None:
    """Waits until the page's script has been idle for `idle_ms` milliseconds.

    One idle moment is not enough: a fragment's tick or a callback's rerun may
    start right after it. The clock restarts at every call, so an idle moment
    seen by an earlier call never counts.

    Args:
        page: The page to watch.
        idle_ms: How long the script must stay idle.
    """
    page.evaluate("() => { window.__idleSince = undefined; }")
    page.wait_for_function(_IDLE_JS, arg=idle_ms, timeout=60_000, polling=100)


def heading(page: Page, text: str):
    """The heading named exactly `text`."""
    return page.get_by_role("heading", name=text, exact=True)


def figures(page: Page, title: str | None = None) -> list[dict]:
    """Returns the page's plotly figures (title and traces' names, `y`, `z`).

    Args:
        page: The page.
        title: When given, only the figures with exactly this title.
    """
    found = page.evaluate(_FIGURES_JS)
    return [f for f in found if title is None or f["title"] == title]


def trace(figure: dict, name: str) -> dict:
    """The trace called `name` in `figure`."""
    matches = [tr for tr in figure["traces"] if tr["name"] == name]
    assert matches, f"no trace {name!r} in {figure['title']!r}: {figure['traces']}"
    return matches[0]


def single_figure(page: Page, title: str, timeout: float = 10.0) -> dict:
    """The one figure titled `title`, waiting while a rerun still shows a stale copy."""
    deadline = time.monotonic() + timeout
    while True:
        shown = figures(page, title)
        if len(shown) == 1:
            return shown[0]
        if time.monotonic() > deadline:
            titles = [f["title"] for f in figures(page)]
            raise AssertionError(f"expected one figure {title!r}, the page shows {titles}")
        time.sleep(0.2)


def loss_curve(page: Page) -> list[float]:
    """The training-loss values of the live view's "Loss per epoch" figure."""
    figure = single_figure(page, "Loss per epoch")
    names = [tr["name"] for tr in figure["traces"]]
    return list(trace(figure, "Training")["y"]) if "Training" in names else []


def metric_value(page: Page, label: str) -> str:
    """The value text of the `st.metric` labelled exactly `label` (the first one)."""
    card = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)).first
    expect(card).to_be_visible()
    return card.get_by_test_id("stMetricValue").inner_text().strip()


def unit_metric(page: Page, label: str) -> float:
    """A metric shown as a number in [0, 1] (accuracy, AUC); fails otherwise."""
    text = metric_value(page, label)
    assert re.fullmatch(r"\d\.\d{3}", text), f"{label} shows {text!r}"
    value = float(text)
    assert 0.0 <= value <= 1.0, f"{label} = {value}"
    return value


def open_notebook_network(page: Page, server_url: str) -> None:
    """A new visitor: Home, then "Open the notebook's network" (Build & Train)."""
    page.goto(server_url)
    expect(heading(page, "funcnet")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Open the notebook's network").click()
    expect(heading(page, "Build & Train")).to_be_visible(timeout=60_000)


def type_number(page: Page, label: str, value: int) -> None:
    """Types a number into the box labelled `label` and commits it with Enter."""
    box = page.get_by_label(label, exact=True)
    # A rerun may still show the previous page's box; under load the page can take a while.
    expect(box).to_have_count(1, timeout=30_000)
    box.fill(str(value))
    box.press("Enter")
    expect(box).to_have_value(str(value))


def go_to(page: Page, link: str, title: str) -> None:
    """Follows the navigation link `link` and waits for the heading `title`."""
    page.get_by_role("link", name=link).first.click()
    expect(heading(page, title)).to_be_visible(timeout=60_000)


def set_epochs(page: Page, epochs: int) -> None:
    """Types a number into the "Epochs" box and commits it with Enter."""
    type_number(page, "Epochs", epochs)


def choose_data_set(page: Page, label: str) -> None:
    """Picks a data set by its label in the "Data set" box."""
    page.get_by_label("Data set").click()
    page.get_by_role("option", name=label, exact=True).click()


def set_samples(page: Page, rows: int) -> None:
    """Types a row count into the data set's "Samples" box and waits for it to be generated."""
    type_number(page, "Samples", rows)
    # The new data set is generated and previewed before Train uses it.
    expect(page.get_by_label("Epochs", exact=True)).to_have_count(1, timeout=30_000)


def train_briefly(page: Page, server_url: str, data_label: str, epochs: int = 2) -> None:
    """A new visitor trains the notebook's network on `data_label` and sees it done."""
    open_notebook_network(page, server_url)
    choose_data_set(page, data_label)
    set_epochs(page, epochs)
    train(page)
    wait_done(page, epochs, data_label)


def load_preset(page: Page, label: str) -> None:
    """Picks a preset by its label in "Start from a preset" and presses Load."""
    page.get_by_label("Start from a preset").click()
    page.get_by_role("option", name=label, exact=True).click()
    expect(page.get_by_role("option")).to_have_count(0)  # the choice is in before Load
    page.get_by_role("button", name="Load", exact=True).click()


def train(page: Page) -> None:
    """Presses the page's Train button."""
    button = page.get_by_role("button", name="Train", exact=True)
    expect(button).to_be_enabled()
    button.click()


def wait_done(page: Page, epochs: int, data_label: str, timeout: float = 120_000) -> None:
    """Waits for "Done: <epochs> epochs" and the test results of `data_label`."""
    expect(page.get_by_text(re.compile(rf"^Done: {epochs} epochs in "))).to_be_visible(
        timeout=timeout)
    # The results are drawn by the full rerun that follows "Done"; with four sessions
    # and two trainings on two cores that rerun alone has taken over 30 s.
    try:
        expect(page.get_by_text(f"Test results · {data_label}", exact=True)).to_be_visible(
            timeout=60_000)
    except AssertionError as error:
        raise AssertionError(f"{error}\n{page_state(page)}") from None


_PAGE_STATE_JS = """() => ({
  script: document.querySelector('[data-testid="stApp"]')?.getAttribute('data-test-script-state'),
  headings: [...document.querySelectorAll('h1, h2, h3')].map(h => h.innerText).slice(0, 12),
  status: [...document.querySelectorAll('[data-testid="stProgress"]')].map(p => p.innerText),
  alerts: [...document.querySelectorAll('[data-testid="stAlert"], [data-testid="stException"]')]
    .map(a => a.innerText.slice(0, 300)),
})"""


def page_state(page: Page) -> str:
    """What the page shows when a wait failed: the script's state, headings, status, alerts."""
    return f"page at {page.url[:80]}: {page.evaluate(_PAGE_STATE_JS)}"

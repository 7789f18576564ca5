"""Which browser this is: a random id kept in a cookie, so runs outlive a reload.

The id is made with `secrets.token_urlsafe` the first time a browser comes
and written into the `funcnet_browser` cookie (one year, `SameSite=Lax`,
path `/`) by a small script. Later sessions of the same browser (a reload,
a server restart) send the cookie with their first request and read it
from `st.context.cookies`. A cookie that does not look like an id funcnet
made is never trusted: the browser gets a new one. Where there are no
cookies (Streamlit's AppTest), the id lives for the session.

The script writes the cookie only when the browser does not hold a valid
one yet, so two tabs opened on a first visit do not keep overwriting each
other's id: the first tab's cookie wins. The second tab's session keeps
its own id (and board) until it is reloaded; runs it finished meanwhile
stay on that session's board.

The id itself is never stored: the run database only sees `browser_key`,
a hash of it, so a copy of the database does not let anyone pose as a
browser.
"""

from __future__ import annotations

import hashlib
import re
import secrets

import streamlit as st

from funcnet.ui import state

COOKIE_NAME = "funcnet_browser"
"""Name of the cookie that holds the browser id."""

COOKIE_MAX_AGE = 365 * 24 * 3600
"""Lifetime of the cookie in seconds (one year)."""

ID_BYTES = 16
"""Random bytes per id: `token_urlsafe(16)` gives 22 URL-safe characters."""

_ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{22}")

_COOKIE_SCRIPT = """<script>
if (!/(?:^|;\\s*)%s=[A-Za-z0-9_-]{22}(?:;|$)/.test(document.cookie)) {
  document.cookie = "%s=%s; max-age=%d; path=/; SameSite=Lax"
    + (window.location.protocol === "https:" ? "; Secure" : "");
}
</script>"""
"""Sets the cookie unless the browser already holds a valid id (another tab's, say)."""


def is_valid_id(value: object) -> bool:
    """Tells whether `value` looks like an id `new_id` makes (22 URL-safe characters).

    Args:
        value: Anything, typically a cookie's value.

    Returns:
        Whether it is such an id.
    """
    return isinstance(value, str) and _ID_PATTERN.fullmatch(value) is not None


def new_id() -> str:
    """Returns a new random browser id."""
    return secrets.token_urlsafe(ID_BYTES)


def browser_key(browser: str) -> str:
    """Returns the hash of a browser id that the run database stores instead of the id.

    Args:
        browser: A browser id.

    Returns:
        32 hexadecimal digits.
    """
    return hashlib.sha256(f"funcnet-browser:{browser}".encode()).hexdigest()[:32]


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(COOKIE_NAME)
    except (AttributeError, RuntimeError):  # no browser request behind this session
        return None


def browser_id() -> str:
    """Returns this browser's id: its cookie's when valid, else the session's own.

    Returns:
        The id (also kept under `state.BROWSER_ID`).
    """
    cookie = _cookie()
    if is_valid_id(cookie):
        if state.get(state.BROWSER_ID) != cookie:
            state.put(state.BROWSER_ID, cookie)
        return cookie
    current = state.get(state.BROWSER_ID)
    if not is_valid_id(current):
        current = new_id()
        state.put(state.BROWSER_ID, current)
    return current


def ensure_cookie() -> None:
    """Writes the id into the browser's cookie when the browser holds no valid one.

    Draws an invisible script on every run until a session starts with the
    cookie in place (Streamlit reads cookies from a session's first request
    only). The script checks `document.cookie` first and never replaces a
    valid id, so a second tab opened on a first visit leaves the first
    tab's id alone (and keeps its own board until it is reloaded).
    """
    browser = browser_id()
    if _cookie() == browser:
        return
    st.html(cookie_script(browser), unsafe_allow_javascript=True, width="content")


def cookie_script(browser: str) -> str:
    """Returns the script that stores `browser` in the cookie unless a valid id is there.

    Args:
        browser: A browser id (`is_valid_id`).

    Returns:
        A `<script>` element.

    Raises:
        ValueError: If `browser` is not such an id (it is written into code).
    """
    if not is_valid_id(browser):
        raise ValueError(f"Not a browser id: {browser!r}.")
    return _COOKIE_SCRIPT % (COOKIE_NAME, COOKIE_NAME, browser, COOKIE_MAX_AGE)

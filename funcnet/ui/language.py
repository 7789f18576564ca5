"""The interface language: chosen by the link, the browser or the EN / PT / … control.

On a session's first run the language comes from the URL's `lang`
parameter (a shared link), else from the browser's language as Streamlit
reports it, else English. After that the control decides, and every run
writes the language back into the URL, so the address bar and the share
link carry it.
"""

from __future__ import annotations

import streamlit as st

from funcnet.ui import state
from funcnet.ui.texts import DEFAULT_LANGUAGE, LANGUAGES, t

LANG_PARAM = "lang"
"""Query parameter holding the language (`lang=pt` / `lang=en`)."""


def from_tag(tag: str | None) -> str | None:
    """Returns the interface language a language tag or Accept-Language header names.

    Args:
        tag: E.g. `"pt-BR"`, `"en"`, or `"pt-BR,pt;q=0.9,en;q=0.8"`;
            `None` or empty when unknown.

    Returns:
        `"en"` or `"pt"` for the first language funcnet speaks, else `None`.
    """
    for part in (tag or "").split(","):
        code = part.split(";")[0].strip().lower().replace("_", "-").split("-")[0]
        if code in LANGUAGES:
            return code
    return None


def _browser_language() -> str | None:
    """Returns the browser's language when Streamlit exposes it, else `None`."""
    context = st.context
    try:
        found = from_tag(context.locale)
    except AttributeError:  # Streamlit before st.context.locale
        found = None
    if found is None:
        try:
            found = from_tag(context.headers.get("Accept-Language"))
        except AttributeError:
            found = None
    return found


def init_language() -> None:
    """On a session's first run, picks the language from the link or the browser."""
    if state.get(state.LANG_CHECKED):
        return
    state.put(state.LANG_CHECKED, True)
    chosen = from_tag(st.query_params.get(LANG_PARAM)) or _browser_language()
    state.put(state.LANG, chosen or DEFAULT_LANGUAGE)


def _on_change() -> None:
    """Control callback: the chosen language becomes the session's (kept if unset)."""
    value = st.session_state.get(state.W_LANG)
    if value in LANGUAGES:
        state.put(state.LANG, value)
    else:  # a segmented control can be clicked off; the language stays
        st.session_state[state.W_LANG] = state.get(state.LANG, DEFAULT_LANGUAGE)


def language_control() -> None:
    """Draws the EN / PT switch."""
    current = state.get(state.LANG, DEFAULT_LANGUAGE)
    if st.session_state.get(state.W_LANG) != current:
        st.session_state[state.W_LANG] = current
    # Every compiled catalogue is a choice: a third language needs no code here.
    st.segmented_control(t("lang.label"), LANGUAGES,
                         format_func=str.upper, key=state.W_LANG,
                         on_change=_on_change, help=t("lang.help"),
                         label_visibility="collapsed")


def mirror_language() -> None:
    """Writes the session's language into the URL's `lang` parameter when it differs."""
    current = state.get(state.LANG, DEFAULT_LANGUAGE)
    if st.query_params.get(LANG_PARAM) != current:
        st.query_params[LANG_PARAM] = current

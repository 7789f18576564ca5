"""The For teachers page: compose a class link from the current setup.

The teacher picks pages and controls to hide, optionally a challenge, a
shared class board and a message; the page shows the resulting link (the
`class` parameter plus the current setup as a share link) and a button to
preview it as a student would see it. The choices are kept in a durable
draft, so a visit to Build & Train (to change the setup) does not lose them.
"""

from __future__ import annotations

import re
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import streamlit as st

from funcnet.classroom.teacher_link import (
    CONTROL_GROUPS,
    CONTROLS,
    MAX_BOARD_CHARS,
    MAX_CHALLENGE_PARAMS,
    MAX_MESSAGE_CHARS,
    METRICS,
    PAGES,
    Challenge,
    ClassLinkError,
    TeacherLink,
    class_query,
)
from funcnet.model.spec import Job
from funcnet.ui import datasets, routes, setup, state
from funcnet.ui.classroom import goal_text, plain
from funcnet.ui.language import LANG_PARAM
from funcnet.ui.texts import (
    DEFAULT_LANGUAGE,
    describe_error,
    fixed_language,
    fmt_int,
    language,
    t,
)

DEFAULT_MINIMUM = 0.9
DEFAULT_METRIC = "auc"
BOARD_ENDING = re.compile(r"-[0-9a-f]{6}$")
"""The random ending of a board name: board names are global across the server."""

_DRAFT_DEFAULTS: dict[str, Any] = {
    state.TEACHER_PAGES: [],
    **{f"{state.TEACHER_CONTROLS}.{group}": [] for group in CONTROL_GROUPS},
    state.TEACHER_CHALLENGE: False,
    state.TEACHER_METRIC: DEFAULT_METRIC,
    state.TEACHER_MINIMUM: DEFAULT_MINIMUM,
    state.TEACHER_MAX_PARAMS: 0,
    state.TEACHER_BOARD_ON: False,
    state.TEACHER_BOARD: "",
    state.TEACHER_MESSAGE: "",
}
"""Every widget of the page and its first value."""


def _bind(key: str) -> str:
    """Gives a widget its value from the draft (widget values vanish on other pages)."""
    draft: dict[str, Any] = state.get(state.TEACHER_DRAFT) or {}
    return state.bind(key, draft.get(key, _DRAFT_DEFAULTS[key]))


def _keep_draft() -> None:
    state.put(state.TEACHER_DRAFT, {key: st.session_state.get(key, default)
                                    for key, default in _DRAFT_DEFAULTS.items()})


def render() -> None:
    """Draws the whole For teachers page."""
    st.title(t("teacher.title"))
    st.markdown(t("teacher.intro"))
    st.caption(t("teacher.honest"))
    job = setup.current()
    # Read top-down, left then right: the link comes last, right under the last choices.
    left, right = st.columns([1, 1], gap="large")
    with left:
        with st.container(border=True):
            setup_summary(job)
        with st.container(border=True):
            hidden_pages, hidden_controls = hide_section()
    with right:
        with st.container(border=True):
            challenge = challenge_section(job)
        with st.container(border=True):
            board, message = class_section()
    _keep_draft()
    with right, st.container(border=True):
        st.subheader(t("teacher.link_header"))
        try:
            link = TeacherLink(hidden_pages, hidden_controls, challenge, board, message)
        except ClassLinkError as error:
            st.error(t("teacher.invalid", message=plain(describe_error(error))),
                     icon=":material/error:")
            return
        link_section(link, job)


def setup_summary(job: Job) -> None:
    """Says which setup the class starts from, with a way to change it.

    Args:
        job: The current setup.
    """
    st.subheader(t("teacher.setup_header"))
    train = job.train
    st.markdown(t("teacher.setup_line", data=datasets.label(job.data.name),
                  params=fmt_int(job.model.total_params()),
                  optimizer=t(f"optimizer.{train.optimizer}"), rate=_decimal(train.learning_rate),
                  epochs=train.epochs, batch=train.batch_size))
    st.caption(t("teacher.setup_caption"))
    st.page_link(routes.BUILD, label=t("teacher.to_build"), icon=":material/model_training:")


def _decimal(value: float) -> str:
    """Formats a setting like 0.001 with the language's decimal mark."""
    text = f"{value:g}"
    return text.replace(".", ",") if language() == "pt" else text


def hide_section() -> tuple[list[str], list[str]]:
    """Draws the choice of pages and controls to hide.

    Returns:
        The chosen page ids and control ids.
    """
    st.subheader(t("teacher.hide_header"))
    pages = st.pills(t("teacher.pages"), list(PAGES), selection_mode="multi",
                     format_func=fixed_language(lambda p: t(PAGES[p])),
                     key=_bind(state.TEACHER_PAGES), help=t("teacher.pages_help"))
    st.markdown(f"**{t('teacher.controls')}**")
    controls: list[str] = []
    for group, text_id in CONTROL_GROUPS.items():
        options = [name for name, control in CONTROLS.items() if control.group == group]
        controls += st.pills(t(text_id), options, selection_mode="multi",
                             format_func=fixed_language(lambda c: t(CONTROLS[c].text_id)),
                             key=_bind(f"{state.TEACHER_CONTROLS}.{group}"))
    st.caption(t("teacher.hide_caption"))
    return list(pages), controls


def challenge_section(job: Job) -> Challenge | None:
    """Draws the optional challenge.

    Args:
        job: The current setup (its size is a hint for the parameter limit).

    Returns:
        The challenge, or `None` when none is set.
    """
    st.subheader(t("teacher.challenge_header"))
    if not st.toggle(t("teacher.challenge_on"), key=_bind(state.TEACHER_CHALLENGE)):
        st.caption(t("teacher.challenge_off"))
        return None
    metric_col, minimum_col, params_col = st.columns(3)
    with metric_col:
        metric = st.selectbox(t("teacher.metric"), list(METRICS),
                              format_func=fixed_language(lambda m: t(METRICS[m])),
                              key=_bind(state.TEACHER_METRIC))
    with minimum_col:
        minimum = st.number_input(t("teacher.minimum"), min_value=0.01, max_value=1.0,
                                  step=0.01, format="%.2f", key=_bind(state.TEACHER_MINIMUM))
    with params_col:
        max_params = st.number_input(t("teacher.max_params"), min_value=0,
                                     max_value=MAX_CHALLENGE_PARAMS, step=100,
                                     help=t("teacher.max_params_help",
                                            params=fmt_int(job.model.total_params())),
                                     key=_bind(state.TEACHER_MAX_PARAMS))
    if all(n.task == "regression" for n in job.model.outputs):
        st.warning(t("teacher.challenge_regression"), icon=":material/warning:")
    return Challenge(metric, float(minimum), int(max_params) or None)


def class_section() -> tuple[str | None, str | None]:
    """Draws the shared class board and the message to the class.

    Returns:
        The board name and the message (`None` when not set).
    """
    st.subheader(t("teacher.class_header"))
    board = None
    if st.toggle(t("teacher.board_on"), key=_bind(state.TEACHER_BOARD_ON),
                 help=t("teacher.board_help")):
        name = st.text_input(t("teacher.board"), max_chars=MAX_BOARD_CHARS,
                             placeholder=t("teacher.board_placeholder"),
                             key=_bind(state.TEACHER_BOARD)).strip()
        board = board_name(name) if name else None
        if board is None:
            st.caption(t("teacher.board_empty"))
        else:
            st.caption(t("teacher.board_named", board=plain(board)))
    message = st.text_input(t("teacher.message"), max_chars=MAX_MESSAGE_CHARS,
                            placeholder=t("teacher.message_placeholder"),
                            key=_bind(state.TEACHER_MESSAGE)).strip() or None
    return board, message


def board_name(name: str) -> str:
    """Returns the class board for a typed name: the name with this session's random ending.

    Board names are global across the server, so two teachers who both type
    "Class 3B" must not share a board. A name that already ends like
    `-1a2b3c` (a board of an earlier link, typed in full) is kept as it is.

    Args:
        name: The name the teacher typed, without surrounding spaces.

    Returns:
        The board name, e.g. `"Class 3B-1a2b3c"`, cut so it fits `MAX_BOARD_CHARS`.
    """
    if BOARD_ENDING.search(name):
        return name
    suffix = state.get(state.TEACHER_BOARD_SUFFIX)
    if suffix is None:
        suffix = "-" + secrets.token_hex(3)
        state.put(state.TEACHER_BOARD_SUFFIX, suffix)
    return name[:MAX_BOARD_CHARS - len(suffix)].rstrip() + suffix


def _app_root() -> str:
    """Returns the app's address without this page's path ("" when unknown)."""
    try:
        url = st.context.url or ""
    except AttributeError:  # older Streamlit without st.context.url
        return ""
    page_path = "/" + Path(routes.TEACHER).stem
    return url.removesuffix("/").removesuffix(page_path) + "/" if url else ""


def class_url(link: TeacherLink, job: Job) -> str:
    """Returns the class link: the app's address with language, class settings and setup.

    Args:
        link: The teacher's settings.
        job: The setup the class starts from.

    Returns:
        The full link (relative when the address is unknown).
    """
    lang = state.get(state.LANG, DEFAULT_LANGUAGE)
    query = urlencode([(LANG_PARAM, lang), *class_query(link, job).items()])
    return f"{_app_root()}?{query}"


def link_section(link: TeacherLink, job: Job) -> None:
    """Shows the class link, what students will see, and a preview button.

    Args:
        link: The composed settings.
        job: The setup the class starts from.
    """
    url = class_url(link, job)
    st.markdown(t("teacher.link_intro"))
    st.code(url, language=None, wrap_lines=True)
    st.link_button(t("teacher.preview"), url, icon=":material/open_in_new:", type="primary")
    st.markdown(f"**{t('teacher.students_header')}**")
    st.markdown(students_see(link))


def students_see(link: TeacherLink) -> str:
    """Describes in two sentences what students will see with this link.

    Args:
        link: The composed settings.

    Returns:
        Markdown text.
    """
    hidden = [t(PAGES[p]) for p in link.hidden_pages] + [
        t(CONTROLS[c].text_id) for c in link.hidden_controls]
    first = (t("teacher.sees_hidden", hidden=", ".join(hidden)) if hidden
             else t("teacher.sees_all"))
    if link.challenge is not None:
        second = t("teacher.sees_challenge", goal=goal_text(link.challenge))
    else:
        second = t("teacher.sees_no_challenge")
    extra = []
    if link.board is not None:
        extra.append(t("teacher.sees_board", board=plain(link.board)))
    if link.message is not None:
        extra.append(t("teacher.sees_message"))
    return " ".join([first, second, *extra])

"""A teacher's class link in the session: what it hides, its challenge, its message.

On a session's first run the `class` query parameter is read
(`funcnet.classroom.teacher_link`); a link that cannot be read says why in a warning and
is ignored (the session works as without it). Pages ask `shows(control)`
before drawing a control a teacher may hide; the app shell asks
`shows_page(route)` for the navigation, draws `banner()` on every page and
keeps the parameter in the URL (`mirror_link`), so a student's share link
keeps the class settings too.

The challenge is judged on each finished run, once, when it finishes
(`judge_run`, a `RunGroup` hook); `check_challenge` draws the outcome:
the first classification head's test score and the network's parameter
count. A run that meets it is celebrated with balloons.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from funcnet import i18n
from funcnet.classroom.teacher_link import (
    CLASS_PARAM,
    CONTROLS,
    METRICS,
    Attempt,
    Challenge,
    ClassLinkError,
    TeacherLink,
    decode_link,
    encode_link,
    judge,
)
from funcnet.markup import Markdown, markdown_escape
from funcnet.ui import routes, setup, state
from funcnet.ui.texts import fmt_int, fmt_metric, language, t

if TYPE_CHECKING:
    from funcnet.ui.runs import FinishedRun

PAGE_ROUTES: dict[str, str] = {
    "lessons": routes.LESSONS,
    "build": routes.BUILD,
    "architecture": routes.ARCHITECTURE,
    "evaluate": routes.EVALUATE,
    "compare": routes.COMPARE,
    "activations": routes.ACTIVATIONS,
}
"""Hideable page id (`funcnet.classroom.teacher_link.PAGES`) -> its script route."""

def plain(text: str) -> Markdown:
    """Escapes Markdown, so text from a link shows as typed (no links, no images).

    Args:
        text: Untrusted text, e.g. the teacher's message.

    Returns:
        The text as `Markdown` that shows exactly its characters
        (`funcnet.markup.markdown_escape`; `t` does not escape it again).
    """
    return markdown_escape(text)


def current() -> TeacherLink | None:
    """Returns the teacher link the session opened with, or `None`."""
    return state.get(state.CLASSROOM)


def read_link() -> None:
    """On a session's first run, reads the teacher link from the URL's `class` parameter.

    A valid link is stored (and its class board, if any); one that cannot
    be read is removed from the URL and leaves a translated warning for
    `show_warning`.
    """
    if state.get(state.CLASS_CHECKED):
        return
    state.put(state.CLASS_CHECKED, True)
    value = st.query_params.get_all(CLASS_PARAM)
    if not value:
        return
    try:
        link = decode_link(value)
    except ClassLinkError as error:
        del st.query_params[CLASS_PARAM]
        text = t(f"class.error.{error.reason}")
        # The detail helps the teacher who made the link. It is translated from its
        # template and fields; one with no template (English only) is shown in English.
        if error.reason in ("invalid", "damaged") and (error.template or language() == "en"):
            # The detail quotes the link's content: escaped, so it cannot add links.
            detail = error.translated(i18n.gettext)
            text = t("class.error.with_detail", reason=text, detail=plain(detail))
        setup.note_until_changed(state.CLASS_WARNING, text)
        return
    state.put(state.CLASSROOM, link)
    if link.board is not None:
        state.put(state.CLASS_BOARD, link.board)


def show_warning() -> None:
    """Shows why the class link was ignored, until the user changes the setup."""
    message = setup.reason_until_changed(state.CLASS_WARNING)
    if message is None:
        return
    st.warning(t("class.bad_link", message=message), icon=":material/link_off:")


def mirror_link() -> None:
    """Keeps the session's teacher link in the URL (Streamlit drops it on page changes)."""
    link = current()
    if link is None:
        return
    wanted = encode_link(link)
    if st.query_params.get(CLASS_PARAM) != wanted:
        st.query_params[CLASS_PARAM] = wanted


def shows(control: str) -> bool:
    """Tells whether a control is drawn in this session.

    Args:
        control: A key of `funcnet.classroom.teacher_link.CONTROLS`.

    Returns:
        False when the session's teacher link hides it.

    Raises:
        KeyError: If `control` is not registered (checked with or without
            a link, so a typo fails in every test).
    """
    if control not in CONTROLS:
        raise KeyError(f"Unknown control {control!r}; known controls: {', '.join(CONTROLS)}.")
    link = current()
    return link is None or link.shows(control)


def shows_page(route: str) -> bool:
    """Tells whether a page is offered in this session.

    Args:
        route: A page script route from `funcnet.ui.routes`.

    Returns:
        False for a page the teacher link hides, and for the Teacher page
        itself under a class link; True otherwise (Home always).
    """
    link = current()
    if link is None:
        return True
    if route == routes.TEACHER:
        return False
    page = next((name for name, path in PAGE_ROUTES.items() if path == route), None)
    return page is None or link.shows_page(page)


def page_hidden() -> None:
    """Draws what a hidden page shows instead of itself (reached by its address)."""
    st.info(t("class.page_hidden"), icon=":material/visibility_off:")
    st.page_link(routes.HOME, label=t("class.to_home"), icon=":material/home:")


# --------------------------------------------------------------------------- challenge


def goal_text(challenge: Challenge) -> str:
    """Returns the challenge's goal, e.g. "reach AUC ≥ 0.90 with at most 2,000 parameters".

    Args:
        challenge: The challenge.

    Returns:
        The translated goal.
    """
    metric = t(METRICS[challenge.metric])
    # As the teacher typed it: 0.90, or 0.905 when a third decimal matters.
    minimum = fmt_metric(challenge.minimum, 2 if round(challenge.minimum, 2) == challenge.minimum
                         else 3)
    if challenge.max_params is None:
        return t("class.goal", metric=metric, minimum=minimum)
    return t("class.goal_params", metric=metric, minimum=minimum,
             params=fmt_int(challenge.max_params))


def attempt_text(challenge: Challenge, attempt: Attempt) -> str:
    """Returns an attempt as "AUC 0.930 with 1,857 parameters".

    Args:
        challenge: The challenge (for the metric's name).
        attempt: The attempt.

    Returns:
        The translated text.
    """
    return t("class.attempt", metric=t(METRICS[challenge.metric]),
             score=fmt_metric(attempt.score), params=fmt_int(attempt.params))


def banner() -> None:
    """Draws the teacher's message and the challenge with the best attempt so far."""
    link = current()
    if link is None:
        return
    if link.message is not None:
        st.info(t("class.message", message=plain(link.message)), icon=":material/campaign:")
    challenge = link.challenge
    if challenge is None:
        return
    best: Attempt | None = state.get(state.CLASS_BEST)
    goal = goal_text(challenge)
    if best is not None and best.met:
        st.success(t("class.banner_met", goal=goal, attempt=attempt_text(challenge, best)),
                   icon=":material/emoji_events:")
    elif best is not None:
        limit = "" if best.within_limit else t("class.over_limit")
        st.info(t("class.banner_best", goal=goal, attempt=attempt_text(challenge, best),
                  limit=limit), icon=":material/flag:")
    else:
        st.info(t("class.banner_goal", goal=goal), icon=":material/flag:")


def first_classification_score(run: FinishedRun, metric: str) -> float | None:
    """Returns the test score of a run's first classification head.

    Args:
        run: A finished run with results.
        metric: `"auc"` or `"accuracy"`.

    Returns:
        The score (NaN when undefined), or `None` when every head is a
        regression head.
    """
    # Here, not at the top: scikit-learn costs about a second to import, and every page
    # (the home page first) imports this module; only a finished run needs it.
    from funcnet.analysis.evaluation import head_summary

    head = next((h for h in run.result.heads.values() if h.task != "regression"), None)
    if head is None:
        return None
    return float(head_summary(head)[metric])


def judge_run(run: FinishedRun) -> None:
    """Judges a finished run against the class challenge, once per run (no drawing).

    The best attempt is updated, and a run that meets the challenge is marked
    for one celebration the next time it is drawn. Called by the run's group
    when it finishes (`funcnet.ui.runs.judge_run`).

    Args:
        run: The finished run.
    """
    link = current()
    if link is None or link.challenge is None or not run.result.ok:
        return
    if state.get(state.CLASS_JUDGED) == run.job_id:
        return
    score = first_classification_score(run, link.challenge.metric)
    if score is None:
        return
    attempt = judge(link.challenge, score, run.job.model.total_params())
    state.put(state.CLASS_JUDGED, run.job_id)
    if attempt.beats(state.get(state.CLASS_BEST)):
        state.put(state.CLASS_BEST, attempt)
    if attempt.met:
        state.put(state.CLASS_CELEBRATE, run.job_id)


def check_challenge(run: FinishedRun) -> None:
    """Judges a finished run against the class challenge and shows the outcome.

    Each run is judged once: the best attempt is updated and a run that
    meets the challenge is celebrated with balloons. Drawn again (a later
    rerun), the run keeps its success message without new balloons.

    Args:
        run: The run whose results are being shown.
    """
    link = current()
    if link is None or link.challenge is None or not run.result.ok:
        return
    challenge = link.challenge
    score = first_classification_score(run, challenge.metric)
    if score is None:
        st.info(t("class.regression", metric=t(METRICS[challenge.metric])),
                icon=":material/info:")
        return
    attempt = judge(challenge, score, run.job.model.total_params())
    judge_run(run)  # already done when the run finished (RunGroup); a no-op then
    if attempt.met:
        if state.get(state.CLASS_CELEBRATE) == run.job_id:
            state.put(state.CLASS_CELEBRATE, None)  # balloons once, on the first look
            st.balloons()
        st.success(t("class.met", attempt=attempt_text(challenge, attempt)),
                   icon=":material/emoji_events:")
    elif not attempt.within_limit:
        st.warning(t("class.not_met_params", attempt=attempt_text(challenge, attempt),
                     limit=fmt_int(challenge.max_params or 0)), icon=":material/flag:")
    else:
        st.info(t("class.not_met", attempt=attempt_text(challenge, attempt),
                  goal=goal_text(challenge)), icon=":material/flag:")

"""Share links: the current setup lives in the page URL's query parameters.

On a session's first run a setup carried by the link (`funcnet.export.share`) is
restored; a link that cannot be read says why and the default setup is
used instead. After every run the current setup is written back into the
URL, so the address bar always holds a link to exactly what is on screen.
Query parameters funcnet does not own (say `lang`) are left alone.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from funcnet.export.share import (
    CHECK_PARAM,
    MAX_SETUP_CHARS,
    PRESET_PARAM,
    RESERVED_PARAMS,
    SETUP_PARAM,
    VERSION_PARAM,
    has_shared_setup,
    job_from_query,
    job_to_query,
)
from funcnet.messages import InputError
from funcnet.model.presets import PRESETS
from funcnet.model.spec import Job
from funcnet.ui import setup, state
from funcnet.ui.texts import describe_error, fmt_int, t


def _check_loadable(job: Job) -> None:
    """Raises ValueError when the job's data set cannot be loaded here or does not fit."""
    # Imported here, not at the top: data sets need pandas and scikit-learn (about a
    # second to import), and the shell imports this module for every page, the home
    # page first; only a link that carries a setup loads its data set.
    from funcnet.data.datasets import check_model_fits
    from funcnet.ui import datasets

    check_model_fits(job.model, datasets.load(job.data))


def restore_from_link() -> None:
    """On a session's first run, restores the setup a share link carries.

    A link that cannot be read (tampered, truncated, naming a data set this
    server cannot load) leaves a warning for `show_link_warning` and the
    session starts from the default setup.
    """
    if state.get(state.SHARE_CHECKED):
        return
    state.put(state.SHARE_CHECKED, True)
    params = st.query_params.to_dict()
    if not has_shared_setup(params):
        return
    try:
        job = job_from_query(params)
        _check_loadable(job)
    except InputError as error:
        if error.code != "csv.gone" or not _keep_without_upload(job):
            setup.load_preset(setup.DEFAULT_PRESET)
            setup.note_until_changed(state.SHARE_WARNING, error)
        return
    except ValueError as error:
        setup.load_preset(setup.DEFAULT_PRESET)
        # The error itself is kept: the warning is worded in the language of each run.
        setup.note_until_changed(state.SHARE_WARNING, error)
        return
    setup.replace_setup(job)
    state.put(state.PRESET, next((n for n, p in PRESETS.items() if p.job == job),
                                 setup.DEFAULT_PRESET))
    state.restart_widgets()


def _keep_without_upload(job: Job) -> bool:
    """Keeps a link's network and training when the CSV it names is not on this server.

    The upload lives on the server it was made on (or was evicted by the
    quota): the setup keeps its network (refitted to the default data set's
    columns) and its training settings, and the page says why the data differ.

    Returns:
        Whether the setup could be kept.
    """
    from funcnet.model.editing import fit_to_dataset  # loads data sets: see `_check_loadable`
    from funcnet.ui import datasets

    fallback = PRESETS[setup.DEFAULT_PRESET].job.data
    try:
        model = fit_to_dataset(job.model, datasets.load(fallback))
        kept = Job(model, fallback, job.train)
    except ValueError:
        return False
    setup.replace_setup(kept)
    state.put(state.PRESET, setup.DEFAULT_PRESET)
    state.restart_widgets()
    setup.note_until_changed(state.SHARE_WARNING, InputError("share.upload_not_here"))
    return True


def show_link_warning() -> None:
    """Shows why the opening link was not used, until the user changes the setup."""
    error = setup.reason_until_changed(state.SHARE_WARNING)
    if error is None:
        return
    if isinstance(error, InputError) and error.code == "share.upload_not_here":
        st.warning(describe_error(error), icon=":material/link_off:")
        return
    st.warning(t("share.bad_link", message=describe_error(error)), icon=":material/link_off:")


def setup_query() -> dict[str, str]:
    """Returns the share-link parameters of the current setup; `{}` if it is too large for one.

    A setup past `MAX_SETUP_CHARS` (a CSV of a thousand long column names,
    say) would make a link that funcnet itself refuses to open, so none is
    made: the Share popover points to the setup file instead.
    """
    query = job_to_query(setup.current())
    return query if len(query[SETUP_PARAM]) <= MAX_SETUP_CHARS else {}


def mirror_setup() -> None:
    """Writes the current setup into the URL's query parameters when it changed."""
    wanted = setup_query()
    current = st.query_params.to_dict()
    if PRESET_PARAM in current:
        del st.query_params[PRESET_PARAM]
    if not wanted:
        for key in (VERSION_PARAM, SETUP_PARAM, CHECK_PARAM):
            if key in current:
                del st.query_params[key]
    elif any(current.get(key) != value for key, value in wanted.items()):
        st.query_params.update(wanted)


def switch_page(route: str) -> None:
    """Opens another page with the address bar already holding the current setup.

    `st.switch_page` clears the browser's query string by default while the
    server keeps the old parameters, so `mirror_setup` on the new page saw
    nothing to write: the address bar stayed bare, then lagged one change
    behind (after an upload it named the previous setup). Passing the query
    along keeps both sides equal, and keeps parameters funcnet does not own
    (`lang`, a class link).

    Args:
        route: The page script (`funcnet.ui.routes`).
    """
    others = {key: st.query_params.get_all(key) for key in st.query_params
              if key not in RESERVED_PARAMS}
    st.switch_page(route, query_params={**others, **setup_query()})


def share_url() -> str:
    """Returns the full link to the current setup (relative when the host is unknown).

    Returns:
        The page address followed by any foreign query parameters, then
        `v`, `s` and `c` (the checksum last, so a cut link is detected).
    """
    others = [(key, value) for key, value in st.query_params.to_dict().items()
              if key not in RESERVED_PARAMS]
    query = urlencode(others + list(job_to_query(setup.current()).items()))
    try:
        base = st.context.url or ""
    except AttributeError:  # older Streamlit without st.context.url
        base = ""
    return f"{base}?{query}"


def share_control() -> None:
    """Draws the "Share" popover with the link and its copy button."""
    with st.popover(t("share.button"), icon=":material/share:", type="tertiary",
                    width="stretch"):
        if not setup_query():
            length = len(job_to_query(setup.current())[SETUP_PARAM])
            st.info(t("share.too_big", length=fmt_int(length), limit=fmt_int(MAX_SETUP_CHARS)),
                    icon=":material/link_off:")
            return
        st.markdown(t("share.intro"))
        st.code(share_url(), language=None, wrap_lines=True)
        st.caption(t("share.caption"))

"""The button that downloads a run as a one-file HTML report (`funcnet.export.report`).

The report holds plotly.js (several MB), so it is built only when the
button is clicked: Streamlit runs a callable `data` on its own thread at
click time and keeps nothing in memory before. That thread has no
session, so the callable is bound to the language of the run that drew
the button (`fixed_language`), and everything read from the session (the
data set's label, the uploaded file's name) is read while drawing. A run
that is not this session's (a stored one on Compare runs) passes its own
label, file name and finish time instead.
"""

from __future__ import annotations

import datetime as dt
import logging

import streamlit as st

from funcnet.data.datasets import UploadInfo
from funcnet.export import report
from funcnet.model.spec import Job
from funcnet.train.progress import format_duration
from funcnet.train.results import JobResult
from funcnet.ui import datasets, state
from funcnet.ui.texts import (
    describe_result_message,
    fixed_language,
    fmt_int,
    fmt_metric,
    language,
    t,
    text,
)

_LOG = logging.getLogger(__name__)


def report_locale() -> report.ReportLocale:
    """Returns the session's language as a `ReportLocale`.

    Returns:
        The texts, number formats and chart translations of the current
        language (call it on the script thread, or under `fixed_language`).
    """
    return report.ReportLocale(text=text, fmt_int=fmt_int, fmt_metric=fmt_metric,
                               duration=format_duration, lang=text("report.html_lang"),
                               language=language(),
                               describe_message=describe_result_message)


def report_file_name(job: Job, created_at: dt.datetime) -> str:
    """Returns the report's file name, e.g. `funcnet-report-moons-20250601-1403.html`.

    Args:
        job: The setup trained.
        created_at: When the report is made.

    Returns:
        The file name (the data set's registry name, never a user's text).
    """
    return f"funcnet-report-{job.data.name}-{created_at:%Y%m%d-%H%M}.html"


def report_html(job: Job, result: JobResult, *, dataset_label: str, csv_filename: str,
                created_at: dt.datetime, generated_at: dt.datetime | None = None,
                predictions_dropped: bool = False) -> str:
    """Builds the report in the current language, or a short page saying why it failed.

    Args:
        job: The setup trained.
        result: What the run left.
        dataset_label: The data set's display name.
        csv_filename: The uploaded CSV's name, for the Keras script.
        created_at: When the run finished (the title's date).
        generated_at: When the report is made (said in the footer), if known.
        predictions_dropped: Whether the run's test predictions were not kept.

    Returns:
        The HTML document.
    """
    locale = report_locale()
    try:
        return report.run_report_html(job, result, locale=locale, dataset_label=dataset_label,
                                      created_at=created_at, csv_filename=csv_filename,
                                      generated_at=generated_at,
                                      predictions_dropped=predictions_dropped)
    except Exception as error:  # noqa: BLE001 - runs off the script thread: nowhere to raise to
        # The click already started the download: hand over a page that says what went
        # wrong, in the user's language, instead of a broken file.
        _LOG.exception("building the report of a %s run failed", job.data.name)
        return report.failure_html(locale, text("report.build_failed", message=error))


def report_download(job: Job, result: JobResult, key: str, *,
                    finished_at: float | None = None, dataset_label: str | None = None,
                    csv_filename: str | None = None, predictions_dropped: bool = False) -> None:
    """Draws a button that downloads the HTML report of one run.

    Args:
        job: The setup that was trained.
        result: The run's result (completed, stopped or failed).
        key: A widget key unique on the page.
        finished_at: `time.time()` when the run finished: the report's date
            and file name. Default: when the button is drawn (right after a
            run of this session).
        dataset_label: The data set's display name. Default: this session's
            (for a CSV, named after this session's upload).
        csv_filename: The CSV name the Keras script reads. Default: this
            session's upload's name, else `"data.csv"`.
        predictions_dropped: Whether the run's test predictions were not
            kept, so the report says that instead of "no predictions".
    """
    created_at = (dt.datetime.now() if finished_at is None
                  else dt.datetime.fromtimestamp(finished_at))
    if dataset_label is None:
        dataset_label = datasets.plain_label(job.data.name)
    if csv_filename is None:
        upload: UploadInfo | None = state.get(state.UPLOAD)
        csv_filename = upload.filename if upload is not None else "data.csv"
    build = fixed_language(lambda _: report_html(
        job, result, dataset_label=dataset_label, csv_filename=csv_filename,
        created_at=created_at,
        # Said only when the title's date is the run's own, not the drawing's.
        generated_at=None if finished_at is None else dt.datetime.now(),
        predictions_dropped=predictions_dropped))
    st.download_button(
        t("report.download"), data=lambda: build(None),
        file_name=report_file_name(job, created_at), mime="text/html",
        icon=":material/summarize:", help=t("report.download_help"), key=key,
        on_click="ignore",
    )

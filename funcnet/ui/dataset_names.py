"""What a data set is called in the page (kept apart from `ui.datasets`: no pandas, for Home)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from funcnet.ui import state
from funcnet.ui.texts import t, text

if TYPE_CHECKING:
    from funcnet.data.upload import UploadInfo

__all__ = ["label", "plain_label"]


def label(name: str) -> str:
    """Returns the display name of data set `name` (the uploaded file's name for a CSV).

    Args:
        name: A key of `funcnet.data.catalog.DATASETS`.

    Returns:
        The label.
    """
    if name == "csv":
        upload: UploadInfo | None = state.get(state.UPLOAD)
        return t("build.csv_option", filename=upload.filename if upload else "?")
    return t(f"dataset.{name}.label")


def plain_label(name: str) -> str:
    """Returns `label(name)` as plain text, for sinks that are not Markdown.

    A select box's options, the HTML report (escaped by its own sink) and
    file names show text literally; Markdown escapes would show there.

    Args:
        name: A key of `funcnet.data.catalog.DATASETS`.

    Returns:
        The label, the uploaded file's name as it is.
    """
    if name == "csv":
        upload: UploadInfo | None = state.get(state.UPLOAD)
        return text("build.csv_option", filename=upload.filename if upload else "?")
    return text(f"dataset.{name}.label")

"""The format writers: `docx` and `pdf`. Each orchestrates one document; section kinds draw the sections."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
from pathlib import Path

from sprintdoc.model import Bundle

#: The master template's file name, in `templates/` (and `sprintdoc/templates` in the wheel).
TEMPLATE_NAME = "newsletter.docx"
#: Both files say that sprintdoc made them (the DOCX's application, the PDF's creator); `outline` checks it.
CREATOR = "sprintdoc"


def document_date(bundle: Bundle) -> dt.datetime:
    """The date stamped in both files, so that output is reproducible.

    SOURCE_DATE_EPOCH where set, else the first day of the month the period names (`Edition.month`), else
    2000-01-01.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    month = bundle.edition.month()
    if month is not None and month.year >= dt.MINYEAR:
        return dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def default_template() -> Path:
    """The master template shipped in the wheel (`sprintdoc/templates`), or the repository's for an editable install."""
    shipped = importlib.resources.files("sprintdoc").joinpath("templates", TEMPLATE_NAME)
    if shipped.is_file():
        return Path(str(shipped))
    return Path(__file__).resolve().parents[3] / "templates" / TEMPLATE_NAME

"""The format writers: `docx` and `pdf`. Each orchestrates one document; section kinds draw the sections."""

from __future__ import annotations

import datetime as dt
import os
import re

from sprintdoc.model import MONTHS, Bundle

#: Both files say that sprintdoc made them (the DOCX's application, the PDF's creator); `outline` checks it.
CREATOR = "sprintdoc"


def document_date(bundle: Bundle) -> dt.datetime:
    """The date stamped in both files, so that output is reproducible.

    SOURCE_DATE_EPOCH where set, else the first day of the edition's month, else 2000-01-01.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    found = re.search(r"(\w+)\s+(\d{4})", bundle.edition.period)
    if found and found.group(1).capitalize() in MONTHS:
        return dt.datetime(int(found.group(2)), MONTHS.index(found.group(1).capitalize()) + 1, 1, tzinfo=dt.UTC)
    return dt.datetime(2000, 1, 1, tzinfo=dt.UTC)

"""The outline of a .pdf that sprintdoc wrote, read from its bookmarks, named destinations and page text.

Bookmarks give the headings and their levels; the named destinations they point
at (`sprintdoc-news-1`, `sprintdoc-news-1-2`, `sprintdoc-title`) say which
bookmarks are sections, items and the masthead; a card's current stage is read
from the visible line `Current stage: …`, placed after the item whose
destination precedes it on the page.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sprintdoc.errors import OutlineError
from sprintdoc.outline import CURRENT_STAGE_PREFIX, PERIOD_MARKER, TITLE_MARKER, Outline
from sprintdoc.readers import Mark, OutlineBuilder
from sprintdoc.writers import CREATOR


@attrs.frozen(order=True)
class _Event:
    """Something found in the PDF, at a place in reading order: page, then top to bottom."""

    page: int
    down: float  # minus the height on the page, so that sorting reads top to bottom
    order: int
    kind: str = attrs.field(order=False)  # "bookmark" or "text"
    text: str = attrs.field(order=False)
    level: int = attrs.field(order=False, default=0)
    name: str | None = attrs.field(order=False, default=None)


def read_outline(path: Path) -> Outline:
    """The outline of a sprintdoc .pdf; OutlineError for a file sprintdoc did not write."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL  # a damaged file becomes one OutlineError, not log noise
    try:
        reader = PdfReader(path, strict=False)
        info: Any = reader.metadata or {}
        creator = str(info.get("/Creator", "") or "")
        if creator.strip() != CREATOR:
            raise OutlineError(f"not a document sprintdoc wrote (its creator is {creator or 'unknown'!r})")
        pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
        names = _named_destinations(reader, pages)
        events = list(_bookmarks(reader, pages, names))
        events += _current_stage_lines(reader)
    except OutlineError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise OutlineError(f"not a PDF that can be read ({err})") from None
    finally:
        quiet.setLevel(level)
    builder = OutlineBuilder()
    for event in sorted(events):
        if event.kind == "text":
            builder.text(event.text)
            continue
        if event.name == TITLE_MARKER:
            builder.title = event.text
        elif event.name == PERIOD_MARKER:
            builder.period = event.text
        else:
            marker = Mark.parse(event.name) if event.name else None
            if marker is not None and marker.item is None:
                builder.section(marker.kind, event.text)
            elif marker is not None:
                builder.item(event.text)
            else:
                builder.heading(event.text, event.level)
    return builder.outline()


def _place(dest: Any, pages: dict[int, int]) -> tuple[int, float] | None:
    """(page index, top) of an explicit destination `[page /XYZ left top zoom]`, or None."""
    array = dest.get_object() if dest is not None else None
    if isinstance(array, dict):  # a destination dictionary: the array is its /D
        array = array.get("/D")
    if array is None or len(array) < 4 or not hasattr(array[0], "idnum"):
        return None
    return pages.get(array[0].idnum, 0), round(float(array[3] or 0), 2)


def _named_destinations(reader: Any, pages: dict[int, int]) -> dict[tuple[int, float], str]:
    """(page index, top) -> name, for every destination in the catalog's /Names /Dests tree."""
    root = reader.trailer["/Root"]
    tree = root["/Names"].get_object().get("/Dests") if "/Names" in root else None
    out: dict[tuple[int, float], str] = {}

    def walk(node: Any) -> None:
        node = node.get_object()
        entries = node.get("/Names", [])
        for i in range(0, len(entries) - 1, 2):
            place = _place(entries[i + 1], pages)
            if place is not None:
                out[place] = str(entries[i])
        for kid in node.get("/Kids", []):
            walk(kid)

    if tree is not None:
        walk(tree)
    return out


def _bookmarks(reader: Any, pages: dict[int, int], names: dict[tuple[int, float], str]) -> Iterator[_Event]:
    root = reader.trailer["/Root"]
    if "/Outlines" not in root:
        return
    order = 0

    def walk(entry: Any, level: int) -> Iterator[_Event]:
        nonlocal order
        while entry is not None:
            node = entry.get_object()
            place = _place(node.get("/Dest"), pages)
            if place is not None:
                order += 1
                title = str(node.get("/Title", ""))
                yield _Event(place[0], -place[1], order, "bookmark", title, level, names.get(place))
            if "/First" in node:
                yield from walk(node["/First"], level + 1)
            entry = node.get("/Next")

    yield from walk(root["/Outlines"].get_object().get("/First"), 1)


def _current_stage_lines(reader: Any) -> list[_Event]:
    """Each visible `Current stage: …` line, with where it stands on its page."""
    prefix = CURRENT_STAGE_PREFIX.strip()
    events: list[_Event] = []
    for number, page in enumerate(reader.pages):
        pieces: list[tuple[float, str]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, pieces: list[tuple[float, str]] = pieces) -> None:
            if text:
                y = tm[5] * cm[3] + cm[5]
                pieces.append((y, text))

        page.extract_text(visitor_text=visit)
        lines: dict[float, str] = {}
        for y, text in pieces:
            key = round(y, 1)
            lines[key] = lines.get(key, "") + text
        for y, line in lines.items():
            for part in line.splitlines():
                if part.strip().startswith(prefix):
                    events.append(_Event(number, -y, 0, "text", part.strip()))
    return events

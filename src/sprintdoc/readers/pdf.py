"""The outline of a .pdf that sprintdoc wrote, read from its bookmarks, named destinations and page text.

Bookmarks give the headings and their levels; the named destinations they point
at (`sprintdoc-news-1`, `sprintdoc-news-1-2`, `sprintdoc-title`) say which
bookmarks are sections, items and the masthead; a card's current stage is read
from the visible line `Current stage: …`, placed after the item whose
destination precedes it on the page.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from typing import Any

import attrs

from sprintdoc.errors import OutlineError
from sprintdoc.outline import CURRENT_STAGE_PREFIX, PERIOD_MARKER, TITLE_MARKER, Outline
from sprintdoc.readers import Mark, OutlineBuilder, Source, opened, size_of
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


#: pypdf's limits while reading, far below its defaults (made for any PDF, up to 75 MB per
#: stream) but far above what a sprintdoc edition needs (pages of a few kB of drawing, tens of
#: bookmarks), so that a hostile file fails in well under a second instead of using gigabytes.
LIMITS = {
    "zlib_maximum_output_length": 16_000_000,
    "lzw_maximum_output_length": 16_000_000,
    "run_length_maximum_output_length": 16_000_000,
    "brotli_maximum_output_length": 16_000_000,
    "array_based_stream_maximum_output_length": 16_000_000,
    "stream_decoding_work_maximum_length": 64_000_000,
    "stream_parsing_work_maximum_count": 60_000,
    "outline_maximum_entries": 10_000,
    "named_destinations_maximum_entries": 10_000,
    "page_tree_maximum_entries": 1_000,
    "xform_maximum_invocations_per_extraction": 500,
}
#: The most operators and operands all pages together may draw, for a file of up to a megabyte: reading each
#: costs a few tens of microseconds. July 2021's seven pages (129 kB) draw about 11,000 (a third of a second).
MAX_DRAWING_WORK = 80_000
#: The most pages read in a file of up to a megabyte: each costs a millisecond or more even when empty.
MAX_PAGES = 500
#: Past a megabyte, every bound grows with the file's own size (a long edition is a big file: a thousand cards
#: draw about 0.1 thing per byte), never with what its streams inflate to. A bomb is small outside, large inside.
SCALE_BYTES = 1024 * 1024


def _scale(size: int) -> float:
    """How many times the bounds for a one-megabyte file a file of `size` bytes gets."""
    return max(1.0, size / SCALE_BYTES)


_ENCRYPTED = "encrypted: not a document sprintdoc wrote (sprintdoc never encrypts its PDFs)"


def read_outline(source: Source) -> Outline:
    """The outline of a sprintdoc .pdf (a path or a binary stream); OutlineError for a file sprintdoc did not write."""
    from pypdf import Configuration, PdfReader, apply_configuration, get_configuration
    from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

    known = {field.name for field in dataclasses.fields(Configuration)}  # older pypdf has fewer limits
    counts = ("outline_maximum_entries", "named_destinations_maximum_entries", "page_tree_maximum_entries")
    quiet = logging.getLogger("pypdf")
    level, quiet.level = quiet.level, logging.CRITICAL  # a damaged file becomes one OutlineError, not log noise
    try:
        with opened(source) as stream:
            scale = _scale(size_of(stream))
            scaled = {k: round(v * scale) if k in counts else v for k, v in LIMITS.items() if k in known}
            limits = get_configuration().with_overwrites(**scaled)
            with apply_configuration(limits):
                try:
                    reader = PdfReader(stream, strict=False)
                except DependencyError:  # only decrypting needs an optional library to open a file (AES)
                    raise OutlineError(_ENCRYPTED) from None
                if reader.is_encrypted:
                    raise OutlineError(_ENCRYPTED)
                return _read(reader, scale)
    except OutlineError:
        raise
    except LimitReachedError as err:
        raise OutlineError(f"not a document sprintdoc wrote (it is far larger inside: {err})") from None
    except (PyPdfError, DependencyError, OSError, ValueError, KeyError, TypeError, AttributeError) as err:
        raise OutlineError(f"not a PDF that can be read ({err})") from None
    finally:
        quiet.setLevel(level)


def _read(reader: Any, scale: float = 1.0) -> Outline:
    """The outline of an open PDF, if sprintdoc wrote it; `scale` multiplies the bounds (see `_scale`)."""
    info: Any = reader.metadata or {}
    creator = str(info.get("/Creator", "") or "")
    if creator.strip() != CREATOR:
        raise OutlineError(f"not a document sprintdoc wrote (its creator is {creator or 'unknown'!r})")
    if len(reader.pages) > MAX_PAGES * scale:  # (pypdf's page tree limit keeps even counting them cheap)
        raise OutlineError(f"not a document sprintdoc wrote (it has {len(reader.pages)} pages)")
    pages = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages) if page.indirect_reference}
    names = _named_destinations(reader, pages)
    events = list(_bookmarks(reader, pages, names))
    events += _current_stage_lines(reader, round(MAX_DRAWING_WORK * scale))
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


def _current_stage_lines(reader: Any, budget: int) -> list[_Event]:
    """Each visible `Current stage: …` line, with where it stands on its page."""
    prefix = CURRENT_STAGE_PREFIX.strip()
    events: list[_Event] = []
    work = 0

    def count(operator: Any, operands: Any, cm: Any, tm: Any) -> None:
        nonlocal work
        work += 1 + sum(len(o) if isinstance(o, list) else 1 for o in operands)
        if work > budget:
            raise OutlineError(f"not a document sprintdoc wrote (its pages draw over {budget} things)")

    for number, page in enumerate(reader.pages):
        page.get_contents()  # extract_text would pass over a drawing past the limits in silence; this raises
        pieces: list[tuple[float, str]] = []

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, pieces: list[tuple[float, str]] = pieces) -> None:
            if text:
                y = tm[5] * cm[3] + cm[5]
                pieces.append((y, text))

        page.extract_text(visitor_text=visit, visitor_operand_before=count)
        if work > budget:  # raised inside a form, where pypdf logs it and goes on
            count(None, (), None, None)
        lines: dict[float, str] = {}
        for y, text in pieces:
            key = round(y, 1)
            lines[key] = lines.get(key, "") + text
        for y, line in lines.items():
            for part in line.splitlines():
                if part.strip().startswith(prefix):
                    events.append(_Event(number, -y, 0, "text", part.strip()))
    return events

"""The outline of a .docx that sprintdoc wrote, read from its headings, bookmarks and visible text."""

from __future__ import annotations

import os
import re
import struct
import zipfile
from typing import IO

from lxml import etree

from sprintdoc.errors import OutlineError
from sprintdoc.outline import PERIOD_MARKER, TITLE_MARKER, Outline
from sprintdoc.readers import Mark, OutlineBuilder, Source, opened
from sprintdoc.writers import CREATOR

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_APP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"
_HEADING = re.compile(r"heading\s*(\d)", re.IGNORECASE)


#: The most a part that is read (document, styles, properties) may inflate to. July 2021's
#: document is 42 kB; a hundred pages retyped in Word stay well under this.
MAX_PART_BYTES = 8 * 1024 * 1024
#: A long edition's part may pass MAX_PART_BYTES, up to this many times its compressed size (Word's XML
#: compresses about ten times, a zip bomb a thousand) and at most MAX_LONG_PART_BYTES (thousands of cards).
INFLATION, MAX_LONG_PART_BYTES = 40, 32 * 1024 * 1024
#: The most a package's table of contents may hold. Opening a .docx reads it whole, so
#: it is checked first: a small file can list hundreds of thousands of empty parts.
MAX_PARTS, MAX_DIRECTORY_BYTES = 10_000, 1024 * 1024
_END = struct.Struct("<4s4H2LH")  # the zip's end-of-directory record
_END_SIGNATURE, _ZIP64_LOCATOR = b"PK\x05\x06", b"PK\x06\x07"


def read_outline(source: Source) -> Outline:
    """The outline of a sprintdoc .docx (a path or a binary stream); OutlineError for a file sprintdoc did not write."""
    try:
        with opened(source) as stream:
            _check_directory(stream)
            with zipfile.ZipFile(stream) as z:
                app = _xml(z, "docProps/app.xml")
                document = _xml(z, "word/document.xml")
                styles = _xml(z, "word/styles.xml")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as err:
        raise OutlineError(f"not a Word document that can be read ({err})") from None
    application = app.findtext(f"{_APP}Application") if app is not None else None
    if (application or "").strip() != CREATOR:
        raise OutlineError(f"not a document sprintdoc wrote (its application is {application or 'unknown'!r})")
    assert document is not None
    levels = _heading_levels(styles)
    builder = OutlineBuilder()
    captures: dict[str, list[str]] = {}
    open_ids: dict[str, str] = {}
    #: The lines of each item marker around more than one paragraph (a table row's first cell), and its item.
    spans: dict[str, tuple[tuple[int, int] | None, list[str]]] = {}
    for p in document.iter(f"{W}p"):
        text = []
        marks = []
        spanning = [spans[name][1] for name in open_ids.values() if name in spans]
        for el in p.iter(f"{W}t", f"{W}tab", f"{W}br", f"{W}bookmarkStart", f"{W}bookmarkEnd"):
            if el.tag == f"{W}bookmarkStart":
                name = el.get(f"{W}name", "")
                open_ids[el.get(f"{W}id", "")] = name
                captures.setdefault(name, [])
                marks.append(name)
            elif el.tag == f"{W}bookmarkEnd":
                open_ids.pop(el.get(f"{W}id", ""), None)
            else:
                piece = el.text or "" if el.tag == f"{W}t" else " "
                text.append(piece)
                for name in open_ids.values():
                    captures[name].append(piece)
        line = "".join(text)
        style = p.find(f"{W}pPr/{W}pStyle")
        level = levels.get(style.get(f"{W}val", "") if style is not None else "", 0)
        marker = next((m for m in (Mark.parse(name) for name in marks) if m is not None), None)
        if marker is not None and marker.item is None:
            builder.section(marker.kind, line)
        elif marker is not None:
            where = builder.item(line)
            name = next(name for name in marks if Mark.parse(name) == marker)
            if name in open_ids.values():  # the marker runs on past this paragraph
                spans[name] = (where, [line])
        elif level:
            builder.heading(line, level)
        else:
            builder.text(line)
        for lines in spanning:
            lines.append(line)
    for where, lines in spans.values():
        if where is not None:
            builder.retitle(where, " ".join(line for line in lines if line.strip()))
    builder.title = "".join(captures.get(TITLE_MARKER, []))
    builder.period = "".join(captures.get(PERIOD_MARKER, []))
    return builder.outline()


def _check_directory(f: IO[bytes]) -> None:
    """Refuse a package whose table of contents is far larger than a document's (read before zipfile reads it)."""
    size = f.seek(0, os.SEEK_END)
    f.seek(max(0, size - _END.size - 0xFFFF))  # the record sits at the end, before a comment of at most 64 kB
    tail = f.read()
    f.seek(0)
    at = tail.rfind(_END_SIGNATURE)
    if at < 0 or at + _END.size > len(tail):
        return  # not a zip: zipfile says so
    *_, parts, directory, _offset, _comment = _END.unpack_from(tail, at)
    if parts > MAX_PARTS or directory > MAX_DIRECTORY_BYTES or tail[max(0, at - 20) : at].startswith(_ZIP64_LOCATOR):
        raise OutlineError(f"not a document sprintdoc wrote (its package lists too many parts: {parts})")


def _xml(z: zipfile.ZipFile, name: str) -> etree._Element | None:
    """A part parsed, or None if the package has none; OutlineError if it inflates past MAX_PART_BYTES."""
    try:
        info = z.getinfo(name)
    except KeyError:
        return None
    bound = min(MAX_LONG_PART_BYTES, max(MAX_PART_BYTES, INFLATION * info.compress_size))
    too_big = OutlineError(f"not a document sprintdoc wrote (its {name} inflates to over {bound >> 20} MB)")
    if info.file_size > bound:
        raise too_big
    with z.open(info) as stream:
        data = stream.read(bound + 1)  # never more than the bound, whatever size the header declares
    if len(data) > bound:
        raise too_big
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.fromstring(data, parser)


def _heading_levels(styles: etree._Element | None) -> dict[str, int]:
    """Style id -> heading level, from the styles' names (`Heading 2`) or their outline level."""
    levels: dict[str, int] = {}
    if styles is None:
        return levels
    for style in styles.iter(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        name = style.find(f"{W}name")
        found = _HEADING.fullmatch((name.get(f"{W}val", "") if name is not None else "").strip())
        if found:
            levels[style_id] = int(found.group(1))
    return levels

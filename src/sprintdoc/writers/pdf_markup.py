"""reportlab Paragraph markup built from text and Spans, escaping every character of user text.

reportlab's Paragraph parses a mini-HTML: raw user text given to it turns
`S&P 500` into `S&P; 500`, drops `<select>` and opens `<img src="…">` from disk.
So markup is only ever made here, from our own tags and escaped text. A character
the theme's font cannot draw is wrapped in a shipped fallback font that can.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from xml.sax.saxutils import escape

from sprintdoc.fonts import Faces, coverage, font_for
from sprintdoc.markdown import Span

_ENTITIES = {'"': "&quot;", "'": "&#39;"}
#: The longest paragraph (in words) handed to reportlab whole; longer ones are cut at sentence ends (see `chunks`).
CHUNK_WORDS = 400


def text_markup(text: str, faces: Faces) -> str:
    """Markup that shows `text` exactly (line breaks as line breaks), in the given family with fallbacks."""
    return "<br/>".join(_with_fallbacks(line, faces) for line in text.split("\n"))


def spans_markup(spans: Iterable[Span], faces: Faces, link_colour: str) -> str:
    """Markup for a run of spans: bold, italic, links (underlined, in `link_colour`), hard breaks."""
    out = []
    for span in spans:
        if span.text == "\n":
            out.append("<br/>")
            continue
        piece = text_markup(span.text, faces)
        if span.italic:
            piece = f"<i>{piece}</i>"
        if span.bold:
            piece = f"<b>{piece}</b>"
        if span.link:
            piece = f'<a href="{attribute(span.link)}" color="{link_colour}"><u>{piece}</u></a>'
        out.append(piece)
    return "".join(out)


def attribute(value: str) -> str:
    """A value escaped for a markup attribute in double quotes."""
    return escape(value, _ENTITIES)


def _with_fallbacks(text: str, faces: Faces) -> str:
    if _drawable(faces.regular).issuperset(text):  # the usual case: no font switches, checked at C speed
        return escape(text)
    own = coverage(faces.regular)
    if all(ord(c) in own or c.isspace() for c in text):
        return escape(text)
    out: list[str] = []
    run: list[str] = []
    run_faces: Faces | None = faces

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        if run_faces is None or run_faces == faces:
            out.append(chunk)
        else:
            out.append(f'<font face="{run_faces.names()[0]}">{chunk}</font>')
        run.clear()

    for char in text:
        found = faces if char.isspace() or ord(char) in own else font_for(char, faces)
        # A character no font has stays in the theme's font: it still reads back as typed.
        found = found or faces
        if found != run_faces:
            flush()
            run_faces = found
        run.append(char)
    flush()
    return "".join(out)


@functools.cache
def _drawable(font: Path) -> frozenset[str]:
    """The characters a font file has glyphs for."""
    return frozenset(map(chr, coverage(font)))


def fallback_faces(text: str, faces: Faces) -> set[Faces]:
    """The fallback families a text needs beside `faces` (they must be registered before drawing)."""
    own = coverage(faces.regular)
    needed = set()
    for char in set(text):
        if not char.isspace() and ord(char) not in own:
            found = font_for(char, faces)
            if found is not None and found != faces:
                needed.add(found)
    return needed


_SENTENCE_END = re.compile(r"[.!?;:…][\"'”’)\]]*$")


def chunks(spans: tuple[Span, ...], limit: int = CHUNK_WORDS) -> Iterator[tuple[Span, ...]]:
    """A very long paragraph as runs of about `limit` words, cut after a sentence where one is near.

    reportlab re-breaks the rest of a paragraph each time it splits it over a page,
    so one paragraph of n words costs n²; runs of bounded length keep it linear.
    A paragraph of up to `limit` words comes back whole.
    """
    words = sum(len(span.text.split()) for span in spans)
    if words <= limit:
        yield spans
        return
    current: list[Span] = []
    count = 0
    for span in spans:
        pieces = re.split(r"(\s+)", span.text) if span.text != "\n" else [span.text]
        buffer: list[str] = []
        for piece in pieces:
            buffer.append(piece)
            if not piece or piece.isspace():
                continue
            count += 1
            at_sentence = bool(_SENTENCE_END.search(piece))
            if (count >= limit and at_sentence) or count >= limit * 3 // 2:
                current.append(_like(span, "".join(buffer)))
                yield tuple(current)
                current, count, buffer = [], 0, []
        if any(buffer):
            current.append(_like(span, "".join(buffer)))
    if current:
        yield tuple(current)


def _like(span: Span, text: str) -> Span:
    return Span(text, span.bold, span.italic, span.link)

"""The structure tree of a newsletter: what a bundle implies, and what a finished .docx, .pdf or .html shows.

Every edition carries markers for sections and items (`sprintdoc-news-1`,
`sprintdoc-news-1-2`: Word bookmarks, PDF named destinations, the web page's element
ids), real headings, and a visible "Current stage: …" line on each card that has one;
this module reads those back. It never reads a hidden copy of the bundle.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import IO, Any

import attrs

from sprintdoc.errors import OutlineError
from sprintdoc.model import Bundle
from sprintdoc.registry import OutlineItem, Registry, default_registry

#: The visible words that say a card's current stage, in both documents.
CURRENT_STAGE_PREFIX = "Current stage: "
#: The markers around the masthead's title and period (Word bookmarks, PDF named destinations).
TITLE_MARKER, PERIOD_MARKER = "sprintdoc-title", "sprintdoc-period"
#: The largest file `read` opens. An edition with many full-size photos is tens of MB; anything
#: far larger is not one, and reading it would cost time and memory for nothing.
MAX_FILE_BYTES = 256 * 1024 * 1024


def marker(kind: str, section: int, item: int | None = None) -> str:
    """The name of a section's (or an item's) marker: `sprintdoc-news-1`, `sprintdoc-news-1-2` (1-based)."""
    return f"sprintdoc-{kind}-{section}" if item is None else f"sprintdoc-{kind}-{section}-{item}"


@attrs.frozen
class OutlineSection:
    """A section of the outline: its kind, title and items."""

    kind: str
    title: str | None = None
    items: tuple[OutlineItem, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The section in interface.md's JSON shape."""
        out: dict[str, Any] = {"kind": self.kind}
        if self.title:
            out["title"] = self.title
        if self.items:
            out["items"] = [item.to_json() for item in self.items]
        return out


@attrs.frozen
class Outline:
    """A newsletter's structure: edition title and period, then its sections."""

    title: str
    period: str
    sections: tuple[OutlineSection, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The outline in interface.md's JSON shape (keys in order, empty fields left out)."""
        return {"title": self.title, "period": self.period, "sections": [s.to_json() for s in self.sections]}

    def to_text(self) -> str:
        """The outline as indented lines, for people."""
        lines = [f"{self.title} — {self.period}"]
        for section in self.sections:
            lines.append(f"  [{section.kind}] {section.title or ''}".rstrip())
            for item in section.items:
                lines.append(f"    {item.title}")
                lines.extend(f"      - {heading}" for heading in item.headings)
                if item.current_stage:
                    lines.append(f"      {CURRENT_STAGE_PREFIX}{item.current_stage}")
        return "\n".join(lines)


def implied(bundle: Bundle, registry: Registry | None = None) -> Outline:
    """The outline a bundle implies: what both of its documents must show."""
    registry = registry or default_registry()
    sections = []
    for section in bundle.sections:
        kind = registry.kind_of(section)
        sections.append(OutlineSection(kind.name, section.title, tuple(kind.items(section))))
    return Outline(bundle.edition.title, bundle.edition.period, tuple(sections))


#: What `read` reads: a document's path, its bytes, or a binary file object holding them.
Document = str | os.PathLike[str] | bytes | bytearray | memoryview | IO[bytes]


def read(document: Document) -> Outline:
    """The outline of a .docx, .pdf, .html or .eml that sprintdoc wrote; OutlineError for any other file.

    A path's format is its suffix; bytes and file objects (`render(bundle, "pdf")`) are read in
    memory, their format told by their content: a zip package is a .docx, `%PDF` a .pdf, a page
    beginning `<!DOCTYPE html` or `<html` a web page, header lines with `MIME-Version:` an e-mail.
    """
    if isinstance(document, str | os.PathLike):
        return _read_path(Path(document))
    if isinstance(document, bytes | bytearray | memoryview):
        data = bytes(document)
    else:
        data = document.read(MAX_FILE_BYTES + 1)
    if not isinstance(data, bytes):
        raise OutlineError(f"expected a binary file, got one that reads {type(data).__name__}; open it with 'rb'")
    if len(data) > MAX_FILE_BYTES:
        raise OutlineError(f"not a document sprintdoc wrote (it is over {MAX_FILE_BYTES >> 20} MB)")
    if data.startswith(b"PK\x03\x04"):
        from sprintdoc.readers.docx import read_outline as read_docx

        return read_docx(io.BytesIO(data))
    if data.startswith(b"%PDF-"):
        from sprintdoc.readers.pdf import read_outline as read_pdf

        return read_pdf(io.BytesIO(data))
    from sprintdoc.readers.html import looks_like_email, looks_like_html

    if looks_like_html(data):
        from sprintdoc.readers.html import read_outline as read_html

        return read_html(io.BytesIO(data))
    if looks_like_email(data):
        from sprintdoc.readers.html import read_email_outline

        return read_email_outline(io.BytesIO(data))
    raise OutlineError(
        "not a .docx, .pdf, .html or .eml: its content is neither a zip package, a PDF, a web page nor an e-mail"
    )


def _read_path(file: Path) -> Outline:
    if file.is_dir():
        raise OutlineError("is a folder; give a .docx, .pdf, .html or .eml file")
    if not file.exists():
        raise OutlineError("no such file")
    if not file.is_file():
        raise OutlineError("is not a regular file; give a .docx, .pdf, .html or .eml file")
    if file.stat().st_size > MAX_FILE_BYTES:
        raise OutlineError(f"not a document sprintdoc wrote (it is over {MAX_FILE_BYTES >> 20} MB)")
    suffix = file.suffix.lower()
    if suffix == ".docx":
        from sprintdoc.readers.docx import read_outline as read_docx

        return read_docx(file)
    if suffix == ".pdf":
        from sprintdoc.readers.pdf import read_outline as read_pdf

        return read_pdf(file)
    if suffix in (".html", ".htm"):
        from sprintdoc.readers.html import read_outline as read_html

        return read_html(file)
    if suffix == ".eml":
        from sprintdoc.readers.html import read_email_outline

        return read_email_outline(file)
    raise OutlineError(f"expected a .docx, .pdf, .html or .eml file, got {file.name!r}")

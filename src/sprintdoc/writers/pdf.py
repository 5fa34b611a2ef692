"""The PDF newsletter, drawn natively with reportlab: masthead, sections in bundle order, closing, footer.

`write` orchestrates: each section kind draws its own section through a `PdfContext`
(`pdf_context.py`), the PDF's answer to every call of `sprintdoc.drawing.Drawing`;
`pdf_page.py` lays out the pages (frame, footer, page count, named destinations),
`pdf_flowables.py` holds the PDF's own flowables and `pdf_look.py` its styles, read from the Word template.

Navigation: section and item headings carry the outline's markers
(`sprintdoc-news-1`, `sprintdoc-news-1-2`) as named destinations in the
catalog's /Names tree, and every heading is a bookmark at its level.
"""

from __future__ import annotations

import contextlib
import functools
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from sprintdoc.errors import TemplateWarning
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry, default_registry
from sprintdoc.writers import default_template
from sprintdoc.writers.pdf_context import PdfContext, Role
from sprintdoc.writers.pdf_flowables import IMAGE_DPI
from sprintdoc.writers.pdf_look import pdf_look
from sprintdoc.writers.pdf_metadata import install
from sprintdoc.writers.pdf_page import NewsletterCanvas, NewsletterDocument, stamp

__all__ = ["IMAGE_DPI", "PdfContext", "Role", "roles", "write"]


def write(bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None:
    """Write the PDF newsletter of `bundle` to a binary stream, styled by the Word `template` (default: shipped)."""
    ctx = _draw(bundle, registry, template)
    # The file goes into `stream` object by object as reportlab formats it (`pdf_save`), with no copy of our own
    # between (at thousands of cards the PDF is tens of megabytes).
    document = NewsletterDocument(stream, bundle, ctx)
    try:
        with _binary_streams():
            document.build(
                ctx.root_story, canvasmaker=functools.partial(NewsletterCanvas, stamp=stamp(bundle), ctx=ctx)
            )
    finally:
        document.release()


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Streams compressed only, not also ASCII85-encoded: a quarter smaller, and reportlab's pure-Python
    ASCII85 encoder was a sixth of the PDF step. Set for this document only (reportlab keeps it globally)."""
    from reportlab import rl_config

    before, rl_config.useA85 = rl_config.useA85, 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def roles(bundle: Bundle, registry: Registry | None = None) -> list[Role]:
    """The structure role of every element the PDF of `bundle` draws, in reading order."""
    return list(_draw(bundle, registry or default_registry()).roles)


def _draw(bundle: Bundle, registry: Registry, template: Path | None = None) -> PdfContext:
    install()
    template = template or default_template()
    look = pdf_look(template, bundle.theme, bundle.root)
    for message in look.warnings:
        warnings.warn(TemplateWarning(f"{template.name}: {message}"), stacklevel=3)
    ctx = PdfContext(bundle, look)
    ctx.masthead()
    for n, section in enumerate(bundle.sections, start=1):
        kind = registry.kind_of(section)
        ctx.begin_section(kind.name, n)
        kind.drawer("pdf")(section, ctx)
    ctx.closing()
    ctx.record("decoration", "running footer: page number and edition")
    return ctx

"""The web edition: one self-contained HTML5 page, drawn through the same `Drawing` calls as the other two.

`write` orchestrates: the page's head (language, title, style sheet), the masthead in a
`header`, a `nav` listing the sections, each section kind drawing its own section through an
`HtmlContext` (`html_context.py`) in `main`, and the closing in a `footer`. The page has no
script and makes no request: its CSS is in a `<style>` (`html_look.py`, from the Word
template and the theme), its images are `data:` URIs scaled for the screen. The tree is built
with lxml, so every text is escaped by construction (`html_tree.py`).
"""

from __future__ import annotations

from pathlib import Path
from typing import IO

from lxml import etree

from sprintdoc.errors import SprintdocError
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry
from sprintdoc.writers import CREATOR, default_template, document_date
from sprintdoc.writers.html_context import HtmlContext
from sprintdoc.writers.html_look import html_look
from sprintdoc.writers.html_tree import element

__all__ = ["HtmlContext", "HtmlRenderError", "drawn", "page", "write"]


class HtmlRenderError(SprintdocError, ValueError):
    """A section the web page cannot draw: its kind has only `docx=` and `pdf=` drawings."""


def write(bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None:
    """Write the web page of `bundle` to a binary stream, styled from the Word `template` (default: shipped)."""
    stream.write(page(bundle, registry, template))


def page(bundle: Bundle, registry: Registry, template: Path | None = None) -> bytes:
    """The page's bytes: UTF-8 HTML5, the same bytes for the same bundle."""
    ctx = drawn(bundle, registry)
    style = element(ctx.head, "style")
    style.text = html_look(template or default_template(), bundle.theme).css  # our own CSS: font names are escaped
    return etree.tostring(ctx.html, method="html", encoding="utf-8", doctype="<!DOCTYPE html>") + b"\n"


def drawn(bundle: Bundle, registry: Registry) -> HtmlContext:
    """The page's tree with no style sheet: its head's metadata, the masthead, every section, the closing (the
    e-mail edition lays out and styles this same tree)."""
    ctx = HtmlContext(bundle)
    edition = bundle.edition
    element(ctx.head, "meta", charset="utf-8")
    element(ctx.head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    element(ctx.head, "meta", name="generator", content=CREATOR)
    # stamped as the Word and PDF files are (`document_date`: SOURCE_DATE_EPOCH, else the edition's month)
    element(ctx.head, "meta", name="dcterms.created", content=document_date(bundle).strftime("%Y-%m-%dT%H:%M:%SZ"))
    element(ctx.head, "title", f"{edition.title} — {edition.period}")
    ctx.masthead()
    for n, section in enumerate(bundle.sections, start=1):
        kind = registry.kind_of(section)
        if kind.html is None and kind.draw is None:
            raise HtmlRenderError(
                f"section {n} ({kind.name!r}) cannot be drawn in the web page: its kind gives only Word and PDF "
                "drawings; give it a `draw` (or an `html=`), or generate -f docx,pdf"
            )
        ctx.begin_section(kind.name, n)
        kind.drawer("html")(section, ctx)
    if not len(ctx.nav[1]):
        ctx.body.remove(ctx.nav)  # no titled section: a contents list with nothing in it helps no one
    ctx.closing()
    return ctx

"""A Word template's look, read into a model no format owns, so the PDF can draw with the template's own styles.

`read_look(template)` opens a .docx (a path or its bytes) and resolves its styles the way Word does: the document
defaults (`w:docDefaults`), then each style's `w:basedOn` chain from the root down, then the style's own
properties; theme fonts and theme colours come from `word/theme/theme1.xml`. It also reads the page set-up of
the last section and the text of its headers and footers. A look is read once per template content and cached.

Styles are found by name as Word finds them: without regard to case (LibreOffice saves `Heading 1` where Word
saves `heading 1`) and through the names LibreOffice gives Word's built-in styles (`Internet Link`).
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import attrs
from lxml import etree

from sprintdoc.errors import SprintdocError
from sprintdoc.template_look_parts import Break, Field, PartText, Tab, Text, part_text
from sprintdoc.template_look_styles import (
    Borders,
    CellMargins,
    LineSpacing,
    ResolvedStyle,
    StyleSheet,
    TableStyle,
    normalise_style_name,
)
from sprintdoc.template_look_xml import Border, R, measure, on, parser, read_theme, w

__all__ = [
    "Border",
    "Borders",
    "Break",
    "CellMargins",
    "Field",
    "LineSpacing",
    "PageSetup",
    "PartText",
    "ResolvedStyle",
    "Tab",
    "TableStyle",
    "TemplateLook",
    "TemplateLookError",
    "Text",
    "normalise_style_name",
    "read_look",
]

#: The largest part read from a template (a styles part is a few hundred kB at most).
MAX_PART = 32 * 1024 * 1024
#: Looks kept in the cache, newest last.
CACHED = 16


class TemplateLookError(SprintdocError, ValueError):
    """A template whose look cannot be read: not a .docx, or a part that is not well-formed XML."""


@attrs.frozen
class PageSetup:
    """The page of the template's last section, in points."""

    width: float
    height: float
    orientation: Literal["portrait", "landscape"]
    top: float
    bottom: float
    left: float
    right: float
    header: float
    footer: float
    gutter: float
    title_page: bool


@attrs.frozen
class TemplateLook:
    """What a Word template says about how the newsletter looks: styles, table styles, page, header and footer.

    `styles` and `table_styles` are keyed by `normalise_style_name`; look them up with `style` and
    `table_style`. `first_header_text` and `first_footer_text` are None unless the section has a distinct
    first page (`w:titlePg`). `ambiguous` names the keys that more than one style answered to (LibreOffice
    adds its own `Caption` beside Word's `caption`); the one Word's spelling names was kept.
    """

    styles: Mapping[str, ResolvedStyle]
    table_styles: Mapping[str, TableStyle]
    page: PageSetup
    header_text: PartText
    footer_text: PartText
    first_header_text: PartText | None
    first_footer_text: PartText | None
    default_paragraph: ResolvedStyle
    ambiguous: frozenset[str]

    def style(self, name: str) -> ResolvedStyle | None:
        """The paragraph or character style Word would find under `name` (`heading 1`, `Heading 1`, `Caption`)."""
        return self.styles.get(normalise_style_name(name))

    def table_style(self, name: str) -> TableStyle | None:
        """The table style Word would find under `name` (`Stage Strip`)."""
        return self.table_styles.get(normalise_style_name(name))


_cache: dict[str, TemplateLook] = {}
_cache_lock = threading.Lock()


def read_look(template: Path | bytes) -> TemplateLook:
    """The look of a Word template (a path or the file's bytes), read once per content and cached."""
    shown = "the template" if isinstance(template, bytes) else str(template)
    try:
        data = template if isinstance(template, bytes) else Path(template).read_bytes()
    except OSError as err:
        raise TemplateLookError(f"{shown}: cannot read it ({err.strerror or err})") from None
    digest = hashlib.sha256(data).hexdigest()
    with _cache_lock:
        look = _cache.get(digest)
    if look is None:
        look = _read(data, shown)
        with _cache_lock:
            _cache[digest] = look
            while len(_cache) > CACHED:
                del _cache[next(iter(_cache))]
    return look


# -- the package ------------------------------------------------------------------------------------


class _Package:
    """A .docx opened for reading: its parts as XML, and the parts a relationship names."""

    def __init__(self, data: bytes, shown: str) -> None:
        self.shown = shown
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
        except zipfile.BadZipFile:
            raise TemplateLookError(f"{shown} is not a Word .docx template (not a zip package)") from None

    def xml(self, name: str | None) -> etree._Element | None:
        """A part's root element; None when the package lacks it."""
        if name is None:
            return None
        try:
            info = self.zip.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART:
            raise TemplateLookError(f"{self.shown}: {name}: {info.file_size:,} bytes, over {MAX_PART:,}")
        try:
            return etree.fromstring(self.zip.read(info), parser())
        except etree.XMLSyntaxError as err:
            raise TemplateLookError(f"{self.shown}: {name}: not well-formed XML: {err.msg}") from None
        except (zipfile.BadZipFile, OSError, EOFError) as err:
            raise TemplateLookError(f"{self.shown}: {name}: cannot be unpacked ({err})") from None

    def related(self, part: str) -> dict[str, tuple[str, str]]:
        """A part's relationships: id → (type's last word, the target part's name)."""
        folder, base = posixpath.split(part)
        rels = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        found: dict[str, tuple[str, str]] = {}
        for rel in rels if rels is not None else ():
            target = rel.get("Target")
            if not target or rel.get("TargetMode") == "External":
                continue
            name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], name)
        return found


def _read(data: bytes, shown: str) -> TemplateLook:
    package = _Package(data, shown)
    main = next((t for kind, t in package.related("").values() if kind == "officeDocument"), "word/document.xml")
    document = package.xml(main)
    if document is None or document.find(w("body")) is None:
        raise TemplateLookError(f"{shown}: {main}: not a Word document (a w:document with a w:body)")
    related = package.related(main)
    by_kind = dict(related.values())
    theme = read_theme(package.xml(by_kind.get("theme")))
    styles = StyleSheet(package.xml(by_kind.get("styles")), theme)
    sections = document.findall(f"{w('body')}//{w('sectPr')}")
    last = document.find(f"{w('body')}/{w('sectPr')}")
    page = _page(last if last is not None else etree.Element(w("sectPr")))

    def text_of(kind: str, which: str) -> PartText:
        # A section without its own header or footer of a kind shows the previous section's.
        for section in reversed(sections):
            for ref in section.findall(w(f"{kind}Reference")):
                if ref.get(w("type"), "default") == which:
                    target = related.get(ref.get(f"{{{R}}}id", ""), ("", None))[1]
                    return part_text(package.xml(target), styles.by_id, styles.default_paragraph)
        return PartText()

    first = page.title_page
    return TemplateLook(
        styles=styles.named,
        table_styles=styles.tables,
        page=page,
        header_text=text_of("header", "default"),
        footer_text=text_of("footer", "default"),
        first_header_text=text_of("header", "first") if first else None,
        first_footer_text=text_of("footer", "first") if first else None,
        default_paragraph=styles.default_paragraph,
        ambiguous=frozenset(styles.ambiguous),
    )


def _page(section: etree._Element) -> PageSetup:
    size = section.find(w("pgSz"))
    margins = section.find(w("pgMar"))

    def twips(element: etree._Element | None, name: str, default: float) -> float:
        found = measure(element.get(w(name)), 20) if element is not None else None
        # A negative top or bottom margin only tells Word not to move text below a tall header.
        return abs(found) if found is not None else default

    width, height = twips(size, "w", 595.3), twips(size, "h", 841.9)
    orient = size.get(w("orient")) if size is not None else None
    return PageSetup(
        width=width,
        height=height,
        orientation="landscape" if orient == "landscape" or (orient is None and width > height) else "portrait",
        top=twips(margins, "top", 72.0),
        bottom=twips(margins, "bottom", 72.0),
        left=twips(margins, "left", 72.0),
        right=twips(margins, "right", 72.0),
        header=twips(margins, "header", 36.0),
        footer=twips(margins, "footer", 36.0),
        gutter=twips(margins, "gutter", 0.0),
        title_page=bool(on(section.find(w("titlePg")))),
    )

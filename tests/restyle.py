"""A Word template restyled in code the way a comms officer restyles it in Word (Modify Style, Page Setup, footer)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import attrs
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@attrs.frozen
class Restyle:
    """What is changed: each None leaves the template as it is."""

    heading1_colour: str | None = None  # RRGGBB
    heading2_font: str | None = None
    body_size: float | None = None  # pt
    title_size: float | None = None  # pt
    footer_words: str | None = None  # put before the footer's first text
    margins_cm: float | None = None


#: The restyle the issue names: heading colour, heading font, body size, title size, footer text, margins.
COMMS_OFFICER = Restyle(
    heading1_colour="00703C",
    heading2_font="DejaVu Serif",
    body_size=12,
    title_size=36,
    footer_words="Essex Data Partnership",
    margins_cm=2.5,
)


def _style(styles: etree._Element, name: str) -> etree._Element:
    """A style by its name as Word or LibreOffice writes it (`heading 1` or `Heading 1`)."""
    for style in styles.iter(f"{W}style"):
        found = style.find(f"{W}name")
        if found is not None and found.get(f"{W}val", "").lower() == name.lower():
            return style
    raise KeyError(name)


def _child(parent: etree._Element, tag: str, before: tuple[str, ...] = ()) -> etree._Element:
    found = parent.find(f"{W}{tag}")
    if found is None:
        found = etree.SubElement(parent, f"{W}{tag}")
        for name in before:  # keep the schema's order where it matters
            sibling = parent.find(f"{W}{name}")
            if sibling is not None:
                sibling.addprevious(found)
                break
    return found


def _rpr(style: etree._Element) -> etree._Element:
    return _child(style, "rPr")


def restyle(template: Path, out: Path, change: Restyle) -> Path:
    """A copy of `template` at `out` with `change` made to its styles, footers and page margins."""
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/styles.xml":
                data = _styles(data, change)
            elif change.footer_words and re.fullmatch(r"word/footer\d*\.xml", item.filename):
                root = etree.fromstring(data)
                first = next(root.iter(f"{W}t"))
                first.text = f"{change.footer_words} · {first.text or ''}"
                first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            elif change.margins_cm and item.filename == "word/document.xml":
                root = etree.fromstring(data)
                twips = str(round(change.margins_cm / 2.54 * 1440))
                for margins in root.iter(f"{W}pgMar"):
                    for side in ("top", "bottom", "left", "right"):
                        margins.set(f"{W}{side}", twips)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            zout.writestr(item, data)
    return out


def _styles(data: bytes, change: Restyle) -> bytes:
    styles = etree.fromstring(data)
    if change.heading1_colour:
        _child(_rpr(_style(styles, "heading 1")), "color").set(f"{W}val", change.heading1_colour)
    if change.heading2_font:
        fonts = _child(_rpr(_style(styles, "heading 2")), "rFonts")
        for attr in list(fonts.attrib):
            del fonts.attrib[attr]
        for attr in ("ascii", "hAnsi", "cs", "eastAsia"):
            fonts.set(f"{W}{attr}", change.heading2_font)
    if change.body_size:
        half_points = str(round(change.body_size * 2))
        for size in ("sz", "szCs"):
            _child(_rpr(_style(styles, "Normal")), size).set(f"{W}val", half_points)
    if change.title_size:
        _child(_rpr(_style(styles, "Title")), "sz").set(f"{W}val", str(round(change.title_size * 2)))
    return etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)

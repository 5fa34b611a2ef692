"""The Word styles sprintdoc draws with: which style each role uses, and how a theme paints them.

The master template (`templates/newsletter.docx`, built by `tools/make_template.py`)
defines every style named here; the comms team restyles them in Word. A template
that lacks one (a `--template` made elsewhere) gets it copied from the master, so
any .docx works as a template. A theme other than `default` is painted onto the
styles at write time; with the default theme the template's own look stands.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree

from sprintdoc.theme import Theme
from sprintdoc.writers.style_roles import BORDERED, CHARACTER, FILLED, PARAGRAPH, TABLE, THEMED, changed, colour

__all__ = ["CHARACTER", "PARAGRAPH", "TABLE", "apply_theme", "ensure_styles", "find", "ui_name"]

#: Names other applications give a Word built-in style (lower case): LibreOffice's `Internet Link` is Word's Hyperlink.
OTHER_NAMES: dict[str, tuple[str, ...]] = {"hyperlink": ("internet link",)}

StyleType = Literal["paragraph", "character", "table"]
_TYPES: tuple[StyleType, ...] = ("paragraph", "character", "table")


def style_type(name: str) -> StyleType:
    """The type of a style sprintdoc looks up by name: character and table styles by their table, else paragraph."""
    if name in CHARACTER.values():
        return "character"
    return "table" if name in TABLE.values() else "paragraph"


def _names(style: Any) -> tuple[str, tuple[str, ...]]:
    """A `w:style`'s name and its aliases (Word's `w:aliases`, comma-separated), each as given."""
    name = style.find(qn("w:name"))
    aliases = style.find(qn("w:aliases"))
    given = name.get(qn("w:val"), "") if name is not None else ""
    others = (aliases.get(qn("w:val"), "") if aliases is not None else "").split(",")
    return given, tuple(a.strip() for a in others if a.strip())


def find(styles_element: Any, name: str, kind: StyleType | None = None) -> Any:
    """The `w:style` Word would take for `name` (of type `kind`, default by `style_type`), or None.

    Word matches style names whatever their case, so `Heading 1` (as LibreOffice writes it) is
    Word's built-in `heading 1`. The exact name wins, then the name in any case, then a style
    that lists it among its aliases, then a name another application gives that style.
    """
    kind = kind or style_type(name)
    folded = name.casefold()
    others = OTHER_NAMES.get(folded, ())
    ranked: list[tuple[int, Any]] = []
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type"), "paragraph") != kind:
            continue
        given, aliases = _names(style)
        if given == name:
            return style
        if given.casefold() == folded:
            ranked.append((1, style))
        elif folded in (a.casefold() for a in aliases):
            ranked.append((2, style))
        elif given.casefold() in others:
            ranked.append((3, style))
    return min(ranked, key=lambda pair: pair[0])[1] if ranked else None


def ui_name(name: str) -> str:
    """A style's name as Word shows it (`Heading 1` for the `heading 1` of styles.xml)."""
    from docx.styles import BabelFish

    return str(BabelFish.internal2ui(name))


@attrs.frozen
class Added:
    """A style sprintdoc needed and put into a template from the master: the template lacked it, or had it as
    another type of style (`found`)."""

    name: str
    kind: StyleType
    found: str | None = None

    def __str__(self) -> str:
        if self.found is None:
            return f"has no {self.kind} style {ui_name(self.name)!r}"
        return f"has {ui_name(self.name)!r} as a {self.found} style, not a {self.kind} style"


def ensure_styles(styles_element: Any, master_styles: Any) -> list[Added]:
    """Copy into a template's styles every style sprintdoc draws with that it lacks, from the master template.

    Returns the styles copied that sprintdoc draws with (the masthead's, which only a template's
    own tags use, are copied without a word): each one is the master's look, not the template's.
    """
    ids = {s.get(qn("w:styleId")) for s in styles_element.findall(qn("w:style"))}
    drawn = {*PARAGRAPH.values(), *CHARACTER.values(), *TABLE.values()}
    added = []
    for name in dict.fromkeys([*PARAGRAPH.values(), *CHARACTER.values(), *TABLE.values(), *THEMED]):
        kind = style_type(name)
        master = find(master_styles, name, kind)
        if find(styles_element, name, kind) is not None or master is None:
            continue
        other = next((k for k in _TYPES if k != kind and find(styles_element, name, k) is not None), None)
        # parsed, not copied: the template's styles are python-docx's own element classes, and so must ours be
        style: Any = parse_xml(etree.tostring(master))
        while style.get(qn("w:styleId")) in ids:  # a clash with another style of the same id: rename ours
            style.set(qn("w:styleId"), style.get(qn("w:styleId")) + "Sprintdoc")
        ids.add(style.get(qn("w:styleId")))
        styles_element.append(style)
        if name in drawn:
            added.append(Added(name, kind, other))
    return added


def apply_theme(document: Any, theme: Theme) -> None:
    """Paint a theme's fonts and colours onto the document's styles (python-docx `Document`)."""
    from docx.styles.style import StyleFactory

    styles = document.styles
    roles, fonts = changed(theme)
    for name, (font, role) in THEMED.items():
        element = find(styles.element, name)
        if element is None:
            continue
        style: Any = StyleFactory(element)
        font = font if font in fonts else None
        role = role if role in roles else None
        if font is not None:
            family = theme.fonts.heading if font == "heading" else theme.fonts.body
            style.font.name = family
            rfonts = style.element.rPr.rFonts
            rfonts.set(qn("w:cs"), family)
            rfonts.set(qn("w:eastAsia"), family)
        if role is not None:
            style.font.color.rgb = RGBColor.from_string(colour(theme, role))
        ppr = element.find(qn("w:pPr"))
        if ppr is None:
            continue
        shd = ppr.find(qn("w:shd"))
        if name in FILLED and FILLED[name] in roles and shd is not None:
            shd.set(qn("w:fill"), colour(theme, FILLED[name]))
        borders = ppr.find(qn("w:pBdr"))
        if name in BORDERED and BORDERED[name] in roles and borders is not None:
            for side in borders:
                side.set(qn("w:color"), colour(theme, BORDERED[name]))
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if defaults is not None and "body" in fonts:
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            defaults.set(qn(attr), theme.fonts.body)

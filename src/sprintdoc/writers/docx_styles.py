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

__all__ = ["CHARACTER", "PARAGRAPH", "TABLE", "StyleIndex", "apply_theme", "ensure_styles", "find", "ui_name"]

#: Names other applications give a Word built-in style (lower case): LibreOffice's `Internet Link` is Word's Hyperlink.
OTHER_NAMES: dict[str, tuple[str, ...]] = {"hyperlink": ("internet link",)}

StyleType = Literal["paragraph", "character", "table"]
_TYPES: tuple[StyleType, ...] = ("paragraph", "character", "table")


def style_type(name: str) -> StyleType:
    """The type of a style sprintdoc looks up by name: character and table styles by their table, else paragraph."""
    if name in CHARACTER.values():
        return "character"
    return "table" if name in TABLE.values() else "paragraph"


_STYLE, _TYPE, _NAME, _ALIASES = qn("w:style"), qn("w:type"), qn("w:name"), qn("w:aliases")
_VAL, _STYLE_ID, _DEFAULT = qn("w:val"), qn("w:styleId"), qn("w:default")


def _names(style: Any) -> tuple[str, tuple[str, ...]]:
    """A `w:style`'s name and its aliases (Word's `w:aliases`, comma-separated), each as given."""
    name = style.find(_NAME)
    aliases = style.find(_ALIASES)
    given = name.get(_VAL, "") if name is not None else ""
    others = (aliases.get(_VAL, "") if aliases is not None else "").split(",")
    return given, tuple(a.strip() for a in others if a.strip())


class StyleIndex:
    """A styles part's `w:style`s by type and name, read once: `find` as Word finds a style, without a walk.

    Styles added through `add` are indexed as they come; one added to the part some other way is not seen.
    """

    def __init__(self, styles_element: Any) -> None:
        self.element = styles_element
        #: (type, name) -> the first style of that name; (type, name folded) -> (position, the first such style).
        self._exact: dict[tuple[str, str], Any] = {}
        self._folded: dict[tuple[str, str], tuple[int, Any]] = {}
        self._aliased: dict[tuple[str, str], tuple[int, Any]] = {}
        self._defaults: dict[str, Any] = {}
        self.ids: set[str | None] = set()
        self._count = 0
        for style in styles_element.iterchildren(_STYLE):
            self._index(style)

    def _index(self, style: Any) -> None:
        kind = style.get(_TYPE, "paragraph")
        given, aliases = _names(style)
        position, self._count = self._count, self._count + 1
        self._exact.setdefault((kind, given), style)
        self._folded.setdefault((kind, given.casefold()), (position, style))
        for alias in aliases:
            self._aliased.setdefault((kind, alias.casefold()), (position, style))
        if style.get(_DEFAULT) == "1" and style.get(_TYPE) is not None:
            self._defaults[style.get(_TYPE)] = style  # python-docx takes the last
        self.ids.add(style.get(_STYLE_ID))

    def add(self, style: Any) -> None:
        """Append a `w:style` to the part, indexed."""
        self.element.append(style)
        self._index(style)

    def find(self, name: str, kind: StyleType | None = None) -> Any:
        """The `w:style` Word would take for `name` (of type `kind`, default by `style_type`), or None.

        Word matches style names whatever their case, so `Heading 1` (as LibreOffice writes it) is
        Word's built-in `heading 1`. The exact name wins, then the name in any case, then a style
        that lists it among its aliases, then a name another application gives that style.
        """
        kind = kind or style_type(name)
        exact = self._exact.get((kind, name))
        if exact is not None:
            return exact
        folded = name.casefold()
        for table, names in ((self._folded, (folded,)), (self._aliased, (folded,)),
                             (self._folded, OTHER_NAMES.get(folded, ()))):  # fmt: skip
            found = [table[kind, other] for other in names if (kind, other) in table]
            if found:
                return min(found, key=lambda pair: pair[0])[1]
        return None

    def style_id(self, style: Any) -> str | None:
        """The id python-docx gives a paragraph, run or table for `style`: None for the default style of its type."""
        if self._defaults.get(style.get(_TYPE)) is style:
            return None
        value: str | None = style.get(_STYLE_ID)
        return value


def find(styles_element: Any, name: str, kind: StyleType | None = None) -> Any:
    """The `w:style` Word would take for `name` (of type `kind`), or None: `StyleIndex.find` on a part read now."""
    return StyleIndex(styles_element).find(name, kind)


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


def ensure_styles(styles: StyleIndex, master_styles: StyleIndex) -> list[Added]:
    """Copy into a template's styles every style sprintdoc draws with that it lacks, from the master template.

    Returns the styles copied that sprintdoc draws with (the masthead's, which only a template's
    own tags use, are copied without a word): each one is the master's look, not the template's.
    """
    ids = styles.ids
    drawn = {*PARAGRAPH.values(), *CHARACTER.values(), *TABLE.values()}
    added = []
    for name in dict.fromkeys([*PARAGRAPH.values(), *CHARACTER.values(), *TABLE.values(), *THEMED]):
        kind = style_type(name)
        master = master_styles.find(name, kind)
        if styles.find(name, kind) is not None or master is None:
            continue
        other = next((k for k in _TYPES if k != kind and styles.find(name, k) is not None), None)
        # parsed, not copied: the template's styles are python-docx's own element classes, and so must ours be
        style: Any = parse_xml(etree.tostring(master))
        while style.get(_STYLE_ID) in ids:  # a clash with another style of the same id: rename ours
            style.set(_STYLE_ID, style.get(_STYLE_ID) + "Sprintdoc")
        styles.add(style)
        if name in drawn:
            added.append(Added(name, kind, other))
    return added


def apply_theme(styles: StyleIndex, theme: Theme) -> None:
    """Paint a theme's fonts and colours onto a document's styles."""
    from docx.styles.style import StyleFactory

    roles, fonts = changed(theme)
    for name, (font, role) in THEMED.items():
        element = styles.find(name)
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

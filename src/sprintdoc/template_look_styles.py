"""A template's styles resolved the way Word resolves them, into models no format owns.

A style's look is the document defaults (`w:docDefaults`), then each style of its `w:basedOn` chain from the root
down, then its own properties; `w:latentStyles` add nothing. A character style resolves alike from the run
defaults, and `ResolvedStyle.applied_to` lays it over a paragraph's look. Styles are keyed by
`normalise_style_name`, so that names match as Word matches them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

import attrs
from lxml import etree

from sprintdoc.template_look_xml import (
    Border,
    Theme,
    border_fields,
    cell_margin_fields,
    measure,
    paragraph_fields,
    run_fields,
    shading,
    w,
)

#: A `basedOn` chain longer than this is a broken template, not a design; Word itself stops far sooner.
MAX_CHAIN = 64
#: Names LibreOffice gives Word's built-in styles, as the normalised Word name.
_ALIASES = {
    "internet link": "hyperlink",
    "visited internet link": "followedhyperlink",
    "text body": "body text",
    "footnote characters": "footnote reference",
    "endnote characters": "endnote reference",
}
#: Word's own spelling of its built-in names; when two styles differ only in case, the one spelt so wins.
_WORD_SPELLING = frozenset(
    [f"heading {n}" for n in range(1, 10)]
    + [f"toc {n}" for n in range(1, 10)]
    + ["caption", "header", "footer", "footnote text", "footnote reference", "endnote text", "endnote reference"]
    + ["annotation text", "annotation reference", "table of figures", "index heading", "page number", "line number"]
    + ["Normal", "Title", "Subtitle", "Quote", "Intense Quote", "Hyperlink", "FollowedHyperlink", "Strong", "Emphasis"]
    + ["List Bullet", "List Number", "List Continue", "List Paragraph", "Body Text", "No Spacing", "Table Grid"]
)
_RUN = frozenset({"font", "size", "bold", "italic", "caps", "colour", "underline"})
_TOGGLES = frozenset({"bold", "italic", "caps"})
_TABLE_ONLY = ("margin_", "table_", "cell_", "first_row_")
#: What Word assumes where neither the style nor the document defaults say.
_WORD_DEFAULTS: dict[str, Any] = {
    "font": "Times New Roman",
    "size": 10.0,
    "line": "240",
    "line_rule": "auto",
    "margin_left": 5.4,
    "margin_right": 5.4,
}


def normalise_style_name(name: str) -> str:
    """The key Word matches a style name by: spaces collapsed, case folded, LibreOffice's aliases mapped."""
    key = " ".join(name.split()).casefold()
    return _ALIASES.get(key, key)


@attrs.frozen
class LineSpacing:
    """A paragraph's line spacing as Word keeps it: `auto` a multiple of single lines, `exact`/`atLeast` points."""

    rule: Literal["auto", "exact", "atLeast"]
    value: float


@attrs.frozen
class Borders:
    """The border sides a paragraph or table style draws (None: no line on that side)."""

    top: Border | None = None
    left: Border | None = None
    bottom: Border | None = None
    right: Border | None = None
    between: Border | None = None
    inside_h: Border | None = None
    inside_v: Border | None = None


@attrs.frozen
class ResolvedStyle:
    """One style as Word would draw it: every property resolved through its `basedOn` chain and the defaults.

    Lengths are points, colours `RRGGBB` (None: Word's automatic colour, or no shading). `explicit` names the
    fields the style's own chain sets (not the document defaults); `applied_to` uses it to lay a character
    style over a paragraph's look.
    """

    name: str
    style_id: str
    kind: Literal["paragraph", "character", "table"]
    font: str
    size: float
    bold: bool
    italic: bool
    caps: bool
    colour: str | None
    underline: bool
    space_before: float
    space_after: float
    line_spacing: LineSpacing
    contextual_spacing: bool
    indent_left: float
    indent_right: float
    first_line: float
    alignment: Literal["left", "center", "right", "both"]
    keep_with_next: bool
    keep_lines: bool
    page_break_before: bool
    borders: Borders
    shading: str | None
    explicit: frozenset[str]

    @property
    def hanging(self) -> float:
        """The hanging indent in points (Word keeps one first-line offset; a hanging one is negative)."""
        return max(0.0, -self.first_line)

    def applied_to(self, paragraph: ResolvedStyle) -> ResolvedStyle:
        """The look of this character style's text in a `paragraph` style: bold, italic and caps toggle, as in Word."""
        changes = {
            name: (getattr(self, name) != getattr(paragraph, name)) if name in _TOGGLES else getattr(self, name)
            for name in self.explicit & _RUN
        }
        return attrs.evolve(paragraph, **changes)


@attrs.frozen
class CellMargins:
    """A table style's default cell margins, in points."""

    top: float
    left: float
    bottom: float
    right: float


@attrs.frozen
class HeaderRow:
    """What a table style's header row (`w:tblStylePr w:type="firstRow"`) changes: None leaves it as the body's."""

    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    shading: str | None = None
    borders: Borders = Borders()


@attrs.frozen
class TableStyle:
    """A table style: its borders, cell margins, cell fill, the look of text in its cells, and its header row."""

    name: str
    style_id: str
    borders: Borders
    cell_margins: CellMargins
    shading: str | None
    text: ResolvedStyle
    header: HeaderRow = HeaderRow()


@attrs.frozen
class _Declared:
    """One `w:style` as written: its own fields only, before inheritance."""

    style_id: str
    name: str
    kind: str
    based_on: str | None
    fields: Mapping[str, Any]
    aliases: tuple[str, ...]


class StyleSheet:
    """A styles part resolved: each style's look by id, by normalised name, and the table styles."""

    def __init__(self, root: etree._Element | None, theme: Theme) -> None:
        defaults = root.find(w("docDefaults")) if root is not None else None
        self.run_defaults = run_fields(_find(defaults, "rPrDefault", "rPr"), theme)
        self.paragraph_defaults = paragraph_fields(_find(defaults, "pPrDefault", "pPr"), theme)
        self.declared: dict[str, _Declared] = {}
        default_id = None
        for element in root.findall(w("style")) if root is not None else ():
            declared = _declare(element, theme)
            if declared.style_id and declared.style_id not in self.declared:
                self.declared[declared.style_id] = declared
                if declared.kind == "paragraph" and _is_default(element) and not default_id:
                    default_id = declared.style_id
        self.by_id = {sid: self._resolve(d) for sid, d in self.declared.items() if d.kind in ("paragraph", "character")}
        fallback = self._resolve(_Declared("Normal", "Normal", "paragraph", None, {}, ()))
        self.default_paragraph = self.by_id.get(default_id or "Normal", fallback)
        self.named: dict[str, ResolvedStyle] = {}
        self.tables: dict[str, TableStyle] = {}
        self.ambiguous: set[str] = set()
        looks: list[tuple[_Declared, dict[str, Any], ResolvedStyle | TableStyle]] = []
        for sid, declared in self.declared.items():
            if declared.kind in ("paragraph", "character"):
                looks.append((declared, self.named, self.by_id[sid]))
            elif declared.kind == "table":
                looks.append((declared, self.tables, self._table(declared)))
        for declared, index, look in looks:
            self._index(index, declared, look)
        # Word's own `w:aliases` answer too, where no style is called so.
        for declared, index, look in looks:
            for alias in declared.aliases:
                index.setdefault(normalise_style_name(alias), look)

    def _index(self, index: dict[str, Any], declared: _Declared, value: Any) -> None:
        key = normalise_style_name(declared.name)
        held = index.get(key)
        if held is None or (declared.name in _WORD_SPELLING and held.name not in _WORD_SPELLING):
            if held is not None:
                self.ambiguous.add(key)
            index[key] = value
        elif held is not value:
            self.ambiguous.add(key)

    def _chain(self, declared: _Declared) -> list[_Declared]:
        """The style and its ancestors, root first; a cycle or an over-long chain is cut where it turns."""
        chain, seen = [declared], {declared.style_id}
        while (parent := self.declared.get(chain[-1].based_on or "")) and parent.style_id not in seen:
            if len(chain) >= MAX_CHAIN:
                break
            chain.append(parent)
            seen.add(parent.style_id)
        return chain[::-1]

    def _merged(self, declared: _Declared, keep: frozenset[str] | None) -> tuple[dict[str, Any], set[str]]:
        merged = dict(_WORD_DEFAULTS) | self.run_defaults
        if declared.kind != "character":
            merged |= self.paragraph_defaults
        explicit: set[str] = set()
        for level in self._chain(declared):
            fields = {k: v for k, v in level.fields.items() if keep is None or k in keep}
            merged |= fields
            explicit |= fields.keys()
        return merged, explicit

    def _resolve(self, declared: _Declared) -> ResolvedStyle:
        merged, explicit = self._merged(declared, _RUN if declared.kind == "character" else None)
        return _style(declared, merged, explicit)

    def _table(self, declared: _Declared) -> TableStyle:
        merged, explicit = self._merged(declared, None)
        return TableStyle(
            name=declared.name,
            style_id=declared.style_id,
            borders=_borders(merged, "table_border_"),
            cell_margins=CellMargins(*(merged.get(f"margin_{s}", 0.0) for s in ("top", "left", "bottom", "right"))),
            shading=merged.get("cell_shading", merged.get("table_shading")),
            text=_style(declared, merged, explicit),
            header=HeaderRow(
                bold=merged.get("first_row_bold"),
                italic=merged.get("first_row_italic"),
                colour=merged.get("first_row_colour"),
                shading=merged.get("first_row_shading"),
                borders=_borders(merged, "first_row_border_"),
            ),
        )


def _find(element: etree._Element | None, *path: str) -> etree._Element | None:
    return element.find("/".join(w(p) for p in path)) if element is not None else None


def _is_default(element: etree._Element) -> bool:
    return (element.get(w("default")) or "").lower() in ("1", "true", "on")


def _declare(element: etree._Element, theme: Theme) -> _Declared:
    def value(tag: str) -> str | None:
        found = element.find(w(tag))
        return found.get(w("val")) if found is not None else None

    style_id = element.get(w("styleId"), "")
    fields = run_fields(element.find(w("rPr")), theme) | paragraph_fields(element.find(w("pPr")), theme)
    table = element.find(w("tblPr"))
    if table is not None:
        fields |= border_fields(table.find(w("tblBorders")), theme, "table_border_") | cell_margin_fields(
            table.find(w("tblCellMar"))
        )
        if (shaded := table.find(w("shd"))) is not None:
            fields["table_shading"] = shading(shaded, theme)
    if (shaded := _find(element, "tcPr", "shd")) is not None:
        fields["cell_shading"] = shading(shaded, theme)
    for conditional in element.iterchildren(w("tblStylePr")):
        if conditional.get(w("type")) == "firstRow":
            header = run_fields(conditional.find(w("rPr")), theme)
            header |= border_fields(_find(conditional, "tcPr", "tcBorders"), theme)
            if (shaded := _find(conditional, "tcPr", "shd")) is not None:
                header["shading"] = shading(shaded, theme)
            fields |= {f"first_row_{key}": value for key, value in header.items()}
    aliases = tuple(a.strip() for a in (value("aliases") or "").split(",") if a.strip())
    return _Declared(
        style_id, value("name") or style_id, element.get(w("type"), "paragraph"), value("basedOn"), fields, aliases
    )


def _borders(merged: Mapping[str, Any], prefix: str = "border_") -> Borders:
    sides = ("top", "left", "bottom", "right", "between", "inside_h", "inside_v")
    return Borders(**{side: merged.get(f"{prefix}{side}") for side in sides})


def _style(declared: _Declared, merged: Mapping[str, Any], explicit: set[str]) -> ResolvedStyle:
    rule: Literal["auto", "exact", "atLeast"] = (
        "exact" if merged["line_rule"] == "exact" else "atLeast" if merged["line_rule"] == "atLeast" else "auto"
    )
    line = measure(merged["line"], 240 if rule == "auto" else 20) or (1.0 if rule == "auto" else 0.0)
    named = {"line": "line_spacing", "line_rule": "line_spacing"}
    kind: Literal["paragraph", "character", "table"] = (
        "character" if declared.kind == "character" else "table" if declared.kind == "table" else "paragraph"
    )
    return ResolvedStyle(
        name=declared.name,
        style_id=declared.style_id,
        kind=kind,
        font=merged["font"],
        size=merged["size"],
        bold=merged.get("bold", False),
        italic=merged.get("italic", False),
        caps=merged.get("caps", False),
        colour=merged.get("colour"),
        underline=merged.get("underline", False),
        space_before=merged.get("space_before", 0.0),
        space_after=merged.get("space_after", 0.0),
        line_spacing=LineSpacing(rule, line),
        contextual_spacing=merged.get("contextual_spacing", False),
        indent_left=merged.get("indent_left", 0.0),
        indent_right=merged.get("indent_right", 0.0),
        first_line=merged.get("first_line", 0.0),
        alignment=merged.get("alignment", "left"),
        keep_with_next=merged.get("keep_with_next", False),
        keep_lines=merged.get("keep_lines", False),
        page_break_before=merged.get("page_break_before", False),
        borders=_borders(merged),
        shading=merged.get("shading"),
        explicit=frozenset(
            "borders" if k.startswith("border_") else named.get(k, k) for k in explicit if not k.startswith(_TABLE_ONLY)
        ),
    )

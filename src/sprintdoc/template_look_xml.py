"""The WordprocessingML readers behind `template_look`: units, on/off values, theme colours and fonts, and a style's
own run and paragraph properties as a flat table of look fields.

Each reader takes one element and returns plain values in points and `RRGGBB`; `template_look` merges the tables
along the `basedOn` chain and builds the models. Nothing here knows about styles' names or inheritance.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Mapping
from typing import Any

import attrs
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Points per unit of a universal measure (`12pt`, `2.5cm`), which OOXML allows wherever a number is expected.
_UNITS = {"pt": 1.0, "in": 72.0, "cm": 72 / 2.54, "mm": 72 / 25.4, "pc": 12.0, "pi": 12.0}
_MEASURE = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*(pt|in|cm|mm|pc|pi)?\s*")
#: Word's `w:themeColor` names for the slots of the theme's colour scheme.
_THEME_SLOTS = {
    "dark1": "dk1",
    "text1": "dk1",
    "light1": "lt1",
    "background1": "lt1",
    "dark2": "dk2",
    "text2": "dk2",
    "light2": "lt2",
    "background2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}
_ALIGNMENT = {"left": "left", "start": "left", "right": "right", "end": "right", "center": "center"}
#: Points of space Word puts above or below a paragraph whose spacing is "auto" (HTML-style).
AUTO_SPACING = 14.0


def w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute (`w("sz")`)."""
    return f"{{{W}}}{name}"


def parser() -> etree.XMLParser:
    """A parser that reads a template's parts without entities or the network."""
    return etree.XMLParser(resolve_entities=False, no_network=True)


@attrs.frozen
class Theme:
    """What `word/theme/theme1.xml` lends the styles: the colour scheme's slots and the major and minor fonts."""

    colours: Mapping[str, str] = attrs.field(factory=dict)
    major_font: str | None = None
    minor_font: str | None = None


def read_theme(root: etree._Element | None) -> Theme:
    """The colour scheme (`accent1` → `1F4E79`) and the major and minor latin typefaces of a theme part."""
    if root is None:
        return Theme()
    colours: dict[str, str] = {}
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot in scheme if scheme is not None else ():
        if not isinstance(slot.tag, str):
            continue
        value = slot.find(f"{{{A}}}srgbClr")
        system = slot.find(f"{{{A}}}sysClr")
        hex_ = value.get("val") if value is not None else system.get("lastClr") if system is not None else None
        if hex_ and re.fullmatch(r"[0-9A-Fa-f]{6}", hex_):
            colours[etree.QName(slot).localname] = hex_.upper()

    def typeface(which: str) -> str | None:
        latin = root.find(f".//{{{A}}}fontScheme/{{{A}}}{which}/{{{A}}}latin")
        return (latin.get("typeface") or None) if latin is not None else None

    return Theme(colours, typeface("majorFont"), typeface("minorFont"))


def measure(text: str | None, per_point: int) -> float | None:
    """A length in points: a bare number in the attribute's own unit (`per_point` of them make a point: 20 for
    twips, 2 for half-points, 8 for a border's eighths) or a universal measure (`12pt`, `2.5cm`)."""
    if text is None:
        return None
    match = _MEASURE.fullmatch(text)
    if not match:
        return None
    number, unit = float(match[1]), match[2]
    return number * _UNITS[unit] if unit else number / per_point


def on(element: etree._Element | None) -> bool | None:
    """The value of an on/off property (`<w:b/>`, `<w:b w:val="0"/>`); None when the element is absent."""
    if element is None:
        return None
    return element.get(w("val"), "true").lower() not in ("0", "false", "off", "none")


def colour(element: etree._Element, theme: Theme, hex_attribute: str = "val", family: str = "Color") -> str | None:
    """The `RRGGBB` an element names, its theme colour (with tint or shade) winning over the hex; None for `auto`.

    `hex_attribute` is where the hex is (`w:val` on `w:color`, `w:color` on a border, `w:fill` on a shading);
    `family` picks the theme attributes (`Color`: `w:themeColor`, `w:themeTint`…; `Fill`: `w:themeFill`…).
    """
    named = element.get(w(f"theme{family}"))
    hex_ = theme.colours.get(_THEME_SLOTS.get(named, named)) if named else None
    if hex_ is None:
        hex_ = element.get(w(hex_attribute))
        return hex_.upper() if hex_ and re.fullmatch(r"[0-9A-Fa-f]{6}", hex_) else None
    extra = "" if family == "Color" else family
    return _tinted(hex_, _byte(element.get(w(f"theme{extra}Tint"))), _byte(element.get(w(f"theme{extra}Shade"))))


def _byte(text: str | None) -> float | None:
    try:
        return int(text, 16) / 255 if text else None
    except ValueError:
        return None


def _tinted(hex_: str, tint: float | None, shade: float | None) -> str:
    """A theme colour lightened or darkened as Word does it: the HSL lightness moved toward white or black."""
    if tint is None and shade is None:
        return hex_
    red, green, blue = (int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    if tint is not None:
        lightness = lightness * tint + (1 - tint)
    if shade is not None:
        lightness *= shade
    channels = colorsys.hls_to_rgb(hue, min(max(lightness, 0.0), 1.0), saturation)
    return "".join(f"{int(c * 255):02X}" for c in channels)


@attrs.frozen
class Border:
    """One side of a paragraph's or a table's border: the line's kind (`single`, `double`…), width, colour, gap."""

    kind: str
    width: float
    colour: str | None
    space: float


def border(element: etree._Element, theme: Theme) -> Border | None:
    """A border side (`w:top`…), or None for `nil`/`none` (which also clears a side the base style drew)."""
    kind = element.get(w("val"), "none")
    if kind in ("nil", "none"):
        return None
    return Border(
        kind=kind,
        width=measure(element.get(w("sz")), 8) or 0.0,
        colour=colour(element, theme, "color"),
        space=measure(element.get(w("space")), 1) or 0.0,
    )


def shading(element: etree._Element, theme: Theme) -> str | None:
    """The colour a shading paints: its fill, the pattern colour for `solid`, the two mixed for `pct25` and the like."""
    fill = colour(element, theme, "fill", "Fill")
    pattern = element.get(w("val"), "clear")
    if pattern in ("clear", "nil"):
        return fill
    front = colour(element, theme, "color") or "000000"
    if pattern == "solid":
        return front
    percent = re.fullmatch(r"pct(\d+)", pattern)
    if not percent:
        return fill
    share = int(percent[1]) / 100
    back = fill or "FFFFFF"
    return "".join(
        f"{round(int(front[i : i + 2], 16) * share + int(back[i : i + 2], 16) * (1 - share)):02X}" for i in (0, 2, 4)
    )


def run_fields(rpr: etree._Element | None, theme: Theme) -> dict[str, Any]:
    """The look fields a `w:rPr` sets (font, size, bold, italic, caps, colour, underline), and only those."""
    fields: dict[str, Any] = {}
    if rpr is None:
        return fields
    fonts = rpr.find(w("rFonts"))
    if fonts is not None:
        themed = fonts.get(w("asciiTheme"))
        font = None
        if themed:
            font = theme.major_font if themed.startswith("major") else theme.minor_font
        font = font or fonts.get(w("ascii"))
        if font:
            fields["font"] = font
    size = rpr.find(w("sz"))
    if size is not None and (points := measure(size.get(w("val")), 2)) is not None:
        fields["size"] = points
    for tag, field in (("b", "bold"), ("i", "italic"), ("caps", "caps")):
        if (value := on(rpr.find(w(tag)))) is not None:
            fields[field] = value
    found = rpr.find(w("color"))
    if found is not None:
        fields["colour"] = colour(found, theme)
    underline = rpr.find(w("u"))
    if underline is not None:
        fields["underline"] = underline.get(w("val"), "single") != "none"
    return fields


def paragraph_fields(ppr: etree._Element | None, theme: Theme) -> dict[str, Any]:
    """The look fields a `w:pPr` sets: spacing, line spacing, indents, alignment, keeps, borders and shading."""
    fields: dict[str, Any] = {}
    if ppr is None:
        return fields
    spacing = ppr.find(w("spacing"))
    if spacing is not None:
        for side in ("before", "after"):
            if (spacing.get(w(f"{side}Autospacing")) or "").lower() in ("1", "true", "on"):
                fields[f"space_{side}"] = AUTO_SPACING
                continue
            if (points := measure(spacing.get(w(side)), 20)) is not None:
                fields[f"space_{side}"] = points
        if (line := spacing.get(w("line"))) is not None:
            fields["line"] = line
            fields["line_rule"] = spacing.get(w("lineRule"), "auto")
    indent = ppr.find(w("ind"))
    if indent is not None:
        for field, names in (("indent_left", ("left", "start")), ("indent_right", ("right", "end"))):
            for name in names:
                if (points := measure(indent.get(w(name)), 20)) is not None:
                    fields[field] = points
                    break
        # Word keeps one first-line offset: `hanging` (a negative one) wins when both are written.
        if (points := measure(indent.get(w("hanging")), 20)) is not None:
            fields["first_line"] = -points
        elif (points := measure(indent.get(w("firstLine")), 20)) is not None:
            fields["first_line"] = points
    justified = ppr.find(w("jc"))
    if justified is not None:
        fields["alignment"] = _ALIGNMENT.get(justified.get(w("val"), "left"), "both")
    for tag, field in (
        ("keepNext", "keep_with_next"),
        ("keepLines", "keep_lines"),
        ("pageBreakBefore", "page_break_before"),
        ("contextualSpacing", "contextual_spacing"),
    ):
        if (value := on(ppr.find(w(tag)))) is not None:
            fields[field] = value
    fields.update(border_fields(ppr.find(w("pBdr")), theme))
    shaded = ppr.find(w("shd"))
    if shaded is not None:
        fields["shading"] = shading(shaded, theme)
    return fields


def border_fields(borders: etree._Element | None, theme: Theme, prefix: str = "border_") -> dict[str, Border | None]:
    """Each border side a `w:pBdr` or `w:tblBorders` sets, keyed `border_top`, `border_inside_h`…"""
    if borders is None:
        return {}
    names = {"start": "left", "end": "right", "insideH": "inside_h", "insideV": "inside_v"}
    fields: dict[str, Border | None] = {}
    for side in borders:
        if isinstance(side.tag, str) and side.tag.startswith(f"{{{W}}}"):
            local = etree.QName(side).localname
            fields[f"{prefix}{names.get(local, local)}"] = border(side, theme)
    return fields


def cell_margin_fields(margins: etree._Element | None) -> dict[str, float]:
    """The default cell margins a table style sets (`w:tblCellMar`), keyed `margin_top`…, in points."""
    if margins is None:
        return {}
    names = {"start": "left", "end": "right"}
    fields: dict[str, float] = {}
    for side in margins:
        if not isinstance(side.tag, str):
            continue
        kind = side.get(w("type"), "dxa")
        points = 0.0 if kind == "nil" else measure(side.get(w("w")), 20) if kind == "dxa" else None
        if points is not None:
            local = etree.QName(side).localname
            fields[f"margin_{names.get(local, local)}"] = points
    return fields

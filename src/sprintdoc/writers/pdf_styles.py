"""The PDF's paragraph styles and colours: reportlab ParagraphStyles made from the theme's fonts and colours."""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from sprintdoc import fonts
from sprintdoc.theme import Colour, Theme


def rl_colour(colour: Colour) -> colors.Color:
    r, g, b = colour.rgb
    return colors.Color(r / 255, g / 255, b / 255)


def tint(colour: Colour, white: float) -> colors.Color:
    """The colour mixed with `white` parts of white (0 to 1)."""
    r, g, b = (c / 255 * (1 - white) + white for c in colour.rgb)
    return colors.Color(r, g, b)


def paragraph_styles(theme: Theme, body: fonts.Faces, heading: fonts.Faces) -> dict[str, ParagraphStyle]:
    c = theme.colours
    text, muted, primary, accent = rl_colour(c.text), rl_colour(c.muted), rl_colour(c.primary), rl_colour(c.accent)
    regular, bold, italic, _ = body.names()
    head_bold = heading.names()[1]
    base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, textColor=text, spaceAfter=6,
                          splitLongWords=1, allowWidows=0, allowOrphans=0)  # fmt: skip

    def like(name: str, parent: ParagraphStyle = base, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    heading_kw: dict[str, Any] = {"fontName": head_bold, "keepWithNext": 1, "textColor": primary}
    return {
        "body": base,
        "subtitle": like("subtitle", fontName=italic, fontSize=11, leading=14, textColor=muted, spaceAfter=4),
        "meta": like("meta", fontSize=9, leading=12, textColor=muted, spaceAfter=8),
        "caption": like("caption", fontName=italic, fontSize=8.5, leading=11, textColor=muted, spaceBefore=3,
                        spaceAfter=10),
        "strapline": like("strapline", fontName=italic, fontSize=12, leading=16, textColor=muted, spaceBefore=8,
                          spaceAfter=8),
        "labelled": like("labelled", fontSize=9.5, leading=13, spaceAfter=1),
        "quote": like("quote", fontName=italic, fontSize=11, leading=15, textColor=primary, leftIndent=14,
                      spaceBefore=4, spaceAfter=8),
        "closing": like("closing", fontSize=10, leading=14, textColor=muted),
        "h1": like("h1", fontSize=17, leading=21, spaceBefore=16, spaceAfter=8, **heading_kw),
        "h2": like("h2", fontSize=13, leading=17, spaceBefore=12, spaceAfter=5, **heading_kw),
        "h3": like("h3", fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3, **{**heading_kw, "textColor": accent}),
        "h4": like("h4", fontSize=10, leading=13, spaceBefore=6, spaceAfter=2, **{**heading_kw, "textColor": text}),
        "masthead-title": like("masthead-title", fontName=head_bold, fontSize=28, leading=33, textColor=colors.white,
                               spaceAfter=2),
        "masthead-period": like("masthead-period", fontName=bold, fontSize=14, leading=18, textColor=colors.white,
                                spaceAfter=2),
        "masthead-publisher": like("masthead-publisher", fontSize=9, leading=12, textColor=colors.white, spaceAfter=0),
        "tagline": like("tagline", fontName=bold, fontSize=12, leading=15, textColor=colors.white,
                        alignment=TA_CENTER, spaceAfter=0),
        "stage": like("stage", fontSize=8.5, leading=11, spaceAfter=1),
        "stage-current": like("stage-current", fontName=bold, fontSize=8.5, leading=11, spaceAfter=1),
        "stage-dates": like("stage-dates", fontSize=7.5, leading=10, spaceAfter=1),
        "stage-note": like("stage-note", fontName=italic, fontSize=7.5, leading=10, spaceAfter=0),
        "current-stage": like("current-stage", fontSize=9, leading=12, spaceBefore=3, spaceAfter=8),
    }  # fmt: skip


def derived(
    cache: dict[tuple[int, float, bool, bool], ParagraphStyle],
    style: ParagraphStyle,
    indent: float = 0.0,
    *,
    before: bool = True,
    after: bool = True,
) -> ParagraphStyle:
    """`style` indented by `indent` (for a list item, its bullet in the margin), with or without its spacing."""
    key = (id(style), indent, before, after)
    if key not in cache:
        extra: dict[str, Any] = {}
        if indent:
            extra = {"leftIndent": style.leftIndent + indent, "bulletIndent": style.leftIndent + indent - 11,
                     "bulletFontName": style.fontName, "spaceAfter": 2}  # fmt: skip
        if not before:
            extra["spaceBefore"] = 0
        if not after:
            extra["spaceAfter"] = 0
        cache[key] = ParagraphStyle(f"{style.name}+", parent=style, **extra)
    return cache[key]

"""The Word styles sprintdoc draws with: which style each role uses, and how a theme paints them.

The master template (`templates/newsletter.docx`, built by `tools/make_template.py`)
defines every style named here; the comms team restyles them in Word. A template
that lacks one (a `--template` made elsewhere) gets it copied from the master, so
any .docx works as a template. A theme other than `default` is painted onto the
styles at write time; with the default theme the template's own look stands.
"""

from __future__ import annotations

import copy
from typing import Any, Literal

from docx.oxml.ns import qn
from docx.shared import RGBColor

from sprintdoc.theme import Theme

#: Paragraph styles by role, as Word names them in styles.xml (`heading 1` shows as "Heading 1").
PARAGRAPH = {
    "body": "Normal",
    "subtitle": "Item Subtitle",
    "meta": "Meta",
    "caption": "caption",
    "strapline": "Strapline",
    "heading1": "heading 1",
    "heading2": "heading 2",
    "heading3": "heading 3",
    "heading4": "heading 4",
    "quote": "Quote",
    "bullet": "List Bullet",
    "number": "List Number",
    "continue": "List Continue",
    "figure": "Figure",
    "labelled": "Card Details",
    "stage": "Stage",
    "lifecycle": "Lifecycle Stage",
    "current": "Current Stage",
    "closing": "Closing",
}
#: Character and table styles by role.
CHARACTER = {"link": "Hyperlink"}
TABLE = {"stages": "Stage Strip"}

Role = Literal["primary", "accent", "text", "muted", "white"]
Font = Literal["body", "heading"]

#: How a theme paints each style: (font family, text colour); None leaves that property to the template.
THEMED: dict[str, tuple[Font | None, Role | None]] = {
    "Normal": ("body", "text"),
    "Title": ("heading", "primary"),
    "Subtitle": ("heading", "muted"),
    "Strapline": ("body", "muted"),
    "Masthead Meta": ("heading", "muted"),
    "Tagline": ("heading", "white"),
    "heading 1": ("heading", "primary"),
    "heading 2": ("heading", "primary"),
    "heading 3": ("heading", "accent"),
    "heading 4": ("heading", "text"),
    "Quote": ("heading", "primary"),
    "caption": ("body", "muted"),
    "Item Subtitle": ("body", "muted"),
    "Meta": ("body", "muted"),
    "Lifecycle Stage": ("heading", "white"),
    "Stage": ("body", "text"),
    "Current Stage": ("body", "text"),
    "Closing": ("body", "muted"),
    "header": ("body", "muted"),
    "footer": ("body", "muted"),
    "Hyperlink": (None, "primary"),
}
#: Paragraph fills and borders a theme paints: style -> colour role (the banner, rules under headings).
FILLED: dict[str, Role] = {"Tagline": "primary"}
BORDERED: dict[str, Role] = {"Tagline": "primary", "heading 1": "primary", "Quote": "accent", "Closing": "primary"}


def colour(theme: Theme, role: Role) -> str:
    """The `RRGGBB` of a colour role in a theme."""
    return "FFFFFF" if role == "white" else str(getattr(theme.colours, role).rrggbb)


def by_name(styles_element: Any) -> dict[str, Any]:
    """The `w:style` elements of a styles part, by their name (`heading 1`)."""
    out: dict[str, Any] = {}
    for style in styles_element.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            out.setdefault(name.get(qn("w:val")), style)
    return out


def ensure_styles(styles_element: Any, master_styles: Any) -> None:
    """Copy into a template's styles every style sprintdoc draws with that it lacks, from the master template."""
    have = by_name(styles_element)
    master = by_name(master_styles)
    ids = {s.get(qn("w:styleId")) for s in styles_element.findall(qn("w:style"))}
    wanted = [*PARAGRAPH.values(), *CHARACTER.values(), *TABLE.values(), *THEMED]
    for name in dict.fromkeys(wanted):
        if name in have or name not in master:
            continue
        style = copy.deepcopy(master[name])
        while style.get(qn("w:styleId")) in ids:  # a clash with another style of the same id: rename ours
            style.set(qn("w:styleId"), style.get(qn("w:styleId")) + "Sprintdoc")
        ids.add(style.get(qn("w:styleId")))
        styles_element.append(style)
        have[name] = style


def apply_theme(document: Any, theme: Theme) -> None:
    """Paint a theme's fonts and colours onto the document's styles (python-docx `Document`)."""
    styles = document.styles
    elements = by_name(styles.element)
    for name, (font, role) in THEMED.items():
        element = elements.get(name)
        if element is None:
            continue
        style = styles[_ui_name(name)]
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
        if name in FILLED and shd is not None:
            shd.set(qn("w:fill"), colour(theme, FILLED[name]))
        borders = ppr.find(qn("w:pBdr"))
        if name in BORDERED and borders is not None:
            for side in borders:
                side.set(qn("w:color"), colour(theme, BORDERED[name]))
    defaults = styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    if defaults is not None:
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            defaults.set(qn(attr), theme.fonts.body)


def _ui_name(name: str) -> str:
    """The name python-docx looks a style up by (`Heading 1` for Word's `heading 1`)."""
    from docx.styles import BabelFish

    return BabelFish.internal2ui(name)

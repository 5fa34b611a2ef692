"""Which Word style draws each role, and how a theme paints the styles: the same rules for every format.

The Word writer paints a theme onto the template's styles (`docx_styles.apply_theme`);
the PDF writer reads the template's styles and paints the same theme the same way
(`pdf_look`), so one colour changed in a theme changes both documents alike.
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from sprintdoc.template_look import Borders, ResolvedStyle
from sprintdoc.theme import Colours, Fonts, Theme

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
    "table": "Table Text",
}
#: The masthead's paragraph styles, set in the template's own paragraphs (not drawn by a kind).
MASTHEAD = {"title": "Title", "period": "Subtitle", "publisher": "Masthead Meta", "tagline": "Tagline"}
#: Character and table styles by role.
CHARACTER = {"link": "Hyperlink"}
TABLE = {"stages": "Stage Strip", "data": "Data Table"}

#: The style keys of the PDF and the web page, and the Word styles they are read from.
WORD_STYLES: dict[str, str] = {
    "body": PARAGRAPH["body"],
    "subtitle": PARAGRAPH["subtitle"],
    "meta": PARAGRAPH["meta"],
    "caption": PARAGRAPH["caption"],
    "strapline": PARAGRAPH["strapline"],
    "labelled": PARAGRAPH["labelled"],
    "quote": PARAGRAPH["quote"],
    "closing": PARAGRAPH["closing"],
    "figure": PARAGRAPH["figure"],
    "bullet": PARAGRAPH["bullet"],
    "continue": PARAGRAPH["continue"],
    "h1": PARAGRAPH["heading1"],
    "h2": PARAGRAPH["heading2"],
    "h3": PARAGRAPH["heading3"],
    "h4": PARAGRAPH["heading4"],
    "stage": PARAGRAPH["stage"],
    "lifecycle": PARAGRAPH["lifecycle"],
    "current-stage": PARAGRAPH["current"],
    "table": PARAGRAPH["table"],
    "masthead-title": MASTHEAD["title"],
    "masthead-period": MASTHEAD["period"],
    "masthead-publisher": MASTHEAD["publisher"],
    "tagline": MASTHEAD["tagline"],
    "header": "header",
    "footer": "footer",
}

#: The largest a picture is drawn (its natural size at 96 dpi, made smaller to fit the column), and the logo's box.
PICTURE_MAX_HEIGHT_CM = 6.0
LOGO_BOX_CM = (6.0, 2.5)

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
    "Table Text": ("body", "text"),
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


def changed(theme: Theme) -> tuple[frozenset[Role], frozenset[Font]]:
    """The colour roles and font roles a theme sets to other than the default's: only these are painted.

    A theme that changes the primary colour leaves the template's fonts, and its other colours, as the
    comms team set them in Word: template first, then only what the theme says.
    """
    default_colours, default_fonts = Colours(), Fonts()
    roles: frozenset[Role] = frozenset(
        role
        for role in ("primary", "accent", "text", "muted")
        if getattr(theme.colours, role) != getattr(default_colours, role)
    )
    fonts: frozenset[Font] = frozenset(
        font for font in ("body", "heading") if getattr(theme.fonts, font) != getattr(default_fonts, font)
    )
    return roles, fonts


def painted(style: ResolvedStyle, name: str, theme: Theme) -> ResolvedStyle:
    """`style` with a non-default theme painted on, as the Word writer paints the template's styles."""
    if not theme.paints or name not in THEMED:
        return style
    font, role = THEMED[name]
    roles, fonts_set = changed(theme)
    changes: dict[str, Any] = {}
    if font is not None and font in fonts_set:
        changes["font"] = theme.fonts.heading if font == "heading" else theme.fonts.body
    if role is not None and role in roles:
        changes["colour"] = colour(theme, role)
    if name in FILLED and FILLED[name] in roles and style.shading is not None:
        changes["shading"] = colour(theme, FILLED[name])
    if name in BORDERED and BORDERED[name] in roles:
        new = colour(theme, BORDERED[name])
        sides = {f.name: getattr(style.borders, f.name) for f in attrs.fields(Borders)}
        changes["borders"] = Borders(**{k: attrs.evolve(v, colour=new) if v else None for k, v in sides.items()})
    return attrs.evolve(style, **changes)

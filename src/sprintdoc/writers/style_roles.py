"""Which Word style draws each role, and how a theme paints the styles: the same rules for every format.

The Word writer paints a theme onto the template's styles (`docx_styles.apply_theme`);
the PDF writer reads the template's styles and paints the same theme the same way
(`pdf_look`), so one colour changed in a theme changes both documents alike.
"""

from __future__ import annotations

from typing import Literal

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

"""The theme: one set of colours and fonts that both writers read, so the two documents look alike."""

from __future__ import annotations

import re
from typing import ClassVar

import attrs

_HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def _upper(text: str) -> str:
    return text.upper()


@attrs.frozen
class Colour:
    """A colour written `#RRGGBB`."""

    hex: str = attrs.field(converter=_upper)

    expected: ClassVar[str] = "a colour like #1F4E79"

    @classmethod
    def from_text(cls, text: str) -> Colour:
        """The colour a `#RRGGBB` text names; ValueError otherwise."""
        if not _HEX.fullmatch(text.strip()):
            raise ValueError(text)
        return cls(text.strip())

    @property
    def rgb(self) -> tuple[int, int, int]:
        """Red, green and blue, 0 to 255."""
        return int(self.hex[1:3], 16), int(self.hex[3:5], 16), int(self.hex[5:7], 16)

    @property
    def rrggbb(self) -> str:
        """The hex digits without `#`, as Word's XML wants them."""
        return self.hex[1:]

    def luminance(self) -> float:
        """WCAG relative luminance."""

        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in self.rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(self, other: Colour) -> float:
        """WCAG contrast ratio with another colour (1 to 21)."""
        a, b = sorted((self.luminance(), other.luminance()), reverse=True)
        return (a + 0.05) / (b + 0.05)


WHITE = Colour("#FFFFFF")


def _colour(hex_: str) -> Colour:
    return Colour(hex_)


@attrs.frozen
class Colours:
    """The theme's colours. `primary` fills banners and headings; `current-stage` marks a card's current stage."""

    primary: Colour = attrs.field(factory=lambda: _colour("#1F4E79"))
    accent: Colour = attrs.field(factory=lambda: _colour("#C8102E"))
    text: Colour = attrs.field(factory=lambda: _colour("#222222"))
    muted: Colour = attrs.field(factory=lambda: _colour("#595959"))
    current_stage: Colour = attrs.field(factory=lambda: _colour("#B4D5F0"), metadata={"key": "current-stage"})


@attrs.frozen
class Fonts:
    """The theme's font families: a family shipped with sprintdoc, or a TTF file in the bundle."""

    body: str = "DejaVu Sans"
    heading: str = "DejaVu Sans"


@attrs.frozen
class Theme:
    """Colours and fonts for both documents. `Theme()` is the built-in `default`."""

    colours: Colours = attrs.field(factory=Colours)
    fonts: Fonts = attrs.field(factory=Fonts)
    name: str = attrs.field(default="default", metadata={"yaml": False})
    #: The theme file's path as the bundle names it, for a theme read from a file (so `sprintdoc new` keeps it).
    file: str | None = attrs.field(default=None, eq=False, metadata={"yaml": False})

    @property
    def paints(self) -> bool:
        """Whether the theme is painted onto the template's styles: any colour or font other than the default's.

        The default theme leaves the template's own look (as restyled in Word) to stand, in both documents;
        another paints only what it changes (`writers.style_roles.changed`).
        """
        return self.colours != Colours() or self.fonts != Fonts()

    def contrast_problems(self) -> list[tuple[str, str]]:
        """Colour pairs that fail WCAG AA (4.5:1), as (field, message): warnings, not errors."""
        c = self.colours
        pairs = [
            ("colours.text", c.text, WHITE, "body text on white"),
            ("colours.muted", c.muted, WHITE, "muted text on white"),
            ("colours.primary", c.primary, WHITE, "headings in the primary colour on white"),
            ("colours.primary", WHITE, c.primary, "white text on primary-coloured banners"),
            ("colours.current-stage", c.text, c.current_stage, "text on the current-stage fill"),
        ]
        return [
            (field, f"{what}: contrast {fg.contrast(bg):.2f}:1 is under WCAG AA's 4.5:1")
            for field, fg, bg, what in pairs
            if fg.contrast(bg) < 4.5
        ]


BUILT_IN = {"default": Theme()}
#: The font families sprintdoc ships (in sprintdoc/fonts), embedded in the PDF and named in the DOCX.
SHIPPED_FONTS = ("DejaVu Sans", "DejaVu Serif")

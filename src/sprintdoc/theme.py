"""The theme: one set of colours and fonts that both writers read, so the two documents look alike."""

from __future__ import annotations

import re
from typing import ClassVar, Literal

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

    def to_text(self) -> str:
        """The colour as a bundle writes it: `#1F4E79`."""
        return self.hex

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

    primary: Colour = attrs.field(
        factory=lambda: _colour("#1F4E79"),
        metadata={
            "doc": "Fills the tagline banner and lifecycle stages; colours the title, headings, links and pull quotes."
        },
    )
    accent: Colour = attrs.field(
        factory=lambda: _colour("#C8102E"),
        metadata={"doc": "Colours the pull quotes' bar and the project cards' headings."},
    )
    text: Colour = attrs.field(factory=lambda: _colour("#222222"), metadata={"doc": "Colours body text."})
    muted: Colour = attrs.field(
        factory=lambda: _colour("#595959"),
        metadata={"doc": "Colours quieter text: the period, captions, meta lines, the closing, stages to come."},
    )
    current_stage: Colour = attrs.field(
        factory=lambda: _colour("#6295C4"),
        metadata={"doc": "Fills the current stage on a card's stage strip.", "key": "current-stage"},
    )

    def named(self, name: str) -> Colour:
        """A colour by its field name (`current_stage`), or `white` (the page, and a strip's cells)."""
        colour: Colour = WHITE if name == "white" else getattr(self, name)
        return colour


@attrs.frozen
class Fonts:
    """The theme's font families: a family shipped with sprintdoc, or a TTF file in the bundle."""

    body: str = attrs.field(
        default="DejaVu Sans",
        metadata={
            "doc": "The body text's font: `DejaVu Sans` or `DejaVu Serif` (shipped), or a TTF file in the bundle."
        },
    )
    heading: str = attrs.field(
        default="DejaVu Sans",
        metadata={
            "doc": "The title's and headings' font: a family shipped with sprintdoc, or a TTF file in the bundle."
        },
    )


@attrs.frozen
class Theme:
    """Colours and fonts for both documents. `Theme()` is the built-in `default`."""

    colours: Colours = attrs.field(
        factory=Colours, metadata={"doc": "The theme's colours, each `#RRGGBB`; a colour left out keeps the default's."}
    )
    fonts: Fonts = attrs.field(
        factory=Fonts, metadata={"doc": "The theme's font families; a family left out keeps the default's."}
    )
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
        """Where the theme's colours fail WCAG 2.2 AA in either document, as (field, message): warnings, not errors.

        Every pair in `CONTRAST_PAIRS` is measured; where the same two colours fail more than one pair, only the
        strictest is reported (links on white ask more than headings on white).
        """
        worst: dict[tuple[str, str, str], tuple[ContrastPair, float]] = {}
        for pair in CONTRAST_PAIRS:
            found = self.colours.named(pair.foreground).contrast(self.colours.named(pair.background))
            key = (pair.field, pair.foreground, pair.background)
            if found < pair.needed and (key not in worst or pair.needed > worst[key][0].needed):
                worst[key] = (pair, found)
        return [(pair.field, pair.message(found)) for pair, found in worst.values()]


ContrastKind = Literal["text", "large text", "non-text"]
#: WCAG 2.2 AA's minimum contrast for each kind (1.4.3 for text, 1.4.11 for non-text), and how a warning names it.
_ASKED_OF: dict[ContrastKind, tuple[float, str]] = {
    "text": (4.5, "text"),
    "large text": (3.0, "large text (18 pt, or 14 pt bold)"),
    "non-text": (3.0, "a mark that is not text (a fill, a bar)"),
}


@attrs.frozen
class ContrastPair:
    """One place either document draws one theme colour on another: what it is, and what WCAG asks of it.

    `foreground` and `background` name `Colours` fields, or `white`; `field` is the theme field a warning names.
    """

    field: str
    foreground: str
    background: str
    what: str
    kind: ContrastKind = "text"

    @property
    def needed(self) -> float:
        """The least contrast WCAG 2.2 AA asks of this pair."""
        return _ASKED_OF[self.kind][0]

    def message(self, found: float) -> str:
        """The warning for a contrast of `found`: what is drawn, the ratio found and the ratio needed."""
        asked_of = _ASKED_OF[self.kind][1]
        return f"{self.what}: contrast {found:.2f}:1 is under the {self.needed:g}:1 WCAG 2.2 AA asks of {asked_of}"


#: Every text (and state-showing fill) on a background that the documents draw, by the theme field that sets it.
#: The styles each colour paints are `writers.style_roles.THEMED` and `FILLED`; `white` is the page and the cells.
CONTRAST_PAIRS = (
    ContrastPair("colours.text", "text", "white", "body text on white"),
    ContrastPair("colours.muted", "muted", "white",
                 "muted text on white (the period, captions, meta lines, the closing, stages to come)"),
    ContrastPair("colours.primary", "primary", "white", "the title and headings in the primary colour on white",
                 "large text"),
    ContrastPair("colours.primary", "primary", "white", "links and pull quotes in the primary colour on white"),
    ContrastPair("colours.primary", "white", "primary", "the white tagline on its primary banner", "large text"),
    ContrastPair("colours.primary", "white", "primary", "white lifecycle stage names on the primary fill"),
    ContrastPair("colours.accent", "accent", "white", "the quote bar in the accent colour on white", "non-text"),
    ContrastPair("colours.accent", "accent", "white", "card headings in the accent colour on white"),
    ContrastPair("colours.current-stage", "text", "current_stage", "text on the current-stage fill"),
    ContrastPair("colours.current-stage", "current_stage", "white",
                 "the current-stage fill against the strip's white cells", "non-text"),
)  # fmt: skip


BUILT_IN = {"default": Theme()}
#: The font families sprintdoc ships (in sprintdoc/fonts), embedded in the PDF and named in the DOCX.
SHIPPED_FONTS = ("DejaVu Sans", "DejaVu Serif")

"""The fonts sprintdoc ships (DejaVu, with its licence in LICENSE-DejaVu.txt) and the fonts a bundle brings.

A theme names a font family either by a shipped family's name (`DejaVu Sans`) or
by the path of a .ttf file inside the bundle. `faces` finds a family's four faces,
`register` hands them to reportlab once, and `missing_glyphs` says which
characters of a text no font can draw, so the loader can warn about them.
"""

from __future__ import annotations

import functools
import hashlib
import unicodedata
from importlib import resources
from pathlib import Path

import attrs

#: The shipped families and their faces: regular, bold, italic, bold italic (file names in this package).
SHIPPED: dict[str, tuple[str, str, str, str]] = {
    "DejaVu Sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
    "DejaVu Serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
}

#: Families tried, in order, for a character the theme's family cannot draw.
FALLBACKS = ("DejaVu Sans", "DejaVu Serif")

_BOLD_SUFFIXES = ("-Bold", "Bold", "-bold", "_Bold")
_ITALIC_SUFFIXES = ("-Italic", "-Oblique", "Italic", "-italic", "_Italic")
_BOLD_ITALIC_SUFFIXES = ("-BoldItalic", "-BoldOblique", "BoldItalic", "-bolditalic", "_BoldItalic")


class FontProblem(ValueError):
    """A font family that cannot be found or read; the message says why."""


@attrs.frozen
class Faces:
    """A family's four faces as TTF files, and the names reportlab knows them by once registered."""

    family: str
    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def key(self) -> str:
        """The reportlab name of the regular face (also the family name registered with reportlab)."""
        if self.family in SHIPPED:
            return self.family.replace(" ", "")
        digest = hashlib.sha256(self.regular.read_bytes()).hexdigest()[:8]
        return f"{self.regular.stem.replace(' ', '')}-{digest}"

    def names(self) -> tuple[str, str, str, str]:
        """The reportlab names of the regular, bold, italic and bold italic faces."""
        key = self.key
        return key, f"{key}-Bold", f"{key}-Italic", f"{key}-BoldItalic"


def _shipped_dir() -> Path:
    return Path(str(resources.files(__name__)))


def is_file_family(family: str) -> bool:
    """Whether a theme's font names a TTF file (in the bundle) rather than a shipped family."""
    return family.lower().endswith((".ttf", ".otf"))


def faces(family: str, root: Path | None = None) -> Faces:
    """The faces of a family: a shipped family's name, or a .ttf path relative to the bundle folder `root`.

    A bundle's TTF file gives the regular face; a bold or italic face is taken from a
    file beside it named with the usual suffix (`Inter-Bold.ttf`), else the regular face.
    """
    if family in SHIPPED:
        folder = _shipped_dir()
        regular, bold, italic, bold_italic = (folder / name for name in SHIPPED[family])
        return Faces(family, regular, bold, italic, bold_italic)
    if not is_file_family(family):
        raise FontProblem(f"{family!r} is not a font shipped with sprintdoc ({', '.join(SHIPPED)}) nor a .ttf file")
    path = (root or Path()) / family
    if not path.is_file():
        raise FontProblem(f"font file {family!r} not found in the bundle")

    def sibling(suffixes: tuple[str, ...]) -> Path:
        return next((p for s in suffixes if (p := path.with_name(path.stem + s + path.suffix)).is_file()), path)

    return Faces(family, path, sibling(_BOLD_SUFFIXES), sibling(_ITALIC_SUFFIXES), sibling(_BOLD_ITALIC_SUFFIXES))


def register(family: str, root: Path | None = None) -> Faces:
    """Register a family's faces with reportlab (once per process) and return them; FontProblem if unreadable."""
    found = faces(family, root)
    _register(found)
    return found


@functools.cache
def _register(found: Faces) -> None:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from sprintdoc.fonts.reportlab_fonts import TTFont, install

    install()
    paths = (found.regular, found.bold, found.italic, found.bold_italic)
    names = found.names()
    try:
        for name, path in zip(names, paths, strict=True):
            pdfmetrics.registerFont(TTFont(name, str(path)))
    except TTFError as err:
        raise FontProblem(f"font {found.family!r} cannot be used in a PDF: {err}") from None
    key = names[0]
    addMapping(key, 0, 0, names[0])
    addMapping(key, 1, 0, names[1])
    addMapping(key, 0, 1, names[2])
    addMapping(key, 1, 1, names[3])


@functools.cache
def coverage(path: Path) -> frozenset[int]:
    """The code points a TTF file has glyphs for."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    return frozenset(TTFontFile(str(path), validate=0).charToGlyph)


def _needs_glyph(char: str) -> bool:
    # Spaces and line breaks are laid out, not drawn; format characters (joiners,
    # direction marks) have no glyph of their own in most fonts and draw nothing.
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing_glyphs(text: str, family: str, root: Path | None = None) -> set[str]:
    """The characters of `text` that neither the family nor any shipped fallback family can draw."""
    chars = {c for c in set(text) if _needs_glyph(c)}
    if not chars:
        return set()
    families = [faces(family, root).regular] + [faces(f).regular for f in FALLBACKS if f != family]
    for path in families:
        chars -= {c for c in chars if ord(c) in coverage(path)}
        if not chars:
            break
    return chars


def font_for(char: str, family: Faces) -> Faces | None:
    """The family that draws `char`: the given one if it can, else the first shipped fallback that can, else None."""
    if ord(char) in coverage(family.regular):
        return family
    for name in FALLBACKS:
        fallback = faces(name)
        if fallback.regular != family.regular and ord(char) in coverage(fallback.regular):
            return fallback
    return None


__all__ = [
    "FALLBACKS",
    "SHIPPED",
    "Faces",
    "FontProblem",
    "coverage",
    "faces",
    "font_for",
    "missing_glyphs",
    "register",
]

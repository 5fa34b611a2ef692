"""The fonts sprintdoc ships (DejaVu, with its licence in LICENSE-DejaVu.txt) and the fonts a bundle brings.

A theme names a font family either by a shipped family's name (`DejaVu Sans`) or
by the path of a .ttf file inside the bundle. `faces` finds a family's four faces
(every file inside the bundle folder, as images are), `check` opens each as the
PDF writer will so that `validate` refuses what `generate` could not use,
`register` hands them to reportlab once, and `missing_glyphs` says which
characters of a text no font can draw, so the loader can warn about them.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import struct
import unicodedata
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from sprintdoc.errors import SprintdocError, clip
from sprintdoc.paths import PathProblem, inside

if TYPE_CHECKING:
    from sprintdoc.theme import Fonts

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


class FontProblem(SprintdocError, ValueError):
    """A font family that cannot be found or read; the message says why, naming the file."""


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
        # Over all four faces: two bundles with the same regular face and different bold ones are two families.
        paths = (self.regular, self.bold, self.italic, self.bold_italic)
        digest = _digest(tuple((path, *_identity(path)) for path in paths))
        return f"{self.regular.stem.replace(' ', '')}-{digest}"

    def names(self) -> tuple[str, str, str, str]:
        """The reportlab names of the regular, bold, italic and bold italic faces."""
        key = self.key
        return key, f"{key}-Bold", f"{key}-Italic", f"{key}-BoldItalic"


def _identity(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_size, stat.st_mtime_ns


@functools.lru_cache(maxsize=64)
def _digest(files: tuple[tuple[Path, int, int], ...]) -> str:
    """A short hash of the files' contents (read again only when a file's size or time changes)."""
    digest = hashlib.sha256()
    for path, _, _ in files:
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:8]


def _shipped_dir() -> Path:
    return Path(str(resources.files(__name__)))


def is_file_family(family: str) -> bool:
    """Whether a theme's font names a TTF file (in the bundle) rather than a shipped family."""
    return family.lower().endswith((".ttf", ".otf"))


def faces(family: str, root: Path | None = None) -> Faces:
    """The faces of a family: a shipped family's name, or a .ttf path relative to the bundle folder `root`.

    A bundle's TTF file gives the regular face; a bold or italic face is taken from a
    file beside it named with the usual suffix (`Inter-Bold.ttf`), else the regular face.
    Every file, the faces beside it included, must be inside the bundle folder: FontProblem otherwise.
    """
    if family in SHIPPED:
        folder = _shipped_dir()
        regular, bold, italic, bold_italic = (folder / name for name in SHIPPED[family])
        return Faces(family, regular, bold, italic, bold_italic)
    if not is_file_family(family):
        raise FontProblem(
            f"{clip(family)!r} is not a font shipped with sprintdoc ({', '.join(SHIPPED)}) "
            "nor a .ttf file in the bundle"
        )
    base = root or Path()
    path = _inside(base, family, "")
    subfolder, file_name = posixpath.split(family.replace("\\", "/"))
    stem, ext = posixpath.splitext(file_name)

    def beside(suffixes: tuple[str, ...], face: str) -> Path:
        for suffix in suffixes:
            candidate = posixpath.join(subfolder, stem + suffix + ext)
            if os.path.lexists(base / candidate):  # a link counts even if it leads nowhere: inside() says why
                return _inside(base, candidate, f"its {face} face ")
        return path

    return Faces(
        family,
        path,
        beside(_BOLD_SUFFIXES, "bold"),
        beside(_ITALIC_SUFFIXES, "italic"),
        beside(_BOLD_ITALIC_SUFFIXES, "bold italic"),
    )


def _inside(root: Path, name: str, face: str) -> Path:
    try:
        return inside(root, name)
    except PathProblem as err:
        raise FontProblem(f"{face}{err}") from None


def check(family: str, root: Path | None = None) -> Faces:
    """A family's faces, each file opened as the PDF writer will open it; FontProblem naming the file otherwise."""
    found = faces(family, root)
    if family in SHIPPED:
        return found
    base = (root or Path()).resolve()
    seen: set[Path] = set()
    for path, face in (
        (found.regular, ""),
        (found.bold, "its bold face "),
        (found.italic, "its italic face "),
        (found.bold_italic, "its bold italic face "),
    ):
        if path in seen:
            continue
        seen.add(path)
        shown = path.relative_to(base).as_posix() if path.is_relative_to(base) else path.name
        _open(path, shown, face)
    return found


def check_file(path: Path, shown: str) -> None:
    """Open one font file as the PDF writer will; FontProblem, naming the file as `shown`, if the PDF cannot use it."""
    _open(path, shown, "")


def _open(path: Path, shown: str, face: str) -> None:
    """Parse a TTF file and build a small subset of it, as the PDF writer does; FontProblem if that fails."""
    from sprintdoc.fonts.reportlab_fonts import parsed

    try:
        font = parsed(path).face
        font.makeSubset([0, *sorted(font.charToGlyph)[:8]])
    except _unreadable() as err:
        raise FontProblem(f"{face}{_problem(err, path, shown)}") from None


def _unreadable() -> tuple[type[Exception], ...]:
    """What reportlab raises on a file that is not a usable font: its own TTFError, and what its
    parser meets in a damaged one (a table cut short, an offset past the end, a missing table)."""
    from reportlab.pdfbase.ttfonts import TTFError

    return TTFError, struct.error, LookupError, ValueError, ArithmeticError


def theme_problems(fonts: Fonts, root: Path) -> list[tuple[str, str]]:
    """What is wrong with a theme's fonts, as (field, message), each file opened as the PDF writer will."""
    found = []
    for field, family in (("fonts.body", fonts.body), ("fonts.heading", fonts.heading)):
        try:
            check(family, root)
        except FontProblem as err:
            found.append((field, str(err)))
    return found


def _problem(err: Exception, path: Path, shown: str) -> FontProblem:
    """What a reportlab failure to read a font file means, in our words, naming the file as the bundle does."""
    from reportlab.pdfbase.ttfonts import TTFError

    name = repr(clip(shown))
    text = str(err).replace(str(path), shown)
    if isinstance(err, TTFError) and "postscript outlines" in text:
        return FontProblem(
            f"{name} has PostScript (CFF) outlines, which the PDF cannot embed; "
            "use a TrueType (.ttf) version of the font"
        )
    if isinstance(err, TTFError) and ("Not a recognized TrueType" in text or "can't read version" in text):
        return FontProblem(
            f"{name} does not hold a TrueType font (another kind of file renamed?); use a .ttf font file"
        )
    if isinstance(err, TTFError) and "subsetting/embedding" in text:
        return FontProblem(f"{name}: the font's licence flags forbid embedding it in a PDF; choose another font")
    if isinstance(err, TTFError):
        return FontProblem(f"{name} cannot be used as a font: {clip(text, 120)}")
    if isinstance(err, KeyError):
        return FontProblem(f"{name} is not a complete TrueType font: it has no {clip(str(err.args[0]))!r} table")
    return FontProblem(f"{name} cannot be read as a font: the file is cut short or damaged; install or export it again")


def register(family: str, root: Path | None = None) -> Faces:
    """Register a family's faces with reportlab (once per process) and return them; FontProblem if unreadable."""
    found = faces(family, root)
    _register(found)
    return found


def register_faces(found: Faces) -> Faces:
    """Register faces found some other way (by family name, `by_name.find_family`) with reportlab, once per process."""
    _register(found)
    return found


@functools.cache
def _register(found: Faces) -> None:
    from reportlab.lib.fonts import addMapping

    from sprintdoc.fonts.reportlab_fonts import TTFont, install, register_lazily

    install()
    paths = (found.regular, found.bold, found.italic, found.bold_italic)
    names = found.names()
    parsed_font(found.regular)  # the regular face now, for a fault to be told here; the others when first used
    for name, path in zip(names, paths, strict=True):
        register_lazily(TTFont(name, path))
    key = names[0]
    addMapping(key, 0, 0, names[0])
    addMapping(key, 1, 0, names[1])
    addMapping(key, 0, 1, names[2])
    addMapping(key, 1, 1, names[3])


def parsed_font(path: Path) -> Any:
    """A font file parsed (once a process: `reportlab_fonts.parsed`); FontProblem naming the file if it cannot be."""
    from sprintdoc.fonts.reportlab_fonts import parsed

    try:
        return parsed(path)
    except _unreadable() as err:
        raise _problem(err, path, path.name) from None


def coverage(path: Path) -> frozenset[int]:
    """The code points a TTF file has glyphs for."""
    result: frozenset[int] = parsed_font(path).coverage
    return result


@functools.cache
def line_height(path: Path) -> float:
    """A font's single line, in ems, as Word and LibreOffice set it: the `hhea` ascender, descender and line gap."""
    font = parsed_font(path).face
    units = font.get_table("head")[18:20]
    ascender, descender, gap = struct.unpack(">hhh", font.get_table("hhea")[4:10])
    return float((ascender - descender + gap) / struct.unpack(">H", units)[0])


def _needs_glyph(char: str) -> bool:
    # Spaces and line breaks are laid out, not drawn; format characters (joiners,
    # direction marks) have no glyph of their own in most fonts and draw nothing.
    return not char.isspace() and unicodedata.category(char) not in ("Cc", "Cf")


def missing_glyphs(text: str, family: str, root: Path | None = None) -> set[str]:
    """The characters of `text` that neither the family nor any shipped fallback family can draw."""
    chars = {c for c in set(text) if _needs_glyph(c)}
    if not chars:
        return set()
    families = [faces(f).regular for f in FALLBACKS if f != family]
    try:
        own = faces(family, root).regular
        coverage(own)
        families.insert(0, own)
    except FontProblem:
        pass  # the theme's font is reported where the theme is read; the fallbacks still say what they lack
    for path in families:
        chars -= {c for c in chars if ord(c) in coverage(path)}
        if not chars:
            break
    return chars


def font_for(char: str, family: Faces) -> Faces | None:
    """The family that draws `char`: the given one if it can, else the first shipped fallback that can (registered
    with reportlab now, the first time it is needed: most editions never need one), else None."""
    if ord(char) in coverage(family.regular):
        return family
    for name in FALLBACKS:
        fallback = faces(name)
        if fallback.regular != family.regular and ord(char) in coverage(fallback.regular):
            _register(fallback)
            return fallback
    return None


__all__ = [
    "FALLBACKS",
    "SHIPPED",
    "Faces",
    "FontProblem",
    "check",
    "check_file",
    "coverage",
    "faces",
    "font_for",
    "line_height",
    "missing_glyphs",
    "parsed_font",
    "register",
    "register_faces",
    "theme_problems",
]

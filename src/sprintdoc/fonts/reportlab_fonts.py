"""reportlab TrueType fonts that keep every character readable, even one the font has no glyph for.

Out of the box reportlab writes a character its font lacks as code 0, mapped to
U+0000 in the ToUnicode table: the reader sees an empty box and text extraction
(search, copy, screen readers, `pdftotext`) stops there. Here such a character
gets its own code, drawn as the font's □ (a real glyph, as PDF/UA wants, where
.notdef is not; the loader has warned about it) but mapped back to itself; and ToUnicode entries beyond the Basic
Multilingual Plane are written as UTF-16 surrogate pairs, as the PDF format wants.
"""

from __future__ import annotations

import functools
from fnmatch import fnmatch
from pathlib import Path
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts

_NBSP = 0xA0  # reportlab draws a no-break space as a space
_WHITE_SQUARE = 0x25A1  # □: what a character no font has is drawn as (it still reads back as itself)


class TTFont(ttfonts.TTFont):  # type: ignore[misc]  # reportlab is untyped
    """A reportlab TTFont read when the PDF first measures or draws in it, from a file parsed once a process, that
    gives a character with no glyph its own code, drawn as the font's □.

    reportlab's own TTFont parses its file when made; a family registers four faces and an edition
    often uses three, and the loader's glyph check and the line height read the regular face too.
    """

    def __init__(self, name: str, path: Path) -> None:
        # reportlab's __init__, less the parse (`face` below): the same attributes, checked by a test.
        self.fontName = name
        self.encoding = ttfonts.TTEncoding()
        self.state: WeakKeyDictionary[Any, Any] = WeakKeyDictionary()
        self._asciiReadable = rl_config.ttfAsciiReadable
        self.shapable = not any(fnmatch(name, glob) for glob in rl_config.unShapedFontGlob)
        self._path = path

    @functools.cached_property
    def face(self) -> Any:
        """The parsed face (`ttfonts.TTFontFace`), shared with every other use of the same file."""
        from sprintdoc.fonts import parsed_font  # FontProblem naming the file, should it not parse

        face = parsed_font(self._path).face
        # A character with no glyph is measured as it is drawn, as □, from the first layout on: the same
        # bundle must give the same layout (and bytes) however many documents the process made before.
        face.defaultWidth = face.charWidths.get(_WHITE_SQUARE, face.defaultWidth)
        first = _first_of_name(face.name, self)
        return face if first is self else first.face

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if "face" not in self.__dict__:
            self.face  # noqa: B018 - parsed here: reportlab's C accelerator would turn a FontProblem into AttributeError
        width: float = ttfonts.instanceStringWidthTTF(self, text, size, encoding)
        return width

    def splitString(self, text: str | bytes, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        if isinstance(text, bytes):
            text = text.decode(encoding)
        to_glyph = self.face.charToGlyph
        box = to_glyph.get(_WHITE_SQUARE, 0)  # a real glyph: PDF/UA forbids drawing .notdef (glyph 0)
        for char in set(text):
            code = ord(char)
            if code not in to_glyph and code != _NBSP:
                to_glyph[code] = box  # measured already as □ (`defaultWidth`)
        result: list[tuple[int, bytes]] = super().splitString(text, doc, encoding)
        return result


class Parsed(NamedTuple):
    """A font file parsed by reportlab, and the code points it has glyphs for as they were in the file."""

    face: Any  # ttfonts.TTFontFace
    coverage: frozenset[int]


def parsed(path: Path) -> Parsed:
    """The font file at `path`, parsed once a process for as long as the file is unchanged (same size and time)."""
    stat = path.stat()
    return _parsed(path, stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=64)
def _parsed(path: Path, size: int, mtime_ns: int) -> Parsed:
    face = ttfonts.TTFontFace(str(path), validate=0)
    # Taken now: the PDF later maps characters the font lacks onto its □ in the same table.
    return Parsed(face, frozenset(face.charToGlyph))


def _tables() -> tuple[dict[str, Any], dict[bytes, Any]] | None:
    """reportlab's fonts by name and dynamic fonts by face name; None should a new reportlab keep them otherwise."""
    fonts, faces = getattr(pdfmetrics, "_fonts", None), getattr(pdfmetrics, "_dynFaceNames", None)
    return (fonts, faces) if isinstance(fonts, dict) and isinstance(faces, dict) else None


def _first_of_name(face_name: bytes, font: Any) -> Any:
    """The font that draws for every font whose face has this PostScript name: the first one read, as reportlab's
    `registerFont` decides. A PDF names a font's subsets by that name (`AAAAAA+DejaVuSerif`): two fonts of one name
    in a document would clash (a bundle's copy of a shipped font, one file given as two faces)."""
    tables = _tables()
    if tables is None:
        return font  # registered by reportlab's registerFont, which did this itself
    fonts, faces = tables
    first = faces.setdefault(face_name, font)
    if first is not font:
        fonts[font.fontName] = first
    return first


def register_lazily(font: TTFont) -> None:
    """Make `font` known to reportlab by its name without parsing it (reportlab's `registerFont` reads the
    face's name from the file). Falls back to `registerFont` should reportlab's font table change."""
    tables = _tables()
    if tables is None:
        pdfmetrics.registerFont(font)
        return
    tables[0].setdefault(font.fontName, font)
    pdfmetrics.registerFontFamily(font.fontName)


def _utf16(code: int) -> str:
    if code < 0x10000:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


#: Values a ToUnicode entry must never map to (PDF/UA-1): code 0 of each subset is reportlab's .notdef.
_NOT_TEXT = frozenset({0x0000, 0xFEFF, 0xFFFE})


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a subset, with code points beyond U+FFFF as surrogate pairs.

    The subset's .notdef slot (U+0000) gets no entry, so no code maps to a character that is not text.
    """
    entries = [f"<{i:02X}> <{_utf16(v)}>" for i, v in enumerate(subset) if v not in _NOT_TEXT]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(entries)} beginbfchar",
        *entries,
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ])  # fmt: skip


@functools.cache
def install() -> None:
    """Make reportlab write surrogate pairs in ToUnicode CMaps (once per process; BMP output is unchanged)."""
    ttfonts.makeToUnicodeCMap = to_unicode_cmap

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
from typing import Any

from reportlab.pdfbase import ttfonts

_NBSP = 0xA0  # reportlab draws a no-break space as a space
_WHITE_SQUARE = 0x25A1  # □: what a character no font has is drawn as (it still reads back as itself)


class TTFont(ttfonts.TTFont):  # type: ignore[misc]  # reportlab is untyped
    """A reportlab TTFont that gives a character with no glyph its own code, drawn as the font's □."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A character with no glyph is measured as it is drawn, as □, from the first layout on: the same
        # bundle must give the same layout (and bytes) however many documents the process made before.
        face = self.face
        face.defaultWidth = face.charWidths.get(_WHITE_SQUARE, face.defaultWidth)

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

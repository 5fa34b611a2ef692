"""Scripts the PDF cannot set faithfully: right-to-left ones and those whose letters must be shaped.

reportlab draws characters one glyph each, in the order typed. That is right for
Latin, Greek, Cyrillic, CJK and most symbols, but Hebrew and Arabic read right to
left (the PDF would show them reversed), Arabic letters join, and the Brahmic
scripts (Bengali, Gujarati, Gurmukhi…) reorder and combine letters. Word lays
these out itself, so only the PDF is affected; the loader warns, naming the field.
"""

from __future__ import annotations

import bisect

#: (first, last, name) of each Unicode block whose text needs bidi ordering or shaping to read right.
_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0700, 0x074F, "Syriac"),
    (0x0750, 0x077F, "Arabic"),
    (0x0780, 0x07BF, "Thaana"),
    (0x07C0, 0x07FF, "N'Ko"),
    (0x0800, 0x083F, "Samaritan"),
    (0x0840, 0x085F, "Mandaic"),
    (0x0860, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0980, 0x09FF, "Bengali"),
    (0x0A00, 0x0A7F, "Gurmukhi"),
    (0x0A80, 0x0AFF, "Gujarati"),
    (0x0B00, 0x0B7F, "Odia"),
    (0x0B80, 0x0BFF, "Tamil"),
    (0x0C00, 0x0C7F, "Telugu"),
    (0x0C80, 0x0CFF, "Kannada"),
    (0x0D00, 0x0D7F, "Malayalam"),
    (0x0D80, 0x0DFF, "Sinhala"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x0E80, 0x0EFF, "Lao"),
    (0x0F00, 0x0FFF, "Tibetan"),
    (0x1000, 0x109F, "Myanmar"),
    (0x1780, 0x17FF, "Khmer"),
    (0x1800, 0x18AF, "Mongolian"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x10800, 0x10FFF, "right-to-left"),
    (0x1E800, 0x1EFFF, "right-to-left"),
)
_STARTS = [first for first, _, _ in _BLOCKS]


def script_of(char: str) -> str | None:
    """The name of the script of `char` if the PDF cannot set it faithfully, else None."""
    code = ord(char)
    i = bisect.bisect_right(_STARTS, code) - 1
    if i >= 0 and code <= _BLOCKS[i][1]:
        return _BLOCKS[i][2]
    return None


def unshaped_scripts(text: str) -> list[str]:
    """The scripts in `text`, in order of first appearance, that the PDF draws unshaped or in typed order."""
    found: dict[str, None] = {}
    for char in text:
        if ord(char) >= 0x0590:
            name = script_of(char)
            if name is not None:
                found.setdefault(name)
    return list(found)

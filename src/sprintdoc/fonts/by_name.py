"""Fonts a Word template names by family (`Arial`, `Calibri`, a brand font), found as TrueType files the PDF can embed.

`find_family` looks, in order, at the shipped families, at the .ttf files in the
folders it is given (the bundle's and the template's, each file kept inside its
folder as a bundle's images are), and at the machine's own fonts through
fontconfig's `fc-match`. A file counts by the family and style its own `name`
table gives, not by its file name, and only if the PDF writer can embed it. A
family found nowhere is drawn with the nearest shipped one, and the match says so,
so that the caller warns (`fallback_warning`) rather than swapping fonts silently.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import struct
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

import attrs

from sprintdoc.errors import clip
from sprintdoc.fonts import SHIPPED, Faces, FontProblem, check_file, faces
from sprintdoc.paths import PathProblem, inside

#: Asks fontconfig for the file of a pattern (`Brand Sans:bold:italic`); None when it has no answer.
FcMatch = Callable[[str], str | None]

#: Where a family's faces came from.
Source = Literal["shipped", "folder", "system", "fallback"]

#: The four faces, in the order `Faces` holds them.
FACES = ("regular", "bold", "italic", "bold italic")

#: The subfolder of a bundle or template folder also searched, where a bundle keeps its fonts.
FONTS_SUBFOLDER = "fonts"

_FONT_SUFFIXES = (".ttf", ".otf")
_PATTERN_STYLES = {"regular": "", "bold": ":bold", "italic": ":italic", "bold italic": ":bold:italic"}

# A style name, lowercased with spaces, hyphens and underscores removed, and the face it is;
# any other style (Light, Condensed, Black) is not one of the four faces.
_STYLES = {
    **dict.fromkeys(("regular", "normal", "book", "roman", "plain", "standard", "upright"), "regular"),
    **dict.fromkeys(("bold", "boldregular"), "bold"),
    **dict.fromkeys(("italic", "oblique", "regularitalic", "regularoblique"), "italic"),
    **dict.fromkeys(("bolditalic", "boldoblique", "italicbold", "obliquebold"), "bold italic"),
}

# Words in a family name that say it is a serif face, for the fallback; "sans" overrules them.
_SERIF = re.compile(
    r"\b(serif|times|georgia|cambria|garamond|antiqua|palatino|baskerville|bodoni|caslon|century schoolbook"
    r"|constantia|didot|minion|merriweather|charter|sitka|perpetua|bookman|goudy|lora|playfair|crimson"
    r"|cormorant|hoefler|cochin|utopia|tinos|gelasio|mincho|batang|songti|simsun|rockwell|sabon|bembo"
    r"|janson|plantin|joanna|calisto|californian|elephant)\b"
)
_SANS = re.compile(r"\bsans\b")

#: Families Word on Windows or macOS shows without embedding: those Windows ships and those Office installs.
WORD_FAMILIES = frozenset(
    name.casefold()
    for name in (
        "Aptos",  # Office's default body font since 2023, fetched on demand by Microsoft 365
        "Aptos Display",
        "Arial",
        "Arial Black",
        "Arial Narrow",
        "Bahnschrift",
        "Book Antiqua",
        "Bookman Old Style",
        "Calibri",
        "Calibri Light",
        "Cambria",
        "Cambria Math",
        "Candara",
        "Century",
        "Century Gothic",
        "Comic Sans MS",
        "Consolas",
        "Constantia",
        "Corbel",
        "Courier New",
        "Franklin Gothic Medium",
        "Gabriola",
        "Garamond",
        "Georgia",
        "Gill Sans MT",
        "Impact",
        "Lucida Console",
        "Lucida Sans Unicode",
        "Microsoft Sans Serif",
        "Palatino Linotype",
        "Rockwell",
        "Segoe Print",
        "Segoe Script",
        "Segoe UI",
        "Sylfaen",
        "Symbol",
        "Tahoma",
        "Times New Roman",
        "Trebuchet MS",
        "Tw Cen MT",
        "Verdana",
        "Webdings",
        "Wingdings",
    )
)


@attrs.frozen
class FamilyMatch:
    """The faces found for a family a template names, where they came from, and what stood in for what."""

    #: The family name as asked for.
    asked: str
    #: The four faces the PDF draws with (a shipped family's when `fallback_from` is set).
    faces: Faces
    source: Source
    #: The name asked for when no file of it was found and `faces` is the nearest shipped family instead.
    fallback_from: str | None = None
    #: Faces the family has no file for, drawn with its regular face (`bold`, `italic`, `bold italic`).
    missing: tuple[str, ...] = ()
    #: Files of the asked family that were found but cannot be used, each with why.
    passed_over: tuple[str, ...] = ()


def find_family(name: str, *, folders: Sequence[Path] = (), fc_match: FcMatch | None = None) -> FamilyMatch:
    """The faces of the family `name`: shipped, in `folders` (each with its `fonts/`), on the machine, else a stand-in.

    `fc_match` asks fontconfig (`system_fc_match`, the default, runs `fc-match`); its answer
    counts only if the file's own family is `name` and the PDF can embed it. Results are
    kept for the process, per name, folders and `fc_match`.
    """
    return _find(" ".join(name.split()), tuple(folders), fc_match or system_fc_match)


@functools.lru_cache(maxsize=512)
def _find(name: str, folders: tuple[Path, ...], fc_match: FcMatch) -> FamilyMatch:
    wanted = name.casefold()
    for shipped in SHIPPED:
        if shipped.casefold() == wanted:
            return FamilyMatch(name, faces(shipped), "shipped")
    found, passed_over = _in_folders(wanted, folders)
    source: Source = "folder"
    if "regular" not in found:
        system, refused = _on_machine(name, fc_match)
        passed_over += refused
        found = {**system, **found}
        source = "system" if system else source
    if not found:
        return FamilyMatch(name, faces(nearest_shipped(name)), "fallback", name, passed_over=tuple(passed_over))
    base = found.get("regular") or next(found[face] for face in FACES if face in found)
    paths = tuple(found.get(face, base) for face in FACES)
    missing = tuple(face for face in FACES[1:] if face not in found or found[face] == base)
    return FamilyMatch(name, Faces(name, *paths), source, missing=missing, passed_over=tuple(passed_over))


def nearest_shipped(name: str) -> str:
    """The shipped family that looks most like `name`: DejaVu Serif for a serif-looking name, else DejaVu Sans."""
    words = name.casefold()
    return "DejaVu Serif" if _SERIF.search(words) and not _SANS.search(words) else "DejaVu Sans"


def fallback_warning(style: str, match: FamilyMatch) -> str | None:
    """What to warn when a style's font was not found and the PDF draws it with a shipped family; None if found."""
    if match.fallback_from is None:
        return None
    named = f"style {clip(style)!r} names font {clip(match.fallback_from)!r}"
    if match.passed_over:
        return (
            f"{named}, found only in files the PDF cannot use: the PDF uses {match.faces.family} "
            f"({'; '.join(match.passed_over)})"
        )
    return (
        f"{named}, which this machine lacks: the PDF uses {match.faces.family}; "
        "put the font's .ttf files in the bundle or template folder to use it"
    )


def word_can_show(name: str) -> bool:
    """Whether Word on a reader's Windows or Mac is expected to have the family, so the DOCX shows it unembedded."""
    return " ".join(name.split()).casefold() in WORD_FAMILIES


def system_fc_match(pattern: str) -> str | None:
    """The file fontconfig's `fc-match` picks for a pattern, or None when the command is missing or fails."""
    command = shutil.which("fc-match")
    if command is None:
        return None
    try:
        result = subprocess.run(
            [command, "--format=%{file}", "--", pattern], capture_output=True, text=True, timeout=20, check=False
        )
    except (OSError, ValueError, subprocess.SubprocessError):  # ValueError: a NUL in the name
        return None
    answer = result.stdout.strip()
    return answer if result.returncode == 0 and answer else None


def fc_pattern(family: str, face: str) -> str:
    """The fontconfig pattern asking for a face of a family, with the characters patterns reserve escaped."""
    escaped = re.sub(r"([\\:,\-])", r"\\\1", family)
    return escaped + _PATTERN_STYLES[face]


@functools.lru_cache(maxsize=1024)
def _ask(fc_match: FcMatch, pattern: str) -> str | None:
    # one subprocess per pattern per process, whatever folders the family is looked for with
    return fc_match(pattern)


def _on_machine(name: str, fc_match: FcMatch) -> tuple[dict[str, Path], list[str]]:
    """The faces fontconfig gives for the family, each of it and embeddable, and the answers refused (with why)."""
    wanted = name.casefold()
    found: dict[str, Path] = {}
    refused: list[str] = []
    for face in FACES:
        answer = _ask(fc_match, fc_pattern(name, face))
        path = Path(answer) if answer else None
        if path is None or not path.is_absolute() or not path.is_file():
            break
        names = _names(path)
        if names is None or not names.is_family(wanted):
            break  # fontconfig answers every pattern; another family's file is no answer
        problem = _problem(path, path.name)
        if problem:
            refused.append(f"fontconfig gives {path}, but {problem}")
            break
        found[face] = path
    return found, refused


def _in_folders(wanted: str, folders: tuple[Path, ...]) -> tuple[dict[str, Path], list[str]]:
    """The faces of the family in the folders (the first folder holding a face wins it), and the files refused."""
    found: dict[str, Path] = {}
    refused: list[str] = []
    loose: list[Path] = []
    for folder in folders:
        for shown, path, names in _folder_fonts(folder):
            face = names.face_of(wanted)
            if face is None and wanted in names.legacy[0]:
                face = "loose"
            if face is None or face in found:
                continue
            problem = _problem(path, shown)
            if problem:
                refused.append(problem)
            elif face == "loose":
                loose.append(path)
            else:
                found[face] = path
    if not found and loose:
        # Word lists a font by its legacy family (name ID 1): one whose style is none of the
        # four (`Brand Light` styled "Light") is still that family's regular face to Word.
        found["regular"] = loose[0]
    return found, refused


@functools.lru_cache(maxsize=64)
def _folder_fonts(folder: Path) -> tuple[tuple[str, Path, _Names], ...]:
    """The font files in a folder and its `fonts/` subfolder, kept inside it, as (shown, path, names)."""
    fonts = []
    for sub in ("", FONTS_SUBFOLDER):
        try:
            entries = sorted(entry.name for entry in os.scandir(folder / sub))
        except OSError:
            continue
        for entry in entries:
            if not entry.lower().endswith(_FONT_SUFFIXES):
                continue
            shown = f"{sub}/{entry}" if sub else entry
            try:
                path = inside(folder, shown)
            except PathProblem:
                continue  # a link out of the folder, a FIFO: never opened
            names = _names(path)
            if names is not None:
                fonts.append((shown, path, names))
    return tuple(fonts)


@functools.lru_cache(maxsize=256)
def _problem(path: Path, shown: str) -> str | None:
    """Why the PDF writer cannot embed a font file (opened as it will open it), or None if it can."""
    try:
        check_file(path, shown)
    except FontProblem as err:
        return str(err)
    return None


@attrs.frozen
class _Names:
    """A font file's family and style names: the typographic pair (name IDs 16, 17) and the legacy pair (1, 2)."""

    typographic: tuple[frozenset[str], frozenset[str]]
    legacy: tuple[frozenset[str], frozenset[str]]

    def is_family(self, wanted: str) -> bool:
        """Whether the file belongs to the family `wanted` (casefolded), by either family name."""
        return wanted in self.typographic[0] or wanted in self.legacy[0]

    def face_of(self, wanted: str) -> str | None:
        """Which of the four faces of the family `wanted` the file is; None for another family, a Light, a Condensed."""
        for families, styles in (self.typographic, self.legacy):
            if wanted in families:
                face = next((_STYLES[s] for s in sorted(styles) if s in _STYLES), None)
                if face is not None:
                    return face
        return None


_MAX_NAME_TABLE = 1 << 20


def _names(path: Path) -> _Names | None:
    """The family and style names a font file's `name` table gives, or None if it is not a readable sfnt font."""
    try:
        with path.open("rb") as file:
            version, count = struct.unpack(">IH", file.read(6))
            if version not in (0x00010000, 0x74727565, 0x4F54544F):  # TrueType, Apple TrueType, CFF ('OTTO')
                return None
            file.seek(12)
            directory = file.read(16 * count)
            for index in range(count):
                tag, _, offset, length = struct.unpack_from(">4sIII", directory, 16 * index)
                if tag == b"name":
                    file.seek(offset)
                    return _parse_names(file.read(min(length, _MAX_NAME_TABLE)))
    except (OSError, struct.error, ValueError):
        return None
    return None


def _parse_names(table: bytes) -> _Names:
    """The names of IDs 1, 2, 16 and 17 from a `name` table, casefolded, whitespace collapsed."""
    count, strings = struct.unpack_from(">2xHH", table)
    found: dict[int, set[str]] = {1: set(), 2: set(), 16: set(), 17: set()}
    for index in range(count):
        platform, encoding, _, name_id, length, offset = struct.unpack_from(">6H", table, 6 + 12 * index)
        if name_id not in found:
            continue
        raw = table[strings + offset : strings + offset + length]
        if platform in (0, 3):
            text = raw.decode("utf-16-be", errors="replace")
        elif platform == 1 and encoding == 0:
            text = raw.decode("mac_roman")
        else:
            continue
        found[name_id].add(" ".join(text.split()).casefold())
    styles = {name_id: {re.sub(r"[ _-]", "", style) for style in found[name_id]} for name_id in (2, 17)}
    return _Names(
        typographic=(frozenset(found[16]), frozenset(styles[17] or styles[2])),
        legacy=(frozenset(found[1]), frozenset(styles[2])),
    )


__all__ = [
    "FACES",
    "FONTS_SUBFOLDER",
    "WORD_FAMILIES",
    "FamilyMatch",
    "FcMatch",
    "Source",
    "fallback_warning",
    "fc_pattern",
    "find_family",
    "nearest_shipped",
    "system_fc_match",
    "word_can_show",
]

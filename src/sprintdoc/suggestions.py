"""Hints for a likely mistake: the known name nearest a misspelt one, the bundle file nearest a missing one.

Messages add these after saying what is wrong (`; did you mean 'sponsor'?`), so that
the person reading one sees how to put it right without opening the documentation.
"""

from __future__ import annotations

import contextlib
import contextvars
import difflib
import os
import posixpath
from collections.abc import Iterable, Iterator
from pathlib import Path

import attrs

from sprintdoc.errors import clip
from sprintdoc.located import Mapping, Node, Scalar
from sprintdoc.values import YamlField


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice nearest `word`, if one is near enough to be a likely slip of the keyboard."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`; did you mean 'sponsor'?` for a near miss, else ''."""
    close = closest(word, choices)
    return f"; did you mean {close!r}?" if close else ""


def split_value(node: Mapping, at: int, fields: dict[str, YamlField]) -> str | None:
    """The value a comma cut short, if the unknown key at `at` is its rest: `{caption: Łukasz, Zoë and Minh}`.

    In braces a plain value ends at a comma, and what follows reads as a key with no value.
    """
    if not node.flow or not is_rest(node.entries[at], fields):
        return None
    start = at
    while start > 0 and is_rest(node.entries[start - 1], fields):
        start -= 1
    if start == 0:
        return None
    value = node.entries[start - 1][1]
    if not (isinstance(value, Scalar) and value.plain and value.text):
        return None
    end = at + 1
    while end < len(node.entries) and is_rest(node.entries[end], fields):
        end += 1
    return ", ".join([value.text, *(key.text for key, _ in node.entries[start:end])])


def is_rest(entry: tuple[Scalar, Node], fields: dict[str, YamlField]) -> bool:
    """Whether a mapping entry could be the rest of a value a comma cut: an unknown key with no value."""
    key, value = entry
    return key.text not in fields and isinstance(value, Scalar) and value.plain and not value.text


def colon_hint(node: Node) -> str:
    """For text that YAML read as a mapping because of a colon in it (`- Phase 1: done`): how to keep it text."""
    if not isinstance(node, Mapping) or node.flow or len(node.entries) != 1:
        return ""
    key, value = node.entries[0]
    if not (key.plain and isinstance(value, Scalar) and value.plain and value.mark.line == key.mark.line):
        return ""
    text = f"{key.text}: {value.text}".rstrip()
    quoted = '"' + clip(text).replace("\\", "\\\\").replace('"', '\\"') + '"'
    where = "followed by a space" if value.text else "at the end of a line"
    return f"; a colon {where} starts a key: put the text in quotes, {quoted}"


# Extensions that name one kind of file: a missing photo is looked for among the bundle's pictures only.
_KINDS = (
    frozenset({".png", ".jpg", ".jpeg", ".jpe", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".svg", ".heic"}),
    frozenset({".ttf", ".otf", ".ttc", ".woff", ".woff2"}),
    frozenset({".docx", ".dotx", ".docm", ".dotm", ".doc"}),
    frozenset({".yaml", ".yml"}),
)
#: The most files looked through for a hint: a bundle holds tens, but `root` may be any folder.
MAX_FILES = 5_000
#: The most file names one load compares a missing name with, in all: the hints of a bundle with thousands
#: of pictures, thousands of them missing, must not cost more than its load (the exact finds still come).
COMPARISONS = 10_000
#: Folders never offered: what sprintdoc writes (`out/`) and hidden ones (`.git`).
_SKIPPED = frozenset({"out", "__pycache__", "node_modules"})


@attrs.define
class _Listing:
    """A folder's files, and the same by lower-case path and by kind of file, for looking up many missing names."""

    files: tuple[str, ...]
    by_lower: dict[str, str] = attrs.field(factory=dict)
    by_kind: dict[frozenset[str] | None, dict[str, list[str]]] = attrs.field(factory=dict)

    def of_kind(self, kind: frozenset[str] | None) -> dict[str, list[str]]:
        """The files of a kind (all, for None), by their lower-case name without folder and extension."""
        if kind not in self.by_kind:
            stems: dict[str, list[str]] = {}
            for file in self.files:
                if kind is None or posixpath.splitext(file)[1].lower() in kind:
                    stems.setdefault(_stem(file), []).append(file)
            self.by_kind[kind] = stems
        return self.by_kind[kind]


@attrs.define
class _Remembered:
    listings: dict[Path, _Listing] = attrs.field(factory=dict)
    comparisons: int = attrs.field(factory=lambda: COMPARISONS)


_remembered: contextvars.ContextVar[_Remembered | None] = contextvars.ContextVar("sprintdoc_listings", default=None)


@contextlib.contextmanager
def remembered_listings() -> Iterator[None]:
    """Within this, a folder is listed once for all the missing files it is asked about (one bundle's load)."""
    token = _remembered.set(_Remembered())
    try:
        yield
    finally:
        _remembered.reset(token)


def nearest_file(root: Path, name: str) -> str | None:
    """The file in the bundle folder `root` most like the missing `name` and of its kind, as a relative path.

    `Photo.JPG` finds `photo.jpg`; `images/duncan-taylr.png` finds `images/duncan-taylor.png`;
    `img/logo.png` finds `images/logo.png`. None when nothing is near enough.
    """
    remembered = _remembered.get() or _Remembered()
    listing = _listing(root, remembered)
    wanted = posixpath.normpath(name.replace("\\", "/"))
    if wanted.lower() in listing.by_lower:
        return listing.by_lower[wanted.lower()]
    ext = posixpath.splitext(wanted)[1].lower()
    stems = listing.of_kind(next((k for k in _KINDS if ext in k), frozenset({ext}) if ext else None))
    # The file's own name first (a shared folder and extension make any two paths look alike), then its path.
    stem = _stem(wanted)
    if stem in stems:
        near = [stem]
    elif len(stems) <= remembered.comparisons:
        remembered.comparisons -= len(stems)
        near = difflib.get_close_matches(stem, stems, n=3, cutoff=0.6)
    else:
        return None
    scored = [(_ratio(stem, s), _ratio(wanted.lower(), f.lower()), f) for s in near for f in stems[s]]
    return max(scored)[2] if scored else None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def nearest_file_hint(root: Path, name: str) -> str:
    """`; did you mean 'images/photo.jpg'?` for the file nearest a missing one, else ''."""
    try:
        near = nearest_file(root, name)
    except OSError:
        return ""
    return f"; did you mean '{clip(near)}'?" if near else ""


def _stem(path: str) -> str:
    return posixpath.splitext(posixpath.basename(path))[0].lower()


def _listing(root: Path, remembered: _Remembered) -> _Listing:
    """The bundle folder's files as relative paths (`images/photo.jpg`), at most MAX_FILES of them."""
    key = root.resolve()
    if key in remembered.listings:
        return remembered.listings[key]
    found: list[str] = []
    for folder, dirs, names in os.walk(key):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in _SKIPPED)
        rel = Path(folder).relative_to(key).as_posix()
        found.extend(n if rel == "." else f"{rel}/{n}" for n in sorted(names) if not n.startswith("."))
        if len(found) >= MAX_FILES:
            break
    files = tuple(found[:MAX_FILES])
    listing = _Listing(files, {f.lower(): f for f in reversed(files)})
    remembered.listings[key] = listing
    return listing

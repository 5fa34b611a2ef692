"""The sprint bundle as typed, immutable data: what the YAML means, with no I/O and no format.

A script can build a bundle in code with these classes (and the section models in
`sprintdoc.sections`), without any YAML. Text fields that are Markdown accept a
plain string and hold a `Markdown`.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar, TypeVar

import attrs

from sprintdoc.checks_names import CHECKS
from sprintdoc.errors import Problem, clip
from sprintdoc.markdown import Markdown, to_markdown_or_none
from sprintdoc.theme import Theme

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec")

T = TypeVar("T")

_MONTH = re.compile(r"(\d{4})-(\d{2})")
#: A month's name (or its first three letters or more) and a year, in a period: `July 2021`, `Sept. 2021`.
_NAMED_MONTH = re.compile(r"\b([A-Za-z]{3,})\.?\s+(\d{4})\b")


#: The longest slug, in UTF-8 bytes. A file name may hold 255 bytes, and the temporary beside an
#: output (`.<slug>.docx.<random>.part`) adds about 20 to the slug; this leaves room to spare.
SLUG_MAX_BYTES = 120


def slugify(text: str) -> str:
    """Lower-case words joined by `-`: `Sprint Notes July 2021` -> `sprint-notes-july-2021` ('' for no words).

    A slug longer than SLUG_MAX_BYTES is cut, and ends with a short hash of the whole, so that
    two long titles that differ only near their end still get two names.
    """
    slug = "-".join(re.findall(r"\w+", text.lower()))
    encoded = slug.encode("utf-8")
    if len(encoded) <= SLUG_MAX_BYTES:
        return slug
    digest = hashlib.sha256(encoded).hexdigest()[:8]
    head = encoded[: SLUG_MAX_BYTES - len(digest) - 1].decode("utf-8", errors="ignore").rstrip("-_")
    return f"{head}-{digest}"


def as_tuple(values: Iterable[T]) -> tuple[T, ...]:
    """`values` as a tuple: what a list field holds, whatever iterable a script passed.

    As an attrs converter, write `converter=tuple[Story, ...]` instead: the same at run time,
    and mypy's attrs plugin, which cannot bind `T` in a converter function, then types the
    model's `__init__` as taking `Iterable[Story]`.
    """
    return tuple(values)


@attrs.frozen(order=True)
class Month:
    """A calendar month, written `YYYY-MM` in a bundle."""

    year: int
    month: int = attrs.field(validator=attrs.validators.and_(attrs.validators.ge(1), attrs.validators.le(12)))

    expected: ClassVar[str] = "a month like 2021-04"

    @classmethod
    def from_text(cls, text: str) -> Month:
        """The month a `YYYY-MM` text names; ValueError otherwise."""
        found = _MONTH.fullmatch(text.strip())
        if not found or not 1 <= int(found.group(2)) <= 12:
            raise ValueError(text)
        return cls(int(found.group(1)), int(found.group(2)))

    def to_text(self) -> str:
        """The month as a bundle writes it: `2021-04`."""
        return f"{self.year:04d}-{self.month:02d}"

    def __str__(self) -> str:
        return self.to_text()

    def short(self) -> str:
        """As stage strips print it: `Sept 20`."""
        return f"{SHORT_MONTHS[self.month - 1]} {self.year % 100:02d}"

    def long(self) -> str:
        """As past work prints it: `March 2021`."""
        return f"{MONTHS[self.month - 1]} {self.year}"


@attrs.frozen(eq=False)
class Picture:
    """An image decoded once: upright, sRGB, 8-bit, re-encoded as PNG or JPEG; both writers use these bytes."""

    data: bytes = attrs.field(repr=lambda d: f"<{len(d)} bytes>")
    format: str  # "png" or "jpeg"
    width: int
    height: int


@attrs.frozen
class Image:
    """A picture in the bundle: a PNG or JPEG file inside the bundle folder, with its alt text."""

    file: str = attrs.field(
        metadata={
            "doc": "The picture: a PNG or JPEG file inside the bundle folder, as a path relative to it (not a URL)."
        }
    )
    alt: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the picture shows, for screen readers; required unless `decorative: true`."},
    )
    caption: str | None = attrs.field(default=None, metadata={"doc": "Visible text shown under the picture."})
    decorative: bool = attrs.field(
        default=False,
        metadata={"doc": "`true` for a picture that only decorates: it needs no alt text, and screen readers skip it."},
    )
    picture: Picture | None = attrs.field(default=None, eq=False, repr=False, metadata={"yaml": False})

    def problems(self) -> list[tuple[str, str]]:
        """What is wrong in this image's own fields, as (field, message)."""
        if not self.decorative and not (self.alt or "").strip():
            return [("alt", "alt text is required (describe the picture, or set decorative: true)")]
        return []


@attrs.frozen
class Edition:
    """The masthead and closing of one edition."""

    title: str = attrs.field(
        metadata={
            "doc": "The newsletter's name in the masthead (`Sprint Notes`); with `period` it names the output files."
        }
    )
    period: str = attrs.field(
        metadata={"doc": "Which edition this is, as free text shown in the masthead (`July 2021`)."}
    )
    strapline: str | None = attrs.field(
        default=None,
        metadata={
            "doc": "A line under the title saying what this edition is; marked by `new` as last month's.",
            "monthly": "review",
        },
    )
    publisher: str | None = attrs.field(default=None, metadata={"doc": "Who publishes the newsletter (`ecda`)."})
    tagline: str | None = attrs.field(
        default=None, metadata={"doc": "A short motto shown on a banner (`Data, People, Action`)."}
    )
    language: str = attrs.field(
        default="en-GB",
        metadata={"doc": "The documents' language, a BCP 47 tag (`en-GB`, the default; `cy`, `fr-CA`)."},
    )
    closing: Markdown | None = attrs.field(
        default=None,
        converter=to_markdown_or_none,
        metadata={"doc": "Markdown shown at the end of the newsletter (a contact line)."},
    )
    logo: Image | None = attrs.field(default=None, metadata={"doc": "An image shown in the masthead."})

    def problems(self) -> list[tuple[str, str]]:
        """What is wrong in the edition's own fields, as (field, message)."""
        if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", self.language):
            return [("language", f"expected a language tag like en-GB, got {self.language!r}")]
        return []

    def month(self) -> Month | None:
        """The month the period names (`July 2021`, `Sept 2021`, `Summer issue, July 2021`, `2021-07`), or None
        (`Spring 2021`): what dates the documents and counts editions."""
        try:
            return Month.from_text(self.period)
        except ValueError:
            pass
        for found in _NAMED_MONTH.finditer(self.period):
            word = found.group(1).lower()
            for number, name in enumerate(MONTHS, start=1):
                if name.lower().startswith(word):
                    return Month(int(found.group(2)), number)
        return None

    def slug(self) -> str:
        """The output files' name: `sprint-notes-july-2021`."""
        return slugify(f"{self.title} {self.period}") or "sprint-notes"


@attrs.frozen
class Section:
    """The base of every section model: every section may have a title."""

    title: str | None = attrs.field(default=None, metadata={"doc": "The section's heading."})


@attrs.frozen
class Checks:
    """What `sprintdoc check` leaves out for this bundle (docs/check.md lists the checks)."""

    skip: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple[str, ...],
        metadata={"doc": "The checks `sprintdoc check` does not run on this bundle, by name (`stuck-stage`)."},
    )

    def problems(self) -> list[tuple[str, str]]:
        """Names that are not checks, as (field, message), with the nearest name when one is close."""
        found = []
        for i, name in enumerate(self.skip):
            if name not in CHECKS:
                close = difflib.get_close_matches(name, list(CHECKS), n=1, cutoff=0.6)
                hint = f"did you mean {close[0]!r}?" if close else f"the checks are: {', '.join(CHECKS)}"
                found.append((f"skip[{i}]", f"unknown check {clip(name)!r}; {hint}"))
        return found


def _sections(sections: Iterable[Section]) -> tuple[Section, ...]:
    """`Bundle.sections`' converter: any iterable of sections (a list, a generator), kept as a tuple."""
    return tuple(sections)


@attrs.frozen
class Bundle:
    """One edition's content: the whole newsletter, ready for the writers."""

    edition: Edition = attrs.field(metadata={"doc": "The masthead and closing of this edition."})
    sections: tuple[Section, ...] = attrs.field(
        converter=_sections, metadata={"doc": "The newsletter's sections, in order; each names its `kind`."}
    )
    theme: Theme = attrs.field(
        factory=Theme,
        metadata={
            "doc": "A built-in theme's name, a theme file in the bundle folder, or colours and fonts inline.",
            "yaml": "theme",
        },
    )
    template: str | None = attrs.field(
        default=None,
        metadata={
            "doc": "The Word template to write from: a .docx inside the bundle folder (default: the shipped one).",
            "yaml": "template",
        },
    )
    checks: Checks = attrs.field(
        factory=Checks,
        metadata={"doc": "Settings of `sprintdoc check`, the pre-publish checklist: `skip`, the checks to leave out."},
    )
    previous: str | None = attrs.field(
        default=None,
        metadata={
            "doc": "Last month's bundle folder, relative to this bundle's folder (`../july-2021`): what `check`, "
            "`diff` and a `what-moved` section compare this edition with; `sprintdoc new` sets it.",
            "yaml": "previous",
        },
    )
    #: Last month's bundle, which `previous` names: loaded with this one (its pictures not decoded, its own
    #: `previous` not followed), or given by a script that builds the bundle in code.
    previous_bundle: Bundle | None = attrs.field(default=None, eq=False, repr=False, metadata={"yaml": False})
    root: Path = attrs.field(default=Path(), converter=Path, metadata={"yaml": False})
    source: str = attrs.field(default="", metadata={"yaml": False})
    warnings: tuple[Problem, ...] = attrs.field(default=(), eq=False, repr=False, metadata={"yaml": False})
    version: int = attrs.field(
        default=1, metadata={"doc": "The format version of this file: `1`.", "key": "sprintdoc", "required": True}
    )

    def template_file(self) -> Path | None:
        """The path of the Word template the bundle names (under `root`), or None for the shipped one."""
        return self.root / self.template if self.template else None

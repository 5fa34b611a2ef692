"""`events`: upcoming events, each with a date, a title, a place and an optional note.

A third-party section kind for sprintdoc, registered only through the
`sprintdoc.sections` entry point (see pyproject.toml). It uses nothing a
built-in kind does not: the public `SectionKind` record, a frozen attrs model,
and the `Drawing` calls both writers answer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import ClassVar

import attrs

from sprintdoc import Markdown, OutlineItem, Section, SectionKind
from sprintdoc.drawing import Drawing
from sprintdoc.markdown import to_markdown_or_none


@attrs.frozen(order=True)
class Day:
    """A calendar day, written `YYYY-MM-DD` in a bundle."""

    date: dt.date

    #: How sprintdoc's validation messages describe a Day ("expected a day like 2021-10-14, got ...").
    expected: ClassVar[str] = "a day like 2021-10-14"
    #: What `sprintdoc schema` says of it, for editors.
    json_schema: ClassVar[dict[str, str]] = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

    @classmethod
    def from_text(cls, text: str) -> Day:
        """The day a `YYYY-MM-DD` text names; ValueError otherwise (sprintdoc turns it into a located error)."""
        return cls(dt.date.fromisoformat(text.strip()))

    def to_text(self) -> str:
        """The day as a bundle writes it (`sprintdoc new` too): `2021-10-14`, which `from_text` reads back."""
        return self.date.isoformat()

    def __str__(self) -> str:
        return f"{self.date.day} {self.date:%B %Y}"


@attrs.frozen
class Event:
    """One upcoming event."""

    title: str
    date: Day
    place: str | None = None
    note: Markdown | None = attrs.field(default=None, converter=to_markdown_or_none)


@attrs.frozen
class EventsSection(Section):
    """A list of upcoming events, soonest first as written."""

    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple[Event, ...])

    def problems(self) -> list[tuple[str, str]]:
        """Events out of date order, as (field path, message)."""
        return [
            (
                f"events[{i}].date",
                f"is before the event above it ({self.events[i - 1].date}); list soonest first",
            )
            for i in range(1, len(self.events))
            if self.events[i].date < self.events[i - 1].date
        ]


def draw(section: EventsSection, out: Drawing) -> None:
    """Draw the title, then each event: its title as an item, date and place, and note."""
    out.section_heading(section.title or "")
    for event in section.events:
        out.item_heading(event.title)
        out.text(" · ".join(part for part in (str(event.date), event.place or "") if part), "meta")
        if event.note:
            out.markdown(event.note)


def items(section: EventsSection) -> Sequence[OutlineItem]:
    """The events' titles."""
    return [OutlineItem(event.title) for event in section.events]


KIND = SectionKind(
    name="events",
    model=EventsSection,
    draw=draw,
    items=items,
    summary="upcoming events: date, title, place",
)

"""Reading finished documents back into an `Outline`: one module per format, the tree built in one place."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO

import attrs

from sprintdoc.outline import CURRENT_STAGE_PREFIX, Outline, OutlineSection
from sprintdoc.registry import OutlineItem

_MARKER = re.compile(r"sprintdoc-(?P<kind>.+?)-(?P<section>\d+)(?:-(?P<item>\d+))?")


#: What a reader reads: a document's path, or its bytes as a seekable binary stream.
Source = Path | IO[bytes]


@contextlib.contextmanager
def opened(source: Source) -> Iterator[IO[bytes]]:
    """A document as a seekable binary stream: a path opened (and closed after), a stream as it is."""
    if isinstance(source, Path):
        with source.open("rb") as stream:
            yield stream
    else:
        yield source


def size_of(stream: IO[bytes]) -> int:
    """A seekable stream's length in bytes, leaving it at its start."""
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    return size


@attrs.frozen
class Mark:
    """A marker (`sprintdoc-news-1-2`) split into kind, section number and item number."""

    kind: str
    section: int
    item: int | None

    @classmethod
    def parse(cls, name: str) -> Mark | None:
        """The marker a bookmark or destination name holds, or None for any other name."""
        found = _MARKER.fullmatch(name)
        if found is None:
            return None
        item = found.group("item")
        return cls(found.group("kind"), int(found.group("section")), int(item) if item else None)


class OutlineBuilder:
    """Collects what a reader finds, in reading order, into an `Outline`."""

    def __init__(self) -> None:
        self.title = ""
        self.period = ""
        self.sections: list[tuple[str, str | None, list[OutlineItem]]] = []
        self._item_open = False

    def section(self, kind: str, title: str) -> None:
        """A section heading with its marker."""
        self.sections.append((kind, title.strip() or None, []))
        self._item_open = False

    def item(self, title: str) -> tuple[int, int] | None:
        """An item with its marker (inside the last section); where it is, for `retitle`."""
        if not self.sections:
            return None
        self.sections[-1][2].append(OutlineItem(title.strip()))
        self._item_open = True
        return len(self.sections) - 1, len(self.sections[-1][2]) - 1

    def retitle(self, where: tuple[int, int], title: str) -> None:
        """Give the item `item` placed at `where` its whole title (a marker around several paragraphs)."""
        items = self.sections[where[0]][2]
        items[where[1]] = attrs.evolve(items[where[1]], title=title.strip())

    def heading(self, text: str, level: int) -> None:
        """A heading without a marker: level 3 is the open item's card heading; levels 1–2 close the item."""
        if level <= 2:
            self._item_open = False
        elif self._item_open and text.strip():
            last = self.sections[-1][2][-1]
            self.sections[-1][2][-1] = attrs.evolve(last, headings=(*last.headings, text.strip()))

    def text(self, text: str) -> None:
        """A line of body text: `Current stage: …` names the open item's current stage."""
        line = text.strip()
        if self._item_open and line.startswith(CURRENT_STAGE_PREFIX.strip()):
            last = self.sections[-1][2][-1]
            stage = line[len(CURRENT_STAGE_PREFIX.strip()) :].strip()
            self.sections[-1][2][-1] = attrs.evolve(last, current_stage=stage or None)

    def outline(self) -> Outline:
        """The tree collected."""
        return Outline(
            self.title.strip(),
            self.period.strip(),
            tuple(OutlineSection(kind, title, tuple(items)) for kind, title, items in self.sections),
        )

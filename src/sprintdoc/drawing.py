"""What a section kind may draw with: the calls both writers answer, in the same words.

A kind's Word renderer gets a `DocxContext` and its PDF renderer a `PdfContext`
(see `sprintdoc.writers`); both are `Drawing`s, so a kind that needs nothing
format-specific writes one function and uses it for both. Each context also gives
raw access (`ctx.document`, `ctx.story`) for a kind that needs more.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Literal, Protocol, TypeAlias

import attrs

from sprintdoc.markdown import Markdown
from sprintdoc.model import Image
from sprintdoc.theme import Theme

TextStyle = Literal["body", "subtitle", "meta", "caption", "strapline"]
#: A table cell: Markdown (bold, italic, links, lists), or plain text shown exactly as given.
Cell: TypeAlias = Markdown | str
#: How a table column's cells stand: numbers read best right-aligned.
Align = Literal["left", "center", "right"]
_LINE_BREAKS = re.compile(r"[\t\r\n]")


class StageState(enum.Enum):
    """Where a project is with one lifecycle stage."""

    DONE = "done"
    CURRENT = "current"
    TO_COME = "to come"

    @property
    def label(self) -> str:
        """The state in words ("done", "current", "to come"), shown in a stage's cell beside its colour.

        Both writers draw it, so that a stage's state never rests on its fill or text colour alone (WCAG 1.4.1).
        It is never "current stage": the card's `Current stage: …` line is what readers look for.
        """
        return self.value


@attrs.frozen
class StageView:
    """One stage as drawn: its name, state, dates (`Aug 20 – Sept 20`) and note."""

    name: str
    state: StageState = StageState.TO_COME
    dates: str = ""
    note: str = ""


def item_title(block: Cell) -> str:
    """The outline title of an item marked on a block (`text(..., item=True)`, a table `Row(..., item=True)`).

    It is the block's text as a reader sees it, its paragraphs and lines joined by spaces, without markup:
    a kind's `items` gives `OutlineItem(item_title(...))` for the same block, and the outline matches.
    """
    paragraphs = block.paragraphs() if isinstance(block, Markdown) else (block,)
    return " ".join(_LINE_BREAKS.sub(" ", p) for p in paragraphs if p.strip()).strip()


def _cells(cells: Iterable[Cell]) -> tuple[Cell, ...]:
    if isinstance(cells, str | Markdown):
        raise TypeError(f"a table row is a sequence of cells, got one cell: {cells!r}")
    return tuple(cells)


@attrs.frozen
class Row:
    """A table row: its cells, one a column, and whether it is the section's next outline item.

    An item row gets the item's marker (a Word bookmark around its first cell, a PDF destination and outline
    entry); the item's title is `item_title` of its first cell.
    """

    cells: tuple[Cell, ...] = attrs.field(converter=_cells)
    item: bool = False


@attrs.frozen
class TableView:
    """A table as both writers draw it: checked, its widths made fractions of the column, one alignment a column."""

    header: tuple[str, ...]
    rows: tuple[Row, ...]
    caption: str
    widths: tuple[float, ...]
    align: tuple[Align, ...]


def table_view(
    header: Sequence[str],
    rows: Sequence[Row | Sequence[Cell]],
    *,
    caption: str,
    widths: Sequence[float] | None = None,
    align: Sequence[Align] | None = None,
) -> TableView:
    """The table `Drawing.table` was given, checked; ValueError (a bug in the kind) names what does not fit."""
    columns = len(header)
    if columns == 0:
        raise ValueError("a table needs at least one column in its header")
    made = tuple(row if isinstance(row, Row) else Row(row) for row in rows)
    for n, row in enumerate(made, start=1):
        if len(row.cells) != columns:
            raise ValueError(f"table row {n} has {len(row.cells)} cells; the header has {columns}")
    given = tuple(widths) if widths is not None else (1.0,) * columns
    if len(given) != columns or not all(w > 0 for w in given):
        raise ValueError(f"a table's widths must be {columns} positive proportions, got {list(given)}")
    left: Align = "left"
    aligned = tuple(align) if align is not None else (left,) * columns
    if len(aligned) != columns or not set(aligned) <= {"left", "center", "right"}:
        raise ValueError(f"a table's align must be {columns} of 'left', 'center', 'right', got {list(aligned)}")
    total = sum(given)
    return TableView(tuple(header), made, caption, tuple(w / total for w in given), aligned)


class Drawing(Protocol):
    """The calls a section kind draws with. Text passed in is data: it is shown exactly as given."""

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        ...

    def section_heading(self, title: str) -> None:
        """The section's title as a level-1 heading, with the section's marker (`sprintdoc-news-1`)."""

    def item_heading(self, title: str) -> None:
        """An item's title (a story, a project, a past-work entry) as a level-2 heading with its marker."""

    def heading(self, text: str, level: int = 3, *, item: bool = False) -> None:
        """A heading (card headings, the lifecycle's title); `item=True` makes it the section's next outline item."""

    def text(self, text: str, style: TextStyle = "body", *, item: bool = False) -> None:
        """A paragraph of plain text in one of the theme's text styles; `item=True` makes it the next outline item
        (titled `item_title(text)`)."""

    def labelled(self, pairs: Sequence[tuple[str, str]]) -> None:
        """Label and value lines (`Sponsor: Jane Gardner`), the label in bold; pairs with no value are skipped."""

    def markdown(self, text: Markdown) -> None:
        """A Markdown field: paragraphs, lists, quotes, bold, italic, links."""

    def bullets(self, items: Sequence[Markdown]) -> None:
        """A bullet list whose items are Markdown."""

    def quote(self, text: str) -> None:
        """A pull quote (a card's aim)."""

    def picture(self, image: Image) -> None:
        """An image with its alt text, and its caption under it."""

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """A row of stages: the lifecycle (strip=False), or a card's stage strip with dates and the current stage."""

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Row | Sequence[Cell]],
        *,
        caption: str,
        widths: Sequence[float] | None = None,
        align: Sequence[Align] | None = None,
    ) -> None:
        """A data table: a header row (repeated on each page), rows of cells (Markdown or plain text), the caption
        shown above it and given as its alt text, column `widths` as proportions of the column (default equal),
        each column's `align` (numbers: "right"). A `Row(cells, item=True)` is the section's next outline item.

        Drawn in the template's Data Table style (Word) and in its look (PDF), tagged as a data table.
        """

    def group(self) -> AbstractContextManager[None]:
        """Keep what is drawn inside together on a page where it fits (a project card)."""
        ...

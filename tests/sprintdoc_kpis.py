"""`kpis`: key performance indicators as one table, each indicator a row and an outline item.

A third-party section kind as a user writes it from the docs: a frozen attrs model, one `draw` through
`Drawing` (a `table` with Markdown cells, its rows marked as items) and `items` naming the same rows. The
tests install it through a fake entry point (`kpis = sprintdoc_kpis:KIND`); `mypy --strict` checks it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from sprintdoc import Markdown, OutlineItem, Section, SectionKind
from sprintdoc.drawing import Cell, Drawing, Row, item_title
from sprintdoc.markdown import to_markdown_or_none


@attrs.frozen
class Indicator:
    """One indicator: what is measured, its value and target (as typed: `3.5`, `95%`), and a Markdown note."""

    name: str
    value: str
    target: str | None = None
    unit: str | None = None
    note: Markdown | None = attrs.field(default=None, converter=to_markdown_or_none)


def _indicators(values: Iterable[Indicator]) -> tuple[Indicator, ...]:
    return tuple(values)


@attrs.frozen
class KpisSection(Section):
    """A table of indicators."""

    indicators: tuple[Indicator, ...] = attrs.field(default=(), converter=_indicators)


HEADER = ("Indicator", "Value", "Target", "Unit", "Note")


def cells(indicator: Indicator) -> tuple[Cell, ...]:
    """An indicator's row: its name first (the item's title), numbers as typed, the note as Markdown."""
    return (
        indicator.name,
        indicator.value,
        indicator.target or "",
        indicator.unit or "",
        indicator.note or Markdown(""),
    )


def draw(section: KpisSection, out: Drawing) -> None:
    """The title, then one table: a row an indicator, each an outline item; numbers right-aligned."""
    out.section_heading(section.title or "")
    out.table(
        HEADER,
        [Row(cells(indicator), item=True) for indicator in section.indicators],
        caption=f"{section.title or 'Indicators'}: value and target of each indicator",
        widths=(3, 1, 1, 1, 4),
        align=("left", "right", "right", "left", "left"),
    )


def items(section: KpisSection) -> Sequence[OutlineItem]:
    """Each indicator, titled as its row's first cell reads."""
    return [OutlineItem(item_title(cells(indicator)[0])) for indicator in section.indicators]


KIND = SectionKind(name="kpis", model=KpisSection, draw=draw, items=items, summary="key indicators as a table")

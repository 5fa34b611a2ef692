"""`kpis`: key performance indicators as one table, each indicator a row and an outline item.

A third-party section kind as a user writes it from the docs: a frozen attrs model with decimal (`Number`) and
date fields, one `draw` through `Drawing` (a `table` with Markdown cells, its rows marked as items), `items`
naming the same rows, and `carry_over` for next month's bundle. The tests install it through a fake entry point
(`kpis = sprintdoc_kpis:KIND`) and, for the `sprintdoc` command, as a file in a site folder; `mypy --strict`
checks it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence

import attrs

from sprintdoc import Markdown, Number, OutlineItem, Section, SectionKind
from sprintdoc.drawing import Cell, Drawing, Row, item_title
from sprintdoc.markdown import to_markdown_or_none


@attrs.frozen
class Indicator:
    """One indicator: what is measured, its value and target, when it was measured, and a Markdown note."""

    name: str = attrs.field(metadata={"doc": "What is measured (`Median wait (days)`)."})
    value: Number | None = attrs.field(default=None, metadata={"doc": "This month's figure, as typed: `3.5`."})
    target: Number | None = attrs.field(default=None, metadata={"doc": "The figure aimed for."})
    unit: str | None = attrs.field(default=None, metadata={"doc": "What the figures count (`days`, `%`)."})
    measured: dt.date | None = attrs.field(default=None, metadata={"doc": "The day the value was measured."})
    note: Markdown | None = attrs.field(
        default=None, converter=to_markdown_or_none, metadata={"doc": "A Markdown note on the figure."}
    )


@attrs.frozen
class KpisSection(Section):
    """A table of indicators, and the day the next figures are due."""

    due: dt.date | None = attrs.field(default=None, metadata={"doc": "When next month's figures are due."})
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), converter=tuple[Indicator, ...], metadata={"doc": "The indicators, a row each."}
    )


HEADER = ("Indicator", "Value", "Target", "Unit", "Measured", "Note")
#: Each column's share of the width: the number columns wide enough for `Target` and `1234.50` on one line.
WIDTHS = (3, 1.5, 1.5, 1, 2, 4)


def _text(value: Number | dt.date | str | None) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


def cells(indicator: Indicator) -> tuple[Cell, ...]:
    """An indicator's row: its name first (the item's title), numbers as typed, the note as Markdown."""
    return (
        indicator.name,
        _text(indicator.value),
        _text(indicator.target),
        _text(indicator.unit),
        _text(indicator.measured),
        indicator.note or Markdown(""),
    )


def draw(section: KpisSection, out: Drawing) -> None:
    """The title, the due date, then one table: a row an indicator, each an outline item; numbers right-aligned."""
    out.section_heading(section.title or "")
    if section.due is not None:
        out.text(f"Next figures due {section.due:%d %B %Y}", "meta")
    out.table(
        HEADER,
        [Row(cells(indicator), item=True) for indicator in section.indicators],
        caption=f"{section.title or 'Indicators'}: value and target of each indicator",
        widths=WIDTHS,
        align=("left", "right", "right", "left", "left", "left"),
    )


def items(section: KpisSection) -> Sequence[OutlineItem]:
    """Each indicator, titled as its row's first cell reads."""
    return [OutlineItem(item_title(cells(indicator)[0])) for indicator in section.indicators]


def month_later(day: dt.date) -> dt.date:
    """The same day a month on, or that month's last day (31 August: 30 September)."""
    year, month = divmod(day.month, 12)
    first = dt.date(day.year + year, month + 1, 1)
    return first.replace(day=min(day.day, calendar.monthrange(first.year, first.month)[1]))


def carry_over(section: KpisSection) -> KpisSection:
    """Next month's section: the same indicators, targets and notes, their values and days emptied to measure
    again, and the figures due a month later."""
    emptied = tuple(attrs.evolve(i, value=None, measured=None) for i in section.indicators)
    due = month_later(section.due) if section.due is not None else None
    return attrs.evolve(section, due=due, indicators=emptied)


KIND = SectionKind(
    name="kpis", model=KpisSection, draw=draw, items=items, carry_over=carry_over, summary="key indicators as a table"
)

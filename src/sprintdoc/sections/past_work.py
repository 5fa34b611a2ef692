"""`past-work`: delivered and closed projects, each "Delivered March 2021"."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from sprintdoc.drawing import Drawing
from sprintdoc.model import Month, Section
from sprintdoc.registry import OutlineItem, SectionKind


@attrs.frozen
class PastProject:
    """A finished project: what it aimed at, how it ended and when."""

    name: str = attrs.field(metadata={"doc": "The project's name (an outline item)."})
    aim: str | None = attrs.field(default=None, metadata={"doc": "What the project set out to do, shown as a quote."})
    outcome: str = attrs.field(
        default="Delivered", metadata={"doc": "How it ended, printed before the date (`Delivered March 2021`)."}
    )
    date: Month | None = attrs.field(
        default=None, metadata={"doc": "The month it ended, `YYYY-MM`, printed in full (`March 2021`)."}
    )

    def result(self) -> str:
        """`Delivered March 2021`."""
        return f"{self.outcome} {self.date.long()}" if self.date else self.outcome


@attrs.frozen
class PastWorkSection(Section):
    """A list of past projects."""

    items: tuple[PastProject, ...] = attrs.field(
        default=(), converter=tuple[PastProject, ...], metadata={"doc": "The past projects, in order."}
    )


def draw(section: PastWorkSection, out: Drawing) -> None:
    """Draw each past project: name, aim as a quote, outcome and date."""
    out.section_heading(section.title or "")
    for project in section.items:
        with out.group():
            out.item_heading(project.name)
            if project.aim:
                out.quote(project.aim)
            out.text(project.result(), "meta")


def items(section: PastWorkSection) -> Sequence[OutlineItem]:
    """The past projects' names."""
    return [OutlineItem(project.name) for project in section.items]


KIND = SectionKind(
    name="past-work", model=PastWorkSection, draw=draw, items=items,
    summary="delivered and closed projects",
)  # fmt: skip

"""`activity`: programme activity in Markdown, then a list of next steps."""

from __future__ import annotations

import attrs

from sprintdoc.drawing import Drawing
from sprintdoc.markdown import Markdown, to_markdown
from sprintdoc.model import Section
from sprintdoc.registry import SectionKind


def _markdown_items(values: tuple[str | Markdown, ...] | list[str | Markdown]) -> tuple[Markdown, ...]:
    return tuple(to_markdown(v) for v in values)


@attrs.frozen
class NextSteps:
    """The "What are we doing next?" list."""

    title: str = attrs.field(default="What are we doing next?", metadata={"doc": "The heading over the list."})
    items: tuple[Markdown, ...] = attrs.field(
        default=(),
        converter=_markdown_items,
        metadata={
            "doc": "The next steps, one Markdown text each, shown as a bulleted list (with none, the list and its "
            "heading are left out); marked by `new` as last month's.",
            "monthly": "review",
        },
    )


@attrs.frozen
class ActivitySection(Section):
    """Programme activity and next steps."""

    body: Markdown = attrs.field(
        default=Markdown(""),
        converter=to_markdown,
        metadata={
            "doc": "The programme's activity, in Markdown; marked by `new` as last month's.",
            "monthly": "review",
        },
    )
    next: NextSteps | None = attrs.field(
        default=None, metadata={"doc": "The list of next steps, under its own heading."}
    )


def draw(section: ActivitySection, out: Drawing) -> None:
    """Draw the title, the body, then the next steps under their own heading."""
    out.section_heading(section.title or "")
    out.markdown(section.body)
    if section.next is not None and section.next.items:
        out.heading(section.next.title, 2)
        out.bullets(section.next.items)


KIND = SectionKind(
    name="activity", model=ActivitySection, draw=draw,
    summary="programme activity and a list of next steps",
)  # fmt: skip

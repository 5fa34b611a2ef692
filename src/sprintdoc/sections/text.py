"""`text`: a titled section of Markdown, for anything else."""

from __future__ import annotations

import attrs

from sprintdoc.drawing import Drawing
from sprintdoc.markdown import Markdown, to_markdown
from sprintdoc.model import Section
from sprintdoc.registry import SectionKind


@attrs.frozen
class TextSection(Section):
    """A title and a Markdown body."""

    body: Markdown = attrs.field(
        default=Markdown(""),
        converter=to_markdown,
        metadata={
            "doc": "The section's text, in Markdown; marked by `new` as last month's.",
            "monthly": "review",
        },
    )


def draw(section: TextSection, out: Drawing) -> None:
    """Draw the title and the body."""
    out.section_heading(section.title or "")
    out.markdown(section.body)


KIND = SectionKind(name="text", model=TextSection, draw=draw, summary="a title and Markdown text")

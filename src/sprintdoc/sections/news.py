"""`news`: stories, each with a headline, an optional photo and a Markdown body."""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from sprintdoc.drawing import Drawing
from sprintdoc.markdown import Markdown, to_markdown
from sprintdoc.model import Image, Section
from sprintdoc.registry import OutlineItem, SectionKind


@attrs.frozen
class Story:
    """One news story."""

    headline: str = attrs.field(metadata={"doc": "The story's headline (an outline item)."})
    body: Markdown = attrs.field(
        default=Markdown(""), converter=to_markdown, metadata={"doc": "The story, in Markdown."}
    )
    image: Image | None = attrs.field(default=None, metadata={"doc": "A photo shown under the headline."})


@attrs.frozen
class NewsSection(Section):
    """A section of news stories."""

    stories: tuple[Story, ...] = attrs.field(
        default=(),
        converter=tuple[Story, ...],
        metadata={
            "doc": "The stories, in order; `sprintdoc new` empties them.",
            "monthly": "empty",
        },
    )


def draw(section: NewsSection, out: Drawing) -> None:
    """Draw the section: its title, then each story's headline, photo and body."""
    out.section_heading(section.title or "")
    for story in section.stories:
        out.item_heading(story.headline)
        if story.image is not None:
            out.picture(story.image)
        out.markdown(story.body)


def items(section: NewsSection) -> Sequence[OutlineItem]:
    """The stories' headlines."""
    return [OutlineItem(story.headline) for story in section.stories]


KIND = SectionKind(
    name="news", model=NewsSection, draw=draw, items=items,
    summary="news stories: headline, photo, body",
)  # fmt: skip

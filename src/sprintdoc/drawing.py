"""What a section kind may draw with: the calls both writers answer, in the same words.

A kind's Word renderer gets a `DocxContext` and its PDF renderer a `PdfContext`
(see `sprintdoc.writers`); both are `Drawing`s, so a kind that needs nothing
format-specific writes one function and uses it for both. Each context also gives
raw access (`ctx.document`, `ctx.story`) for a kind that needs more.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Literal, Protocol

import attrs

from sprintdoc.markdown import Markdown
from sprintdoc.model import Image
from sprintdoc.theme import Theme

TextStyle = Literal["body", "subtitle", "meta", "caption", "strapline"]


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

    def heading(self, text: str, level: int = 3) -> None:
        """A heading that is not an item (card headings, the lifecycle's title, "What are we doing next?")."""

    def text(self, text: str, style: TextStyle = "body") -> None:
        """A paragraph of plain text in one of the theme's text styles."""

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

    def group(self) -> AbstractContextManager[None]:
        """Keep what is drawn inside together on a page where it fits (a project card)."""
        ...

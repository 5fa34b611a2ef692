"""`what-moved`: a box saying what moved since last month's edition (the bundle's `previous:`).

Nothing of it is written in the YAML but its title: the kind prepares the section from the whole
edition (`SectionKind.prepare`), with `sprintdoc.diff` of the previous edition and this one, and
draws the stage moves, new and closed projects and new stories as a table of plain text.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from sprintdoc.diffing import EditionDiff, diff
from sprintdoc.drawing import Drawing
from sprintdoc.model import Bundle, Section
from sprintdoc.registry import SectionKind


@attrs.frozen
class WhatMovedSection(Section):
    """What moved since the previous edition; only the title is written in the bundle."""

    title: str | None = attrs.field(
        default="What moved this month", metadata={"doc": "The section's heading (default: What moved this month)."}
    )
    #: What changed from the bundle's previous edition to this one, worked out by `prepare`.
    moved: EditionDiff | None = attrs.field(default=None, eq=False, repr=False, metadata={"yaml": False})


def prepare(section: WhatMovedSection, bundle: Bundle) -> WhatMovedSection:
    """The section holding what moved from the bundle's previous edition to it; ValueError if it names none."""
    if bundle.previous_bundle is None:
        raise ValueError(
            "a what-moved section shows what moved since last month's edition, and the bundle names none: "
            "add `previous: ../july-2021` (last month's bundle folder) at the top of the file"
        )
    return attrs.evolve(section, moved=diff(bundle.previous_bundle, bundle))


def rows(moved: EditionDiff) -> Iterator[tuple[str, str]]:
    """What the box lists, as (what, which): stage moves, new and closed projects, then new stories and items."""
    for section in moved.sections:
        for move in section.stage_moves:
            reached = f" (from {move.reached.short()})" if move.reached else ""
            yield "Stage move", f"{move.item}: {move.old_stage or 'no stage'} → {move.new_stage or 'no stage'}{reached}"
    yield from (("New project", name) for name in moved.projects_added)
    for closed in moved.projects_closed:
        yield "Closed project", closed.name + (f" ({closed.outcome})" if closed.outcome else "")
    said = {*moved.projects_added, *(closed.name for closed in moved.projects_closed)}
    for section in moved.sections:
        what = "New story" if section.kind == "news" else f"New in {section.title or section.kind}"
        yield from ((what, title) for title in section.added if title not in said)


def draw(section: WhatMovedSection, out: Drawing) -> None:
    """Draw the title, then a table of what moved, or a line saying nothing did."""
    out.section_heading(section.title or "")
    if section.moved is None:  # a bundle built in code and drawn without `sprintdoc.validate`'s preparing
        raise ValueError("a what-moved section is drawn from its bundle's previous edition: prepare it first")
    listed = list(rows(section.moved))
    if not listed:
        out.text(f"Nothing moved since {section.moved.old_period}.")
        return
    out.table(("Change", "Details"), listed, caption=f"What moved since {section.moved.old_period}", widths=(1, 3))


KIND = SectionKind(
    name="what-moved", model=WhatMovedSection, draw=draw, prepare=prepare,
    summary="what moved since the previous edition: stage moves, new and closed projects, new stories",
)  # fmt: skip

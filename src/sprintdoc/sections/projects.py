"""`projects`: project cards on a lifecycle, each with its people, aim, updates and stage strip."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from typing import Literal

import attrs

from sprintdoc.drawing import Drawing, StageState, StageView
from sprintdoc.markdown import Markdown, to_markdown_or_none
from sprintdoc.model import Month, Section
from sprintdoc.registry import OutlineItem, SectionKind

#: The card headings, in order, each shown only where the card has that text.
CARD_HEADINGS = (
    ("done", "What did we do this sprint?"),
    ("next", "What's up next?"),
    ("needs", "What do we need?"),
)


@attrs.frozen
class TimelineEntry:
    """When a card was at one stage; `to: present` marks the current stage."""

    stage: str = attrs.field(
        metadata={"doc": "A stage of the card's stage list (the lifecycle's, or the card's own `stages`)."}
    )
    from_: Month | None = attrs.field(
        default=None, metadata={"doc": "The month the project reached this stage, `YYYY-MM`.", "key": "from"}
    )
    to: Month | Literal["present"] | None = attrs.field(
        default=None,
        metadata={
            "doc": "The month it left this stage, `YYYY-MM`; or `present` for the stage it is at now (one per card)."
        },
    )
    note: str | None = attrs.field(
        default=None, metadata={"doc": "A short label shown with the stage (`2b Governance`)."}
    )

    @property
    def current(self) -> bool:
        """Whether this is the stage the project is at now."""
        return self.to == "present"

    def dates(self) -> str:
        """As the seed prints them: `Aug 20 – Sept 20`, `May 21 – present`."""
        end = "present" if self.to == "present" else self.to.short() if self.to else ""
        if self.from_ is None:
            return end
        return f"{self.from_.short()} – {end}" if end else f"from {self.from_.short()}"


@attrs.frozen
class Project:
    """One project card."""

    name: str = attrs.field(metadata={"doc": "The project's name: the card's heading (an outline item)."})
    subtitle: str | None = attrs.field(default=None, metadata={"doc": "A line under the name (`North East Essex`)."})
    sponsor: str | None = attrs.field(
        default=None, metadata={"doc": "Who sponsors the project, shown as `Sponsor: …`."}
    )
    lead: str | None = attrs.field(default=None, metadata={"doc": "Who leads the project, shown as `Lead: …`."})
    analysts: tuple[str, ...] = attrs.field(
        default=(),
        converter=tuple[str, ...],
        metadata={"doc": "The analysts on the project, shown as `Analysts: …`; may be empty."},
    )
    aim: str | None = attrs.field(
        default=None, metadata={"doc": "What the project aims at, shown as the card's quote."}
    )
    done: Markdown | None = attrs.field(
        default=None,
        converter=to_markdown_or_none,
        metadata={
            "doc": 'Markdown under "What did we do this sprint?"; '
            "the heading is left out when this is empty; `sprintdoc new` empties it.",
            "monthly": "empty",
        },
    )
    next: Markdown | None = attrs.field(
        default=None,
        converter=to_markdown_or_none,
        metadata={
            "doc": 'Markdown under "What\'s up next?"; '
            "the heading is left out when this is empty; `sprintdoc new` empties it.",
            "monthly": "empty",
        },
    )
    needs: Markdown | None = attrs.field(
        default=None,
        converter=to_markdown_or_none,
        metadata={
            "doc": 'Markdown under "What do we need?"; '
            "the heading is left out when this is empty; `sprintdoc new` empties it.",
            "monthly": "empty",
        },
    )
    timeline: tuple[TimelineEntry, ...] = attrs.field(
        default=(),
        converter=tuple[TimelineEntry, ...],
        metadata={"doc": "When the project was at each stage, drawn as the card's stage strip."},
    )
    stages: tuple[str, ...] | None = attrs.field(
        default=None, metadata={"doc": "This card's own stage list, used instead of the section's lifecycle."}
    )

    def headings(self) -> tuple[str, ...]:
        """The card headings this card shows."""
        return tuple(heading for key, heading in CARD_HEADINGS if getattr(self, key))

    def current_stage(self) -> str | None:
        """The stage marked `to: present`, if any."""
        return next((entry.stage for entry in self.timeline if entry.current), None)

    def stage_views(self, stages: Sequence[str]) -> list[StageView]:
        """Every stage of the card's list with its state, dates and note."""
        by_stage = {entry.stage: entry for entry in self.timeline}
        views = []
        for name in stages:
            entry = by_stage.get(name)
            if entry is None:
                views.append(StageView(name))
                continue
            state = StageState.CURRENT if entry.current else StageState.DONE if entry.to else StageState.TO_COME
            views.append(StageView(name, state, entry.dates(), entry.note or ""))
        return views


@attrs.frozen
class Lifecycle:
    """The stages every card goes through, drawn once at the top of the section."""

    stages: tuple[str, ...] = attrs.field(
        converter=tuple[str, ...], metadata={"doc": "The stages every card goes through, in order."}
    )
    title: str = attrs.field(default="Project Lifecycle", metadata={"doc": "The heading over the lifecycle."})


@attrs.frozen
class ProjectsSection(Section):
    """Project cards on a lifecycle."""

    lifecycle: Lifecycle | None = attrs.field(
        default=None,
        metadata={
            "doc": "The stage list of every card (unless a card has its own), drawn once at the top of the section."
        },
    )
    projects: tuple[Project, ...] = attrs.field(
        default=(), converter=tuple[Project, ...], metadata={"doc": "The project cards, in order."}
    )

    def stages_of(self, project: Project) -> tuple[str, ...]:
        """The stage list a card uses: its own, else the section's lifecycle."""
        if project.stages is not None:
            return project.stages
        return self.lifecycle.stages if self.lifecycle else ()

    def problems(self) -> Iterator[tuple[str, str]]:
        """Timelines that do not fit their stage lists, as (field path, message)."""
        for p, project in enumerate(self.projects):
            stages = self.stages_of(project)
            if project.timeline and not stages:
                yield (
                    f"projects[{p}].timeline",
                    "a timeline needs a stage list: give the section a lifecycle or the card stages",
                )
                continue
            seen: set[str] = set()
            current = []
            for t, entry in enumerate(project.timeline):
                where = f"projects[{p}].timeline[{t}]"
                if entry.stage not in stages:
                    close = difflib.get_close_matches(entry.stage, stages, n=1)
                    own = project.stages is not None
                    what = "one of this card's own stages" if own else "a stage of the lifecycle"
                    hint = f"; did you mean {close[0]!r}?" if close else f"; they are: {', '.join(stages)}"
                    yield f"{where}.stage", f"{entry.stage!r} is not {what}{hint}"
                if entry.stage in seen:
                    yield f"{where}.stage", f"{entry.stage!r} appears twice in this timeline"
                seen.add(entry.stage)
                if entry.current:
                    current.append(entry.stage)
                    if len(current) == 2:
                        yield f"{where}.to", f"a card has at most one current stage; {current[0]!r} is current already"
                if isinstance(entry.to, Month) and entry.from_ and entry.from_ > entry.to:
                    yield f"{where}.to", f"ends ({entry.to}) before it starts ({entry.from_})"


def draw(section: ProjectsSection, out: Drawing) -> None:
    """Draw the lifecycle once, then one card per project."""
    out.section_heading(section.title or "")
    if section.lifecycle is not None:
        out.heading(section.lifecycle.title, 2)
        out.stages([StageView(name) for name in section.lifecycle.stages])
    for project in section.projects:
        with out.group():
            out.item_heading(project.name)
            if project.subtitle:
                out.text(project.subtitle, "subtitle")
            out.labelled(
                [("Sponsor", project.sponsor or ""), ("Lead", project.lead or ""),
                 ("Analysts", ", ".join(project.analysts))]
            )  # fmt: skip
            if project.aim:
                out.quote(project.aim)
            for key, heading in CARD_HEADINGS:
                text = getattr(project, key)
                if text:
                    out.heading(heading, 3)
                    out.markdown(text)
            stages = section.stages_of(project)
            if stages:
                out.stages(project.stage_views(stages), strip=True)


def items(section: ProjectsSection) -> Sequence[OutlineItem]:
    """Each card's name, headings and current stage."""
    return [OutlineItem(p.name, p.headings(), p.current_stage()) for p in section.projects]


KIND = SectionKind(
    name="projects", model=ProjectsSection, draw=draw, items=items,
    summary="project cards on a lifecycle, with stage strips",
)  # fmt: skip

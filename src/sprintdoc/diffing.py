"""What changed between two editions: the change as data (`EditionDiff`), and `diff`, which finds it.

Sections are matched by kind and title, then those left by kind and order (a section renamed
is still the same section). In a matched pair, items are what the section's kind lists
(`SectionKind.items`: stories, cards, past projects, a plugin's own), matched by title; an
item's changes are its current stage and the plain text fields that are not a month's
writing (`monthly` in the field's metadata): sponsor, lead, subtitle, aim, analysts.
Across the edition, project cards that are new and those that closed (gone, or newly in
past work).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any, Literal

import attrs

from sprintdoc.errors import BundleError, Problem
from sprintdoc.model import Bundle, Month, Section
from sprintdoc.registry import OutlineItem, Registry, default_registry
from sprintdoc.sections.past_work import PastProject, PastWorkSection
from sprintdoc.sections.projects import Project, ProjectsSection
from sprintdoc.values import yaml_fields

#: The version of the JSON shape `EditionDiff.to_json` gives (docs/diff.md).
JSON_VERSION = 1

#: A plain text field's value: a text, a list of texts, or nothing.
Plain = str | tuple[str, ...] | None

Status = Literal["added", "removed", "kept"]


@attrs.frozen
class StageMove:
    """An item whose current stage changed, with the months the new edition's timeline gives (project cards)."""

    item: str
    old_stage: str | None
    new_stage: str | None
    #: When the item left `old_stage`: that stage's `to` in the new edition's timeline.
    left: Month | None = None
    #: When it reached `new_stage`: the new current entry's `from`.
    reached: Month | None = None

    def to_json(self) -> dict[str, str | None]:
        """The move in docs/diff.md's JSON shape."""
        return {
            "item": self.item,
            "from": self.old_stage,
            "to": self.new_stage,
            "left": _month(self.left),
            "reached": _month(self.reached),
        }


@attrs.frozen
class FieldChange:
    """A plain text field of an item that changed: its YAML key, old value and new value."""

    item: str
    field: str
    old: Plain
    new: Plain

    def to_json(self) -> dict[str, Any]:
        """The change in docs/diff.md's JSON shape (a list of texts as a JSON list)."""
        return {"item": self.item, "field": self.field, "old": _plain_json(self.old), "new": _plain_json(self.new)}


@attrs.frozen
class SectionDiff:
    """What changed in one section: added or removed as a whole (`status`), or kept and changed inside.

    `title` is the section's title in the new edition (the old one's, for a removed section);
    `old_title` its title in the old edition (None for an added section). An added section's
    items are all `added`; a removed section's all `removed`.
    """

    kind: str
    title: str | None
    status: Status = "kept"
    old_title: str | None = None
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    stage_moves: tuple[StageMove, ...] = ()
    changes: tuple[FieldChange, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything in this section changed."""
        renamed = self.status == "kept" and self.old_title != self.title
        return self.status != "kept" or renamed or bool(self.added or self.removed or self.stage_moves or self.changes)

    def to_json(self) -> dict[str, Any]:
        """The section's changes in docs/diff.md's JSON shape."""
        return {
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "old_title": self.old_title,
            "added": list(self.added),
            "removed": list(self.removed),
            "stage_moves": [move.to_json() for move in self.stage_moves],
            "changes": [change.to_json() for change in self.changes],
        }


@attrs.frozen
class ClosedProject:
    """A project card of the old edition that closed: gone from the cards, or newly named in past work.

    `outcome` is what the new edition's past work says of it (`Delivered August 2021`), if it does.
    """

    name: str
    outcome: str | None = None


@attrs.frozen
class EditionDiff:
    """What changed from one edition to the next; `sprintdoc.diff` makes it.

    `sections` holds only the sections that changed, in the new edition's order, the removed
    ones after them in the old edition's order.
    """

    old_period: str
    new_period: str
    sections: tuple[SectionDiff, ...] = ()
    projects_added: tuple[str, ...] = ()
    projects_closed: tuple[ClosedProject, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether anything changed beyond the period."""
        return bool(self.sections or self.projects_added or self.projects_closed)

    def to_json(self) -> dict[str, Any]:
        """The diff as JSON data, in the stable shape docs/diff.md describes."""
        return {
            "version": JSON_VERSION,
            "old": {"period": self.old_period},
            "new": {"period": self.new_period},
            "changed": self.changed,
            "sections": [section.to_json() for section in self.sections],
            "projects_added": list(self.projects_added),
            "projects_closed": [{"name": p.name, "outcome": p.outcome} for p in self.projects_closed],
        }

    def to_text(self) -> str:
        """The diff for a person: the periods, then only what changed, grouped by section."""
        lines = [f"From {self.old_period} to {self.new_period}"]
        if not self.changed:
            return "\n".join([*lines, "no changes"])
        if self.projects_added or self.projects_closed:
            lines.append("")
            lines.extend(f"New project: {name}" for name in self.projects_added)
            lines.extend(
                f"Closed project: {p.name}" + (f" ({p.outcome})" if p.outcome else "") for p in self.projects_closed
            )
        for section in self.sections:
            lines.append("")
            lines.extend(_section_lines(section))
        return "\n".join(lines)


def _section_lines(section: SectionDiff) -> Iterator[str]:
    name = section.title or f"({section.kind})"
    if section.status == "added":
        yield f"{name} [{section.kind}]: new section"
    elif section.status == "removed":
        yield f"{name} [{section.kind}]: section removed"
    elif section.old_title != section.title:
        yield f"{name} [{section.kind}] (was {section.old_title or 'untitled'})"
    else:
        yield f"{name} [{section.kind}]"
    yield from (f"  + {title}" for title in section.added)
    yield from (f"  - {title}" for title in section.removed)
    for move in section.stage_moves:
        left = f" (until {move.left.short()})" if move.left else ""
        reached = f" (from {move.reached.short()})" if move.reached else ""
        yield f"  {move.item}: {move.old_stage or 'no stage'}{left} → {move.new_stage or 'no stage'}{reached}"
    for change in section.changes:
        yield f"  {change.item}: {change.field}: {_plain_text(change.old)} → {_plain_text(change.new)}"


def diff(
    old: Bundle | str | os.PathLike[str], new: Bundle | str | os.PathLike[str], *, registry: Registry | None = None
) -> EditionDiff:
    """What changed from edition `old` to edition `new` (bundles, or their folders to load).

    Raises BundleError with the problems of both, if either folder holds a broken bundle.
    """
    registry = registry or default_registry()
    before, after = load_editions(old, new, registry=registry)
    return EditionDiff(
        before.edition.period,
        after.edition.period,
        tuple(_section_diffs(before.sections, after.sections, registry)),
        *_projects(before, after),
    )


def load_editions(
    old: Bundle | str | os.PathLike[str], new: Bundle | str | os.PathLike[str], *, registry: Registry | None = None
) -> tuple[Bundle, Bundle]:
    """Both editions as bundles, loading those given as paths; BundleError holds every problem of both."""
    from sprintdoc.loading import load

    problems: list[Problem] = []
    bundles: list[Bundle] = []
    for given in (old, new):
        if isinstance(given, Bundle):
            bundles.append(given)
            continue
        try:
            bundles.append(load(given, registry=registry))
        except BundleError as err:
            problems.extend(err.problems)
    if problems:
        raise BundleError(problems)
    return bundles[0], bundles[1]


def _section_diffs(old: Sequence[Section], new: Sequence[Section], registry: Registry) -> Iterator[SectionDiff]:
    old_kinds = [registry.kind_of(section).name for section in old]
    new_kinds = [registry.kind_of(section).name for section in new]
    pairs: dict[int, int] = {}  # new index -> old index
    for same_title in (True, False):
        taken = set(pairs.values())
        for n, section in enumerate(new):
            if n in pairs:
                continue
            for o, other in enumerate(old):
                if o not in taken and old_kinds[o] == new_kinds[n] and (other.title == section.title or not same_title):
                    pairs[n] = o
                    taken.add(o)
                    break
    for n, section in enumerate(new):
        if n not in pairs:
            titles = tuple(item.title for item in registry.kind_of(section).items(section))
            yield SectionDiff(new_kinds[n], section.title, "added", added=titles)
            continue
        found = _kept(old[pairs[n]], section, new_kinds[n], registry)
        if found.changed:
            yield found
    for o, section in enumerate(old):
        if o not in pairs.values():
            titles = tuple(item.title for item in registry.kind_of(section).items(section))
            yield SectionDiff(old_kinds[o], section.title, "removed", old_title=section.title, removed=titles)


def _kept(old: Section, new: Section, kind_name: str, registry: Registry) -> SectionDiff:
    kind = registry.kind_of(new)
    old_items, new_items = list(registry.kind_of(old).items(old)), list(kind.items(new))
    old_objects, new_objects = _objects_of(old, old_items), _objects_of(new, new_items)
    unmatched: dict[str, list[int]] = {}
    for o, item in enumerate(old_items):
        unmatched.setdefault(item.title, []).append(o)
    added: list[str] = []
    moves: list[StageMove] = []
    changes: list[FieldChange] = []
    for n, item in enumerate(new_items):
        candidates = unmatched.get(item.title)
        if not candidates:
            added.append(item.title)
            continue
        o = candidates.pop(0)
        if old_items[o].current_stage != item.current_stage:
            moves.append(_move(old_items[o], item, new_objects[n]))
        changes.extend(_field_changes(item.title, old_objects[o], new_objects[n]))
    removed = [old_items[o].title for o in sorted(o for left in unmatched.values() for o in left)]
    return SectionDiff(
        kind_name, new.title, "kept", old.title, tuple(added), tuple(removed), tuple(moves), tuple(changes)
    )


def _objects_of(section: Section, items: Sequence[OutlineItem]) -> list[Any]:
    """The attrs object each item stands for: one in a list field of the section with a text field equal to its title.

    An object whose first text field is the title (a card's `name`, a story's `headline`) is
    preferred to one where another field is. None where the kind's items are not such objects.
    """
    candidates = [
        value
        for field in attrs.fields(type(section))
        if isinstance(values := getattr(section, field.name), tuple)
        for value in values
        if attrs.has(type(value))
    ]
    # Indexed by text, not searched per item: a section may hold thousands of cards.
    by_first: dict[str, list[int]] = {}
    by_any: dict[str, list[int]] = {}
    for c, candidate in enumerate(candidates):
        texts = [v for f in attrs.fields(type(candidate)) if isinstance(v := getattr(candidate, f.name), str)]
        if texts:
            by_first.setdefault(texts[0], []).append(c)
        for text in dict.fromkeys(texts):
            by_any.setdefault(text, []).append(c)
    claimed: set[int] = set()
    found: list[Any] = []
    for item in items:
        pick = next((c for index in (by_first, by_any) for c in index.get(item.title, ()) if c not in claimed), None)
        if pick is not None:
            claimed.add(pick)
        found.append(None if pick is None else candidates[pick])
    return found


def _move(old: OutlineItem, new: OutlineItem, card: Any) -> StageMove:
    left = reached = None
    if isinstance(card, Project):
        for entry in card.timeline:
            if entry.current:
                reached = entry.from_
            elif entry.stage == old.current_stage and isinstance(entry.to, Month):
                left = entry.to
    return StageMove(new.title, old.current_stage, new.current_stage, left, reached)


def _field_changes(item: str, old: Any, new: Any) -> Iterator[FieldChange]:
    """The plain text fields, not monthly, that differ between two objects of one model."""
    if old is None or new is None or type(old) is not type(new):
        return
    metadata = attrs.fields_dict(type(new))
    for field in yaml_fields(type(new)):
        if metadata[field.name].metadata.get("monthly"):
            continue
        before, after = getattr(old, field.name), getattr(new, field.name)
        if before != after and _is_plain(before) and _is_plain(after):
            yield FieldChange(item, field.key, before, after)


def _is_plain(value: object) -> bool:
    return value is None or isinstance(value, str) or (
        isinstance(value, tuple) and all(isinstance(v, str) for v in value)
    )  # fmt: skip


def _projects(old: Bundle, new: Bundle) -> tuple[tuple[str, ...], tuple[ClosedProject, ...]]:
    """The project cards that are new, and those that closed: gone, or newly named in past work."""
    old_cards, new_cards = _card_names(old), _card_names(new)
    old_past, new_past = _past_work(old), _past_work(new)
    added = tuple(name for name in new_cards if name not in old_cards)
    closed = tuple(
        ClosedProject(name, new_past[name].result() if name in new_past else None)
        for name in old_cards
        if name not in new_cards or (name in new_past and name not in old_past)
    )
    return added, closed


def _card_names(bundle: Bundle) -> dict[str, None]:
    return {
        project.name: None
        for section in bundle.sections
        if isinstance(section, ProjectsSection)
        for project in section.projects
    }


def _past_work(bundle: Bundle) -> dict[str, PastProject]:
    found: dict[str, PastProject] = {}
    for section in bundle.sections:
        if isinstance(section, PastWorkSection):
            for project in section.items:
                found.setdefault(project.name, project)
    return found


def _month(month: Month | None) -> str | None:
    return month.to_text() if month else None


def _plain_json(value: Plain) -> str | list[str] | None:
    return list(value) if isinstance(value, tuple) else value


def _plain_text(value: Plain) -> str:
    if isinstance(value, tuple):
        return ", ".join(value) if value else "none"
    return value if value is not None else "none"

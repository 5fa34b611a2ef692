"""The checks of a month's writing: empty sections, items with no update, carried or unchanged text, stuck stages.

They find a month's fields by their `monthly` metadata (`sprintdoc.monthly`), not by kind,
so that a plugin's kind is checked as the built-ins are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import attrs

from sprintdoc import monthly
from sprintdoc.checks import Context, shown
from sprintdoc.errors import Problem
from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry
from sprintdoc.sections.projects import TimelineEntry
from sprintdoc.validation import join
from sprintdoc.values import YamlField, is_model, yaml_fields

_SECTION = re.compile(r"sections\[\d+\]")
#: Editions a project may stay at one stage before `stuck-stage` asks whether it moved (the editions are monthly).
STUCK_EDITIONS = 3


def empty_sections(context: Context) -> Iterator[Problem]:
    """Sections with nothing in them but a title: every other field empty or as its default."""
    for i, section in enumerate(context.bundle.sections):
        fields = [f for f in yaml_fields(type(section)) if f.key != "title"]
        if fields and all(blank(getattr(section, f.name), default(type(section), f.name)) for f in fields):
            title = f" {shown(section.title)}" if section.title else ""
            keys = ", ".join(f.key for f in fields)
            yield context.at(
                f"sections[{i}]",
                f"the {context.kind_name(section)} section{title} has nothing in it ({keys}): "
                "write it, or take the section out",
            )


def no_updates(context: Context) -> Iterator[Problem]:
    """Items in sections (a project card) whose fields `new` empties for a month's writing are all still empty."""
    for path, value in context.values.items():
        if not path.startswith("sections[") or _SECTION.fullmatch(path) or not is_model(value):
            continue  # a section itself is `empty-section`'s
        cls = type(value)
        keys = {f.name: f.key for f in yaml_fields(cls)}
        emptied = [f.name for f in attrs.fields(cls) if f.metadata.get("monthly") == monthly.EMPTY and f.name in keys]
        if emptied and all(blank(getattr(value, name), default(cls, name)) for name in emptied):
            what = ", ".join(keys[name] for name in emptied)
            yield context.at(path, f"{shown(name_of(value, path))} has no update this month: write its {what}")


def carried_texts(context: Context) -> Iterator[Problem]:
    """Text `sprintdoc new` marked as last month's, not edited since (its mark is not spent)."""
    if context.source is None:
        return
    for mark in monthly.marks(context.source):
        path = context.key_after(mark.line)
        if path is None:
            continue
        if not mark.spent(monthly.text_of(context.values.get(path))):
            yield context.at(
                path,
                f"this is last month's text (from {mark.period}), carried over by `sprintdoc new`: "
                "edit it for this edition",
            )


def unchanged_texts(context: Context) -> Iterator[Problem]:
    """This month's writing (fields marked `monthly`) that is the same as the previous edition's, at the same place.

    Places are matched by name, not position: a section by its kind and title, an item by its name or headline.
    A field already reported as carried over is not reported again.
    """
    if context.previous is None:
        return
    before: dict[tuple[str, ...], str] = {}
    for _, key, text in monthly_texts(context.previous, context.registry):
        before.setdefault(key, text)
    carried = {p.path for p in carried_texts(context)}
    period = context.previous.edition.period
    for path, key, text in monthly_texts(context.bundle, context.registry):
        if path in carried or key not in before or monthly.digest(before[key]) != monthly.digest(text):
            continue
        yield context.at(path, f"the same as in the previous edition ({period}): write this month's")


def monthly_texts(bundle: Bundle, registry: Registry) -> Iterator[tuple[str, tuple[str, ...], str]]:
    """(path, place, text) of each month's writing that is not empty; `place` names it by names, not positions.

    A monthly list of items (news stories) gives each item, named by its name or headline.
    """
    yield from _monthly(bundle.edition, "edition", ("edition",))
    seen: dict[tuple[str, str], int] = {}
    for i, section in enumerate(bundle.sections):
        kind = registry.kind_of(section).name
        title = section.title or ""
        seen[kind, title] = seen.get((kind, title), 0) + 1
        yield from _monthly(section, f"sections[{i}]", ("section", kind, title, str(seen[kind, title])))


def _monthly(value: Any, path: str, place: tuple[str, ...]) -> Iterator[tuple[str, tuple[str, ...], str]]:
    cls: type = type(value)
    for field, written in _written(cls):
        item = getattr(value, field.name)
        here, there = join(path, field.key), (*place, field.key)
        if isinstance(item, tuple) and item and all(is_model(v) for v in item):
            for n, v in enumerate(item):
                named = (*there, name_of(v, str(n)))
                if written:
                    text = monthly.text_of(v)
                    if text.strip():
                        yield join(here, n), named, text
                else:
                    yield from _monthly(v, join(here, n), named)
        elif written:
            text = monthly.text_of(item)
            if text.strip():
                yield here, there, text
        elif is_model(item):
            yield from _monthly(item, here, there)


@functools.cache
def _written(cls: Any) -> tuple[tuple[YamlField, bool], ...]:
    """A model's fields, each with whether it is a month's writing (`monthly` metadata)."""
    kinds = {f.name: f.metadata.get("monthly") for f in attrs.fields(cls)}
    return tuple((f, kinds[f.name] in (monthly.EMPTY, monthly.REVIEW)) for f in yaml_fields(cls))


def stuck_stages(context: Context) -> Iterator[Problem]:
    """Projects whose current stage (`to: present`) began `STUCK_EDITIONS` or more editions (months) ago."""
    now = context.bundle.edition.month()
    if now is None:
        return  # a period that is not a month (`Spring 2021`): editions cannot be counted
    for path, value in context.values.items():
        if not (isinstance(value, tuple) and value and all(isinstance(v, TimelineEntry) for v in value)):
            continue
        for t, entry in enumerate(value):
            if not entry.current or entry.from_ is None:
                continue
            months = (now.year - entry.from_.year) * 12 + now.month - entry.from_.month
            if months >= STUCK_EDITIONS:
                holder = path.rpartition(".")[0]
                name = name_of(context.values.get(holder), holder)
                yield context.at(
                    join(path, t),
                    f"{shown(name)} has been at {shown(entry.stage)} since {entry.from_.long()}, "
                    f"{months} editions ago: "
                    "if it has moved on, add the new stage to its timeline; if not, say why in its update",
                )


def blank(value: Any, given: Any) -> bool:
    """Whether a field's value is empty: nothing, blank text, no items, its default, or a model all of blanks."""
    if value is None or (given is not attrs.NOTHING and value == given):
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, Markdown | tuple):
        return not value
    if is_model(value):
        return all(blank(getattr(value, f.name), default(type(value), f.name)) for f in yaml_fields(type(value)))
    return False


def default(cls: type, name: str) -> Any:
    """A field's default value (attrs.NOTHING for a field the YAML must give)."""
    found: Any = attrs.fields_dict(cls)[name].default
    return found.factory() if isinstance(found, attrs.Factory) else found  # type: ignore[arg-type]


def name_of(value: Any, fallback: str) -> str:
    """What a message calls an item: its first text field the YAML must give (a name, a headline), else its title."""
    if is_model(value):
        for field in yaml_fields(type(value)):
            text = getattr(value, field.name)
            if field.required and isinstance(text, str) and text.strip():
                return text
        title = getattr(value, "title", None)
        if isinstance(title, str) and title.strip():
            return title
    return fallback

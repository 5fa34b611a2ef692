"""`sprintdoc new`: next month's bundle started from this one, ready for writing."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs

from sprintdoc.dumping import dump
from sprintdoc.errors import BundleError, Problem
from sprintdoc.fonts import is_file_family
from sprintdoc.model import Bundle, Image, slugify
from sprintdoc.output import write_together
from sprintdoc.registry import Registry, default_registry
from sprintdoc.schema import SCHEMA_FILE, modeline, schema


def next_edition(bundle: Bundle, period: str, registry: Registry | None = None) -> Bundle:
    """The bundle for `period`: each section as its kind carries it over (news and card updates emptied)."""
    registry = registry or default_registry()
    sections = tuple(registry.kind_of(s).carry_over(s) for s in bundle.sections)
    return attrs.evolve(bundle, edition=attrs.evolve(bundle.edition, period=period), sections=sections)


def default_folder(bundle: Bundle, period: str) -> Path:
    """Where next month's bundle goes by default: beside this one, named after the period (`august-2021`)."""
    return bundle.root.parent / (slugify(period) or "next")


def write_new_bundle(bundle: Bundle, period: str, folder: Path, registry: Registry | None = None) -> Path:
    """Write next month's `sprint.yaml` and copy the files it still names; returns the sprint.yaml written.

    Beside it goes `sprint.schema.json`, the schema of the installed kinds, which the file's first line points
    editors at (docs/bundle-format.md, "In an editor").
    """
    target = folder / "sprint.yaml"
    if target.exists():
        raise BundleError([Problem(str(target), 0, 0, "", "already exists; choose another folder with -o")])
    new = next_edition(bundle, period, registry)
    text = modeline()
    text += f"# Sprint Notes for {period}, started from {bundle.edition.period} by `sprintdoc new`.\n"
    text += dump(new, registry)
    carried = [image.file for image in _images(new)]
    carried += [f for f in (new.theme.fonts.body, new.theme.fonts.heading) if is_file_family(f)]
    carried += [new.theme.file] if new.theme.file else []
    carried += [new.template] if new.template else []
    for name in carried:
        source, copy = bundle.root / name, folder / name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy)
    editor_schema = json.dumps(schema(registry), indent=2, ensure_ascii=False) + "\n"
    write_together({folder / SCHEMA_FILE: editor_schema.encode("utf-8"), target: text.encode("utf-8")})
    return target


def _images(value: Any) -> Iterator[Image]:
    if isinstance(value, Image):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _images(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            yield from _images(getattr(value, field.name))

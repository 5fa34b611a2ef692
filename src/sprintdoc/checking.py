"""Checking a bundle built in code: the checks loading makes, on model objects instead of YAML.

A script builds a `Bundle` from the model classes, and attrs checks only that each
field was given. `validate` finds the rest, as loading would: values of the wrong type
(the field's type hint says which), text a document cannot hold, a section kind that
is not installed or that two plugins claim, models' own `problems()`, pictures that
are missing or unreadable, the theme's fonts and the Word template; and the same
warnings (contrast, glyphs no font has, links whose text is their address). Each
problem names its field path; it has no line (0), as the bundle has no file.
"""

from __future__ import annotations

import types
import typing
import weakref
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import attrs

from sprintdoc import previous_edition
from sprintdoc.errors import BundleError, Problem, clip
from sprintdoc.located import Mark
from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Image, Picture, Section
from sprintdoc.paths import PathProblem, inside
from sprintdoc.registry import Registry, default_registry
from sprintdoc.theme import Theme
from sprintdoc.validation import NOT_XML, Reader, expected_of, join
from sprintdoc.values import text_type, yaml_fields


def validate(bundle: Bundle, *, registry: Registry | None = None) -> list[Problem]:
    """Every problem in a bundle (errors, then warnings flagged `warning`), as loading would find them; [] if none.

    For a bundle built or changed in code; a loaded bundle has already been through these checks.
    """
    return validated(bundle, registry)[0]


def validated(bundle: Bundle, registry: Registry | None) -> tuple[list[Problem], Bundle]:
    """The problems `validate` finds, and the bundle as loading would make it: its previous edition loaded
    (`previous_bundle`, if it names one and has none) and its sections prepared (`SectionKind.prepare`)."""
    from sprintdoc import loading  # the loading checks reused here pull in fonts and images when run

    if loaded_with(bundle) is (registry or default_registry()):
        return list(bundle.warnings), bundle  # loading made these same checks, with the same kinds, and found no error
    reader = Reader(bundle.source, registry or default_registry(), root=bundle.root)
    reader.marks[""] = Mark(0, 0)  # no file: no line to point at, only the field path
    if not isinstance(bundle, Bundle):
        reader.error("", "", f"expected a sprintdoc.Bundle, got {_describe(bundle)}")
        return reader.problems, bundle
    checker = _Checker(reader, loading)
    checker.model(bundle, "")
    if not [p for p in reader.problems if not p.warning]:
        loading.check_glyphs(reader, bundle)
        loading.check_link_texts(reader, bundle)
        bundle = _with_previous(reader, bundle)
    if not [p for p in reader.problems if not p.warning]:
        bundle = previous_edition.prepare(bundle, reader)
    return sorted(reader.problems, key=lambda p: p.warning), bundle


def _with_previous(reader: Reader, bundle: Bundle) -> Bundle:
    """The bundle with the previous edition it names loaded, unless the script gave it (or it names none)."""
    if bundle.previous is None or bundle.previous_bundle is not None:
        return bundle
    own = Path(bundle.source).name if bundle.source else ""
    try:
        previous = previous_edition.load_previous(
            bundle.root, bundle.previous, own=own, base=bundle.root, registry=reader.registry
        )
    except previous_edition.PreviousProblem as err:
        reader.error("previous", "previous", str(err))
        return bundle
    return attrs.evolve(bundle, previous_bundle=previous)


#: The bundles `load` made, each with the registry it read them with: a bundle checked as it was read is not walked
#: again by every `generate` and `render` (at 3000 cards the walk is 0.3 s). A changed bundle is a new object.
_LOADED: dict[int, tuple[weakref.ref[Bundle], Registry]] = {}


def mark_loaded(bundle: Bundle, registry: Registry) -> None:
    """Remember that `bundle` came from `load`, read with `registry`, and so passed every check."""
    key = id(bundle)
    _LOADED[key] = (weakref.ref(bundle, lambda _: _LOADED.pop(key, None)), registry)


def loaded_with(bundle: Bundle) -> Registry | None:
    """The registry `load` read `bundle` with, or None if it was built or changed in code."""
    found = _LOADED.get(id(bundle))
    return found[1] if found is not None and found[0]() is bundle else None


def check(bundle: Bundle, *, registry: Registry | None = None) -> Bundle:
    """The bundle ready to draw, as loading makes it (its previous edition loaded, its sections prepared);
    raises BundleError listing every error `validate` finds (warnings pass)."""
    problems, ready = validated(bundle, registry)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise BundleError(errors)
    return ready


class _Checker:
    """Walks model objects by their fields' type hints, recording each problem on the reader."""

    def __init__(self, reader: Reader, loading: types.ModuleType) -> None:
        self.reader = reader
        self.loading = loading
        self.pictures: dict[tuple[Path, str], Picture | str] = {}

    def error(self, path: str, message: str) -> None:
        self.reader.error(path, path, message)

    def value(self, tp: Any, value: Any, path: str) -> None:
        """Check one field's value against its type."""
        origin = get_origin(tp)
        if origin in (typing.Union, types.UnionType):
            if value is None and type(None) in get_args(tp):
                return
            fitting = next((o for o in get_args(tp) if o is not type(None) and _fits(o, value)), None)
            if fitting is None:
                self.error(path, f"expected {_expected(tp)}, got {_describe(value)}")
            else:
                self.value(fitting, value, path)
        elif not _fits(tp, value):
            self.error(path, f"expected {_expected(tp)}, got {_describe(value)}")
        elif origin is tuple:
            for i, item in enumerate(value):
                self.value(get_args(tp)[0], item, join(path, i))
        elif isinstance(value, str | Markdown):
            self.text(value if isinstance(value, str) else value.source, path)
        elif tp is Section:
            self.section(value, path)
        elif attrs.has(tp) and text_type(tp) is None and tp is not Markdown:
            self.model(value, path)

    def text(self, text: str, path: str) -> None:
        found = NOT_XML.findall(text)
        if found:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
            self.error(path, f"holds {len(found)} character(s) that a document cannot hold ({names}); remove them")

    def section(self, section: Section, path: str) -> None:
        registry = self.reader.registry
        try:
            kind = registry.kind_of(section)
        except KeyError:
            clash = registry.clash_of(section)
            if clash is not None:
                self.error(join(path, "kind"), registry.clash_message(clash))
            else:
                kinds = ", ".join(sorted(registry.kinds))
                message = f"no installed section kind has the model {type(section).__name__}; the kinds are: {kinds}"
                self.error(join(path, "kind"), message)
            return
        self.model(section, path, kind.model)

    def model(self, obj: Any, path: str, cls: type | None = None) -> None:
        """Check a model object's fields, then what its own `problems()` says, then what loading checks of it."""
        cls = cls or type(obj)
        for field in yaml_fields(cls):
            if field.hook != "theme":
                self.value(field.type, getattr(obj, field.name), join(path, field.key))
        for rel, message in getattr(obj, "problems", list)():
            self.error(join(path, rel), message)
        if isinstance(obj, Bundle):
            self.bundle(obj)
        elif isinstance(obj, Image) and obj.picture is None:
            self.loading.decode_image(self.reader, obj, path, self.pictures)

    def bundle(self, bundle: Bundle) -> None:
        """What a bundle has beyond its fields: its format version, theme and template."""
        if bundle.version != 1:
            self.error("sprintdoc", f"this sprintdoc reads format 1, got {bundle.version}")
        if not isinstance(bundle.theme, Theme):
            self.error("theme", f"expected a sprintdoc.Theme, got {_describe(bundle.theme)}")
        else:
            self.model(bundle.theme, "theme")
            self.loading.check_fonts(self.reader, bundle.theme, "theme")
            self.loading.check_contrast(self.reader, bundle.theme, "theme")
        if bundle.template is not None:
            try:
                why = self.loading.not_a_docx(inside(bundle.root, bundle.template))
            except PathProblem as err:
                why = str(err)
            if why:
                self.error("template", f"'{clip(bundle.template)}' is not a Word .docx file ({why})")


def _fits(tp: Any, value: Any) -> bool:
    """Whether a value is of a type on its face (a tuple for a list, the class for a model); items are checked after."""
    origin = get_origin(tp)
    if origin is tuple:
        return isinstance(value, tuple)
    if origin is Literal:
        return isinstance(value, str) and value in get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(option, value) for option in get_args(tp))
    if tp is type(None):
        return value is None
    if tp is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if text_type(tp) is not None and not attrs.has(tp):
        return type(value) is tp  # a datetime is a date to isinstance, but not to the YAML
    return isinstance(tp, type) and isinstance(value, tp)


def _expected(tp: Any) -> str:
    if tp is Section:
        return "a section (an object of a section kind's model)"
    if attrs.has(tp) and text_type(tp) is None and tp is not Markdown:
        return f"a {tp.__qualname__}"
    return expected_of(tp)


def _describe(value: Any) -> str:
    """A value as a message shows it: `int 3`, `str 'abc'`."""
    return f"{type(value).__name__} {clip(repr(value), 40)}"

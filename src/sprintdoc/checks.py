"""`sprintdoc check`: the pre-publish checklist, what a valid bundle may still get wrong before it goes out.

Each check has a name (`checks_names.CHECKS`) and finds problems located like loading's
(`sprint.yaml:57:9: sections[2].projects[1].done: …`), here called findings: empty sections,
cards with no update, last month's text carried or unchanged, stuck projects, pictures too
small to print, alt and link text a screen reader reads badly, and what `validate` warns
of. The checks read the model through its field metadata (`monthly`) and types, so a
plugin's kind is checked as a built-in is. A bundle turns checks off with `checks: {skip: […]}`.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from sprintdoc import located
from sprintdoc.checks_names import CHECKS
from sprintdoc.errors import BundleError, Problem
from sprintdoc.model import Bundle, Section
from sprintdoc.registry import Registry, default_registry
from sprintdoc.validation import Reader, join
from sprintdoc.values import is_model, yaml_fields

__all__ = ["CHECKS", "Context", "Finding", "check", "summary"]


class Finding(NamedTuple):
    """One thing to look at before publishing: the check that found it, and where and what it is."""

    check: str
    problem: Problem

    def __str__(self) -> str:
        return f"{self.problem._replace(warning=False)} [{self.check}]"


def check(bundle: Bundle, previous: Bundle | None = None, *, registry: Registry | None = None) -> list[Finding]:
    """Every finding of the checks the bundle does not skip, in file order; `previous` is last month's edition.

    Raises BundleError if the bundle has errors (a loaded bundle has none). With `previous` (by default the
    bundle's own, `previous:`), text the same as in it is reported (`unchanged-text`); without, that check
    finds nothing.
    """
    from sprintdoc.checking import validated

    registry = registry or default_registry()
    problems, bundle = validated(bundle, registry)
    errors = [p for p in problems if not p.warning]
    if errors:
        raise BundleError(errors)
    context = Context(bundle, previous or bundle.previous_bundle, registry, tuple(p for p in problems if p.warning))
    found = [
        Finding(name, problem)
        for name, run in runs().items()
        if name not in bundle.checks.skip
        for problem in run(context)
    ]
    # The bundle's own file first (a theme file's contrast after it), each in the order of its lines.
    return sorted(found, key=lambda f: (f.problem.file != context.file, *f.problem[:3]))


def summary(findings: Iterable[Finding]) -> str:
    """One line saying how many findings each check made: `3 findings: 2 carried-text, 1 stuck-stage`."""
    counts = Counter(f.check for f in findings)
    total = sum(counts.values())
    if not total:
        return "no findings"
    each = ", ".join(f"{counts[name]} {name}" for name in sorted(counts, key=_order))
    return f"{total} finding{'s' if total != 1 else ''}: {each}"


def _order(name: str) -> int:
    return list(CHECKS).index(name) if name in CHECKS else len(CHECKS)


#: What a check is: it reads the context, and gives its problems located in the bundle's files.
Check = Callable[["Context"], Iterable[Problem]]


@functools.cache
def runs() -> dict[str, Check]:
    """Each check's function by its name, in `CHECKS` order (the table every check is registered in)."""
    from sprintdoc import checks_content, checks_pictures

    table: dict[str, Check] = {
        "empty-section": checks_content.empty_sections,
        "no-update": checks_content.no_updates,
        "carried-text": checks_content.carried_texts,
        "unchanged-text": checks_content.unchanged_texts,
        "stuck-stage": checks_content.stuck_stages,
        "low-resolution": checks_pictures.low_resolution,
        "alt-text": checks_pictures.alt_texts,
        "link-text": functools.partial(_warnings_of, "link-text"),
        "contrast": functools.partial(_warnings_of, "contrast"),
        "validate": functools.partial(_warnings_of, "validate"),
    }
    assert list(table) == list(CHECKS), "every check in checks_names.CHECKS has one function here, in that order"
    return table


class Context:
    """What the checks read: the bundle and last month's, its warnings, and where each field path is in its file."""

    def __init__(
        self, bundle: Bundle, previous: Bundle | None, registry: Registry, warnings: tuple[Problem, ...] = ()
    ) -> None:
        self.bundle = bundle
        self.previous = previous
        self.registry = registry
        self.warnings = warnings
        self.file = bundle.source
        self.source = _source_text(bundle)

    @functools.cached_property
    def _places(self) -> tuple[Reader, dict[int, str]]:
        """A reader holding where each field path is in the file, and the path of the key on each line.

        Read when a finding is first located (a clean bundle's file is not parsed again).
        """
        reader = Reader(self.file, self.registry, root=self.bundle.root)
        keys: dict[int, str] = {}
        node = None
        if self.source is not None:
            try:
                node = located.parse(self.source)
            except located.YamlSyntaxError:  # changed on disk since it was loaded: findings keep only their paths
                node = None
        if node is None:
            reader.marks[""] = located.Mark(0, 0)
        else:
            _places(node, "", reader.marks, keys)
        return reader, keys

    def at(self, path: str, message: str) -> Problem:
        """A problem at a field path: located where the file has it, or where its nearest parent is."""
        mark = self._places[0].mark_of(path)
        return Problem(self.file, mark.line, mark.column, path, message)

    def key_after(self, line: int) -> str | None:
        """The path of the key on the first line after `line` that is not blank or a comment, if a key is there."""
        assert self.source is not None
        lines = self.source.splitlines()
        for number in range(line + 1, len(lines) + 1):
            text = lines[number - 1].strip()
            if text and not text.startswith("#"):
                return self._places[1].get(number)
        return None

    @functools.cached_property
    def values(self) -> dict[str, Any]:
        """Every field's value in the bundle by its path (`sections[2].projects[0].done`), at any depth."""
        return dict(fields_at(self.bundle))

    @functools.cached_property
    def warnings_by_check(self) -> dict[str, list[Problem]]:
        """The bundle's warnings by the check that reports them."""
        return classify(self)

    def kind_name(self, section: Section) -> str:
        """The name of a section's kind (`news`)."""
        return self.registry.kind_of(section).name


def _source_text(bundle: Bundle) -> str | None:
    """The text of the file the bundle was loaded from, or None for a bundle built in code."""
    if not bundle.source or not Path(bundle.source).is_file():
        return None
    try:
        return located.prepare(located.decode(Path(bundle.source).read_bytes()))
    except (OSError, located.YamlSyntaxError):
        return None


def _places(node: located.Node, path: str, marks: dict[str, located.Mark], keys: dict[int, str]) -> None:
    """Record where each field path's value is, and which path each key's line holds, as validation paths them."""
    marks.setdefault(path, node.mark)
    if isinstance(node, located.Mapping):
        for key, value in node.entries:
            here = join(path, key.text)
            keys.setdefault(key.mark.line, here)
            _places(value, here, marks, keys)
    elif isinstance(node, located.Sequence):
        for i, item in enumerate(node.items):
            _places(item, join(path, i), marks, keys)


def fields_at(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """(path, value) of every field a bundle may set in a model object, and of every list item, at any depth."""
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            here = join(path, i)
            yield here, item
            yield from fields_at(item, here)
    elif is_model(value):
        for field in yaml_fields(type(value)):
            here = join(path, field.key)
            item = getattr(value, field.name)
            yield here, item
            yield from fields_at(item, here)


# -- what validate warns of ---------------------------------------------------------------------------------------


def _warnings_of(name: str, context: Context) -> list[Problem]:
    """The bundle's warnings that check `name` reports: links and contrast by their own names, the rest `validate`."""
    return context.warnings_by_check.get(name, [])


def classify(context: Context) -> dict[str, list[Problem]]:
    """The bundle's warnings by the check that reports them: `link-text`, `contrast`, else `validate`."""
    from sprintdoc.loading import check_link_texts

    if not context.warnings:
        return {}
    contrast = {message for _, message in context.bundle.theme.contrast_problems()}
    # What loading says of links whose text is their address, in the same words: so each is reported once.
    reader = Reader(context.file, context.registry, root=context.bundle.root)
    check_link_texts(reader, context.bundle)
    links = {(p.path, p.message) for p in reader.problems}
    named: dict[str, list[Problem]] = {}
    for warning in context.warnings:
        name = (
            "contrast" if warning.message in contrast
            else "link-text" if (warning.path, warning.message) in links
            else "validate"
        )  # fmt: skip
        named.setdefault(name, []).append(warning)
    return named


def shown(text: str, limit: int = 50) -> str:
    """A name or text as a message quotes it: one line, at most `limit` characters."""
    line = re.sub(r"\s+", " ", text).strip()
    return repr(line if len(line) <= limit else line[: limit - 1] + "…")

"""Located YAML nodes to the attrs model, collecting every problem with its place.

The conversion is driven by the model's own type hints, so a plugin's model is
read exactly as a built-in's is: `str` is plain text, `Markdown` is Markdown,
`bool`, `int`, value types (values.py: `Number`, `date`, Month, Colour, a plugin's own), `Literal[...]`,
optionals, `tuple[X, ...]` lists, nested attrs classes, and `Section` (chosen by
its `kind` through the registry). A model class may define `problems()` to say
what is wrong across its fields; those are located like any other problem.
"""

from __future__ import annotations

import functools
import re
import types
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import attrs

from sprintdoc.errors import Problem, clip
from sprintdoc.located import DROPPED_MARK, LINE_BREAK_MARK, Mapping, Mark, Node, Scalar, Sequence
from sprintdoc.markdown import Markdown, MarkdownDepthError
from sprintdoc.model import Section
from sprintdoc.registry import Registry
from sprintdoc.salvage import INVALID, Partial, Positions, Salvaged, failed, in_file, partial
from sprintdoc.suggestions import closest, colon_hint, did_you_mean, split_value
from sprintdoc.values import YamlField, is_model, refused_text, text_type, yaml_fields

__all__ = [
    "NOT_XML",
    "Reader",
    "YamlField",
    "describe",
    "did_you_mean",
    "expected_of",
    "join",
    "leaf_fields",
    "text_fields",
    "yaml_fields",
]

# Characters XML 1.0 cannot hold, and our stand-in for those PyYAML refused.
NOT_XML = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff{DROPPED_MARK}]")


def join(path: str, key: str | int) -> str:
    """`sections[2]` + `title` -> `sections[2].title`; + 3 -> `sections[2][3]`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def describe(node: Node) -> str:
    """What a node is, for messages: `text 'abc'`, `a list`, `a mapping`."""
    if isinstance(node, Scalar):
        text = node.text if len(node.text) <= 40 else node.text[:37] + "..."
        return f"{text!r}" if node.text else "nothing"
    return "a list" if isinstance(node, Sequence) else "a mapping"


class Reader:
    """Reads located nodes into model objects, collecting problems instead of stopping at the first."""

    def __init__(
        self,
        file: str,
        registry: Registry,
        field_hooks: dict[str, Callable[[Reader, Node, str], Any]] | None = None,
        after: dict[type, Callable[[Reader, Any, str], Any]] | None = None,
        root: Path = Path(),
    ) -> None:
        self.file = file
        self.root = root
        self.registry = registry
        self.field_hooks = field_hooks or {}
        self.after = after or {}
        self.problems: list[Problem] = []
        self.marks: dict[str, Mark] = {}

    # -- reporting -----------------------------------------------------------------

    def error(self, where: Mark | str, path: str, message: str, *, warning: bool = False) -> None:
        """Record a problem at a mark, or at the nearest known mark of a field path."""
        mark = where if isinstance(where, Mark) else self.mark_of(where)
        self.problems.append(Problem(self.file, mark.line, mark.column, path, message, warning))

    def warn(self, where: Mark | str, path: str, message: str) -> None:
        """Record a warning."""
        self.error(where, path, message, warning=True)

    def mark_of(self, path: str) -> Mark:
        """The mark of a field path, or of its nearest parent that has one."""
        while path:
            if path in self.marks:
                return self.marks[path]
            path = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path) if re.search(r"(\.[^.\[]*|\[\d+\])$", path) else ""
        return self.marks.get("", Mark(1, 1))

    # -- values --------------------------------------------------------------------

    def read(self, tp: Any, node: Node, path: str) -> Any:
        """The value of type `tp` that a node gives, or INVALID (with the problem recorded)."""
        self.marks.setdefault(path, node.mark)
        shape = _shape(tp)
        if shape == "union":
            return self._union(get_args(tp), node, path)
        if shape == "list":
            return self._list(get_args(tp)[0], node, path)
        if shape == "literal":
            return self._union((tp,), node, path)
        if shape == "section":
            return self.section(node, path)
        if shape == "model":
            return self._model(tp, node, path)
        return self._scalar(tp, node, path)

    def _scalar(self, tp: Any, node: Node, path: str) -> Any:
        if not isinstance(node, Scalar):
            # A list item only: under a key, `headline: Data: x` is a syntax error, and a mapping below it is meant.
            hint = colon_hint(node) if tp in (str, Markdown) and path.endswith("]") else ""
            self.error(node.mark, path, f"expected {expected_of(tp)}, got {describe(node)}{hint}")
            return INVALID
        if tp is str:
            return self.text(node, path)
        if tp is Markdown:
            try:
                return Markdown(self.text(node, path))
            except MarkdownDepthError as refused:
                self.error(node.mark, path, str(refused))
                return INVALID
        if tp is bool:
            if node.text.lower() in ("true", "false"):
                return node.text.lower() == "true"
        elif tp is int:
            if re.fullmatch(r"[+-]?\d+", node.text):
                return int(node.text)
        elif (value_type := text_type(tp)) is not None:
            try:
                return value_type.from_text(node.text)
            except ValueError as err:
                hint = refused_text(node.text, err)
                self.error(node.mark, path, f"expected {expected_of(tp)}, got {describe(node)}{hint}")
                return INVALID
        self.error(node.mark, path, f"expected {expected_of(tp)}, got {describe(node)}")
        return INVALID

    def _union(self, options: tuple[Any, ...], node: Node, path: str) -> Any:
        literals, others = _options(options)
        if isinstance(node, Scalar) and node.text in literals:
            return node.text
        if len(others) == 1 and (not literals or not isinstance(node, Scalar) or _from_text_ok(others[0], node)):
            return self.read(others[0], node, path)
        if isinstance(node, Scalar):
            for option in others:
                if _from_text_ok(option, node):
                    return self.read(option, node, path)
        kinds = [expected_of(o) for o in others] + [repr(v) for v in literals]
        self.error(node.mark, path, f"expected {' or '.join(kinds)}, got {describe(node)}")
        return INVALID

    def _list(self, item_tp: Any, node: Node, path: str) -> Any:
        if isinstance(node, Scalar) and node.plain and not node.text:
            return ()
        if not isinstance(node, Sequence):
            hint = f"; write it as a list: [{node.text}]" if isinstance(node, Scalar) else ""
            self.error(node.mark, path, f"expected a list, got {describe(node)}{hint}")
            return INVALID
        values = [self.read(item_tp, child, join(path, i)) for i, child in enumerate(node.items)]
        return partial(values) if any(failed(v) for v in values) else tuple(values)

    def text(self, node: Scalar, path: str) -> str:
        """A plain-text value, made safe for XML: line breaks kept, unholdable characters dropped with a warning."""
        text = node.text.replace("\r\n", "\n").replace("\r", "\n").replace(LINE_BREAK_MARK, "\n").replace("\v", "\n")
        dropped = NOT_XML.findall(text)
        if dropped:
            text = NOT_XML.sub("", text)
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in dropped if c != DROPPED_MARK} or {"control"}))
            self.warn(node.mark, path, f"dropped {len(dropped)} character(s) that a document cannot hold ({names})")
        if node.comment:
            self.warn(
                node.mark, path,
                f"the text stops before {clip(node.comment)!r}: YAML reads ' #' as the start of a comment; "
                f"put the whole value in quotes to keep it",
            )  # fmt: skip
        return text

    # -- models --------------------------------------------------------------------

    def model(self, cls: type, node: Node, path: str, skip: tuple[str, ...] = ()) -> Any:
        """An attrs model object from a mapping node (unknown, missing and duplicate keys reported), or INVALID."""
        result = self._model(cls, node, path, skip)
        return INVALID if isinstance(result, Salvaged) else result

    def _model(self, cls: type, node: Node, path: str, skip: tuple[str, ...] = ()) -> Any:
        if not isinstance(node, Mapping):
            self.error(node.mark, path, f"expected a mapping of {_fields_hint(cls)}, got {describe(node)}")
            return INVALID
        fields = {f.key: f for f in yaml_fields(cls)}
        seen: dict[str, Mark] = {}
        meant: set[str] = set()  # fields an unknown key was a near miss of: said once, as that key's problem
        kwargs: dict[str, Any] = {}
        ok = True
        salvage = True  # whether every field read, but for lists with some bad items (see Partial)
        positions: Positions = {}
        for at, (key_node, value) in enumerate(node.entries):
            key = key_node.text
            here = join(path, key)
            if key in skip:
                continue
            if key in seen:
                self.error(key_node.mark, here, f"given twice (first at line {seen[key].line}); keep one")
                ok = False
                continue
            seen[key] = key_node.mark
            field = fields.get(key)
            if field is None:
                near = closest(key, fields)
                if near is not None:
                    meant.add(near)
                hint = f"; did you mean {near!r}?" if near else f"; expected one of: {', '.join(fields)}"
                split = split_value(node, at, fields)
                if split:
                    quoted = '"' + clip(split).replace("\\", "\\\\").replace('"', '\\"') + '"'
                    hint = f" (a comma ends a value in {{…}}: put the value in quotes, {quoted})"
                self.error(key_node.mark, join(path, clip(key)), f"unknown field {clip(key)!r}{hint}")
                ok = False
                continue
            self.marks[here] = value.mark
            if isinstance(value, Scalar) and value.plain and not value.text and not _is_list(field.type):
                if field.required:
                    self.error(value.mark, here, f"required, but empty: expected {expected_of(field.type)}")
                    ok = salvage = False
                continue  # an empty optional value means "not given"
            hook = self.field_hooks.get(field.hook) if field.hook else None
            result = hook(self, value, here) if hook else self.read(field.type, value, here)
            if isinstance(result, Partial):
                ok = False
                positions[field.key] = result.positions
                kwargs[field.name] = tuple(result)
            elif isinstance(result, Salvaged):
                ok = False
                positions[field.key] = result.positions
                kwargs[field.name] = result.obj
            elif result is INVALID:
                ok = salvage = False
            else:
                kwargs[field.name] = result
        for field in fields.values():
            if field.required and field.key not in seen:
                if field.key not in meant:
                    self.error(node.mark, join(path, field.key), f"required field {field.key!r} is missing")
                ok = salvage = False
        if not ok:
            return self._salvage(cls, kwargs, path, positions) if salvage else INVALID
        try:
            obj = cls(**kwargs)
        except (TypeError, ValueError) as err:
            self.error(node.mark, path, f"could not be read: {err}")
            return INVALID
        self._check(obj, path, {})
        after = self.after.get(cls)
        return after(self, obj, path) if after else obj

    def _check(self, obj: Any, path: str, positions: Positions) -> None:
        """Report what a model's own `problems()` finds, list indices put back as they are in the file."""
        for rel, message in getattr(obj, "problems", list)():
            here = join(path, in_file(rel, positions))
            self.error(here, here, message)

    def _salvage(self, cls: type, kwargs: dict[str, Any], path: str, positions: Positions) -> Any:
        """Build and check a model from the fields that read cleanly, though the whole did not (see Partial)."""
        try:
            obj = cls(**kwargs)
        except (TypeError, ValueError):
            return INVALID
        self._check(obj, path, positions)
        return Salvaged(obj, positions)

    def section(self, node: Node, path: str) -> Any:
        """A section, its model chosen by its `kind`."""
        if not isinstance(node, Mapping):
            self.error(node.mark, path, f"expected a section (a mapping with a kind), got {describe(node)}")
            return INVALID
        kind_node = next((v for k, v in node.entries if k.text == "kind"), None)
        available = ", ".join(sorted(self.registry.kinds))
        if kind_node is None:
            slip = next((k for k, _ in node.entries if closest(k.text, ["kind"])), None)
            if slip is not None:  # `knd: news`: said once, as the misspelt key
                name = clip(slip.text)
                self.error(slip.mark, join(path, name), f"unknown field {name!r}; did you mean 'kind'?")
                return INVALID
            self.error(node.mark, join(path, "kind"), f"required field 'kind' is missing; the kinds are: {available}")
            return INVALID
        here = join(path, "kind")
        self.marks[here] = kind_node.mark
        if not isinstance(kind_node, Scalar):
            self.error(kind_node.mark, here, f"expected a kind name, got {describe(kind_node)}")
            return INVALID
        kind = self.registry.get(kind_node.text)
        if kind is None:
            name = clip(kind_node.text)
            if name in self.registry.clashes:
                message = self.registry.clash_message(name)
            elif name in self.registry.left_out:
                message = f"section kind {name!r} is not available: {self.registry.left_out[name]}"
            else:
                hint = did_you_mean(name, self.registry.kinds).removeprefix("; ")
                message = f"unknown section kind {name!r}{f' ({hint})' if hint else ''}; the kinds are: {available}"
            self.error(kind_node.mark, here, message)
            return INVALID
        return self._model(kind.model, node, path, skip=("kind",))


@functools.cache
def _shape(tp: Any) -> str:
    """How `Reader.read` reads a type: as a union, list, literal, section, model or scalar (cached: asked per value)."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return "union"
    if origin is tuple:
        return "list"
    if origin is Literal:
        return "literal"
    if tp is Section:
        return "section"
    if attrs.has(tp) and tp is not Markdown and text_type(tp) is None:
        return "model"
    return "scalar"


@functools.cache
def _options(options: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[Any, ...]]:
    """A union's literal values, and its other types, None left out."""
    options = tuple(o for o in options if o is not type(None))
    literals = tuple(v for o in options if get_origin(o) is Literal for v in get_args(o))
    return literals, tuple(o for o in options if get_origin(o) is not Literal)


def _is_list(tp: Any) -> bool:
    return get_origin(tp) is tuple or any(get_origin(a) is tuple for a in get_args(tp))


def _from_text_ok(tp: Any, node: Scalar) -> bool:
    value_type = text_type(tp)
    if value_type is None:
        return tp in (str, Markdown)
    try:
        value_type.from_text(node.text)
    except ValueError:
        return False
    return True


def expected_of(tp: Any) -> str:
    """What a message says a field of type `tp` expects: `text`, `a whole number`, `a date like 2021-10-14`."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(expected_of(a) for a in get_args(tp) if a is not type(None))
    if origin is tuple:
        return "a list"
    if origin is Literal:
        return " or ".join(repr(v) for v in get_args(tp))
    if tp in (str, Markdown):
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    value_type = text_type(tp)
    if value_type is not None:
        return value_type.expected
    if attrs.has(tp):
        return f"a mapping of {_fields_hint(tp)}"
    return getattr(tp, "__name__", str(tp))


def _fields_hint(cls: type) -> str:
    return ", ".join(f.key for f in yaml_fields(cls)[:4]) + ("…" if len(yaml_fields(cls)) > 4 else "")


def text_fields(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every text in a model object, as (field path, text): plain-text and Markdown fields, any kind's."""
    for where, leaf in leaf_fields(value, path):
        yield where, leaf.source if isinstance(leaf, Markdown) else leaf


def leaf_fields(value: Any, path: str = "") -> Iterator[tuple[str, str | Markdown]]:
    """Every plain-text and Markdown field in a model object, any kind's, as (field path, value)."""
    if isinstance(value, str | Markdown):
        yield path, value
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from leaf_fields(item, join(path, i))
    elif is_model(value):
        for field in yaml_fields(type(value)):
            yield from leaf_fields(getattr(value, field.name), join(path, field.key))

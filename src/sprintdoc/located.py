"""YAML text to a tree of located values: every scalar a string, every node with its line and column.

PyYAML composes the nodes (with the resolver of YAML's base schema, so `No`, `on`,
`1.10`, `12:30` and `2021-07-01` all stay the text typed); this module turns them
into small immutable nodes that keep their marks, checks duplicate keys, and keeps
alias expansion within a budget.
"""

from __future__ import annotations

import re
from typing import TypeAlias

import attrs
import yaml

from sprintdoc import syntax_hints

# PyYAML refuses these characters anywhere in a file (its reader's NON_PRINTABLE set).
_UNREADABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Stands in for a vertical tab (Word's Shift+Enter) until the text reaches the model.
#: Noncharacters are meant for exactly this internal use; one character each keeps columns true.
LINE_BREAK_MARK = "\ufdd0"
#: Stands in for a character that XML cannot hold, dropped (with a warning) from the text.
DROPPED_MARK = "\ufdd1"

#: The most values YAML aliases may add by repeating what they name (the "billion laughs" stop here).
MAX_VALUES = 100_000
MAX_DEPTH = 64


@attrs.frozen
class Mark:
    """A 1-based line and column in the bundle's YAML file."""

    line: int
    column: int


@attrs.frozen
class Scalar:
    """A scalar as the text typed. `comment` is set when a plain value ran into ` #` on its line."""

    text: str
    mark: Mark
    plain: bool
    comment: str | None = None


@attrs.frozen
class Mapping:
    """A mapping, its keys in the order written; `flow` when written in braces (`{file: a.png, alt: A}`)."""

    entries: tuple[tuple[Scalar, Node], ...]
    mark: Mark
    flow: bool = False


@attrs.frozen
class Sequence:
    """A list of nodes."""

    items: tuple[Node, ...]
    mark: Mark


Node: TypeAlias = Scalar | Mapping | Sequence


@attrs.frozen
class SyntaxProblem:
    """A problem found before the tree could be made (bad encoding, YAML syntax, alias bombs), or a warning with it."""

    mark: Mark
    message: str
    warning: bool = False


class YamlSyntaxError(ValueError):
    """Raised by `parse` with the problems that stopped it."""

    def __init__(self, problems: list[SyntaxProblem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.message for p in problems if not p.warning))


def decode(data: bytes) -> str:
    """The file's text from UTF-8 (a BOM is allowed); raises YamlSyntaxError located at the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8", errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"the file is not UTF-8 text (byte 0x{data[err.start]:02x}); "
            "save it as UTF-8 (in Notepad: Save as, Encoding: UTF-8)"
        )
        raise YamlSyntaxError([SyntaxProblem(Mark(line, column), message)]) from None


def prepare(text: str) -> str:
    """Replace characters PyYAML refuses by one-character stand-ins, keeping every line and column true."""
    return _UNREADABLE.sub(lambda m: LINE_BREAK_MARK if m.group() == "\x0b" else DROPPED_MARK, text)


def parse(text: str) -> Node | None:
    """Compose YAML text (already `prepare`d) into located nodes; None for an empty document."""
    try:
        root = _compose(text, yaml.CBaseLoader if hasattr(yaml, "CBaseLoader") else yaml.BaseLoader)
    except yaml.MarkedYAMLError as err:
        if err.problem != "found invalid Unicode character escape code":
            raise YamlSyntaxError([_syntax_problem(err, text)]) from None
        root = _compose_escapes(text, err)
    except yaml.YAMLError as err:
        raise YamlSyntaxError([SyntaxProblem(Mark(1, 1), f"YAML syntax: {err}")]) from None
    if root is None:
        return None
    return _Builder(text).build(root)


def _compose_escapes(text: str, refused: yaml.MarkedYAMLError) -> yaml.Node | None:
    """The nodes of a text libyaml refused for an escape, read by PyYAML's own scanner.

    libyaml refuses `"\\ud83c\\udf89"`, a surrogate pair as JSON writes it (and JSON is YAML); PyYAML reads
    each half, and `_Builder` joins the pairs (a lone half is dropped later, with a warning).
    """
    loader = _EscapeLoader(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        # A mistake past the escapes, which libyaml never reached: report it, and the lone halves before it.
        raise YamlSyntaxError([*loader.lone, _syntax_problem(err, text)]) from None
    except (yaml.YAMLError, ValueError):  # ValueError: PyYAML's chr() of an escape past U+10FFFF
        raise YamlSyntaxError([_syntax_problem(refused, text)]) from None
    finally:
        loader.dispose()


class _EscapeLoader(yaml.BaseLoader):
    """PyYAML's pure-Python loader, noting each double-quoted value left with half a surrogate pair."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.lone: list[SyntaxProblem] = []

    def scan_flow_scalar(self, style: str) -> yaml.ScalarToken:
        token: yaml.ScalarToken = super().scan_flow_scalar(style)
        halves = _SURROGATE.findall(_join_surrogates(token.value))
        if halves:
            names = ", ".join(sorted({f"U+{ord(c):04X}" for c in halves}))
            message = (
                f"half a surrogate pair ({names}), which a document cannot hold; give the whole pair or the character"
            )
            self.lone.append(SyntaxProblem(_mark(token), message, warning=True))
        return token


def _compose(text: str, loader_class: type[yaml.BaseLoader] | type[yaml.CBaseLoader]) -> yaml.Node | None:
    loader = loader_class(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _syntax_problem(err: yaml.MarkedYAMLError, text: str) -> SyntaxProblem:
    mark = err.problem_mark or err.context_mark
    where = Mark(mark.line + 1, mark.column + 1) if mark else Mark(1, 1)
    message = f"YAML syntax: {err.problem}" if err.problem else "YAML syntax error"
    if err.context:
        context = err.context_mark
        started = f" at line {context.line + 1}" if context and mark and context.line != mark.line else ""
        message += f" ({err.context}{started})"
    lines = text.splitlines()
    if mark and mark.line < len(lines) and lines[mark.line][mark.column : mark.column + 1] == "\t":
        message += "; a tab: indent with spaces, not tabs"
    elif mark and err.problem:
        context_line = err.context_mark.line if err.context_mark else None
        found = syntax_hints.hint(err.problem, err.context or "", lines, mark.line, mark.column, context_line)
        if found:
            message = f"YAML syntax: {found.message} (the parser says: {err.problem})"
            return SyntaxProblem(Mark(found.line + 1, found.column + 1), message)
    return SyntaxProblem(where, message)


def _mark(node: yaml.Node | yaml.Token) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_COMMENT_AFTER = re.compile(r"(\s+)#(.*)")


class _Builder:
    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.built: set[int] = set()
        self.repeats = 0

    def build(self, node: yaml.Node, depth: int = 0, alias: Mark | None = None) -> Node:
        """The located node for a composed one; `alias` marks where an alias led into it, if one did."""
        # Only values an alias repeats count against the budget: the file's own are bounded by its size.
        if id(node) in self.built:
            self.repeats += 1
            if self.repeats > MAX_VALUES:
                message = f"YAML aliases (*name) expand to more than {MAX_VALUES:,} values"
                raise YamlSyntaxError([SyntaxProblem(alias or _mark(node), message)])
        else:
            self.built.add(id(node))
        if depth > MAX_DEPTH:
            raise YamlSyntaxError([SyntaxProblem(_mark(node), f"values nested more than {MAX_DEPTH} deep")])
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            items = tuple(self.build(child, depth + 1, alias or self.via(child, node)) for child in node.value)
            return Sequence(items, _mark(node))
        assert isinstance(node, yaml.MappingNode)
        entries: list[tuple[Scalar, Node]] = []
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise YamlSyntaxError([SyntaxProblem(_mark(key), "a key must be plain text, not a list or mapping")])
            entries.append((self.scalar(key), self.build(value, depth + 1, alias or self.via(value, key))))
        return Mapping(tuple(entries), _mark(node), bool(node.flow_style))

    def via(self, child: yaml.Node, holder: yaml.Node) -> Mark | None:
        """Where an alias to `child` is written (at its key or list), if `child` was built before."""
        return _mark(holder) if id(child) in self.built else None

    def scalar(self, node: yaml.ScalarNode) -> Scalar:
        plain = not node.style  # the C loader says '', the Python one None
        comment = None
        if plain and node.value:
            end = node.end_mark
            rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
            found = _COMMENT_AFTER.match(rest)
            # `key: value   # a note` is a comment on purpose; `Sprint #12 recap` is text cut short.
            if found and (len(found.group(1)) == 1 or found.group(2)[:1] not in ("", " ")):
                comment = "#" + found.group(2)
        return Scalar(_join_surrogates(node.value), _mark(node), plain, comment)


def _join_surrogates(text: str) -> str:
    """Surrogate pairs (`\\ud83c\\udf89`, as JSON writes an emoji) joined into the character they spell."""
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


_SURROGATE = re.compile("[\ud800-\udfff]")

"""What probably happened, for a YAML syntax error that three common mistakes cause, and how to write it instead.

The parser says where it gave up, in its own terms ("mapping values are not allowed
here"); these read the lines around that place for the mistake a person likely made:

- a colon and a space inside a plain value (`headline: Data: the next step`);
- a text block not indented under its key (`body: |` with the text at the key's column),
  or text that goes on at the key's own column;
- a key indented more or less than the keys beside it.

Each hint names the key, says where its neighbours start, and is located where the
mistake is. The libyaml and the pure-Python parser word their messages differently,
so the kind of message only picks which of the three to look for.
"""

from __future__ import annotations

import re

import attrs


@attrs.frozen
class Hint:
    """A mistake found: 0-based line and column where it is, and what to say."""

    line: int
    column: int
    message: str


@attrs.frozen
class _KeyLine:
    """A line holding `key: value` (after any `- ` list dashes): the key, its column, its value as typed."""

    key: str
    column: int
    value: str
    value_column: int


# A key (plain or quoted) then a colon that ends it: one followed by a space or the line's end.
_KEY_LINE = re.compile(
    r"""(?P<lead>[ ]*(?:-[ ]+)*)"""
    r"""(?P<key>"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"\[\]{},&*!|>%@`-](?:[^:]|:(?=\S))*?)"""
    r"""[ \t]*:(?=\s|$)[ \t]*(?P<value>.*)$"""
)
# A line that starts as plain text does: not a list item, a quote, a flow collection or another indicator.
_PLAIN_START = re.compile(r"""[^\s\-?:,\[\]{}#&*!|>'"%@`]|[-?:](?=\S)""")
_BLOCK_INDICATOR = re.compile(r"[|>][-+0-9]*[ \t]*(?:#.*)?$")
_LINE_UP = "keys of one mapping start in the same column; line it up with the keys beside it"
#: A value shown in quotes in a hint only up to this length; a longer one is only named.
_SHOWN = 60


def hint(problem: str, context: str, lines: list[str], line: int, column: int, context_line: int | None) -> Hint | None:
    """The hint for a syntax error the parser reported at 0-based (line, column), if its lines show a known mistake."""
    if "mapping values are not allowed" in problem:
        return _colon_in_value(lines, line, column) or _key_indented_more(lines, line, column)
    if "could not find expected ':'" in problem and "simple key" in context and context_line is not None:
        return _text_at_key_column(lines, context_line)
    if problem.startswith(("did not find expected key", "did not find expected '-'", "expected <block end>")):
        if line < len(lines) and column == _indent(lines[line]) and _key_line(lines[line]) is None:
            return _text_at_key_column(lines, line) if _PLAIN_START.match(lines[line], column) else None
        return _key_indented_less(lines, line, column)
    return None


def _key_line(text: str) -> _KeyLine | None:
    found = _KEY_LINE.match(text)
    if found is None:
        return None
    value = found["value"]
    if value.startswith("#"):
        value = ""
    key = found["key"]
    if key[:1] in "\"'":
        key = key[1:-1]
    return _KeyLine(key, found.start("key"), value.rstrip(), found.start("value"))


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _blank(text: str) -> bool:
    return not text.strip() or text.lstrip().startswith("#")


def _column(n: int) -> str:
    return f"column {n + 1}"


def _colon_in_value(lines: list[str], line: int, column: int) -> Hint | None:
    """`headline: Data: the next step`: the second colon is inside the value, which needs quotes."""
    if line >= len(lines):
        return None
    found = _key_line(lines[line])
    if found is None or not found.value or column < found.value_column or found.value[:1] in "\"'[{|>":
        return None
    follows = " followed by a space" if lines[line][column + 1 : column + 2].isspace() else " at the end of a line"
    message = f"a colon{follows} starts a key: put the {found.key} in quotes"
    if len(found.value) <= _SHOWN and not _continued(lines, line, found.column):
        message += f", {found.key}: {_quoted(found.value)}"
    return Hint(line, column, message)


def _continued(lines: list[str], line: int, column: int) -> bool:
    """Whether a plain value goes on to the lines after `line` (indented more than its key at `column`)."""
    following = next((text for text in lines[line + 1 :] if not _blank(text)), None)
    return following is not None and _indent(following) > column and _key_line(following) is None


def _quoted(value: str) -> str:
    if '"' in value and "'" not in value:
        return f"'{value}'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _key_above(lines: list[str], line: int, below: int | None = None) -> tuple[int, _KeyLine] | None:
    """The nearest key line above `line` (whose key starts left of column `below`, if given)."""
    for at in range(line - 1, -1, -1):
        found = None if _blank(lines[at]) else _key_line(lines[at])
        if found is not None and (below is None or found.column < below):
            return at, found
    return None


def _key_indented_more(lines: list[str], line: int, column: int) -> Hint | None:
    """`  title: A` then `   period: B`: the second line reads as more of the title, and then a colon."""
    if line >= len(lines):
        return None
    found = _key_line(lines[line])
    if found is None or column >= found.value_column:
        return None
    above = _key_above(lines, line, below=found.column)
    if above is None or not above[1].value or _BLOCK_INDICATOR.match(above[1].value):
        return None
    sibling = above[1]
    if " " in found.key:  # words, not a key: the value of the key above went on to this line, colon and all
        return Hint(line, column, f"a colon followed by a space starts a key: put the {sibling.key} in quotes")
    return Hint(
        line,
        found.column,
        f"the key {found.key!r} starts at {_column(found.column)}, but {sibling.key!r} above it at "
        f"{_column(sibling.column)}, so YAML reads it as more of the value of {sibling.key!r}: {_LINE_UP}",
    )


def _key_indented_less(lines: list[str], line: int, column: int) -> Hint | None:
    """`  title: A` then ` period: B`: a key left of the keys beside it, and right of those that hold them."""
    if line >= len(lines):
        return None
    found = _key_line(lines[line])
    if found is None or found.column != column:
        return None
    above = _key_above(lines, line)
    if above is None or above[1].column <= found.column:
        return None
    deeper = above[1]
    holder = _key_above(lines, line, below=found.column)
    between = (
        f"between {deeper.key!r} ({_column(deeper.column)}) and {holder[1].key!r} ({_column(holder[1].column)})"
        if holder
        else f"left of {deeper.key!r} ({_column(deeper.column)})"
    )
    return Hint(
        line, found.column, f"the key {found.key!r} starts at {_column(found.column)}, {between} above it: {_LINE_UP}"
    )


def _text_at_key_column(lines: list[str], line: int) -> Hint | None:
    """Text, not a key, on a line that starts at (or left of) the column of the key whose value it is."""
    if line >= len(lines):
        return None
    start = _indent(lines[line])
    before = next((text for text in reversed(lines[:line]) if not _blank(text)), "")
    block = _key_line(before)
    if block is not None and _BLOCK_INDICATOR.match(block.value) and start <= block.column:
        return Hint(line, start, _unindented_block(block))
    inside = 0  # lines between, indented more than this one: text of the value that was in its place
    owner = None
    for at in range(line - 1, -1, -1):
        if _blank(lines[at]):
            continue
        if _indent(lines[at]) > start:
            inside += 1
            continue
        owner = _key_line(lines[at])
        break
    if owner is None:
        return None
    key = owner.key
    if _BLOCK_INDICATOR.match(owner.value) and inside:
        message = (
            f"this line starts left of the text of {key!r} above it, which ends the text there: "
            "indent every line of a text block at least as far as its first"
        )
        return Hint(line, start, message)
    if owner.value and owner.value[:1] not in "\"'[{&*!" and start == owner.column:
        return Hint(
            line,
            start,
            f"this line starts in the same column as {key!r}, so it reads as a new key, not more of its text: "
            f"indent it further than {key!r} to go on with the {key}, or write the text as a block "
            f"('{key}: |' with its lines indented under it)",
        )
    return None


def _unindented_block(block: _KeyLine) -> str:
    indicator = block.value.split("#")[0].strip()
    return (
        f"the text of '{block.key}: {indicator}' must be indented more than {block.key!r} ({_column(block.column)}): "
        f"start its lines at {_column(block.column + 2)}"
    )

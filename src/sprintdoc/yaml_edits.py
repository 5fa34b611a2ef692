"""Edits to a YAML file's text that keep every other character: how `sprintdoc new` writes next month's bundle.

A YAML library's round trip loses some of what a person typed: ruamel.yaml, the best at it, still
respaces `{ stage: A }` and `[Ann,Bob]`, writes `~` (to sprintdoc, the text `~`) as nothing, closes
up `key:  value`, re-indents a file whose parts are indented differently and block text, and drops
`---`. So the file is not written again but edited, only where a value changes, at the positions
PyYAML's nodes give; a value is written in the style it had (plain, quoted, a `|` block) when that
style can hold the new text.
"""

from __future__ import annotations

import json
import re

import attrs
import yaml

from sprintdoc.located import prepare

_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_BLOCK_KEY_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)*")
_ANCHOR_OR_TAG = re.compile(r"(?:[&!][^\s,\[\]{}]*[ \t]+)+")
_ALIAS = re.compile(r"\*[^\s,\[\]{}]+")
_BLOCK_HEADER_COMMENT = re.compile(r"[|>][0-9+-]*([ \t]+#[^\r\n]*)")


@attrs.frozen
class Block:
    """A value written as a `|` block: its header (`|`, `|-`, `|+`) and its lines, indented, without line ends."""

    header: str
    lines: tuple[str, ...]


#: A value as it is to be written: YAML on one line (empty for nothing, `[]`, `"a: \\"b\\""`), or a block.
Written = str | Block


@attrs.frozen
class Slot:
    """Where a value is written: its node and the span of its text (for an alias, of `*name`).

    `key` is the key of a mapping's value (None for a list item); `flow` says it sits inside `{…}` or `[…]`.
    The span leaves out an anchor or tag before the value, and blank lines and comments after it.
    """

    node: yaml.Node
    start: int
    end: int
    key: yaml.Node | None = None
    flow: bool = False
    alias: bool = False


class TextEdits:
    """Edits to one text, each given at positions in the original, applied together by `result`."""

    def __init__(self, text: str) -> None:
        self.text = text
        #: The line end the file uses, for the lines added.
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self._edits: list[tuple[int, int, int, str]] = []
        # Each node's children are read once, though finding where a list ends reads its last item's.
        self._entries: dict[int, dict[str, Slot]] = {}
        self._items: dict[int, list[Slot]] = {}

    def replace(self, start: int, end: int, new: str) -> None:
        """Put `new` in place of the text from `start` to `end` (at `start`, when they are equal)."""
        self._edits.append((start, end, len(self._edits), new))

    def result(self) -> str:
        """The edited text; insertions at one place in the order given. Edits that overlap are a bug."""
        out: list[str] = []
        cursor = 0
        for start, end, _, new in sorted(self._edits):
            if start < cursor:
                raise AssertionError(f"edits overlap at character {start}")
            out += [self.text[cursor:start], new]
            cursor = end
        out.append(self.text[cursor:])
        return "".join(out)

    def line_start(self, at: int) -> int:
        """Where the line holding position `at` starts."""
        return self.text.rfind("\n", 0, at) + 1

    def line_end(self, at: int) -> int:
        """Where the line after the one holding `at` starts (the end of the text on the last line)."""
        found = self.text.find("\n", at)
        return len(self.text) if found < 0 else found + 1

    # -- reading the tree -------------------------------------------------------------

    def entries(self, mapping: yaml.Node) -> dict[str, Slot]:
        """A mapping node's values by key (keys that are not plain text left out)."""
        assert isinstance(mapping, yaml.MappingNode)
        found = self._entries.get(id(mapping))
        if found is None:
            found = self._entries[id(mapping)] = {}
            for key, value in mapping.value:
                if isinstance(key, yaml.ScalarNode):
                    found[key.value] = self._slot(value, key.end_mark.index, key, bool(mapping.flow_style))
        return found

    def items(self, sequence: yaml.Node) -> list[Slot]:
        """A sequence node's items."""
        assert isinstance(sequence, yaml.SequenceNode)
        found = self._items.get(id(sequence))
        if found is None:
            found = self._items[id(sequence)] = []
            after = sequence.start_mark.index
            for item in sequence.value:
                slot = self._slot(item, after, None, bool(sequence.flow_style))
                found.append(slot)
                after = slot.end
        return found

    def _slot(self, node: yaml.Node, after: int, key: yaml.Node | None, flow: bool) -> Slot:
        if node.start_mark.index < after:  # an alias: the node is the one its anchor named, earlier in the file
            alias = _ALIAS.search(self.text, after)
            assert alias is not None
            return Slot(node, alias.start(), alias.end(), key, flow, alias=True)
        start = node.start_mark.index
        prefix = _ANCHOR_OR_TAG.match(self.text, start)
        return Slot(node, prefix.end() if prefix else start, self._content_end(node), key, flow)

    def _content_end(self, node: yaml.Node) -> int:
        if isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
            if isinstance(node, yaml.SequenceNode):
                return self.items(node)[-1].end
            key, value = node.value[-1]
            return self._slot(value, key.end_mark.index, key, False).end
        end: int = node.end_mark.index
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            while end > node.start_mark.index and self.text[end - 1] in " \t\r\n":
                end -= 1
        return end

    def block_key_line(self, key: yaml.Node) -> int | None:
        """Where the line of `key` starts, if the key starts it (after any `- `): a comment may go above it."""
        start = self.line_start(key.start_mark.index)
        return start if _BLOCK_KEY_PREFIX.fullmatch(self.text, start, key.start_mark.index) else None

    # -- writing ----------------------------------------------------------------------

    def write(self, text: str, slot: Slot | None = None, *, flow: bool = False, indent: int = 0) -> Written:
        """How `text` is written in place of the scalar in `slot`, in its style where that can hold it; with no
        slot, in a new entry (`flow`: inside `{…}`; `indent`: a block's indentation)."""
        style = None
        if slot is not None:
            style = None if slot.alias else getattr(slot.node, "style", None)
            flow = slot.flow
        multiline = "\n" in text or "\r" in text
        if style == '"' or (multiline and flow):
            return _double(text)
        if multiline:
            return _block(text, self._block_indent(slot) if slot is not None else indent) or _double(text)
        if style == "'":
            return "'" + text.replace("'", "''") + "'"
        return text if _plain_holds(text, flow) else _double(text)

    def set(self, slot: Slot, new: Written) -> None:
        """Write `new` in place of the value in `slot`, on the key's line."""
        text, nl = self.text, self.newline
        comment = ""
        if not slot.alias and getattr(slot.node, "style", None) in ("|", ">"):
            header = _BLOCK_HEADER_COMMENT.match(text, slot.start)
            comment = header.group(1) if header else ""
        owner = slot.key.end_mark.index if slot.key is not None else None
        if owner is not None and "\n" in text[owner : slot.start]:
            colon = text.index(":", owner) + 1
            inline = new.header if isinstance(new, Block) else new
            self.replace(colon, colon, f" {inline}" if inline else "")
            if isinstance(new, Block):
                self.replace(self.line_end(owner), self.line_end(owner), "".join(line + nl for line in new.lines))
            self.replace(self.line_start(slot.start), self.line_end(slot.end), "")
        elif isinstance(new, Block):
            end = self.line_end(slot.end)
            rest = text[slot.end : end].strip()
            comment = comment or (f" {rest}" if rest.startswith("#") else "")
            self.replace(slot.start, end, new.header + comment + nl + "".join(line + nl for line in new.lines))
        else:
            start = slot.start
            # `done:,` in braces is refused by libyaml: there the space stays (`done: ,`)
            while not new and not slot.flow and text[start - 1] in " \t":
                start -= 1
            self.replace(start, slot.end, new + comment)

    def add(self, mapping: yaml.Node, key: str, new: Written, *, after: Slot | None = None) -> None:
        """Add `key: new` at the end of a mapping, or on the line after the value in `after` (a block mapping's
        entry); `new` on one line for a `{…}` mapping."""
        assert isinstance(mapping, yaml.MappingNode)
        nl = self.newline
        if mapping.flow_style:
            close = mapping.end_mark.index - 1
            while self.text[close - 1] in " \t\r\n":
                close -= 1
            assert isinstance(new, str)
            self.replace(close, close, f"{', ' if mapping.value else ''}{key}: {new}")
            return
        pad = " " * mapping.value[0][0].start_mark.column
        at = self.line_end(self._content_end(mapping) if after is None else after.end)
        lead = "" if self.text[:at].endswith("\n") else nl
        if isinstance(new, Block):
            self.replace(at, at, f"{lead}{pad}{key}: {new.header}{nl}" + "".join(line + nl for line in new.lines))
        else:
            self.replace(at, at, f"{lead}{pad}{key}:{' ' + new if new else ''}{nl}")

    def _block_indent(self, slot: Slot) -> int:
        node = slot.node
        if not slot.alias and getattr(node, "style", None) in ("|", ">"):
            first = self.line_end(slot.start)
            body = self.text[first : slot.end]
            lines = [line for line in body.splitlines() if line.strip()]
            if lines:
                return len(lines[0]) - len(lines[0].lstrip(" "))
        column = slot.key.start_mark.column if slot.key is not None else node.start_mark.column
        return int(column) + 2


def _double(text: str) -> str:
    """`text` as a double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


def _plain_holds(text: str, flow: bool) -> bool:
    """Whether `text` written bare reads back as the same text (YAML's base schema: every scalar is text)."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        read = yaml.load(f"{{k: {text}}}" if flow else f"k: {text}", Loader=_LOADER)
    except yaml.YAMLError:
        return False
    return bool(read == {"k": text})


def _block(text: str, indent: int) -> Block | None:
    """`text` as a `|` block indented by `indent`, or None if a block cannot hold it as it is."""
    if text.startswith((" ", "\t")) or "\r" in text:
        return None  # a first line that starts with a space would need an indentation indicator
    chomp = "+" if text.endswith("\n\n") else "" if text.endswith("\n") else "-"
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
    pad = " " * indent
    return Block("|" + chomp, tuple(pad + line if line else "" for line in lines))


def compose(text: str) -> yaml.Node | None:
    """The YAML node tree of `text` (no byte order mark), each node with its positions in `text`."""
    root: yaml.Node | None = yaml.compose(prepare(text), Loader=_LOADER)
    return root

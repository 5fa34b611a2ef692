"""A month's writing: the fields `sprintdoc new` empties or marks, and `sprintdoc check` looks at.

A kind says which of its fields are written afresh each month with the field's metadata:
`monthly: "empty"` (news stories, a card's done/next/needs: `new` empties them) or
`monthly: "review"` (programme activity, the strapline, a text section: `new` keeps the
text, marked in the file as last month's, and `check` reports it until someone edits it).
The mark is a YAML comment on the line above the field's key, so the model never sees it:

    # last month's text (July 2021): `sprintdoc check` reports it until you edit it [3f2a9c1d0b]
    body: |
      ...

The bracketed digest is of the text as carried; once the text differs, the mark is spent.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any, Literal

import attrs

from sprintdoc.markdown import Markdown
from sprintdoc.values import is_model

#: Emptied by `sprintdoc new`.
EMPTY: Literal["empty"] = "empty"
#: Kept by `sprintdoc new`, marked as last month's until edited.
REVIEW: Literal["review"] = "review"

_MARK = re.compile(r"^(?P<indent>[ \t]*)# last month's text \((?P<period>.*)\): .*\[(?P<digest>[0-9a-f]{10})\]\s*$")


def monthly(cls: type, name: str) -> str | None:
    """`"empty"`, `"review"` or None: what field `name` of attrs class `cls` is in a month's writing."""
    found: str | None = attrs.fields_dict(cls)[name].metadata.get("monthly")
    return found


def empty_monthly(value: Any) -> Any:
    """`value` (a section, or anything in one) with every `monthly: "empty"` field reset to its default, at any depth.

    The default `carry_over` of a section kind.
    """
    if isinstance(value, tuple | list):
        return type(value)(empty_monthly(v) for v in value)
    if not attrs.has(type(value)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        if not field.init:
            continue
        if field.metadata.get("monthly") == EMPTY:
            default = field.default
            changes[field.name] = default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]
        else:
            item = getattr(value, field.name)
            emptied = empty_monthly(item)
            if emptied is not item:
                changes[field.name] = emptied
    return attrs.evolve(value, **changes) if changes else value


def text_of(value: Any) -> str:
    """A field's value as text, as a mark digests it and `check` compares it: a Markdown's source, a list's items
    one a line, a model's fields one a line ('' for nothing)."""
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "\n".join(text_of(item) for item in value)
    if isinstance(value, Markdown):
        return value.source
    if is_model(value):
        fields = (f for f in attrs.fields(type(value)) if f.init and f.metadata.get("yaml", True) is not False)
        return "\n".join(text_of(getattr(value, f.name)) for f in fields)
    return str(value)


def digest(text: str) -> str:
    """The fingerprint of a carried text in its mark: ten hex digits, blind to trailing spaces and line ends."""
    normal = "\n".join(line.rstrip() for line in text.strip().splitlines())
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()[:10]


def mark(period: str, text: str, indent: str = "") -> str:
    """The comment line `new` writes above a carried field's key (without the line end)."""
    return f"{indent}# last month's text ({period}): `sprintdoc check` reports it until you edit it [{digest(text)}]"


@attrs.frozen
class Mark:
    """A mark found in a sprint.yaml: on 1-based `line`, for the key on the next line that is not a comment."""

    line: int
    period: str
    digest: str

    def spent(self, text: str) -> bool:
        """Whether `text` (the field's value now) is no longer the text carried."""
        return digest(text) != self.digest


def marks(source: str) -> Iterator[Mark]:
    """The marks in a sprint.yaml's text, in order."""
    for number, line in enumerate(source.splitlines(), start=1):
        found = _MARK.match(line)
        if found:
            yield Mark(number, found["period"], found["digest"])

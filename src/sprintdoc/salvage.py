"""Values that did not read, or read only in part, and where what was kept sits in the file.

A list some of whose items failed still gives the model around it the items that read
(so one broken card hides no other card's problems); the model's own checks then name
list entries by their place in the model, which `in_file` puts back as they are in the file.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

import attrs


class _Invalid:
    """The type of INVALID."""

    def __repr__(self) -> str:
        return "INVALID"


#: What a value that did not read is (its problem already recorded).
INVALID: Any = _Invalid()


#: Where the items of a model's lists sit in the file, by field key: for each item the model kept, its index in
#: the file's list and the same map for the item; or, for a nested model, that model's own map.
Positions: TypeAlias = "dict[str, tuple[tuple[int, Positions], ...] | Positions]"


class Partial(tuple):  # type: ignore[type-arg]
    """A list some of whose items were invalid: the valid ones, and where each sat in the file (`Positions`).

    It is INVALID to whoever holds it, but lets the model around it still run its checks
    across fields on what did read cleanly (so one broken card hides no other card's problems).
    """

    positions: tuple[tuple[int, Positions], ...]


@attrs.frozen
class Salvaged:
    """A model object built despite problems in it (already reported): INVALID to its holder, usable for checks.

    `positions` says where the items of its lists sit in the file, as some were left out.
    """

    obj: Any
    positions: Positions = attrs.field(factory=dict)


def usable(value: Any) -> bool:
    """Whether a read value can stand in a list the model keeps (a salvaged object can; INVALID cannot)."""
    return value is not INVALID and not isinstance(value, Partial)


def partial(values: list[Any]) -> Partial:
    """The usable values of a list some of whose items failed, each with where it sat in the file."""
    kept = Partial(v.obj if isinstance(v, Salvaged) else v for v in values if usable(v))
    kept.positions = tuple(
        (i, v.positions if isinstance(v, Salvaged) else {}) for i, v in enumerate(values) if usable(v)
    )
    return kept


def failed(value: Any) -> bool:
    """Whether a read value is not a whole, clean value (INVALID, partial or salvaged)."""
    return value is INVALID or isinstance(value, Partial | Salvaged)


def in_file(rel: str, positions: Positions) -> str:
    """A field path within a model put as it is in the file: `projects[0].timeline[0]` -> `projects[0].timeline[1]`."""
    out = ""
    here: Any = positions
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", rel):
        if name:
            out = f"{out}.{name}" if out else name
            here = here.get(name) if isinstance(here, dict) else None
            continue
        i = int(index)
        if isinstance(here, tuple) and i < len(here):
            i, here = here[i]
        else:
            here = None
        out = f"{out}[{i}]"
    return out

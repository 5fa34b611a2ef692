"""Paths a bundle names: always inside the bundle folder, never a URL, never out through `..` or a link."""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath


class PathProblem(ValueError):
    """A path a bundle may not use; the message says why."""


def inside(root: Path, name: str) -> Path:
    """The file `name` (relative to the bundle folder `root`) as a real path inside it; PathProblem otherwise."""
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", name) or name.startswith(("data:", "mailto:")):
        raise PathProblem(f"{name!r} is a URL; put the file in the bundle folder and give its path")
    if name.startswith(("\\\\", "//")):
        raise PathProblem(f"{name!r} is a network path; put the file in the bundle folder")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise PathProblem(f"{name!r} is an absolute path; give a path inside the bundle folder, like images/photo.jpg")
    relative = PurePosixPath(name.replace("\\", "/"))
    if ".." in relative.parts:
        raise PathProblem(f"{name!r} leaves the bundle folder; give a path inside it, like images/photo.jpg")
    base = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(base):
        raise PathProblem(f"{name!r} is a link to a file outside the bundle folder; copy the file into the folder")
    if not target.exists():
        raise PathProblem(f"no file {name!r} in the bundle folder")
    if not target.is_file():
        raise PathProblem(f"{name!r} is a folder, not a file")
    return target

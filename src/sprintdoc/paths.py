"""Paths a bundle names: always inside the bundle folder, never a URL, never out through `..` or a link."""

from __future__ import annotations

import errno
import posixpath
import re
import stat
from pathlib import Path

from sprintdoc.errors import clip
from sprintdoc.suggestions import nearest_file_hint


class PathProblem(ValueError):
    """A path a bundle may not use; the message says why."""


def inside(root: Path, name: str) -> Path:
    """The file `name` (relative to the bundle folder `root`) as a real path inside it; PathProblem otherwise."""
    shown = f"'{clip(name)}'"  # as typed: repr() would double a Windows path's backslashes
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", name) or name.startswith(("data:", "mailto:")):
        raise PathProblem(f"{shown} is a URL; put the file in the bundle folder and give its path")
    if name.startswith(("\\\\", "//")):
        raise PathProblem(f"{shown} is a network path; put the file in the bundle folder")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise PathProblem(f"{shown} is an absolute path; give a path inside the bundle folder, like images/photo.jpg")
    relative = posixpath.normpath(name.replace("\\", "/"))
    if relative == ".." or relative.startswith("../"):
        raise PathProblem(f"{shown} leaves the bundle folder; give a path inside it, like images/photo.jpg")
    base = root.resolve()
    try:
        target = (base / relative).resolve()
        if not target.is_relative_to(base):
            raise PathProblem(f"{shown} is a link to a file outside the bundle folder; copy the file into the folder")
        mode = target.stat().st_mode
        if stat.S_ISDIR(mode):
            raise PathProblem(f"{shown} is a folder, not a file")
        if not stat.S_ISREG(mode):  # never opened: reading a FIFO would wait for a writer
            raise PathProblem(f"{shown} is not a regular file but a {file_type(mode)}; give a file")
    except FileNotFoundError:
        raise PathProblem(f"no file {shown} in the bundle folder{nearest_file_hint(root, name)}") from None
    except RuntimeError:  # resolve() on Python 3.11 and 3.12 meeting a loop of links (3.13 leaves it to stat)
        raise PathProblem(f"{shown} is a link that leads round in a loop") from None
    except OSError as err:  # a loop of links, a name too long, a folder that cannot be entered
        if err.errno == errno.ELOOP:
            raise PathProblem(f"{shown} is a link that leads round in a loop") from None
        raise PathProblem(f"{shown} cannot be opened: {err.strerror}") from None
    return target


def file_type(mode: int) -> str:
    """What a file that is not a regular one is, for messages: `folder`, `FIFO (named pipe)`, `device`, `socket`."""
    if stat.S_ISDIR(mode):
        return "folder"
    if stat.S_ISFIFO(mode):
        return "FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    return "special file"

"""The edition before this one (`previous: ../july-2021`): found, loaded with the bundle, and given to the kinds.

`previous` names last month's bundle folder, relative to this bundle's folder; unlike a picture's
path it may (and usually does) lead out of it. Last month's bundle is loaded one level deep, and
lightly: its own `previous` is read as text but not followed, its pictures are not decoded and
its warnings are not looked for, since only its text and structure are compared with this one's.
A problem in it is said once, at the `previous:` value, with the command that lists them all.

Once the whole bundle is loaded, each section's kind prepares it from the whole edition
(`SectionKind.prepare`): the `what-moved` section works out what moved since last month.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path, PurePosixPath
from typing import Any

import attrs

from sprintdoc import located
from sprintdoc.errors import BundleError, clip
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry
from sprintdoc.suggestions import closest
from sprintdoc.validation import Reader, join


class PreviousProblem(ValueError):
    """Why the previous edition a bundle names cannot be used; the message says it."""


def read_previous(reader: Reader, node: located.Node, path: str, found: list[Bundle]) -> Any:
    """The loader's hook for `previous:`: the path as written, with last month's bundle loaded into `found`."""
    name = reader.read(str, node, path)
    if not isinstance(name, str):
        return name  # the problem is recorded
    try:
        found.append(load_previous(reader.root, name, own=Path(reader.file).name, base=Path(reader.file).parent,
                                   registry=reader.registry))  # fmt: skip
    except PreviousProblem as err:
        reader.error(node.mark, path, str(err))
    return name


def load_previous(root: Path, name: str, *, own: str, base: Path, registry: Registry) -> Bundle:
    """Last month's bundle, in the folder `name` (relative to `root`, the folder of this bundle's file `own`).

    `base` is that folder as the user named it (the command they would run is shown from it). Loaded one
    level deep, without decoding pictures. Raises PreviousProblem: no such folder, no sprint.yaml in it,
    this bundle itself, or a bundle with errors.
    """
    from sprintdoc.loading import load_without_previous

    folder = _folder(root, name)
    try:
        same = folder.resolve() == root.resolve() and own == "sprint.yaml"
    except OSError:  # a loop of links: loading it says so
        same = False
    if same:
        raise PreviousProblem(f"'{clip(name)}' is this bundle's own folder; name last month's bundle folder")
    try:
        return load_without_previous(folder, registry=registry)
    except BundleError as err:
        shown = posixpath.normpath((base / name).as_posix())
        count = len([p for p in err.problems if not p.warning])
        problems = f"{count} problem{'s' if count != 1 else ''}"
        raise PreviousProblem(f"'{clip(name)}' has {problems}: run `sprintdoc validate {clip(shown)}`") from None


def _folder(root: Path, name: str) -> Path:
    """The folder `name` names from `root`, checked to be a folder holding a sprint.yaml."""
    shown = f"'{clip(name)}'"
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", name):
        raise PreviousProblem(f"{shown} is a URL; give last month's bundle folder, like ../july-2021")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise PreviousProblem(
            f"{shown} is an absolute path; give last month's bundle folder from this bundle's folder, like ../july-2021"
        )
    folder = root / name.replace("\\", "/")
    if folder.is_file():
        parent = PurePosixPath(name.replace("\\", "/")).parent
        raise PreviousProblem(f"{shown} is a file; give last month's bundle folder, like {str(parent)!r}")
    if not folder.is_dir():
        raise PreviousProblem(f"no folder {shown} (from this bundle's folder){_nearest_folder(root, name)}")
    if not (folder / "sprint.yaml").is_file():
        raise PreviousProblem(f"{shown} has no sprint.yaml; give last month's bundle folder")
    return folder


def _nearest_folder(root: Path, name: str) -> str:
    """`; did you mean '../july-2021'?` for the folder beside the missing one most like it, else ''."""
    written = PurePosixPath(name.replace("\\", "/"))
    try:
        beside = [p.name for p in (root / written.parent).iterdir() if (p / "sprint.yaml").is_file()]
    except OSError:
        return ""
    near = closest(written.name, beside)
    return f"; did you mean {str(written.parent / near)!r}?" if near else ""


def prepare(bundle: Bundle, reader: Reader) -> Bundle:
    """The bundle with each section as its kind prepares it from the whole edition; a kind's ValueError is recorded
    on `reader` at the section's `kind`."""
    sections = list(bundle.sections)
    for i, section in enumerate(bundle.sections):
        here = join(join("sections", i), "kind")
        try:
            sections[i] = reader.registry.kind_of(section).prepare(section, bundle)
        except ValueError as err:
            reader.error(here, here, str(err))
    if all(a is b for a, b in zip(sections, bundle.sections, strict=True)):
        return bundle
    return attrs.evolve(bundle, sections=tuple(sections))

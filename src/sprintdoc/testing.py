"""Helpers for tests, ours and our users': assert what a newsletter contains by its structure.

from sprintdoc.testing import assert_outline

def test_newsletter(tmp_path):
    bundle = sprintdoc.load("my-bundle")
    paths = sprintdoc.generate(bundle, tmp_path)
    assert_outline(paths["pdf"], bundle)     # the PDF shows what the bundle implies
"""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path
from typing import IO, Any

from sprintdoc.model import Bundle
from sprintdoc.outline import Outline, implied, read
from sprintdoc.registry import Registry

#: What `assert_outline` compares: a document (its path, its bytes, or a binary file object), a bundle
#: (loaded, or its folder or sprint.yaml), an `Outline`, or outline JSON.
Outlined = Outline | Bundle | dict[str, Any] | str | os.PathLike[str] | bytes | IO[bytes]


def outline_json(what: Outlined, registry: Registry | None = None) -> dict[str, Any]:
    """The outline JSON of a document (path, bytes or binary file), a bundle (loaded, or a folder), or an outline."""
    if isinstance(what, dict):
        return what
    if not isinstance(what, Outline | Bundle | str | os.PathLike):
        return read(what).to_json()
    if isinstance(what, Outline):
        return what.to_json()
    if isinstance(what, Bundle):
        return implied(what, registry).to_json()
    path = Path(what)
    if path.suffix.lower() in (".docx", ".pdf", ".html", ".htm"):
        return read(path).to_json()
    from sprintdoc.loading import load

    return implied(load(path, registry=registry), registry).to_json()


def assert_outline(actual: Outlined, expected: Outlined, *, registry: Registry | None = None) -> None:
    """Assert two outlines are equal; the AssertionError shows a line diff of their JSON.

    Each side may be a .docx/.pdf/.html (a path, its bytes, or a binary file object), a bundle (loaded, or
    its folder), an `Outline` or outline JSON.
    `registry` is needed only for a bundle using kinds that are not installed (a test's fake entry point).
    """
    got, want = outline_json(actual, registry), outline_json(expected, registry)
    if got == want:
        return
    diff = difflib.unified_diff(
        _lines(want), _lines(got), fromfile=f"expected ({_name(expected)})", tofile=f"actual ({_name(actual)})", n=2
    )
    raise AssertionError("outlines differ:\n" + "".join(diff))


def _lines(tree: dict[str, Any]) -> list[str]:
    return [line + "\n" for line in json.dumps(tree, ensure_ascii=False, indent=2).splitlines()]


def _name(what: object) -> str:
    if isinstance(what, (str, os.PathLike)):
        return str(what)
    return type(what).__name__

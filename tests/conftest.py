"""Shared fixtures: the fixture bundles, a scratch bundle maker, and real tools that must be present."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import sprintdoc

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
JULY = FIXTURES / "july-2021"
#: The top-level keys of sprint.yaml that set how an edition is made, not what it says: no document shows them.
SETTINGS = ("theme", "template", "previous", "checks")
SHARED = ROOT.parent / "shared"


def require_tool(name: str) -> str:
    """The path of a command-line tool the tests need; a missing tool fails the test, never skips it."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed: the tests need it (run tools/test-tools: it installs them with apt-get)")
    return found


@pytest.fixture(scope="session")
def july() -> sprintdoc.Bundle:
    """The July 2021 edition, loaded once."""
    return sprintdoc.load(JULY)


@pytest.fixture
def make_bundle(tmp_path: Path) -> Callable[[str], Path]:
    """Write a sprint.yaml (and copy the fixture's images) into a fresh folder; returns the folder."""

    def make(text: str) -> Path:
        folder = tmp_path / "bundle"
        folder.mkdir(exist_ok=True)
        if not (folder / "images").exists():
            shutil.copytree(JULY / "images", folder / "images")
        (folder / "sprint.yaml").write_text(text, encoding="utf-8")
        return folder

    return make

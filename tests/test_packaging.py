"""The package as users get it: a built wheel (templates inside) generates the July 2021 edition."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import JULY, ROOT


@pytest.mark.slow
def test_wheel_install_generates_july(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheels.glob("sprintdoc-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "sprintdoc/templates/newsletter.docx" in names
    assert "sprintdoc/py.typed" in names
    assert any(n.startswith("sprintdoc-") and n.endswith("entry_points.txt") for n in names)
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "out"
    script = (
        "import sys, sprintdoc\n"
        f"assert sprintdoc.__file__.startswith({str(target)!r}), sprintdoc.__file__\n"
        f"paths = sprintdoc.generate(sprintdoc.load({str(JULY)!r}), {str(out)!r})\n"
        "print(sorted(p.name for p in paths.values()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r})\n" + script],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['sprint-notes-july-2021.docx', 'sprint-notes-july-2021.pdf']"

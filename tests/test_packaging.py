"""The package as users get it: a built wheel (templates and the reference inside) generates the July 2021 edition
and prints its reference."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout."""
    wheels = tmp_path_factory.mktemp("wheels")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    [found] = wheels.glob("sprintdoc-*.whl")
    return found


def installed(wheel: Path, tmp_path: Path) -> Path:
    """The wheel installed into a folder of its own, as a user's site-packages."""
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    return target


def run_installed(target: Path, script: str) -> subprocess.CompletedProcess[str]:
    """`script` run by Python in isolated mode, importing sprintdoc from `target` only (not this checkout)."""
    return subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(target)!r})\n" + script],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


@pytest.mark.parametrize(("topic", "page"), [("format", "bundle-format.md"), ("plugins", "section-kinds.md")])
def test_the_wheel_ships_the_reference_and_prints_it(wheel: Path, tmp_path: Path, topic: str, page: str) -> None:
    shipped = zipfile.ZipFile(wheel).read(f"sprintdoc/docs/{page}").decode("utf-8")
    assert shipped == (ROOT / "docs" / page).read_text(encoding="utf-8")
    target = installed(wheel, tmp_path)
    script = (
        "import sprintdoc.cli\n"
        f"assert sprintdoc.cli.__file__.startswith({str(target)!r}), sprintdoc.cli.__file__\n"
        f"sys.exit(sprintdoc.cli.main(['reference', {topic!r}]))\n"
    )
    printed = run_installed(target, script)
    assert (printed.returncode, printed.stderr) == (0, "")
    assert printed.stdout == shipped


@pytest.mark.slow
def test_wheel_install_generates_july(wheel: Path, tmp_path: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "sprintdoc/templates/newsletter.docx" in names
    assert "sprintdoc/py.typed" in names
    assert any(n.startswith("sprintdoc-") and n.endswith("entry_points.txt") for n in names)
    target = installed(wheel, tmp_path)
    out = tmp_path / "out"
    script = (
        "import sys, sprintdoc\n"
        f"assert sprintdoc.__file__.startswith({str(target)!r}), sprintdoc.__file__\n"
        f"paths = sprintdoc.generate(sprintdoc.load({str(JULY)!r}), {str(out)!r})\n"
        "print(sorted(p.name for p in paths.values()))\n"
    )
    result = run_installed(target, script)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str([f"sprint-notes-july-2021.{fmt}" for fmt in ("docx", "html", "pdf")])


def test_the_wheel_carries_its_licences_and_says_what_it_is(wheel: Path) -> None:
    """The MIT licence and the shipped DejaVu fonts' licence travel with the package, and an index can classify it."""
    import email
    import zipfile

    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata_name] = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    assert {"LICENSE", "LICENSE-DejaVu.txt"} <= {Path(n).name for n in names if "/licenses/" in n}
    assert metadata["License-Expression"] == "MIT"
    assert "Typing :: Typed" in metadata.get_all("Classifier", [])
    assert metadata["Version"] == sprintdoc.__version__

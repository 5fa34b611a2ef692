"""A release as a user meets it: `python -m build` makes the sdist and the wheel, `twine check` passes both as
PyPI would, and the wheel installed in a new virtual environment, outside this checkout, runs a month's commands
on a copy of a fixture."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel built from this checkout, the wheel from the sdist as `build` does."""
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    return out


def test_twine_passes_the_sdist_and_the_wheel(dist: Path) -> None:
    artefacts = sorted(dist.iterdir())
    assert [p.name for p in artefacts] == [
        f"sprintdoc-{sprintdoc.__version__}-py3-none-any.whl",
        f"sprintdoc-{sprintdoc.__version__}.tar.gz",
    ]
    checked = subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, artefacts)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.count("PASSED") == 2


def test_the_wheel_in_a_new_environment_runs_a_month(dist: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    [wheel] = dist.glob("*.whl")
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], capture_output=True, text=True
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr
    editions = tmp_path / "editions"
    shutil.copytree(JULY, editions / "july-2021", ignore=shutil.ignore_patterns("out"))
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}

    def sprintdoc_(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(venv / "bin" / "sprintdoc"), *args], cwd=editions, env=env, capture_output=True, text=True
        )

    where = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sprintdoc; print(sprintdoc.__file__)"],
        cwd=editions, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert Path(where.stdout.strip()).is_relative_to(venv), "the test must use the installed wheel, not the checkout"

    made = sprintdoc_("new", "july-2021", "--period", "August 2021")
    assert made.returncode == 0, made.stderr
    assert (editions / made.stdout.strip()).resolve() == (editions / "august-2021" / "sprint.yaml").resolve()
    assert (editions / "august-2021" / "sprint.yaml").is_file()
    checked = sprintdoc_("check", "august-2021", "--previous", "july-2021", "--strict")
    assert checked.returncode == 1, checked.stderr  # a fresh edition is not ready: its news is empty
    assert "[empty-section]" in checked.stdout and "[no-update]" in checked.stdout
    moved = sprintdoc_("diff", "july-2021", "august-2021", "--json")
    assert moved.returncode == 0, moved.stderr
    assert json.loads(moved.stdout)["new"]["period"] == "August 2021"
    generated = sprintdoc_("generate", "july-2021", "august-2021", "-j", "1")
    assert generated.returncode == 0, generated.stderr
    written = sorted(Path(line).name for line in generated.stdout.splitlines())
    assert written == sorted(
        f"sprint-notes-{p}.{f}" for p in ("july-2021", "august-2021") for f in ("docx", "pdf", "html")
    )
    outline = sprintdoc_("outline", "--json", "august-2021/out/sprint-notes-august-2021.pdf")
    assert outline.returncode == 0, outline.stderr
    assert json.loads(outline.stdout)["title"] == "Sprint Notes"

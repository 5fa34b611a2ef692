"""Many editions in one call: `generate_many` and `sprintdoc generate B1 B2 … -j N`."""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY

BROKEN = "sprintdoc: 1\nedition: {title: Sprint Notes}\nsections: []\n"


def edition(folder: Path, period: str | None) -> Path:
    """A copy of the July bundle for another period, or a broken bundle (no period) when `period` is None."""
    folder.mkdir(parents=True)
    shutil.copytree(JULY / "images", folder / "images")
    text = (JULY / "sprint.yaml").read_text(encoding="utf-8")
    (folder / "sprint.yaml").write_text(
        text.replace("period: July 2021", f"period: {period}") if period else BROKEN, encoding="utf-8"
    )
    return folder


def test_every_bundle_is_written_or_reported_in_order_and_one_failure_stops_no_other(tmp_path: Path) -> None:
    bundles = [
        edition(tmp_path / "a", "August 2021"),
        edition(tmp_path / "b", None),
        edition(tmp_path / "c", "May 2022"),
    ]
    seen: list[str] = []
    with ThreadPoolExecutor(2) as pool:
        results = sprintdoc.generate_many(
            bundles, formats=["pdf"], executor=pool, progress=lambda r: seen.append(r.bundle)
        )
    assert [r.bundle for r in results] == [str(b) for b in bundles] and sorted(seen) == sorted(map(str, bundles))
    assert [r.ok for r in results] == [True, False, True]
    assert results[0].paths["pdf"] == bundles[0] / "out" / "sprint-notes-august-2021.pdf"
    assert results[0].paths["pdf"].is_file() and results[2].paths["pdf"].is_file()
    assert [p.path for p in results[1].problems] == ["edition.period"]
    assert not (bundles[1] / "out").exists()


@pytest.mark.slow
def test_the_command_writes_a_batch_in_parallel_and_reports_each_bundle(tmp_path: Path) -> None:
    good, bad = edition(tmp_path / "good", "August 2021"), edition(tmp_path / "bad", None)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "generate", str(good), str(bad), "-o", str(out), "-j", "2"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 1
    assert sorted(Path(line).name for line in done.stdout.split()) == [
        "sprint-notes-august-2021.docx", "sprint-notes-august-2021.html", "sprint-notes-august-2021.pdf"
    ]  # fmt: skip
    assert f"sprintdoc: {bad}: not written" in done.stderr
    assert f"{bad / 'sprint.yaml'}:2:" in done.stderr and "edition.period" in done.stderr
    assert "bundles" not in done.stderr  # no progress line when stderr is not a terminal


def test_two_bundles_making_the_same_file_is_a_failure_said_plainly(tmp_path: Path) -> None:
    from sprintdoc.cli import main

    one, two = edition(tmp_path / "one", "August 2021"), edition(tmp_path / "two", "August 2021")
    assert main(["generate", str(one), str(two), "-o", str(tmp_path / "out"), "-f", "pdf", "-j", "1"]) == 1


def test_jobs_must_be_positive(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sprintdoc.cli import main

    assert main(["generate", str(JULY), str(JULY), "-j", "0"]) == 2
    assert "--jobs must be 1 or more" in capsys.readouterr().err


def test_a_bug_met_by_one_bundle_is_reported_under_its_name_and_the_others_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sprintdoc import output

    real = output.generate
    bundles = [edition(tmp_path / "a", "August 2021"), edition(tmp_path / "b", "May 2022")]

    def generate(bundle: sprintdoc.Bundle, *args: object, **kwargs: object) -> object:
        if bundle.edition.period == "August 2021":
            raise struct.error("a bug in a library")
        return real(bundle, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "generate", generate)
    with ThreadPoolExecutor(1) as pool:
        results = sprintdoc.generate_many(bundles, formats=["pdf"], executor=pool)
    assert [r.ok for r in results] == [False, True]
    assert results[0].error == "sprintdoc failed (a bug: please report it): error: a bug in a library"

"""The benchmark's machinery (`benchmarks/suite.py`, `nox -s bench`) on a tiny run: its table, and where it writes it.

These check that the suite measures and reports, never how fast anything is.
"""

from __future__ import annotations

import importlib
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "performance.md"
NUMBER = r"-?\d+(\.\d+)?"


@pytest.fixture(scope="module")
def suite() -> Iterator[ModuleType]:
    """benchmarks/suite.py, imported as the benchmark runs it (its folder first on the path)."""
    folder = str(ROOT / "benchmarks")
    sys.path.insert(0, folder)
    try:
        yield importlib.import_module("suite")
    finally:
        sys.path.remove(folder)
        ours = [name for name, m in sys.modules.items() if (getattr(m, "__file__", None) or "").startswith(folder)]
        for name in ours:
            del sys.modules[name]


def table_rows(text: str, header: str) -> list[list[str]]:
    """The cells of each body row of the Markdown table whose header row starts with `header`."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_a_tiny_run_writes_every_table_with_numbers_between_the_markers(suite: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    shutil.copy(PAGE, page)
    before, after = re.split(r"<!-- bench:begin -->.*<!-- bench:end -->", PAGE.read_text(encoding="utf-8"), flags=re.S)

    argv = ["--sizes", "1", "3", "5", "--repeat", "1", "--repeat-large", "1", "--batch", "2", "--no-libreoffice"]
    assert suite.main([*argv, "--doc", str(page)]) == 0

    written = page.read_text(encoding="utf-8")
    assert written.startswith(before + "<!-- bench:begin -->\n")
    assert written.endswith("\n<!-- bench:end -->" + after)
    targets = table_rows(written, "| what |")
    names = [row[0] for row in targets]
    assert any(name.startswith("July 2021, both formats") for name in names)
    assert any(name.startswith("5 cards, both formats: peak memory") for name in names)
    assert sum(name.startswith("cost per extra card") for name in names) == 2
    assert sum("generate -j 2" in name for name in names) == 2
    assert not any("LibreOffice" in name for name in names)
    for row in targets:
        assert re.fullmatch(rf"{NUMBER}×", row[3]), row
        assert row[5] in ("pass", "**fail**"), row
    whole = table_rows(written, "| edition | both |")
    assert [row[0] for row in whole] == ["July 2021", "1 cards", "3 cards", "5 cards"]
    assert all(re.fullmatch(NUMBER, cell) for row in whole for cell in row[1:5])
    warm = table_rows(written, "| edition | DOCX |")
    assert all(re.fullmatch(rf"{NUMBER} m?s", row[1]) for row in warm)
    assert [row[0] for row in table_rows(written, "| cards |")] == ["1–3", "3–5"]
    bound = re.search(rf"Importing the libraries .* takes ({NUMBER}) m?s of CPU, ({NUMBER})× the floor", written)
    assert bound is not None and float(bound[1]) > 0, written
    generated = written.split("<!-- bench:begin -->")[1].split("<!-- bench:end -->")[0]
    assert "without docxtpl" not in generated  # the PDF's bound is set against LibreOffice, left out here


def test_writing_needs_both_markers(suite: ModuleType, tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("# Performance\n\n<!-- bench:begin -->\nold\n", encoding="utf-8")

    with pytest.raises(suite.BenchError, match="bench:end"):
        suite.write_between_markers(page, "new")
    assert page.read_text(encoding="utf-8").endswith("old\n")


def test_a_missing_floor_stops_the_benchmark(
    suite: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert suite.main(["--floor", str(tmp_path / "floor.py"), "--no-write", "--sizes", "1"]) == 2

    assert f"{tmp_path / 'floor.py'} is missing" in capsys.readouterr().err

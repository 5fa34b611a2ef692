"""`generate`: the files it writes, where, and that a failure never leaves a half-written or lost file."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY
from sprintdoc import output

SPRINTDOC = [sys.executable, "-m", "sprintdoc"]
#: What `generate` writes by default, in the order it names them: the Word, PDF and web editions.
NAMES = ["sprint-notes-july-2021.docx", "sprint-notes-july-2021.pdf", "sprint-notes-july-2021.html"]


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A copy of the July 2021 bundle that a test may write into."""
    folder = tmp_path / "july"
    shutil.copytree(JULY, folder, ignore=shutil.ignore_patterns("out"))
    return folder


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SPRINTDOC, *args], capture_output=True, text=True, timeout=120)


def test_generate_writes_all_three_files_into_out_beside_the_bundle_and_prints_them(bundle: Path) -> None:
    result = run("generate", str(bundle))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(bundle / "out" / name) for name in NAMES]
    assert sorted(p.name for p in (bundle / "out").iterdir()) == sorted(NAMES)
    assert (bundle / "out" / NAMES[0]).read_bytes()[:2] == b"PK"
    assert (bundle / "out" / NAMES[1]).read_bytes()[:5] == b"%PDF-"
    assert (bundle / "out" / NAMES[2]).read_bytes()[:15] == b"<!DOCTYPE html>"


def test_one_format_and_another_folder(bundle: Path, tmp_path: Path) -> None:
    result = run("generate", str(bundle / "sprint.yaml"), "-o", str(tmp_path / "elsewhere"), "-f", "pdf")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "elsewhere").iterdir()] == [NAMES[1]]
    assert not (bundle / "out").exists()


@pytest.mark.parametrize(
    "args", [("-f", "odt"), ("-f", ","), ("--template", "no-such.docx")], ids=["format", "no-format", "template"]
)
def test_a_wrong_command_line_exits_2_and_writes_nothing(bundle: Path, args: tuple[str, ...]) -> None:
    result = run("generate", str(bundle), *args)
    assert result.returncode == 2
    assert result.stderr.startswith("sprintdoc: error:")
    assert not (bundle / "out").exists()


def test_a_broken_bundle_writes_nothing_and_keeps_earlier_files(bundle: Path) -> None:
    assert run("generate", str(bundle)).returncode == 0
    before = {p.name: p.read_bytes() for p in (bundle / "out").iterdir()}
    text = (bundle / "sprint.yaml").read_text(encoding="utf-8").replace("from: 2021-01", "from: Jan 2021")
    (bundle / "sprint.yaml").write_text(text, encoding="utf-8")
    result = run("generate", str(bundle))
    assert result.returncode == 1
    assert result.stdout == ""
    assert "expected a month like 2021-04, got 'Jan 2021'" in result.stderr
    assert "Traceback" not in result.stderr
    assert {p.name: p.read_bytes() for p in (bundle / "out").iterdir()} == before


def test_a_writer_failing_midway_leaves_earlier_files_whole(
    bundle: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    loaded = sprintdoc.load(bundle)
    sprintdoc.generate(loaded, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real = output.render

    def failing(b: sprintdoc.Bundle, fmt: str, **kwargs: object) -> bytes:
        if fmt == "pdf":
            raise RuntimeError("the disk is full")
        return real(b, fmt, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(output, "render", failing)
    changed = sprintdoc.Bundle(sprintdoc.Edition(title="Sprint Notes", period="July 2021"), loaded.sections)
    with pytest.raises(RuntimeError, match="the disk is full"):
        sprintdoc.generate(changed, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no .part file left either


def test_a_failed_write_leaves_no_part_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "x.pdf"
    target.write_bytes(b"earlier")

    def broken_fsync(fd: int) -> None:
        raise OSError("no space left on device")

    monkeypatch.setattr(output.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="no space left"):
        output.write_atomically(target, b"new")
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]
    assert target.read_bytes() == b"earlier"


def test_render_to_a_file_object_and_to_a_path_give_the_same_bytes(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    for fmt, render in (("docx", sprintdoc.render_docx), ("pdf", sprintdoc.render_pdf)):
        buffer = io.BytesIO()
        render(july, buffer)
        render(july, tmp_path / f"x.{fmt}")
        assert buffer.getvalue() == (tmp_path / f"x.{fmt}").read_bytes()
        assert len(buffer.getvalue()) > 10_000


def test_same_bundle_same_bytes_and_the_date_follows_source_date_epoch(bundle: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("generate", str(bundle), "-o", str(first)).returncode == 0
    assert run("generate", str(bundle), "-o", str(second)).returncode == 0
    for name in NAMES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    stamped = tmp_path / "c"
    env = {"SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run(
        [*SPRINTDOC, "generate", str(bundle), "-o", str(stamped)],
        capture_output=True,
        env={**os.environ, **env},
    )
    assert done.returncode == 0
    for name in NAMES:
        assert (stamped / name).read_bytes() != (first / name).read_bytes(), name


def test_theme_on_the_command_line_replaces_the_bundles(bundle: Path, tmp_path: Path) -> None:
    theme = tmp_path / "dark.yaml"
    theme.write_text('colours:\n  primary: "#000000"\n', encoding="utf-8")
    result = run("generate", str(bundle), "-o", str(tmp_path / "themed"), "--theme", str(theme), "-f", "docx")
    assert result.returncode == 0, result.stderr
    plain = run("generate", str(bundle), "-o", str(tmp_path / "plain"), "-f", "docx")
    assert plain.returncode == 0
    assert (tmp_path / "themed" / NAMES[0]).read_bytes() != (tmp_path / "plain" / NAMES[0]).read_bytes()
    bad = tmp_path / "bad.yaml"
    bad.write_text("colours:\n  primry: '#000000'\n", encoding="utf-8")
    result = run("generate", str(bundle), "-o", str(tmp_path / "bad"), "--theme", str(bad))
    assert result.returncode == 1
    assert (
        result.stderr.splitlines()[-1] == f"{bad}:2:3: colours.primry: unknown field 'primry'; did you mean 'primary'?"
    )
    assert not (tmp_path / "bad").exists()


def test_a_template_that_is_not_a_docx_is_a_clear_error(bundle: Path, tmp_path: Path) -> None:
    fake = tmp_path / "letterhead.docx"
    fake.write_text("not a zip", encoding="utf-8")
    result = run("generate", str(bundle), "--template", str(fake), "-o", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.startswith(f"sprintdoc: {fake} is not a Word .docx template (")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_made_is_a_clear_error(bundle: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should go", encoding="utf-8")
    result = run("generate", str(bundle), "-o", str(blocker / "out"))
    assert result.returncode == 1
    assert result.stderr == f"sprintdoc: cannot write {blocker / 'out'}: Not a directory\n"


def test_a_very_long_title_and_period_generate_under_a_cut_name(make_bundle: Callable[[str], Path]) -> None:
    title, period = "Sprint Notes " * 40, "July 2021, " + "the month the whole team moved offices " * 8
    folder = make_bundle(
        f"sprintdoc: 1\nedition:\n  title: {title.strip()}\n  period: {period.strip()}\n"
        "sections:\n  - kind: text\n    title: Hello\n    body: Words.\n"
    )
    result = run("generate", str(folder))
    assert result.returncode == 0, result.stderr
    written = [Path(line) for line in result.stdout.splitlines()]
    assert [p.suffix for p in written] == [".docx", ".pdf", ".html"]
    assert written[0].stem == written[1].stem == written[2].stem
    assert written[0].stem.startswith("sprint-notes-sprint-notes")
    assert all(p.is_file() and len(p.name.encode("utf-8")) <= 255 - 40 for p in written)
    assert sorted(p.name for p in (folder / "out").iterdir()) == sorted(p.name for p in written)


@pytest.mark.parametrize("period", ["July 2108", "July 0000", "July 1969", "July 9999"])
def test_an_edition_dated_outside_what_a_zip_holds_is_written(make_bundle: Callable[[str], Path], period: str) -> None:
    """A ZIP entry's date runs from 1980 to 2107: the Word file is stamped with the nearest it can hold."""
    folder = make_bundle(
        f"sprintdoc: 1\nedition: {{title: Sprint Notes, period: {period}}}\n"
        "sections:\n  - {kind: text, title: Hello, body: Words.}\n"
    )
    paths = sprintdoc.generate(sprintdoc.load(folder), folder / "out")
    assert sorted(paths) == ["docx", "html", "pdf"]
    assert [item.title for item in sprintdoc.outline(paths["docx"]).sections] == ["Hello"]


@pytest.mark.parametrize(("items", "shown"), [("[]", False), ("[Plan the next sprint]", True)])
def test_an_activitys_next_steps_heading_is_drawn_over_steps_only(
    make_bundle: Callable[[str], Path], tmp_path: Path, items: str, shown: bool
) -> None:
    folder = make_bundle(
        "sprintdoc: 1\nedition: {title: Notes, period: July 2021}\nsections:\n"
        f"  - kind: activity\n    title: Activity\n    body: We met.\n    next: {{title: Coming up, items: {items}}}\n"
    )
    paths = sprintdoc.generate(sprintdoc.load(folder), tmp_path, ["docx", "pdf"])

    from docx import Document
    from pypdf import PdfReader

    word = "\n".join(p.text for p in Document(str(paths["docx"])).paragraphs)
    pdf = "\n".join(page.extract_text() for page in PdfReader(paths["pdf"]).pages)
    for text in (word, pdf):
        assert "We met." in text
        assert ("Coming up" in text) is shown

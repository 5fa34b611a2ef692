"""Faults while writing (a full disk, a failed rename, Ctrl-C): earlier files kept byte for byte, no temporary left."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import pytest

import sprintdoc
from conftest import JULY
from sprintdoc import cli, output

NAMES = ["sprint-notes-july-2021.docx", "sprint-notes-july-2021.pdf", "sprint-notes-july-2021.html"]


@pytest.fixture
def earlier(tmp_path: Path) -> dict[str, bytes]:
    """An output folder holding last run's pair (recognisable bytes); returns name -> bytes."""
    out = tmp_path / "out"
    out.mkdir()
    files = {name: f"earlier {name}".encode() for name in NAMES}
    for name, data in files.items():
        (out / name).write_bytes(data)
    return files


def contents(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir()}


class _FullDisk:
    """A file whose writes fail with ENOSPC once the disk's remaining room is used up."""

    def __init__(self, stream: IO[bytes], disk: dict[str, int]) -> None:
        self._stream, self._disk = stream, disk

    def write(self, data: Any) -> int:
        size = len(memoryview(data).cast("B"))
        if size > self._disk["room"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._disk["room"] -= size
        return self._stream.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()


@pytest.fixture
def disk_with_room_for_the_docx(july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The disk fills up after the .docx is written: the .pdf's writes fail with 'No space left on device'."""
    disk = {"room": len(output.render(july, "docx")) + 1000}
    real = os.fdopen

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return _FullDisk(real(fd, *args, **kwargs), disk)

    monkeypatch.setattr(output.os, "fdopen", fdopen)
    yield


@pytest.mark.usefixtures("disk_with_room_for_the_docx")
def test_a_full_disk_during_the_pdf_leaves_the_earlier_pair_unchanged(
    july: sprintdoc.Bundle, earlier: dict[str, bytes], tmp_path: Path
) -> None:
    with pytest.raises(OSError) as raised:
        sprintdoc.generate(july, tmp_path / "out")
    assert raised.value.errno == errno.ENOSPC
    assert raised.value.filename == str(tmp_path / "out" / NAMES[1])  # the file asked for, not a temporary
    assert contents(tmp_path / "out") == earlier


@pytest.mark.usefixtures("disk_with_room_for_the_docx")
def test_a_full_disk_is_one_line_naming_the_file(july: sprintdoc.Bundle, tmp_path: Path, capsys: Any) -> None:
    out = tmp_path / "out"
    assert cli.main(["generate", str(JULY), "-o", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == f"sprintdoc: cannot write {out / NAMES[1]}: No space left on device\n"
    assert list(out.iterdir()) == []


def test_a_rename_failing_puts_back_the_files_already_replaced(
    july: sprintdoc.Bundle, earlier: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace
    blocked = tmp_path / "out" / NAMES[1]

    def replace(src: Any, dst: Any) -> None:
        if Path(dst) == blocked and str(src).endswith(".part"):
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(src), str(dst))
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OSError) as raised:
        sprintdoc.generate(july, tmp_path / "out")
    assert raised.value.filename == str(blocked)
    assert contents(tmp_path / "out") == earlier


def test_a_rename_failing_removes_a_file_that_was_not_there_before(
    july: sprintdoc.Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.replace

    def replace(src: Any, dst: Any) -> None:
        if str(dst).endswith(".pdf"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(OSError):
        sprintdoc.generate(july, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


def test_a_writer_raising_in_the_second_format_changes_nothing(
    july: sprintdoc.Bundle, earlier: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = output.writer("pdf")

    def write(*args: Any) -> None:
        args[1].write(b"%PDF-half")
        raise KeyboardInterrupt

    monkeypatch.setattr(module, "write", write)
    with pytest.raises(KeyboardInterrupt):
        sprintdoc.generate(july, tmp_path / "out")
    assert contents(tmp_path / "out") == earlier


def test_a_successful_run_leaves_only_its_files(
    july: sprintdoc.Bundle, earlier: dict[str, bytes], tmp_path: Path
) -> None:
    sprintdoc.generate(july, tmp_path / "out")
    after = contents(tmp_path / "out")
    assert sorted(after) == sorted(NAMES)
    assert all(after[name] != earlier[name] for name in NAMES)


@pytest.mark.parametrize("kind", ["file", "device"])
def test_an_output_folder_that_is_a_file_says_so(tmp_path: Path, kind: str, capsys: Any) -> None:
    where = tmp_path / "notes.txt" if kind == "file" else Path("/dev/full")
    if kind == "file":
        where.write_text("keep me", encoding="utf-8")
    assert cli.main(["generate", str(JULY), "-o", str(where)]) == 1
    expected = "is a file, not a folder" if kind == "file" else "is not a folder"
    assert capsys.readouterr().err == f"sprintdoc: cannot write {where}: {expected}\n"
    if kind == "file":
        assert where.read_text(encoding="utf-8") == "keep me"


def test_an_output_file_name_taken_by_a_folder_says_so(tmp_path: Path, capsys: Any) -> None:
    (tmp_path / NAMES[1]).mkdir()
    assert cli.main(["generate", str(JULY), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"sprintdoc: cannot write {tmp_path / NAMES[1]}: is a folder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [NAMES[1]]


def test_a_folder_that_refuses_writing_names_the_file_asked_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    def mkstemp(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(Path(dir) / f"{prefix}x1y2z3{suffix}"))

    monkeypatch.setattr(output.tempfile, "mkstemp", mkstemp)
    assert cli.main(["generate", str(JULY), "-o", str(tmp_path)]) == 1
    assert capsys.readouterr().err == f"sprintdoc: cannot write {tmp_path / NAMES[0]}: Permission denied\n"


def test_ctrl_c_during_generate_exits_130_with_one_line_and_changes_nothing(
    earlier: dict[str, bytes], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    started = tmp_path / "pdf-started"
    # the second file's sync waits, so that Ctrl-C arrives with the .docx already in its temporary file
    slowed = (
        "import os, sys, time, pathlib\n"
        "real, calls = os.fsync, []\n"
        "def fsync(fd):\n"
        "    calls.append(fd)\n"
        "    if len(calls) == 2:\n"
        f"        pathlib.Path({str(started)!r}).touch()\n"
        "        time.sleep(60)\n"
        "    real(fd)\n"
        "os.fsync = fsync\n"
        "from sprintdoc.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", slowed, "generate", str(JULY), "-o", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not started.exists() and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert started.exists(), process.communicate()
    assert sum(p.name.endswith(".part") for p in out.iterdir()) == 2  # both temporaries, neither renamed yet
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert stdout == ""
    assert stderr == "sprintdoc: interrupted\n"
    assert contents(out) == earlier


def test_a_keyboard_interrupt_anywhere_in_the_command_is_exit_130(monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    def interrupted(args: Any) -> int:
        raise KeyboardInterrupt

    from sprintdoc.cli import info

    monkeypatch.setattr(info, "print_schema", interrupted)
    assert cli.main(["schema"]) == 130
    assert capsys.readouterr().err == "sprintdoc: interrupted\n"

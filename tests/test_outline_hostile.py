"""`outline` given hostile files (encrypted, zip or inflate bombs, folders): one clear error, little memory and time."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import sprintdoc
from conftest import JULY, require_tool
from sprintdoc.outline import MAX_FILE_BYTES, implied
from sprintdoc.readers.docx import MAX_PART_BYTES

MEGABYTE = 1024 * 1024
#: Every file given to `outline` must cost less than this, whole process included.
MAX_MEMORY_MB, MAX_SECONDS = 200, 2.0
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>sprintdoc</Application></Properties>"
)

MEASURE = """
import json, sys, time
import sprintdoc
started = time.perf_counter()
try:
    sprintdoc.outline(sys.argv[1])
    error = None
except sprintdoc.OutlineError as err:
    error = str(err)
print(json.dumps({
    "error": error,
    "seconds": time.perf_counter() - started,
    # VmHWM, not getrusage's ru_maxrss: Linux keeps ru_maxrss across execve, so it would count pytest's own size.
    "megabytes": [int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM:")][0] / 1024,
}))
"""


def measured(path: Path) -> dict[str, object]:
    """Outline `path` in a fresh process: its error (or None), seconds taken and peak memory in MB."""
    done = subprocess.run([sys.executable, "-c", MEASURE, str(path)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout)
    return result


def assert_refused_cheaply(path: Path, words: str) -> None:
    result = measured(path)
    assert isinstance(result["error"], str) and words in result["error"], result
    assert result["megabytes"] < MAX_MEMORY_MB, result  # type: ignore[operator]
    assert result["seconds"] < MAX_SECONDS, result  # type: ignore[operator]
    cli = subprocess.run([sys.executable, "-m", "sprintdoc", "outline", str(path)], capture_output=True, text=True)
    assert (cli.returncode, cli.stdout) == (1, "")
    assert cli.stderr.startswith(f"sprintdoc: {path}: ") and cli.stderr.count("\n") == 1, cli.stderr


def zeros(total: int) -> Iterator[bytes]:
    block = bytes(MEGABYTE)
    for _ in range(total // MEGABYTE):
        yield block


def bomb_docx(path: Path, inflated: int) -> Path:
    """A .docx that says sprintdoc wrote it, whose document.xml inflates to `inflated` bytes of zeros."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        z.writestr("docProps/app.xml", APP_XML)
        with z.open("word/document.xml", "w", force_zip64=inflated > 2**31 - 1) as part:
            for block in zeros(inflated):
                part.write(block)
    return path


def lying_docx(path: Path, inflated: int, declared: int) -> Path:
    """A zip bomb whose headers declare its document.xml a small `declared` bytes."""
    data = bytearray(bomb_docx(path, inflated).read_bytes())
    name = b"word/document.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = data.find(signature)
        while at >= 0 and data[at + name_at : at + name_at + len(name)] != name:
            at = data.find(signature, at + 1)
        assert at >= 0
        struct.pack_into("<L", data, at + size_at, declared)
    path.write_bytes(bytes(data))
    return path


def drawing_pdf(path: Path, drawing: Iterable[bytes], pages: int = 1) -> Path:
    """A PDF that says sprintdoc wrote it, whose pages each draw `drawing` (given in pieces), with a font to draw in."""
    squeeze = zlib.compressobj(1)
    content = b"".join(squeeze.compress(piece) for piece in drawing) + squeeze.flush()
    font = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    kids = b" ".join(b"%d 0 R" % (4 + n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content + b"\nendstream",
        *(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources %s >>" % font,) * pages,
        b"<< /Creator (sprintdoc) /Producer (sprintdoc) >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root 1 0 R /Info %d 0 R >>" % (len(objects) + 1, len(objects))
    out += b"trailer\n%s\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    path.write_bytes(bytes(out))
    return path


@pytest.fixture(scope="module")
def july_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("july")
    path = folder / "july.pdf"
    sprintdoc.render_pdf(sprintdoc.load(JULY), path)
    return path


def test_a_pdf_encrypted_with_rc4_is_refused_as_encrypted(july_pdf: Path, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(july_pdf))
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")  # opens without a password
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    assert_refused_cheaply(locked, "encrypted: not a document sprintdoc wrote")


def test_a_pdf_encrypted_with_aes_is_refused_as_encrypted(july_pdf: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    # qpdf, not pypdf: pypdf needs `cryptography` to write AES, and the error must be clear without it too
    subprocess.run(
        [require_tool("qpdf"), "--encrypt", "user", "owner", "256", "--", str(july_pdf), str(locked)], check=True
    )
    assert_refused_cheaply(locked, "encrypted: not a document sprintdoc wrote")


def test_a_docx_whose_document_inflates_to_a_gigabyte_is_refused_cheaply(tmp_path: Path) -> None:
    bomb = bomb_docx(tmp_path / "bomb.docx", 1024 * MEGABYTE)
    assert bomb.stat().st_size < 8 * MEGABYTE
    assert_refused_cheaply(bomb, "its word/document.xml inflates to over ")


def test_a_docx_whose_header_lies_about_its_size_is_refused_cheaply(tmp_path: Path) -> None:
    bomb = lying_docx(tmp_path / "liar.docx", 512 * MEGABYTE, declared=1000)
    assert zipfile.ZipFile(bomb).getinfo("word/document.xml").file_size == 1000
    assert_refused_cheaply(bomb, "not a Word document that can be read")


def test_a_docx_whose_header_lies_just_under_the_bound_is_refused_cheaply(tmp_path: Path) -> None:
    bomb = lying_docx(tmp_path / "liar.docx", 512 * MEGABYTE, declared=MAX_PART_BYTES)
    assert_refused_cheaply(bomb, "not a Word document that can be read")


def test_a_docx_listing_a_great_many_parts_is_refused_before_they_are_read(tmp_path: Path) -> None:
    crowded = tmp_path / "crowded.docx"
    with zipfile.ZipFile(crowded, "w") as z:
        z.writestr("docProps/app.xml", APP_XML)
        for number in range(20_000):
            z.writestr(f"word/media/{number}", b"")
    assert_refused_cheaply(crowded, "its package lists too many parts")


def test_a_pdf_whose_page_inflates_to_hundreds_of_megabytes_is_refused_cheaply(tmp_path: Path) -> None:
    bomb = drawing_pdf(tmp_path / "bomb.pdf", (b" " * MEGABYTE for _ in range(300)))
    assert bomb.stat().st_size < 2 * MEGABYTE
    assert_refused_cheaply(bomb, "not a document sprintdoc wrote (it is far larger inside")


OPERATIONS = {
    "moves": b"1 0 0 1 0 0 cm\n",
    "words": b"BT /F1 12 Tf 0 0 Td (Current stage: x) Tj ET\n",
    "arrays": b"[" + b"1 " * 5000 + b"] TJ\n",
}


@pytest.mark.parametrize("operation", OPERATIONS.values(), ids=OPERATIONS.keys())
@pytest.mark.parametrize("pages", [1, 40])
def test_a_pdf_whose_pages_draw_a_great_deal_is_refused_cheaply(tmp_path: Path, operation: bytes, pages: int) -> None:
    count = 8 * MEGABYTE // len(operation) // pages
    busy = drawing_pdf(tmp_path / "busy.pdf", [operation * count], pages)
    assert_refused_cheaply(busy, "not a document sprintdoc wrote")


@pytest.mark.parametrize(("pages", "words"), [(600, "it has 600 pages"), (9000, "it is far larger inside")])
def test_a_pdf_of_many_empty_pages_is_refused_cheaply(tmp_path: Path, pages: int, words: str) -> None:
    assert_refused_cheaply(drawing_pdf(tmp_path / "long.pdf", [b"q Q\n"], pages), words)


def test_a_file_far_larger_than_any_edition_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.pdf"
    with huge.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    assert_refused_cheaply(huge, f"it is over {MAX_FILE_BYTES // MEGABYTE} MB")


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda tmp: tmp, "is a folder"),
        (lambda tmp: (tmp / "x.docx").mkdir() or tmp / "x.docx", "is a folder"),
        (lambda tmp: tmp / "missing.pdf", "no such file"),
        (lambda tmp: Path("/dev/null"), "is not a regular file"),
    ],
    ids=["folder", "folder-named-docx", "missing", "device"],
)
def test_a_path_that_is_not_a_file_says_what_it_is(tmp_path: Path, make: object, words: str) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(sprintdoc.OutlineError, match=words):
        sprintdoc.outline(path)
    cli = subprocess.run([sys.executable, "-m", "sprintdoc", "outline", str(path)], capture_output=True, text=True)
    assert (cli.returncode, cli.stdout) == (1, "")
    assert cli.stderr.startswith(f"sprintdoc: {path}: {words}")


def test_the_pdf_bounds_grow_with_the_file_so_a_long_edition_is_read(
    july_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Shrunk so that July stands for an edition of thousands of cards: too long for the bounds of a small
    # file, read all the same because the bounds grow with the file's own size.
    from sprintdoc.readers import pdf as reader

    monkeypatch.setattr(reader, "MAX_PAGES", 2)
    monkeypatch.setattr(reader, "MAX_DRAWING_WORK", 2_000)
    monkeypatch.setattr(reader, "SCALE_BYTES", july_pdf.stat().st_size * 10)
    with pytest.raises(sprintdoc.OutlineError, match="pages"):
        sprintdoc.outline(july_pdf)
    monkeypatch.setattr(reader, "SCALE_BYTES", july_pdf.stat().st_size // 8)
    assert sprintdoc.outline(july_pdf) == implied(sprintdoc.load(JULY))


def test_the_docx_part_bound_grows_with_the_part_so_a_long_edition_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sprintdoc.readers import docx as reader

    docx = sprintdoc.generate(sprintdoc.load(JULY), tmp_path, ["docx"])["docx"]
    monkeypatch.setattr(reader, "MAX_PART_BYTES", 10_000)  # July's document.xml is about 42 kB, 8 kB compressed
    monkeypatch.setattr(reader, "INFLATION", 2)
    with pytest.raises(sprintdoc.OutlineError, match="inflates to over"):
        sprintdoc.outline(docx)
    monkeypatch.setattr(reader, "INFLATION", 40)
    assert sprintdoc.outline(docx) == implied(sprintdoc.load(JULY))

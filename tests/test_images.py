"""Images decoded once: PNG and JPEG only, a pixel budget, upright, sRGB 8-bit, the same bytes for both writers."""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

import sprintdoc
from sprintdoc import images
from sprintdoc.images import MAX_SIDE, PIXEL_BUDGET, ImageProblem


def save(tmp_path: Path, im: Image.Image, fmt: str, name: str = "", **options: object) -> Path:
    path = tmp_path / (name or f"picture.{fmt.lower()}")
    im.save(path, fmt, **options)
    return path


def claims(width: int, height: int) -> bytes:
    """A PNG of a few dozen bytes whose header claims width×height pixels."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0")) + chunk(b"IEND", b"")


def test_a_plain_png_keeps_its_bytes(tmp_path: Path) -> None:
    path = save(tmp_path, Image.new("RGB", (40, 30), (31, 78, 121)), "PNG")
    picture = images.decode(path, "picture.png")
    assert (picture.format, picture.width, picture.height) == ("png", 40, 30)
    assert picture.data == path.read_bytes()


@pytest.mark.slow
def test_a_6000_by_4000_photo_is_within_the_budget(tmp_path: Path) -> None:
    path = save(tmp_path, Image.new("RGB", (6000, 4000), (200, 120, 40)), "JPEG", quality=50)
    picture = images.decode(path, "photo.jpg")
    assert picture.format == "jpeg"
    assert max(picture.width, picture.height) == MAX_SIDE
    assert picture.width / picture.height == pytest.approx(1.5, rel=0.01)
    with Image.open(io.BytesIO(picture.data)) as back:
        assert back.size == (picture.width, picture.height)


@pytest.mark.parametrize(("width", "height"), [(10_000, 6_000), (8_000, 6_251), (30_000, 30_000)])
def test_a_tiny_file_claiming_too_many_pixels_is_refused(tmp_path: Path, width: int, height: int) -> None:
    assert width * height > PIXEL_BUDGET
    path = tmp_path / "bomb.png"
    path.write_bytes(claims(width, height))
    assert path.stat().st_size < 100
    with pytest.raises(ImageProblem, match="megapixels"):
        images.decode(path, "bomb.png")


def test_exif_orientation_is_applied(tmp_path: Path) -> None:
    im = Image.new("RGB", (60, 20), (255, 0, 0))
    exif = im.getexif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    path = save(tmp_path, im, "JPEG", exif=exif)
    picture = images.decode(path, "turned.jpg")
    assert (picture.width, picture.height) == (20, 60)
    with Image.open(io.BytesIO(picture.data)) as back:
        assert back.getexif().get(0x0112, 1) == 1


def test_cmyk_jpeg_becomes_rgb(tmp_path: Path) -> None:
    path = save(tmp_path, Image.new("CMYK", (20, 20), (0, 255, 255, 0)), "JPEG")
    picture = images.decode(path, "cmyk.jpg")
    with Image.open(io.BytesIO(picture.data)) as back:
        assert back.mode == "RGB"
        red, green, blue = back.getpixel((10, 10))
        assert red > 200 and green < 60 and blue < 60


def test_16_bit_grey_becomes_8_bit(tmp_path: Path) -> None:
    im = Image.new("I;16", (10, 10))
    im.putdata([65535] * 100)
    picture = images.decode(save(tmp_path, im, "PNG"), "grey16.png")
    with Image.open(io.BytesIO(picture.data)) as back:
        assert back.mode == "L"
        assert back.getpixel((5, 5)) == 255


def test_transparency_is_kept(tmp_path: Path) -> None:
    path = save(tmp_path, Image.new("RGBA", (10, 10), (0, 0, 0, 0)), "PNG")
    picture = images.decode(path, "clear.png")
    with Image.open(io.BytesIO(picture.data)) as back:
        assert back.mode == "RGBA"


@pytest.mark.parametrize(("fmt", "name"), [("GIF", "wave.gif"), ("BMP", "old.bmp"), ("WEBP", "new.webp")])
def test_other_formats_are_refused_by_name(tmp_path: Path, fmt: str, name: str) -> None:
    path = save(tmp_path, Image.new("RGB", (8, 8)), fmt, name)
    with pytest.raises(ImageProblem, match=f"is a {fmt} image; save it as PNG or JPEG"):
        images.decode(path, name)


def within_seconds(seconds: float, step: Callable[[], object]) -> object:
    """What `step` returns or raises, run in a thread; fails the test if it is still waiting after `seconds`."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(step())
        except Exception as err:  # handed back to the test to look at
            outcome.append(err)

    worker = threading.Thread(target=run, daemon=True)  # a blocked read must not keep pytest from exiting
    worker.start()
    worker.join(seconds)
    assert outcome, f"still waiting after {seconds} s (reading a FIFO blocks until someone writes to it)"
    return outcome[0]


def test_a_fifo_is_refused_for_what_it_is_never_read(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.png"
    os.mkfifo(fifo)
    outcome = within_seconds(10, lambda: images.decode(fifo, "photo.png"))
    assert isinstance(outcome, ImageProblem)
    assert str(outcome) == "'photo.png' is not a regular file but a FIFO (named pipe); give a PNG or JPEG file"


def test_a_fifo_named_as_a_bundle_image_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    os.mkfifo(tmp_path / "images" / "logo.png")
    (tmp_path / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: T\n  period: P\n  logo: {file: images/logo.png, alt: Logo}\nsections: []\n",
        encoding="utf-8",
    )
    outcome = within_seconds(10, lambda: sprintdoc.load(tmp_path))
    assert isinstance(outcome, sprintdoc.BundleError)
    (problem,) = outcome.problems
    assert (problem.line, problem.column, problem.path) == (5, 16, "edition.logo.file")
    assert problem.message == "'images/logo.png' is not a regular file but a FIFO (named pipe); give a file"


def seeds() -> list[bytes]:
    out = []
    for fmt in ("PNG", "JPEG"):
        buffer = io.BytesIO()
        im = Image.new("RGB", (24, 16), (10, 200, 90))
        exif = im.getexif()
        exif[0x0112] = 3
        im.save(buffer, fmt, exif=exif)
        out.append(buffer.getvalue())
    return out


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(seeds()),
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8),
    st.integers(0, 10_000),
)
def test_a_damaged_file_is_an_image_problem_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, seed: bytes, changes: list[tuple[int, int]], cut: int
) -> None:
    data = bytearray(seed)
    for where, byte in changes:
        data[where % len(data)] = byte
    path = tmp_path_factory.mktemp("fuzz") / "damaged.png"
    path.write_bytes(bytes(data[: max(1, len(data) - cut % len(data))]))
    try:
        picture = images.decode(path, "damaged.png")
    except ImageProblem as err:
        assert str(err).startswith("'damaged.png' ")
    else:
        assert picture.format in ("png", "jpeg") and picture.width > 0 and picture.height > 0

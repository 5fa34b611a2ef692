"""Pictures in the PDF: made ready once per process by their bytes, then placed by every document that shows them."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

import sprintdoc
from sprintdoc.model import Image, Picture
from sprintdoc.registry import default_registry
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.writers import pdf, pdf_flowables, pdf_images
from sprintdoc.writers.pdf_images import ByContent


@pytest.fixture(autouse=True)
def empty_cache() -> Iterator[None]:
    pdf_images.pictures.clear()
    yield
    pdf_images.pictures.clear()


def picture(mode: str = "RGBA", size: tuple[int, int] = (300, 200), fmt: str = "PNG") -> Picture:
    buffer = io.BytesIO()
    PILImage.new(mode, size, (200, 30, 30, 120) if mode == "RGBA" else (200, 30, 30)).save(buffer, fmt)
    return Picture(buffer.getvalue(), fmt.lower(), *size)


def bundle_showing(*pictures: Picture) -> sprintdoc.Bundle:
    stories = tuple(
        Story(f"S{n}", image=Image(f"{n}.png", alt=f"Picture {n}", picture=p)) for n, p in enumerate(pictures)
    )
    return sprintdoc.Bundle(edition=sprintdoc.Edition(title="T", period="P"), sections=(NewsSection("N", stories),))


def render(bundle: sprintdoc.Bundle) -> bytes:
    buffer = io.BytesIO()
    pdf.write(bundle, buffer, default_registry())
    return buffer.getvalue()


def images(data: bytes) -> list[Any]:
    """The image XObjects of every page, each object once."""
    found: dict[Any, Any] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            if ref.get_object()["/Subtype"] == "/Image":
                found[ref.idnum] = ref.get_object()
    return list(found.values())


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> list[object]:
    calls: list[object] = []
    original = getattr(module, name)

    def spy(*args: Any) -> Any:
        calls.append(args)
        return original(*args)

    monkeypatch.setattr(module, name, spy)
    return calls


def test_a_picture_is_decoded_and_compressed_once_however_many_documents_show_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = counting(monkeypatch, pdf_images, "_image_xobject")
    shown = picture()
    bundle = bundle_showing(shown, shown)
    first, second = render(bundle), render(bundle)
    assert len(made) == 1
    assert first == second
    assert len(images(first)) == 1  # shown twice, embedded once


def test_every_document_keeps_the_soft_mask_of_a_picture_with_alpha() -> None:
    bundle = bundle_showing(picture("RGBA"))
    for data in (render(bundle), render(bundle)):
        (image,) = images(data)
        assert "/SMask" in image
        assert image["/SMask"].get_object()["/Subtype"] == "/Image"
    (opaque,) = images(render(bundle_showing(picture("RGB"))))
    assert "/SMask" not in opaque


def test_a_large_photo_is_downscaled_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    resized = counting(monkeypatch, pdf_flowables, "_resized")
    bundle = bundle_showing(picture("RGB", (4000, 3000), "JPEG"))
    first, second = render(bundle), render(bundle)
    assert len(resized) == 1
    assert first == second
    (image,) = images(first)
    assert image["/Width"] < 4000


def test_what_is_kept_stays_within_its_budget_least_recently_used_going_first() -> None:
    kept = ByContent(budget=30)
    made: list[bytes] = []

    def make(data: bytes) -> Callable[[], tuple[bytes, int]]:
        def build() -> tuple[bytes, int]:
            made.append(data)
            return data.upper(), 5

        return build

    for data in (b"a" * 10, b"b" * 10):
        assert kept.get(data, data, make(data)) == data.upper()
    kept.get(b"a" * 10, b"a" * 10, make(b"a" * 10))  # used again: now the most recent
    kept.get(b"c" * 10, b"c" * 10, make(b"c" * 10))  # over budget: b goes
    kept.get(b"a" * 10, b"a" * 10, make(b"a" * 10))
    kept.get(b"b" * 10, b"b" * 10, make(b"b" * 10))
    assert made == [b"a" * 10, b"b" * 10, b"c" * 10, b"b" * 10]
    huge = b"h" * 40
    assert kept.get(huge, huge, make(huge)) == huge.upper()  # made, never kept
    assert kept.get(huge, huge, make(huge)) == huge.upper()
    assert made[-2:] == [huge, huge]

"""What each document embeds of a photo: Word the decoded image, the PDF no more pixels than it shows at IMAGE_DPI."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

import sprintdoc
from sprintdoc.writers.pdf import IMAGE_DPI

BUNDLE = """\
sprintdoc: 1
edition: {title: Sprint Notes, period: July 2021}
sections:
  - kind: news
    title: News
    stories:
      - headline: A large photo
        image: {file: images/large.jpg, alt: A large photo}
        body: Text.
"""


def large_bundle(make_bundle: Callable[[str], Path]) -> sprintdoc.Bundle:
    folder = make_bundle(BUNDLE)
    gradient = Image.linear_gradient("L").resize((2400, 1600)).convert("RGB")
    gradient.save(folder / "images" / "large.jpg", quality=90)
    return sprintdoc.load(folder)


def test_word_embeds_the_decoded_photo_and_the_pdf_a_smaller_copy(
    make_bundle: Callable[[str], Path], tmp_path: Path
) -> None:
    bundle = large_bundle(make_bundle)
    picture = bundle.sections[0].stories[0].image.picture  # type: ignore[attr-defined]
    paths = sprintdoc.generate(bundle, tmp_path / "out")

    with zipfile.ZipFile(paths["docx"]) as docx:
        media = [docx.read(n) for n in docx.namelist() if n.startswith("word/media/")]
    assert picture.data in media  # Word keeps every decoded pixel: a reader may enlarge the photo

    page = PdfReader(paths["pdf"]).pages[0]
    (shown,) = [image for image in page.images if image.image is not None and image.image.width > 200]
    width_pt = float(page.mediabox.width)  # no photo is shown wider than the page
    assert shown.image is not None
    assert shown.image.width <= round(width_pt / 72 * IMAGE_DPI) < picture.width
    with Image.open(io.BytesIO(picture.data)) as decoded:
        assert abs(shown.image.width / shown.image.height - decoded.width / decoded.height) < 0.01

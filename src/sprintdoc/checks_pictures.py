"""The checks of pictures: too few pixels for the size they print at, and alt text a screen reader reads badly."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from sprintdoc.checks import Context, shown
from sprintdoc.errors import Problem, SprintdocError
from sprintdoc.model import Bundle, Image, Picture
from sprintdoc.validation import join
from sprintdoc.writers.style_roles import LOGO_BOX_CM, PICTURE_MAX_HEIGHT_CM

#: The fewest pixels per inch a printed picture needs to look sharp.
PRINT_PPI = 150
_POINTS_PER_CM = 72 / 2.54


def low_resolution(context: Context) -> Iterator[Problem]:
    """Pictures with fewer than `PRINT_PPI` pixels an inch at the largest size the Word document and PDF draw them."""
    column = None
    for path, value in context.values.items():
        if not isinstance(value, Image) or value.picture is None:
            continue
        if path == "edition.logo":
            box = (LOGO_BOX_CM[0] * _POINTS_PER_CM, LOGO_BOX_CM[1] * _POINTS_PER_CM)
        else:
            column = column if column is not None else column_width(context.bundle)
            box = (column, PICTURE_MAX_HEIGHT_CM * _POINTS_PER_CM)
        picture = value.picture
        width, height = drawn_size(picture, *box)
        ppi = picture.width / (width / 72)
        if ppi < PRINT_PPI:
            need_w, need_h = needed_pixels(picture, *box)
            yield context.at(
                join(path, "file"),
                f"{shown(value.file)} is {picture.width} × {picture.height} pixels, printed "
                f"{width / _POINTS_PER_CM:.1f} × {height / _POINTS_PER_CM:.1f} cm: {ppi:.0f} pixels per inch, "
                f"below the {PRINT_PPI} print needs; give a picture of at least {need_w} × {need_h} pixels",
            )


def drawn_size(picture: Picture, max_width: float, max_height: float) -> tuple[float, float]:
    """The size, in points, both writers draw a picture at: its size at 96 dpi, made smaller to fit the box.

    (As `writers.pdf_flowables.fit` and the Word writer's `_fit` size it; a test holds the three together.)
    """
    natural_w, natural_h = picture.width * 72 / 96, picture.height * 72 / 96
    scale = min(max_width / natural_w, max_height / natural_h, 1.0)
    return natural_w * scale, natural_h * scale


def needed_pixels(picture: Picture, max_width: float, max_height: float) -> tuple[int, int]:
    """The fewest pixels, of the picture's shape, that print at `PRINT_PPI` when drawn as large as the box allows."""
    scale = min(max_width / picture.width, max_height / picture.height)
    return math.ceil(picture.width * scale / 72 * PRINT_PPI), math.ceil(picture.height * scale / 72 * PRINT_PPI)


def column_width(bundle: Bundle) -> float:
    """The width, in points, a story's picture may take: the Word template's page less its margins, as both writers."""
    from sprintdoc.template_look import read_look
    from sprintdoc.writers import default_template

    try:
        page = read_look(bundle.template_file() or default_template()).page
    except (SprintdocError, OSError):  # a template loading accepted, since changed: the shipped one's page
        page = read_look(default_template()).page
    return page.width - page.left - page.right


_IMAGE_FILE = re.compile(r"\.(png|jpe?g|gif|webp|svg|tiff?|bmp|heic|avif)$", re.IGNORECASE)
_SAYS_PICTURE = re.compile(r"(an? )?(image|picture|photo|photograph) of\b", re.IGNORECASE)


def alt_texts(context: Context) -> Iterator[Problem]:
    """Alt text that is the picture's file name, or that starts by saying it is a picture ("image of")."""
    for path, value in context.values.items():
        if not isinstance(value, Image) or value.decorative or not value.alt:
            continue
        alt = value.alt.strip()
        name = PurePosixPath(value.file).name
        if _IMAGE_FILE.search(alt) or alt.lower() in (name.lower(), PurePosixPath(name).stem.lower()):
            message = (
                f"the alt text {shown(alt)} is a file name: a screen reader reads it out; "
                "say what the picture shows, and why it is there"
            )
        elif found := _SAYS_PICTURE.match(alt):
            message = (
                f"the alt text starts {shown(found.group())}: a screen reader already says it is a picture; "
                "start with what it shows"
            )
        else:
            continue
        yield context.at(join(path, "alt"), message)

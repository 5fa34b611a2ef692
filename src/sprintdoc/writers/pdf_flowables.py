"""The PDF's own flowables: headings that bookmark themselves, pull quotes with a bar, pictures at the right size."""

from __future__ import annotations

import io

from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import Image as ImageFlowable

from sprintdoc.model import Picture
from sprintdoc.writers.pdf_page import Anchor, NewsletterCanvas

#: Pictures are embedded at no more than this resolution at the size they are shown.
IMAGE_DPI = 200


class HeadingParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading paragraph that puts itself in the PDF outline (and the named destinations) where it is drawn."""

    anchor: Anchor | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            if part is not self:
                part.anchor = self.anchor if i == 0 else None
        return parts

    def draw(self) -> None:
        if self.anchor is not None and isinstance(self.canv, NewsletterCanvas):
            self.canv.anchor(self.anchor, self.height)
        super().draw()


class QuoteParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph of a pull quote: a bar in the text's colour down its left side (on each page it spans)."""

    def draw(self) -> None:
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(self.style.textColor)
        canv.setLineWidth(2.5)
        x = self.style.leftIndent - 9
        canv.line(x, 0, x, self.height)
        canv.restoreState()
        super().draw()


class Padded(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A graphic with space above and below."""

    def __init__(self, content: Flowable, before: float, after: float) -> None:
        super().__init__()
        self.content = content
        self.spaceBefore = before
        self.spaceAfter = after

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        width, height = self.content.wrap(availWidth, availHeight)
        self.width, self.height = width, height
        return width, height

    def draw(self) -> None:
        self.content.drawOn(self.canv, 0, 0)


def image_flowable(picture: Picture, width: float, height: float) -> Flowable:
    data = downscaled(picture, width, height)
    return ImageFlowable(io.BytesIO(data), width=width, height=height, mask="auto")


def fit(picture: Picture, max_width: float, max_height: float) -> tuple[float, float]:
    """The size to show a picture: its size at 96 dpi, at most 1.5 times larger for a small one, inside the box."""
    natural_w = picture.width * 72 / 96
    natural_h = picture.height * 72 / 96
    scale = min(max_width / natural_w, max_height / natural_h, 1.5)
    return natural_w * scale, natural_h * scale


def downscaled(picture: Picture, width: float, height: float) -> bytes:
    """The picture's bytes, re-encoded smaller if it has far more pixels than `IMAGE_DPI` needs at this size."""
    need = (round(width / 72 * IMAGE_DPI), round(height / 72 * IMAGE_DPI))
    if picture.width <= need[0] * 1.25 or picture.height <= need[1] * 1.25:
        return picture.data
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(picture.data)) as im:
        small = im.resize(need, PILImage.Resampling.LANCZOS)
        out = io.BytesIO()
        if picture.format == "jpeg" and small.mode in ("RGB", "L"):
            small.save(out, "JPEG", quality=85, optimize=True)
        else:
            small.save(out, "PNG")
    return out.getvalue()

"""The PDF's own flowables: paragraphs with Word's borders and shading, headings that bookmark themselves, pictures."""

from __future__ import annotations

import copy
import functools
import io
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import textTransformFrags
from reportlab.platypus.paraparser import ParaParser

from sprintdoc.model import Picture
from sprintdoc.writers.pdf_images import pictures
from sprintdoc.writers.pdf_look import rgb
from sprintdoc.writers.pdf_page import Anchor, NewsletterCanvas
from sprintdoc.writers.pdf_tags import StructElem, TaggedImage, artifact, marked

#: Pictures are embedded at no more than this resolution at the size they are shown.
IMAGE_DPI = 200


_UNSET = object()


class BorderedParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A paragraph with its Word style's borders and shading (`style.word_borders`, `style.word_shading`).

    As in Word, a top or bottom border adds its width and gap to the paragraph's height; left and
    right borders stand in the margin beside the text, `space` points away from it; shading fills
    the box the borders enclose. Each part of a paragraph split over pages is drawn the same way.
    """

    tag: StructElem | None = None  # the structure element whose content the text is (`pdf_tags`)

    def _setup(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:  # reportlab's hook
        if frags is None and isinstance(text, str):
            # Made into fragments when first laid out (`__getattr__`), not when the story is made: a story of
            # thousands of cards otherwise holds every paragraph's fragments from the start (a fifth of the
            # PDF's memory at 3000 cards). sprintdoc's markup never changes the style (no `<para>` tags).
            self.style, self.bulletText, self.debug = style, bulletText, 0
            self._deferred = (text, cleaner)
            return
        self._fragments(text, style, bulletText, frags, cleaner)

    # `text` and `frags` as properties, not `__getattr__`: reportlab asks a paragraph for many attributes it may
    # lack, and every miss would run Python code.
    @property
    def frags(self) -> Any:
        found = self.__dict__.get("_frags", _UNSET)
        return self._made()["_frags"] if found is _UNSET else found

    @frags.setter
    def frags(self, value: Any) -> None:
        self.__dict__["_frags"] = value

    @property
    def text(self) -> Any:
        found = self.__dict__.get("_text", _UNSET)
        return self._made()["_text"] if found is _UNSET else found

    @text.setter
    def text(self, value: Any) -> None:
        self.__dict__["_text"] = value

    def _made(self) -> dict[str, Any]:
        """The paragraph's attributes, its fragments made from the text it was given now if not yet."""
        deferred = self.__dict__.pop("_deferred", None)
        if deferred is not None:
            text, cleaner = deferred
            self._fragments(text, self.style, self.bulletText, None, cleaner)
        return self.__dict__

    def _fragments(self, text: Any, style: Any, bulletText: Any, frags: Any, cleaner: Any) -> None:
        if frags is None and isinstance(text, str) and "<" not in text and "&" not in text:
            # Plain text (most paragraphs, nearly every table cell) is one fragment in the style's font, size and
            # colour: made from the one reportlab's parser makes for them, without parsing (parsing was most of
            # making a story).
            text = cleaner(text)
            frags = [_plain_fragment(text, style)] if text else []
            textTransformFrags(frags, style)
        super()._setup(text, style, bulletText, frags, cleaner)

    def _sides(self) -> tuple[Any, Any, Any, Any]:
        borders = getattr(self.style, "word_borders", None)
        if borders is None:
            return None, None, None, None
        return borders.top, borders.left, borders.bottom, borders.right

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        # Lines depend on the width alone, and a card (KeepTogether) or a table cell is measured two or three times
        # at the same width before it is drawn, on the next page again if it did not fit: its lines are broken once.
        wrapped = getattr(self, "_wrapped", None)
        if wrapped is not None and wrapped[0] == availWidth:
            self.blPara = wrapped[1]  # reportlab's split drops them when the paragraph moves on whole
            return wrapped[2]  # type: ignore[no-any-return]
        width, height = super().wrap(availWidth, availHeight)
        top, _, bottom, _ = self._sides()
        self._above = top.space + top.width if top else 0.0
        self._below = bottom.space + bottom.width if bottom else 0.0
        self.height = height + self._above + self._below
        self._wrapped = (availWidth, self.blPara, (width, self.height))
        return width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        top, _, bottom, _ = self._sides()
        lines = availHeight - (top.space + top.width if top else 0.0) - (bottom.space + bottom.width if bottom else 0.0)
        parts: list[Flowable] = super().split(availWidth, lines)
        for part in parts:
            part.tag = self.tag  # a paragraph split over pages stays one element
        return parts

    def draw(self) -> None:
        top, left, bottom, right = self._sides()
        shading = getattr(self.style, "word_shading", None)
        canv = self.canv
        if top or left or bottom or right or shading is not None:
            with artifact(canv):
                self._decorate(shading, top, left, bottom, right)
        above = getattr(self, "_above", 0.0)
        if above:  # the text starts below the top border
            canv.saveState()
            canv.translate(0, -above)
        with marked(canv, self.tag):
            super().draw()
        if above:
            canv.restoreState()

    def _decorate(self, shading: Any, top: Any, left: Any, bottom: Any, right: Any) -> None:
        """The fill and the border lines, around the box the borders enclose."""
        canv = self.canv
        x0 = self.style.leftIndent - (left.space + left.width if left else 0.0)
        x1 = self.width - self.style.rightIndent + (right.space + right.width if right else 0.0)
        canv.saveState()
        if shading is not None:
            canv.setFillColor(shading)
            canv.rect(x0, 0, x1 - x0, self.height, stroke=0, fill=1)
        ends = {
            "top": (x0, self.height, x1, self.height, 0, -1),
            "bottom": (x0, 0, x1, 0, 0, 1),
            "left": (x0, 0, x0, self.height, 1, 0),
            "right": (x1, 0, x1, self.height, -1, 0),
        }
        for side, line in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
            if line is not None:
                ax, ay, bx, by, dx, dy = ends[side]
                half = line.width / 2  # the line lies inside the box
                canv.setStrokeColor(rgb(line.colour or "000000"))
                canv.setLineWidth(line.width)
                canv.line(ax + dx * half, ay + dy * half, bx + dx * half, by + dy * half)
        canv.restoreState()


def _plain_fragment(text: str, style: Any) -> Any:
    """The fragment reportlab's parser makes of `text` with no markup in it, set in `style`."""
    fragment = copy.copy(_parsed_fragment(style.fontName, style.fontSize, style.textColor))
    fragment.text = text
    fragment.link, fragment.us_lines = [], []  # each its own, as each parse makes them
    return fragment


@functools.lru_cache(maxsize=256)
def _parsed_fragment(font: str, size: float, colour: Any) -> Any:
    """What reportlab's parser makes of one plain word in a style of this font, size and colour (the only
    parts of a style a fragment of plain text takes)."""
    style = ParagraphStyle("plain", fontName=font, fontSize=size, textColor=colour)
    _, (fragment,), _ = ParaParser().tt_parse(("para", None, ["x"]), style)
    return fragment


class HeadingParagraph(BorderedParagraph):
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


class AnchorPoint(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A point that takes no room and draws nothing, where an item marked on a block (a table row's first cell)
    puts its named destination and outline entry."""

    def __init__(self, anchor: Anchor) -> None:
        super().__init__()
        self.anchor = anchor

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # reportlab's names
        return 0.0, 0.0

    def draw(self) -> None:
        if isinstance(self.canv, NewsletterCanvas):
            self.canv.anchor(self.anchor, 0)


def image_flowable(picture: Picture, width: float, height: float) -> TaggedImage:
    return TaggedImage(downscaled(picture, width, height), width, height)


def fit(picture: Picture, max_width: float, max_height: float) -> tuple[float, float]:
    """The size to show a picture, as Word shows it: its size at 96 dpi, made smaller to fit the box, never larger."""
    natural_w = picture.width * 72 / 96
    natural_h = picture.height * 72 / 96
    scale = min(max_width / natural_w, max_height / natural_h, 1.0)
    return natural_w * scale, natural_h * scale


def downscaled(picture: Picture, width: float, height: float) -> bytes:
    """The picture's bytes, re-encoded smaller if it has far more pixels than `IMAGE_DPI` needs at this size."""
    need = (round(width / 72 * IMAGE_DPI), round(height / 72 * IMAGE_DPI))
    if picture.width <= need[0] * 1.25 or picture.height <= need[1] * 1.25:
        return picture.data
    data, format = picture.data, picture.format
    return pictures.get(("resized", data, format, need), data, lambda: _resized(data, format, need))  # type: ignore[no-any-return]


def _resized(data: bytes, format: str, size: tuple[int, int]) -> tuple[bytes, int]:
    """A picture re-encoded at `size` pixels (and its length): once per process (a photo in each edition of a batch)."""
    from PIL import Image as PILImage

    with PILImage.open(io.BytesIO(data)) as im:
        small = im.resize(size, PILImage.Resampling.LANCZOS)
        out = io.BytesIO()
        if format == "jpeg" and small.mode in ("RGB", "L"):
            small.save(out, "JPEG", quality=85, optimize=True)
        else:
            small.save(out, "PNG")
    small_data = out.getvalue()
    return small_data, len(small_data)

"""The PDF's pages: A4 with one frame, the running footer and page count, the canvas that names destinations."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any

import attrs
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from sprintdoc.model import Bundle
from sprintdoc.writers import CREATOR, document_date
from sprintdoc.writers.pdf_styles import rl_colour

if TYPE_CHECKING:
    from sprintdoc.writers.pdf_context import PdfContext

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
#: The form XObject holding the page count, drawn on every page and filled in once the count is known.
PAGE_COUNT_FORM = "sprintdocPageCount"


@attrs.frozen
class Anchor:
    """Where a heading goes in the PDF outline; `named` anchors are also named destinations."""

    key: str
    title: str
    level: int
    named: bool


def stamp(bundle: Bundle) -> TimeStamp:
    when = document_date(bundle)
    stamp = TimeStamp(invariant=1)
    stamp.t = when.timestamp()
    stamp.lt = when.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class NewsletterCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that dates the file, keeps heading levels valid, fills in the page count and names destinations."""

    def __init__(self, *args: Any, stamp: TimeStamp, ctx: PdfContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._doc._timeStamp = stamp
        self.ctx = ctx
        self.named: list[str] = []
        self.pages = 0
        self._outline_level = -1

    def anchor(self, anchor: Anchor, top: float) -> None:
        """Bookmark the current page at `top` (relative to the flowable drawn) and add it to the outline."""
        self.bookmarkHorizontal(anchor.key, 0, top)
        # reportlab refuses an outline level more than one deeper than the one before it.
        level = min(anchor.level, self._outline_level + 1)
        self.addOutlineEntry(anchor.title, anchor.key, level, closed=False)
        self._outline_level = level
        if anchor.named:
            self.named.append(anchor.key)

    def save(self) -> None:
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(self.ctx.body_faces.names()[0], 8)
        self.setFillColor(rl_colour(self.ctx.theme.colours.muted))
        self.drawString(0, 0, str(self.pages))
        self.endForm()
        if self.named:
            # Each named destination becomes one indirect object that both the name tree and
            # its bookmark point at, so a reader can tell which bookmark carries which marker.
            names: list[Any] = []
            for key in sorted(set(self.named)):  # a name tree's keys are in byte order
                ref = self._doc.Reference(self._destinations[key], f"SprintdocDest.{key}")
                self._destinations[key] = ref
                names += [PDFString(key), ref]
            self._doc.Catalog.Names = PDFDictionary({"Dests": PDFDictionary({"Names": PDFArray(names)})})
        self.showOutline()
        super().save()


class NewsletterDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """A4 pages with one frame and a running footer; the metadata from the edition."""

    def __init__(self, stream: IO[bytes], bundle: Bundle, ctx: PdfContext) -> None:
        edition = bundle.edition
        subject = f"{edition.period}: {edition.strapline}" if edition.strapline else edition.period
        super().__init__(
            stream, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=BOTTOM_MARGIN,
            title=edition.title, author=edition.publisher or "", subject=subject, creator=CREATOR,
            invariant=1, displayDocTitle=1, lang=edition.language, initialFontName=ctx.body_faces.names()[0],
        )  # fmt: skip
        self.ctx = ctx
        self.edition_line = f"{edition.title} · {edition.period}"
        frame = Frame(MARGIN, BOTTOM_MARGIN, FRAME_WIDTH, FRAME_HEIGHT, id="body", leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._footer)])

    def _footer(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        theme = self.ctx.theme
        font = self.ctx.body_faces.names()[0]
        page = canv.getPageNumber()
        if isinstance(canv, NewsletterCanvas):
            canv.pages = max(canv.pages, page)
        y = BOTTOM_MARGIN - 12 * mm
        canv.saveState()
        canv.setStrokeColor(rl_colour(theme.colours.primary))
        canv.setLineWidth(0.75)
        canv.line(MARGIN, y + 11, PAGE_WIDTH - MARGIN, y + 11)
        canv.setFont(font, 8)
        canv.setFillColor(rl_colour(theme.colours.muted))
        label = f"Page {page} of "
        canv.drawString(MARGIN, y, label)
        canv.saveState()
        canv.translate(MARGIN + stringWidth(label, font, 8), y)
        canv.doForm(PAGE_COUNT_FORM)
        canv.restoreState()
        canv.drawRightString(PAGE_WIDTH - MARGIN, y, shortened(self.edition_line, font, 8, FRAME_WIDTH * 0.6))
        canv.restoreState()


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` cut to fit `width`, ending with an ellipsis where it was cut."""
    text = " ".join(text.split())
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"

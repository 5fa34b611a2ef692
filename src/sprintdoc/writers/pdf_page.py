"""The PDF's pages: A4 with one frame, the running footer and page count, the canvas that names destinations."""

from __future__ import annotations

import functools
import re
from typing import IO, TYPE_CHECKING, Any

import attrs
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObjectReference,
    PDFPage,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfbase.pdfmetrics import stringWidth as _string_width
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, KeepTogether, PageTemplate

from sprintdoc.model import Bundle
from sprintdoc.template_look import Break, Field, PartText, Tab
from sprintdoc.writers import CREATOR, document_date
from sprintdoc.writers.pdf_metadata import add_xmp, full_title, subject
from sprintdoc.writers.pdf_save import streamed
from sprintdoc.writers.pdf_tags import PageTags, StructElem, write_tree

if TYPE_CHECKING:
    from sprintdoc.writers.pdf_context import PdfContext

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


def _compress_now(page: PDFPage) -> None:
    """Compress a finished page's content now, as reportlab would when saving: until then it keeps every page's
    drawing operators as text (at 3000 cards, some 60 MB held to the end). The same bytes: reportlab applies no
    filter to a stream whose dictionary names its Filter already."""
    from reportlab import rl_config

    if not page.compression or not page.stream or page.Contents or rl_config.useA85:
        return
    stream = PDFStream(content=PDFZCompress.encode(page.stream))
    stream.dictionary["Filter"] = PDFArray([PDFName(PDFZCompress.pdfname)])
    stream.__Comment__ = "page stream"
    page.Contents, page.stream = stream, None


class NewsletterCanvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that dates the file, keeps heading levels valid, fills in the page count and names destinations."""

    def __init__(self, *args: Any, stamp: TimeStamp, ctx: PdfContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        streamed(self._doc)
        self._doc._timeStamp = stamp
        self.ctx = ctx
        self.named: list[str] = []
        self.pages = 0
        self._outline_level = -1
        self._page_tags = PageTags()
        self._parent_tree: dict[int, Any] = {}  # /StructParents and /StructParent keys -> elements
        self._marking: list[StructElem] = []  # the elements whose content is being drawn, innermost last
        self._links: dict[tuple[StructElem, str], StructElem] = {}  # (element, target) -> its Link element

    # Tagging ----------------------------------------------------------------------------------------------------

    def begin_marked(self, element: StructElem) -> None:
        """Open a marked-content sequence for `element` on this page (`pdf_tags.marked`)."""
        page = self._page_tags
        if page.key < 0:
            page.key = len(self._parent_tree)
            self._parent_tree[page.key] = page.elements
        mcid = len(page.elements)
        page.elements.append(element)
        element.kids.append(("mcid", self._page_ref(), mcid))
        self._code.append(f"/{element.type} <</MCID {mcid}>> BDC")
        self._marking.append(element)

    def _page_ref(self) -> PDFObjectReference:
        """The reference to the page being drawn."""
        if self._page_tags.ref is None:
            self._page_tags.ref = self._doc.thisPageRef()
        return self._page_tags.ref

    def end_marked(self) -> None:
        """Close the marked-content sequence `begin_marked` opened."""
        self._code.append("EMC")
        self._marking.pop()

    def _addAnnotation(self, annotation: Any, name: str | None = None, addtopage: int = 1) -> None:
        """A link annotation drawn inside an element's content becomes a Link element under it, with /Contents."""
        if name is None:
            name = f"NUMBER{self._annotationCount + 1}"  # the name reportlab would give it
        within = self._marking[-1] if self._marking else None
        action = annotation.dict.get("A") if hasattr(annotation, "dict") else None
        if within is not None and action is not None and "URI" in action.dict:
            target = str(action.dict["URI"].s)
            shown = within.links.get(target) or target.removeprefix("mailto:")
            # One Link element a link, however many lines (and so annotations) its text is set on: a screen
            # reader announces it once. Each annotation still has its own key, both leading to the element.
            link = self._links.get((within, target))
            if link is None:
                link = self._links[within, target] = self.ctx.tags.new("Link", within, alt=shown)
            key = len(self._parent_tree)
            self._parent_tree[key] = link
            annotation["StructParent"] = key
            annotation["Contents"] = PDFString(shown)
            annotation["F"] = 4  # Print: the link is there on paper and on screen alike
            link.kids.append(("objr", self._page_ref(), self._doc.refAnnotation(name)))
        super()._addAnnotation(annotation, name, addtopage)

    def _setAnnotations(self, page: Any) -> None:  # reportlab's hook while a page is finished
        super()._setAnnotations(page)
        if not isinstance(page, PDFPage):  # a form XObject (the page count) is finished the same way
            return
        page.__NoDefault__ = [*page.__NoDefault__, "StructParents", "Tabs"]
        page.Tabs = PDFName("S")
        if self._page_tags.key >= 0:
            page.StructParents = self._page_tags.key
        _compress_now(page)

    def _startPage(self) -> None:  # reportlab's name
        super()._startPage()
        self._page_tags = PageTags()

    def drawText(self, aTextObject: Any) -> None:  # reportlab's names
        super().drawText(aTextObject)
        # reportlab's paragraph gives its text object a method bound to itself (`_do_line`), a cycle that kept each
        # paragraph's lines until the cycle collector ran: at 3000 cards, 570,000 objects and a sixth of the PDF's time.
        # The text object is done with once drawn.
        vars(aTextObject).pop("_do_line", None)

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
        footer = self.ctx.styles["footer"]
        self.beginForm(PAGE_COUNT_FORM)
        self.setFont(footer.fontName, footer.fontSize)
        self.setFillColor(footer.textColor)
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
        write_tree(self._doc, self.ctx.tags, self._parent_tree, self.ctx.bundle.edition.language)
        add_xmp(self._doc, self.ctx.bundle)
        super().save()


class Together(KeepTogether):  # type: ignore[misc]  # reportlab is untyped
    """reportlab's KeepTogether, measured without a deep copy of the frame for each group.

    reportlab copies the frame so that content generated while measuring (page-template actions,
    balanced columns) lands in the copy; a card's paragraphs, pictures and tables generate none.
    """

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        doc = getattr(self.canv, "_doctemplate", None)
        frame = getattr(doc, "frame", None)
        if doc is None or frame is None:
            return super().wrap(aW, aH)  # type: ignore[no-any-return]
        doc.frame = None
        try:
            return super().wrap(aW, aH)  # type: ignore[no-any-return]
        finally:
            doc.frame = frame


class NewsletterDocument(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
    """The template's page (size, margins) with one frame, its header and footer; the metadata from the edition."""

    def __init__(self, stream: IO[bytes], bundle: Bundle, ctx: PdfContext) -> None:
        edition = bundle.edition
        page = ctx.look.page
        super().__init__(
            stream, pagesize=(page.width, page.height), leftMargin=page.left, rightMargin=page.right,
            topMargin=page.top, bottomMargin=page.bottom,
            title=full_title(bundle), author=edition.publisher or "", subject=subject(bundle), creator=CREATOR,
            invariant=1, displayDocTitle=1, lang=edition.language, initialFontName=ctx.body_faces.names()[0],
            keepTogetherClass=Together,  # a heading and what it keeps with
        )  # fmt: skip
        self.ctx = ctx
        self.fields = running_fields(bundle)
        self._rendered: dict[str, str] = {}
        frame = Frame(page.left, page.bottom, page.frame_width, page.frame_height, id="body", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
        self.addPageTemplates([PageTemplate("page", [frame], onPage=self._running)])

    def release(self) -> None:
        """Let go of what the built document holds in cycles, so that it is freed as soon as it is dropped.

        The canvas and this template refer to each other, the template to itself (its namespace, its page
        template's callback) and each tag to its parent: left to the cycle collector, a 3000-card PDF (130 MB)
        stayed while the next document was made (a batch, a script's loop).
        """
        canv = self.__dict__.pop("canv", None)
        if canv is not None:
            canv.__dict__.pop("_doctemplate", None)
        self._nameSpace: dict[str, Any] = {}
        self.pageTemplates: list[PageTemplate] = []
        self.pageTemplate = None
        self.ctx.tags.release()

    def _running(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        """The header and footer of this page, from the template (the first page's own where it has them)."""
        look, page = self.ctx.look, self.ctx.look.page
        number = canv.getPageNumber()
        if isinstance(canv, NewsletterCanvas):
            canv.pages = max(canv.pages, number)
        first = page.title_page and number == 1
        header = look.first_header if first else look.header
        footer = look.first_footer if first else look.footer
        canv.saveState()
        canv._code.append("/Artifact <</Type /Pagination>> BDC")
        if header is not None and header.items:
            self._line(canv, header, self.ctx.styles["header"], page.height - page.header - 8)
        if footer is not None and footer.items:
            self._line(canv, footer, self.ctx.styles["footer"], page.footer)
        canv._code.append("EMC")
        canv.restoreState()

    def _line(self, canv: Canvas, part: PartText, style: Any, y: float) -> None:
        """A header's or footer's line at `y`: text before a tab at the style's side, after it at the right margin.

        The page count is a form filled in when the count is known (`PAGE_COUNT_FORM`).
        """
        page = self.ctx.look.page
        runs: list[list[Any]] = [[]]
        for item in part.items:
            if isinstance(item, Tab):
                runs.append([])
            elif not isinstance(item, Break):
                runs[-1].append(item)
        font, size = style.fontName, style.fontSize
        canv.setFont(font, size)
        canv.setFillColor(style.textColor)
        left, right = page.left, page.width - page.right
        for n, run in enumerate(runs):
            width = sum(self._width(canv, item, font, size) for item in run)
            if (n == len(runs) - 1 and n > 0) or (len(runs) == 1 and style.alignment == TA_RIGHT):
                x = right - width
            elif n > 0 or style.alignment == TA_CENTER:
                x = (left + right - width) / 2
            else:
                x = left
            for item in run:
                x = self._draw(canv, item, font, size, x, y, right - x)

    def _text(self, item: Any) -> str:
        if isinstance(item, Field):
            return str(item.result) if item.name not in ("PAGE", "NUMPAGES", "SECTIONPAGES") else ""
        text = str(item.text)
        if text not in self._rendered:  # the same few texts on every page: each filled in once
            # One line: a tab or line break typed in the title is drawn as the space it reads as (fonts have no
            # glyph for them).
            self._rendered[text] = re.sub(r"[^\S ]", " ", render_fields(text, self.fields))
        return self._rendered[text]

    def _width(self, canv: Canvas, item: Any, font: str, size: float) -> float:
        if isinstance(item, Field) and item.name == "PAGE":
            return stringWidth(str(canv.getPageNumber()), font, size)
        if isinstance(item, Field) and item.name in ("NUMPAGES", "SECTIONPAGES"):
            return stringWidth("00", font, size)
        return stringWidth(self._text(item), font, size)

    def _draw(self, canv: Canvas, item: Any, font: str, size: float, x: float, y: float, room: float) -> float:
        if isinstance(item, Field) and item.name == "PAGE":
            text = str(canv.getPageNumber())
        elif isinstance(item, Field) and item.name in ("NUMPAGES", "SECTIONPAGES"):
            canv.saveState()
            canv.translate(x, y)
            canv.doForm(PAGE_COUNT_FORM)
            canv.restoreState()
            return x + stringWidth("00", font, size)
        else:
            text = shortened(self._text(item), font, size, max(room, 0))
        canv.drawString(x, y, text)
        return x + stringWidth(text, font, size)


def shortened(text: str, font: str, size: float, width: float) -> str:
    """`text` cut to fit `width`, ending with an ellipsis where it was cut."""
    if stringWidth(text, font, size) <= width:
        return text
    text = " ".join(text.split())
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with its ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def running_fields(bundle: Bundle) -> dict[str, str]:
    """The edition's fields a header or footer may show (`{{ title }} · {{ period }}`)."""
    edition = bundle.edition
    return {
        "title": edition.title,
        "period": edition.period,
        "publisher": edition.publisher or "",
        "strapline": edition.strapline or "",
        "tagline": edition.tagline or "",
    }


def render_fields(text: str, fields: dict[str, str]) -> str:
    """A header's or footer's text with its template tags filled in, as the Word document fills them."""
    if "{" not in text:
        return text
    from jinja2 import TemplateError

    try:
        return str(_compiled(text).render(**fields))
    except TemplateError:  # the Word document reports a broken tag (in the same template) with its place
        return text


@functools.lru_cache(maxsize=64)
def _compiled(text: str) -> Any:
    """A header's or footer's text as a Jinja template: compiled once per process, not once per document."""
    from sprintdoc.writers.docx_template import BoundedEnvironment

    return BoundedEnvironment().from_string(text)


def stringWidth(text: str, font: str, size: float) -> float:  # reportlab's name, typed
    """The width of `text` set in `font` at `size` points."""
    return float(_string_width(text, font, size))

"""The PDF newsletter, drawn natively with reportlab: masthead, sections in bundle order, closing, footer.

`write` orchestrates the document (page frame, masthead, order, metadata, saving);
each section kind draws its own section through a `PdfContext`, the PDF's answer
to every call of `sprintdoc.drawing.Drawing`. Every element drawn is recorded
with its structure role (`roles`), in reading order, ready for a tagged PDF.

Navigation: section and item headings carry the outline's markers
(`sprintdoc-news-1`, `sprintdoc-news-1-2`) as named destinations in the
catalog's /Names tree, and every heading is a bookmark at its level.
"""

from __future__ import annotations

import contextlib
import functools
import io
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any, Literal

import attrs
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Image as ImageFlowable
from reportlab.platypus.flowables import HRFlowable

from sprintdoc import fonts
from sprintdoc.drawing import StageState, StageView, TextStyle
from sprintdoc.markdown import Block, ListBlock, Markdown, Span
from sprintdoc.markdown import Paragraph as MdParagraph
from sprintdoc.model import Bundle, Image, Picture
from sprintdoc.outline import CURRENT_STAGE_PREFIX, PERIOD_MARKER, TITLE_MARKER, marker
from sprintdoc.registry import Registry, default_registry
from sprintdoc.theme import Colour, Theme
from sprintdoc.writers import CREATOR, document_date
from sprintdoc.writers.list_layout import drawn_level, list_indent
from sprintdoc.writers.pdf_markup import chunks, spans_markup, text_markup
from sprintdoc.writers.pdf_stages import StageLook, chevrons, strip

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
BOTTOM_MARGIN = 22 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN
FRAME_HEIGHT = PAGE_HEIGHT - MARGIN - BOTTOM_MARGIN
#: The form XObject holding the page count, drawn on every page and filled in once the count is known.
_PAGE_COUNT_FORM = "sprintdocPageCount"
#: Pictures are embedded at no more than this resolution at the size they are shown.
IMAGE_DPI = 200
BULLETS = ("•", "◦", "▪")

RoleKind = Literal[
    "title", "heading", "paragraph", "list-item", "quote", "figure", "caption", "table-cell", "link", "decoration"
]
_TAGS = {
    "title": "Title", "paragraph": "P", "list-item": "LI", "quote": "BlockQuote", "figure": "Figure",
    "caption": "Caption", "table-cell": "TD", "link": "Link", "decoration": "Artifact",
}  # fmt: skip


@attrs.frozen
class Role:
    """What one drawn element is, for a reader of the structure (and a later tagged PDF).

    `level` is a heading's level (1 to 6) or a list item's depth (1 for a top-level
    item); `alt` is a figure's alt text; `href` a link's target. A link is listed
    right after the paragraph or list item it sits in.
    """

    kind: RoleKind
    text: str = ""
    level: int | None = None
    alt: str | None = None
    href: str | None = None

    @property
    def tag(self) -> str:
        """The PDF structure type this element will be tagged with (`H2`, `P`, `LI`, `Figure`, `Artifact`…)."""
        if self.kind == "heading":
            return f"H{min(max(self.level or 1, 1), 6)}"
        return _TAGS[self.kind]


def write(bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None:
    """Write the PDF newsletter of `bundle` to a binary stream (`template` is for Word only and is ignored)."""
    ctx = _draw(bundle, registry)
    buffer = io.BytesIO()
    document = _Document(buffer, bundle, ctx)
    document.build(ctx.root_story, canvasmaker=functools.partial(_Canvas, stamp=_stamp(bundle), ctx=ctx))
    stream.write(buffer.getvalue())


def roles(bundle: Bundle, registry: Registry | None = None) -> list[Role]:
    """The structure role of every element the PDF of `bundle` draws, in reading order."""
    return list(_draw(bundle, registry or default_registry()).roles)


def _draw(bundle: Bundle, registry: Registry) -> PdfContext:
    ctx = PdfContext(bundle)
    ctx.masthead()
    for n, section in enumerate(bundle.sections, start=1):
        kind = registry.kind_of(section)
        ctx.begin_section(kind.name, n)
        kind.pdf(section, ctx)
    ctx.closing()
    ctx.record("decoration", "running footer: page number and edition")
    return ctx


# --- the context section kinds draw through ------------------------------------------------------------------


@attrs.frozen
class _Anchor:
    """Where a heading goes in the PDF outline; `named` anchors are also named destinations."""

    key: str
    title: str
    level: int
    named: bool


class PdfContext:
    """The PDF's `Drawing`: each call appends flowables to the story and records their roles.

    Raw access for plugins: `story` (the flowable list being filled, inside a `group`
    too), `styles` (reportlab ParagraphStyles by name), `markup(text)` (escaped
    Paragraph markup for any text) and `record(kind, text)` (a role for what a plugin draws).
    """

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self._theme = bundle.theme
        self.body_faces = fonts.register(bundle.theme.fonts.body, bundle.root)
        self.heading_faces = fonts.register(bundle.theme.fonts.heading, bundle.root)
        for family in fonts.FALLBACKS:
            fonts.register(family)
        self.styles = _styles(bundle.theme, self.body_faces, self.heading_faces)
        self.roles: list[Role] = []
        self.root_story: list[Flowable] = []
        self._targets: list[list[Flowable]] = [self.root_story]
        self.kind_name = ""
        self.section_index = 0
        self.item_index = 0
        self._headings = 0
        self._derived: dict[tuple[int, float, bool, bool], ParagraphStyle] = {}
        c = bundle.theme.colours
        self._link_colour = c.primary.hex
        self.stage_look = StageLook(
            font=self.body_faces.names()[0], bold_font=self.body_faces.names()[1],
            chevron_fill=_rl(c.primary), chevron_text=colors.white, current_fill=_rl(c.current_stage),
            text=_rl(c.text), done_fill=_tint(c.primary, 0.86), later_fill=_tint(c.muted, 0.93),
        )  # fmt: skip

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        return self._theme

    @property
    def story(self) -> list[Flowable]:
        """The list of flowables being filled (a group's while inside `group()`)."""
        return self._targets[-1]

    def record(self, kind: RoleKind, text: str = "", **extra: Any) -> None:
        """Record the structure role of something drawn (for plugins drawing raw flowables too)."""
        self.roles.append(Role(kind, text, **extra))

    def markup(self, text: str) -> str:
        """Paragraph markup that shows `text` exactly as given, in the body font."""
        return text_markup(text, self.body_faces)

    def begin_section(self, kind_name: str, index: int) -> None:
        """Start the `index`-th section (1-based), of kind `kind_name`: its markers are named from these."""
        self.kind_name = kind_name
        self.section_index = index
        self.item_index = 0

    # Drawing ----------------------------------------------------------------------------------------------------

    def section_heading(self, title: str) -> None:
        """The section's title as a level-1 heading, with the section's marker (`sprintdoc-news-1`)."""
        key = marker(self.kind_name, self.section_index)
        self._heading(title, 1, _Anchor(key, title, 0, named=True))

    def item_heading(self, title: str) -> None:
        """An item's title as a level-2 heading with its marker (`sprintdoc-news-1-2`)."""
        self.item_index += 1
        key = marker(self.kind_name, self.section_index, self.item_index)
        self._heading(title, 2, _Anchor(key, title, 1, named=True))

    def heading(self, text: str, level: int = 3) -> None:
        """A heading that is not an item: in the outline at its level, with no marker."""
        self._headings += 1
        level = min(max(level, 1), 6)
        self._heading(text, level, _Anchor(f"h{self._headings}", text, level - 1, named=False))

    def text(self, text: str, style: TextStyle = "body") -> None:
        """A paragraph of plain text in one of the theme's text styles."""
        self._paragraph(self.markup(text), self.styles[style], "caption" if style == "caption" else "paragraph", text)

    def labelled(self, pairs: Sequence[tuple[str, str]]) -> None:
        """`Label: value` lines, the label in bold; pairs with no value are skipped."""
        for label, value in pairs:
            if value.strip():
                markup = f"<b>{self.markup(label)}:</b> {self.markup(value)}"
                self._paragraph(markup, self.styles["labelled"], "paragraph", f"{label}: {value}")

    def markdown(self, text: Markdown) -> None:
        """A Markdown field: paragraphs, lists, quotes, bold, italic, links."""
        self._blocks(text.blocks, self.styles["body"], 0, quoted=False)

    def bullets(self, items: Sequence[Markdown]) -> None:
        """A bullet list whose items are Markdown."""
        self._blocks((ListBlock(False, tuple(item.blocks for item in items)),), self.styles["body"], 0, quoted=False)

    def quote(self, text: str) -> None:
        """A pull quote (a card's aim)."""
        self.story.append(_QuoteParagraph(self.markup(text), self.styles["quote"]))
        self.record("quote", text)

    def picture(self, image: Image) -> None:
        """The image scaled to fit, with its alt text recorded and its caption under it."""
        picture = image.picture
        if picture is None:
            from sprintdoc.images import decode

            picture = decode(self.bundle.root / image.file, image.file)
        wide = picture.width > picture.height * 1.2
        width, height = _fit(picture, FRAME_WIDTH * (0.65 if wide else 0.35), FRAME_HEIGHT * 0.4)
        flowable = _image(picture, width, height)
        flowable.hAlign = "LEFT"
        parts: list[Flowable] = [Spacer(1, 2), flowable]
        if image.decorative:
            self.record("decoration", image.file)
        else:
            self.record("figure", image.file, alt=image.alt)
        if image.caption:
            parts.append(Paragraph(self.markup(image.caption), self.styles["caption"]))
            self.record("caption", image.caption)
        self._keep(parts)

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """The lifecycle as chevrons, or a card's stage strip followed by `Current stage: …` in words."""
        if not stages:
            return
        if strip:
            self._strip(stages)
            return
        drawing = chevrons(stages, FRAME_WIDTH, self.stage_look, FRAME_HEIGHT * 0.3)
        if drawing is None:  # too many stages or names too long for chevrons: the strip's table says it all
            self._strip(stages)
            return
        self.story.append(_Padded(drawing, 4, 8))
        names = [stage.name for stage in stages]
        self.record("figure", " → ".join(names), alt="Stages: " + ", then ".join(names))

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """Keep what is drawn inside together on a page where it fits; a group taller than a page splits."""
        self._targets.append([])
        try:
            yield
        finally:
            parts = self._targets.pop()
            if parts:
                rule = HRFlowable(width="100%", thickness=0.75, color=self.stage_look.later_fill, spaceBefore=6,
                                  spaceAfter=0)  # fmt: skip
                self._keep([rule, *parts])

    # The edition's own parts ----------------------------------------------------------------------------------

    def masthead(self) -> None:
        """The masthead (title, period, publisher, logo, strapline) and the tagline banner."""
        edition = self.bundle.edition
        title = _Heading(text_markup(edition.title, self.heading_faces), self.styles["masthead-title"])
        title.anchor = _Anchor(TITLE_MARKER, edition.title, 0, named=True)
        period = _Heading(self.markup(edition.period), self.styles["masthead-period"])
        period.anchor = _Anchor(PERIOD_MARKER, edition.period, 0, named=True)
        text: list[Flowable] = [title, period]
        self.record("decoration", "masthead band")
        self.record("title", edition.title)
        self.record("paragraph", edition.period)
        if edition.publisher:
            text.append(Paragraph(self.markup(edition.publisher), self.styles["masthead-publisher"]))
            self.record("paragraph", edition.publisher)
        row: list[Any] = [text]
        widths = [FRAME_WIDTH]
        if edition.logo is not None:
            picture = edition.logo.picture
            if picture is None:
                from sprintdoc.images import decode

                picture = decode(self.bundle.root / edition.logo.file, edition.logo.file)
            w, h = _fit(picture, FRAME_WIDTH * 0.3, 60)
            row.append(_image(picture, w, h))
            widths = [FRAME_WIDTH - w - 24, w + 24]
            if edition.logo.decorative:
                self.record("decoration", edition.logo.file)
            else:
                self.record("figure", edition.logo.file, alt=edition.logo.alt)
        band = Table([row], colWidths=widths, splitInRow=1)
        primary = _rl(self.theme.colours.primary)
        band_style: list[tuple[Any, ...]] = [
            ("FONT", (0, 0), (-1, -1), self.body_faces.names()[0], 10),  # else reportlab sets Helvetica
            ("BACKGROUND", (0, 0), (0, 0), primary),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 14),
        ]
        if len(row) == 2:
            band_style += [("BACKGROUND", (1, 0), (1, 0), colors.white), ("BOX", (1, 0), (1, 0), 3, primary),
                           ("ALIGN", (1, 0), (1, 0), "CENTER")]  # fmt: skip
        band.setStyle(TableStyle(band_style))
        self.story.append(band)
        if edition.strapline:
            self.story.append(Paragraph(self.markup(edition.strapline), self.styles["strapline"]))
            self.record("paragraph", edition.strapline)
        if edition.tagline:
            banner = Table([[Paragraph(self.markup(edition.tagline), self.styles["tagline"])]],
                           colWidths=[FRAME_WIDTH], splitInRow=1)  # fmt: skip
            banner.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), self.body_faces.names()[0], 10),
                ("BACKGROUND", (0, 0), (-1, -1), _rl(self.theme.colours.accent)),
                ("TOPPADDING", (0, 0), (-1, -1), 6), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]))  # fmt: skip
            self.story.append(banner)
            self.record("decoration", "tagline banner")
            self.record("paragraph", edition.tagline)
        self.story.append(Spacer(1, 6))

    def closing(self) -> None:
        """The edition's closing Markdown, under a rule, at the end."""
        closing = self.bundle.edition.closing
        if not closing:
            return
        self.story.append(Spacer(1, 10))
        self.story.append(HRFlowable(width="100%", thickness=1.5, color=_rl(self.theme.colours.primary),
                                     spaceBefore=4, spaceAfter=8))  # fmt: skip
        self.record("decoration", "rule before the closing")
        self._blocks(closing.blocks, self.styles["closing"], 0, quoted=False)

    # Helpers ----------------------------------------------------------------------------------------------------

    def _keep(self, parts: list[Flowable]) -> None:
        """Append `parts` kept together, with any headings just before them (keepWithNext cannot hold a group).

        Inside a group they are simply added: the group keeps them together already, and
        reportlab measures a KeepTogether inside another as infinitely tall.
        """
        story = self.story
        if len(self._targets) > 1:
            story.extend(parts)
            return
        lead: list[Flowable] = []
        while story and isinstance(story[-1], _Heading):
            lead.insert(0, story.pop())
        story.append(KeepTogether(lead + parts))

    def _heading(self, text: str, level: int, anchor: _Anchor) -> None:
        style = self.styles[f"h{min(level, 4)}"]
        flowable = _Heading(text_markup(text, self.heading_faces), style)
        flowable.anchor = anchor
        self.story.append(flowable)
        self.record("heading", text, level=level)

    def _paragraph(self, markup: str, style: ParagraphStyle, kind: RoleKind, text: str) -> None:
        self.story.append(Paragraph(markup, style))
        self.record(kind, text)

    def _blocks(
        self,
        blocks: Sequence[Block],
        style: ParagraphStyle,
        depth: int,
        *,
        quoted: bool,
        base: ParagraphStyle | None = None,
    ) -> None:
        """Draw blocks at list depth `depth`: paragraphs in `style`; lists indented from `base` (default `style`)."""
        base = style if base is None else base
        for block in blocks:
            if isinstance(block, MdParagraph):
                self._spans(block.spans, style, "quote" if quoted else "paragraph", quoted=quoted)
            elif isinstance(block, ListBlock):
                self._list(block, base, depth, quoted=quoted)
            elif quoted:
                self._blocks(block.blocks, style, depth, quoted=True, base=base)
            else:
                self._blocks(block.blocks, self.styles["quote"], depth, quoted=True)

    def _list(self, block: ListBlock, base: ParagraphStyle, depth: int, *, quoted: bool) -> None:
        # Indented from the list's unindented `base`, not from the item around it: one fixed step a level.
        level = depth + 1
        item_style = _derived(self._derived, base, list_indent(level))
        for i, item in enumerate(block.items):
            bullet = f"{block.start + i}." if block.ordered else BULLETS[(drawn_level(level) - 1) % len(BULLETS)]
            first, rest = (item[0], item[1:]) if item and isinstance(item[0], MdParagraph) else (None, item)
            spans = first.spans if first is not None else ()
            self._spans(spans, item_style, "list-item", quoted=quoted, bullet=bullet, depth=level)
            self._blocks(rest, item_style, level, quoted=quoted, base=base)

    def _spans(
        self,
        spans: tuple[Span, ...],
        style: ParagraphStyle,
        kind: RoleKind,
        *,
        quoted: bool,
        bullet: str | None = None,
        depth: int | None = None,
    ) -> None:
        cls = _QuoteParagraph if quoted else Paragraph
        runs = list(chunks(spans))
        for n, run in enumerate(runs):
            markup = spans_markup(run, self.body_faces, self._link_colour)
            run_style = style
            if len(runs) > 1:  # the runs of one long paragraph follow each other with no space between
                run_style = _derived(self._derived, style, before=n == 0, after=n == len(runs) - 1)
            self.story.append(cls(markup, run_style, bulletText=bullet if n == 0 else None))
        text = "".join(span.text for span in spans)
        self.record(kind, text, level=depth)
        for span in spans:
            if span.link:
                self.record("link", span.text, href=span.link)

    def _strip(self, views: Sequence[StageView]) -> None:
        cells = []
        for view in views:
            style = "stage-current" if view.state is StageState.CURRENT else "stage"
            cell: list[Flowable] = [Paragraph(self.markup(view.name), self.styles[style])]
            if view.dates:
                cell.append(Paragraph(self.markup(view.dates), self.styles["stage-dates"]))
            if view.note:
                cell.append(Paragraph(self.markup(view.note), self.styles["stage-note"]))
            cells.append(cell)
            self.record("table-cell", " ".join(t for t in (view.name, view.dates, view.note) if t))
        parts: list[Flowable] = [Spacer(1, 4), strip(cells, views, FRAME_WIDTH, self.stage_look)]
        current = next((view for view in views if view.state is StageState.CURRENT), None)
        if current is not None:
            markup = f"<b>{self.markup(CURRENT_STAGE_PREFIX.strip())}</b> {self.markup(current.name)}"
            parts.append(Paragraph(markup, self.styles["current-stage"]))
            self.record("paragraph", CURRENT_STAGE_PREFIX + current.name)
        else:
            parts.append(Spacer(1, 8))
        self._keep(parts)


# --- flowables ------------------------------------------------------------------------------------------------


class _Heading(Paragraph):  # type: ignore[misc]  # reportlab is untyped
    """A heading paragraph that puts itself in the PDF outline (and the named destinations) where it is drawn."""

    anchor: _Anchor | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        for i, part in enumerate(parts):
            if part is not self:
                part.anchor = self.anchor if i == 0 else None
        return parts

    def draw(self) -> None:
        if self.anchor is not None and isinstance(self.canv, _Canvas):
            self.canv.anchor(self.anchor, self.height)
        super().draw()


class _QuoteParagraph(Paragraph):  # type: ignore[misc]  # reportlab is untyped
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


class _Padded(Flowable):  # type: ignore[misc]  # reportlab is untyped
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


def _image(picture: Picture, width: float, height: float) -> Flowable:
    data = _downscaled(picture, width, height)
    return ImageFlowable(io.BytesIO(data), width=width, height=height, mask="auto")


def _fit(picture: Picture, max_width: float, max_height: float) -> tuple[float, float]:
    """The size to show a picture: its size at 96 dpi, at most 1.5 times larger for a small one, inside the box."""
    natural_w = picture.width * 72 / 96
    natural_h = picture.height * 72 / 96
    scale = min(max_width / natural_w, max_height / natural_h, 1.5)
    return natural_w * scale, natural_h * scale


def _downscaled(picture: Picture, width: float, height: float) -> bytes:
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


# --- the document: page frame, footer, canvas -----------------------------------------------------------------


def _stamp(bundle: Bundle) -> TimeStamp:
    when = document_date(bundle)
    stamp = TimeStamp(invariant=1)
    stamp.t = when.timestamp()
    stamp.lt = when.timetuple()
    stamp.YMDhms = tuple(stamp.lt)[:6]
    return stamp


class _Canvas(Canvas):  # type: ignore[misc]  # reportlab is untyped
    """A canvas that dates the file, keeps heading levels valid, fills in the page count and names destinations."""

    def __init__(self, *args: Any, stamp: TimeStamp, ctx: PdfContext, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._doc._timeStamp = stamp
        self.ctx = ctx
        self.named: list[str] = []
        self.pages = 0
        self._outline_level = -1

    def anchor(self, anchor: _Anchor, top: float) -> None:
        """Bookmark the current page at `top` (relative to the flowable drawn) and add it to the outline."""
        self.bookmarkHorizontal(anchor.key, 0, top)
        # reportlab refuses an outline level more than one deeper than the one before it.
        level = min(anchor.level, self._outline_level + 1)
        self.addOutlineEntry(anchor.title, anchor.key, level, closed=False)
        self._outline_level = level
        if anchor.named:
            self.named.append(anchor.key)

    def save(self) -> None:
        self.beginForm(_PAGE_COUNT_FORM)
        self.setFont(self.ctx.body_faces.names()[0], 8)
        self.setFillColor(_rl(self.ctx.theme.colours.muted))
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


class _Document(BaseDocTemplate):  # type: ignore[misc]  # reportlab is untyped
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
        if isinstance(canv, _Canvas):
            canv.pages = max(canv.pages, page)
        y = BOTTOM_MARGIN - 12 * mm
        canv.saveState()
        canv.setStrokeColor(_rl(theme.colours.primary))
        canv.setLineWidth(0.75)
        canv.line(MARGIN, y + 11, PAGE_WIDTH - MARGIN, y + 11)
        canv.setFont(font, 8)
        canv.setFillColor(_rl(theme.colours.muted))
        label = f"Page {page} of "
        canv.drawString(MARGIN, y, label)
        canv.saveState()
        canv.translate(MARGIN + stringWidth(label, font, 8), y)
        canv.doForm(_PAGE_COUNT_FORM)
        canv.restoreState()
        canv.drawRightString(PAGE_WIDTH - MARGIN, y, _shortened(self.edition_line, font, 8, FRAME_WIDTH * 0.6))
        canv.restoreState()


def _shortened(text: str, font: str, size: float, width: float) -> str:
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


# --- styles ---------------------------------------------------------------------------------------------------


def _rl(colour: Colour) -> colors.Color:
    r, g, b = colour.rgb
    return colors.Color(r / 255, g / 255, b / 255)


def _tint(colour: Colour, white: float) -> colors.Color:
    """The colour mixed with `white` parts of white (0 to 1)."""
    r, g, b = (c / 255 * (1 - white) + white for c in colour.rgb)
    return colors.Color(r, g, b)


def _styles(theme: Theme, body: fonts.Faces, heading: fonts.Faces) -> dict[str, ParagraphStyle]:
    c = theme.colours
    text, muted, primary, accent = _rl(c.text), _rl(c.muted), _rl(c.primary), _rl(c.accent)
    regular, bold, italic, _ = body.names()
    head_bold = heading.names()[1]
    base = ParagraphStyle("body", fontName=regular, fontSize=10, leading=14, textColor=text, spaceAfter=6,
                          splitLongWords=1, allowWidows=0, allowOrphans=0)  # fmt: skip

    def like(name: str, parent: ParagraphStyle = base, **kw: Any) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    heading_kw: dict[str, Any] = {"fontName": head_bold, "keepWithNext": 1, "textColor": primary}
    return {
        "body": base,
        "subtitle": like("subtitle", fontName=italic, fontSize=11, leading=14, textColor=muted, spaceAfter=4),
        "meta": like("meta", fontSize=9, leading=12, textColor=muted, spaceAfter=8),
        "caption": like("caption", fontName=italic, fontSize=8.5, leading=11, textColor=muted, spaceBefore=3,
                        spaceAfter=10),
        "strapline": like("strapline", fontName=italic, fontSize=12, leading=16, textColor=muted, spaceBefore=8,
                          spaceAfter=8),
        "labelled": like("labelled", fontSize=9.5, leading=13, spaceAfter=1),
        "quote": like("quote", fontName=italic, fontSize=11, leading=15, textColor=primary, leftIndent=14,
                      spaceBefore=4, spaceAfter=8),
        "closing": like("closing", fontSize=10, leading=14, textColor=muted),
        "h1": like("h1", fontSize=17, leading=21, spaceBefore=16, spaceAfter=8, **heading_kw),
        "h2": like("h2", fontSize=13, leading=17, spaceBefore=12, spaceAfter=5, **heading_kw),
        "h3": like("h3", fontSize=10.5, leading=14, spaceBefore=8, spaceAfter=3, **{**heading_kw, "textColor": accent}),
        "h4": like("h4", fontSize=10, leading=13, spaceBefore=6, spaceAfter=2, **{**heading_kw, "textColor": text}),
        "masthead-title": like("masthead-title", fontName=head_bold, fontSize=28, leading=33, textColor=colors.white,
                               spaceAfter=2),
        "masthead-period": like("masthead-period", fontName=bold, fontSize=14, leading=18, textColor=colors.white,
                                spaceAfter=2),
        "masthead-publisher": like("masthead-publisher", fontSize=9, leading=12, textColor=colors.white, spaceAfter=0),
        "tagline": like("tagline", fontName=bold, fontSize=12, leading=15, textColor=colors.white,
                        alignment=TA_CENTER, spaceAfter=0),
        "stage": like("stage", fontSize=8.5, leading=11, spaceAfter=1),
        "stage-current": like("stage-current", fontName=bold, fontSize=8.5, leading=11, spaceAfter=1),
        "stage-dates": like("stage-dates", fontSize=7.5, leading=10, spaceAfter=1),
        "stage-note": like("stage-note", fontName=italic, fontSize=7.5, leading=10, spaceAfter=0),
        "current-stage": like("current-stage", fontSize=9, leading=12, spaceBefore=3, spaceAfter=8),
    }  # fmt: skip


def _derived(
    cache: dict[tuple[int, float, bool, bool], ParagraphStyle],
    style: ParagraphStyle,
    indent: float = 0.0,
    *,
    before: bool = True,
    after: bool = True,
) -> ParagraphStyle:
    """`style` indented by `indent` (for a list item, its bullet in the margin), with or without its spacing."""
    key = (id(style), indent, before, after)
    if key not in cache:
        extra: dict[str, Any] = {}
        if indent:
            extra = {"leftIndent": style.leftIndent + indent, "bulletIndent": style.leftIndent + indent - 11,
                     "bulletFontName": style.fontName, "spaceAfter": 2}  # fmt: skip
        if not before:
            extra["spaceBefore"] = 0
        if not after:
            extra["spaceAfter"] = 0
        cache[key] = ParagraphStyle(f"{style.name}+", parent=style, **extra)
    return cache[key]

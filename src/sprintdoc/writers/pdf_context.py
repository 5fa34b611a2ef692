"""The PDF's answer to every `Drawing` call: `PdfContext` turns what a section kind draws into reportlab flowables.

Every element drawn is recorded with its structure role (`Role`), in reading order, ready for a tagged PDF.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Literal

import attrs
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Spacer

from sprintdoc.drawing import Align, Cell, Row, StageView, TextStyle, item_title, table_view
from sprintdoc.fonts import Faces
from sprintdoc.markdown import Block, ListBlock, Markdown, Span
from sprintdoc.markdown import Paragraph as MdParagraph
from sprintdoc.model import Bundle, Image
from sprintdoc.outline import PERIOD_MARKER, TITLE_MARKER, marker
from sprintdoc.theme import Theme
from sprintdoc.writers import default_template
from sprintdoc.writers.list_layout import drawn_level, list_indent
from sprintdoc.writers.pdf_flowables import AnchorPoint, BorderedParagraph, HeadingParagraph, fit, image_flowable
from sprintdoc.writers.pdf_look import PdfLook, derived, pdf_look, stage_look, stage_styles
from sprintdoc.writers.pdf_markup import chunks, spans_markup, text_markup
from sprintdoc.writers.pdf_page import Anchor, Together
from sprintdoc.writers.pdf_stages import draw_stages
from sprintdoc.writers.pdf_table import TableDrawer
from sprintdoc.writers.pdf_tags import Marked, StructElem, TagTree
from sprintdoc.writers.style_roles import LOGO_BOX_CM, PICTURE_MAX_HEIGHT_CM

BULLETS = ("•", "◦", "▪")
#: The largest a picture and the masthead logo are drawn, in points: the Word document's sizes.
PICTURE_MAX_HEIGHT = PICTURE_MAX_HEIGHT_CM * cm
LOGO_BOX = (LOGO_BOX_CM[0] * cm, LOGO_BOX_CM[1] * cm)
_H_ALIGN = {TA_LEFT: "LEFT", TA_CENTER: "CENTER", TA_RIGHT: "RIGHT", TA_JUSTIFY: "LEFT"}

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


class PdfContext:
    """The PDF's `Drawing`: each call appends flowables to the story and records their roles.

    Raw access for a kind's `pdf=` override (docs/section-kinds.md, "Raw access"): `story` (the
    flowable list being filled, a `group`'s inside one), `styles` (reportlab ParagraphStyles by name),
    `markup(text)` (escaped Paragraph markup for any text), `body_faces` and `heading_faces` (the
    fonts), `column_width` (points), `tagged(flowable, "P")` (a raw flowable tagged for screen
    readers) and `record(kind, text)` (a role for what a plugin draws).

    reportlab ships no type hints (and sprintdoc does not install stubs for it), so `Flowable` and
    `ParagraphStyle` below are what mypy sees as `Any`: the annotations say what the objects are.
    """

    #: The edition being drawn.
    bundle: Bundle
    #: The fonts body text is set in: `body_faces.names()[0]` is the regular face's reportlab font name.
    body_faces: Faces
    #: The fonts headings are set in.
    heading_faces: Faces
    #: reportlab ParagraphStyles by name, read from the Word template's styles: "body", "meta", "caption",
    #: "quote", "h1"…"h4", "table", "bullet"… (`style_roles.WORD_STYLES`). Use them as they are; copy to vary.
    styles: dict[str, ParagraphStyle]
    #: The width and height text is set in, in points.
    frame_width: float
    frame_height: float

    def __init__(self, bundle: Bundle, look: PdfLook | None = None) -> None:
        self.bundle = bundle
        self._theme = bundle.theme
        self.look = look or pdf_look(default_template(), bundle.theme, bundle.root)
        self.body_faces = self.look.body_faces
        self.heading_faces = self.look.heading_faces
        self.styles = stage_styles(self.look.styles, bundle.theme)
        self.frame_width = self.look.page.frame_width
        self.frame_height = self.look.page.frame_height
        self.roles: list[Role] = []
        #: The structure tree (`pdf_tags`), grown in reading order; `_parents` ends with the element drawn into.
        self.tags = TagTree()
        self._parents: list[StructElem] = [self.tags.root]
        self.root_story: list[Flowable] = []
        self._targets: list[list[Flowable]] = [self.root_story]
        self.kind_name = ""
        self.section_index = 0
        self.item_index = 0
        self._headings = 0
        self._derived: dict[tuple[int, float, bool, bool], ParagraphStyle] = {}
        self._link_colour = self.look.link_colour
        self.stage_look = stage_look(self.look, bundle.theme)
        self._tables: TableDrawer | None = None

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        return self._theme

    @property
    def story(self) -> list[Flowable]:
        """The list of reportlab flowables being filled (a group's while inside `group()`): append a raw
        flowable here, wrapped by `tagged`."""
        return self._targets[-1]

    @property
    def column_width(self) -> float:
        """The width a block may take, in points (`DocxContext.column_width` is the same width in EMU)."""
        return self.frame_width

    def record(
        self,
        kind: RoleKind,
        text: str = "",
        *,
        level: int | None = None,
        alt: str | None = None,
        href: str | None = None,
    ) -> None:
        """Record the structure role of something drawn (for plugins drawing raw flowables too); see `Role`."""
        self.roles.append(Role(kind, text, level, alt, href))

    def markup(self, text: str) -> str:
        """Paragraph markup that shows `text` exactly as given, in the body font."""
        return text_markup(text, self.body_faces)

    def begin_section(self, kind_name: str, index: int) -> None:
        """Start the `index`-th section (1-based), of kind `kind_name`: its markers are named from these."""
        self._parents = [self.tags.root, self.tags.new("Sect", self.tags.root)]
        self.kind_name = kind_name
        self.section_index = index
        self.item_index = 0

    # Drawing ----------------------------------------------------------------------------------------------------

    def section_heading(self, title: str) -> None:
        """The section's title as a level-1 heading, with the section's marker (`sprintdoc-news-1`)."""
        key = marker(self.kind_name, self.section_index)
        self._heading(title, 1, Anchor(key, title, 0, named=True))

    def item_heading(self, title: str) -> None:
        """An item's title as a level-2 heading with its marker (`sprintdoc-news-1-2`)."""
        self.item_index += 1
        key = marker(self.kind_name, self.section_index, self.item_index)
        self._heading(title, 2, Anchor(key, title, 1, named=True))

    def heading(self, text: str, level: int = 3, *, item: bool = False) -> None:
        """A heading: in the outline at its level, with no marker; or, as an item, under the section with its marker."""
        level = min(max(level, 1), 6)
        if item:
            self._heading(text, level, self._item_anchor(text))
            return
        self._headings += 1
        self._heading(text, level, Anchor(f"h{self._headings}", text, level - 1, named=False))

    def text(self, text: str, style: TextStyle = "body", *, item: bool = False) -> None:
        """A paragraph of plain text in one of the theme's text styles; as an item, with the item's marker."""
        kind: RoleKind = "caption" if style == "caption" else "paragraph"
        if not item:
            self._paragraph(self.markup(text), self.styles[style], kind, text)
            return
        paragraph = self._tagged(BorderedParagraph(self.markup(text), self.styles[style]), _TAGS[kind])
        self._keep([AnchorPoint(self._item_anchor(text)), paragraph])
        self.record(kind, text)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Row | Sequence[Cell]],
        *,
        caption: str,
        widths: Sequence[float] | None = None,
        align: Sequence[Align] | None = None,
    ) -> None:
        """A data table in the template's Data Table look, tagged as one (`pdf_table`)."""
        if self._tables is None:
            self._tables = TableDrawer(self)
        self._tables.draw(table_view(header, rows, caption=caption, widths=widths, align=align))

    def _item_anchor(self, text: str) -> Anchor:
        """The next item's marker, for an item marked on a block that is not an item heading."""
        self.item_index += 1
        return Anchor(marker(self.kind_name, self.section_index, self.item_index), item_title(text), 1, named=True)

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
        self.story.append(self._tagged(BorderedParagraph(self.markup(text), self.styles["quote"]), "BlockQuote"))
        self.record("quote", text)

    def picture(self, image: Image) -> None:
        """The image fitted to the column, placed as the Figure style places it, its caption under it."""
        flowable = self._image(image, self.frame_width, PICTURE_MAX_HEIGHT)
        figure = self.styles["figure"]
        flowable.hAlign = _H_ALIGN[figure.alignment]
        parts: list[Flowable] = [Spacer(1, figure.spaceBefore), flowable, Spacer(1, figure.spaceAfter)]
        if image.caption:
            caption = BorderedParagraph(self.markup(image.caption), self.styles["caption"])
            parts.append(self._tagged(caption, "Caption"))
            self.record("caption", image.caption)
        self._keep(parts)

    def _image(self, image: Image, max_width: float, max_height: float) -> Flowable:
        picture = image.picture
        if picture is None:
            from sprintdoc.images import decode

            picture = decode(self.bundle.root / image.file, image.file)
        flowable = image_flowable(picture, *fit(picture, max_width, max_height))
        if image.decorative:
            self.record("decoration", image.file)  # drawn as an artifact: no element
        else:
            self.record("figure", image.file, alt=image.alt)
            flowable.tag = self.tags.new("Figure", self._parents[-1], alt=image.alt or image.file)
        return flowable

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """The lifecycle as a row of filled cells, or a card's stage strip and `Current stage: …` in words."""
        if stages:
            draw_stages(self, stages, lifecycle=not strip)

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """Keep what is drawn inside together on a page where it fits; a group taller than a page splits."""
        self._targets.append([])
        try:
            yield
        finally:
            parts = self._targets.pop()
            if parts:
                self._keep(parts)

    # The edition's own parts ----------------------------------------------------------------------------------

    def masthead(self) -> None:
        """The masthead as the template sets it: logo, publisher, title, period, strapline, the tagline banner."""
        edition = self.bundle.edition
        if edition.logo is not None:
            logo = self._image(edition.logo, *LOGO_BOX)
            logo.hAlign = "LEFT"
            self.story.append(logo)
        if edition.publisher:
            self._paragraph(self.markup(edition.publisher), self.styles["masthead-publisher"], "paragraph",
                            edition.publisher)  # fmt: skip
        title = HeadingParagraph(text_markup(edition.title, self.heading_faces), self.styles["masthead-title"])
        title.anchor = Anchor(TITLE_MARKER, edition.title, 0, named=True)
        period = HeadingParagraph(self.markup(edition.period), self.styles["masthead-period"])
        period.anchor = Anchor(PERIOD_MARKER, edition.period, 0, named=True)
        self.story.extend([self._tagged(title, "H1"), self._tagged(period, "P")])
        self.record("title", edition.title)
        self.record("paragraph", edition.period)
        if edition.strapline:
            self._paragraph(self.markup(edition.strapline), self.styles["strapline"], "paragraph", edition.strapline)
        if edition.tagline:
            self._paragraph(self.markup(edition.tagline), self.styles["tagline"], "paragraph", edition.tagline)

    def closing(self) -> None:
        """The edition's closing Markdown, at the end, in the Closing style (its rule is the style's border)."""
        closing = self.bundle.edition.closing
        self._parents = [self.tags.root]
        if closing:
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
        while story and isinstance(story[-1], HeadingParagraph):
            lead.insert(0, story.pop())
        story.append(Together(lead + parts))

    def _heading(self, text: str, level: int, anchor: Anchor) -> None:
        style = self.styles[f"h{min(level, 4)}"]
        flowable = HeadingParagraph(text_markup(text, self.heading_faces), style)
        flowable.anchor = anchor
        self.story.append(self._tagged(flowable, f"H{level}"))
        self.record("heading", text, level=level)

    def _paragraph(self, markup: str, style: ParagraphStyle, kind: RoleKind, text: str) -> None:
        self.story.append(self._tagged(BorderedParagraph(markup, style), "Caption" if kind == "caption" else "P"))
        self.record(kind, text)

    def tagged(self, flowable: Flowable, structure_type: str = "P", *, alt: str | None = None) -> Flowable:
        """`flowable` wrapped so that what it draws is tagged as a `structure_type` element (`P`, `Figure` with
        `alt`, `Table`…) in reading order: for a plugin that appends raw reportlab flowables to `story`.

        Everything a kind draws through the `Drawing` calls is tagged already; a raw flowable that is not
        wrapped so is neither tagged nor an artifact, which PDF/UA forbids.
        """
        return Marked(flowable, self.tags.new(structure_type, self._parents[-1], alt=alt))

    def _tagged(self, flowable: Flowable, type_: str, parent: StructElem | None = None) -> Flowable:
        """`flowable`, drawn as the content of a new `type_` element under `parent` (default: the current one)."""
        flowable.tag = self.tags.new(type_, parent or self._parents[-1])
        return flowable

    @contextlib.contextmanager
    def _within(self, type_: str) -> Iterator[StructElem]:
        """Elements made inside the `with` go under a new `type_` element (a list, a quote, a table)."""
        element = self.tags.new(type_, self._parents[-1])
        self._parents.append(element)
        try:
            yield element
        finally:
            self._parents.pop()

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
                with self._within("BlockQuote"):
                    self._blocks(block.blocks, style, depth, quoted=True, base=base)
            else:
                with self._within("BlockQuote"):
                    self._blocks(block.blocks, self.styles["quote"], depth, quoted=True)

    def _list(self, block: ListBlock, base: ParagraphStyle, depth: int, *, quoted: bool) -> None:
        # Indented from the list's unindented `base`, not from the item around it: one fixed step a level.
        level = depth + 1
        item_style = derived(self._derived, base, list_indent(level))
        with self._within("L"):
            for i, item in enumerate(block.items):
                bullet = f"{block.start + i}." if block.ordered else BULLETS[(drawn_level(level) - 1) % len(BULLETS)]
                first, rest = (item[0], item[1:]) if item and isinstance(item[0], MdParagraph) else (None, item)
                spans = first.spans if first is not None else ()
                with self._within("LI"), self._within("LBody") as body:
                    self._spans(spans, item_style, "list-item", quoted=quoted, bullet=bullet, depth=level, element=body)
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
        element: StructElem | None = None,
    ) -> None:
        """A paragraph of spans, cut in runs if long: the content of `element`, else of a new P."""
        element = element or self.tags.new("P", self._parents[-1])
        runs = list(chunks(spans))
        for n, run in enumerate(runs):
            markup = spans_markup(run, self.body_faces, self._link_colour)
            run_style = style
            if len(runs) > 1:  # the runs of one long paragraph follow each other with no space between
                run_style = derived(self._derived, style, before=n == 0, after=n == len(runs) - 1)
            paragraph = BorderedParagraph(markup, run_style, bulletText=bullet if n == 0 else None)
            paragraph.tag = element
            self.story.append(paragraph)
        text = "".join(span.text for span in spans)
        self.record(kind, text, level=depth)
        for span in spans:
            if span.link:
                self.record("link", span.text, href=span.link)
                element.links[span.link] = (element.links.get(span.link, "") + span.text).strip()

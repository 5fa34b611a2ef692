"""What a section kind draws the Word newsletter with: `DocxContext`, the Word side of `sprintdoc.drawing.Drawing`.

Each call adds paragraphs or a table to a subdocument's body, built straight with lxml
(`docx_build`, `docx_stages`), in the template's styles (found once a role, by name, as
Word finds them); `docx.write` hands the finished body to the template.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from sprintdoc import images
from sprintdoc.drawing import Align, Cell, Row, StageState, StageView, TextStyle, item_title, table_view
from sprintdoc.errors import SprintdocError
from sprintdoc.markdown import Block, ListBlock, Markdown, Paragraph, Quote, Span
from sprintdoc.model import Image, Picture
from sprintdoc.outline import CURRENT_STAGE_PREFIX, marker
from sprintdoc.theme import Theme
from sprintdoc.writers import docx_build as build
from sprintdoc.writers import docx_stages
from sprintdoc.writers import docx_styles as styles
from sprintdoc.writers import docx_xml as xml
from sprintdoc.writers.docx_table import draw_table
from sprintdoc.writers.list_layout import drawn_level
from sprintdoc.writers.style_roles import LOGO_BOX_CM, PICTURE_MAX_HEIGHT_CM

#: The largest a story's photo is drawn: the column's width, this tall (EMU).
PICTURE_MAX_HEIGHT = int(Cm(PICTURE_MAX_HEIGHT_CM))
#: The largest the masthead logo is drawn (EMU).
LOGO_BOX = (int(Cm(LOGO_BOX_CM[0])), int(Cm(LOGO_BOX_CM[1])))
#: Bookmarks that sprintdoc adds count from here, clear of any the template holds.
FIRST_BOOKMARK_ID = 10_000
#: How many blocks the body may hold before those drawn so far are handed on as text (at the next safe point).
SPILL_BLOCKS = 200


class DocxRenderError(SprintdocError, RuntimeError):
    """The Word document came out wrong (text lost or XML broken in rendering): a bug, reported loudly."""


class Drawn:
    """What the drawing calls wrote, kept to check that every text made it into the finished file."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.bookmarks: list[str] = []
        self.next_bookmark = FIRST_BOOKMARK_ID
        #: The names of the Word styles drawn with: a template lacking one is told only if the edition uses it.
        self.styles: set[str] = set()


class DocxContext:
    """The Word side of `sprintdoc.drawing.Drawing`: draws one section kind's calls into a docxtpl Subdoc.

    Raw access for a kind's `docx=` override (docs/section-kinds.md, "Raw access"): `document`, the
    python-docx `Document` being drawn into, whose part is the template's (so `document.styles`,
    numbering and images are the template's, and `document.add_paragraph(text, style="Table Text")`
    adds a paragraph after what was drawn so far); `column_width`, the width a block may take, in EMU
    (`docx.shared.Emu(ctx.column_width).cm`); and `theme`. python-docx is typed, though some of its
    properties (`document.styles`) are not annotated and reach mypy as `Any`.

    Every paragraph and table is built straight in lxml (`docx_build`, `docx_stages`: what python-docx
    would write, without its proxies) and put in before the body's closing `w:sectPr`; each style's id is
    looked up once: a block costs the same however much was drawn before it.
    """

    def __init__(
        self,
        document: Document,
        theme: Theme,
        bundle_root: Path,
        *,
        drawn: Drawn | None = None,
        style_index: styles.StyleIndex | None = None,
        spill: Callable[[list[etree._Element]], None] | None = None,
    ) -> None:
        #: The python-docx document drawn into: the template's styles, numbering and images.
        self.document = document
        self._theme = theme
        self._root = bundle_root
        self._drawn = drawn or Drawn()
        self._kind = ""
        self._section = 0
        self._item = 0
        #: The title of the item being drawn, which names its stage strip.
        self._item_title = ""
        self._style_ids: dict[str, str | None] = {}
        #: Takes blocks drawn and done with out of the body (`Subdoc.spill` keeps them as text); None: all stay.
        self._spill = spill
        #: About how many blocks the body holds (those drawn through this context), and how deep in `group` we are.
        self._held = 0
        self._depth = 0
        self._styles = style_index or styles.StyleIndex(document.styles.element)
        #: The body drawn into, and what closes it (its `w:sectPr`, or None): new blocks go just before that.
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))
        self._container = document._body
        part = document.part
        numbering = part.numbering_part.element
        self._lists = xml.ensure_list_definitions(numbering)
        self._list_instances = xml.ListInstances(numbering)
        section = part.document.sections[-1]
        #: The width a block may take (the page's less its margins), in EMU.
        self.column_width = int(section.page_width - section.left_margin - section.right_margin)

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        return self._theme

    # -- orchestration -------------------------------------------------------------------------

    def begin_section(self, kind_name: str, index: int) -> None:
        """Start drawing section `index` (1-based in the bundle) of kind `kind_name`: its markers count from here."""
        self._kind, self._section, self._item, self._item_title = kind_name, index, 0, ""
        self._spill_done()

    # -- headings ----------------------------------------------------------------------------------

    def section_heading(self, title: str) -> None:
        """The section's title as Heading 1, bookmarked `sprintdoc-<kind>-<n>` (an empty title keeps its bookmark)."""
        p = self._paragraph("heading1", title)
        self._bookmark(p, marker(self._kind, self._section))

    def item_heading(self, title: str) -> None:
        """An item's title as Heading 2, bookmarked `sprintdoc-<kind>-<n>-<m>`."""
        self._item += 1
        self._item_title = title
        p = self._paragraph("heading2", title)
        self._bookmark(p, marker(self._kind, self._section, self._item))

    def heading(self, text: str, level: int = 3, *, item: bool = False) -> None:
        """A heading with no marker (card headings, the lifecycle's title); as an item, with the item's marker."""
        p = self._paragraph(f"heading{min(max(level, 1), 4)}", text)
        if item:
            self._mark_item(p, text)

    # -- text ------------------------------------------------------------------------------------

    def text(self, text: str, style: TextStyle = "body", *, item: bool = False) -> None:
        """A paragraph of plain text in one of the theme's text styles; as an item, with the item's marker."""
        p = self._paragraph(style, text)
        if item:
            self._mark_item(p, text)

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Row | Sequence[Cell]],
        *,
        caption: str,
        widths: Sequence[float] | None = None,
        align: Sequence[Align] | None = None,
    ) -> None:
        """A data table in the template's Data Table style, its header row repeated on each page (`docx_table`)."""
        draw_table(self, table_view(header, rows, caption=caption, widths=widths, align=align))

    def labelled(self, pairs: Sequence[tuple[str, str]]) -> None:
        """`Sponsor: Jane Gardner` lines, the label bold; a pair with no value is left out."""
        for label, value in pairs:
            if not value.strip():
                continue
            p = self._paragraph("labelled", "")
            build.run(p, f"{label}: ", bold=True)
            build.run(p, value)
            self._drawn.texts.append(f"{label}: {value}")

    def quote(self, text: str) -> None:
        """A pull quote."""
        self._paragraph("quote", text)

    def markdown(self, text: Markdown) -> None:
        """A Markdown field: paragraphs, lists (real Word lists), pull quotes, bold, italic, live links."""
        self._blocks(text.blocks, "body", 0)

    def bullets(self, items: Sequence[Markdown]) -> None:
        """A bullet list whose items are Markdown."""
        self._list(ListBlock(False, tuple(item.blocks for item in items)), "body", 0)

    def closing(self, text: Markdown) -> None:
        """The edition's closing Markdown, in the Closing style."""
        self._blocks(text.blocks, "closing", 0)

    # -- pictures --------------------------------------------------------------------------------

    def picture(self, image: Image) -> None:
        """An image fitted to the column, with its alt text (or marked decorative) and its caption under it."""
        self._picture(image, self.column_width, PICTURE_MAX_HEIGHT)
        if image.caption:
            self._paragraph("caption", image.caption)

    def logo(self, image: Image) -> None:
        """The masthead logo: a small picture with its alt text, no caption."""
        self._picture(image, *LOGO_BOX, style="body")

    def _picture(self, image: Image, max_width: int, max_height: int, style: str = "figure") -> None:
        picture = image.picture or images.decode(self._root / image.file, image.file)
        width, height = _fit(picture, max_width, max_height)
        paragraph = WordParagraph(self._paragraph(style, ""), self._container)
        inline = paragraph.add_run().add_picture(io.BytesIO(picture.data), width=Emu(width), height=Emu(height))
        xml.describe_picture(inline._inline, image.alt or "", image.decorative)

    # -- stages ----------------------------------------------------------------------------------

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """The lifecycle (strip=False): one row of filled cells; or a card's stage strip, then `Current stage: …`.

        See `docx_stages` for what each table holds.
        """
        if not stages:
            return
        table_style = self._style_id("stages", styles.TABLE["stages"])
        cell_style = self._style_id("stage" if strip else "lifecycle", None)
        tbl, texts = docx_stages.stage_table(
            self._body, stages, strip=strip, item=self._item_title, width=self.column_width, theme=self._theme,
            styles=docx_stages.StageStyles(table_style, cell_style),
        )  # fmt: skip
        self._append(tbl)
        self._drawn.texts += texts
        current_stage = next((v.name for v in stages if v.state is StageState.CURRENT), None)
        if strip and current_stage is not None:
            self._paragraph("current", CURRENT_STAGE_PREFIX + current_stage)

    # -- keeping together ------------------------------------------------------------------------

    @contextmanager
    def group(self) -> Iterator[None]:
        """Keep what is drawn inside together on one page where it fits (keep-with-next, keep-lines)."""
        before = self._last_block()
        self._depth += 1
        try:
            yield
        finally:
            self._depth -= 1
        first = before.getnext() if before is not None else next(self._body.iterchildren(), None)
        blocks = [el for el in self._since(first) if el.tag == build.P or el.tag == build.TBL]
        for i, block in enumerate(blocks):
            last = i == len(blocks) - 1
            if block.tag == build.P:
                build.keep(block, with_next=not last)
                continue
            for p in block.iter(build.P):
                build.keep(p, with_next=not last)
            for tr in block.iter(build.TR):
                build.keep_row(tr)
        if self._depth == 0:
            self._spill_done()

    def _spill_done(self) -> None:
        """At a point where nothing drawn so far will be looked at again (a section's start, the end of an outermost
        group), hand every block but the last to `spill` once the body holds many: a block held as a tree costs some
        ten times its text, and an edition of thousands of cards would otherwise be held whole."""
        if self._spill is None or self._held < SPILL_BLOCKS:
            return
        blocks = list(self._since(next(self._body.iterchildren(), None)))
        # The last stays: raw access and the next group find their place after it.
        if len(blocks) > 1:
            self._spill(blocks[:-1])
        self._held = 1

    # -- the Markdown tree -----------------------------------------------------------------------

    def _blocks(self, blocks: Sequence[Block], role: str, depth: int) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self._spans(self._paragraph(role, ""), block.spans)
            elif isinstance(block, ListBlock):
                self._list(block, role, depth)
            elif isinstance(block, Quote):
                self._blocks(block.blocks, "quote", depth)

    def _list(self, block: ListBlock, role: str, depth: int) -> None:
        """A real Word list: a fresh `w:num` per list, so numbering restarts; nested lists a level deeper."""
        ilvl = drawn_level(depth + 1) - 1
        num_id = self._list_instances.new(self._lists[block.ordered], ilvl, block.start)
        item_role = "number" if block.ordered else "bullet"
        for item in block.items:
            if not item or not isinstance(item[0], Paragraph):
                item = (Paragraph(()), *item)  # the bullet or number shows even where the item opens with a list
            for i, inner in enumerate(item):
                if isinstance(inner, Paragraph):
                    p = self._paragraph(item_role if i == 0 else "continue", "")
                    if i == 0:
                        build.number(p, num_id, ilvl)
                    else:
                        build.indent(p, xml.list_indent_twips(ilvl + 1))
                    self._spans(p, inner.spans)
                elif isinstance(inner, ListBlock):
                    self._list(inner, role, depth + 1)
                else:
                    self._blocks(inner.blocks, "quote", depth + 1)

    def _spans(self, p: Any, spans: Sequence[Span]) -> None:
        for span in spans:
            if span.link:
                r_id = self.document.part.relate_to(span.link, RT.HYPERLINK, is_external=True)
                link_style = self._style_id("link", styles.CHARACTER["link"], character=True)
                build.run(build.hyperlink(p, r_id), span.text, style=link_style, bold=span.bold, italic=span.italic)
            else:
                build.run(p, span.text, bold=span.bold, italic=span.italic)
        self._drawn.texts.append("".join(span.text for span in spans))

    # -- helpers ---------------------------------------------------------------------------------

    def _append(self, block: Any) -> None:
        """Put a block (`w:p`, `w:tbl`) at the end of the body, before its `w:sectPr`."""
        if self._end is not None:
            self._end.addprevious(block)
        else:
            self._body.append(block)
        self._held += 1

    def _last_block(self) -> Any:
        """The body's last child before its `w:sectPr` (None: there is none), found without walking the body."""
        if self._end is not None:
            return self._end.getprevious()
        return next(self._body.iterchildren(reversed=True), None)

    def _since(self, first: Any) -> Iterator[Any]:
        """The body's children from `first` (None: none) up to its closing `w:sectPr`."""
        element = first
        while element is not None and element is not self._end:
            yield element
            element = element.getnext()

    def _paragraph(self, role: str, text: str) -> Any:
        """A new `w:p` at the end of the body in the style of `role`, holding `text` (if any) in one run."""
        p = build.paragraph(self._body, self._style_id(role, None))
        self._append(p)
        if text:
            build.run(p, text)
        self._drawn.texts.append(text)
        return p

    def _mark_item(self, p: Any, text: str) -> None:
        """Make paragraph `p` the section's next item: its marker around it, titled by its text."""
        self._item += 1
        self._item_title = item_title(text)
        self._bookmark(p, marker(self._kind, self._section, self._item))

    def _bookmark(self, p: Any, name: str, last: Any = None) -> None:
        build.bookmark(p, name, self._drawn.next_bookmark, last)
        self._drawn.next_bookmark += 1
        self._drawn.bookmarks.append(name)

    def _style_id(self, role: str, name: str | None, *, character: bool = False) -> str | None:
        """The id of the template's style for a role, found by name as Word finds it (so a Word in any language, or
        LibreOffice, keeps working); None for the default style of its type, as python-docx writes it. Looked up
        once a role."""
        key = ("c:" if character else "") + role
        if key not in self._style_ids:
            style_name = name or styles.PARAGRAPH[role]
            element = self._styles.find(style_name)
            if element is None:
                raise DocxRenderError(f"the Word style {style_name!r} is missing from the template and the master")
            self._style_ids[key] = self._styles.style_id(element)
            self._drawn.styles.add(style_name)
        return self._style_ids[key]


def _fit(picture: Picture, max_width: int, max_height: int) -> tuple[int, int]:
    """A picture's size in EMU: its natural size at 96 dpi, scaled down to fit the box, aspect kept."""
    width, height = picture.width * 9525, picture.height * 9525
    scale = min(1.0, max_width / width, max_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))

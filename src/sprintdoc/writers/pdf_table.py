"""Data tables in the PDF (`Drawing.table`), drawn as the Word document draws them: in the Data Table style.

The table's lines, cell margins and header row (bold, fill, the rule under it) come from the template's
`Data Table` table style, its text from the `Table Text` paragraph style, so that a restyle in Word reaches
the PDF. It is tagged as a data table: a Table element holding its Caption, a TR of TH cells (/Scope /Column)
and a TR of TD cells a row; a Markdown cell's paragraphs and lists are elements inside its TD. The header
row repeats on each page the table runs on to (a pagination artifact there: `pdf_tags.TaggedTable`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Spacer, TableStyle

from sprintdoc.drawing import Align, Row, TableView, item_title
from sprintdoc.markdown import Markdown
from sprintdoc.outline import marker
from sprintdoc.template_look import TableStyle as WordTableStyle
from sprintdoc.writers.pdf_flowables import AnchorPoint, BorderedParagraph
from sprintdoc.writers.pdf_look import paragraph_style, rgb
from sprintdoc.writers.pdf_page import Anchor
from sprintdoc.writers.pdf_stages import cell_box
from sprintdoc.writers.pdf_tags import StructElem, TaggedTable

if TYPE_CHECKING:
    from sprintdoc.writers.pdf_context import PdfContext

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


@attrs.frozen
class DataTableLook:
    """How a data table is drawn: lines, cell margins and the header row, from the template's Data Table style."""

    line_width: float = 0.5
    line_colour: colors.Color | None = None  # None: no lines between cells
    padding: tuple[float, float, float, float] = (3.0, 4.0, 3.0, 4.0)  # top, left, bottom, right
    header_fill: colors.Color | None = None
    header_rule: tuple[float, colors.Color] | None = None  # the line under the header row: width, colour


def data_table_look(table: WordTableStyle | None) -> DataTableLook:
    """The look of a data table drawn in `table` (None: the template has no Data Table style; plain lines)."""
    if table is None:
        return DataTableLook(line_colour=colors.black)
    line = table.borders.inside_h or table.borders.top or table.borders.inside_v or table.borders.left
    margins = table.cell_margins
    rule = table.header.borders.bottom
    return DataTableLook(
        line_width=line.width if line is not None else 0.5,
        line_colour=rgb(line.colour or "000000") if line is not None else None,
        padding=(margins.top, margins.left, margins.bottom, margins.right),
        header_fill=rgb(table.header.shading) if table.header.shading else None,
        header_rule=(rule.width, rgb(rule.colour or "000000")) if rule is not None else None,
    )


def header_style(body: ParagraphStyle, table: WordTableStyle | None) -> ParagraphStyle:
    """The Table Text style as the header row sets it: bold, italic and colour as the table style's header says."""
    word = body.word_style
    header = table.header if table is not None else None
    if header is None:
        return paragraph_style("table-header", attrs.evolve(word, bold=True), body.word_faces)
    changes: dict[str, Any] = {
        name: value
        for name, value in (("bold", header.bold), ("italic", header.italic), ("colour", header.colour))
        if value is not None
    }
    return paragraph_style("table-header", attrs.evolve(word, **changes), body.word_faces)


class TableDrawer:
    """Draws `Drawing.table` calls into a `PdfContext`, with the styles of each alignment made once."""

    def __init__(self, ctx: PdfContext) -> None:
        self.ctx = ctx
        table = ctx.look.data_table
        self.look = data_table_look(table)
        self._body = ctx.styles["table"]
        self._header = header_style(self._body, table)
        self._aligned: dict[tuple[str, Align], ParagraphStyle] = {}

    def style(self, header: bool, align: Align) -> ParagraphStyle:
        """The header's or the body's cell style, aligned."""
        base = self._header if header else self._body
        key = (base.name, align)
        if key not in self._aligned:
            self._aligned[key] = (
                base
                if base.alignment == _ALIGN[align]
                else ParagraphStyle(f"{base.name}-{align}", parent=base, alignment=_ALIGN[align])
            )
        return self._aligned[key]

    def draw(self, view: TableView) -> None:
        """The caption over the table, the header row and a row of cells for each row; item rows anchored."""
        ctx = self.ctx
        width = ctx.frame_width
        with ctx._within("Table") as table_element:
            caption = None
            if view.caption:
                caption = BorderedParagraph(ctx.markup(view.caption), ctx.styles["caption"])
                caption.tag = ctx.tags.new("Caption", table_element)
                ctx.record("caption", view.caption)
            data: list[list[list[Flowable]]] = []
            with ctx._within("TR"):
                pairs = zip(view.header, view.align, strict=True)
                data.append([[self._text(text, self.style(True, align), "TH")] for text, align in pairs])
            for row in view.rows:
                data.append(self._row(row, view.align))
        table = TaggedTable(data, colWidths=[width * w for w in view.widths], repeatRows=1, splitInRow=1,
                            hAlign="LEFT")  # fmt: skip
        table.setStyle(TableStyle(self._commands()))
        table.tag = table_element
        parts: list[Flowable] = []
        if caption is not None:
            parts.append(caption)
        # The caption, the header row and the first row start on one page; the rest runs on to the next ones.
        start = TaggedTable(data[:2], colWidths=table._argW, repeatRows=0)
        start.setStyle(TableStyle(self._commands()))
        needed = sum(p.wrap(width, ctx.frame_height)[1] for p in [*parts, start])
        ctx.story.extend([CondPageBreak(needed), *parts, table, Spacer(1, ctx.styles["body"].spaceAfter)])

    def _row(self, row: Row, align: tuple[Align, ...]) -> list[list[Flowable]]:
        ctx = self.ctx
        cells: list[list[Flowable]] = []
        with ctx._within("TR"):
            for n, (cell, side) in enumerate(zip(row.cells, align, strict=True)):
                flowables = self._cell(cell, self.style(False, side))
                if n == 0 and row.item:
                    ctx.item_index += 1
                    key = marker(ctx.kind_name, ctx.section_index, ctx.item_index)
                    flowables.insert(0, AnchorPoint(Anchor(key, item_title(cell), 1, named=True)))
                cells.append(flowables)
        for cell in row.cells:
            ctx.record("table-cell", item_title(cell))
        return cells

    def _cell(self, cell: Markdown | str, style: ParagraphStyle) -> list[Flowable]:
        """A cell's flowables: plain text as the TD's content; Markdown as paragraphs and lists inside the TD."""
        ctx = self.ctx
        if isinstance(cell, str):
            return [self._text(cell, style, "TD")]
        element: StructElem = ctx.tags.new("TD", ctx._parents[-1])
        ctx._parents.append(element)
        ctx._targets.append([])
        try:
            ctx._blocks(cell.blocks, style, 0, quoted=False)
        finally:
            flowables = ctx._targets.pop()
            ctx._parents.pop()
        return flowables

    def _text(self, text: str, style: ParagraphStyle, type_: str) -> Flowable:
        """Plain text as the content of a new TH (a column's header) or TD cell element."""
        element = self.ctx.tags.new(type_, self.ctx._parents[-1])
        if type_ == "TH":
            element.attributes["Scope"] = "Column"
        paragraph = BorderedParagraph(self.ctx.markup(text), style)
        paragraph.tag = element
        return paragraph

    def _commands(self) -> list[tuple[Any, ...]]:
        look = self.look
        commands = cell_box(self._body.fontName, self._body.fontSize, look.padding, look.line_colour, look.line_width)
        if look.header_fill is not None:
            commands.append(("BACKGROUND", (0, 0), (-1, 0), look.header_fill))
        if look.header_rule is not None:
            commands.append(("LINEBELOW", (0, 0), (-1, 0), *look.header_rule))
        return commands

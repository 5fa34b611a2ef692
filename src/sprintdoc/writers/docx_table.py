"""Data tables in the Word newsletter (`Drawing.table`), built straight with lxml in the template's Data Table style.

The look is the template's: the `Data Table` table style draws the lines, the cell margins and the header row
(its `firstRow` conditional formatting: bold, a fill, a rule under it), and the cells' text is in the `Table
Text` paragraph style, so the comms team restyles every table in Word. The table is marked as a data table:
its first row is a header row repeated on each page (`w:tblHeader`), and it has alt text (`w:tblCaption`,
`w:tblDescription`); the caption is also shown above it. A row marked as an item gets the item's bookmark
around its first cell's paragraphs.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from docx.shared import Emu
from lxml.etree import SubElement

from sprintdoc.drawing import Align, TableView, item_title
from sprintdoc.outline import marker
from sprintdoc.writers import docx_build as build
from sprintdoc.writers import docx_stages as stages
from sprintdoc.writers import docx_styles as styles

if TYPE_CHECKING:
    from sprintdoc.writers.docx_context import DocxContext

JC = f"{{{build.W_NS}}}jc"
#: The table look Word needs to apply the style's header row, and no banding (`w:tblLook`).
_LOOK = {
    f"{{{build.W_NS}}}{key}": value
    for key, value in (("firstColumn", "0"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"),
                       ("noHBand", "1"), ("noVBand", "1"), ("val", "0620"))
}  # fmt: skip


def draw_table(ctx: DocxContext, view: TableView) -> None:
    """The caption (kept with the table), then the table: a header row, a row for each row of `view`."""
    if view.caption:
        build.keep(ctx._paragraph("caption", view.caption), with_next=True)
    tbl = ctx._body.makeelement(build.TBL)
    tbl_pr = SubElement(tbl, stages.TBL_PR)
    table_style = ctx._style_id("data-table", styles.TABLE["data"])
    if table_style is not None:
        SubElement(tbl_pr, stages.TBL_STYLE, {build.VAL: table_style})
    SubElement(tbl_pr, stages.TBL_W, {build.TYPE: "dxa", build.WIDTH: str(Emu(ctx.column_width).twips)})
    SubElement(tbl_pr, stages.TBL_LAYOUT, {build.TYPE: "fixed"})
    SubElement(tbl_pr, stages.TBL_LOOK, _LOOK)
    SubElement(tbl_pr, stages.TBL_CAPTION, {build.VAL: view.caption})
    SubElement(tbl_pr, stages.TBL_DESCRIPTION, {build.VAL: description(view)})
    widths = [str(Emu(round(ctx.column_width * w)).twips) for w in view.widths]
    grid = SubElement(tbl, stages.TBL_GRID)
    for width in widths:
        SubElement(grid, stages.GRID_COL, {build.WIDTH: width})
    ctx._append(tbl)
    header = _row(tbl, header=True)
    for text, width, align in zip(view.header, widths, view.align, strict=True):
        with _cell(ctx, header, width, align):
            ctx._paragraph("table", text)
    for row in view.rows:
        tr = _row(tbl, header=False)
        for n, (cell, width, align) in enumerate(zip(row.cells, widths, view.align, strict=True)):
            with _cell(ctx, tr, width, align) as tc:
                if isinstance(cell, str):
                    ctx._paragraph("table", cell)
                else:
                    ctx._blocks(cell.blocks, "table", 0)
            if n == 0 and row.item:
                ctx._item += 1
                ctx._item_title = item_title(cell)
                paragraphs = tc.findall(build.P)
                ctx._bookmark(paragraphs[0], marker(ctx._kind, ctx._section, ctx._item), paragraphs[-1])


def description(view: TableView) -> str:
    """A table's alt text description: its caption, its columns and how many rows it has."""
    rows = f"{len(view.rows)} row{'s' * (len(view.rows) != 1)}"
    return f"{view.caption or 'Table'}: {rows}; columns {', '.join(view.header)}"


def _row(tbl: Any, *, header: bool) -> Any:
    """A new row at the end of `tbl`; the header row repeats on each page and is never split."""
    tr = SubElement(tbl, build.TR)
    if header:
        tr_pr = SubElement(tr, build.TRPR)
        SubElement(tr_pr, build.CANT_SPLIT)
        SubElement(tr_pr, build.TBL_HEADER)
    return tr


@contextmanager
def _cell(ctx: DocxContext, tr: Any, width: str, align: Align) -> Iterator[Any]:
    """A new cell at the end of row `tr`: what the context draws inside the `with` lands in it, aligned."""
    tc = SubElement(tr, build.TC)
    tc_pr = SubElement(tc, build.TCPR)
    SubElement(tc_pr, stages.TC_W, {build.TYPE: "dxa", build.WIDTH: width})
    saved = ctx._body, ctx._end
    ctx._body, ctx._end = tc, None
    try:
        yield tc
    finally:
        ctx._body, ctx._end = saved
    if tc.find(build.P) is None:  # a cell holds at least one paragraph
        tc.append(build.paragraph(tc, ctx._style_id("table", None)))
    if align != "left":
        for p in tc.iter(build.P):
            build.put(build.properties(p), p.makeelement(JC, {build.VAL: str(align)}), build.PPR_ORDER)

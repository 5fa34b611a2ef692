"""The Word stage tables: a project's stage strip and the section's lifecycle, built straight with lxml.

The strip is a data table: a header row of stage names, each the column header of the cell
under it, then a row giving each stage's state in words (`StageState.label`), its dates and its
note; the current stage's column is filled and bold. The lifecycle is one row of data cells: a
list of names to read in order, with nothing to head. Each table's alt text names what it shows.
The table is what python-docx's `add_table` and its cell API would write, made in one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from docx.shared import Emu
from lxml.etree import SubElement

from sprintdoc.drawing import StageState, StageView
from sprintdoc.theme import Theme
from sprintdoc.writers import docx_build as build

_W = f"{{{build.W_NS}}}"
TBL_PR, TBL_STYLE, TBL_W, TBL_LAYOUT = f"{_W}tblPr", f"{_W}tblStyle", f"{_W}tblW", f"{_W}tblLayout"
TBL_LOOK, TBL_CAPTION, TBL_DESCRIPTION = f"{_W}tblLook", f"{_W}tblCaption", f"{_W}tblDescription"
TBL_GRID, GRID_COL, TC_W, SHD = f"{_W}tblGrid", f"{_W}gridCol", f"{_W}tcW", f"{_W}shd"
#: python-docx's table look (`CT_Tbl.new_tbl`): first row and column emphasised, no column banding.
_LOOK = {
    f"{_W}{key}": value
    for key, value in (("firstColumn", "1"), ("firstRow", "1"), ("lastColumn", "0"), ("lastRow", "0"),
                       ("noHBand", "0"), ("noVBand", "1"), ("val", "04A0"))
}  # fmt: skip


@attrs.frozen
class StageStyles:
    """The style ids a stage table is drawn in (None: the default style of its type)."""

    table: str | None
    cell: str | None


def stage_table(
    maker: Any, stages: Sequence[StageView], *, strip: bool, item: str, width: int, theme: Theme, styles: StageStyles
) -> tuple[Any, list[str]]:
    """A stage table `width` EMU wide, made in `maker`'s document, and the texts of its cells in order.

    `strip` draws a card's stage strip (of item `item`), else the lifecycle's row.
    """
    tbl = maker.makeelement(build.TBL)
    tbl_pr = SubElement(tbl, TBL_PR)
    if styles.table is not None:
        SubElement(tbl_pr, TBL_STYLE, {build.VAL: styles.table})
    SubElement(tbl_pr, TBL_W, {build.TYPE: "dxa", build.WIDTH: str(Emu(width).twips)})
    SubElement(tbl_pr, TBL_LAYOUT, {build.TYPE: "fixed"})
    SubElement(tbl_pr, TBL_LOOK, _LOOK)
    caption, description = alt_text(stages, strip, item)
    SubElement(tbl_pr, TBL_CAPTION, {build.VAL: caption})
    SubElement(tbl_pr, TBL_DESCRIPTION, {build.VAL: description})
    cell_twips = str(Emu(width // len(stages)).twips)
    grid = SubElement(tbl, TBL_GRID)
    for _ in stages:
        SubElement(grid, GRID_COL, {build.WIDTH: cell_twips})
    colours = theme.colours
    muted = colours.muted.rrggbb
    texts: list[str] = []
    rows = (True, False) if strip else (True,)
    for names in rows:
        tr = SubElement(tbl, build.TR)
        tr_pr = SubElement(tr, build.TRPR)
        SubElement(tr_pr, build.CANT_SPLIT)
        if strip and names:
            SubElement(tr_pr, build.TBL_HEADER)
        for view in stages:
            current = strip and view.state is StageState.CURRENT
            to_come = strip and view.state is StageState.TO_COME
            fill = colours.primary if not strip else colours.current_stage if current else None
            tc = SubElement(tr, build.TC)
            tc_pr = SubElement(tc, build.TCPR)
            SubElement(tc_pr, TC_W, {build.TYPE: "dxa", build.WIDTH: cell_twips})
            if fill is not None:
                SubElement(tc_pr, SHD, {build.VAL: "clear", f"{_W}color": "auto", f"{_W}fill": fill.rrggbb})
            lines = [(view.name if names else view.state.label, False, to_come)]
            if not names:
                lines += [(extra, italic, False) for extra, italic in ((view.dates, False), (view.note, True)) if extra]
            for text, italic, is_muted in lines:
                p = build.paragraph(tc, styles.cell)
                tc.append(p)
                bold = current or (names and not strip)
                build.run(p, text, bold=bold, italic=italic, colour=muted if is_muted else None)
                texts.append(text)
    return tbl, texts


def alt_text(stages: Sequence[StageView], strip: bool, item: str) -> tuple[str, str]:
    """A stage table's caption and description: the strip names its item and each stage's state in words."""
    if not strip:
        return "Project lifecycle", "Project lifecycle: " + ", ".join(v.name for v in stages)
    caption = f"Stages of {item}" if item else "Stages"
    return caption, f"{caption}: " + ", ".join(f"{v.name} ({v.state.label})" for v in stages)

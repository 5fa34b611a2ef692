"""Rows of lifecycle stages in the PDF, drawn as the Word document draws them: a table in the Stage Strip style.

The lifecycle is one row of cells filled with the theme's primary colour; a card's
stage strip is one cell per stage (name, dates, note), the current one filled with
the theme's current-stage colour. Borders and cell margins come from the template's
`Stage Strip` table style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Spacer, TableStyle

from sprintdoc.drawing import StageState, StageView
from sprintdoc.outline import CURRENT_STAGE_PREFIX
from sprintdoc.writers.pdf_tags import StructElem, TaggedTable

if TYPE_CHECKING:
    from sprintdoc.writers.pdf_context import PdfContext

# pdf_flowables is imported where used: it reads pdf_look, which reads StageLook from here.

#: The most stages shown side by side; a longer list is drawn as rows, one stage a row.
MAX_ACROSS = 6


@attrs.frozen
class StageLook:
    """How stage rows are drawn: the template table style's lines and margins, the theme's fills."""

    font: str
    lifecycle_fill: colors.Color
    current_fill: colors.Color
    line_width: float = 0.5
    line_colour: colors.Color | None = None  # None: no lines between cells
    padding: tuple[float, float, float, float] = (2.0, 5.0, 2.0, 5.0)  # top, left, bottom, right


def strip(rows: Sequence[Sequence[Sequence[Flowable]]], fills: Sequence[colors.Color | None], width: float,
          look: StageLook) -> TaggedTable:  # fmt: skip
    """Rows of one cell per stage (the names; then each stage's state, dates and note), each column with its fill.

    Up to `MAX_ACROSS` stages sit side by side; more are listed one a row, each stage's cells side by side. Cells
    may split across pages, so a strip never makes a layout error.
    """
    stages = len(fills)
    across = stages <= MAX_ACROSS
    if across:
        data: list[list[Any]] = [list(row) for row in rows]
        widths = [width / stages] * stages
    else:
        data = [[list(row[i]) for row in rows] for i in range(stages)]
        widths = [width / len(rows)] * len(rows)
    style = cell_box(look.font, 8, look.padding, look.line_colour, look.line_width)
    for i, fill in enumerate(fills):
        if fill is not None:
            cells = ((i, 0), (i, -1)) if across else ((0, i), (-1, i))
            style.append(("BACKGROUND", *cells, fill))
    table = TaggedTable(data, colWidths=widths, splitInRow=1, hAlign="LEFT", repeatRows=0)
    table.setStyle(TableStyle(style))
    return table


def cell_box(font: str, size: float, padding: tuple[float, float, float, float], line_colour: colors.Color | None,
             line_width: float) -> list[tuple[Any, ...]]:  # fmt: skip
    """A table's cells as Word draws them: the font (else reportlab sets Helvetica for each cell), text at the top,
    the table style's padding (top, left, bottom, right) and, if it has one, its grid of lines."""
    top, left, bottom, right = padding
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, size),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), left),
        ("RIGHTPADDING", (0, 0), (-1, -1), right),
        ("TOPPADDING", (0, 0), (-1, -1), top),
        ("BOTTOMPADDING", (0, 0), (-1, -1), bottom),
    ]
    if line_colour is not None:
        commands.append(("GRID", (0, 0), (-1, -1), line_width, line_colour))
    return commands


def draw_stages(ctx: PdfContext, views: Sequence[StageView], *, lifecycle: bool) -> None:
    """Stages as a table, as the Word document draws them (`DocxContext.stages`).

    The lifecycle is one row of stage names, filled with the theme's primary colour; a card's strip is a
    header row of stage names over a row giving each stage's state in words, its dates and its note, the
    current stage's column filled. Tagged as a Table: the names are column headers (TH, /Scope /Column).
    """
    from sprintdoc.writers.pdf_flowables import BorderedParagraph

    look = ctx.stage_look
    names: list[list[Flowable]] = []
    details: list[list[Flowable]] = []
    fills: list[Color | None] = []
    with ctx._within("Table") as table_element:
        with ctx._within("TR"):
            for view in views:
                current = not lifecycle and view.state is StageState.CURRENT
                later = not lifecycle and view.state is StageState.TO_COME
                style = (
                    "lifecycle" if lifecycle else "stage-current" if current else "stage-later" if later else "stage"
                )
                names.append([_cell(ctx, view.name, style, "TH")])
                fills.append(look.lifecycle_fill if lifecycle else look.current_fill if current else None)
        if not lifecycle:
            with ctx._within("TR"):
                for view in views:
                    details.append(_details(ctx, view))
    for view in views:
        ctx.record("table-cell", " ".join(t for t in (view.name, view.dates, view.note) if t))
    rows = [names, details] if details else [names]
    table = strip(rows, fills, ctx.frame_width, look)
    table.tag = table_element
    parts: list[Flowable] = [table]
    current_view = next((view for view in views if view.state is StageState.CURRENT), None)
    if not lifecycle and current_view is not None:
        line = CURRENT_STAGE_PREFIX + current_view.name
        parts.append(ctx._tagged(BorderedParagraph(ctx.markup(line), ctx.styles["current-stage"]), "P"))
        ctx.record("paragraph", line)
    else:
        parts.append(Spacer(1, ctx.styles["body"].spaceAfter))
    ctx._keep(parts)


def _cell(ctx: PdfContext, text: str, style: str, type_: str, element: StructElem | None = None) -> Flowable:
    """A paragraph in a table cell: the content of `element`, else of a new `type_` cell element."""
    from sprintdoc.writers.pdf_flowables import BorderedParagraph

    if element is None:
        element = ctx.tags.new(type_, ctx._parents[-1])
        if type_ == "TH":
            element.attributes["Scope"] = "Column"
    paragraph = BorderedParagraph(ctx.markup(text), ctx.styles[style])
    paragraph.tag = element
    return paragraph


def _details(ctx: PdfContext, view: StageView) -> list[Flowable]:
    """A stage's data cell: its state in words, then its dates and note (bold for the current stage)."""
    current = view.state is StageState.CURRENT
    cell = ctx.tags.new("TD", ctx._parents[-1])
    lines = [
        (
            view.state.label,
            "stage-current" if current else "stage-later" if view.state is StageState.TO_COME else "stage",
        )
    ]
    if view.dates:
        lines.append((view.dates, "stage-current" if current else "stage"))
    if view.note:
        lines.append((view.note, "stage-note-current" if current else "stage-note"))
    return [_cell(ctx, text, style, "TD", cell) for text, style in lines]

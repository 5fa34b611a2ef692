"""Rows of lifecycle stages in the PDF, drawn as the Word document draws them: a table in the Stage Strip style.

The lifecycle is one row of cells filled with the theme's primary colour; a card's
stage strip is one cell per stage (name, dates, note), the current one filled with
the theme's current-stage colour. Borders and cell margins come from the template's
`Stage Strip` table style.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from reportlab.lib import colors
from reportlab.platypus import Flowable, TableStyle

from sprintdoc.writers.pdf_tags import TaggedTable

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

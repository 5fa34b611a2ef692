"""Rows of lifecycle stages in the PDF: the lifecycle as vector chevrons, and a card's stage strip as a table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
from reportlab.graphics.shapes import Drawing, Polygon, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from sprintdoc.drawing import StageState, StageView

#: How far a chevron's point reaches into the next one, in points.
TIP = 9.0
GAP = 2.5
#: The most stages shown side by side; a longer list is drawn as rows, one stage a row.
MAX_ACROSS = 6


@attrs.frozen
class StageLook:
    """The fonts and colours stage rows are drawn with (from the theme)."""

    font: str
    bold_font: str
    chevron_fill: colors.Color  # a lifecycle chevron
    chevron_text: colors.Color  # text on `chevron_fill`
    current_fill: colors.Color  # the current stage, in chevrons and strips
    text: colors.Color  # text on every other fill
    done_fill: colors.Color  # a strip's stage that is done
    later_fill: colors.Color  # a strip's stage still to come


def chevrons(views: Sequence[StageView], width: float, look: StageLook, max_height: float) -> Drawing | None:
    """The stages as a row of chevrons `width` wide, names wrapped inside; None if they cannot fit `max_height`."""
    n = len(views)
    if n == 0 or n > MAX_ACROSS * 2:
        return None
    each = (width - GAP * (n - 1)) / n
    inner = each - 2 * TIP - 4
    if inner < 24:
        return None
    for size in (9.0, 8.0, 7.0):
        leading = size * 1.2
        wrapped = [
            wrap(v.name, look.bold_font if v.state is StageState.CURRENT else look.font, size, inner) for v in views
        ]
        height = max(len(lines) for lines in wrapped) * leading + 14
        if height <= max_height:
            break
    else:
        return None
    drawing = Drawing(width, height)
    drawing.initialFontName, drawing.initialFontSize = look.font, size  # else the graphic starts in Helvetica
    for i, (view, lines) in enumerate(zip(views, wrapped, strict=True)):
        x = i * (each + GAP)
        current = view.state is StageState.CURRENT
        notch = 0.0 if i == 0 else TIP
        tip = x + each - TIP
        points = [x, 0, tip, 0, x + each, height / 2, tip, height, x, height, x + notch, height / 2]
        fill = look.current_fill if current else look.chevron_fill
        drawing.add(Polygon(points, fillColor=fill, strokeColor=None))
        font = look.bold_font if current else look.font
        colour = look.text if current else look.chevron_text
        centre = x + (notch + each) / 2 - TIP / 4
        top = height / 2 + (len(lines) - 1) * leading / 2 - size * 0.35
        for j, line in enumerate(lines):
            drawing.add(
                String(centre, top - j * leading, line, fontName=font, fontSize=size, fillColor=colour,
                       textAnchor="middle")
            )  # fmt: skip
    return drawing


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """`text` broken into lines no wider than `width`; a word too wide on its own is broken between characters."""
    lines: list[str] = []
    line = ""
    for word in text.replace("\xad", "").split():  # a soft hyphen is a break hint, never drawn
        candidate = f"{line} {word}" if line else word
        if stringWidth(candidate, font, size) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for char in word:
            if line and stringWidth(line + char, font, size) > width:
                lines.append(line)
                line = ""
            line += char
    if line or not lines:
        lines.append(line)
    return lines


def strip(cells: Sequence[Sequence[Flowable]], views: Sequence[StageView], width: float, look: StageLook) -> Table:
    """A card's stage strip: one cell per stage (name, dates, note); the current one filled.

    Up to `MAX_ACROSS` stages sit side by side; more are listed one a row. Cells may
    split across pages, so a strip never makes a layout error.
    """
    across = len(views) <= MAX_ACROSS
    data: list[list[Any]] = [list(cells)] if across else [[list(cell)] for cell in cells]
    widths = [width / len(views)] * len(views) if across else [width]
    style: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), look.font, 8.5),  # else reportlab sets Helvetica for each cell
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("GRID", (0, 0), (-1, -1), 1.5, colors.white),
    ]
    for i, view in enumerate(views):
        where = (i, 0) if across else (0, i)
        fill = {
            StageState.CURRENT: look.current_fill,
            StageState.DONE: look.done_fill,
            StageState.TO_COME: look.later_fill,
        }[view.state]
        style.append(("BACKGROUND", where, where, fill))
        if view.state is StageState.CURRENT:
            style.append(("BOX", where, where, 1.5, look.text))
    table = Table(data, colWidths=widths, splitInRow=1, hAlign="LEFT")
    table.setStyle(TableStyle(style))
    return table

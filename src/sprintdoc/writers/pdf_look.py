"""The PDF's look, read from the Word template: paragraph styles, page, header and footer, fonts by name.

The template's styles are resolved as Word resolves them (`sprintdoc.template_look`);
a theme other than `default` is painted onto them by the same rules the Word writer
follows (`style_roles.THEMED`), so the two documents change together. Each style
becomes a reportlab ParagraphStyle: font (found by name: `fonts.by_name`), size,
bold, italic, colour, spacing, line spacing, indents, alignment, keep-with-next,
borders and shading. A look is made once per template, theme and bundle folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from sprintdoc import fonts
from sprintdoc.fonts import by_name
from sprintdoc.template_look import PartText, ResolvedStyle, TableStyle, TemplateLook, read_look
from sprintdoc.theme import Theme
from sprintdoc.writers.pdf_stages import StageLook
from sprintdoc.writers.style_roles import TABLE, WORD_STYLES, painted

_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT, "both": TA_JUSTIFY}


@attrs.frozen
class PageFrame:
    """The page and its margins, in points, and where the header and footer stand."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    header: float
    footer: float
    title_page: bool

    @property
    def frame_width(self) -> float:
        """The width text is set in."""
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        """The height text is set in."""
        return self.height - self.top - self.bottom


@attrs.frozen
class PdfLook:
    """Everything the PDF is styled with, from one template and one theme."""

    styles: dict[str, ParagraphStyle]
    faces: dict[str, fonts.Faces]  # by PDF style key
    page: PageFrame
    header: PartText
    footer: PartText
    first_header: PartText | None
    first_footer: PartText | None
    link_colour: str
    stage_table: TableStyle | None
    data_table: TableStyle | None
    warnings: tuple[str, ...]

    @property
    def body_faces(self) -> fonts.Faces:
        """The faces of body text."""
        return self.faces["body"]

    @property
    def heading_faces(self) -> fonts.Faces:
        """The faces of section headings."""
        return self.faces["h1"]


_cache: dict[tuple[int, Path, Theme, Path], tuple[TemplateLook, PdfLook]] = {}


def pdf_look(template: Path, theme: Theme, root: Path) -> PdfLook:
    """The look of the PDF drawn with `template` and `theme`, for a bundle in `root` (made once, then cached)."""
    look = read_look(template)  # itself cached by the template's content
    key = (id(look), template.resolve().parent, theme, root)
    cached = _cache.get(key)
    if cached is None or cached[0] is not look:
        if len(_cache) >= 16:
            _cache.clear()
        cached = _cache[key] = (look, _made(look, key[1], theme, root))
    return cached[1]


def _made(look: TemplateLook, template_folder: Path, theme: Theme, root: Path) -> PdfLook:
    warnings: list[str] = []
    resolved: dict[str, ResolvedStyle] = {}
    for key, name in WORD_STYLES.items():
        style = look.style(name) or look.default_paragraph
        resolved[key] = painted(style, name, theme)
    link = look.style("Hyperlink")
    link_colour = painted(link, "Hyperlink", theme).colour if link is not None else None
    faces = {key: _faces(style, theme, root, template_folder, warnings) for key, style in resolved.items()}
    styles = {key: paragraph_style(key, resolved[key], faces[key]) for key in resolved}
    page = look.page
    frame = PageFrame(page.width, page.height, page.left, page.right, page.top, page.bottom, page.header,
                      page.footer, page.title_page)  # fmt: skip
    return PdfLook(
        styles=styles,
        faces=faces,
        page=frame,
        header=look.header_text,
        footer=look.footer_text,
        first_header=look.first_header_text,
        first_footer=look.first_footer_text,
        link_colour="#" + (link_colour or theme.colours.primary.rrggbb),
        stage_table=look.table_style(TABLE["stages"]),
        data_table=look.table_style(TABLE["data"]),
        warnings=tuple(dict.fromkeys(warnings)),
    )


def _faces(style: ResolvedStyle, theme: Theme, root: Path, template_folder: Path, warnings: list[str]) -> fonts.Faces:
    """The faces a style's font names: a theme's family or .ttf, else the font found by name (or a fallback)."""
    if style.font in (theme.fonts.body, theme.fonts.heading) and (
        style.font in fonts.SHIPPED or fonts.is_file_family(style.font)
    ):
        return fonts.register(style.font, root)
    match = by_name.find_family(style.font or "DejaVu Sans", folders=(root, template_folder))
    message = by_name.fallback_warning(style.name, match)
    if message:
        warnings.append(message)
    return fonts.register_faces(match.faces)


def paragraph_style(key: str, style: ResolvedStyle, faces: fonts.Faces) -> ParagraphStyle:
    """A reportlab ParagraphStyle that sets text as Word sets `style`."""
    names = faces.names()
    font = names[(1 if style.bold else 0) + (2 if style.italic else 0)]
    result = ParagraphStyle(
        key,
        fontName=font,
        fontSize=style.size,
        leading=_leading(style, faces),
        textColor=_colour(style.colour) or colors.black,
        spaceBefore=style.space_before,
        spaceAfter=style.space_after,
        leftIndent=style.indent_left,
        rightIndent=style.indent_right,
        firstLineIndent=style.first_line,
        alignment=_ALIGN[style.alignment],
        keepWithNext=int(style.keep_with_next),
        bulletFontName=font,
        splitLongWords=1,
        allowWidows=0,
        allowOrphans=0,
    )
    result.word_borders = style.borders  # drawn by `pdf_flowables.BorderedParagraph`
    result.word_shading = _colour(style.shading)
    result.word_style = style
    result.word_faces = faces
    return result


def _leading(style: ResolvedStyle, faces: fonts.Faces) -> float:
    """The distance between lines: Word's single line is the font's `hhea` ascender, descender and gap."""
    single = style.size * fonts.line_height(faces.regular)
    spacing = style.line_spacing
    if spacing.rule == "exact":
        return spacing.value
    if spacing.rule == "atLeast":
        return max(spacing.value, single)
    return single * spacing.value


def _colour(rrggbb: str | None) -> colors.Color | None:
    return None if rrggbb is None else rgb(rrggbb)


def rgb(rrggbb: str) -> colors.Color:
    """A reportlab colour from Word's `RRGGBB`."""
    return colors.Color(int(rrggbb[0:2], 16) / 255, int(rrggbb[2:4], 16) / 255, int(rrggbb[4:6], 16) / 255)


def stage_styles(styles: dict[str, ParagraphStyle], theme: Theme) -> dict[str, ParagraphStyle]:
    """`styles` and the variants of the Stage style a strip draws with, as the Word writer sets its runs:
    the current stage bold, a stage to come in the theme's muted colour, a note in italic."""
    stage = styles["stage"]
    bold, italic = _variant(stage, bold=True), _variant(stage, italic=True)
    return {
        **styles,
        "stage-current": bold,
        "stage-later": ParagraphStyle("stage-later", parent=stage, textColor=rgb(theme.colours.muted.rrggbb)),
        "stage-note": italic,
        "stage-note-current": _variant(stage, bold=True, italic=True),
    }


def _variant(style: ParagraphStyle, *, bold: bool = False, italic: bool = False) -> ParagraphStyle:
    word: ResolvedStyle = style.word_style
    changed = attrs.evolve(word, bold=word.bold or bold, italic=word.italic or italic)
    return paragraph_style(f"{style.name}{'-bold' * bold}{'-italic' * italic}", changed, style.word_faces)


def stage_look(look: PdfLook, theme: Theme) -> StageLook:
    """How stage rows are drawn: lines and cell margins from the template's Stage Strip style, fills from the theme."""
    table = look.stage_table
    line = table.borders.inside_v or table.borders.left if table is not None else None
    margins = table.cell_margins if table is not None else None
    return StageLook(
        font=look.body_faces.names()[0],
        lifecycle_fill=rgb(theme.colours.primary.rrggbb),
        current_fill=rgb(theme.colours.current_stage.rrggbb),
        line_width=line.width if line is not None else 0.5,
        line_colour=rgb(line.colour or "000000") if line is not None else None,
        padding=(margins.top, margins.left, margins.bottom, margins.right) if margins else (3.0, 4.0, 3.0, 4.0),
    )


def derived(
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

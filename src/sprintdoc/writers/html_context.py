"""The web page's answer to every `Drawing` call: `HtmlContext` turns what a section kind draws into HTML5 elements.

Headings: the edition's title is the page's only `h1`; a section's title is an `h2`, an item's an
`h3`, and a kind's `heading(text, level)` is one below its Drawing level (`h4` for a card's
headings). A heading never skips a level below the one before it (WCAG's headings in order).
Each section is a `section` and each item an `article`, carrying the outline's markers as ids
(`sprintdoc-news-1`, `sprintdoc-news-1-2`); an item marked on a paragraph or a table row carries
its marker on that element.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from lxml import etree

from sprintdoc.drawing import Align, Cell, Row, StageState, StageView, TextStyle, table_view
from sprintdoc.markdown import ListBlock, Markdown
from sprintdoc.model import Bundle, Image
from sprintdoc.outline import CURRENT_STAGE_PREFIX, PERIOD_MARKER, TITLE_MARKER, marker
from sprintdoc.theme import Theme
from sprintdoc.writers.html_tree import (
    LOGO_BOX,
    PICTURE_BOX,
    add_blocks,
    add_list,
    add_text,
    data_uri,
    element,
    line_break,
)

#: The id of the page's main content, the target of the "Skip to content" link.
MAIN_ID = "content"
#: The words of the contents list's heading and the skip link.
CONTENTS, SKIP = "Contents", "Skip to content"


class HtmlContext:
    """The web page's `Drawing`: each call appends elements to the section being drawn.

    Raw access for a kind's `html=` override: `container`, the lxml element being drawn into (the
    section, or the item's `article`); `element(parent, tag, text, **attributes)` and `add_text` from
    `sprintdoc.writers.html_tree` build elements whose text is escaped by construction. Never parse
    user text as markup.
    """

    def __init__(self, bundle: Bundle) -> None:
        self.bundle = bundle
        self._theme = bundle.theme
        self.html = etree.Element("html", lang=bundle.edition.language)
        self.head = element(self.html, "head")
        self.body = element(self.html, "body")
        element(self.body, "a", SKIP, href=f"#{MAIN_ID}", class_="skip-link")
        self.header = element(self.body, "header")
        self.nav = element(self.body, "nav", aria_labelledby="contents-title")
        element(self.nav, "h2", CONTENTS, id="contents-title", class_="contents-title")
        self._contents = element(self.nav, "ol")
        self.main = element(self.body, "main", id=MAIN_ID)
        self._stack: list[etree._Element] = [self.main]
        self._article: etree._Element | None = None
        self._last_level = 1
        self._kind, self._section, self._item = "", 0, 0
        self._item_title = ""
        self._tables = 0

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        return self._theme

    @property
    def container(self) -> etree._Element:
        """The element being drawn into: the section, or the open item's `article`."""
        return self._stack[-1]

    # -- orchestration ---------------------------------------------------------------------------

    def begin_section(self, kind_name: str, index: int) -> None:
        """Start section `index` (1-based) of kind `kind_name`: a `section` with its marker as id."""
        self._kind, self._section, self._item, self._item_title = kind_name, index, 0, ""
        self._article = None
        self._stack = [self.main, element(self.main, "section", id=marker(kind_name, index))]

    # -- headings --------------------------------------------------------------------------------

    def section_heading(self, title: str) -> None:
        """The section's title as an `h2`, listed in the contents (an empty title is neither)."""
        self._close_item()
        key = marker(self._kind, self._section)
        if title.strip():
            link = element(element(self._contents, "li"), "a", href=f"#{key}")
            add_text(link, title)
        self._heading(title, 2, "section-title")

    def item_heading(self, title: str) -> None:
        """An item: an `article` with the item's marker as id, its title an `h3`."""
        self._open_item(title)
        self._heading(title, 3, "item-title")

    def heading(self, text: str, level: int = 3, *, item: bool = False) -> None:
        """A heading one level below its Drawing level; as an item, it opens the item's `article`."""
        level = min(max(level, 1), 5) + 1
        if item:
            self._open_item(text)
        elif level <= 3:
            self._close_item()
        self._heading(text, level, {2: "section-title", 3: "item-title", 4: "card-heading"}.get(level, "minor-heading"))

    # -- text --------------------------------------------------------------------------------------

    def text(self, text: str, style: TextStyle = "body", *, item: bool = False) -> None:
        """A paragraph in a text style's class; as an item, it carries the item's marker."""
        p = element(self.container, "p", text, **({"class_": style} if style != "body" else {}))
        if item:
            self._item += 1
            p.set("id", marker(self._kind, self._section, self._item))

    def labelled(self, pairs: Sequence[tuple[str, str]]) -> None:
        """`Label: value` lines, the label in bold; pairs with no value are skipped."""
        for label, value in pairs:
            if value.strip():
                p = element(self.container, "p", class_="labelled")
                element(p, "strong", f"{label}:")
                add_text(p, f" {value}")

    def markdown(self, text: Markdown) -> None:
        """A Markdown field: paragraphs, lists, quotes, bold, italic, links."""
        add_blocks(self.container, text.blocks)

    def bullets(self, items: Sequence[Markdown]) -> None:
        """A bullet list whose items are Markdown."""
        if items:
            add_list(self.container, ListBlock(False, tuple(item.blocks for item in items)))

    def quote(self, text: str) -> None:
        """A pull quote."""
        element(element(self.container, "blockquote", class_="pull-quote"), "p", text)

    def picture(self, image: Image) -> None:
        """A `figure`: the image (alt text, or `alt=""` if decorative) and its caption as `figcaption`."""
        figure = element(self.container, "figure")
        self._image(figure, image, PICTURE_BOX)
        if image.caption:
            element(figure, "figcaption", image.caption)

    # -- tables ----------------------------------------------------------------------------------

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """The lifecycle as an ordered list of stages; a card's strip as a table (stage names as column
        headers over each stage's state in words, dates and note), then `Current stage: …`."""
        if not stages:
            return
        if not strip:
            listing = element(self.container, "ol", class_="lifecycle")
            for view in stages:
                element(listing, "li", view.name)
            return
        caption = f"Stages of {self._item_title}" if self._item_title.strip() else "Stages"
        table = self._table("stages", caption)
        head_row = element(element(table, "thead"), "tr")
        row = element(element(table, "tbody"), "tr")
        for view in stages:
            state = {StageState.CURRENT: "current", StageState.DONE: "done", StageState.TO_COME: "to-come"}
            element(head_row, "th", view.name, scope="col", class_=state[view.state])
            td = element(row, "td", view.state.label, class_=state[view.state])
            if view.dates:
                add_text(td, f"\n{view.dates}")
            if view.note:
                line_break(td)
                element(td, "em", view.note, class_="stage-note")
        current = next((view for view in stages if view.state is StageState.CURRENT), None)
        if current is not None:
            element(self.container, "p", CURRENT_STAGE_PREFIX + current.name, class_="current-stage")

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Row | Sequence[Cell]],
        *,
        caption: str,
        widths: Sequence[float] | None = None,
        align: Sequence[Align] | None = None,
    ) -> None:
        """A data table: its caption, column headers (`th scope="col"`), column widths, each column's alignment;
        an item row carries the item's marker, its first cell a row header."""
        view = table_view(header, rows, caption=caption, widths=widths, align=align)
        table = self._table("data", view.caption)
        columns = element(table, "colgroup")
        for width in view.widths:
            element(columns, "col", style=f"width: {width * 100:.2f}%")
        head_row = element(element(table, "thead"), "tr")
        for name, aligned in zip(view.header, view.align, strict=True):
            element(head_row, "th", name, scope="col", class_=f"align-{aligned}")
        body = element(table, "tbody")
        for row in view.rows:
            tr = element(body, "tr")
            if row.item:
                self._item += 1
                tr.set("id", marker(self._kind, self._section, self._item))
            for n, (cell, aligned) in enumerate(zip(row.cells, view.align, strict=True)):
                header_cell = row.item and n == 0
                td = element(tr, "th" if header_cell else "td", class_=f"align-{aligned}")
                if header_cell:
                    td.set("scope", "row")
                if isinstance(cell, Markdown):
                    add_blocks(td, cell.blocks)
                else:
                    add_text(td, cell)

    @contextlib.contextmanager
    def group(self) -> Iterator[None]:
        """What is drawn inside belongs together: an item opened inside ends with the group."""
        depth = len(self._stack)
        try:
            yield
        finally:
            del self._stack[depth:]
            if self._article is not None and self._article not in self._stack:
                self._article = None

    # -- the edition's own parts -----------------------------------------------------------------

    def masthead(self) -> None:
        """The masthead in the `header`: logo, publisher, the title (`h1`), period, strapline and tagline."""
        edition = self.bundle.edition
        if edition.logo is not None:
            self._image(self.header, edition.logo, LOGO_BOX, class_="masthead-logo")
        if edition.publisher:
            element(self.header, "p", edition.publisher, class_="masthead-publisher")
        element(self.header, "h1", edition.title, id=TITLE_MARKER, class_="masthead-title")
        element(self.header, "p", edition.period, id=PERIOD_MARKER, class_="masthead-period")
        if edition.strapline:
            element(self.header, "p", edition.strapline, class_="strapline")
        if edition.tagline:
            element(self.header, "p", edition.tagline, class_="tagline")

    def closing(self) -> None:
        """The edition's closing Markdown, in a `footer` after the main content."""
        closing = self.bundle.edition.closing
        if closing:
            add_blocks(element(self.body, "footer"), closing.blocks, "closing")

    # -- helpers -----------------------------------------------------------------------------------

    def _heading(self, text: str, level: int, class_: str) -> None:
        """A heading at `level`, or the next level down from the last heading if that is higher up (an empty
        heading is left out: a screen reader would announce nothing)."""
        level = min(level, self._last_level + 1, 6)
        if text.strip():
            element(self.container, f"h{level}", text, class_=class_)
            self._last_level = level

    def _open_item(self, title: str) -> None:
        self._close_item()
        self._item += 1
        self._item_title = title
        self._article = element(self.container, "article", id=marker(self._kind, self._section, self._item))
        self._stack.append(self._article)

    def _close_item(self) -> None:
        if self._article is not None and self._article in self._stack:
            del self._stack[self._stack.index(self._article) :]
        self._article = None

    def _table(self, class_: str, caption: str) -> etree._Element:
        """A table in a scrolling region (so a wide table never widens the page), named by its caption."""
        self._tables += 1
        caption_id = f"table-{self._tables}"
        wrap = element(self.container, "div", class_="table-wrap", role="region", tabindex="0")
        wrap.set("aria-labelledby", caption_id)
        table = element(wrap, "table", class_=class_)
        element(table, "caption", caption, id=caption_id)
        return table

    def _image(self, parent: etree._Element, image: Image, box: tuple[int, int], **attributes: str) -> None:
        picture = image.picture
        if picture is None:
            from sprintdoc.images import decode

            picture = decode(self.bundle.root / image.file, image.file)
        uri, width, height = data_uri(picture, box)
        alt = "" if image.decorative else (image.alt or "")
        element(parent, "img", src=uri, alt=alt, width=str(width), height=str(height), **attributes)

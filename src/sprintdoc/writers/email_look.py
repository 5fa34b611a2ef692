"""The e-mail edition's look: the web page's style sheet cut down to what mail clients follow, and its layout table.

Mail clients keep little of a page's CSS: Gmail drops `<style>` in some views, and Outlook on
Windows lays out with Word's engine (no flex or grid, no `max-width`, no positioning, no
`rem`; widths and fills are read from attributes). So the e-mail keeps the web page's rules
that mean the same everywhere (fonts, sizes, colours, spacing, borders), drops the ones
that only work in a browser (flex, positioning, focus and print rules, the skip link and
the contents), writes `rem` as pixels, and is inlined onto each element by `css_inline`.
The column is a centred layout table (`role="presentation"`) of at most `WIDTH` pixels,
which Outlook reads from its `width` attribute and other clients shrink to a phone.
"""

from __future__ import annotations

import re

from lxml import etree

from sprintdoc.writers.html_look import HtmlLook, Rule
from sprintdoc.writers.html_tree import element

#: The layout table's width in pixels, and the padding around the content inside it.
WIDTH, PADDING = 640, 16
#: The widest a picture is shown: the column less its padding.
CONTENT_WIDTH = WIDTH - 2 * PADDING
#: The page's background, also given as `bgcolor` (Outlook ignores a CSS background on a table).
BACKGROUND = "#FFFFFF"
#: Properties a mail client either ignores or mishandles: left out rather than half followed.
_DROPPED = re.compile(r"^(box-sizing|display|flex.*|gap|position|top|left|max-height|clip|-webkit-.*|hyphens)$")
#: Selectors for parts the e-mail does not have, or states that only a browser has (focus, print).
_DROPPED_SELECTOR = re.compile(r"[:*@]|skip-link|visually-hidden|\bnav\b")
_REM = re.compile(r"(\d+(?:\.\d+)?)rem\b")

#: Rules of the e-mail's own: images as blocks that shrink to the column, and the layout's cell.
_EMAIL_RULES: list[Rule] = [
    ("body", {"margin": "0", "padding": "0", "background-color": BACKGROUND}),
    ("img", {"display": "block", "max-width": "100%", "height": "auto", "border": "0"}),
    ("figure img", {"margin": "0 auto"}),
    (".masthead-logo", {"margin": "0 0 8px"}),
    (".lifecycle li", {"display": "block", "margin": "0 0 4px"}),
    # a fixed layout: a wide table inside scrolls in its region instead of widening the column past a phone's
    (".email-outer", {"width": "100%", "table-layout": "fixed"}),
    (".email-column", {"width": "100%", "max-width": f"{WIDTH}px", "table-layout": "fixed"}),
]


def email_css(look: HtmlLook) -> str:
    """The style sheet inlined into the e-mail: the web page's rules a mail client follows, then the e-mail's own."""
    rules: list[Rule] = []
    for selector, declarations in look.rules:
        if _DROPPED_SELECTOR.search(selector):
            continue
        kept = {k: _REM.sub(_px, v) for k, v in declarations.items() if not _DROPPED.match(k)}
        selector = ", ".join(_scoped(part) for part in selector.split(", "))
        if selector == "body":
            # Outlook drops the body's style: the content's cell carries the text's look
            selector = "body, .email-content"
            kept = {k: v for k, v in kept.items() if k not in ("max-width", "margin", "padding")}
        if kept:
            rules.append((selector, kept))
    rules.extend(_EMAIL_RULES)
    return "\n".join(f"{s} {{ {'; '.join(f'{k}: {v}' for k, v in d.items())} }}" for s, d in rules) + "\n"


def _scoped(selector: str) -> str:
    """A rule for every table's cells held to the content's tables, so the layout tables keep their own look."""
    return f".table-wrap {selector}" if selector.split(" ")[0] in ("table", "td", "th", "caption") else selector


def _px(found: re.Match[str]) -> str:
    return f"{float(found.group(1)) * 16:g}px"


def laid_out(body: etree._Element) -> None:
    """Move what `body` holds into the centred layout: a full-width table, and in it the column of `WIDTH` px."""
    content = list(body)
    outer = _layout_cell(body, "100%", "email-outer")
    outer.set("align", "center")
    inner = _layout_cell(outer, str(WIDTH), "email-column")
    inner.set("class", "email-content")
    inner.set("style", f"padding: {PADDING}px")
    for child in content:
        inner.append(child)


def _layout_cell(parent: etree._Element, width: str, class_: str) -> etree._Element:
    """A one-cell layout table in `parent` (width and fill as attributes, for Outlook); its cell."""
    table = element(
        parent, "table", role="presentation", width=width, cellpadding="0", cellspacing="0", border="0",
        bgcolor=BACKGROUND, class_=class_,
    )  # fmt: skip
    return element(element(element(table, "tbody"), "tr"), "td")

"""The outline of a web page that sprintdoc wrote, read from its element ids, headings and visible text.

A `section` whose id is a section's marker (`sprintdoc-news-1`) is titled by its first
heading; an element whose id is an item's marker (`sprintdoc-news-1-2`) is an item, titled
by its heading (an `article`), its first cell (a table row) or its text (a paragraph).
Other headings are the items' card headings (`h4`, one level below their Drawing level),
and a paragraph `Current stage: …` names the open item's current stage.
"""

from __future__ import annotations

import io
import re

from lxml import etree

from sprintdoc.errors import OutlineError
from sprintdoc.outline import PERIOD_MARKER, TITLE_MARKER, Outline
from sprintdoc.readers import Mark, OutlineBuilder, Source, opened
from sprintdoc.writers import CREATOR

_HEADINGS = {f"h{n}": n for n in range(1, 7)}
#: Elements whose text is a paragraph of its own: what `drawing.item_title` joins with spaces.
_BLOCKS = frozenset({"p", "li", "ul", "ol", "blockquote", "div", "td", "th", "tr", "table", "caption", "figure",
                     "figcaption", "section", "article", *_HEADINGS})  # fmt: skip
_LINE_BREAKS = re.compile(r"[\t\r\n]")


def looks_like_html(data: bytes) -> bool:
    """Whether bytes begin as an HTML page does (`<!DOCTYPE html` or `<html`, after a byte-order mark or spaces)."""
    head = data[:64].removeprefix(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def looks_like_email(data: bytes) -> bool:
    """Whether bytes begin as a MIME message does: header lines, one of them `MIME-Version:`, before a blank line."""
    head = data[:4096].replace(b"\r\n", b"\n").split(b"\n\n", 1)[0]
    lines = head.split(b"\n")
    return bool(re.match(rb"[!-9;-~]+:", lines[0])) and any(line.lower().startswith(b"mime-version:") for line in lines)


def read_email_outline(source: Source) -> Outline:
    """The outline of a sprintdoc e-mail (`.eml`): the outline of its HTML part, read as a web page is."""
    import email
    import email.policy
    from email.message import EmailMessage

    with opened(source) as stream:
        message = email.message_from_binary_file(stream, policy=email.policy.default)
    html = message.get_body(("html",)) if isinstance(message, EmailMessage) else None
    if html is None or not isinstance(html, EmailMessage):
        raise OutlineError("not an e-mail sprintdoc wrote (it has no HTML part)")
    content = html.get_content()
    data = content.encode("utf-8") if isinstance(content, str) else bytes(content)
    return read_outline(io.BytesIO(data))


def read_outline(source: Source) -> Outline:
    """The outline of a sprintdoc web page (a path or a binary stream); OutlineError for a page it did not write."""
    with opened(source) as stream:
        data = stream.read()
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, ValueError) as err:
        raise OutlineError(f"not a web page that can be read ({err})") from None
    if root is None:
        raise OutlineError("not a web page that can be read (it is empty)")
    generators = [m.get("content", "") for m in root.iter("meta") if (m.get("name") or "").lower() == "generator"]
    if CREATOR not in (g.strip() for g in generators):
        made_by = generators[0] if generators else "unknown"
        raise OutlineError(f"not a page sprintdoc wrote (its generator is {made_by!r})")
    builder = OutlineBuilder()
    titles: set[etree._Element] = set()
    body = root.find("body")
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str):
            continue
        name = el.get("id") or ""
        if name == TITLE_MARKER:
            builder.title = text_of(el)
            continue
        if name == PERIOD_MARKER:
            builder.period = text_of(el)
            continue
        mark = Mark.parse(name) if name else None
        if mark is not None:
            title = _title(el, titles)
            if mark.item is None:
                builder.section(mark.kind, title)
            else:
                builder.item(title)
        elif el.tag in _HEADINGS and el not in titles:
            builder.heading(text_of(el), _HEADINGS[el.tag] - 1)
        elif el.tag == "p":
            builder.text(text_of(el))
    return builder.outline()


def _title(el: etree._Element, titles: set[etree._Element]) -> str:
    """The title of a marked element: its leading heading (a section, an article), its first cell (a table row),
    else its own text. The heading used is added to `titles`, so it is not read again as a card heading."""
    if el.tag == "tr":
        cell = next((c for c in el if c.tag in ("td", "th")), None)
        return text_of(cell) if cell is not None else ""
    if el.tag in ("section", "article"):
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if first is not None and first.tag in _HEADINGS:
            titles.add(first)
            return text_of(first)
        return ""
    return text_of(el)


def text_of(el: etree._Element) -> str:
    """An element's text as `drawing.item_title` makes it: each block's text a paragraph, paragraphs joined by
    spaces, line breaks and tabs read as spaces."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        paragraphs.append("".join(current))
        current.clear()

    def walk(node: etree._Element) -> None:
        block = node.tag in _BLOCKS
        if block:
            flush()
        if node.text and node.tag != "br":  # the writer puts a new line after each `<br>`
            current.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(el)
    flush()
    return " ".join(_LINE_BREAKS.sub(" ", p) for p in paragraphs if p.strip()).strip()

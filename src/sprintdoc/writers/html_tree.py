"""Building the page's element tree with lxml: every text is set as an element's text, so it is escaped by construction.

Nothing here parses or concatenates markup: user text only ever becomes `.text` or `.tail`
of an element (lxml escapes `<`, `&` and quotes when it writes the page), or an attribute
value. Only web and e-mail links become live links.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

from lxml import etree

from sprintdoc.markdown import LINK_SCHEMES, Block, ListBlock, Span
from sprintdoc.markdown import Paragraph as MdParagraph
from sprintdoc.model import Picture

#: The largest a picture is sent, in pixels: wider than the text column (44rem, 704 px at the usual text size)
#: and taller than a picture is shown (24rem), so it stays sharp, without the full photo's weight.
PICTURE_BOX = (800, 600)
#: The logo's box, twice the size it is shown (the Word document's 6 × 2.5 cm), for sharp high-density screens.
LOGO_BOX = (454, 190)
#: The JPEG quality of a downscaled photo: no visible loss on screen at a third of the bytes of the original.
JPEG_QUALITY = 80


def element(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A new child of `parent` holding `text` (line breaks as `<br>`), with `attributes` (`class_` for `class`)."""
    child = etree.SubElement(parent, tag, {k.rstrip("_").replace("_", "-"): v for k, v in attributes.items()})
    if text:
        add_text(child, text)
    return child


def add_text(parent: etree._Element, text: str) -> None:
    """Append `text` to what `parent` holds, after its last child; each line break becomes a `<br>`."""
    for n, line in enumerate(text.split("\n")):
        if n:
            line_break(parent)
        if not line:
            continue
        last = parent[-1] if len(parent) else None
        if last is None:
            parent.text = (parent.text or "") + line
        else:
            last.tail = (last.tail or "") + line


def line_break(parent: etree._Element) -> None:
    """A `<br>` followed by a new line, which shows nothing more but keeps the lines apart in the page's text
    (`textContent`, what a search or a copy without layout reads)."""
    etree.SubElement(parent, "br").tail = "\n"


def live(href: str | None) -> str | None:
    """The link target if it is a web or e-mail address (`http:`, `https:`, `mailto:`); None for any other."""
    if href is None:
        return None
    return href if href.strip() == href and href.lower().startswith(LINK_SCHEMES) else None


def add_spans(parent: etree._Element, spans: Sequence[Span]) -> None:
    """Inline text: bold as `strong`, italic as `em`, live links as `a`, hard breaks as `br`."""
    for span in spans:
        if span.text == "\n":
            line_break(parent)
            continue
        holder = parent
        href = live(span.link)
        if href is not None:
            holder = element(holder, "a", href=href)
        if span.bold:
            holder = element(holder, "strong")
        if span.italic:
            holder = element(holder, "em")
        add_text(holder, span.text)


def add_blocks(parent: etree._Element, blocks: Sequence[Block], class_: str | None = None) -> None:
    """Markdown blocks: paragraphs as `p` (in `class_`), lists as `ul`/`ol`, quotes as `blockquote`."""
    for block in blocks:
        if isinstance(block, MdParagraph):
            p = element(parent, "p", **({"class_": class_} if class_ else {}))
            add_spans(p, block.spans)
        elif isinstance(block, ListBlock):
            add_list(parent, block, class_)
        else:
            add_blocks(element(parent, "blockquote"), block.blocks)


def add_list(parent: etree._Element, block: ListBlock, class_: str | None = None) -> None:
    """A bullet (`ul`) or numbered (`ol`, from its start) list; an item's first paragraph is the item's own text."""
    attributes = {"start": str(block.start)} if block.ordered and block.start != 1 else {}
    listing = element(parent, "ol" if block.ordered else "ul", **attributes)
    for item in block.items:
        li = element(listing, "li")
        rest: Sequence[Block] = item
        if item and isinstance(item[0], MdParagraph):
            add_spans(li, item[0].spans)
            rest = item[1:]
        add_blocks(li, rest, class_)


def data_uri(picture: Picture, box: tuple[int, int]) -> tuple[str, int, int]:
    """The picture as a `data:` URI, scaled down to fit `box` (pixels) if larger, and its width and height."""
    data, fmt, width, height = picture.data, picture.format, picture.width, picture.height
    scale = min(box[0] / width, box[1] / height, 1.0)
    if scale < 1.0:
        from PIL import Image

        width, height = max(1, round(width * scale)), max(1, round(height * scale))
        with Image.open(io.BytesIO(data)) as im:
            small = im.resize((width, height), Image.Resampling.LANCZOS)
        out = io.BytesIO()
        if fmt == "jpeg":
            small.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
        else:
            small.save(out, "PNG", optimize=True)
        data = out.getvalue()
    mime = "image/jpeg" if fmt == "jpeg" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}", width, height

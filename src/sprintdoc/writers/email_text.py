"""The e-mail's plain-text part, read from the same element tree as its HTML part, so the two say the same.

Each block (heading, paragraph, list item, quote, caption, table row) is a paragraph of its
own; the edition's title and the sections' titles are underlined; a list item starts with
`-` (or its number); a quote's lines start with `>`; a link is followed by its address in
angle brackets; a picture is its alt text in square brackets; a table row is its cells
joined by ` | `. The text is never read as markup: it comes from the tree's text nodes.
"""

from __future__ import annotations

from lxml import etree

_UNDERLINED = {"h1": "=", "h2": "-"}
_BLOCKS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "caption"})
_SKIPPED = frozenset({"head", "style", "script", "title"})


def plain_text(body: etree._Element) -> str:
    """The text of what `body` holds, as paragraphs separated by blank lines, ending with a new line."""
    blocks: list[str] = []
    _walk(body, blocks, "")
    return "\n\n".join(b for b in blocks if b.strip()) + "\n"


def _walk(el: etree._Element, blocks: list[str], prefix: str) -> None:
    for child in el:
        if not isinstance(child.tag, str) or child.tag in _SKIPPED:
            continue
        tag = child.tag
        if tag in _BLOCKS:
            text = _inline(child).strip()
            if tag in _UNDERLINED and text:
                text += "\n" + _UNDERLINED[tag] * min(len(text), 72)
            blocks.append(_prefixed(text, prefix))
        elif tag in ("ul", "ol"):
            _list(child, blocks, prefix)
        elif tag == "blockquote":
            _walk(child, blocks, prefix + "> ")
        elif tag == "tr" and not _in_layout_table(child):
            cells = [_inline(c).strip() for c in child if c.tag in ("td", "th")]
            blocks.append(_prefixed(" | ".join(c.replace("\n", " ") for c in cells), prefix))
        elif tag == "img":
            alt = (child.get("alt") or "").strip()
            if alt:
                blocks.append(_prefixed(f"[{alt}]", prefix))
        else:
            _walk(child, blocks, prefix)


def _in_layout_table(row: etree._Element) -> bool:
    table = next(row.iterancestors("table"), None)
    return table is not None and table.get("role") == "presentation"


def _list(listing: etree._Element, blocks: list[str], prefix: str) -> None:
    number = int(listing.get("start") or 1)
    for item in listing:
        if item.tag != "li":
            continue
        bullet = f"{number}. " if listing.tag == "ol" else "- "
        number += 1
        own = _inline(item, stop=True).strip()
        blocks.append(_prefixed(bullet + own, prefix, " " * len(bullet)))
        _walk(item, blocks, prefix + " " * len(bullet))


def _inline(el: etree._Element, *, stop: bool = False) -> str:
    """The inline text of `el`: `<br>` as a new line, links followed by their address; with `stop`, up to its
    first block (a list item's own text, before its nested lists and paragraphs)."""
    parts = [el.text or ""]
    for child in el:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if stop and (child.tag in _BLOCKS or child.tag in ("ul", "ol", "blockquote")):
            break
        if child.tag == "br":
            parts.append("\n")
        elif child.tag == "img":
            alt = (child.get("alt") or "").strip()
            parts.append(f"[{alt}]" if alt else "")
        elif child.tag in _BLOCKS or child.tag in ("ul", "ol", "li", "blockquote"):
            parts.append(f"\n{_inline(child).strip()}\n")  # a block inside a cell: a line of its own
        else:
            inner = _inline(child)
            href = child.get("href") if child.tag == "a" else None
            shown = href.removeprefix("mailto:") if href else None
            parts.append(inner if not href or inner.strip() in (href, shown) else f"{inner} <{href}>")
        parts.append(child.tail or "")
    return "".join(parts)


def _prefixed(text: str, prefix: str, hanging: str = "") -> str:
    """`text` with `prefix` before each line (a quote's `> `), later lines of a list item indented under its text."""
    lines = text.split("\n")
    return "\n".join(prefix + (hanging if n else "") + line for n, line in enumerate(lines))

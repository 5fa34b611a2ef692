"""The Markdown of text fields, parsed once into a small tree that both writers draw.

The subset is bundle-format.md's: paragraphs, hard breaks, nested bullet and
numbered lists, bold, italic, links (web and mailto, bare URLs and e-mail
addresses too), block quotes and backslash escapes. Everything else (raw HTML,
headings, images, entities, code) stays the literal text typed.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeAlias

import attrs

from sprintdoc.errors import SprintdocError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

LINK_SCHEMES = ("http://", "https://", "mailto:")
#: How deep quotes and lists may nest inside one another (each quote and each list is one level).
#: Far deeper than anyone types, and far inside Python's recursion limit (the parser takes two frames a level).
MAX_DEPTH = 50
#: markdown-it's own limit, in its token levels: a list takes two (list, item), a quote one. Just enough that
#: nothing within MAX_DEPTH is cut, and the level past it still opens (so it is counted, not silently dropped).
_MAX_NESTING = 2 * MAX_DEPTH + 2


class MarkdownDepthError(SprintdocError, ValueError):
    """Markdown nested deeper than MAX_DEPTH: refused, because the parser would drop the text inside."""


@attrs.frozen
class Span:
    """A run of inline text with one look; `text` is exactly what is shown ("\\n" is a hard break)."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None


@attrs.frozen
class Paragraph:
    """A paragraph of spans."""

    spans: tuple[Span, ...]


@attrs.frozen
class ListBlock:
    """A bullet or numbered list; each item is a tuple of blocks (so lists nest)."""

    ordered: bool
    items: tuple[tuple[Block, ...], ...]
    start: int = 1


@attrs.frozen
class Quote:
    """A block quote, shown as a pull quote."""

    blocks: tuple[Block, ...]


Block: TypeAlias = Paragraph | ListBlock | Quote


@attrs.frozen
class Markdown:
    """A Markdown text field: the source as typed and the blocks it means."""

    source: str
    blocks: tuple[Block, ...] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "blocks", parse(self.source))

    def __bool__(self) -> bool:
        return bool(self.source.strip())

    def plain(self) -> str:
        """The text a reader sees, blocks on lines, without any markup."""
        return "\n".join(_plain(self.blocks))

    def paragraphs(self) -> tuple[str, ...]:
        """The text of each paragraph (list items and quoted ones too), in reading order, without markup."""
        return tuple(_plain(self.blocks))


def to_markdown(value: str | Markdown) -> Markdown:
    """A Markdown field from a string (attrs converter, so scripts may pass plain strings)."""
    return value if isinstance(value, Markdown) else Markdown(value)


def to_markdown_or_none(value: str | Markdown | None) -> Markdown | None:
    """Like `to_markdown`, keeping None."""
    return None if value is None else to_markdown(value)


@functools.cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"linkify": True, "html": False, "maxNesting": _MAX_NESTING})
    md.disable(["html_block", "html_inline", "entity", "heading", "lheading", "backticks", "fence", "code", "hr"])
    md.disable("reference")
    md.enable("linkify")
    return md


def parse(source: str) -> tuple[Block, ...]:
    """The blocks of a Markdown text; raises MarkdownDepthError if quotes and lists nest deeper than MAX_DEPTH."""
    if not source.strip():
        return ()
    tokens = _parser().parse(source)
    _check_depth(tokens)
    blocks, _ = _blocks(tokens, 0, None)
    return tuple(blocks)


_CONTAINERS = frozenset(
    f"{name}_{end}" for name in ("blockquote", "bullet_list", "ordered_list") for end in ("open", "close")
)


def _check_depth(tokens: list[Token]) -> None:
    depth = 0
    for tok in tokens:
        if tok.type in _CONTAINERS:
            depth += tok.nesting
            if depth > MAX_DEPTH:
                line = f" (line {tok.map[0] + 1} of the text)" if tok.map else ""
                raise MarkdownDepthError(
                    f"quotes and lists are nested more than {MAX_DEPTH} deep{line}; "
                    f"sprintdoc reads at most {MAX_DEPTH} levels, so nest them less deeply"
                )


def _blocks(tokens: list[Token], i: int, until: str | None) -> tuple[list[Block], int]:
    out: list[Block] = []
    while i < len(tokens):
        tok = tokens[i]
        if until is not None and tok.type == until:
            return out, i + 1
        if tok.type == "paragraph_open":
            out.append(Paragraph(tuple(_spans(tokens[i + 1].children or []))))
            i += 3
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            ordered = tok.type == "ordered_list_open"
            close = "ordered_list_close" if ordered else "bullet_list_close"
            start = int(str(tok.attrs.get("start", 1)))
            items: list[tuple[Block, ...]] = []
            i += 1
            while tokens[i].type != close:
                item, i = _blocks(tokens, i + 1, "list_item_close")
                items.append(tuple(item))
            out.append(ListBlock(ordered, tuple(items), start))
            i += 1
        elif tok.type == "blockquote_open":
            inner, i = _blocks(tokens, i + 1, "blockquote_close")
            out.append(Quote(tuple(inner)))
        else:  # pragma: no cover - every other block rule is disabled
            raise AssertionError(f"unexpected Markdown token {tok.type}")
    return out, i


def _spans(children: list[Token]) -> Iterator[Span]:
    bold = italic = 0
    link: list[str | None] = []
    for tok in children:
        kind = tok.type
        if kind == "text":
            if tok.content:
                yield Span(tok.content, bold > 0, italic > 0, link[-1] if link else None)
        elif kind == "softbreak":
            yield Span(" ", bold > 0, italic > 0, link[-1] if link else None)
        elif kind == "hardbreak":
            yield Span("\n", bold > 0, italic > 0)
        elif kind in ("strong_open", "strong_close"):
            bold += 1 if kind == "strong_open" else -1
        elif kind in ("em_open", "em_close"):
            italic += 1 if kind == "em_open" else -1
        elif kind == "link_open":
            href = str(tok.attrs.get("href", ""))
            link.append(href if href.lower().startswith(LINK_SCHEMES) else None)
        elif kind == "link_close":
            link.pop()
        elif kind == "image":  # images inside a field are shown as typed
            title = tok.attrs.get("title")
            suffix = f' "{title}"' if title else ""
            literal = f"![{tok.content}]({tok.attrs.get('src', '')}{suffix})"
            yield Span(literal, bold > 0, italic > 0, link[-1] if link else None)
        else:
            yield Span(tok.content, bold > 0, italic > 0)


#: What a web address starts with, as typed: a link whose text starts so is read out as an address.
_ADDRESS_STARTS = ("http://", "https://", "www.")


def bare_links(blocks: tuple[Block, ...]) -> Iterator[tuple[str, str]]:
    """(text, target) of each web link (not e-mail) whose text is an address: a bare URL, or `[https://…](…)`.

    A screen reader spells such a link out character by character; the loader warns, asking for words. An
    e-mail address is left alone: read aloud, it is what a reader needs to write to it.
    """
    for block in blocks:
        if isinstance(block, Paragraph):
            yield from _bare_links(block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from bare_links(item)
        else:
            yield from bare_links(block.blocks)


def _bare_links(spans: tuple[Span, ...]) -> Iterator[tuple[str, str]]:
    # A link's text may be several spans (`[**https**://…](…)`): take each run of spans with one target.
    for link, run in itertools.groupby(spans, key=lambda span: span.link):
        if link is None or link.lower().startswith("mailto:"):
            continue
        text = "".join(span.text for span in run).strip()
        words, address = text.lower(), link.lower()
        if words.startswith(_ADDRESS_STARTS) or words in (address, address.split("://", 1)[-1]):
            yield text, link


def _plain(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield "".join(s.text for s in block.spans)
        elif isinstance(block, ListBlock):
            for item in block.items:
                yield from _plain(item)
        else:
            yield from _plain(block.blocks)

"""The Markdown subset of text fields: what it means, and everything else kept as the literal text typed."""

from __future__ import annotations

import pytest
from hypothesis import given

from sprintdoc.errors import SprintdocError
from sprintdoc.markdown import (
    MAX_DEPTH,
    Block,
    ListBlock,
    Markdown,
    MarkdownDepthError,
    Paragraph,
    Quote,
    Span,
    bare_links,
)
from strategies import markdown_literal, text


def para(*spans: Span) -> Paragraph:
    return Paragraph(spans)


def only_paragraph(source: str) -> tuple[Span, ...]:
    (block,) = Markdown(source).blocks
    assert isinstance(block, Paragraph)
    return block.spans


def test_paragraphs_are_separated_by_blank_lines_and_lines_join_with_a_space() -> None:
    assert Markdown("one\ntwo\n\nthree").blocks == (para(Span("one"), Span(" "), Span("two")), para(Span("three")))


@pytest.mark.parametrize("source", ["a  \nb", "a\\\nb"])
def test_hard_breaks(source: str) -> None:
    assert only_paragraph(source) == (Span("a"), Span("\n"), Span("b"))


def test_bold_italic_and_both() -> None:
    assert only_paragraph("**b** *i* ***bi***") == (
        Span("b", bold=True),
        Span(" "),
        Span("i", italic=True),
        Span(" "),
        Span("bi", bold=True, italic=True),
    )


def test_links_mailto_and_autolinks() -> None:
    spans = only_paragraph("[site](https://ecda.org) [mail](mailto:ecda@essex.gov.uk) see https://x.org or a@b.org")
    links = [(s.text, s.link) for s in spans if s.link]
    assert links == [
        ("site", "https://ecda.org"),
        ("mail", "mailto:ecda@essex.gov.uk"),
        ("https://x.org", "https://x.org"),
        ("a@b.org", "mailto:a@b.org"),
    ]


def test_bold_inside_a_link_keeps_the_link() -> None:
    assert only_paragraph("[**go**](https://x.org)") == (Span("go", bold=True, link="https://x.org"),)


@pytest.mark.parametrize("source", ["[x](javascript:alert(1))", "[x](file:///etc/passwd)", "[x](page.html)"])
def test_only_web_and_mail_links_are_links(source: str) -> None:
    spans = only_paragraph(source)
    assert all(s.link is None for s in spans)
    assert "x" in "".join(s.text for s in spans)


def test_nested_bullet_and_numbered_lists() -> None:
    (block,) = Markdown("3. first\n   - inner\n   - more\n4. second").blocks
    assert isinstance(block, ListBlock)
    assert (block.ordered, block.start, len(block.items)) == (True, 3, 2)
    first, second = block.items
    assert first[0] == para(Span("first"))
    inner = first[1]
    assert isinstance(inner, ListBlock) and not inner.ordered
    assert inner.items == ((para(Span("inner")),), (para(Span("more")),))
    assert second == (para(Span("second")),)


def test_block_quotes() -> None:
    (block,) = Markdown('> **"Seeing the information"** said Jane\n> Gardner').blocks
    assert isinstance(block, Quote)
    (inner,) = block.blocks
    assert isinstance(inner, Paragraph)
    assert inner.spans[0] == Span('"Seeing the information"', bold=True)


def test_backslash_escapes() -> None:
    assert only_paragraph(r"\*not italic\* \[not a link\](x)") == (Span("*not italic* [not a link](x)"),)


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("<b>bold?</b> <script>alert(1)</script>", "<b>bold?</b> <script>alert(1)</script>"),
        ("# Not a heading", "# Not a heading"),
        ("Heading\n=======", "Heading ======="),
        ("![a photo](images/x.png)", "![a photo](images/x.png)"),
        ('![a photo](images/x.png "title")', '![a photo](images/x.png "title")'),
        ("&amp; &lt; &#169;", "&amp; &lt; &#169;"),
        ("`code` and ``more``", "`code` and ``more``"),
        ("{{ title }} {% if x %}y{% endif %}", "{{ title }} {% if x %}y{% endif %}"),
        ("---", "---"),
        ("[ref]\n\n[ref]: https://example.org", "[ref]\n[ref]: https://example.org"),
    ],
)
def test_anything_else_is_the_literal_text(source: str, shown: str) -> None:
    assert Markdown(source).plain() == shown
    assert all(
        not s.bold and not s.italic for b in Markdown(source).blocks if isinstance(b, Paragraph) for s in b.spans
    )


def test_indented_text_is_not_code() -> None:
    assert only_paragraph("    four spaces in") == (Span("four spaces in"),)


def test_empty_markdown_is_false_and_has_no_blocks() -> None:
    assert not Markdown("  \n")
    assert Markdown("  \n").blocks == ()
    assert Markdown("x")


def test_markdown_equality_is_by_source() -> None:
    assert Markdown("a *b*") == Markdown("a *b*")
    assert Markdown("a") != Markdown("b")


@given(text)
def test_escaped_text_reads_back_as_typed(value: str) -> None:
    assert Markdown(markdown_literal(value)).plain() == value.strip()


# -- nesting -----------------------------------------------------------------------------------------


def depth_of(blocks: tuple[Block, ...]) -> int:
    """How deep quotes and lists nest in blocks."""
    deepest = 0
    for block in blocks:
        if isinstance(block, Quote):
            deepest = max(deepest, 1 + depth_of(block.blocks))
        elif isinstance(block, ListBlock):
            deepest = max(deepest, 1 + max((depth_of(item) for item in block.items), default=0))
    return deepest


@pytest.mark.parametrize("marker", ["> ", "- ", "1. ", "> - ", "- > "])
def test_nesting_as_deep_as_is_read_keeps_its_text(marker: str) -> None:
    repeats = MAX_DEPTH // len(marker.split())
    md = Markdown(marker * repeats + "kept")
    assert md.plain() == "kept"
    assert depth_of(md.blocks) == repeats * len(marker.split())


def test_a_list_of_many_levels_keeps_every_level() -> None:
    md = Markdown("".join("  " * i + f"- level{i + 1}\n" for i in range(12)))
    assert md.plain().split() == [f"level{i + 1}" for i in range(12)]
    assert depth_of(md.blocks) == 12


@pytest.mark.parametrize("marker", ["> ", "- ", "1. "])
@pytest.mark.parametrize("extra", [1, 10_000])
def test_nesting_deeper_than_is_read_is_refused_not_cut(marker: str, extra: int) -> None:
    with pytest.raises(MarkdownDepthError, match=f"nested more than {MAX_DEPTH} deep \\(line 3 of the text\\)"):
        Markdown("intro\n\n" + marker * (MAX_DEPTH + extra) + "lost")
    assert issubclass(MarkdownDepthError, SprintdocError) and issubclass(MarkdownDepthError, ValueError)


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ("see https://x.org/a?b=1 now", [("https://x.org/a?b=1", "https://x.org/a?b=1")]),
        ("www.x.org", [("www.x.org", "http://www.x.org")]),
        ("x.org", [("x.org", "http://x.org")]),
        ("<https://x.org>", [("https://x.org", "https://x.org")]),
        ("[https://x.org](https://x.org)", [("https://x.org", "https://x.org")]),
        ("[**https**://x.org](https://x.org)", [("https://x.org", "https://x.org")]),
        ("[https://y.org](https://x.org)", [("https://y.org", "https://x.org")]),
        (
            "- a\n  - https://x.org\n\n> www.x.org",
            [("https://x.org", "https://x.org"), ("www.x.org", "http://www.x.org")],
        ),
        ("[the site](https://x.org)", []),
        ("a@b.org and [a@b.org](mailto:a@b.org)", []),
        ("https://x.org", [("https://x.org", "https://x.org")]),
    ],
)
def test_bare_links_are_web_links_whose_text_is_an_address(source: str, found: list[tuple[str, str]]) -> None:
    assert list(bare_links(Markdown(source).blocks)) == found

"""The PDF's own flowables: laid out once, however often the page layout measures them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph, paraparser

import sprintdoc
from sprintdoc.registry import default_registry
from sprintdoc.writers import pdf
from sprintdoc.writers.pdf_flowables import BorderedParagraph
from sprintdoc.writers.pdf_look import pdf_look, stage_styles
from strategies import NASTY

WHITE = " \t\n\r\xa0\u2002\u200b\u3000"


def test_a_paragraph_measured_again_at_the_same_width_keeps_its_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    broken: list[float] = []
    original = Paragraph.breakLines

    def spy(self: Any, widths: Any) -> Any:
        broken.append(widths[0])
        return original(self, widths)

    monkeypatch.setattr(Paragraph, "breakLines", spy)
    style = pdf_look(pdf.default_template(), sprintdoc.Theme(), None).styles["body"]
    paragraph = BorderedParagraph("word " * 200, style)
    first = paragraph.wrap(200, 1000)
    assert paragraph.wrap(200, 500) == first and len(broken) == 1
    narrower = paragraph.wrap(150, 1000)
    assert narrower[1] > first[1] and len(broken) == 2
    top, rest = paragraph.split(150, narrower[1] / 2)
    assert top.wrap(150, 1000)[1] + rest.wrap(150, 1000)[1] == pytest.approx(narrower[1])


def test_every_paragraph_of_an_edition_breaks_its_lines_once(
    july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    made: list[object] = []
    broken: list[object] = []
    init, break_lines = BorderedParagraph.__init__, Paragraph.breakLines

    def counted_init(self: Any, *args: Any, **kwargs: Any) -> None:
        made.append(self)
        init(self, *args, **kwargs)

    def counted_break(self: Any, widths: Any) -> Any:
        broken.append(self)
        return break_lines(self, widths)

    monkeypatch.setattr(BorderedParagraph, "__init__", counted_init)
    monkeypatch.setattr(Paragraph, "breakLines", counted_break)
    pdf.write(july, io.BytesIO(), default_registry())
    assert len(broken) == len(made)  # a part split off over a page is a paragraph of its own


def test_a_card_is_measured_without_copying_the_page_frame(
    july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportlab.platypus import flowables

    copied: list[object] = []
    deepcopy = flowables.deepcopy

    def counted(value: Any, *args: Any) -> Any:
        copied.append(value)
        return deepcopy(value, *args)

    monkeypatch.setattr(flowables, "deepcopy", counted)
    pdf.write(july, io.BytesIO(), default_registry())
    assert copied == []


def body_style() -> Any:
    return pdf_look(pdf.default_template(), sprintdoc.Theme(), None).styles["body"]


def styles() -> dict[str, Any]:
    theme = sprintdoc.Theme()
    return stage_styles(pdf_look(pdf.default_template(), theme, None).styles, theme)


@given(
    st.one_of(st.sampled_from(NASTY), st.text(), st.text(alphabet=st.sampled_from([*WHITE, "a", "é", "<", "&"]))),
    st.sampled_from(sorted(styles())),
)
def test_plain_text_is_split_into_the_fragments_reportlabs_parser_makes(value: str, name: str) -> None:
    text = value.replace("<", "").replace("&", "")  # what reportlab would read as markup goes through its parser
    style = styles()[name]
    ours, parsed = BorderedParagraph(text, style), Paragraph(text, style)
    assert ours.text == parsed.text
    assert [vars(f) for f in ours.frags] == [vars(f) for f in parsed.frags]


def test_plain_text_is_not_scanned_for_tags(monkeypatch: pytest.MonkeyPatch) -> None:
    scanned: list[str] = []
    parse = paraparser.ParaParser.parse

    def counted(self: Any, text: str, style: Any) -> Any:
        scanned.append(text)
        return parse(self, text, style)

    monkeypatch.setattr(paraparser.ParaParser, "parse", counted)
    for text in ("Plain  text, even   spaced oddly ", "<b>Bold</b> &amp; more"):
        assert BorderedParagraph(text, body_style()).frags  # made into fragments when first asked for
    assert scanned == ["<b>Bold</b> &amp; more"]


def test_a_paragraph_is_made_into_fragments_when_first_laid_out_not_when_made() -> None:
    """A story of thousands of cards held every paragraph's fragments from the start: a fifth of the PDF's memory."""
    from reportlab.platypus import Paragraph

    text = "Plain &amp; <b>bold</b> text, long enough to break over more than one line at this width"
    lazy = BorderedParagraph(text, body_style())
    assert "_frags" not in vars(lazy)
    assert lazy.getKeepWithNext() == body_style().keepWithNext  # what reportlab asks before laying it out
    assert lazy.wrap(120, 500) == Paragraph(text, body_style()).wrap(120, 500)
    assert "_frags" in vars(lazy)

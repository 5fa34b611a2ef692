"""The Word writer at any size: each card costs the same work however many came before it (counted, not timed)."""

from __future__ import annotations

import collections
import io
import zipfile
from collections.abc import Callable
from typing import Any

import attrs
import docx
import pytest
from docx.document import Document
from docx.oxml.document import CT_Body
from docx.oxml.ns import qn
from docx.oxml.numbering import CT_Numbering
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from lxml import etree

import sprintdoc
from conftest import JULY
from sprintdoc.output import render
from sprintdoc.sections.news import NewsSection
from sprintdoc.sections.projects import ProjectsSection
from sprintdoc.theme import Theme
from sprintdoc.writers import default_template
from sprintdoc.writers import docx as docx_writer
from sprintdoc.writers.docx_context import SPILL_BLOCKS, DocxContext
from sprintdoc.writers.docx_subdoc import Subdoc
from sprintdoc.writers.docx_xml import ListInstances


def with_cards(bundle: sprintdoc.Bundle, copies: int) -> sprintdoc.Bundle:
    """`bundle` with its project cards repeated `copies` times, each copy renamed."""
    sections = []
    for section in bundle.sections:
        if isinstance(section, ProjectsSection):
            cards = [
                attrs.evolve(card, name=f"{card.name} ({copy})") for copy in range(copies) for card in section.projects
            ]
            section = attrs.evolve(section, projects=cards)
        sections.append(section)
    return attrs.evolve(bundle, sections=sections)


def _counting(counts: collections.Counter[str], name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return original(*args, **kwargs)

    return counted


def document_wide_lookups(bundle: sprintdoc.Bundle) -> collections.Counter[str]:
    """How often writing `bundle` asks python-docx for what costs more the more the document holds."""
    counts: collections.Counter[str] = collections.Counter()
    search = BaseOxmlElement.first_child_found_in

    def search_counted(self: Any, *tagnames: str) -> Any:
        if self.tag == qn("w:body"):
            counts["a search of the body for where to insert"] += 1
        return search(self, *tagnames)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseOxmlElement, "first_child_found_in", search_counted)
        patch.setattr(CT_Body, "__iter__", _counting(counts, "a walk of the body", etree.ElementBase.__iter__))
        patch.setattr(CT_Body, "__len__", _counting(counts, "a count of the body", etree.ElementBase.__len__))
        patch.setattr(Document, "sections", property(_counting(counts, "sections", Document.sections.fget)))
        patch.setattr(DocumentPart, "get_style_id", _counting(counts, "a style lookup", DocumentPart.get_style_id))
        next_num_id = CT_Numbering._next_numId.fget
        patch.setattr(CT_Numbering, "_next_numId", property(_counting(counts, "a numbering scan", next_num_id)))
        render(bundle, "docx")
    return counts


def test_more_cards_ask_python_docx_for_no_more_document_wide_lookups(july: sprintdoc.Bundle) -> None:
    # Each of these walks the whole body, every section, style or list: once per card, the writer is quadratic.
    assert document_wide_lookups(with_cards(july, 3)) == document_wide_lookups(with_cards(july, 1))


def test_more_cards_add_the_same_markup_for_each_card(july: sprintdoc.Bundle) -> None:
    def elements(copies: int) -> collections.Counter[str]:
        with zipfile.ZipFile(io.BytesIO(render(with_cards(july, copies), "docx"))) as z:
            return collections.Counter(el.tag for el in etree.fromstring(z.read("word/document.xml")).iter())

    one, two, three = (elements(n) for n in (1, 2, 3))
    assert three - two == two - one
    assert (two - one)[qn("w:p")] > 0


def test_the_body_given_to_the_template_declares_no_namespace_per_block() -> None:
    # lxml moves a body into the template in time quadratic in the declarations it holds
    tpl = docx_writer._template_class()(str(default_template()))
    body = Subdoc(tpl)
    for n in range(5):
        body.document.add_paragraph(f"paragraph {n}")
    markup = body.__html__()
    assert markup.count("<w:p>") == 5
    assert "xmlns" not in markup
    assert len(body.document.element.body) == 0, "the tree is freed once it is text"
    assert body.__html__() == markup, "a template that shows the body twice shows it whole twice"


def test_an_empty_body_gives_the_template_nothing() -> None:
    tpl = docx_writer._template_class()(str(default_template()))
    assert Subdoc(tpl).__html__() == ""


@pytest.mark.parametrize("taken", [[], [1, 2, 3], [2, 3], [1, 2, 4, 7]])
def test_new_lists_get_the_ids_python_docx_would_give(taken: list[int]) -> None:
    ours, theirs = (docx.Document(str(default_template())).part.numbering_part.element for _ in range(2))
    for numbering in (ours, theirs):
        for num in numbering.findall(qn("w:num")):
            numbering.remove(num)
        for num_id in taken:
            numbering.add_num(1).numId = num_id
    lists = ListInstances(ours)
    given = [lists.new(1, 0, 1) for _ in range(4)]
    expected = [int(theirs.add_num(1).numId) for _ in range(4)]
    assert given == expected
    assert [int(n.get(qn("w:numId"))) for n in ours.findall(qn("w:num"))] == [*taken, *given]


def test_what_a_kind_adds_through_python_docx_keeps_its_place_and_is_kept_together() -> None:
    tpl = docx_writer._template_class()(str(default_template()))
    body = Subdoc(tpl)
    ctx = docx_writer.DocxContext(body.document, Theme(), JULY)
    ctx.text("before")
    with ctx.group():
        ctx.text("one")
        body.document.add_paragraph("two")
        ctx.text("three")
        body.document.add_table(rows=1, cols=1)
    ctx.text("after")
    blocks = [el for el in body.document.element.body if el.tag != qn("w:sectPr")]
    texts = ["".join(t.text for t in el.iter(qn("w:t"))) for el in blocks]
    assert texts == ["before", "one", "two", "three", "", "after"]
    kept = [el.find(f".//{qn('w:keepNext')}") is not None for el in blocks]
    assert kept == [False, True, True, True, False, False]
    assert blocks[4].find(f".//{qn('w:cantSplit')}") is not None


def test_the_drawn_body_holds_a_bounded_number_of_blocks_however_many_cards(july: sprintdoc.Bundle) -> None:
    # A block held as a tree costs some ten times its text: what is drawn and done with is handed on as text.
    held: list[int] = []
    append = DocxContext._append

    def counted(self: DocxContext, block: Any) -> None:
        append(self, block)
        held.append(len(self._body))

    projects = next(s for s in july.sections if isinstance(s, ProjectsSection))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(DocxContext, "_append", counted)
        render(with_cards(july, 500 // len(projects.projects) + 1), "docx")
    assert len(held) > 10 * SPILL_BLOCKS
    assert max(held) < 2 * SPILL_BLOCKS


def test_pictures_are_numbered_in_document_order_across_what_was_handed_on(july: sprintdoc.Bundle) -> None:
    sections = [attrs.evolve(s, stories=s.stories * 60) if isinstance(s, NewsSection) else s for s in july.sections]
    bundle = attrs.evolve(july, sections=sections)
    with zipfile.ZipFile(io.BytesIO(render(bundle, "docx"))) as z:
        part = etree.fromstring(z.read("word/document.xml"))
    ids = [int(el.get("id")) for el in part.iter(qn("wp:docPr"))]
    pictures = sum(1 for s in sections if isinstance(s, NewsSection) for story in s.stories if story.image)
    logo = 1 if july.edition.logo is not None else 0
    assert len(ids) == pictures + logo > SPILL_BLOCKS // 10
    assert ids == list(range(1001, 1001 + len(ids))), "numbered as docxtpl numbers them, in document order"


def test_the_body_is_not_rendered_by_jinja_nor_parsed_again_by_docxtpl(july: sprintdoc.Bundle) -> None:
    # Each pass of docxtpl holds the body again as text and as a tree: it is spliced into the saved part instead.
    given: list[int] = []
    strict = docx_writer._template_class()
    fix_tables = strict.fix_tables

    def measured(self: Any, xml_text: str) -> Any:
        given.append(len(xml_text))
        return fix_tables(self, xml_text)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_writer, "_template_class", lambda: strict)
        patch.setattr(strict, "fix_tables", measured)
        data = render(with_cards(july, 20), "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        finished = len(z.read("word/document.xml").decode())
    assert given
    assert max(given) < finished / 10

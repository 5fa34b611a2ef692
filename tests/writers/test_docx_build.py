"""The paragraphs, runs and marks built straight with lxml are what python-docx's own API writes."""

from __future__ import annotations

from typing import Any

import docx
import pytest
from docx.shared import RGBColor, Twips
from docx.text.paragraph import Paragraph
from lxml import etree

from sprintdoc.writers import docx_build as build

TEXTS = [
    "plain",
    " leading",
    "trailing ",
    "tab\there",
    "two\nlines",
    "cr\rend",
    "\tstarts",
    "ends\n",
    "a\t\n\rb",
    "\xa0nbsp",
]


def _xml(element: Any) -> str:
    """An element's XML, python-docx's empty property elements (which say nothing) left out."""
    text = etree.tostring(element, encoding="unicode")
    return text.replace("<w:rPr/>", "").replace("<w:pPr/>", "")


def _paragraph() -> Any:
    document = docx.Document()
    return document.add_paragraph()


def _attached(p: Any) -> Any:
    """A paragraph made unattached, put into a document's body as the writer puts it (its namespace shared)."""
    docx.Document().element.body.append(p)
    return p


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("italic", [False, True])
def test_a_run_is_what_python_docx_writes(text: str, bold: bool, italic: bool) -> None:
    theirs: Paragraph = _paragraph()
    run = theirs.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.font.color.rgb = RGBColor.from_string("1F4E79")
    ours = _paragraph()._p
    build.run(ours, text, bold=bold, italic=italic, colour="1f4e79")
    assert _xml(ours) == _xml(theirs._p)


def test_a_styled_run_in_a_hyperlink_is_what_python_docx_writes() -> None:
    theirs = _paragraph()
    link = etree.SubElement(theirs._p, build.HYPERLINK, {build.R_ID: "rId9", build.HISTORY: "1"})
    run = theirs.add_run("a link")
    link.append(run._r)
    run._r.style = "Hyperlink"
    run.bold = True
    ours = _paragraph()._p
    build.run(build.hyperlink(ours, "rId9"), "a link", style="Hyperlink", bold=True)
    assert _xml(ours) == _xml(theirs._p)


def test_paragraph_properties_go_in_the_schemas_order_whenever_they_are_added() -> None:
    theirs = _paragraph()._p
    theirs.style = "ListBullet"
    theirs.add_r().text = "item"
    ppr = theirs.get_or_add_pPr()
    ppr.ind_left = Twips(720)
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 1
    num_pr.get_or_add_numId().val = 7
    ppr.keepLines_val = True
    ppr.keepNext_val = True

    ours = _attached(build.paragraph(_paragraph()._p, "ListBullet"))
    build.run(ours, "item")
    build.indent(ours, 720)
    build.number(ours, 7, 1)
    build.keep(ours, with_next=True)
    build.keep(ours, with_next=True)  # twice: nothing doubles
    assert _xml(ours) == _xml(theirs)


def test_keeping_a_paragraph_with_no_properties_puts_them_first() -> None:
    theirs = _paragraph()._p
    theirs.add_r().text = "text"
    theirs.get_or_add_pPr().keepLines_val = True
    ours = _attached(build.paragraph(_paragraph()._p, None))
    build.run(ours, "text")
    build.keep(ours, with_next=False)
    assert _xml(ours) == _xml(theirs)


def test_built_elements_are_python_docx_classes_for_plugins() -> None:
    p = build.paragraph(_paragraph()._p, "Heading1")
    r = build.run(p, "text", bold=True)
    paragraph = Paragraph(p, None)
    assert paragraph.text == "text"
    assert paragraph.runs[0].bold is True
    assert type(r).__name__ == "CT_R"


def test_a_row_is_kept_whole_once() -> None:
    table = docx.Document().add_table(rows=1, cols=2)
    tr = table.rows[0]._tr
    build.keep_row(tr)
    build.keep_row(tr)
    assert tr[0].tag == build.TRPR
    assert [child.tag for child in tr.find(build.TRPR)] == [build.CANT_SPLIT]

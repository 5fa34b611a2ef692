"""The Word newsletter: a bundle goes in, and the structure a reader (or Word's navigation pane) sees comes out."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import attrs
import docx
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import sprintdoc
from conftest import JULY, require_tool
from restyle import Restyle, restyle
from sprintdoc.errors import TemplateWarning
from sprintdoc.output import render
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.text import TextSection
from sprintdoc.theme import Colour, Colours, Fonts, Theme
from sprintdoc.writers import document_date
from sprintdoc.writers import docx as docx_writer
from sprintdoc.writers.docx_xml import ADEC_NS, NUMBERS_NAME
from sprintdoc.writers.list_layout import DEEPEST_LIST_LEVEL, list_indent
from strategies import NASTY, bundle_with, text, visible

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
STRICT = etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


class Docx:
    """A rendered .docx opened for reading: its parts parsed strictly, its paragraphs with their styles."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.parts = {n: etree.fromstring(z.read(n), STRICT) for n in z.namelist() if n.endswith((".xml", ".rels"))}
        self.document = self.parts["word/document.xml"]
        self.body = self.document.find(f"{W}body")
        self.style_names = {
            s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val")
            for s in self.parts["word/styles.xml"].iter(f"{W}style")
        }
        self.rels = {r.get("Id"): r for r in self.parts["word/_rels/document.xml.rels"].iter("{*}Relationship")}

    def style(self, p: Any) -> str:
        found = p.find(f"{W}pPr/{W}pStyle")
        return self.style_names.get(found.get(f"{W}val"), "") if found is not None else "Normal"

    def headings(self) -> list[tuple[int, str]]:
        """(level, text) of every heading paragraph, in order."""
        out = []
        for p in self.body.iter(f"{W}p"):
            name = self.style(p)
            if name.startswith("heading "):
                out.append((int(name.split()[1]), text_of(p)))
        return out

    def bookmarks(self) -> dict[str, Any]:
        """Bookmark name -> the paragraph it starts in."""
        return {b.get(f"{W}name"): b.getparent() for b in self.body.iter(f"{W}bookmarkStart")}

    def paragraph_texts(self) -> list[str]:
        return [text_of(p) for p in self.body.iter(f"{W}p")]


def text_of(element: Any) -> str:
    """The text a reader sees in an element: w:t text, tabs and breaks as they show."""
    out = []
    for el in element.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(el.text or "" if el.tag == f"{W}t" else "\t" if el.tag == f"{W}tab" else "\n")
    return "".join(out)


@pytest.fixture(scope="module")
def july_docx(july: sprintdoc.Bundle) -> Docx:
    return Docx(render(july, "docx"))


def in_code(*sections: Any, **edition: Any) -> sprintdoc.Bundle:
    """A small bundle built in code, its images read from the July fixture."""
    fields = {"title": "Sprint Notes", "period": "August 2021", **edition}
    return sprintdoc.Bundle(edition=sprintdoc.Edition(**fields), sections=sections, root=JULY)


# -- structure -----------------------------------------------------------------------------------


def test_headings_give_the_navigation_pane_the_newsletters_outline(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    headings = july_docx.headings()
    assert [t for level, t in headings if level == 1] == [s.title for s in july.sections]
    news = july.sections[0]
    level2 = [t for level, t in headings if level == 2]
    assert level2[:4] == [story.headline for story in news.stories]
    assert "What are we doing next?" in level2 and "Project Lifecycle" in level2
    projects = july.sections[2]
    assert [p.name for p in projects.projects] == level2[6:12]
    start = headings.index((2, "Domestic Abuse"))
    assert headings[start + 1 : start + 4] == [
        (3, "What did we do this sprint?"),
        (3, "What's up next?"),
        (3, "What do we need?"),
    ]
    assert headings[headings.index((2, "Demand")) + 3] == (2, "ecda Communications & Engagement")


def test_sections_and_items_carry_their_markers_on_their_headings(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    marks = july_docx.bookmarks()
    kinds = ["news", "activity", "projects", "past-work"]
    for n, (kind, section) in enumerate(zip(kinds, july.sections, strict=True), 1):
        p = marks[f"sprintdoc-{kind}-{n}"]
        assert (july_docx.style(p), text_of(p)) == ("heading 1", section.title)
    for m, story in enumerate(july.sections[0].stories, 1):
        assert text_of(marks[f"sprintdoc-news-1-{m}"]) == story.headline
    for m, project in enumerate(july.sections[2].projects, 1):
        p = marks[f"sprintdoc-projects-3-{m}"]
        assert (july_docx.style(p), text_of(p)) == ("heading 2", project.name)
    assert text_of(marks["sprintdoc-title"]) == "Sprint Notes"
    assert text_of(marks["sprintdoc-period"]) == "July 2021"
    ids = [b.get(f"{W}id") for b in july_docx.body.iter(f"{W}bookmarkStart")]
    assert len(ids) == len(set(ids))


def test_a_section_with_no_title_keeps_its_marker() -> None:
    out = Docx(render(in_code(TextSection(body="Words.")), "docx"))
    p = out.bookmarks()["sprintdoc-text-1"]
    assert (out.style(p), text_of(p)) == ("heading 1", "")


def next_block(element: Any) -> Any:
    return element.getnext()


def card_strip(out: Docx, name: str) -> tuple[Any, Any]:
    """The stage-strip table of the card `name`, and the block after it."""
    heading = next(p for p in out.body.iter(f"{W}p") if text_of(p) == name and out.style(p) == "heading 2")
    block = heading
    while block.tag != f"{W}tbl":
        block = block.getnext()
    return block, block.getnext()


def cells(table: Any) -> list[Any]:
    return list(table.iter(f"{W}tc"))


def stage_columns(table: Any) -> list[list[Any]]:
    """Each stage's cells, top to bottom: its name in the header row, then the cell under it."""
    rows = [tr.findall(f"{W}tc") for tr in table.findall(f"{W}tr")]
    return [list(column) for column in zip(*rows, strict=True)]


def column_lines(table: Any) -> list[list[str]]:
    """Each stage's lines of text, top to bottom."""
    return [[text_of(p) for c in column for p in c.iter(f"{W}p")] for column in stage_columns(table)]


def fill(cell: Any) -> str | None:
    shd = cell.find(f"{W}tcPr/{W}shd")
    return shd.get(f"{W}fill") if shd is not None else None


def test_a_card_strip_shows_every_stage_with_its_state_and_dates_and_names_the_current_one(july_docx: Docx) -> None:
    table, after = card_strip(july_docx, "Domestic Abuse")
    assert column_lines(table) == [
        ["Commissioning", "done", "Aug 20 – Sept 20"],
        ["Exploration & Scoping", "done", "Oct 20 – Feb 21"],
        ["Data Prep & Sharing", "done", "Feb 21 – Apr 21"],
        ["Analysis & Insights", "current", "May 21 – present"],
        ["Delivery", "to come"],
    ]
    columns = stage_columns(table)
    current = columns.pop(3)
    assert [fill(c) for c in current] == [Theme().colours.current_stage.rrggbb] * 2
    assert all(r.find(f"{W}rPr/{W}b") is not None for c in current for r in c.iter(f"{W}r"))
    assert {fill(c) for column in columns for c in column} == {None}
    assert (july_docx.style(after), text_of(after)) == ("Current Stage", "Current stage: Analysis & Insights")


def test_a_strip_shows_its_note_and_a_card_without_a_current_stage_has_no_line(july_docx: Docx) -> None:
    table, after = card_strip(july_docx, "Information sharing between Police and health partners to tackle violence")
    assert column_lines(table)[1] == ["Exploration & Scoping", "current", "Apr 21 – present", "2b Governance"]
    assert text_of(after) == "Current stage: Exploration & Scoping"
    table, after = card_strip(july_docx, "ecda Communications & Engagement")
    assert column_lines(table)[0][0] == "Conduct citizen research"  # the card's own stage list
    assert not text_of(after).startswith("Current stage")


def test_the_lifecycle_is_one_row_of_filled_data_cells(july_docx: Docx) -> None:
    heading = next(p for p in july_docx.body.iter(f"{W}p") if text_of(p) == "Project Lifecycle")
    table = heading.getnext()
    assert table.tag == f"{W}tbl"
    assert len(table.findall(f"{W}tr")) == 1
    assert table.find(f"{W}tr/{W}trPr/{W}tblHeader") is None  # a list of names read in order: nothing to head
    assert [text_of(c) for c in cells(table)] == [
        "Commissioning", "Exploration & Scoping", "Data Prep & Sharing", "Analysis & Insights", "Delivery",
    ]  # fmt: skip
    assert {fill(c) for c in cells(table)} == {Theme().colours.primary.rrggbb}


def test_a_card_is_kept_together(july_docx: Docx) -> None:
    heading = next(p for p in july_docx.body.iter(f"{W}p") if text_of(p) == "Demand")
    assert heading.find(f"{W}pPr/{W}keepNext") is not None
    table, after = card_strip(july_docx, "Demand")
    assert all(p.find(f"{W}pPr/{W}keepNext") is not None for p in table.iter(f"{W}p"))
    assert after.find(f"{W}pPr/{W}keepNext") is None  # the card's last line lets the next card go
    assert after.find(f"{W}pPr/{W}keepLines") is not None


def test_labels_are_bold_and_empty_ones_are_left_out(july_docx: Docx) -> None:
    lines = [p for p in july_docx.body.iter(f"{W}p") if july_docx.style(p) == "Card Details"]
    texts = [text_of(p) for p in lines]
    assert "Sponsor: Jane Gardner" in texts
    assert "Sponsor: Vicki Harrington" in texts and "Analysts: " not in texts  # Demand has no analysts
    first = lines[0].find(f"{W}r")
    assert first.find(f"{W}rPr/{W}b") is not None and text_of(first).endswith(": ")


def test_the_aim_and_block_quotes_are_pull_quotes(july_docx: Docx) -> None:
    quotes = [text_of(p) for p in july_docx.body.iter(f"{W}p") if july_docx.style(p) == "Quote"]
    assert "To identify and support perpetrators of Domestic Abuse" in quotes
    assert any(q.startswith("“Seeing the information presented") for q in quotes)


# -- lists ---------------------------------------------------------------------------------------


def num_of(p: Any) -> tuple[int, int] | None:
    num_pr = p.find(f"{W}pPr/{W}numPr")
    if num_pr is None:
        return None
    return int(num_pr.find(f"{W}numId").get(f"{W}val")), int(num_pr.find(f"{W}ilvl").get(f"{W}val"))


def test_markdown_lists_are_real_nested_word_lists(july_docx: Docx) -> None:
    items = {text_of(p): num_of(p) for p in july_docx.body.iter(f"{W}p") if num_of(p)}
    top = items["Engaging citizens in development of DEC Data Charter"]
    nested = items["Developing partnership toolkit"]
    assert top[1] == 0 and nested[1] == 1
    assert top[0] != nested[0]
    assert items["Complete work on the project lifecycle including the implementation of gateway reviews."][1] == 0


def test_list_items_deeper_than_word_shows_are_drawn_at_its_deepest_level() -> None:
    levels = range(1, DEEPEST_LIST_LEVEL + 5)
    body = "".join(f"{'  ' * (n - 1)}- level{n}\n\n{'  ' * n}more{n}\n" for n in levels)
    out = Docx(render(in_code(TextSection("Deep", body=body)), "docx"))
    paragraphs = {text_of(p): p for p in out.body.iter(f"{W}p")}
    for n in levels:
        item = num_of(paragraphs[f"level{n}"])
        assert item is not None and item[1] == min(n, DEEPEST_LIST_LEVEL) - 1
        indent = paragraphs[f"more{n}"].find(f"{W}pPr/{W}ind")
        assert int(indent.get(f"{W}left")) == round(list_indent(n) * 20)


def test_numbering_restarts_for_each_list() -> None:
    body = "1. one\n2. two\n\nBetween.\n\n3. three\n4. four"
    out = Docx(render(in_code(TextSection("A", body=body), TextSection("B", body="1. again")), "docx"))
    numbered = [(text_of(p), num_of(p)) for p in out.body.iter(f"{W}p") if num_of(p)]
    assert [t for t, _ in numbered] == ["one", "two", "three", "four", "again"]
    num_ids = [n for _, (n, _) in numbered]
    assert num_ids[0] == num_ids[1] and len({num_ids[0], num_ids[2], num_ids[4]}) == 3
    numbering = out.parts["word/numbering.xml"]
    definitions = {
        a.get(f"{W}abstractNumId"): a.find(f"{W}name").get(f"{W}val") for a in numbering.iter(f"{W}abstractNum")
    }
    starts = {}
    for num in numbering.iter(f"{W}num"):
        abstract = num.find(f"{W}abstractNumId").get(f"{W}val")
        override = num.find(f"{W}lvlOverride/{W}startOverride")
        starts[int(num.get(f"{W}numId"))] = (definitions[abstract], int(override.get(f"{W}val")))
    assert [starts[n] for n in (num_ids[0], num_ids[2], num_ids[4])] == [
        (NUMBERS_NAME, 1),
        (NUMBERS_NAME, 3),
        (NUMBERS_NAME, 1),
    ]


# -- links, pictures -----------------------------------------------------------------------------


def links(out: Docx) -> list[tuple[str, str]]:
    found = []
    for link in out.body.iter(f"{W}hyperlink"):
        rel = out.rels[link.get(f"{R}id")]
        assert rel.get("TargetMode") == "External"
        found.append((text_of(link), rel.get("Target")))
    return found


def test_the_closing_has_a_live_mailto_link(july_docx: Docx) -> None:
    assert links(july_docx) == [("ecda@essex.gov.uk", "mailto:ecda@essex.gov.uk")]
    closing = next(p for p in july_docx.body.iter(f"{W}p") if july_docx.style(p) == "Closing")
    assert text_of(closing).startswith("For more information regarding the ecda programme")


def test_links_bold_and_italic_in_markdown() -> None:
    body = "See **the [report](https://example.org/r?a=1&b=2)** and *more* at www.example.com."
    out = Docx(render(in_code(TextSection("T", body=body)), "docx"))
    assert links(out) == [("report", "https://example.org/r?a=1&b=2"), ("www.example.com", "http://www.example.com")]
    p = next(p for p in out.body.iter(f"{W}p") if text_of(p).startswith("See "))
    assert text_of(p) == "See the report and more at www.example.com."
    runs = {text_of(r): r for r in p.iter(f"{W}r")}
    assert runs["report"].find(f"{W}rPr/{W}b") is not None
    assert runs["more"].find(f"{W}rPr/{W}i") is not None


def test_pictures_carry_alt_text_and_captions(july_docx: Docx) -> None:
    described = [d.get("descr") for d in july_docx.body.iter(f"{WP}docPr")]
    assert described == ["Portrait photograph of Duncan Taylor", "Portrait photograph of Martine Clark"]
    captions = [text_of(p) for p in july_docx.body.iter(f"{W}p") if july_docx.style(p) == "caption"]
    assert captions == ["Duncan Taylor", "Martine Clark"]
    extent = next(july_docx.body.iter(f"{WP}extent"))
    assert 0 < int(extent.get("cx")) <= 9638 * 635  # within the text column


def test_a_decorative_picture_is_marked_decorative() -> None:
    image = sprintdoc.Image(file="images/duncan-taylor.png", decorative=True)
    out = Docx(render(in_code(NewsSection("N", stories=(Story("S", image=image),))), "docx"))
    doc_pr = next(out.body.iter(f"{WP}docPr"))
    assert doc_pr.get("descr") == ""
    assert doc_pr.find(f".//{{{ADEC_NS}}}decorative").get("val") == "1"


# -- properties ------------------------------------------------------------------------------------


def test_core_and_app_properties_are_set(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    props = docx.Document(io.BytesIO(july_docx.data)).core_properties
    assert props.title == "Sprint Notes July 2021"
    assert props.subject == july.edition.strapline
    assert props.author == "ecda"
    assert props.language == "en-GB"
    assert props.created == props.modified == dt.datetime(2021, 7, 1, tzinfo=dt.UTC)
    app = july_docx.parts["docProps/app.xml"]
    assert app.findtext("{*}Application") == "sprintdoc"
    lang = july_docx.parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "en-GB"


def test_the_language_comes_from_the_bundle() -> None:
    out = Docx(render(in_code(TextSection("T", body="Bonjour."), language="fr-FR"), "docx"))
    lang = out.parts["word/styles.xml"].find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert lang.get(f"{W}val") == "fr-FR"
    assert docx.Document(io.BytesIO(out.data)).core_properties.language == "fr-FR"


# -- same bundle, same bytes ---------------------------------------------------------------------------


def test_the_same_bundle_gives_the_same_bytes(july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    assert render(july, "docx") == render(july, "docx")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    stamped = render(july, "docx")
    assert stamped == render(july, "docx")
    created = docx.Document(io.BytesIO(stamped)).core_properties.created
    assert created == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)
    with zipfile.ZipFile(io.BytesIO(stamped)) as z:
        assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}
    assert document_date(july).year == 2023


# -- content is data ---------------------------------------------------------------------------------


def shows_as_typed(data: bytes, value: str) -> None:
    """The document opens (python-docx and a strict parse) and shows `value` as typed where a field shows it."""
    document = docx.Document(io.BytesIO(data))
    out = Docx(data)
    want = visible(value)
    headings = out.headings()
    assert [visible(t) for level, t in headings if level == 1] == [want] * 5
    assert visible(text_of(out.bookmarks()["sprintdoc-title"])) == want
    texts = [visible(t) for t in out.paragraph_texts()]
    assert texts.count(want) >= 20, texts[:40]  # every field, plain and Markdown
    assert f"Current stage: {want}" in texts
    assert visible(document.core_properties.author) == want[:255] or len(want) > 254
    header = "".join(text_of(p) for n, part in out.parts.items() if n.startswith("word/header") for p in part.iter())
    assert want in visible(header)


@pytest.mark.parametrize("value", NASTY)
def test_hostile_text_shows_as_typed(value: str) -> None:
    shows_as_typed(render(bundle_with(value), "docx"), value)


def test_docxtpl_does_not_turn_user_braces_into_tags() -> None:
    data = render(bundle_with("{_{ x }_} {_% y %_}"), "docx")
    texts = Docx(data).paragraph_texts()
    assert "{_{ x }_} {_% y %_}" in texts and not any("{{ x }}" in t for t in texts)


@pytest.mark.slow
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text)
def test_any_text_in_every_field_shows_as_typed(value: str) -> None:
    shows_as_typed(render(bundle_with(value), "docx"), value)


def test_text_lost_in_rendering_fails_loudly(july_docx: Docx) -> None:
    docx_writer._check(july_docx.data, [["Programme Activity", "Project Updates"]], ["sprintdoc-news-1"])
    with pytest.raises(docx_writer.DocxRenderError, match="went missing"):
        docx_writer._check(july_docx.data, [["Project Updates", "Programme Activity"]], [])  # out of order
    with pytest.raises(docx_writer.DocxRenderError, match="bookmark sprintdoc-news-9"):
        docx_writer._check(july_docx.data, [], ["sprintdoc-news-9"])


def test_broken_xml_from_rendering_fails_loudly() -> None:
    template = docx_writer._template_class()(str(docx_writer.default_template()))
    with pytest.raises(docx_writer.DocxRenderError, match="not well-formed"):
        template.fix_tables("<w:body xmlns:w='urn:w'><w:p></w:body>")


# -- templates and themes ----------------------------------------------------------------------------


def test_the_master_template_ships_and_is_the_default() -> None:
    template = docx_writer.default_template()
    assert template.is_file()
    with zipfile.ZipFile(template) as z:
        assert "{{p body }}" in z.read("word/document.xml").decode()
        assert "word/stylesWithEffects.xml" not in z.namelist()


def test_another_template_works_and_gets_the_missing_styles(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    plain = docx.Document()
    plain.add_paragraph("Edition: {{ title }}")
    plain.add_paragraph("{{p body }}")
    template = tmp_path / "plain.docx"
    plain.save(template)
    with pytest.warns(TemplateWarning, match=rf"^{re.escape(str(template))}: has no styles .*'Current Stage'"):
        out = Docx(render(july, "docx", template=template))
    assert out.paragraph_texts()[0] == "Edition: Sprint Notes"
    assert "Current Stage" in out.style_names.values()
    assert [t for level, t in out.headings() if level == 1] == [s.title for s in july.sections]


def test_a_template_without_a_body_tag_is_refused(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    plain = docx.Document()
    plain.add_paragraph("{{ title }}")
    plain.save(tmp_path / "nobody.docx")
    with pytest.raises(docx_writer.DocxRenderError, match="body"):
        render(july, "docx", template=tmp_path / "nobody.docx")


def style_element(out: Docx, name: str) -> Any:
    return next(s for s in out.parts["word/styles.xml"].iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == name)


def test_the_default_theme_leaves_the_templates_styles_alone(july_docx: Docx) -> None:
    with zipfile.ZipFile(docx_writer.default_template()) as z:
        master = etree.fromstring(z.read("word/styles.xml"))
    ours = next(s for s in master.iter(f"{W}style") if s.find(f"{W}name").get(f"{W}val") == "heading 1")
    assert etree.tostring(style_element(july_docx, "heading 1")) == etree.tostring(ours)


def test_restyling_the_template_in_word_restyles_the_next_edition(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    """What the comms team does in Word (a heading colour, the footer's words) reaches the output, no code changed."""
    change = Restyle(heading1_colour="8B0000", footer_words="Essex Data Partnership")
    restyled = restyle(docx_writer.default_template(), tmp_path / "restyled.docx", change)
    out = Docx(render(july, "docx", template=restyled))
    assert style_element(out, "heading 1").find(f"{W}rPr/{W}color").get(f"{W}val") == "8B0000"
    footers = [name for name in out.parts if re.fullmatch(r"word/footer\d*\.xml", name)]
    assert any("Essex Data Partnership · " in "".join(out.parts[n].itertext()) for n in footers)


def test_another_theme_paints_the_styles(july: sprintdoc.Bundle) -> None:
    theme = Theme(colours=Colours(primary=Colour("#006400")), fonts=Fonts(heading="DejaVu Serif"), name="green")
    out = Docx(render(attrs.evolve(july, theme=theme), "docx"))
    heading = style_element(out, "heading 1")
    assert heading.find(f"{W}rPr/{W}color").get(f"{W}val") == "006400"
    assert heading.find(f"{W}rPr/{W}rFonts").get(f"{W}ascii") == "DejaVu Serif"
    assert style_element(out, "Tagline").find(f"{W}pPr/{W}shd").get(f"{W}fill") == "006400"


# -- real clients ------------------------------------------------------------------------------------


def audit(path: Path) -> list[dict[str, Any]]:
    result = subprocess.run(
        [sys.executable, "-m", "openxml_audit", "-o", "json", str(path)], capture_output=True, text=True, timeout=120
    )
    report = json.loads(result.stdout)
    return [e for e in report[0]["errors"] if e["severity"] == "error"]


@pytest.mark.slow
def test_openxml_audit_finds_no_errors(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    stock = tmp_path / "stock.docx"
    docx.Document().save(stock)
    assert audit(stock), "the audit should reject python-docx's stock template"
    ours = tmp_path / "july.docx"
    ours.write_bytes(render(july, "docx"))
    assert audit(ours) == []
    hostile = tmp_path / "hostile.docx"
    hostile.write_bytes(render(bundle_with(" ".join(NASTY[:7])), "docx"))
    assert audit(hostile) == []


@pytest.mark.slow
def test_libreoffice_renders_the_edition(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    source = tmp_path / "july.docx"
    source.write_bytes(render(july, "docx"))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    pdf = tmp_path / "july.pdf"
    assert pdf.is_file()
    shown = " ".join(subprocess.run([pdftotext, str(pdf), "-"], capture_output=True, text=True).stdout.split())
    for words in ("Sprint Notes", "Data + People = Action", "Current stage: Analysis & Insights", "Page 2 of"):
        assert words in shown

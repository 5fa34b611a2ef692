"""A Word template's look read as Word reads it: the shipped template, templates restyled as the comms team
would restyle them in Word (edited here in styles.xml, document.xml and the footer), and a template saved by
LibreOffice."""

from __future__ import annotations

import io
import re
import subprocess
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from conftest import require_tool
from sprintdoc.template_look import (
    Field,
    ResolvedStyle,
    Tab,
    TemplateLook,
    TemplateLookError,
    Text,
    normalise_style_name,
    read_look,
)
from sprintdoc.writers.docx import default_template

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
STYLES, DOCUMENT, THEME, FOOTER = "word/styles.xml", "word/document.xml", "word/theme/theme1.xml", "word/footer1.xml"
#: The styles the two documents draw with (issue 9), by the names Word's UI shows.
DRAWN = (
    "Title", "Subtitle", "Strapline", "Masthead Meta", "Tagline", "Heading 1", "Heading 2", "Heading 3", "Normal",
    "Quote", "Caption", "Figure", "Item Subtitle", "Card Details", "Meta", "List Bullet", "List Number",
    "List Continue", "Lifecycle Stage", "Stage", "Current Stage", "Closing", "Hyperlink",
)  # fmt: skip
#: What a look holds beyond its name: everything that changes how text is drawn.
LOOK_FIELDS = [f.name for f in attrs.fields(ResolvedStyle) if f.name not in ("name", "style_id", "explicit")]


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def restyled(edit: Callable[[dict[str, etree._Element]], None], template: Path | None = None) -> bytes:
    """A copy of the template with `edit` applied to its XML parts (by name), as a new .docx's bytes."""
    source = zipfile.ZipFile(template or default_template())
    parts = {name: etree.fromstring(source.read(name)) for name in source.namelist() if name.endswith(".xml")}
    edit(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in source.namelist():
            if name in parts:
                package.writestr(
                    name, etree.tostring(parts[name], xml_declaration=True, encoding="UTF-8", standalone=True)
                )
            else:
                package.writestr(name, source.read(name))
    return out.getvalue()


def style_element(parts: dict[str, etree._Element], style_id: str) -> etree._Element:
    found = parts[STYLES].find(f"{w('style')}[@{w('styleId')}='{style_id}']")
    assert found is not None, style_id
    return found


def set_property(parent: etree._Element, container: str, tag: str, **attributes: str) -> etree._Element:
    """Set `<container><tag attributes/>` under `parent`, replacing the element of that tag if there is one."""
    holder = parent.find(w(container))
    if holder is None:
        holder = etree.SubElement(parent, w(container))
    old = holder.find(w(tag))
    if old is not None:
        holder.remove(old)
    return etree.SubElement(holder, w(tag), {w(k): v for k, v in attributes.items()})


def shipped() -> TemplateLook:
    return read_look(default_template())


# -- the shipped template ----------------------------------------------------------------------------


def _python_docx_says(style: object) -> dict[str, object]:
    """What python-docx reports a style sets itself, in the look's units (None: the style does not say)."""
    font, paragraph = style.font, getattr(style, "paragraph_format", None)
    said: dict[str, object] = {
        "font": font.name,
        "size": font.size.pt if font.size is not None else None,
        "bold": font.bold,
        "italic": font.italic,
        "caps": font.all_caps,
        "colour": str(font.color.rgb) if font.color.type is not None and font.color.rgb is not None else None,
        "underline": None if font.underline is None else bool(font.underline),
    }
    if paragraph is not None:
        alignments = {
            WD_ALIGN_PARAGRAPH.LEFT: "left",
            WD_ALIGN_PARAGRAPH.CENTER: "center",
            WD_ALIGN_PARAGRAPH.RIGHT: "right",
            WD_ALIGN_PARAGRAPH.JUSTIFY: "both",
        }
        line = paragraph.line_spacing
        said |= {
            "space_before": paragraph.space_before.pt if paragraph.space_before is not None else None,
            "space_after": paragraph.space_after.pt if paragraph.space_after is not None else None,
            "line_spacing": round(line, 4) if isinstance(line, float) else None,
            "indent_left": paragraph.left_indent.pt if paragraph.left_indent is not None else None,
            "indent_right": paragraph.right_indent.pt if paragraph.right_indent is not None else None,
            "alignment": alignments.get(paragraph.alignment) if paragraph.alignment is not None else None,
            "keep_with_next": paragraph.keep_with_next,
            "keep_lines": paragraph.keep_together,
            "page_break_before": paragraph.page_break_before,
        }
    return said


@pytest.mark.parametrize("name", DRAWN)
def test_each_drawn_style_agrees_with_python_docx(name: str) -> None:
    """Where python-docx reads a property the style sets itself, the look agrees; where it reads none, the look
    is what the base style's look says (Word's inheritance, which python-docx does not resolve)."""
    look = shipped()
    style = look.style(name)
    assert style is not None, name
    theirs = docx.Document(str(default_template())).styles[name]
    base = look.style(theirs.base_style.name) if theirs.base_style is not None else None
    for field, said in _python_docx_says(theirs).items():
        ours = getattr(style, field)
        if field == "line_spacing":
            ours = round(ours.value, 4) if ours.rule == "auto" else None
        if said is not None:
            assert ours == said, (name, field)
        elif base is not None and style.kind == base.kind:
            theirs_base = getattr(base, field)
            assert ours == (round(theirs_base.value, 4) if field == "line_spacing" else theirs_base), (name, field)


def test_the_shipped_look_has_every_drawn_style_borders_shading_page_and_footer() -> None:
    look = shipped()
    assert all(look.style(name) is not None for name in DRAWN)
    quote, tagline = look.style("Quote"), look.style("Tagline")
    assert quote is not None and quote.borders.left is not None and quote.borders.left.width > 1
    assert tagline is not None and tagline.shading is not None and tagline.shading != tagline.colour
    strip = look.table_style("Stage Strip")
    assert strip is not None and strip.borders.inside_v is not None and strip.cell_margins.left > 0
    assert look.page.width < look.page.height and look.page.orientation == "portrait"
    assert Field("PAGE", "1") in look.footer_text.items and Tab() in look.footer_text.items
    assert look.footer_text.text(3, 7).endswith("Page 3 of 7")
    assert "{{ title }}" in look.header_text.text(1, 1)
    assert look.footer_text.style == look.style("footer")


def test_names_match_as_word_matches_them() -> None:
    look = shipped()
    for a, b in (
        ("heading 1", "Heading 1"),
        ("caption", "Caption"),
        ("HYPERLINK", " hyperlink "),
        ("Normal", "normal"),
    ):
        assert look.style(a) is not None and look.style(a) == look.style(b)
    assert normalise_style_name("Internet Link") == normalise_style_name("Hyperlink")
    assert look.style("no such style") is None


def test_a_character_style_lays_over_a_paragraph_and_toggles_bold() -> None:
    look = shipped()
    link, heading, body = look.style("Hyperlink"), look.style("heading 1"), look.style("Normal")
    assert link is not None and heading is not None and body is not None
    over = link.applied_to(heading)
    assert (over.colour, over.underline, over.size, over.bold) == (link.colour, True, heading.size, heading.bold)

    def bold_link(parts: dict[str, etree._Element]) -> None:
        set_property(style_element(parts, "Hyperlink"), "rPr", "b")

    bolded = read_look(restyled(bold_link)).style("Hyperlink")
    assert bolded is not None and heading.bold and body.bold is False
    assert bolded.applied_to(heading).bold is False, "bold on bold toggles off in Word"
    assert bolded.applied_to(body).bold is True


def test_the_look_is_read_once_per_template() -> None:
    first = read_look(default_template())
    started = time.perf_counter()
    again = read_look(default_template())
    assert again is first
    assert read_look(default_template().read_bytes()) is first
    assert time.perf_counter() - started < 1
    changed = read_look(restyled(lambda parts: None))
    assert changed == first, "the same XML reads to the same look"


# -- restyled as in Word ------------------------------------------------------------------------------


def test_heading_1_made_green_changes_heading_1_only() -> None:
    look = read_look(restyled(lambda p: set_property(style_element(p, "Heading1"), "rPr", "color", val="00703c")))
    heading1, heading2 = look.style("heading 1"), look.style("heading 2")
    assert heading1 is not None and heading1.colour == "00703C"
    assert heading2 == shipped().style("heading 2")


def test_heading_2_set_in_a_serif() -> None:
    def serif(parts: dict[str, etree._Element]) -> None:
        set_property(style_element(parts, "Heading2"), "rPr", "rFonts", ascii="DejaVu Serif", hAnsi="DejaVu Serif")

    look = read_look(restyled(serif))
    heading2 = look.style("Heading 2")
    assert heading2 is not None and heading2.font == "DejaVu Serif"
    assert look.style("heading 1") == shipped().style("heading 1")


def test_body_at_12_pt_through_the_document_defaults_only() -> None:
    def twelve(parts: dict[str, etree._Element]) -> None:
        size = parts[STYLES].find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('sz')}")
        assert size is not None
        size.set(w("val"), "24")

    look, before = read_look(restyled(twelve)), shipped()
    assert look.default_paragraph.size == 12
    for key, style in look.styles.items():
        if "size" in style.explicit:
            assert style.size == before.styles[key].size, key
        else:
            assert style.size == 12, key


def test_a_three_deep_based_on_chain_resolves_each_level_and_a_zero_turns_bold_off() -> None:
    def chain(parts: dict[str, etree._Element]) -> None:
        root = parts[STYLES]
        for style_id, based_on, run, paragraph in (
            ("Grand", "Normal", {"color": {"val": "111111"}, "sz": {"val": "30"}, "b": {}}, {}),
            ("Parent", "Grand", {"i": {}}, {"spacing": {"before": "100"}}),
            ("Child", "Parent", {"b": {"val": "0"}}, {"jc": {"val": "center"}}),
        ):
            style = etree.SubElement(root, w("style"), {w("type"): "paragraph", w("styleId"): style_id})
            etree.SubElement(style, w("name"), {w("val"): style_id.lower()})
            etree.SubElement(style, w("basedOn"), {w("val"): based_on})
            for tag, attributes in paragraph.items():
                set_property(style, "pPr", tag, **attributes)
            for tag, attributes in run.items():
                set_property(style, "rPr", tag, **attributes)

    look = read_look(restyled(chain))
    grand, child, normal = look.style("grand"), look.style("child"), look.style("Normal")
    assert grand is not None and child is not None and normal is not None
    assert grand.bold and not child.bold
    assert (child.colour, child.size, child.italic) == ("111111", 15, True)
    assert (child.space_before, child.space_after, child.alignment) == (5, normal.space_after, "center")
    assert (child.font, child.line_spacing) == (normal.font, normal.line_spacing)


def test_theme_colours_with_tint_and_shade_and_theme_fonts() -> None:
    # Office's own accent 1 and the shades Word lists for it ("Lighter 40%", "Darker 25%").
    def themed(parts: dict[str, etree._Element]) -> None:
        accent = parts[THEME].find(f".//{{{A}}}accent1/{{{A}}}srgbClr")
        major = parts[THEME].find(f".//{{{A}}}majorFont/{{{A}}}latin")
        assert accent is not None and major is not None
        accent.set("val", "4472C4")
        major.set("typeface", "DejaVu Serif")
        set_property(
            style_element(parts, "Heading1"), "rPr", "color", val="000000", themeColor="accent1", themeTint="99"
        )
        set_property(
            style_element(parts, "Heading2"), "rPr", "color", val="000000", themeColor="accent1", themeShade="BF"
        )
        set_property(style_element(parts, "Heading3"), "rPr", "color", val="000000", themeColor="text1")
        set_property(style_element(parts, "Heading3"), "rPr", "rFonts", asciiTheme="majorHAnsi", ascii="Arial")
        set_property(style_element(parts, "Tagline"), "pPr", "shd", val="clear", fill="000000", themeFill="accent1")

    look = read_look(restyled(themed))
    colours = {name: getattr(look.style(name), "colour", None) for name in ("heading 1", "heading 2", "heading 3")}
    assert colours == {"heading 1": "8EAADB", "heading 2": "2F5496", "heading 3": "222222"}
    heading3, tagline = look.style("heading 3"), look.style("Tagline")
    assert heading3 is not None and heading3.font == "DejaVu Serif"
    assert tagline is not None and tagline.shading == "4472C4"


def test_a_based_on_cycle_is_cut_not_followed() -> None:
    def cycle(parts: dict[str, etree._Element]) -> None:
        for style_id, other in (("Heading1", "Heading2"), ("Heading2", "Heading1"), ("Quote", "Quote")):
            based = style_element(parts, style_id).find(w("basedOn"))
            assert based is not None
            based.set(w("val"), other)

    look = read_look(restyled(cycle))
    heading1, heading2, quote = look.style("heading 1"), look.style("heading 2"), look.style("Quote")
    assert heading1 is not None and heading2 is not None and quote is not None
    assert (heading1.size, heading2.size, quote.italic) == (18, 14, True)
    assert heading1.keep_with_next and "space_before" in heading2.explicit


def test_libreoffice_and_word_capitalisation_find_the_same_style() -> None:
    def capitalised(parts: dict[str, etree._Element]) -> None:
        for style_id in ("Heading1", "Caption"):
            name = style_element(parts, style_id).find(w("name"))
            assert name is not None
            name.set(w("val"), name.get(w("val"), "").title())

    look, word = read_look(restyled(capitalised)), shipped()
    for name in ("heading 1", "Heading 1", "caption", "Caption"):
        found = look.style(name)
        assert found is not None and attrs.evolve(found, name="") == attrs.evolve(word.style(name), name="")


def test_word_spelling_wins_when_libreoffice_adds_a_same_named_style() -> None:
    def second_caption(parts: dict[str, etree._Element]) -> None:
        # LibreOffice keeps its own "Caption" beside Word's "caption" and renames the id of the template's.
        ours = style_element(parts, "Caption")
        ours.set(w("styleId"), "Caption1")
        theirs = etree.fromstring(
            f'<w:style xmlns:w="{W}" w:type="paragraph" w:styleId="Caption"><w:name w:val="Caption"/>'
            '<w:basedOn w:val="Normal"/><w:rPr><w:i/><w:sz w:val="24"/></w:rPr></w:style>'
        )
        ours.addprevious(theirs)

    look = read_look(restyled(second_caption))
    caption = look.style("Caption")
    assert caption is not None and caption.style_id == "Caption1" and caption.size == 9
    assert "caption" in look.ambiguous


def test_margins_and_orientation_come_from_the_last_section() -> None:
    def landscape(parts: dict[str, etree._Element]) -> None:
        section = parts[DOCUMENT].find(f"{w('body')}/{w('sectPr')}")
        assert section is not None
        size, margins = section.find(w("pgSz")), section.find(w("pgMar"))
        assert size is not None and margins is not None
        size.attrib.update({w("w"): "16838", w("h"): "11906", w("orient"): "landscape"})
        margins.attrib.update({w("left"): "1701", w("top"): "-1440", w("footer"): "400"})

    page = read_look(restyled(landscape)).page
    assert (page.orientation, page.width, page.height) == ("landscape", 841.9, 595.3)
    assert (page.left, page.top, page.right, page.footer) == (85.05, 72, shipped().page.right, 20)


def test_footer_text_changed_keeps_its_page_fields() -> None:
    def footer(parts: dict[str, etree._Element]) -> None:
        first = parts[FOOTER].find(f".//{w('t')}")
        assert first is not None
        first.text = "Sprint Notes — for staff only · {{ period }}"

    footer_text = read_look(restyled(footer)).footer_text
    assert footer_text.items[0] == Text("Sprint Notes — for staff only · {{ period }}")
    assert footer_text.text(2, 5) == "Sprint Notes — for staff only · {{ period }}\tPage 2 of 5"


def test_a_footer_with_complex_fields_reads_like_one_with_simple_fields() -> None:
    # Word and LibreOffice write fields as begin / instruction / separate / result / end runs.
    def complex_fields(parts: dict[str, etree._Element]) -> None:
        for simple in parts[FOOTER].iter(w("fldSimple")):
            instruction = f'<w:instrText xml:space="preserve">{simple.get(w("instr"))}\\* MERGEFORMAT</w:instrText>'
            for run in (
                '<w:fldChar w:fldCharType="begin"/>',
                instruction,
                '<w:fldChar w:fldCharType="separate"/>',
                "<w:t>9</w:t>",
                '<w:fldChar w:fldCharType="end"/>',
            ):
                simple.addprevious(etree.fromstring(f'<w:r xmlns:w="{W}">{run}</w:r>'))
        for simple in list(parts[FOOTER].iter(w("fldSimple"))):
            simple.getparent().remove(simple)

    footer_text = read_look(restyled(complex_fields)).footer_text
    assert [type(item) for item in footer_text.items] == [type(item) for item in shipped().footer_text.items]
    assert footer_text.text(3, 7) == shipped().footer_text.text(3, 7)


def test_word_aliases_find_their_style() -> None:
    def alias(parts: dict[str, etree._Element]) -> None:
        quote = style_element(parts, "Quote")
        quote.find(w("name")).addnext(etree.fromstring(f'<w:aliases xmlns:w="{W}" w:val="Pull Quote,Zitat"/>'))

    look = read_look(restyled(alias))
    assert look.style("pull quote") == look.style("Zitat") == look.style("Quote") is not None


def test_a_broken_template_is_named_in_the_error(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.docx"
    not_zip.write_text("hello")
    with pytest.raises(TemplateLookError, match=re.escape("notes.docx is not a Word .docx")):
        read_look(not_zip)
    broken = io.BytesIO()
    with zipfile.ZipFile(default_template()) as source, zipfile.ZipFile(broken, "w") as package:
        for name in source.namelist():
            package.writestr(name, b"<w:styles" if name == STYLES else source.read(name))
    with pytest.raises(TemplateLookError, match=re.escape("word/styles.xml: not well-formed XML")):
        read_look(broken.getvalue())


# -- saved by LibreOffice -----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_template_saved_by_libreoffice_reads_to_the_same_look(tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    green = tmp_path / "green.docx"
    green.write_bytes(restyled(lambda p: set_property(style_element(p, "Heading1"), "rPr", "color", val="00703C")))
    out = tmp_path / "out"
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "docx",
         "--outdir", str(out), str(default_template()), str(green)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    for ours, theirs in (
        (shipped(), read_look(out / default_template().name)),
        (read_look(green), read_look(out / green.name)),
    ):
        for name in DRAWN:
            mine, saved = ours.style(name), theirs.style(name)
            assert mine is not None and saved is not None, name
            for field in LOOK_FIELDS:
                assert getattr(saved, field) == getattr(mine, field), (name, field)
        assert theirs.page == ours.page
        assert theirs.footer_text.text(3, 7) == ours.footer_text.text(3, 7)
        assert theirs.table_style("Stage Strip") is not None
        assert attrs.evolve(theirs.table_style("Stage Strip"), text=None) == attrs.evolve(
            ours.table_style("Stage Strip"), text=None
        )
    heading1 = read_look(out / green.name).style("Heading 1")
    assert heading1 is not None and heading1.colour == "00703C"

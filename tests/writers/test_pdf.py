"""The PDF newsletter: the July 2021 edition in, structure out (bookmarks, markers, text, links, fonts, roles)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from pypdf import PdfReader

import sprintdoc
from conftest import JULY, require_tool
from sprintdoc import fonts
from sprintdoc.drawing import StageState, StageView
from sprintdoc.markdown import Markdown, Span
from sprintdoc.model import Image, Picture
from sprintdoc.outline import CURRENT_STAGE_PREFIX, implied, marker, read
from sprintdoc.registry import RegisteredKind, Registry, SectionKind, default_registry
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.projects import Project, ProjectsSection, TimelineEntry
from sprintdoc.sections.text import TextSection
from sprintdoc.theme import Fonts, Theme
from sprintdoc.writers import CREATOR, pdf
from sprintdoc.writers.list_layout import DEEPEST_LIST_LEVEL, LIST_STEP
from sprintdoc.writers.pdf_markup import chunks, spans_markup, text_markup
from strategies import NASTY, bundle_with, text, visible


def render(bundle: sprintdoc.Bundle, registry: Registry | None = None) -> bytes:
    buffer = io.BytesIO()
    pdf.write(bundle, buffer, registry or default_registry())
    return buffer.getvalue()


def right_margin_x() -> float:
    """Where the shipped template's right margin stands on the page."""
    page = pdf.PdfContext(sprintdoc.Bundle(sprintdoc.Edition("T", "P"), ())).look.page
    return page.width - page.right


def saved(tmp_path: Path, data: bytes, name: str = "out.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def page_text(path: Path, *args: str) -> str:
    return subprocess.run(
        [require_tool("pdftotext"), "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def squash(value: str) -> str:
    """Text with white space, soft hyphens and the bidi marks pdftotext adds around right-to-left runs removed."""
    value = re.sub(r"[\s\u00ad\u202a-\u202e\u2066-\u2069]+", "", value)
    return unicodedata.normalize("NFC", value)


def outline_entries(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every bookmark, in order."""
    out: list[tuple[int, str, int]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                out.append((depth, str(item.title), reader.get_destination_page_number(item)))

    walk(reader.outline, 0)
    return out


@pytest.fixture(scope="module")
def july_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    bundle = sprintdoc.load(JULY)
    return saved(tmp_path_factory.mktemp("pdf"), render(bundle), "july.pdf")


# --- navigation ---------------------------------------------------------------------------------------------


def test_bookmarks_mirror_the_headings(july_pdf: Path, july: sprintdoc.Bundle) -> None:
    entries = outline_entries(PdfReader(july_pdf))
    top = [title for depth, title, _ in entries if depth == 0]
    assert top == ["Sprint Notes", "July 2021", *(s.title for s in july.sections)]
    second = [title for depth, title, _ in entries if depth == 1]
    assert second[:4] == [story.headline for story in july.sections[0].stories]
    assert "What are we doing next?" in second and "Project Lifecycle" in second
    third = [title for depth, title, _ in entries if depth == 2]
    assert third[:2] == ["What did we do this sprint?", "What's up next?"]


def test_named_destinations_mark_sections_and_items(july_pdf: Path, july: sprintdoc.Bundle) -> None:
    reader = PdfReader(july_pdf)
    registry = default_registry()
    expected = {"sprintdoc-title", "sprintdoc-period"}
    for n, section in enumerate(july.sections, start=1):
        kind = registry.kind_of(section)
        expected.add(marker(kind.name, n))
        expected |= {marker(kind.name, n, m) for m in range(1, len(kind.items(section)) + 1)}
    names = reader.named_destinations
    assert set(names) == expected
    # The bookmark and its named destination are one object: a reader can tell which bookmark is which item.
    root = reader.trailer["/Root"]
    tree = root["/Names"]["/Dests"]["/Names"]
    refs = {str(tree[i]): tree[i + 1].idnum for i in range(0, len(tree), 2)}
    bookmark = root["/Outlines"]["/First"].get_object()
    seen = {}
    while bookmark is not None:
        seen[str(bookmark["/Title"])] = bookmark.raw_get("/Dest").idnum
        bookmark = bookmark.get("/Next")
        bookmark = bookmark.get_object() if bookmark is not None else None
    assert seen["Data + People = Action"] == refs["sprintdoc-news-1"]
    assert seen["Sprint Notes"] == refs["sprintdoc-title"]


def test_the_outline_reads_back_as_the_bundle_implies(july_pdf: Path, july: sprintdoc.Bundle) -> None:
    assert read(july_pdf) == implied(july)


def test_a_section_with_no_title_still_gets_its_marker(tmp_path: Path) -> None:
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="T", period="P"),
        sections=(TextSection(title=None, body="Hello"), NewsSection(title="", stories=(Story("Only story"),))),
    )
    names = PdfReader(saved(tmp_path, render(bundle))).named_destinations
    assert {"sprintdoc-text-1", "sprintdoc-news-2", "sprintdoc-news-2-1"} <= set(names)


# --- text, links, images, fonts, metadata -------------------------------------------------------------------


def test_each_heading_is_on_the_page_its_bookmark_names(july_pdf: Path) -> None:
    for _, title, page in outline_entries(PdfReader(july_pdf)):
        shown = squash(page_text(july_pdf, "-f", str(page + 1), "-l", str(page + 1)))
        assert squash(title) in shown, title
    everything = page_text(july_pdf)
    assert f"{CURRENT_STAGE_PREFIX}Analysis & Insights" in everything
    assert "Sponsor: Jane Gardner" in everything
    assert "Aug 20 – Sept 20" in everything
    assert "Delivered March 2021" in everything
    assert re.search(r"Page 1 of 7\b", everything) and "Page 7 of 7" in everything


def test_links_are_live_including_the_closing_mailto(july_pdf: Path) -> None:
    reader = PdfReader(july_pdf)
    uris = [
        annot.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annot in page.get("/Annots", [])
        if annot.get_object().get("/Subtype") == "/Link"
    ]
    assert "mailto:ecda@essex.gov.uk" in uris


def test_link_targets_and_text_are_escaped() -> None:
    faces = fonts.faces("DejaVu Sans")
    markup = spans_markup([Span('a "q" & <b>', link='https://x.org/?a=1&b="2"')], faces, "#000000")
    assert markup == (
        '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;" color="#000000"><u>a "q" &amp; &lt;b&gt;</u></a>'
    )
    assert text_markup("<img src='/etc/passwd'/>\nx", faces) == "&lt;img src='/etc/passwd'/&gt;<br/>x"


def test_images_are_embedded_with_alpha(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGBA", (300, 200), (200, 30, 30, 120)).save(buffer, "PNG")
    picture = Picture(buffer.getvalue(), "png", 300, 200)
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="T", period="P"),
        sections=(
            NewsSection(
                title="N", stories=(Story("S", image=Image("a.png", alt="A", caption="Cap", picture=picture)),)
            ),
        ),
    )
    path = saved(tmp_path, render(bundle))
    xobjects = PdfReader(path).pages[0]["/Resources"]["/XObject"]
    images = [x.get_object() for x in xobjects.values() if x.get_object()["/Subtype"] == "/Image"]
    assert len(images) == 1 and "/SMask" in images[0]
    assert "Cap" in page_text(path)


def test_the_fixture_photos_are_placed(july_pdf: Path) -> None:
    reader = PdfReader(july_pdf)
    count = 0
    for page in reader.pages:
        for x in page["/Resources"].get("/XObject", {}).values():
            count += x.get_object()["/Subtype"] == "/Image"
    assert count == 2


def test_every_font_is_embedded(july_pdf: Path) -> None:
    listing = subprocess.run([require_tool("pdffonts"), str(july_pdf)], capture_output=True, text=True, check=True)
    rows = listing.stdout.splitlines()[2:]
    assert rows, listing.stdout
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column
    assert all("DejaVuSans" in row for row in rows)


def test_metadata_and_language(july_pdf: Path) -> None:
    reader = PdfReader(july_pdf)
    info = reader.metadata
    assert info is not None
    assert (info.title, info.author, info.creator) == ("Sprint Notes · July 2021", "ecda", CREATOR)
    assert info.subject.startswith("July 2021: Progress updates")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/PageMode"] == "/UseOutlines"
    assert str(info["/CreationDate"]).startswith("D:20210701")


def test_two_runs_give_the_same_bytes(july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    first = render(july)
    assert render(july) == first
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render(july) != first


def test_a_bundle_font_file_is_embedded(tmp_path: Path) -> None:
    shutil.copy(fonts.faces("DejaVu Serif").regular, tmp_path / "House.ttf")
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="T", period="P"),
        sections=(TextSection(title="Heading", body="Body **bold**"),),
        theme=Theme(fonts=Fonts(body="House.ttf", heading="DejaVu Sans")),
        root=tmp_path,
    )
    listing = subprocess.run([require_tool("pdffonts"), str(saved(tmp_path, render(bundle)))],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    assert re.search(r"\+DejaVuSerif\s.*\byes\s+yes\s+yes\b", listing), listing  # the bundle's file, embedded


def test_missing_glyphs_names_what_no_font_draws() -> None:
    assert fonts.missing_glyphs("Nguyễn Ελληνικά Щука ёжика", "DejaVu Sans") == set()
    assert fonts.missing_glyphs("ok 🎉 中", "DejaVu Sans") == {"🎉", "中"}
    sans_only = next(chr(c) for c in sorted(fonts.coverage(fonts.faces("DejaVu Sans").regular))
                     if c > 0x2000 and c not in fonts.coverage(fonts.faces("DejaVu Serif").regular))  # fmt: skip
    assert fonts.missing_glyphs(sans_only, "DejaVu Serif") == set()  # the fallback family draws it


def test_shipped_fonts_match_the_theme() -> None:
    from sprintdoc.theme import SHIPPED_FONTS

    assert set(SHIPPED_FONTS) == set(fonts.SHIPPED)
    for family in SHIPPED_FONTS:
        assert all(path.is_file() for path in attrs.astuple(fonts.faces(family))[1:])


# --- layout under stress ------------------------------------------------------------------------------------


def test_a_long_paragraph_is_cut_into_runs_that_keep_every_word() -> None:
    words = [f"w{i}." if i % 37 == 0 else f"w{i}" for i in range(5000)]
    spans = (Span(" ".join(words[:2500])), Span(" ".join(words[2500:]), bold=True))
    runs = list(chunks(spans))
    assert len(runs) > 5
    assert all(sum(len(s.text.split()) for s in run) <= 600 for run in runs)
    assert " ".join(s.text for run in runs for s in run).split() == words
    assert list(chunks(spans[:1], limit=10_000)) == [spans[:1]]


def word_lefts(path: Path) -> dict[str, float]:
    """The left edge of each word in a PDF, in points (where it first shows)."""
    found: dict[str, float] = {}
    for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', page_text(path, "-bbox")):
        found.setdefault(word, float(x))
    return found


@pytest.mark.parametrize(
    ("marker", "prefix"), [("-", ""), ("1.", ""), ("-", "> ")], ids=["bullets", "numbers", "quoted"]
)
def test_list_levels_step_in_evenly_and_stop_at_the_deepest_drawn(marker: str, prefix: str, tmp_path: Path) -> None:
    levels = range(1, DEEPEST_LIST_LEVEL + 5)
    pad = " " * (len(marker) + 1)
    body = "".join(f"{prefix}{pad * (n - 1)}{marker} level{n}x\n" for n in levels)
    path = saved(tmp_path, render(sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (TextSection("Lists", body=body),))))
    x = word_lefts(path)
    for n in levels:
        expected = LIST_STEP * (min(n, DEEPEST_LIST_LEVEL) - 1)
        assert x[f"level{n}x"] - x["level1x"] == pytest.approx(expected, abs=1.5), n
    bbox = page_text(path, "-bbox")
    assert max(float(r) for r in re.findall(r'xMax="([\d.]+)"', bbox)) <= right_margin_x() + 1


@pytest.mark.slow
def test_tall_images_long_cards_and_long_words_fit_the_page(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", (200, 5000), (10, 90, 160)).save(buffer, "PNG")
    tall = Image("tall.png", alt="A very tall picture", picture=Picture(buffer.getvalue(), "png", 200, 5000))
    long_word = NASTY[7]
    long_done = "\n\n".join(f"Paragraph {i}: " + "lorem ipsum dolor sit amet " * 40 for i in range(40))
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="T", period="P"),
        sections=(
            NewsSection(title="N", stories=(Story("S", image=tall, body=f"{long_word} {NASTY[8]}"),)),
            ProjectsSection(
                title="P",
                projects=(
                    Project(
                        name="Huge card",
                        done=long_done,
                        stages=("A", "B"),
                        timeline=(TimelineEntry("B", to="present"),),
                    ),
                ),
            ),
        ),
    )
    path = saved(tmp_path, render(bundle))
    assert len(PdfReader(path).pages) > 4
    assert squash(long_word) in squash(page_text(path))
    bbox = page_text(path, "-bbox")
    right_edges = [float(x) for x in re.findall(r'xMax="([\d.]+)"', bbox)]
    assert max(right_edges) <= right_margin_x() + 1  # nothing runs off the page


# --- roles --------------------------------------------------------------------------------------------------


def test_roles_of_the_fixture_in_reading_order(july: sprintdoc.Bundle) -> None:
    roles = pdf.roles(july)
    assert [(r.kind, r.text) for r in roles[:3]] == [  # in the Word template's order: publisher, title, period
        ("paragraph", "ecda"), ("title", "Sprint Notes"), ("paragraph", "July 2021"),
    ]  # fmt: skip
    headings = [(r.level, r.text) for r in roles if r.kind == "heading"]
    assert headings[:3] == [(1, "Data + People = Action"), (2, "New Capability Lead joins ecda"),
                            (2, "BPOTE launches new countywide Show and Share")]  # fmt: skip
    assert [r.tag for r in roles if r.kind == "heading"][:2] == ["H1", "H2"]
    figures = [(r.text, r.alt) for r in roles if r.kind == "figure"]
    assert figures[:2] == [("images/duncan-taylor.png", "Portrait photograph of Duncan Taylor"),
                           ("images/martine-clark.jpg", "Portrait photograph of Martine Clark")]  # fmt: skip
    cells = [r.text for r in roles if r.kind == "table-cell"]
    assert cells[:2] == ["Commissioning", "Exploration & Scoping"]  # the lifecycle, a row of cells as in Word
    assert ("caption", "Duncan Taylor") in [(r.kind, r.text) for r in roles]
    items = [r for r in roles if r.kind == "list-item"]
    assert items[0].text.startswith("Complete work on the project lifecycle") and items[0].level == 1
    assert any(r.level == 2 for r in items)  # the nested list of the last card
    cells = [r.text for r in roles if r.kind == "table-cell"]
    assert "Analysis & Insights May 21 – present" in cells
    assert roles[-3:-1] == [pdf.Role("paragraph", "For more information regarding the ecda programme please contact "
                                     "ecda@essex.gov.uk"),
                            pdf.Role("link", "ecda@essex.gov.uk", href="mailto:ecda@essex.gov.uk")]  # fmt: skip
    assert roles[-1].tag == "Artifact"
    quotes = [r.text for r in roles if r.kind == "quote"]
    assert "To identify and support perpetrators of Domestic Abuse" in quotes
    assert {r.tag for r in roles} <= {"Title", "H1", "H2", "H3", "P", "LI", "BlockQuote", "Figure", "Caption", "TD",
                                      "Link", "Artifact"}  # fmt: skip


# --- plugins ------------------------------------------------------------------------------------------------


@attrs.frozen
class Kpis(sprintdoc.model.Section):
    values: tuple[str, ...] = ()


def _draw_kpis(section: Kpis, out: Any) -> None:
    out.section_heading(section.title or "")
    with out.group():
        for value in section.values:
            out.item_heading(value)
            out.stages([StageView("One"), StageView("Two", StageState.CURRENT, "Jan 21 – present")],
                       strip=True)  # fmt: skip
    from reportlab.platypus import Paragraph

    out.story.append(Paragraph(out.markup("raw <flowable> & more"), out.styles["body"]))
    out.record("paragraph", "raw <flowable> & more")


def test_a_plugin_kind_draws_with_every_power_of_a_built_in(tmp_path: Path) -> None:
    kind: SectionKind[Kpis] = SectionKind("kpis", Kpis, docx=lambda s, c: None, pdf=_draw_kpis)
    registry = Registry({**default_registry().kinds, "kpis": RegisteredKind(kind, "tests")})
    bundle = sprintdoc.Bundle(edition=sprintdoc.Edition(title="T", period="P"),
                              sections=(Kpis(title="Numbers", values=("Up", "Down")),))  # fmt: skip
    path = saved(tmp_path, render(bundle, registry))
    assert {"sprintdoc-kpis-1", "sprintdoc-kpis-1-1", "sprintdoc-kpis-1-2"} <= set(PdfReader(path).named_destinations)
    shown = page_text(path)
    assert "raw <flowable> & more" in shown and f"{CURRENT_STAGE_PREFIX}Two" in shown
    assert pdf.roles(bundle, registry)[-2] == pdf.Role("paragraph", "raw <flowable> & more")


# --- hostile text -------------------------------------------------------------------------------------------

#: Where a value put in every field shows in running text (the chevrons, strip cells and footer come on top).
FLOWING_FIELDS = 31


def check_hostile(value: str, tmp_path: Path) -> None:
    path = saved(tmp_path, render(bundle_with(value)))
    checked = subprocess.run([require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr, checked.stdout
    shown = squash(page_text(path, "-raw"))  # -raw: pdftotext's default mode joins a line ending in "-" to the next
    assert shown.count(squash(visible(value))) >= FLOWING_FIELDS


@pytest.mark.parametrize("value", NASTY)
def test_nasty_text_shows_as_typed(value: str, tmp_path: Path) -> None:
    check_hostile(value, tmp_path)


def right_to_left(value: str) -> bool:
    """Whether a text has characters of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…)."""
    return any(
        unicodedata.bidirectional(c) in ("R", "AL", "AN")
        or 0x0590 <= ord(c) <= 0x08FF
        or 0xFB1D <= ord(c) <= 0xFEFF
        or 0x10800 <= ord(c) <= 0x10FFF
        or 0x1E800 <= ord(c) <= 0x1EFFF
        for c in value
    )


def test_right_to_left_text_loses_no_letter(tmp_path: Path) -> None:
    # reportlab sets these scripts letter by letter in typed order, so pdftotext may give them back in another
    # order; every letter is there, and loading warns, naming the field (test_loading's shaping tests).
    value = "שלום עולם and مرحبا"
    path = saved(tmp_path, render(bundle_with(value)))
    shown = page_text(path, "-raw")
    for letter in set(value) - {" "}:
        assert shown.count(letter) >= FLOWING_FIELDS * value.count(letter), letter


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=text)
def test_hostile_text_in_every_field_stays_valid_and_as_typed(value: str, tmp_path: Path) -> None:
    assume(not right_to_left(value))  # see test_right_to_left_text_reads_back_in_order
    check_hostile(value, tmp_path)


def test_markdown_fields_never_reach_paragraph_markup_raw() -> None:
    md = Markdown("**S&P 500** <select> [x](https://e.org/?a=<b>&c)")
    faces = fonts.faces("DejaVu Sans")
    markup = spans_markup(md.blocks[0].spans, faces, "#000000")  # type: ignore[union-attr]
    assert "<select>" not in markup and "&amp;" in markup and "S&amp;P 500" in markup


def test_a_title_pdfdocencoding_cannot_hold_is_written_as_utf16_and_read_back_exactly() -> None:
    """reportlab's `pdfdoc` codec writes U+00AD as byte 0xAD, which PDFDocEncoding leaves undefined: readers then
    guessed (pypdf read 'Co\\xadoperation' back as CJK). Such a string is now written as UTF-16BE."""
    from sprintdoc.writers.pdf_metadata import in_pdfdoc

    assert in_pdfdoc("Café €5 “quoted”") and not in_pdfdoc("Co\u00adoperation") and not in_pdfdoc("Ωmega")
    july = sprintdoc.load(JULY)
    news = july.sections[0]
    headline = "Co\u00adoperation across Essex"
    story = attrs.evolve(news.stories[0], headline=headline)  # type: ignore[attr-defined]
    bundle = attrs.evolve(july, sections=(attrs.evolve(news, stories=(story,)), *july.sections[1:]))
    out = io.BytesIO()
    sprintdoc.render_pdf(bundle, out)
    data = out.getvalue()
    assert sprintdoc.outline(data) == implied(bundle)
    titles = [title for _, title, _ in outline_entries(PdfReader(io.BytesIO(data)))]
    assert headline in titles

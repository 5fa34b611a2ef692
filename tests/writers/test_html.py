"""The web edition: a bundle in, one valid, self-contained, accessible HTML5 page out, with the same outline.

The page is parsed by html5lib, the WHATWG parser browsers follow, in strict mode: a page with any parse
error fails. Its text is read from the parsed tree, as a browser's `textContent`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import subprocess
import sys
import unicodedata
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import html5lib
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import sprintdoc
from conftest import FIXTURES, JULY, SETTINGS
from sprintdoc.outline import implied, marker, read
from sprintdoc.output import render
from sprintdoc.registry import GROUP, Registry, default_registry
from sprintdoc.validation import text_fields
from sprintdoc_kpis import Indicator, KpisSection
from strategies import NASTY, bundle_with, text

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))
XHTML = "{http://www.w3.org/1999/xhtml}"
KPIS = Registry.from_entry_points([*entry_points(group=GROUP), EntryPoint("kpis", "sprintdoc_kpis:KIND", GROUP)])


def kpis_bundle() -> sprintdoc.Bundle:
    return sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="Sprint Notes", period="July 2021"),
        sections=(
            KpisSection(
                title="Key indicators",
                due=dt.date(2021, 8, 30),
                indicators=(
                    Indicator("Median wait (days)", sprintdoc.Number("3.50"), sprintdoc.Number(4), "days",
                              note="**Better** than June; see [the dashboard](https://example.org/d)"),
                    Indicator("Reports on time", sprintdoc.Number("95"), note="- on time\n- *checked* weekly"),
                ),
            ),
        ),
    )  # fmt: skip


def parse(data: bytes) -> etree._Element:
    """The page as html5lib parses it; any parse error fails the test, naming it."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=True, tree=html5lib.getTreeBuilder("lxml"))
    try:
        document = parser.parse(data)
    except html5lib.html5parser.ParseError as err:
        raise AssertionError(f"the page is not valid HTML5: {err}; {parser.errors}") from None
    assert parser.errors == []
    root: etree._Element = document.getroot()
    return root


def find(root: etree._Element, path: str) -> list[etree._Element]:
    """Elements by an XPath written without the XHTML namespace (`//h:section`)."""
    found: list[etree._Element] = root.xpath(path, namespaces={"h": XHTML[1:-1]})
    return found


def shown(root: etree._Element) -> str:
    """The body's text, as a browser's textContent gives it."""
    (body,) = find(root, "//h:body")
    return "".join(body.itertext())


def squash(value: str) -> str:
    return unicodedata.normalize("NFC", re.sub(r"\s+", "", value))


def tag(el: etree._Element) -> str:
    return str(el.tag).removeprefix(XHTML)


@pytest.fixture(scope="module")
def pages() -> dict[str, bytes]:
    return {b.name: render(sprintdoc.load(b), "html") for b in BUNDLES}


# -- a valid page, every word shown ---------------------------------------------------------------------------


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_the_page_is_valid_html5_and_shows_every_word_of_the_bundle(pages: dict[str, bytes], bundle: Path) -> None:
    loaded = sprintdoc.load(bundle)
    root = parse(pages[bundle.name])
    page = squash(shown(root))
    alts = {img.get("alt") for img in find(root, "//h:img")}
    missing = []
    for path, value in text_fields(loaded):
        if path.startswith(SETTINGS) or path.endswith(("language", ".file")):
            continue
        if path.endswith(".alt"):
            assert value in alts, path
            continue
        field = sprintdoc.Markdown(value).plain() if is_markdown(loaded, path) else value
        missing += [(path, word) for word in field.split() if squash(word) not in page]
    assert missing == []


def is_markdown(bundle: sprintdoc.Bundle, path: str) -> bool:
    """Whether the field at `path` (`sections[2].projects[1].done`) is Markdown: its words are shown without markup."""
    node: object = bundle
    for part in re.findall(r"[^.\[\]]+", path):
        node = node[int(part)] if part.isdigit() else getattr(node, part.replace("-", "_"))  # type: ignore[index]
    return isinstance(node, sprintdoc.Markdown)


def test_same_bundle_same_bytes(july: sprintdoc.Bundle) -> None:
    assert render(july, "html") == render(july, "html")


def test_the_page_is_self_contained_with_no_script(pages: dict[str, bytes]) -> None:
    for data in pages.values():
        root = parse(data)
        assert find(root, "//h:script | //h:link | //h:iframe | //h:object | //h:embed") == []
        assert all(img.get("src", "").startswith("data:image/") for img in find(root, "//h:img"))
        assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
        (style,) = find(root, "//h:style")
        assert "url(" not in (style.text or "") and "@import" not in (style.text or "")


# -- structure ------------------------------------------------------------------------------------------------


def test_landmarks_title_language_and_headings_in_order(july: sprintdoc.Bundle, pages: dict[str, bytes]) -> None:
    root = parse(pages[JULY.name])
    assert root.get("lang") == "en-GB"
    assert find(root, "//h:title")[0].text == "Sprint Notes — July 2021"
    for landmark in ("header", "nav", "main", "footer"):
        assert len(find(root, f"//h:body/h:{landmark}")) == 1, landmark
    levels = [int(tag(h)[1]) for h in root.iter() if re.fullmatch(r"h[1-6]", tag(h))]
    assert levels.count(1) == 1 and levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert [h.text for h in find(root, "//h:section/h:h2")] == [s.title for s in july.sections]


def test_the_contents_link_to_every_section_and_items_are_articles(july: sprintdoc.Bundle, pages: dict[str, bytes]):
    root = parse(pages[JULY.name])
    registry = default_registry()
    kinds = [registry.kind_of(s).name for s in july.sections]
    links = find(root, "//h:nav//h:a")
    assert [a.get("href") for a in links] == [f"#{marker(k, n)}" for n, k in enumerate(kinds, start=1)]
    assert [a.text for a in links] == [s.title for s in july.sections]
    news = find(root, f"//h:section[@id='{marker('news', 1)}']/h:article")
    assert [a.get("id") for a in news] == [marker("news", 1, m) for m in range(1, 5)]
    assert [a[0].text for a in news] == [story.headline for story in july.sections[0].stories]  # type: ignore[attr-defined]


def test_stage_strips_are_tables_with_column_headers_and_say_the_current_stage(pages: dict[str, bytes]) -> None:
    root = parse(pages[JULY.name])
    (card,) = find(root, "//h:article[h:h3='Domestic Abuse']")
    (table,) = find(card, ".//h:table")
    assert find(table, "h:caption")[0].text == "Stages of Domestic Abuse"
    heads = find(table, "h:thead/h:tr/h:th")
    assert [th.get("scope") for th in heads] == ["col"] * 5
    states = ["".join(td.itertext()) for td in find(table, "h:tbody/h:tr/h:td")]
    assert [s.split("\n")[0] for s in states[:4]] == ["done", "done", "done", "current"]
    assert states[4] == "to come"
    assert [p.text for p in find(card, "h:p[@class='current-stage']")] == ["Current stage: Analysis & Insights"]
    wrap = table.getparent()
    assert wrap.get("tabindex") == "0" and wrap.get("role") == "region"  # a table wider than a phone scrolls alone


def test_pictures_are_figures_with_alt_text_and_scaled_for_the_screen(july: sprintdoc.Bundle, pages: dict[str, bytes]):
    root = parse(pages[JULY.name])
    figures = find(root, "//h:figure")
    assert [f[0].get("alt") for f in figures] == ["Portrait photograph of Duncan Taylor",
                                                  "Portrait photograph of Martine Clark"]  # fmt: skip
    assert [find(f, "h:figcaption")[0].text for f in figures] == ["Duncan Taylor", "Martine Clark"]
    for figure in figures:
        assert int(figure[0].get("width")) <= 800 and int(figure[0].get("height")) <= 600


def test_a_decorative_picture_has_empty_alt_text(tmp_path: Path) -> None:
    story = sprintdoc.sections.news.Story(
        headline="H", body="B", image=sprintdoc.Image(file="images/duncan-taylor.png", decorative=True)
    )
    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (sprintdoc.sections.news.NewsSection("N", (story,)),),
                              root=JULY)  # fmt: skip
    (img,) = find(parse(render(bundle, "html")), "//h:img")
    assert img.get("alt") == ""


def test_only_web_and_mail_links_are_live() -> None:
    body = "[web](https://e.org/?a=1&b=2) [mail](mailto:a@e.org) [js](javascript:alert(1)) [file](file:///etc/passwd)"
    root = parse(render(bundle_of(body), "html"))
    links = {a.text: a.get("href") for a in find(root, "//h:main//h:a")}
    assert links == {"web": "https://e.org/?a=1&b=2", "mail": "mailto:a@e.org"}
    assert "js" in shown(root) and "file" in shown(root)


def bundle_of(body: str) -> sprintdoc.Bundle:
    from sprintdoc.sections.text import TextSection

    return sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (TextSection(title="S", body=body),))


def test_markdown_keeps_its_lists_quotes_and_emphasis() -> None:
    root = parse(render(bundle_of("1. one\n2. **two**\n   - *deep*\n\n> quoted\n\nline  \nbreak"), "html"))
    (section,) = find(root, "//h:main/h:section")
    assert [tag(el) for el in section] == ["h2", "ol", "blockquote", "p"]
    assert find(section, "h:ol/h:li[2]/h:strong")[0].text == "two"
    assert find(section, "h:ol/h:li[2]/h:ul/h:li/h:em")[0].text == "deep"
    assert len(find(section, "h:p/h:br")) == 1


# -- the outline ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_the_outline_is_the_same_in_all_three_editions(bundle: Path, tmp_path: Path) -> None:
    loaded = sprintdoc.load(bundle)
    expected = implied(loaded)
    paths = sprintdoc.generate(loaded, tmp_path)
    assert {fmt: read(path) for fmt, path in paths.items()} == dict.fromkeys(("docx", "pdf", "html"), expected)
    assert read(paths["html"].read_bytes()) == expected
    with paths["html"].open("rb") as stream:
        assert read(stream) == expected


def test_a_plugin_kinds_table_rows_are_items_in_the_page_as_in_the_other_two() -> None:
    bundle = kpis_bundle()
    expected = implied(bundle, KPIS)
    assert [i.title for i in expected.sections[0].items] == ["Median wait (days)", "Reports on time"]
    data = render(bundle, "html", registry=KPIS)
    for fmt in ("docx", "pdf"):
        assert read(render(bundle, fmt, registry=KPIS)) == expected
    assert read(data) == expected
    root = parse(data)
    (table,) = find(root, "//h:table[@class='data']")
    assert find(table, "h:caption")[0].text == "Key indicators: value and target of each indicator"
    assert [th.get("scope") for th in find(table, "h:thead/h:tr/h:th")] == ["col"] * 6
    rows = find(table, "h:tbody/h:tr")
    assert [r.get("id") for r in rows] == [marker("kpis", 1, 1), marker("kpis", 1, 2)]
    assert rows[0][0].get("scope") == "row" and "align-right" in rows[0][1].get("class")


def test_cli_prints_the_outline_of_a_page(pages: dict[str, bytes], tmp_path: Path) -> None:
    page = tmp_path / "july.html"
    page.write_bytes(pages[JULY.name])
    result = subprocess.run([sys.executable, "-m", "sprintdoc", "outline", str(page), "--json"],
                            capture_output=True, text=True, check=True)  # fmt: skip
    assert result.stdout.startswith('{\n  "title": "Sprint Notes"')


def test_a_page_sprintdoc_did_not_write_is_refused() -> None:
    with pytest.raises(sprintdoc.OutlineError, match="not a page sprintdoc wrote"):
        read(b"<!DOCTYPE html><html><head><title>x</title></head><body><h1 id='sprintdoc-title'>x</h1></body></html>")


# -- plugins --------------------------------------------------------------------------------------------------


def test_a_kind_with_only_word_and_pdf_drawings_is_refused_by_name_in_the_page() -> None:
    from sprintdoc.registry import RegisteredKind, SectionKind
    from sprintdoc.sections.text import TextSection
    from sprintdoc.writers.html import HtmlRenderError

    kind: SectionKind[TextSection] = SectionKind("text", TextSection, docx=lambda s, c: None, pdf=lambda s, c: None)
    registry = Registry({"text": RegisteredKind(kind, "tests")})
    with pytest.raises(HtmlRenderError, match=r"section 1 \('text'\) cannot be drawn in the web page"):
        render(bundle_of("x"), "html", registry=registry)


def test_an_html_override_draws_the_kinds_section() -> None:
    from sprintdoc.registry import RegisteredKind, SectionKind
    from sprintdoc.sections.text import TextSection
    from sprintdoc.writers.html import HtmlContext
    from sprintdoc.writers.html_tree import element

    def html(section: TextSection, ctx: HtmlContext) -> None:
        ctx.section_heading(section.title or "")
        element(ctx.container, "details", "<raw> & more")

    kind: SectionKind[TextSection] = SectionKind("text", TextSection, draw=lambda s, c: None, html=html)
    assert kind.drawer("html") is html and kind.drawer("pdf") is kind.draw
    registry = Registry({"text": RegisteredKind(kind, "tests")})
    root = parse(render(bundle_of("x"), "html", registry=registry))
    assert find(root, "//h:section/h:details")[0].text == "<raw> & more"


# -- hostile text ---------------------------------------------------------------------------------------------

#: Where a value put in every field shows in the page's text (the contents link and the stage strip's caption too).
SHOWN_AT_LEAST = 30
#: The elements the page may hold: anything else came from a bundle's text.
ELEMENTS = {"html", "head", "meta", "title", "style", "body", "a", "header", "nav", "h1", "h2", "h3", "h4", "h5",
            "h6", "ol", "ul", "li", "main", "section", "article", "p", "strong", "em", "br", "blockquote", "figure",
            "figcaption", "img", "div", "table", "caption", "colgroup", "col", "thead", "tbody", "tr", "th", "td",
            "footer"}  # fmt: skip


def check_hostile(value: str) -> None:
    bundle = bundle_with(value)
    data = render(bundle, "html")
    root = parse(data)
    assert {tag(el) for el in root.iter() if isinstance(el.tag, str)} <= ELEMENTS
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
    assert all(re.fullmatch(r"width: \d+\.\d\d%", el.get("style")) for el in find(root, "//*[@style]"))
    hrefs = [a.get("href") for a in find(root, "//h:a")]
    assert all(h.startswith(("#", "http://", "https://", "mailto:")) for h in hrefs)
    (style,) = find(root, "//h:style")
    plain = render(bundle_with("plain"), "html")
    (plain_style,) = find(parse(plain), "//h:style")
    assert style.text == plain_style.text  # no text of the bundle reaches the style sheet
    assert find(root, "//h:title")[0].text == f"{value} — {value}"
    assert squash(shown(root)).count(squash(value)) >= SHOWN_AT_LEAST


HOSTILE = [
    *NASTY,
    "<script>alert(1)</script>",
    "</style><script>alert(1)</script><style>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(document.cookie)",
    "&lt;b&gt; &#60;i&#62; &amp;",
    "{{ 7*7 }} ${7*7} <%= 7*7 %>",
    "مرحبا بالعالم and שלום",
    "\u202eevil\u202c",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_shows_as_typed_and_injects_nothing(value: str) -> None:
    check_hostile(value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=text)
def test_any_text_in_every_field_shows_as_typed_and_injects_nothing(value: str) -> None:
    check_hostile(value)


def test_hostile_markdown_makes_no_markup() -> None:
    body = "<script>alert(1)</script> <b onclick=x>bold</b> [x](javascript:alert(1)) ![i](https://e.org/i.png)"
    root = parse(render(bundle_of(body), "html"))
    assert find(root, "//h:script | //h:main//h:b | //h:main//h:a | //h:main//h:img") == []
    assert "<script>alert(1)</script>" in shown(root) and "<b onclick=x>bold</b>" in shown(root)


def test_a_font_name_cannot_close_the_style_sheet() -> None:
    theme = sprintdoc.Theme(fonts=sprintdoc.theme.Fonts(body="</style><script>alert(1)</script>"))
    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (), theme=theme)
    root = parse(render(bundle, "html", checked=True))
    assert find(root, "//h:script") == [] and len(find(root, "//h:style")) == 1


# -- the look -------------------------------------------------------------------------------------------------


def css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of each rule of a style sheet written as `html_look` writes it."""
    return [
        (selector.strip(), dict(d.strip().split(": ", 1) for d in body.split(";") if ": " in d))
        for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css)
    ]


@pytest.mark.parametrize(
    "colours",
    [{}, {"muted": "#AAAAAA", "accent": "#FF9999", "primary": "#9999FF", "text": "#888888"}],
    ids=["default", "weak"],
)
def test_every_text_colour_in_the_style_sheet_meets_wcag_aa_on_its_background(colours: dict[str, str]) -> None:
    from sprintdoc.theme import Colour, Colours, Theme

    theme = Theme(colours=Colours(**{k: Colour(v) for k, v in colours.items()}))
    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (), theme=theme)
    (style,) = find(parse(render(bundle, "html", checked=True)), "//h:style")
    checked = 0
    for selector, rule in css_rules(style.text or ""):
        if "color" not in rule:
            continue
        background = Colour(rule.get("background-color", rule.get("background", "#FFFFFF")))
        given = rule.get("font-size", "1rem")
        size = 16 * float(given.removesuffix("rem").removesuffix("em"))
        large = size >= 24 or (rule.get("font-weight") == "bold" and size >= 18.66)
        assert Colour(rule["color"]).contrast(background) >= (3.0 if large else 4.5), selector
        checked += 1
    assert checked >= 15


def test_a_weak_colour_is_darkened_only_as_far_as_it_must_be() -> None:
    from sprintdoc.theme import Colour
    from sprintdoc.writers.html_look import readable

    assert readable("#595959", "#FFFFFF", 4.5) == "#595959"
    darker = Colour(readable("#AAAAAA", "#FFFFFF", 4.5))
    assert 4.5 <= darker.contrast(Colour("#FFFFFF")) < 6
    assert Colour(readable("#333333", "#1F4E79", 4.5)).contrast(Colour("#1F4E79")) >= 4.5  # lightened on a dark fill

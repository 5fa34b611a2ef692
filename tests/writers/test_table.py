"""`Drawing.table` and items anywhere, through a third-party `kpis` kind installed by a fake entry point.

The kind (tests/sprintdoc_kpis.py) draws one table with Markdown cells, each row an outline item. Both
documents must show every cell as typed, read back to the outline the bundle implies, and pass the checkers the
project trusts: openxml-audit and LibreOffice for Word; qpdf, pdftotext and the PDF/UA-1 checkers for the PDF.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import sys
import zipfile
from collections.abc import Iterator, Sequence
from importlib.metadata import EntryPoint
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

import sprintdoc
from conftest import ROOT, require_tool
from sprintdoc import Number
from sprintdoc.drawing import Drawing, Row, item_title, table_view
from sprintdoc.model import Section
from sprintdoc.outline import implied, marker, read
from sprintdoc.output import render
from sprintdoc.registry import GROUP, OutlineItem, Registry, SectionKind
from sprintdoc.template_look import read_look
from sprintdoc.writers import default_template
from sprintdoc.writers.pdf_table import data_table_look
from sprintdoc_kpis import HEADER, WIDTHS, Indicator, KpisSection, cells
from strategies import NASTY, markdown_literal, text, visible
from writers.test_pdf import page_text, right_to_left, squash
from writers.test_pdf_tags import checker, failures

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def registry_with(*extra: EntryPoint) -> Registry:
    """The kinds installed here and the test plugins, found through (fake) entry points as pip would install them."""
    from importlib.metadata import entry_points

    return Registry.from_entry_points([*entry_points(group=GROUP), *extra])


KPIS = registry_with(EntryPoint("kpis", "sprintdoc_kpis:KIND", GROUP))


def kpis_bundle(*indicators: Indicator, title: str = "Key indicators") -> sprintdoc.Bundle:
    return sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="Sprint Notes", period="July 2021"),
        sections=(KpisSection(title=title, indicators=indicators),),
    )


INDICATORS = (
    Indicator(
        "Median wait (days)",
        Number("3.50"),
        Number(4),
        "days",
        dt.date(2021, 7, 30),
        "**Better** than June; see [the dashboard](https://example.org/d)",
    ),
    Indicator("Reports on time", Number("95"), Number("90"), "%", note="- on time\n- *checked* weekly"),
    Indicator("Open requests", Number(12000)),
)


def written(bundle: sprintdoc.Bundle, folder: Path, registry: Registry = KPIS) -> dict[str, Path]:
    paths = {}
    for fmt in ("docx", "pdf"):
        paths[fmt] = folder / f"out.{fmt}"
        paths[fmt].write_bytes(render(bundle, fmt, registry=registry))
    return paths


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def cell_texts(tc: etree._Element) -> str:
    """A cell's text as typed: its paragraphs joined by spaces, tabs and line breaks as themselves."""
    shown = {f"{W}tab": "\t", f"{W}br": "\n"}
    lines = ("".join(shown.get(el.tag, el.text or "") for el in p.iter(f"{W}t", f"{W}tab", f"{W}br"))
             for p in tc.iter(f"{W}p"))  # fmt: skip
    return " ".join(lines)


@pytest.fixture(scope="module")
def kpis_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return written(kpis_bundle(*INDICATORS), tmp_path_factory.mktemp("kpis"))


# -- the outline ----------------------------------------------------------------------------------------------


def test_rows_marked_as_items_read_back_as_the_outline_the_bundle_implies(kpis_files: dict[str, Path]) -> None:
    expected = implied(kpis_bundle(*INDICATORS), KPIS)
    assert [item.title for item in expected.sections[0].items] == [i.name for i in INDICATORS]
    assert read(kpis_files["docx"]) == expected
    assert read(kpis_files["pdf"]) == expected


@attrs.frozen
class Notes(Section):
    """A kind that marks items on a paragraph, a level-3 heading and table rows whose first cell is Markdown."""

    lead: str = ""
    rows: tuple[sprintdoc.Markdown, ...] = ()


def draw_notes(section: Notes, out: Drawing) -> None:
    out.section_heading(section.title or "")
    out.text(section.lead, "body", item=True)
    out.text("Not an item.")
    out.heading("A heading item", 3, item=True)
    out.table(("What", "Count"), [Row((md, "1"), item=True) for md in section.rows] + [("plain row", "2")],
              caption="Notes")  # fmt: skip
    out.heading("After the table", 3)


def notes_items(section: Notes) -> Sequence[OutlineItem]:
    titles = [item_title(section.lead), "A heading item", *(item_title(md) for md in section.rows)]
    return [*(OutlineItem(t) for t in titles[:-1]), OutlineItem(titles[-1], headings=("After the table",))]


NOTES = SectionKind(name="notes", model=Notes, draw=draw_notes, items=notes_items)


def test_any_paragraph_heading_or_row_can_be_an_item_and_the_outline_holds(tmp_path: Path) -> None:
    registry = registry_with(EntryPoint("notes", f"{__name__}:NOTES", GROUP))
    rows = (
        sprintdoc.Markdown("First *paragraph*.\n\nSecond  paragraph, with a [link](https://example.org)."),
        sprintdoc.Markdown("- a list\n- in the first cell\n\n> and a quote"),
        sprintdoc.Markdown("line one  \nline two"),
    )
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="T", period="P"),
        sections=(Notes(title="Notes", lead="A paragraph\tthat is an item", rows=rows),),
    )
    paths = written(bundle, tmp_path, registry)
    expected = implied(bundle, registry)
    assert [item.title for item in expected.sections[0].items][2:] == [
        "First paragraph. Second  paragraph, with a link.",
        "a list in the first cell and a quote",
        "line one line two",
    ]
    assert read(paths["docx"]) == expected
    assert read(paths["pdf"]) == expected
    names = {b.get(f"{W}name") for b in document_xml(paths["docx"]).iter(f"{W}bookmarkStart")}
    assert {marker("notes", 1, n) for n in range(1, 6)} <= names


# -- Word ---------------------------------------------------------------------------------------------------


def test_the_word_table_is_a_data_table_in_the_templates_style(kpis_files: dict[str, Path]) -> None:
    [tbl] = document_xml(kpis_files["docx"]).iter(f"{W}tbl")
    styles = zipfile.ZipFile(kpis_files["docx"]).read("word/styles.xml")
    style_id = tbl.find(f"{W}tblPr/{W}tblStyle").get(f"{W}val")
    [style] = [s for s in etree.fromstring(styles).iter(f"{W}style") if s.get(f"{W}styleId") == style_id]
    assert style.find(f"{W}name").get(f"{W}val") == "Data Table"
    assert style.find(f"{W}tblStylePr[@{W}type='firstRow']") is not None
    assert tbl.find(f"{W}tblPr/{W}tblCaption").get(f"{W}val").startswith("Key indicators")
    assert "Indicator" in tbl.find(f"{W}tblPr/{W}tblDescription").get(f"{W}val")
    rows = tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(row.find(f"{W}trPr/{W}tblHeader") is None for row in rows[1:])
    assert [cell_texts(tc) for tc in rows[0].findall(f"{W}tc")] == list(HEADER)
    assert [cell_texts(tc) for tc in rows[1].findall(f"{W}tc")][:5] == [
        "Median wait (days)", "3.50", "4", "days", "2021-07-30"
    ]  # fmt: skip
    widths = [int(c.get(f"{W}w")) for c in tbl.iter(f"{W}gridCol")]
    assert widths == pytest.approx([sum(widths) * w / sum(WIDTHS) for w in WIDTHS], abs=2)
    value = rows[1].findall(f"{W}tc")[1]
    assert value.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "right"  # numbers aligned
    note = rows[1].findall(f"{W}tc")[5]
    assert note.find(f".//{W}hyperlink") is not None and note.find(f".//{W}b") is not None
    start = rows[1].findall(f"{W}tc")[0].find(f".//{W}bookmarkStart")
    assert start.get(f"{W}name") == marker("kpis", 1, 1)


def test_a_template_without_the_table_styles_gets_them_from_the_master(tmp_path: Path) -> None:
    """A comms team's own template from before tables: the styles are copied in, with a warning naming them."""
    template = tmp_path / "old.docx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(template, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                root = etree.fromstring(data)
                for style in root.findall(f"{W}style"):
                    if style.get(f"{W}styleId") in ("DataTable", "TableText"):
                        root.remove(style)
                data = etree.tostring(root)
            out.writestr(info, data)
    with pytest.warns(sprintdoc.SprintdocWarning, match="Data Table"):
        data = render(kpis_bundle(*INDICATORS), "docx", registry=KPIS, template=template)
    assert "Data Table" in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()


# -- PDF ------------------------------------------------------------------------------------------------------


def structure(path: Path) -> list[tuple[int, str, dict[str, Any]]]:
    """The structure tree's elements in reading order: (depth, type, attributes)."""
    root = PdfReader(path).trailer["/Root"]["/StructTreeRoot"]
    out: list[tuple[int, str, dict[str, Any]]] = []

    def walk(element: Any, depth: int) -> None:
        element = element.get_object()
        if not hasattr(element, "get") or "/S" not in element:
            return
        out.append((depth, str(element["/S"])[1:], dict(element.get("/A", {}))))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, list) else [kids]:
            walk(kid, depth + 1)

    walk(root["/K"][0], 0)
    return out


def table_elements(path: Path) -> Iterator[list[tuple[int, str, dict[str, Any]]]]:
    elements = structure(path)
    for n, (depth, kind, _) in enumerate(elements):
        if kind == "Table":
            end = next((m for m in range(n + 1, len(elements)) if elements[m][0] <= depth), len(elements))
            yield [(d - depth, k, a) for d, k, a in elements[n:end]]


def test_the_pdf_table_is_tagged_as_a_data_table(kpis_files: dict[str, Path]) -> None:
    [table] = table_elements(kpis_files["pdf"])
    children = [kind for depth, kind, _ in table if depth == 1]
    assert children == ["Caption"] + ["TR"] * (1 + len(INDICATORS))
    headers = [attributes for _, kind, attributes in table if kind == "TH"]
    assert len(headers) == len(HEADER) and all(a.get("/Scope") == "/Column" for a in headers)
    assert sum(kind == "TD" for _, kind, _ in table) == len(HEADER) * len(INDICATORS)
    assert [kind for _, kind, _ in table].count("Link") == 1  # one however many lines its text is set on


def test_a_long_table_repeats_its_header_on_each_page_as_an_artifact(tmp_path: Path) -> None:
    many = tuple(Indicator(f"Indicator number {n}", Number(n * 7), note="A note long enough to wrap " * 3)
                 for n in range(1, 80))  # fmt: skip
    bundle = kpis_bundle(*many)
    paths = written(bundle, tmp_path)
    pages = [page_text(paths["pdf"], "-f", str(n), "-l", str(n)) for n in (1, 2, 3)]
    assert all(" ".join(HEADER) in " ".join(page.split()) for page in pages)
    [table] = table_elements(paths["pdf"])
    assert sum(kind == "TH" for _, kind, _ in table) == len(HEADER)  # once in the tree, however many pages
    assert read(paths["pdf"]) == read(paths["docx"]) == implied(bundle, KPIS)


def test_a_restyle_of_the_data_table_in_word_reaches_the_pdf(tmp_path: Path) -> None:
    template = tmp_path / "restyled.docx"
    with zipfile.ZipFile(default_template()) as src, zipfile.ZipFile(template, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/styles.xml":
                data = data.replace(b'w:fill="DCE6F1"', b'w:fill="FFE699"')
            out.writestr(info, data)
    ours, theirs = (data_table_look(read_look(t).table_style("Data Table")) for t in (default_template(), template))
    assert ours.header_fill != theirs.header_fill
    assert theirs.header_fill is not None and theirs.header_fill.hexval() == "0xffe699"
    assert theirs.header_rule is not None and ours.line_colour == theirs.line_colour


def test_a_row_that_does_not_fit_the_header_is_a_bug_named_in_the_kind() -> None:
    with pytest.raises(ValueError, match="table row 2 has 1 cells; the header has 2"):
        table_view(("a", "b"), [("1", "2"), ("3",)], caption="c")
    with pytest.raises(ValueError, match="widths"):
        table_view(("a", "b"), [], caption="c", widths=(1, 0))
    with pytest.raises(TypeError, match="one cell"):
        Row("ab")


# -- real clients --------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pdf_passes_qpdf_pdf_ua_and_shows_every_cell(kpis_files: dict[str, Path]) -> None:
    path = kpis_files["pdf"]
    checked = subprocess.run([require_tool("qpdf"), "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr, checked.stdout
    assert failures(path, "PDF/UA-1") == []
    outloud = subprocess.run([checker("outloud"), str(path)], capture_output=True, text=True)
    assert "ERROR" not in outloud.stdout and "PDF/UA-1 checkpoints" in outloud.stdout, outloud.stdout
    pdfua = subprocess.run([checker("pdfua"), "check", str(path)], capture_output=True, text=True)
    assert "result: PASS" in pdfua.stdout, pdfua.stdout
    shown = squash(page_text(path))
    for indicator in INDICATORS:
        *plain, note = cells(indicator)
        words = [*map(str, plain), *(note.paragraphs() if isinstance(note, sprintdoc.Markdown) else ())]
        assert all(squash(word) in shown for word in words), words


@pytest.mark.slow
def test_the_docx_passes_the_audit_and_opens_in_libreoffice(kpis_files: dict[str, Path], tmp_path: Path) -> None:
    from writers.test_docx import audit

    assert audit(kpis_files["docx"]) == []
    subprocess.run(
        [require_tool("soffice"), f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(kpis_files["docx"])],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    shown = squash(page_text(tmp_path / "out.pdf"))
    for indicator in INDICATORS:
        assert squash(indicator.name) in shown and squash(str(indicator.value)) in shown


PLUGIN = ROOT / "tests" / "sprintdoc_kpis.py"

#: mypy --strict, and no expression typed `Any` in the plugin or the script: sprintdoc itself is read, not checked.
MYPY_CONFIG = """\
[mypy]
strict = True
python_version = 3.11
mypy_path = {src}:{tests}
[mypy-sprintdoc_kpis,script]
disallow_any_expr = True
[mypy-sprintdoc.*]
follow_imports = silent
[mypy-docx.*,docxtpl.*,reportlab.*,linkify_it.*,pypdf.*]
ignore_missing_imports = True
"""

#: A script building sections in code, as the README shows; the lines marked `# wrong` must be refused.
SCRIPT = """\
import datetime as dt

from sprintdoc import Bundle, Edition, Number
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc_kpis import KIND, Indicator, KpisSection

uptime = Indicator("Uptime", Number("99.9"), Number(99), measured=dt.date(2021, 7, 31))
kpis = KpisSection(title="Key figures", due=dt.date(2021, 8, 31), indicators=[uptime])
news = NewsSection(stories=(Story(headline) for headline in ("One", "Two")))
bundle = Bundle(edition=Edition(title="Sprint Notes", period="July 2021"), sections=[news, KIND.carry_over(kpis)])
wrong_kpis = KpisSection(indicators=["Uptime"])  # wrong
wrong_news = NewsSection(stories=[uptime])  # wrong
"""


def test_the_plugin_and_a_script_using_it_pass_mypy_strict_with_no_any_from_sprintdoc(tmp_path: Path) -> None:
    """The plugin, and a script building its sections and built-in ones from lists, type-check strictly; no
    expression in either is `Any` except what attrs's own stubs type so (its `metadata` mapping, its class
    decorators); and a list of the wrong items is refused, naming the item type a list field holds."""
    config = tmp_path / "mypy.ini"
    config.write_text(MYPY_CONFIG.format(src=ROOT / "src", tests=ROOT / "tests"), encoding="utf-8")
    script = tmp_path / "script.py"
    script.write_text(SCRIPT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(tmp_path / "cache"),
         "--show-error-codes", str(PLUGIN), str(script)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert result.returncode in (0, 1) and not result.stderr, result.stderr  # mypy ran (1: it found errors)
    errors = re.finditer(r"^(.+?):(\d+): error: (.*)$", result.stdout, re.MULTILINE)
    found = [(Path(m[1]).name, int(m[2]), m[3]) for m in errors]
    plugin_lines = PLUGIN.read_text(encoding="utf-8").splitlines()
    in_plugin = [(n, message) for name, n, message in found if name == PLUGIN.name]
    assert all(
        "Any" in message and re.search(r"metadata=|^@attrs\.", plugin_lines[n - 1].strip()) for n, message in in_plugin
    ), result.stdout
    wrong = [n for n, line in enumerate(SCRIPT.splitlines(), start=1) if line.endswith("# wrong")]
    assert [(n, message) for name, n, message in found if name == "script.py"] == [
        (wrong[0], 'List item 0 has incompatible type "str"; expected "Indicator"  [list-item]'),
        (wrong[1], 'List item 0 has incompatible type "Indicator"; expected "Story"  [list-item]'),
    ], result.stdout


def test_what_the_plugin_uses_of_sprintdoc_is_typed_without_any() -> None:
    """Every sprintdoc name the plugin imports, the helpers the plugin guide names and the contexts a kind's
    `docx=`/`pdf=` overrides get are annotated with no `Any`: functions' signatures, classes' public methods
    (overloads too), properties and class variables, attrs fields, type aliases."""
    import ast
    import importlib
    import inspect
    import typing

    from sprintdoc.model import as_tuple
    from sprintdoc.writers.docx import DocxContext
    from sprintdoc.writers.pdf import PdfContext

    tree = ast.parse(PLUGIN.read_text(encoding="utf-8"))
    used = [
        getattr(importlib.import_module(node.module), alias.name)
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sprintdoc")
        for alias in node.names
    ]
    annotations: dict[str, str] = {}

    def signature(name: str, function: typing.Callable[..., object]) -> None:
        for n, one in enumerate([function, *typing.get_overloads(function)]):
            found = inspect.signature(one)
            for p in found.parameters.values():
                annotations[f"{name}[{n}]({p.name})"] = str(p.annotation)
            annotations[f"{name}[{n}] ->"] = str(found.return_annotation)

    for thing in [*used, as_tuple, DocxContext, PdfContext]:
        name = getattr(thing, "__qualname__", str(thing))
        if inspect.isfunction(thing):
            signature(name, thing)
        elif not inspect.isclass(thing):
            annotations[name] = str(thing)  # a type alias: `Cell`
            continue
        else:
            if attrs.has(thing):
                annotations |= {f"{name}.{f.name}": str(f.type) for f in attrs.fields(thing)}
            annotations |= {f"{name}.{k}": str(v) for k, v in inspect.get_annotations(thing).items()}
            for member, value in vars(thing).items():
                if member.startswith("_") and member != "__init__":
                    continue
                if isinstance(value, classmethod | staticmethod):
                    value = value.__func__
                if isinstance(value, property) and value.fget is not None:
                    value = value.fget
                if inspect.isfunction(value):
                    signature(f"{name}.{member}", value)
    assert len(annotations) > 30
    assert {where: a for where, a in annotations.items() if re.search(r"\bAny\b", a)} == {}


def check_cells_as_typed(value: str, folder: Path) -> None:
    """`value` in every text cell (plain, and as escaped Markdown) shows exactly as typed in both documents."""
    note = markdown_literal(value)
    bundle = kpis_bundle(Indicator(value, Number("-0.5"), unit=value, note=note))
    paths = written(bundle, folder)
    [tbl] = document_xml(paths["docx"]).iter(f"{W}tbl")
    row = tbl.findall(f"{W}tr")[1]
    shown = [cell_texts(tc) for tc in row.findall(f"{W}tc")]
    assert shown[:5] == [value, "-0.5", "", value, ""]
    assert visible(shown[5]) == visible(value)
    pdf_text = page_text(paths["pdf"], "-raw")
    if "\u00ad" in value:  # a soft hyphen the line breaks at is drawn as a hyphen, as Word draws it
        pdf_text = pdf_text.replace("-\n", "\n")
    assert squash(pdf_text).count(squash(visible(value))) >= 3
    assert read(paths["docx"]) == read(paths["pdf"]) == implied(bundle, KPIS)


@pytest.mark.parametrize("value", NASTY)
def test_nasty_cells_show_as_typed(value: str, tmp_path: Path) -> None:
    check_cells_as_typed(value, tmp_path)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.one_of(text, st.sampled_from(["& < > {{ x }} {% if %} \"q\" 'q' 🎉"])))
def test_any_cell_text_shows_as_typed_in_both_formats(value: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    assume(not right_to_left(value))  # pdftotext gives right-to-left runs back reordered (see test_pdf)
    check_cells_as_typed(value, tmp_path_factory.mktemp("cells"))

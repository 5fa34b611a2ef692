"""The tagged PDF: PDF/UA-1 and PDF/A-2a by real checkers, and the structure tree read back in reading order."""

from __future__ import annotations

import io
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import page
import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

import sprintdoc
from conftest import FIXTURES, require_tool
from sprintdoc.outline import implied
from sprintdoc.registry import default_registry
from sprintdoc.writers import pdf
from strategies import NASTY, bundle_with

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))
PROFILES = {"PDF/UA-1": page.ValidationProfile.PDF_UA_1, "PDF/A-2a": page.ValidationProfile.PDF_A_2A}


def checker(name: str) -> str:
    """A checker's command, installed with the test dependencies beside this Python."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else require_tool(name)


def written(bundle: sprintdoc.Bundle, folder: Path) -> Path:
    path = folder / "out.pdf"
    with path.open("wb") as stream:
        pdf.write(bundle, stream, default_registry())
    return path


def failures(path: Path, profile: str) -> list[str]:
    """The rules `page-validation` finds broken (its report lists each as a `[RULE-ID] …` line)."""
    report = str(page.validate_pdf(str(path), profile=PROFILES[profile]))
    assert "Rules:" in report, report  # the checker ran
    return [line for line in report.splitlines() if line.startswith("[")]


@pytest.mark.slow
@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("bundle", BUNDLES, ids=[b.name for b in BUNDLES])
def test_every_fixture_passes_every_rule(bundle: Path, profile: str, tmp_path: Path) -> None:
    assert failures(written(sprintdoc.load(bundle), tmp_path), profile) == []


@pytest.mark.slow
@pytest.mark.parametrize("value", NASTY)
def test_hostile_text_passes_every_pdf_ua_rule(value: str, tmp_path: Path) -> None:
    # Emoji among them: a character no font has is drawn as the font's □ (a real glyph) and reads back as itself.
    path = written(bundle_with(value), tmp_path)
    assert failures(path, "PDF/UA-1") == []
    assert failures(path, "PDF/A-2a") == []


def test_an_untagged_pdf_fails_the_checker(tmp_path: Path) -> None:
    """The checker can fail: a reportlab PDF with no structure tree breaks the tagging rules."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(tmp_path / "plain.pdf"))
    canvas.drawString(72, 720, "Untagged text")
    canvas.save()
    broken = failures(tmp_path / "plain.pdf", "PDF/UA-1")
    assert any("STRUCT-TREE-ROOT" in line for line in broken), broken


@pytest.mark.slow
def test_outloud_and_pdfua_find_no_error(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    path = written(july, tmp_path)
    outloud = subprocess.run([checker("outloud"), str(path)], capture_output=True, text=True)
    assert "ERROR" not in outloud.stdout and "PDF/UA-1 checkpoints" in outloud.stdout, outloud.stdout
    pdfua = subprocess.run([checker("pdfua"), "check", str(path)], capture_output=True, text=True)
    assert "result: PASS" in pdfua.stdout, pdfua.stdout


# -- the tree read back ------------------------------------------------------------------------------


class Tree:
    """A tagged PDF's structure tree read with pypdf: each element's type, text (from its marked content), Alt."""

    def __init__(self, path: Path) -> None:
        self.reader = PdfReader(path)
        self.text: dict[tuple[int, int], str] = defaultdict(str)  # (page object number, MCID) -> text
        self.unmarked: list[str] = []
        for number, pdf_page in enumerate(self.reader.pages):
            self._read_page(pdf_page, number)
        root = self.reader.trailer["/Root"]["/StructTreeRoot"]
        self.elements: list[tuple[str, str, Any]] = []
        self._walk(root["/K"][0].get_object(), None)

    def _read_page(self, pdf_page: Any, number: int) -> None:
        stack: list[int | None] = []  # the MCID of each open sequence (None: an artifact)
        page_id = pdf_page.indirect_reference.idnum

        def before(operator: bytes, operands: list[Any], cm: Any, tm: Any) -> None:
            if operator == b"BDC":
                properties = operands[1] if len(operands) > 1 else {}
                mcid = properties.get("/MCID") if isinstance(properties, dict) else None
                stack.append(None if operands[0] == "/Artifact" else int(mcid) if mcid is not None else None)
            elif operator == b"BMC":
                stack.append(None)
            elif operator == b"EMC" and stack:
                stack.pop()

        def shown(text: str, cm: Any, tm: Any, font: Any, size: Any) -> None:
            if not text.strip():
                return
            open_mcids = [m for m in stack if m is not None]
            if not stack:
                self.unmarked.append(text)
            elif open_mcids:
                self.text[(page_id, open_mcids[-1])] += text

        pdf_page.extract_text(visitor_operand_before=before, visitor_text=shown)

    def _walk(self, element: DictionaryObject, page_id: int | None) -> None:
        kind = str(element["/S"])[1:]
        if "/Pg" in element:
            page_id = element.raw_get("/Pg").idnum
        texts: list[str] = []
        kids = element.get("/K", ArrayObject())
        kids = kids if isinstance(kids, list) else [kids]
        position = len(self.elements)
        self.elements.append((kind, "", element))
        for kid in kids:
            kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if isinstance(kid, int):
                texts.append(self.text[(page_id, kid)])  # type: ignore[index]
            elif "/MCID" in kid:
                texts.append(self.text[(kid.raw_get("/Pg").idnum, int(kid["/MCID"]))])
            elif kid.get("/Type") == "/OBJR":
                continue
            else:
                self._walk(kid, page_id)
        self.elements[position] = (kind, " ".join(" ".join(t.split()) for t in texts if t.strip()), element)

    def of(self, *kinds: str) -> list[tuple[str, str]]:
        return [(kind, text) for kind, text, _ in self.elements if kind in kinds]


@pytest.fixture(scope="module")
def july_tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[sprintdoc.Bundle, Tree]:
    bundle = sprintdoc.load(FIXTURES / "july-2021")
    return bundle, Tree(written(bundle, tmp_path_factory.mktemp("tags")))


def test_the_reading_order_is_the_outline(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    bundle, tree = july_tree
    outline = implied(bundle)
    expected: list[tuple[str, str]] = [("H1", bundle.edition.title)]
    for section in outline.sections:
        expected.append(("H1", section.title))
        expected += [("H2", item.title) for item in section.items]
    got = [(kind, text) for kind, text in tree.of("H1", "H2") if kind == "H1" or text in
           {i.title for s in outline.sections for i in s.items}]  # fmt: skip
    assert got == expected


def test_each_section_is_a_sect_of_the_document(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    bundle, tree = july_tree
    assert tree.elements[0][0] == "Document"
    assert len(tree.of("Sect")) == len(bundle.sections)


def test_every_figure_has_the_bundles_alt_text(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    bundle, tree = july_tree
    alts = [str(element["/Alt"]) for kind, _, element in tree.elements if kind == "Figure"]
    expected = [s.image.alt for sec in bundle.sections for s in getattr(sec, "stories", ()) if s.image]
    assert alts == expected and all(alts)


def test_every_link_is_tagged_with_its_text(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    _, tree = july_tree
    links = [element for kind, _, element in tree.elements if kind == "Link"]
    annotations = [a.get_object() for p in tree.reader.pages for a in p.get("/Annots", []) or []]
    uri_links = [a for a in annotations if a.get("/Subtype") == "/Link" and "/URI" in a.get("/A", {})]
    assert uri_links and len(links) == len(uri_links)
    parent_tree = tree.reader.trailer["/Root"]["/StructTreeRoot"]["/ParentTree"]["/Nums"]
    by_key = {int(parent_tree[i]): parent_tree[i + 1] for i in range(0, len(parent_tree), 2)}
    for annotation in uri_links:
        link = by_key[int(annotation["/StructParent"])].get_object()
        assert link["/S"] == "/Link" and str(link["/Alt"]) == str(annotation["/Contents"]) != ""


def test_no_text_is_outside_a_tag_or_an_artifact(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    _, tree = july_tree
    assert tree.unmarked == []


def test_lists_quotes_and_strips_have_their_structure(july_tree: tuple[sprintdoc.Bundle, Tree]) -> None:
    _, tree = july_tree
    kinds = [kind for kind, _, _ in tree.elements]
    assert {"L", "LI", "LBody", "BlockQuote", "Table", "TR", "TH", "TD", "Caption"} <= set(kinds)
    headers = [element for kind, _, element in tree.elements if kind == "TH"]
    assert all(str(h["/A"]["/Scope"]) == "/Column" for h in headers)
    cells = tree.of("TD")
    assert any(text.startswith("current") for _, text in cells)  # the state in words, not colour alone
    assert any(text.startswith("done") for _, text in cells) and any(text.startswith("to come") for _, text in cells)


def test_a_paragraph_split_over_pages_is_one_element(tmp_path: Path) -> None:
    from sprintdoc.sections.text import TextSection

    words = " ".join(f"w{i}" for i in range(3000))
    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (TextSection(title="Long", body=words),))
    tree = Tree(written(bundle, tmp_path))
    assert len(tree.reader.pages) > 2
    paragraphs = [element for kind, _, element in tree.elements if kind == "P" and "w2999" in _]
    assert len(paragraphs) == 1
    marked_pages = {kid.raw_get("/Pg").idnum for kid in paragraphs[0]["/K"] if not isinstance(kid, int)}
    assert len(marked_pages) >= 2  # marked content on each page it spans


def test_tagging_keeps_the_same_bytes(july: sprintdoc.Bundle) -> None:
    first, second = io.BytesIO(), io.BytesIO()
    pdf.write(july, first, default_registry())
    pdf.write(july, second, default_registry())
    assert first.getvalue() == second.getvalue()


def test_a_plugins_raw_flowable_is_tagged_when_wrapped(tmp_path: Path) -> None:
    from reportlab.platypus import Paragraph

    from sprintdoc.sections.text import TextSection

    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (TextSection(title="Raw", body="x"),))
    ctx = pdf.PdfContext(bundle)
    raw = Paragraph("drawn raw by a plugin", ctx.styles["body"])
    wrapped = ctx.tagged(raw, "P")
    assert wrapped.tag.type == "P" and wrapped.tag.parent is ctx.tags.root
    story = [wrapped]
    from sprintdoc.writers.pdf_page import NewsletterCanvas, NewsletterDocument, stamp

    path = tmp_path / "raw.pdf"
    with path.open("wb") as stream:
        document = NewsletterDocument(stream, bundle, ctx)
        document.build(story, canvasmaker=lambda *a, **k: NewsletterCanvas(*a, stamp=stamp(bundle), ctx=ctx, **k))
    tree = Tree(path)
    assert ("P", "drawn raw by a plugin") in tree.of("P") and tree.unmarked == []


def test_the_first_document_of_a_process_is_the_same_as_the_next(tmp_path: Path) -> None:
    """A character no font has is measured as it is drawn from the first layout on (fonts are shared per process)."""
    script = (
        "import io, sys; sys.path.insert(0, sys.argv[1])\n"
        "from strategies import bundle_with\n"
        "from sprintdoc.registry import default_registry\n"
        "from sprintdoc.writers import pdf\n"
        "outs = []\n"
        "for _ in range(2):\n"
        "    out = io.BytesIO(); pdf.write(bundle_with('emoji 🎉 and 𝔘𝔫𝔦'), out, default_registry())\n"
        "    outs.append(out.getvalue())\n"
        "print(outs[0] == outs[1])\n"
    )
    tests = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", script, str(tests)], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "True", done.stderr


def test_structure_elements_are_written_as_reportlab_writes_their_dictionaries() -> None:
    from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFDocument, PDFName, PDFObjectReference, PDFString
    from reportlab.pdfbase.pdfdoc import format as pdf_format

    from sprintdoc.writers.pdf_tags import TagTree, _ElementObject

    doc = PDFDocument(invariant=1)
    for name in ("SprintdocStructTreeRoot", "Page1", "Page2", "Annot.NUMBER1"):
        doc.Reference(PDFDictionary({}), name)
    first, second, link = (PDFObjectReference(n) for n in ("Page1", "Page2", "Annot.NUMBER1"))
    tree = TagTree()
    table = tree.new("Table", tree.root)
    table.attributes["BBox"] = [1.234, 2.0, 3.456, 4.0]
    cell = tree.new("TH", table, alt="Ünïcode (alt)")
    cell.attributes["Scope"] = "Column"
    cell.kids += [("mcid", first, n) for n in range(12)] + [("mcid", second, 0), ("objr", second, link)]
    for element in tree.elements:
        doc.Reference(PDFDictionary({}), element.name)

    def expected(element: Any, language: str | None) -> PDFDictionary:
        kids: list[Any] = []
        for kid in element.kids:
            if not isinstance(kid, tuple):
                kids.append(PDFObjectReference(kid.name))
            elif kid[0] == "mcid" and kid[1].name == "Page1":
                kids.append(kid[2])
            else:
                key, type_ = ("MCID", "MCR") if kid[0] == "mcid" else ("Obj", "OBJR")
                kids.append(PDFDictionary({"Type": PDFName(type_), "Pg": kid[1], key: kid[2]}))
        d: dict[str, Any] = {"Type": PDFName("StructElem"), "S": PDFName(element.type), "K": PDFArray(kids)}
        d["P"] = PDFObjectReference(element.parent.name if element.parent else "SprintdocStructTreeRoot")
        if any(isinstance(kid, tuple) for kid in element.kids):
            d["Pg"] = first
        if element.alt is not None:
            d["Alt"] = PDFString(element.alt)
        if language:
            d["Lang"] = PDFString(language)
        a: dict[str, Any] = {}
        if "BBox" in element.attributes:
            a = {"BBox": PDFArray([round(v, 2) for v in element.attributes["BBox"]]), "O": PDFName("Layout")}
        if "Scope" in element.attributes:
            a = {"Scope": PDFName("Column"), "O": PDFName("Table")}
        if a:
            d["A"] = PDFDictionary(a)
        return PDFDictionary(d)

    for element in tree.elements:
        language = "en-GB" if element is tree.root else None
        assert _ElementObject(element, language).format(doc) == pdf_format(expected(element, language), doc)


def test_the_elements_drawn_on_a_page_share_one_reference_to_it(july: sprintdoc.Bundle) -> None:
    # Each is held until the PDF is saved: one a page, not one for every element drawn.
    kept: list[Any] = []
    original = pdf._draw

    def keeping(*args: Any, **kwargs: Any) -> Any:
        kept.append(original(*args, **kwargs))
        return kept[-1]

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf, "_draw", keeping)
        pdf.write(july, io.BytesIO(), default_registry())
    references = [kid[1] for element in kept[0].tags.elements for kid in element.kids if isinstance(kid, tuple)]
    pages = {reference.name for reference in references}
    assert len(references) > 3 * len(pages) > 0
    assert len({id(reference) for reference in references}) == len(pages)


def test_a_link_set_on_several_lines_is_one_link_element(tmp_path: Path) -> None:
    """reportlab makes an annotation for each line a link's text is set on: a screen reader must hear one link."""
    from sprintdoc.sections.text import TextSection

    text = " ".join(["a link whose words run on over more than one line of the column"] * 4)
    body = f"Before [{text}](https://example.org/long) after."
    bundle = sprintdoc.Bundle(sprintdoc.Edition("T", "P"), (TextSection(title="Links", body=body),))
    tree = Tree(written(bundle, tmp_path))
    annotations = [a.get_object() for p in tree.reader.pages for a in p.get("/Annots", []) or []]
    assert len(annotations) >= 2
    links = [element for kind, _, element in tree.elements if kind == "Link"]
    assert len(links) == 1
    objrs = [kid for kid in links[0]["/K"] if isinstance(kid, DictionaryObject) and kid.get("/Type") == "/OBJR"]
    assert len(objrs) == len(annotations)
    assert str(links[0]["/Alt"]) == text
    path = tmp_path / "out.pdf"
    assert failures(path, "PDF/UA-1") == [] and failures(path, "PDF/A-2a") == []

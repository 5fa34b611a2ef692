"""Raw access, as docs/section-kinds.md shows it: a kind whose `docx=` and `pdf=` overrides draw with python-docx and
reportlab objects through `DocxContext` and `PdfContext`, beside the `Drawing` calls; and the guide names only what
there is."""

from __future__ import annotations

import importlib
import re
import zipfile
from importlib.metadata import EntryPoint
from pathlib import Path

import attrs
import pytest
from docx.shared import Emu
from lxml import etree
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

import sprintdoc
from conftest import ROOT
from sprintdoc.model import Section
from sprintdoc.outline import implied, read
from sprintdoc.output import render
from sprintdoc.registry import GROUP, SectionKind
from sprintdoc.writers.docx import DocxContext
from sprintdoc.writers.pdf import PdfContext
from writers.test_pdf import page_text, squash
from writers.test_table import registry_with, structure

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
GUIDE = ROOT / "docs" / "section-kinds.md"
WIDTHS: dict[str, float] = {}
#: What each context offers a kind, as the overrides found it.
SEEN: dict[str, set[str]] = {}


@attrs.frozen
class SignOff(Section):
    """Lines drawn raw, in the template's Table Text style."""

    lines: tuple[str, ...] = attrs.field(default=(), converter=tuple[str, ...])


def docx(section: SignOff, ctx: DocxContext) -> None:
    ctx.section_heading(section.title or "")
    for line in section.lines:
        ctx.document.add_paragraph(line, style="Table Text")
    WIDTHS["docx"] = Emu(ctx.column_width).pt
    SEEN["docx"] = set(dir(ctx))


def pdf(section: SignOff, ctx: PdfContext) -> None:
    ctx.section_heading(section.title or "")
    bold = ParagraphStyle("sign-off", parent=ctx.styles["table"], fontName=ctx.body_faces.names()[1])
    for line in section.lines:
        ctx.story.append(ctx.tagged(Paragraph(ctx.markup(line), bold), "P"))
        ctx.record("paragraph", line)
    WIDTHS["pdf"] = ctx.column_width
    SEEN["pdf"] = set(dir(ctx))


KIND = SectionKind(name="sign-off", model=SignOff, docx=docx, pdf=pdf)
LINES = ("With thanks to <the data team> & friends", "Next edition: August")


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    registry = registry_with(EntryPoint("sign-off", f"{__name__}:KIND", GROUP))
    bundle = sprintdoc.Bundle(sprintdoc.Edition("Sprint Notes", "July 2021"), [SignOff(title="Sign-off", lines=LINES)])
    folder = tmp_path_factory.mktemp("raw")
    paths = {fmt: folder / f"out.{fmt}" for fmt in ("docx", "pdf")}
    for fmt, path in paths.items():
        path.write_bytes(render(bundle, fmt, registry=registry))
        assert read(path) == implied(bundle, registry)
    return paths


def test_python_docx_paragraphs_follow_the_heading_in_the_templates_style(drawn: dict[str, Path]) -> None:
    with zipfile.ZipFile(drawn["docx"]) as z:
        body = etree.fromstring(z.read("word/document.xml")).find(f"{W}body")
        styles = {s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val").lower()  # Word's built-ins: `heading 1`
                  for s in etree.fromstring(z.read("word/styles.xml")).iter(f"{W}style")}  # fmt: skip
    paragraphs = [("".join(p.itertext()), p.find(f"{W}pPr/{W}pStyle")) for p in body.iter(f"{W}p")]
    shown = [(text, styles[style.get(f"{W}val")] if style is not None else None) for text, style in paragraphs]
    start = shown.index(("Sign-off", "heading 1"))
    assert shown[start + 1 : start + 3] == [(line, "table text") for line in LINES]


def test_reportlab_flowables_are_drawn_and_tagged(drawn: dict[str, Path]) -> None:
    shown = squash(page_text(drawn["pdf"]))
    assert all(squash(line) in shown for line in LINES)
    paragraphs = [kind for _, kind, _ in structure(drawn["pdf"])]
    assert paragraphs.count("P") >= len(LINES)


def test_both_contexts_give_the_same_column_width(drawn: dict[str, Path]) -> None:
    assert WIDTHS["docx"] == pytest.approx(WIDTHS["pdf"], abs=0.5)


def guide_part(heading: str) -> str:
    """The text of the guide under `heading`, up to the next heading."""
    text = GUIDE.read_text(encoding="utf-8")
    start = text.index(f"\n{heading}\n")
    end = text.find("\n#", start + len(heading) + 2)
    return text[start : end if end >= 0 else None]


@pytest.mark.parametrize(("fmt", "heading"), [("docx", "#### Word: `DocxContext`"), ("pdf", "#### PDF: `PdfContext`")])
def test_the_guide_names_only_what_a_context_has(drawn: dict[str, Path], fmt: str, heading: str) -> None:
    named = set(re.findall(r"`ctx\.(\w+)", guide_part(heading)))
    assert named and named - SEEN[fmt] == set()


def resolve(path: str) -> object:
    """The object a dotted path names: its longest importable module, then attributes."""
    parts = path.split(".")
    for n in range(len(parts), 0, -1):
        try:
            found: object = importlib.import_module(".".join(parts[:n]))
        except ImportError:
            continue
        for name in parts[n:]:
            found = getattr(found, name)
        return found
    raise ImportError(path)


def test_every_import_path_the_guide_gives_imports() -> None:
    paths = set(re.findall(r"`(sprintdoc(?:\.\w+)+)", GUIDE.read_text(encoding="utf-8")))
    assert len(paths) > 20
    for path in sorted(paths):
        assert resolve(path) is not None, path

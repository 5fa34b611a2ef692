"""A `--template` that cannot be rendered: one plain line naming the template, the part and the tag, never a traceback.

Each template here is the shipped newsletter.docx with one tag changed (or one part broken), as a comms
team member editing it in Word might leave it. What a template expression may build is bounded.
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import sprintdoc
from sprintdoc import cli
from sprintdoc.errors import TemplateProblem
from sprintdoc.output import render
from sprintdoc.writers import docx as docx_writer
from sprintdoc.writers.docx_template import MAX_OUTPUT, MAX_TEXT

HEAD = "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\nsections: []\n"


def edited(folder: Path, part: str = "word/document.xml", tag: str = "{{ period }}", by: str = "") -> Path:
    """The shipped template with `tag` in `part` replaced `by` another text; or the part's whole XML if `tag` is ''."""
    out = folder / "letterhead.docx"
    with zipfile.ZipFile(docx_writer.default_template()) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                text = data.decode("utf-8")
                assert not tag or tag in text, f"{tag} is not in {part}"
                data = (text.replace(tag, by) if tag else by).encode("utf-8")
            zout.writestr(item, data)
    return out


@pytest.fixture
def bundle(make_bundle: Callable[[str], Path]) -> sprintdoc.Bundle:
    return sprintdoc.load(make_bundle(HEAD))


FAULTS = {
    "syntax error": ("{{ period( }}", "unexpected '}', expected ')'"),
    "undefined variable": ("{{ nosuch }}", "'nosuch' is undefined (a template may use body, closing,"),
    "private attribute": ("{{ ''.__class__ }}", "access to attribute '__class__' of 'str' object is unsafe"),
    "a gigabyte of text": ("{{ ('x' * 10**9)|length }}", f"over the limit of {MAX_TEXT:,}"),
    "a billion-item range": ("{% for i in range(10**9) %}x{% endfor %}", "Range too big"),
    "a doubling loop": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s }}",
        f"over the limit of {MAX_TEXT:,}",
    ),
    "a doubling loop with ~": (
        "{% set ns = namespace(s='x') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        f"joining with ~ would build 1,048,576 characters, over the limit of {MAX_TEXT:,}",
    ),
    "a wide format": ("{{ '%0999999999d' % 1 }}", "asks for a field over"),
    "a wide method call": ("{{ '{:>999999999}'.format(1) }}", "asks for a field over"),
    "a wide filter": ("{{ period|center(10**9) }}", "center with a width of 1,000,000,000"),
    "a long list joined": ("{{ (['x' * 100000] * 100000)|join }}", "in all, over the limit"),
}


@pytest.mark.parametrize(("tag", "what"), FAULTS.values(), ids=FAULTS.keys())
def test_a_template_fault_names_the_template_part_and_tag(
    bundle: sprintdoc.Bundle, tmp_path: Path, tag: str, what: str
) -> None:
    template = edited(tmp_path, by=tag)
    tracemalloc.start()
    try:
        with pytest.raises(TemplateProblem) as caught:
            render(bundle, "docx", template=template)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    message = str(caught.value)
    assert message.startswith(f"{template}: word/document.xml line ")
    assert f"“{tag[:59]}" in message
    assert what in message
    assert "\n" not in message
    assert peak < 50_000_000  # nothing near the gigabyte asked for was built


def test_what_a_part_writes_in_all_is_bounded_too(bundle: sprintdoc.Bundle, tmp_path: Path) -> None:
    """Each value under the bounds, but a loop writes it 100,000 times: the part's output stops at MAX_OUTPUT."""
    template = edited(tmp_path, by="{% set s = 'x' * 999999 %}{% for i in range(100000) %}{{ s }}{% endfor %}")
    with pytest.raises(TemplateProblem) as caught:
        render(bundle, "docx", template=template)
    written = f"the template would write over {MAX_OUTPUT:,} characters"
    assert str(caught.value) == f"{template}: word/document.xml: {written}"


def test_a_fault_in_a_footer_names_the_footer(bundle: sprintdoc.Bundle, tmp_path: Path) -> None:
    with zipfile.ZipFile(docx_writer.default_template()) as z:
        footer = z.read("word/footer1.xml").decode("utf-8")
    xml = footer.replace("</w:ftr>", '<w:p><w:r><w:t xml:space="preserve">{{ nosuch }}</w:t></w:r></w:p></w:ftr>')
    template = edited(tmp_path, "word/footer1.xml", "", xml)
    with pytest.raises(TemplateProblem, match=r"word/footer1\.xml line \d+ “\{\{ nosuch \}\}”: 'nosuch' is undefined"):
        render(bundle, "docx", template=template)


def test_a_fault_in_a_core_property_names_it(bundle: sprintdoc.Bundle, tmp_path: Path) -> None:
    with zipfile.ZipFile(docx_writer.default_template()) as z:
        core = z.read("docProps/core.xml").decode("utf-8")
    xml = core.replace("</cp:coreProperties>", "<dc:subject>{% if %}</dc:subject></cp:coreProperties>")
    template = edited(tmp_path, "docProps/core.xml", "", xml)
    with pytest.raises(TemplateProblem, match=r"docProps/core\.xml \(subject\) line 1 “\{% if %\}”: "):
        render(bundle, "docx", template=template)


def test_bounded_expressions_still_render(bundle: sprintdoc.Bundle, tmp_path: Path) -> None:
    tag = "{{ period }} {{ '-' * 3 }} {{ range(3)|join(',') }} {{ 2 ** 10 }} {{ '%03d' % 7 }}"
    data = render(bundle, "docx", template=edited(tmp_path, by=tag))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert "July 2021 --- 0,1,2 1024 007" in z.read("word/document.xml").decode("utf-8")


BROKEN_FILES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "malformed document.xml": (
        lambda folder: edited(folder, "word/document.xml", "", "<w:document><w:body><w:p>"),
        ": word/document.xml: not well-formed XML: ",
    ),
    "malformed header": (
        lambda folder: edited(folder, "word/header1.xml", "", "<w:hdr"),
        ": word/header1.xml: not well-formed XML: ",
    ),
    "XML that is not a Word document": (
        lambda folder: edited(folder, "word/document.xml", "", "<notes/>"),
        ": word/document.xml: not a Word document",
    ),
    "a zip that is not a docx": (
        lambda folder: _zip(folder / "letterhead.docx", {"hello.txt": "hi"}),
        " is not a Word .docx template (",
    ),
    "not a zip": (lambda folder: _text(folder / "letterhead.docx", "not a zip"), " is not a Word .docx template ("),
}


def _zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, text in files.items():
            z.writestr(name, text)
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("make", "what"), BROKEN_FILES.values(), ids=BROKEN_FILES.keys())
def test_a_broken_template_file_is_a_template_problem(
    bundle: sprintdoc.Bundle, tmp_path: Path, make: Callable[[Path], Path], what: str
) -> None:
    template = make(tmp_path)
    with pytest.raises(TemplateProblem) as caught:
        render(bundle, "docx", template=template)
    assert str(caught.value).startswith(f"{template}{what}")


CLI_CASES = [lambda folder, tag=tag: edited(folder, by=tag) for tag, _ in FAULTS.values()] + [
    make for make, _ in BROKEN_FILES.values()
]


@pytest.mark.parametrize("make", CLI_CASES, ids=[*FAULTS.keys(), *BROKEN_FILES.keys()])
def test_generate_with_a_faulty_template_prints_one_line_and_writes_nothing(
    make_bundle: Callable[[str], Path],
    tmp_path: Path,
    make: Callable[[Path], Path],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = make_bundle(HEAD)
    template = make(tmp_path)
    out = tmp_path / "out"
    status = cli.main(["generate", str(folder), "--template", str(template), "-o", str(out)])
    stdout, stderr = capsys.readouterr()
    assert status == 1
    assert stdout == ""
    assert len(stderr.splitlines()) == 1
    assert stderr.startswith(f"sprintdoc: {template}")
    assert not out.exists()

"""The outline: the same tree three ways (bundle, DOCX, PDF), read from what the documents show."""

from __future__ import annotations

import importlib.util
import io
import json
import re
import subprocess
import sys
import zipfile
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

import pytest

import sprintdoc
from conftest import FIXTURES, JULY, SHARED
from sprintdoc.outline import implied
from sprintdoc.registry import GROUP, Registry
from sprintdoc.testing import assert_outline, outline_json

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))
PLUGIN_SRC = FIXTURES.parent / "examples" / "sprintdoc-events" / "src"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every fixture generated once: fixture name -> format -> path."""
    out = tmp_path_factory.mktemp("outline")
    return {b.name: sprintdoc.generate(sprintdoc.load(b), out / b.name) for b in BUNDLES}


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_document_outline_equals_the_bundles(documents: dict[str, dict[str, Path]], bundle: Path, fmt: str) -> None:
    assert_outline(documents[bundle.name][fmt], bundle)


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_bundle_outline_equals_the_shared_independent_expectation(bundle: Path) -> None:
    spec = importlib.util.spec_from_file_location("expect", SHARED / "acceptance" / "expect.py")
    assert spec is not None and spec.loader is not None
    expect = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(expect)
    expected = expect.outline(expect.load(bundle))
    for section in expected["sections"]:
        if section.get("items", []) is None:  # a kind the shared expectation does not know: kind and title only
            del section["items"]
    assert outline_json(sprintdoc.load(bundle)) == expected


def test_july_outline_has_cards_with_headings_and_current_stages(july: sprintdoc.Bundle) -> None:
    projects = implied(july).to_json()["sections"][2]
    assert projects["kind"] == "projects"
    assert projects["items"][1] == {
        "title": "Domestic Abuse",
        "headings": ["What did we do this sprint?", "What's up next?", "What do we need?"],
        "current_stage": "Analysis & Insights",
    }
    assert projects["items"][0]["current_stage"] == "Exploration & Scoping"
    assert "current_stage" not in projects["items"][5]  # the communications card has no timeline


def test_a_heading_retyped_in_word_shows_retyped(documents: dict[str, dict[str, Path]], tmp_path: Path) -> None:
    source = documents["july-2021"]["docx"]
    edited = tmp_path / "edited.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert text.count(">Domestic Abuse<") == 1
                data = text.replace(">Domestic Abuse<", ">Domestic Abuse Perpetrators<").encode("utf-8")
            zout.writestr(item, data)
    got = sprintdoc.outline(edited).to_json()
    titles = [item["title"] for item in got["sections"][2]["items"]]
    assert titles[1] == "Domestic Abuse Perpetrators"
    assert got != outline_json(JULY)


def test_cli_prints_the_outline_as_json(documents: dict[str, dict[str, Path]]) -> None:
    for fmt in ("docx", "pdf"):
        result = subprocess.run(
            [sys.executable, "-m", "sprintdoc", "outline", str(documents["july-2021"][fmt]), "--json"],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == outline_json(JULY)
        assert list(json.loads(result.stdout)) == ["title", "period", "sections"]


def test_cli_text_outline_is_readable(documents: dict[str, dict[str, Path]]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "outline", str(documents["july-2021"]["pdf"])],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Sprint Notes — July 2021"
    assert "  [projects] Project Updates" in lines
    assert "      Current stage: Analysis & Insights" in lines


def test_files_sprintdoc_did_not_write_are_refused(tmp_path: Path) -> None:
    from docx import Document
    from reportlab.pdfgen.canvas import Canvas

    word = tmp_path / "other.docx"
    Document().save(str(word))
    pdf = tmp_path / "other.pdf"
    canvas = Canvas(str(pdf))
    canvas.drawString(72, 720, "Sprint Notes")
    canvas.save()
    text = tmp_path / "notes.txt"
    text.write_text("Sprint Notes", encoding="utf-8")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 nothing else")
    for path in (word, pdf, text, broken, tmp_path / "missing.docx"):
        with pytest.raises(sprintdoc.OutlineError):
            sprintdoc.outline(path)
        result = subprocess.run(
            [sys.executable, "-m", "sprintdoc", "outline", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 1
        assert result.stdout == ""
        assert re.fullmatch(rf"sprintdoc: {re.escape(str(path))}: .+\n", result.stderr), result.stderr
        assert "Traceback" not in result.stderr


def test_plugin_section_outline_in_both_formats(tmp_path: Path) -> None:
    sys.path.insert(0, str(PLUGIN_SRC))
    try:
        registry = Registry.from_entry_points(
            [*entry_points(group=GROUP), EntryPoint("events", "sprintdoc_events:KIND", GROUP)]
        )
        example = PLUGIN_SRC.parent / "example"
        bundle = sprintdoc.load(example, registry=registry)
        paths = sprintdoc.generate(bundle, tmp_path, registry=registry)
        for fmt in ("docx", "pdf"):
            assert_outline(paths[fmt], bundle, registry=registry)
        events = outline_json(paths["pdf"])["sections"][1]
        assert events == {
            "kind": "events",
            "title": "Upcoming events",
            "items": [{"title": "Show and Share"}, {"title": "Data Ethics Committee"}],
        }
    finally:
        sys.path.remove(str(PLUGIN_SRC))


def test_assert_outline_shows_a_readable_diff(july: sprintdoc.Bundle) -> None:
    changed = outline_json(july)
    changed["sections"][0]["items"][0]["title"] = "A different headline"
    with pytest.raises(AssertionError) as caught:
        assert_outline(changed, july)
    message = str(caught.value)
    assert '-          "title": "New Capability Lead joins ecda"' in message
    assert '+          "title": "A different headline"' in message


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_outline_of_a_document_in_memory_equals_the_outline_of_its_file(
    documents: dict[str, dict[str, Path]], fmt: str
) -> None:
    path = documents[JULY.name][fmt]
    from_path = sprintdoc.outline(path)
    assert sprintdoc.outline(path.read_bytes()) == from_path
    with path.open("rb") as stream:
        assert sprintdoc.outline(stream) == from_path
    assert_outline(path.read_bytes(), JULY)


def test_outline_of_rendered_bytes_needs_no_file(july: sprintdoc.Bundle) -> None:
    from sprintdoc.output import render

    assert_outline(render(july, "pdf"), july)
    assert_outline(io.BytesIO(render(july, "docx")), july)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"hello",
            "not a .docx, .pdf, .html or .eml: its content is neither a zip package, a PDF, a web page nor an e-mail",
        ),
        (b"PK\x03\x04broken", "not a Word document that can be read"),
        (b"%PDF-1.7\nbroken", "not a PDF that can be read"),
    ],
)
def test_bytes_that_are_no_document_are_an_outline_error(data: bytes, message: str) -> None:
    with pytest.raises(sprintdoc.OutlineError, match=re.escape(message)):
        sprintdoc.outline(data)

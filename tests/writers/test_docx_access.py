"""The Word edition for a screen reader: stage strips are data tables that name their project and say each state."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject

import sprintdoc
from conftest import require_tool
from sprintdoc.drawing import StageState
from sprintdoc.outline import CURRENT_STAGE_PREFIX
from sprintdoc.output import render
from sprintdoc.sections.projects import ProjectsSection
from writers.test_docx import Docx, W, card_strip, column_lines, stage_columns, text_of


@pytest.fixture(scope="module")
def july_docx(july: sprintdoc.Bundle) -> Docx:
    return Docx(render(july, "docx"))


def projects_of(bundle: sprintdoc.Bundle) -> ProjectsSection:
    return next(s for s in bundle.sections if isinstance(s, ProjectsSection))


def alt_text(table: Any) -> tuple[str | None, str | None]:
    """A table's caption and description, as Word's Alt Text pane shows them."""
    found = [table.find(f"{W}tblPr/{W}{tag}") for tag in ("tblCaption", "tblDescription")]
    caption, description = (el.get(f"{W}val") if el is not None else None for el in found)
    return caption, description


def test_state_labels_are_words_a_reader_tells_apart() -> None:
    labels = [state.label for state in StageState]
    assert len(set(labels)) == len(labels) and all(labels)
    # the card's `Current stage: …` line is what the outline reader and the look checks find; a cell never says it
    line = CURRENT_STAGE_PREFIX.strip(": ").lower()
    assert all(line not in label.lower() for label in labels)


def test_a_strip_is_a_header_row_of_stage_names_over_a_row_of_data_cells(
    july: sprintdoc.Bundle, july_docx: Docx
) -> None:
    section = projects_of(july)
    for project in section.projects:
        table, _ = card_strip(july_docx, project.name)
        header, data = table.findall(f"{W}tr")
        assert header.find(f"{W}trPr/{W}tblHeader") is not None
        assert data.find(f"{W}trPr/{W}tblHeader") is None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in (header, data))
        names = [text_of(c) for c in header.findall(f"{W}tc")]
        assert names == list(section.stages_of(project))


def test_every_stage_says_its_state_in_words_under_its_name(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    section = projects_of(july)
    seen = set()
    for project in section.projects:
        table, _ = card_strip(july_docx, project.name)
        views = project.stage_views(section.stages_of(project))
        assert [lines[:2] for lines in column_lines(table)] == [[v.name, v.state.label] for v in views]
        seen.update(v.state for v in views)
    assert seen == set(StageState)  # the fixture shows every state


def test_the_current_stage_is_filled_down_its_whole_column(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    section = projects_of(july)
    fill = july.theme.colours.current_stage.rrggbb
    for project in section.projects:
        table, _ = card_strip(july_docx, project.name)
        views = project.stage_views(section.stages_of(project))
        for view, column in zip(views, stage_columns(table), strict=True):
            fills = {c.find(f"{W}tcPr/{W}shd").get(f"{W}fill") if c.find(f"{W}tcPr/{W}shd") is not None else None
                     for c in column}  # fmt: skip
            assert fills == ({fill} if view.state is StageState.CURRENT else {None})


def test_each_strip_names_its_project_and_each_stages_state_in_its_alt_text(
    july: sprintdoc.Bundle, july_docx: Docx
) -> None:
    section = projects_of(july)
    captions = []
    for project in section.projects:
        table, _ = card_strip(july_docx, project.name)
        caption, description = alt_text(table)
        assert caption == f"Stages of {project.name}"
        views = project.stage_views(section.stages_of(project))
        assert description == f"{caption}: " + ", ".join(f"{v.name} ({v.state.label})" for v in views)
        captions.append(caption)
    assert len(set(captions)) == len(captions) == len(section.projects)


def test_the_lifecycle_alt_text_lists_its_stages(july: sprintdoc.Bundle, july_docx: Docx) -> None:
    lifecycle = projects_of(july).lifecycle
    assert lifecycle is not None
    heading = next(p for p in july_docx.body.iter(f"{W}p") if text_of(p) == lifecycle.title)
    assert alt_text(heading.getnext()) == ("Project lifecycle", "Project lifecycle: " + ", ".join(lifecycle.stages))


def table_cells(pdf: Path) -> list[list[list[str]]]:
    """Each table in a tagged PDF's structure tree, as the role (`/TH`, `/TD`) of each cell of each row."""
    tables: list[list[list[str]]] = []

    def kids(node: DictionaryObject) -> list[DictionaryObject]:
        k = node.get("/K")
        items = list(k.get_object()) if isinstance(k, ArrayObject) else [k]
        found = (i.get_object() for i in items if i is not None)
        return [i for i in found if isinstance(i, DictionaryObject)]

    def walk(node: DictionaryObject) -> None:
        if node.get("/S") == "/Table":
            tables.append([[str(c.get("/S")) for c in kids(tr)] for tr in kids(node) if tr.get("/S") == "/TR"])
        else:
            for child in kids(node):
                walk(child)

    walk(PdfReader(pdf).trailer["/Root"]["/StructTreeRoot"].get_object())
    return tables


@pytest.mark.slow
def test_libreoffice_tags_strip_names_as_headers_and_states_as_data(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    soffice = require_tool("soffice")
    source = tmp_path / "july.docx"
    source.write_bytes(render(july, "docx"))
    tagged = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", tagged,
         "--outdir", str(tmp_path), str(source)],
        capture_output=True, timeout=180, check=True,
    )  # fmt: skip
    section = projects_of(july)
    assert section.lifecycle is not None
    lifecycle, *strips = table_cells(tmp_path / "july.pdf")
    assert lifecycle == [["/TD"] * len(section.lifecycle.stages)]
    assert len(strips) == len(section.projects)
    for project, rows in zip(section.projects, strips, strict=True):
        width = len(section.stages_of(project))
        assert rows == [["/TH"] * width, ["/TD"] * width]

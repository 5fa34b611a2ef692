"""`what-moved`: the box of what moved since last month, drawn in every format; and `SectionKind.prepare`, its hook."""

from __future__ import annotations

import subprocess
from importlib.metadata import EntryPoint
from pathlib import Path

import attrs
import docx
import pytest

import sprintdoc
from conftest import JULY, require_tool
from sprintdoc.diffing import ClosedProject, EditionDiff, SectionDiff, StageMove
from sprintdoc.drawing import Drawing
from sprintdoc.loading import loads
from sprintdoc.model import Bundle, Month, Section
from sprintdoc.registry import GROUP, Registry, SectionKind
from sprintdoc.sections.what_moved import WhatMovedSection, rows
from sprintdoc.testing import assert_outline
from test_previous_edition import MOVED, STORY, make_pair

MOVE_LINE = f"{MOVED}: Exploration & Scoping → Data Prep & Sharing (from Aug 21)"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("pair")
    august = make_pair(root)
    return august, sprintdoc.generate(sprintdoc.load(august), root / "out")


def words(text: str) -> str:
    return " ".join(text.split())


def test_the_section_is_prepared_with_what_moved_since_the_previous_edition(tmp_path: Path) -> None:
    bundle = sprintdoc.load(make_pair(tmp_path))
    section = bundle.sections[0]
    assert isinstance(section, WhatMovedSection) and section.title == "What moved this month"
    assert section.moved == sprintdoc.diff(bundle.previous_bundle or JULY, bundle)
    assert list(rows(section.moved)) == [("Stage move", MOVE_LINE), ("New story", STORY)]
    assert section == WhatMovedSection()  # what it was prepared with is not part of its value


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_every_format_shows_the_section_in_its_outline(generated: tuple[Path, dict[str, Path]], fmt: str) -> None:
    august, paths = generated
    assert_outline(paths[fmt], august)
    first = sprintdoc.outline(paths[fmt]).sections[0]
    assert (first.kind, first.title, first.items) == ("what-moved", "What moved this month", ())


def test_the_pdf_says_the_stage_move_and_the_new_story(generated: tuple[Path, dict[str, Path]]) -> None:
    pdf = generated[1]["pdf"]
    text = words(subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout)
    assert "What moved since July 2021" in text
    assert words(MOVE_LINE) in text and f"New story {STORY}" in text


def test_the_word_document_says_the_stage_move_and_the_new_story(generated: tuple[Path, dict[str, Path]]) -> None:
    document = docx.Document(str(generated[1]["docx"]))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "What moved this month" in [p.text for p in document.paragraphs]
    assert MOVE_LINE in cells and STORY in cells and "Stage move" in cells


def test_nothing_moved_is_said_in_a_line(tmp_path: Path) -> None:
    august = make_pair(tmp_path)
    july = (tmp_path / "july-2021" / "sprint.yaml").read_text(encoding="utf-8")
    same = july.replace("sprintdoc: 1\n", "sprintdoc: 1\nprevious: ../july-2021\n", 1)
    same = same.replace("sections:\n", "sections:\n  - kind: what-moved\n    title: Since July\n", 1)
    (august / "sprint.yaml").write_text(same.replace("period: July 2021", "period: August 2021"), encoding="utf-8")
    bundle = sprintdoc.load(august)
    pdf = sprintdoc.generate(bundle, tmp_path / "out", ["pdf"])["pdf"]
    text = words(subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout)
    assert "Since July Nothing moved since July 2021." in text


def test_the_rows_list_moves_then_new_and_closed_projects_then_new_items_once() -> None:
    moved = EditionDiff(
        "July 2021",
        "August 2021",
        (
            SectionDiff("projects", "Cards", added=("Kiosk",), stage_moves=(StageMove("Atlas", "Alpha", None),)),
            SectionDiff("news", "News", added=("A story",)),
            SectionDiff("past-work", "Done", added=("Beacon",)),
            SectionDiff("events", None, "added", added=("Fair",)),
        ),
        projects_added=("Kiosk",),
        projects_closed=(ClosedProject("Beacon", "Delivered August 2021"), ClosedProject("Comet")),
    )
    assert list(rows(moved)) == [
        ("Stage move", "Atlas: Alpha → no stage"),
        ("New project", "Kiosk"),
        ("Closed project", "Beacon (Delivered August 2021)"),
        ("Closed project", "Comet"),
        ("New story", "A story"),
        ("New in events", "Fair"),
    ]
    move = StageMove("Atlas", "Alpha", "Beta", reached=Month(2021, 9))
    assert list(rows(EditionDiff("a", "b", (SectionDiff("projects", "P", stage_moves=(move,)),)))) == [
        ("Stage move", "Atlas: Alpha → Beta (from Sept 21)")
    ]


# -- SectionKind.prepare: a general hook ------------------------------------------------


@attrs.frozen
class CountSection(Section):
    """How many other sections the edition has: filled by `prepare`, not written in the YAML."""

    count: int | None = attrs.field(default=None, eq=False, metadata={"yaml": False})


def prepare(section: CountSection, bundle: Bundle) -> CountSection:
    others = len(bundle.sections) - 1
    if not others:
        raise ValueError("a count section counts the other sections, and there are none")
    return attrs.evolve(section, count=others)


def draw(section: CountSection, out: Drawing) -> None:
    out.section_heading(section.title or "")
    out.text(f"{section.count} other sections")


COUNT = SectionKind("count", CountSection, draw=draw, prepare=prepare)


def registry() -> Registry:
    from importlib.metadata import entry_points

    return Registry.from_entry_points([*entry_points(group=GROUP), EntryPoint("count", f"{__name__}:COUNT", GROUP)])


def test_a_plugins_prepare_sees_the_whole_edition_once_loaded_or_built_in_code(tmp_path: Path) -> None:
    text = "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: count\n  - kind: text\n    body: Hi\n"
    bundle = loads(text, root=tmp_path, registry=registry())
    assert isinstance(bundle.sections[0], CountSection) and bundle.sections[0].count == 1
    built = attrs.evolve(bundle, sections=(CountSection(), *bundle.sections[1:]))
    pdf = sprintdoc.generate(built, tmp_path / "out", ["pdf"], registry=registry())["pdf"]
    text = subprocess.run([require_tool("pdftotext"), str(pdf), "-"], capture_output=True, text=True).stdout
    assert "1 other sections" in text


def test_a_value_error_from_prepare_is_the_sections_located_error_said_only_when_all_else_is_right() -> None:
    text = "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: count\n"
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(text, root=Path(), registry=registry())
    assert [str(p) for p in caught.value.problems] == [
        "sprint.yaml:4:11: sections[0].kind: a count section counts the other sections, and there are none"
    ]
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(text.replace("title: T", "title: T, colour: red"), root=Path(), registry=registry())
    assert [p.path for p in caught.value.problems] == ["edition.colour"]
    built = Bundle(sprintdoc.Edition("T", "P"), (CountSection(),))
    assert [p.path for p in sprintdoc.validate(built, registry=registry())] == ["sections[0].kind"]

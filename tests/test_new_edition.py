"""`sprintdoc new`: next month's bundle, and the YAML dump it rests on."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import attrs

import sprintdoc
from conftest import FIXTURES, JULY
from sprintdoc.dumping import dump
from sprintdoc.loading import loads
from sprintdoc.sections.news import NewsSection
from sprintdoc.sections.projects import ProjectsSection

SPRINTDOC = [sys.executable, "-m", "sprintdoc"]


def test_dump_loads_back_to_the_same_bundle() -> None:
    for folder in sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml")):
        bundle = sprintdoc.load(folder)
        again = loads(dump(bundle), root=bundle.root)
        assert attrs.evolve(again, source=bundle.source) == bundle, folder.name


def test_new_carries_projects_over_and_empties_this_months_writing(tmp_path: Path) -> None:
    result = subprocess.run(
        [*SPRINTDOC, "new", str(JULY), "--period", "August 2021", "-o", str(tmp_path / "aug")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "aug" / "sprint.yaml")
    july, august = sprintdoc.load(JULY), sprintdoc.load(tmp_path / "aug")
    assert august.edition == attrs.evolve(july.edition, period="August 2021")
    assert august.edition.slug() == "sprint-notes-august-2021"
    news = august.sections[0]
    assert isinstance(news, NewsSection) and news.title == "Data + People = Action" and news.stories == ()
    cards, old_cards = august.sections[2], july.sections[2]
    assert isinstance(cards, ProjectsSection) and isinstance(old_cards, ProjectsSection)
    assert [p.name for p in cards.projects] == [p.name for p in old_cards.projects]
    assert [p.timeline for p in cards.projects] == [p.timeline for p in old_cards.projects]
    assert all(p.done is None and p.next is None and p.needs is None for p in cards.projects)
    assert august.sections[3] == july.sections[3]


def test_new_copies_the_images_it_still_needs_and_never_overwrites(tmp_path: Path) -> None:
    september = FIXTURES / "september-2021"
    target = tmp_path / "oct"
    assert (
        subprocess.run([*SPRINTDOC, "new", str(september), "--period", "October 2021", "-o", str(target)]).returncode
        == 0
    )
    assert (target / "images" / "ecda-logo.png").read_bytes() == (september / "images" / "ecda-logo.png").read_bytes()
    assert not (target / "images" / "show-and-share.jpg").exists()  # its story was emptied
    before = (target / "sprint.yaml").read_bytes()
    again = subprocess.run(
        [*SPRINTDOC, "new", str(september), "--period", "Nov 2021", "-o", str(target)], capture_output=True, text=True
    )
    assert again.returncode == 1
    assert again.stderr.strip() == f"{target / 'sprint.yaml'}: already exists; choose another folder with -o"
    assert (target / "sprint.yaml").read_bytes() == before


def test_new_keeps_a_theme_file_and_its_font_files(tmp_path: Path) -> None:
    source = tmp_path / "sept"
    shutil.copytree(FIXTURES / "september-2021", source, ignore=shutil.ignore_patterns("out"))
    (source / "fonts").mkdir()
    shutil.copy2(Path(sprintdoc.__file__).parent / "fonts" / "DejaVuSerif.ttf", source / "fonts" / "Brand.ttf")
    (source / "brand.yaml").write_text("fonts: {heading: fonts/Brand.ttf}\n", encoding="utf-8")
    text = (source / "sprint.yaml").read_text(encoding="utf-8")
    start, end = text.index("theme:"), text.index("sections:")
    (source / "sprint.yaml").write_text(text[:start] + "theme: brand.yaml\n\n" + text[end:], encoding="utf-8")
    target = tmp_path / "oct"
    made = subprocess.run([*SPRINTDOC, "new", str(source), "--period", "October 2021", "-o", str(target)])
    assert made.returncode == 0
    assert "\ntheme: brand.yaml\n" in (target / "sprint.yaml").read_text(encoding="utf-8")
    assert (target / "fonts" / "Brand.ttf").read_bytes() == (source / "fonts" / "Brand.ttf").read_bytes()
    assert sprintdoc.load(target).theme == sprintdoc.load(source).theme


def test_new_with_a_very_long_period_makes_a_folder_with_a_cut_name(tmp_path: Path) -> None:
    bundle = tmp_path / "july"
    shutil.copytree(JULY, bundle, ignore=shutil.ignore_patterns("out"))
    period = "August 2021, " + ", ".join(["the month the whole team moved offices"] * 8)
    result = subprocess.run([*SPRINTDOC, "new", str(bundle), "--period", period], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    written = Path(result.stdout.strip())
    assert written.parent.parent == tmp_path
    assert written.parent.name.startswith("august-2021-the-month")
    assert len(written.parent.name.encode("utf-8")) <= 255 - 40
    assert sprintdoc.load(written.parent).edition.period == period

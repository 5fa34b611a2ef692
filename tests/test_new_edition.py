"""`sprintdoc new`: next month's bundle, written by editing this month's file; and the YAML dump."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
import yaml

import sprintdoc
from conftest import FIXTURES, JULY
from sprintdoc import monthly
from sprintdoc.dumping import dump
from sprintdoc.loading import loads
from sprintdoc.model import Image
from sprintdoc.new_edition import next_edition, rewrite
from sprintdoc.schema import modeline
from sprintdoc.sections.activity import ActivitySection
from sprintdoc.sections.news import NewsSection
from sprintdoc.sections.projects import ProjectsSection
from sprintdoc.sections.text import TextSection

SPRINTDOC = [sys.executable, "-m", "sprintdoc"]

#: A bundle as a person writes one: comments everywhere, quotes, `~`, a folded strapline, indentation that
#: differs from part to part, dashes flush with their keys, flow mappings and lists with their own spacing,
#: a `|2` block, `---` and `...`, and a header line and a mark left by last month's `sprintdoc new`.
COMMENTED = """\
# yaml-language-server: $schema=sprint.schema.json
# The Bulletin, July 2021: started from June 2021 by sprintdoc new
# Kept by hand: a four-space edition, dashes flush with their keys.
---
sprintdoc: 1   # the format version

edition:
    title: 'The Bulletin'      # quoted as typed
    period: "July 2021"
    # last month's text (June 2021): `sprintdoc check` reports it until you edit it [0123456789]
    # what the strapline says
    strapline: >-
        What we did in July,
        folded over two lines
    tagline:  Data,  People
sections:
- kind: news   # dash flush with the key
  title: News
  stories:   # newest first
  # the first story
  - headline: One
    body: |
        Indented by eight.

  - headline: "Two: the sequel"
    body: Short.
# between sections
- kind: activity
  # a note above the body
  body: |2
      Two-indicator text.
  next: {title: Next, items: [ First step,Second step ]}   # a flow mapping
-   kind: projects
    lifecycle: {stages: [Commissioning, Delivery]}
    projects:
    -   name: A
        analysts: [ Ann,Bob ]
        done: ~
        next: "Quoted next"   # about the next steps
        needs: |  # header comment
          Needs this.

        timeline:
        - { stage: Commissioning, from: 2021-01, to: present }
    -   {name: B, done: Flow done, timeline: []}
-   kind: text
    title: Word
    body: Plain body text
...
"""


def _bundle(tmp_path: Path, text: str, name: str = "july") -> Path:
    folder = tmp_path / name
    folder.mkdir()
    (folder / "sprint.yaml").write_bytes(text.encode("utf-8"))
    return folder


def _source(source: str, tmp_path: Path) -> Path:
    """A fixture's folder, or the commented bundle (`commented-crlf-bom`: with Windows line ends and a BOM)."""
    if source == "commented":
        return _bundle(tmp_path, COMMENTED)
    if source == "commented-crlf-bom":
        return _bundle(tmp_path, "\ufeff" + COMMENTED.replace("\n", "\r\n"))
    return FIXTURES / source


def _new(bundle: Path, period: str, target: Path) -> str:
    result = subprocess.run(
        [*SPRINTDOC, "new", str(bundle), "--period", period, "-o", str(target)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return (target / "sprint.yaml").read_bytes().decode("utf-8")


def _comments(text: str) -> list[str]:
    """Every comment in a sprint.yaml whose values hold no ` #` (the bundles here), in order."""
    return [found.group(1) for line in text.splitlines() if (found := re.search(r"(?:^|\s)(#.*)$", line))]


def _lines(key: yaml.Node, value: yaml.Node) -> set[int]:
    """The 1-based lines from a key to the end of its value."""
    last = value.end_mark.line + (1 if value.end_mark.column else 0)
    return set(range(key.start_mark.line + 1, max(last, key.start_mark.line + 1) + 1))


def _entries(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return {key.value: (key, value) for key, value in node.value}


def _monthly_lines(text: str) -> tuple[set[int], set[int]]:
    """The lines of the edition's period, and of the values `new` empties (news stories, each card's updates)."""
    top = _entries(yaml.compose(text, Loader=yaml.BaseLoader))
    period = _lines(*_entries(top["edition"][1])["period"])
    emptied: set[int] = set()
    for section in top["sections"][1].value:
        fields = _entries(section)
        kind = fields["kind"][1].value
        if kind == "news":
            emptied |= _lines(*fields["stories"])
        for card in fields["projects"][1].value if kind == "projects" else []:
            for name in ("done", "next", "needs"):
                emptied |= _lines(*_entries(card)[name]) if name in _entries(card) else set()
    return period, emptied


@pytest.mark.parametrize("source", ["july-2021", "september-2021", "commented", "commented-crlf-bom"])
def test_writing_a_bundle_back_unchanged_gives_the_same_bytes(source: str, tmp_path: Path) -> None:
    folder = _source(source, tmp_path)
    text = (folder / "sprint.yaml").read_bytes().decode("utf-8")
    bundle = sprintdoc.load(folder)
    assert rewrite(text, bundle, bundle) == text


@pytest.mark.parametrize("source", ["july-2021", "commented"])
def test_new_changes_only_the_period_the_emptied_fields_the_marks_and_the_header(source: str, tmp_path: Path) -> None:
    folder = _source(source, tmp_path)
    old = (folder / "sprint.yaml").read_text(encoding="utf-8")
    new = _new(folder, "August 2021", tmp_path / "aug")
    header = f"# {sprintdoc.load(folder).edition.title}, August 2021: started from July 2021 by sprintdoc new"
    old_lines, new_lines = old.splitlines(), new.splitlines()
    removed, added = set(), set()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes():
        if tag != "equal":
            removed |= set(range(i1 + 1, i2 + 1))
            added |= set(range(j1 + 1, j2 + 1))
    old_period, old_emptied = _monthly_lines(old)
    new_period, new_emptied = _monthly_lines(new)
    old_made = {m.line for m in monthly.marks(old)} | {n for n, t in enumerate(old_lines, 1) if t.endswith("new")}
    new_marks = {m.line for m in monthly.marks(new)}
    # `previous:` is added on the line after `sprintdoc:`, naming this month's folder from the new one.
    previous = {n + 1 for n, t in enumerate(new_lines, 1) if t.startswith("sprintdoc:")}
    assert [new_lines[n - 1] for n in previous] == [
        f"previous: {Path(os.path.relpath(folder, tmp_path / 'aug')).as_posix()}"
    ]
    assert removed <= old_period | old_emptied | old_made
    assert added <= new_period | new_emptied | new_marks | {2} | previous
    assert old_period <= removed and new_period <= added and new_marks <= added and new_marks
    assert new_lines[:2] == [modeline().strip(), header]
    block_keys = [new_lines[n - 1] for n in new_emptied if "{" not in new_lines[n - 1]]
    assert block_keys and all(re.fullmatch(r"\s*(stories|done|next|needs):( \[\])?(\s+#.*)?", k) for k in block_keys)


def test_new_keeps_every_comment_but_those_inside_what_it_empties(tmp_path: Path) -> None:
    new = _new(_source("commented", tmp_path), "August 2021", tmp_path / "aug")
    made = re.compile(r"# last month's text|.*by sprintdoc new$")
    assert [c for c in _comments(new) if not made.match(c)] == [c for c in _comments(COMMENTED) if not made.match(c)]
    assert new.startswith(modeline()) and "    title: 'The Bulletin'      # quoted as typed\n" in new
    assert "  stories: []   # newest first\n  # the first story\n# between sections\n" in new
    assert "        next:   # about the next steps\n        needs:  # header comment\n\n        timeline:" in new
    assert "    -   {name: B, done: , timeline: []}\n" in new  # `done:,` would not load
    assert "items: [ First step,Second step ]}   # a flow mapping\n" in new and new.endswith("\n...\n")


@pytest.mark.parametrize("source", ["july-2021", "commented"])
def test_new_marks_exactly_the_carried_text_and_the_marks_are_not_spent(source: str, tmp_path: Path) -> None:
    new = _new(_source(source, tmp_path), "August 2021", tmp_path / "aug")
    bundle = sprintdoc.load(tmp_path / "aug")
    top = _entries(yaml.compose(new, Loader=yaml.BaseLoader))
    line = {"strapline": _entries(top["edition"][1])["strapline"][0].start_mark.line + 1}
    carried: dict[int, object] = {line["strapline"]: bundle.edition.strapline}
    for section, node in zip(bundle.sections, top["sections"][1].value, strict=True):
        fields = _entries(node)
        if isinstance(section, ActivitySection | TextSection):
            carried[fields["body"][0].start_mark.line + 1] = section.body
        if isinstance(section, ActivitySection) and section.next is not None:
            items = _entries(fields["next"][1])["items"][0]  # in a `{…}`, its line is the block key's, `next:`
            carried[items.start_mark.line + 1] = section.next.items
    lines = new.splitlines()
    marked = {}
    for mark in monthly.marks(new):
        below = mark.line + 1
        while lines[below - 1].lstrip().startswith("#"):
            below += 1
        assert below not in marked  # one mark a key: last month's mark was replaced, not doubled
        marked[below] = mark
        assert mark.period == "July 2021" and not mark.spent(monthly.text_of(carried[below]))
    assert set(marked) == set(carried)


@pytest.mark.parametrize("source", ["july-2021", "september-2021", "commented", "commented-crlf-bom"])
def test_the_new_bundle_loads_as_the_kinds_carry_it_over_and_generates(source: str, tmp_path: Path) -> None:
    folder = _source(source, tmp_path)
    _new(folder, "August 2021", tmp_path / "aug")
    new = sprintdoc.load(tmp_path / "aug")
    expected = next_edition(sprintdoc.load(folder), "August 2021")
    assert (new.edition, new.sections) == (expected.edition, expected.sections)
    assert sprintdoc.generate(new, tmp_path / "out", ["docx"])["docx"].stat().st_size > 0


def test_new_keeps_windows_line_ends_and_a_byte_order_mark(tmp_path: Path) -> None:
    new = _new(_source("commented-crlf-bom", tmp_path), "August 2021", tmp_path / "aug")
    (tmp_path / "plain").mkdir()  # the same folder names, so that `previous: ../july` is the same too
    plain = _new(_bundle(tmp_path / "plain", COMMENTED), "August 2021", tmp_path / "plain" / "aug")
    assert new == "\ufeff" + plain.replace("\n", "\r\n")


def test_a_second_new_replaces_its_header_line_and_marks(tmp_path: Path) -> None:
    august = _new(JULY, "August 2021", tmp_path / "aug")
    september = _new(tmp_path / "aug", "September 2021", tmp_path / "sep")
    assert [line for line in september.splitlines() if line.endswith("by sprintdoc new")] == [
        "# Sprint Notes, September 2021: started from August 2021 by sprintdoc new"
    ]
    assert len(list(monthly.marks(september))) == len(list(monthly.marks(august)))
    assert {m.period for m in monthly.marks(september)} == {"August 2021"}


def test_a_value_changed_is_written_in_its_style_and_one_added_where_its_mapping_ends() -> None:
    text = JULY.joinpath("sprint.yaml").read_text(encoding="utf-8")
    july = loads(text, root=JULY)
    logo = Image(file="images/duncan-taylor.png", alt="Logo")
    edition = attrs.evolve(july.edition, title='Notes: "Extra"', tagline=None, period="Aug\n2021\n", logo=logo)
    cards = july.sections[2]
    assert isinstance(cards, ProjectsSection)
    first = cards.projects[0]
    timeline = (first.timeline[0], attrs.evolve(first.timeline[1], note="2c: Ethics"))
    cards = attrs.evolve(cards, projects=(attrs.evolve(first, timeline=timeline), *cards.projects[1:]))
    changed = rewrite(
        text, july, attrs.evolve(july, edition=edition, sections=(*july.sections[:2], cards, july.sections[3]))
    )
    assert '  title: "Notes: \\"Extra\\""\n' in changed  # plain cannot hold `: `
    assert "  period: |\n    Aug\n    2021\n  strapline:" in changed and "  tagline:\n" in changed
    assert (
        "    [ecda@essex.gov.uk](mailto:ecda@essex.gov.uk)\n  logo: {file: images/duncan-taylor.png, alt: Logo}\n\n"
        in changed
    )
    assert '{stage: Exploration & Scoping, note: "2c: Ethics", from: 2021-04, to: present}' in changed
    again = loads(changed, root=JULY)
    assert again.edition == edition and again.sections[2] == cards


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


def test_dump_keeps_the_checks_a_bundle_skips() -> None:
    bundle = sprintdoc.load(JULY)
    skipping = attrs.evolve(bundle, checks=attrs.evolve(bundle.checks, skip=("stuck-stage",)))
    assert loads(dump(skipping), root=bundle.root).checks.skip == ("stuck-stage",)


def test_new_in_the_bundles_own_folder_writes_beside_it_not_inside(tmp_path: Path) -> None:
    shutil.copytree(JULY, tmp_path / "july-2021", ignore=shutil.ignore_patterns("out"))
    made = subprocess.run(
        [*SPRINTDOC, "new", "--period", "August 2021"], cwd=tmp_path / "july-2021", capture_output=True, text=True
    )
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == str(Path("..") / "august-2021" / "sprint.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["august-2021", "july-2021"]
    assert "\nprevious: ../july-2021\n" in (tmp_path / "august-2021" / "sprint.yaml").read_text(encoding="utf-8")

"""`sprintdoc diff`: what changed between two editions, as an EditionDiff, as JSON and as text."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest

import sprintdoc
from conftest import FIXTURES, JULY
from sprintdoc import cli
from sprintdoc.diffing import ClosedProject, EditionDiff, FieldChange, SectionDiff, StageMove
from sprintdoc.drawing import Drawing
from sprintdoc.model import Bundle, Edition, Month, Section
from sprintdoc.registry import OutlineItem, RegisteredKind, Registry, SectionKind
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.past_work import PastWorkSection
from sprintdoc.sections.projects import Project, ProjectsSection, TimelineEntry

SEPTEMBER = FIXTURES / "september-2021"
BROKEN = Path(__file__).parent / "broken"


def run(args: Sequence[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def only(sections: Sequence[Section], kind: type[Section]) -> Section:
    [found] = [s for s in sections if isinstance(s, kind)]
    return found


# -- the two fixtures ------------------------------------------------------------------


def test_july_to_september_lists_the_new_stories_and_stage_moves_exactly() -> None:
    july, september = sprintdoc.load(JULY), sprintdoc.load(SEPTEMBER)
    found = sprintdoc.diff(july, september)
    assert isinstance(found, sprintdoc.EditionDiff) and sprintdoc.EditionDiff is EditionDiff
    assert (found.old_period, found.new_period) == ("July 2021", "September 2021")
    old_news, new_news = only(july.sections, NewsSection), only(september.sections, NewsSection)
    assert isinstance(old_news, NewsSection) and isinstance(new_news, NewsSection)
    old_headlines = [s.headline for s in old_news.stories]
    new_headlines = [s.headline for s in new_news.stories]

    [news] = [s for s in found.sections if s.kind == "news"]
    assert news.status == "kept"
    assert (news.old_title, news.title) == (old_news.title, new_news.title)  # matched by kind and order: renamed
    assert news.added == tuple(h for h in new_headlines if h not in old_headlines)
    assert news.removed == tuple(h for h in old_headlines if h not in new_headlines)
    assert news.added == ("Show & Share goes international",)

    old_cards, new_cards = only(july.sections, ProjectsSection), only(september.sections, ProjectsSection)
    assert isinstance(old_cards, ProjectsSection) and isinstance(new_cards, ProjectsSection)
    before = {p.name: p.current_stage() for p in old_cards.projects}
    after = {p.name: p for p in new_cards.projects}
    [projects] = [s for s in found.sections if s.kind == "projects"]
    moved = [name for name, stage in before.items() if name in after and after[name].current_stage() != stage]
    assert [m.item for m in projects.stage_moves] == moved == ["ecda Communications & Engagement"]
    card = after["ecda Communications & Engagement"]
    [current] = [t for t in card.timeline if t.current]
    assert projects.stage_moves == (StageMove(card.name, None, current.stage, None, current.from_),)
    assert projects.stage_moves[0].reached == Month(2021, 9)
    assert projects.added == tuple(name for name in after if name not in before)
    assert projects.removed == tuple(name for name in before if name not in after)
    assert {c.field for c in projects.changes} == {"analysts", "aim"}  # done/next/needs are monthly: never listed

    assert found.projects_added == projects.added
    [past] = [s for s in september.sections if isinstance(s, PastWorkSection)]
    delivered = {p.name: p.result() for p in past.items}
    assert found.projects_closed == tuple(
        ClosedProject(name, delivered.get(name)) for name in before if name not in after
    )
    assert ClosedProject("Domestic Abuse", "Delivered August 2021") in found.projects_closed

    by_status = {(s.kind, s.status) for s in found.sections}
    assert ("text", "added") in by_status and ("activity", "removed") in by_status


def test_the_json_carries_the_same_changes_in_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    found = sprintdoc.diff(JULY, SEPTEMBER)
    status, out, err = run(["diff", str(JULY), str(SEPTEMBER), "--json"], capsys)
    assert (status, err) == (0, "")
    data = json.loads(out)
    assert data == found.to_json()
    assert set(data) == {"version", "old", "new", "changed", "sections", "projects_added", "projects_closed"}
    assert (data["version"], data["old"], data["new"], data["changed"]) == (
        1, {"period": "July 2021"}, {"period": "September 2021"}, True
    )  # fmt: skip
    [projects] = [s for s in data["sections"] if s["kind"] == "projects"]
    assert projects["stage_moves"] == [
        {"item": "ecda Communications & Engagement", "from": None, "to": "Recruit citizen working group",
         "left": None, "reached": "2021-09"}
    ]  # fmt: skip
    [news] = [s for s in data["sections"] if s["kind"] == "news"]
    assert news["added"] == ["Show & Share goes international"]
    for section in data["sections"]:
        assert set(section) == {"kind", "title", "status", "old_title", "added", "removed", "stage_moves", "changes"}
    analysts = next(c for c in projects["changes"] if c["field"] == "analysts")
    assert analysts["old"] == [] and isinstance(analysts["new"], list)
    assert {"name": "Domestic Abuse", "outcome": "Delivered August 2021"} in data["projects_closed"]


# -- a hand-edited copy ------------------------------------------------------------------

NEW_STORY = """\
      - headline: A story added in August
        body: |
          Written for the test.

"""


def edited_july(tmp_path: Path) -> Path:
    """July 2021 copied and edited by hand: Demand moves stage in August, a lead changes, a story, a card gone."""
    folder = tmp_path / "august"
    shutil.copytree(JULY, folder, ignore=shutil.ignore_patterns("out"))
    text = (folder / "sprint.yaml").read_text(encoding="utf-8")
    edits = [
        ("period: July 2021", "period: August 2021"),
        ("  - kind: activity\n", NEW_STORY + "  - kind: activity\n"),
        (
            "          - {stage: Exploration & Scoping, from: 2020-06, to: present}\n",
            (
                "          - {stage: Exploration & Scoping, from: 2020-06, to: 2021-07}\n"
                "          - {stage: Data Prep & Sharing, from: 2021-08, to: present}\n"
            ),
        ),
        ("        lead: Clare McLean\n", "        lead: Sam Okafor\n"),
    ]
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    text, cut = re.subn(r"      - name: NEE Vulnerabilities\n.*?(?=      - name: Demand\n)", "", text, flags=re.S)
    assert cut == 1
    (folder / "sprint.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_hand_edited_copy_gives_exactly_its_edits(tmp_path: Path) -> None:
    july = sprintdoc.load(JULY)
    found = sprintdoc.diff(july, edited_july(tmp_path))
    news, projects = july.sections[0], july.sections[2]
    moved = StageMove("Demand", "Exploration & Scoping", "Data Prep & Sharing", Month(2021, 7), Month(2021, 8))
    lead = FieldChange("ecda Communications & Engagement", "lead", "Clare McLean", "Sam Okafor")
    assert found == EditionDiff(
        "July 2021",
        "August 2021",
        (
            SectionDiff("news", news.title, "kept", news.title, added=("A story added in August",)),
            SectionDiff(
                "projects",
                projects.title,
                "kept",
                projects.title,
                removed=("NEE Vulnerabilities",),
                stage_moves=(moved,),
                changes=(lead,),
            ),
        ),
        projects_closed=(ClosedProject("NEE Vulnerabilities"),),
    )


def test_the_text_says_only_what_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(["diff", str(JULY), str(edited_july(tmp_path))], capsys)
    assert (status, err) == (0, "")
    assert out.splitlines() == [
        "From July 2021 to August 2021",
        "",
        "Closed project: NEE Vulnerabilities",
        "",
        "Data + People = Action [news]",
        "  + A story added in August",
        "",
        "Project Updates [projects]",
        "  - NEE Vulnerabilities",
        "  Demand: Exploration & Scoping (until Jul 21) → Data Prep & Sharing (from Aug 21)",
        "  ecda Communications & Engagement: lead: Clare McLean → Sam Okafor",
    ]


def test_the_same_bundle_twice_has_no_changes(capsys: pytest.CaptureFixture[str]) -> None:
    found = sprintdoc.diff(JULY, JULY)
    assert not found.changed
    assert found == EditionDiff("July 2021", "July 2021")
    assert found.to_json()["sections"] == [] and found.to_json()["changed"] is False
    status, out, _ = run(["diff", str(JULY), str(JULY)], capsys)
    assert (status, out) == (0, "From July 2021 to July 2021\nno changes\n")


def test_newly_in_past_work_closes_a_card_that_is_still_shown(july: Bundle) -> None:
    projects, past = july.sections[2], july.sections[3]
    assert isinstance(projects, ProjectsSection) and isinstance(past, PastWorkSection)
    demand = next(p for p in projects.projects if p.name == "Demand")
    entry = attrs.evolve(past.items[0], name="Demand", outcome="Closed", date=Month(2021, 8))
    later = attrs.evolve(july, sections=(*july.sections[:3], attrs.evolve(past, items=(*past.items, entry))))
    found = sprintdoc.diff(july, later)
    assert found.projects_closed == (ClosedProject(demand.name, "Closed August 2021"),)
    assert [(s.kind, s.added) for s in found.sections] == [("past-work", ("Demand",))]


# -- matching ------------------------------------------------------------------


def news(title: str, *headlines: str) -> NewsSection:
    return NewsSection(title=title, stories=[Story(h) for h in headlines])


def edition(period: str, *sections: Section) -> Bundle:
    return Bundle(Edition("Sprint Notes", period), sections)


def test_sections_match_by_kind_and_title_then_by_kind_and_order() -> None:
    old = edition("July", news("Alpha", "a"), news("Beta", "b"), ProjectsSection(title="Cards"))
    new = edition("August", news("Beta", "b"), news("Gamma", "a", "g"), PastWorkSection(title="Past"))
    found = sprintdoc.diff(old, new)
    assert found.sections == (
        SectionDiff("news", "Gamma", "kept", "Alpha", added=("g",)),
        SectionDiff("past-work", "Past", "added"),
        SectionDiff("projects", "Cards", "removed", "Cards"),
    )


def test_items_with_one_title_match_in_order() -> None:
    found = sprintdoc.diff(edition("July", news("N", "x", "x")), edition("August", news("N", "x", "x", "x")))
    assert [s.added for s in found.sections] == [("x",)]


def test_a_card_whose_timeline_gives_no_months_moves_with_none() -> None:
    old = ProjectsSection(projects=[Project("P", stages=("A", "B"))])
    new = ProjectsSection(projects=[Project("P", stages=("A", "B"), timeline=[TimelineEntry("B", to="present")])])
    found = sprintdoc.diff(edition("1", old), edition("2", new))
    assert [s.stage_moves for s in found.sections] == [(StageMove("P", None, "B", None, None),)]


# -- a plugin's kind ------------------------------------------------------------------


@attrs.frozen
class Event:
    title: str
    place: str | None = None
    note: str | None = attrs.field(default=None, metadata={"monthly": "empty"})
    state: str | None = None


@attrs.frozen
class EventsSection(Section):
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple[Event, ...])


def draw_events(section: EventsSection, out: Drawing) -> None:
    """Not drawn in these tests."""


EVENTS = SectionKind(
    "events", EventsSection, draw=draw_events,
    items=lambda section: [OutlineItem(e.title, current_stage=e.state) for e in section.events],
)  # fmt: skip


def test_a_plugin_kinds_items_fields_and_stages_are_compared_the_same_way() -> None:
    registry = Registry({"events": RegisteredKind(EVENTS, "a test")})
    old = edition("July", EventsSection(events=[Event("Fair", "Hall", "n1", "planned"), Event("Talk")]))
    new = edition("August", EventsSection(events=[Event("Fair", "Park", "n2", "booked"), Event("Walk")]))
    found = sprintdoc.diff(old, new, registry=registry)
    assert found.sections == (
        SectionDiff(
            "events", None, "kept", None, added=("Walk",), removed=("Talk",),
            stage_moves=(StageMove("Fair", "planned", "booked"),),
            changes=(FieldChange("Fair", "place", "Hall", "Park"), FieldChange("Fair", "state", "planned", "booked")),
        ),
    )  # fmt: skip


#: EVENTS with its items listed last first: an item is looked for while objects before its own are unclaimed.
BACKWARDS = Registry(
    {"events": RegisteredKind(attrs.evolve(EVENTS, items=lambda s: [OutlineItem(e.title) for e in s.events[::-1]]), "")}
)


def test_an_item_is_the_object_whose_first_text_is_its_title_before_one_where_another_text_is() -> None:
    old = edition("July", EventsSection(events=[Event("Fair", "Talk"), Event("Talk", "Hall")]))
    new = edition("August", EventsSection(events=[Event("Fair", "Talk"), Event("Talk", "Park")]))
    found = sprintdoc.diff(old, new, registry=BACKWARDS)
    assert [s.changes for s in found.sections] == [(FieldChange("Talk", "place", "Hall", "Park"),)]


class CountedText(str):
    """A text that counts how often it is compared, to tell a diff that looks items up from one that searches."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        CountedText.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_items_are_found_by_index_not_by_search(monkeypatch: pytest.MonkeyPatch) -> None:
    size = 400
    events = [Event(CountedText(f"Event {i}"), f"Place {i}") for i in range(size)]
    old = edition("July", EventsSection(events=events))
    new = edition("August", EventsSection(events=[*events[:-1], Event(events[-1].title, "Elsewhere")]))
    monkeypatch.setattr(CountedText, "compared", 0)
    found = sprintdoc.diff(old, new, registry=BACKWARDS)
    moved = FieldChange(f"Event {size - 1}", "place", f"Place {size - 1}", "Elsewhere")
    assert [s.changes for s in found.sections] == [(moved,)]
    assert CountedText.compared < 10 * size  # searching each item's object among the rest compares size² / 2 times


# -- the command ------------------------------------------------------------------


def test_new_is_the_current_folder_when_not_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(edited_july(tmp_path))
    status, out, _ = run(["diff", str(JULY)], capsys)
    assert status == 0 and out.startswith("From July 2021 to August 2021\n")


def test_broken_bundles_print_both_ones_located_problems_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = BROKEN / "05-missing-required", BROKEN / "10-unknown-stage"
    status, out, err = run(["diff", str(first), str(second)], capsys)
    expected = [
        line.replace("sprint.yaml:", f"{folder / 'sprint.yaml'}:", 1)
        for folder in (first, second)
        for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    ]
    assert (status, out) == (1, "")
    assert err.splitlines() == expected


def test_no_old_edition_and_no_previous_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(JULY)
    status, out, err = run(["diff"], capsys)
    assert (status, out) == (2, "")
    assert err.startswith("sprintdoc: error: no earlier edition to compare with: the bundle in '.' names none")
    assert "sprintdoc diff OLD [NEW]" in err


def test_the_docs_json_example_is_what_the_edited_copy_gives(tmp_path: Path) -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "diff.md").read_text(encoding="utf-8")
    [example] = re.findall(r"```json\n(.*?)```", page, flags=re.S)
    assert json.loads(example) == sprintdoc.diff(JULY, edited_july(tmp_path)).to_json()

"""The model: a bundle built in code without YAML, months, slugs, and a card's stages."""

from __future__ import annotations

import re

import attrs
import pytest

import sprintdoc
from sprintdoc.drawing import StageState, StageView
from sprintdoc.model import SLUG_MAX_BYTES, Month, slugify
from sprintdoc.sections.activity import ActivitySection, NextSteps
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.past_work import PastProject, PastWorkSection
from sprintdoc.sections.projects import Lifecycle, Project, ProjectsSection, TimelineEntry


def test_a_bundle_built_in_code_takes_plain_strings_for_markdown() -> None:
    bundle = sprintdoc.Bundle(
        edition=sprintdoc.Edition(title="Sprint Notes", period="August 2021", closing="Contact **us**"),
        sections=[
            NewsSection(title="News", stories=[Story(headline="A story", body="Some *text*")]),
            ActivitySection(body="Done", next=NextSteps(items=["one", "two"])),
        ],
    )
    assert isinstance(bundle.sections, tuple)
    assert isinstance(bundle.edition.closing, sprintdoc.Markdown)
    assert bundle.edition.closing.plain() == "Contact us"
    news = bundle.sections[0]
    assert isinstance(news, NewsSection) and isinstance(news.stories, tuple)
    assert news.stories[0].body == sprintdoc.Markdown("Some *text*")
    activity = bundle.sections[1]
    assert isinstance(activity, ActivitySection) and activity.next is not None
    assert [item.plain() for item in activity.next.items] == ["one", "two"]
    assert activity.next.title == "What are we doing next?"
    assert bundle.theme == sprintdoc.Theme()
    assert bundle.edition.slug() == "sprint-notes-august-2021"


def test_models_are_frozen() -> None:
    edition = sprintdoc.Edition(title="T", period="P")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        edition.title = "X"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("text", "month", "short", "long"),
    [
        ("2020-09", Month(2020, 9), "Sept 20", "September 2020"),
        ("2021-03", Month(2021, 3), "Mar 21", "March 2021"),
        ("2021-08", Month(2021, 8), "Aug 21", "August 2021"),
        ("2009-12", Month(2009, 12), "Dec 09", "December 2009"),
    ],
)
def test_month_reads_and_prints(text: str, month: Month, short: str, long: str) -> None:
    assert Month.from_text(text) == month
    assert (str(month), month.short(), month.long()) == (text, short, long)


@pytest.mark.parametrize("text", ["Aprl 2021", "2021-13", "2021-00", "2021-5", "21-05", "2021/05", "present", ""])
def test_month_refuses_anything_else(text: str) -> None:
    with pytest.raises(ValueError):
        Month.from_text(text)


def test_months_order() -> None:
    assert Month(2020, 12) < Month(2021, 1) < Month(2021, 2)


@pytest.mark.parametrize(
    ("title", "period", "slug"),
    [
        ("Sprint Notes", "July 2021", "sprint-notes-july-2021"),
        ("Sprint Notes!", "Sept. 2021 (draft)", "sprint-notes-sept-2021-draft"),
        ("Café News", "Août 2021", "café-news-août-2021"),
        ("***", "", "sprint-notes"),
    ],
)
def test_edition_slug(title: str, period: str, slug: str) -> None:
    assert sprintdoc.Edition(title=title, period=period).slug() == slug


def test_past_work_prints_its_result() -> None:
    assert PastProject(name="X", date=Month(2021, 3)).result() == "Delivered March 2021"
    assert PastProject(name="X", outcome="Closed").result() == "Closed"
    assert PastWorkSection(items=[PastProject(name="X")]).items[0].name == "X"


def test_stage_views_give_each_stage_its_state_dates_and_note() -> None:
    stages = ("Commissioning", "Exploration & Scoping", "Data Prep & Sharing", "Delivery")
    project = Project(
        name="Domestic Abuse",
        timeline=[
            TimelineEntry("Commissioning", Month(2020, 8), Month(2020, 9)),
            TimelineEntry("Exploration & Scoping", Month(2021, 5), "present", note="2b Governance"),
            TimelineEntry("Data Prep & Sharing", Month(2021, 6)),
        ],
    )
    assert project.stage_views(stages) == [
        StageView("Commissioning", StageState.DONE, "Aug 20 – Sept 20", ""),
        StageView("Exploration & Scoping", StageState.CURRENT, "May 21 – present", "2b Governance"),
        StageView("Data Prep & Sharing", StageState.TO_COME, "from Jun 21", ""),
        StageView("Delivery", StageState.TO_COME, "", ""),
    ]
    assert project.current_stage() == "Exploration & Scoping"


def test_a_card_uses_its_own_stages_before_the_lifecycle() -> None:
    own = Project(name="A", stages=("Alpha", "Beta"))
    plain = Project(name="B")
    section = ProjectsSection(lifecycle=Lifecycle(stages=["One", "Two"]), projects=[own, plain])
    assert section.stages_of(own) == ("Alpha", "Beta")
    assert section.stages_of(plain) == ("One", "Two")
    assert ProjectsSection(projects=[plain]).stages_of(plain) == ()


def test_card_headings_follow_the_text_given() -> None:
    assert Project(name="A", done="x", needs="y").headings() == ("What did we do this sprint?", "What do we need?")
    assert Project(name="A", done="  ").headings() == ()


def test_image_needs_alt_unless_decorative() -> None:
    assert sprintdoc.Image(file="a.png").problems() != []
    assert sprintdoc.Image(file="a.png", alt="  ").problems() != []
    assert sprintdoc.Image(file="a.png", alt="A photo").problems() == []
    assert sprintdoc.Image(file="a.png", decorative=True).problems() == []


def test_colour_reads_hex_and_measures_contrast() -> None:
    colour = sprintdoc.Colour.from_text("#1f4e79")
    assert (colour.hex, colour.rgb, colour.rrggbb) == ("#1F4E79", (31, 78, 121), "1F4E79")
    assert sprintdoc.Colour("#000000").contrast(sprintdoc.Colour("#FFFFFF")) == pytest.approx(21)
    with pytest.raises(ValueError):
        sprintdoc.Colour.from_text("navy")


@pytest.mark.parametrize("word", ["sprint", "été", "会议", "🎉x"])
def test_a_long_title_gives_a_slug_cut_short_with_a_hash(word: str) -> None:
    title = " ".join([word] * 200)
    slug = sprintdoc.Edition(title=title, period="July 2021").slug()
    other = sprintdoc.Edition(title=title, period="August 2021").slug()
    assert len(slug.encode("utf-8")) <= SLUG_MAX_BYTES
    assert slug != other
    assert slug.split("-")[0] == word.lower().replace("🎉", "")  # the start of the title is still there
    assert re.fullmatch(r"[0-9a-f]{8}", slug.rsplit("-", 1)[1])
    assert slugify(slug) == slug  # a slug is already a slug

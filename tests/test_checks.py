"""`sprintdoc check`: the pre-publish checklist, each check tripped and not, on bundles as the comms team has them."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from PIL import Image as PILImage

import sprintdoc
from conftest import FIXTURES, JULY, ROOT
from sprintdoc import monthly
from sprintdoc.checks import Finding, runs, summary
from sprintdoc.checks_names import CHECKS
from sprintdoc.checks_pictures import drawn_size
from sprintdoc.new_edition import write_new_bundle
from sprintdoc.sections.activity import ActivitySection
from sprintdoc.sections.news import NewsSection
from sprintdoc.sections.projects import ProjectsSection

SEPTEMBER = FIXTURES / "september-2021"
SPRINTDOC = [sys.executable, "-m", "sprintdoc"]


def copied(fixture: Path, tmp_path: Path, name: str = "bundle") -> Path:
    folder = tmp_path / name
    shutil.copytree(fixture, folder)
    return folder


def found(bundle: sprintdoc.Bundle, previous: sprintdoc.Bundle | None = None) -> dict[str, set[str]]:
    """The field paths each check reports."""
    out: dict[str, set[str]] = {}
    for finding in sprintdoc.check(bundle, previous):
        out.setdefault(finding.check, set()).add(finding.problem.path)
    return out


def edited(folder: Path, old: str, new: str) -> sprintdoc.Bundle:
    """The bundle in `folder` with one piece of its sprint.yaml's text replaced (it must be there)."""
    file = folder / "sprint.yaml"
    text = file.read_text(encoding="utf-8")
    assert old in text, old
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return sprintdoc.load(folder)


def carried_paths(bundle: sprintdoc.Bundle) -> dict[str, str]:
    """The text of every non-empty field marked `monthly: review`, by path: what `new` carries over and marks."""
    out = {}
    edition = bundle.edition
    if edition.strapline:
        out["edition.strapline"] = edition.strapline
    for i, section in enumerate(bundle.sections):
        for field in attrs.fields(type(section)):
            value = getattr(section, field.name)
            if field.metadata.get("monthly") == monthly.REVIEW and value:
                out[f"sections[{i}].{field.name}"] = monthly.text_of(value)
        if isinstance(section, ActivitySection) and section.next is not None and section.next.items:
            out[f"sections[{i}].next.items"] = monthly.text_of(section.next.items)
    return out


# -- a fresh `new`, and the fixture against itself ------------------------------------------------------------------


@pytest.mark.parametrize("fixture", [JULY, SEPTEMBER], ids=lambda p: p.name)
def test_a_fresh_new_edition_reports_every_emptied_and_carried_field(fixture: Path, tmp_path: Path) -> None:
    old = sprintdoc.load(fixture)
    write_new_bundle(old, "October 2021", tmp_path / "new")
    new = sprintdoc.load(tmp_path / "new")  # `new` itself marks what it carried
    reported = found(new)
    news = [i for i, s in enumerate(new.sections) if isinstance(s, NewsSection)]
    assert reported["empty-section"] == {f"sections[{i}]" for i in news}
    cards = [
        f"sections[{i}].projects[{p}]"
        for i, s in enumerate(new.sections)
        if isinstance(s, ProjectsSection)
        for p in range(len(s.projects))
    ]
    assert cards and reported["no-update"] == set(cards)
    assert reported["carried-text"] == set(carried_paths(new)) and "edition.strapline" in reported["carried-text"]


def test_a_carried_text_once_edited_is_not_reported(tmp_path: Path) -> None:
    write_new_bundle(sprintdoc.load(SEPTEMBER), "October 2021", tmp_path / "oct")
    bundle = edited(tmp_path / "oct", "What the partnership did in September", "What the partnership did in October")
    carried = found(bundle)["carried-text"]
    assert "edition.strapline" not in carried and carried  # the text section's body is still last month's
    (finding,) = [f for f in sprintdoc.check(bundle) if f.problem.path == "sections[0].body"]
    assert "September 2021" in finding.problem.message


@pytest.mark.parametrize("fixture", [JULY, SEPTEMBER], ids=lambda p: p.name)
def test_a_fixture_against_itself_reports_every_months_text_as_unchanged(fixture: Path) -> None:
    bundle = sprintdoc.load(fixture)
    expected = set(carried_paths(bundle))
    for i, section in enumerate(bundle.sections):
        if isinstance(section, NewsSection):
            expected |= {f"sections[{i}].stories[{n}]" for n in range(len(section.stories))}
        if isinstance(section, ProjectsSection):
            expected |= {
                f"sections[{i}].projects[{p}].{key}"
                for p, project in enumerate(section.projects)
                for key in ("done", "next", "needs")
                if getattr(project, key)
            }
    assert found(bundle, previous=bundle)["unchanged-text"] == expected
    assert "unchanged-text" not in found(bundle)


def test_unchanged_text_matches_items_by_name_not_position(tmp_path: Path) -> None:
    before = sprintdoc.load(JULY)
    cards = before.sections[2]
    assert isinstance(cards, ProjectsSection)
    reordered = attrs.evolve(cards, projects=cards.projects[::-1])
    one_edited = attrs.evolve(reordered.projects[0], done="Something new this month")
    after = attrs.evolve(
        before, sections=(*before.sections[:2], attrs.evolve(reordered, projects=(one_edited, *reordered.projects[1:])))
    )
    unchanged = found(after, previous=before)["unchanged-text"]
    last = len(cards.projects) - 1
    assert "sections[2].projects[0].done" not in unchanged  # the card edited, now first
    assert f"sections[2].projects[{last}].done" in unchanged  # the first card, now last: matched by its name


# -- each check: a bundle that trips it, one that does not ----------------------------------------------------------


def test_empty_section(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert "empty-section" not in found(sprintdoc.load(folder))
    bundle = edited(
        folder,
        "  - kind: past-work\n",
        "  - kind: news\n    title: More news\n    stories: []\n"
        "  - kind: activity\n    next: {items: []}\n"
        "  - kind: past-work\n",
    )
    assert found(bundle)["empty-section"] == {"sections[3]", "sections[4]"}
    messages = [f.problem.message for f in sprintdoc.check(bundle) if f.check == "empty-section"]
    assert messages[0].startswith("the news section 'More news' has nothing in it (stories)")
    assert messages[1].startswith("the activity section has nothing in it (body, next)")


def test_no_update(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert "no-update" not in found(sprintdoc.load(folder))
    bundle = edited(folder, "        done: |\n          Agreed the scope with partners.\n", "")
    assert found(bundle)["no-update"] == {"sections[2].projects[1]"}
    (finding,) = [f for f in sprintdoc.check(bundle) if f.check == "no-update"]
    assert "Σύστημα" in finding.problem.message and "done, next, needs" in finding.problem.message


def test_stuck_stage(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert "stuck-stage" not in found(sprintdoc.load(folder))
    bundle = edited(
        folder,
        "{stage: Exploration & Scoping, from: 2021-09, to: present}",
        "{stage: Exploration & Scoping, from: 2021-06, to: present}",
    )
    assert found(bundle)["stuck-stage"] == {"sections[2].projects[1].timeline[1]"}
    two_months = edited(folder, "from: 2021-06, to: present", "from: 2021-07, to: present")
    assert "stuck-stage" not in found(two_months)


def test_stuck_stage_counts_editions_only_when_the_period_is_a_month(tmp_path: Path) -> None:
    def edition_month(period: str) -> sprintdoc.Month | None:
        return sprintdoc.Edition("Sprint Notes", period).month()

    assert [edition_month(p) for p in ("September 2021", "Sept 2021", "sep 2021", "2021-09")] == [
        sprintdoc.Month(2021, 9)
    ] * 4
    assert edition_month("Spring 2021") is None and edition_month("Issue 12") is None
    folder = copied(JULY, tmp_path)
    assert "stuck-stage" in found(sprintdoc.load(folder))
    assert "stuck-stage" not in found(edited(folder, "period: July 2021", "period: Summer 2021"))


def resized(folder: Path, name: str, size: tuple[int, int]) -> None:
    with PILImage.open(folder / "images" / name) as picture:
        picture.resize(size).save(folder / "images" / name)


def test_low_resolution_for_a_story_picture_and_the_logo(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert "low-resolution" not in found(sprintdoc.load(folder))
    resized(folder, "show-and-share.jpg", (320, 210))
    resized(folder, "ecda-logo.png", (180, 60))
    bundle = sprintdoc.load(folder)
    assert found(bundle)["low-resolution"] == {"sections[1].stories[0].image.file", "edition.logo.file"}
    messages = {f.problem.path: f.problem.message for f in sprintdoc.check(bundle) if f.check == "low-resolution"}
    # 320 pixels at its natural size (96 a inch) fit the column: printed 8.5 cm wide, at 96 ppi
    assert "320 × 210 pixels, printed 8.5 × 5.6 cm: 96 pixels per inch" in messages["sections[1].stories[0].image.file"]
    # the logo box is 6 × 2.5 cm: 6 cm at 150 ppi is 355 pixels
    assert "at least 355 × 119 pixels" in messages["edition.logo.file"]


def test_a_picture_with_the_pixels_asked_for_is_not_reported(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    resized(folder, "ecda-logo.png", (180, 60))
    (finding,) = [f for f in sprintdoc.check(sprintdoc.load(folder)) if f.check == "low-resolution"]
    wanted = re.search(r"at least (\d+) × (\d+) pixels", finding.problem.message)
    assert wanted
    resized(folder, "ecda-logo.png", (int(wanted[1]), int(wanted[2])))
    assert "low-resolution" not in found(sprintdoc.load(folder))


def test_the_drawn_size_is_the_one_both_writers_draw() -> None:
    from docx.shared import Emu

    from sprintdoc.writers.docx_context import _fit
    from sprintdoc.writers.pdf_flowables import fit

    for width, height in [(10, 10), (480, 480), (4000, 300), (300, 4000), (640, 420)]:
        picture = sprintdoc.Picture(b"", "png", width, height)
        for box in [(481.9, 170.1), (170.1, 70.9)]:
            ours = drawn_size(picture, *box)
            assert ours == pytest.approx(fit(picture, *box))
            word = _fit(picture, int(Emu(round(box[0] * 12700))), int(Emu(round(box[1] * 12700))))
            assert ours == pytest.approx((word[0] / 12700, word[1] / 12700), abs=0.01)


@pytest.mark.parametrize(
    ("alt", "reported"),
    [
        ("show-and-share.jpg", True),
        ("show-and-share", True),
        ("IMG_2041.JPG", True),
        ("Image of a bar chart of attendance", True),
        ("picture of the team", True),
        ("A photo of the team", True),
        ("Bar chart of attendance rising over eight events", False),
        ("Photographers at the event", False),
    ],
)
def test_alt_text(alt: str, reported: bool, tmp_path: Path) -> None:
    bundle = edited(copied(SEPTEMBER, tmp_path), "alt: Bar chart of attendance rising over eight events", f"alt: {alt}")
    assert ("sections[1].stories[0].image.alt" in found(bundle).get("alt-text", set())) is reported


def test_link_text_is_reported_once_under_its_own_name(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert "link-text" not in found(sprintdoc.load(folder))
    bundle = edited(
        folder,
        "[the Show and Share page](https://www.essexdata.org.uk/show-and-share)",
        "https://www.essexdata.org.uk/show-and-share",
    )
    assert len(bundle.warnings) == 1  # validate warns of it
    findings = sprintdoc.check(bundle)
    assert [(f.check, f.problem.path) for f in findings] == [("link-text", "sections[1].stories[0].body")]
    assert findings[0].problem.message == bundle.warnings[0].message


def test_contrast_and_other_warnings_of_validate(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    assert not {"contrast", "validate"} & set(found(sprintdoc.load(folder)))
    edited(folder, 'accent: "#117864"', 'accent: "#DDDDDD"')
    bundle = edited(folder, "title: Sprint Notes", "title: Sprint #12 recap")
    reported = found(bundle)
    assert reported["contrast"] == {"theme.colours.accent"}
    assert reported["validate"] == {"edition.title"}
    assert len(sprintdoc.check(bundle)) == len(bundle.warnings)


# -- turning checks off, the registry of checks, the command line ---------------------------------------------------


def test_skip_silences_exactly_that_check(tmp_path: Path) -> None:
    folder = copied(JULY, tmp_path)
    write_new_bundle(sprintdoc.load(folder), "August 2021", tmp_path / "aug")
    text = (tmp_path / "aug" / "sprint.yaml").read_text(encoding="utf-8")
    every = found(sprintdoc.load(tmp_path / "aug"))
    assert {"empty-section", "no-update", "stuck-stage"} <= set(every)
    for name in every:
        (tmp_path / "aug" / "sprint.yaml").write_text(text + f"checks:\n  skip: [{name}]\n", encoding="utf-8")
        assert found(sprintdoc.load(tmp_path / "aug")) == {k: v for k, v in every.items() if k != name}


def test_an_unknown_check_to_skip_is_a_located_error_with_a_hint(tmp_path: Path) -> None:
    folder = copied(SEPTEMBER, tmp_path)
    text = (folder / "sprint.yaml").read_text(encoding="utf-8")
    skip = "  skip: [stuck-stage, stuck-stages, nonsense]"
    (folder / "sprint.yaml").write_text(f"{text}checks:\n{skip}\n", encoding="utf-8")
    with pytest.raises(sprintdoc.BundleError) as raised:
        sprintdoc.load(folder)
    at = f"{folder / 'sprint.yaml'}:{text.count(chr(10)) + 2}"
    hint = "did you mean 'stuck-stage'?"
    assert [str(p) for p in raised.value.problems] == [
        f"{at}:{skip.index('stuck-stages') + 1}: checks.skip[1]: unknown check 'stuck-stages'; {hint}",
        f"{at}:{skip.index('nonsense') + 1}: checks.skip[2]: unknown check 'nonsense'; the checks are: "
        + ", ".join(CHECKS),
    ]


def test_every_named_check_runs_and_is_documented() -> None:
    assert list(runs()) == list(CHECKS)
    doc = (ROOT / "docs" / "check.md").read_text(encoding="utf-8")
    assert [name for name in CHECKS if f"### `{name}`" not in doc] == []
    assert "docs/check.md" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_checks_are_not_loaded_with_a_bundle() -> None:
    code = "import sprintdoc, sys; sprintdoc.load(sys.argv[1]); print(sorted(m for m in sys.modules if 'checks' in m))"
    done = subprocess.run([sys.executable, "-c", code, str(JULY)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['sprintdoc.checks_names']"


def test_summary_counts_each_check_in_the_order_they_run() -> None:
    problem = sprintdoc.Problem("sprint.yaml", 1, 1, "edition", "x")
    findings = [Finding("stuck-stage", problem), Finding("carried-text", problem), Finding("carried-text", problem)]
    assert summary(findings) == "3 findings: 2 carried-text, 1 stuck-stage"
    assert summary(findings[:1]) == "1 finding: 1 stuck-stage"
    assert summary([]) == "no findings"
    assert str(findings[0]) == "sprint.yaml:1:1: edition: x [stuck-stage]"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*SPRINTDOC, *args], capture_output=True, text=True, encoding="utf-8", cwd=ROOT)


def test_the_command_prints_findings_then_a_summary_and_exits_1_only_when_strict(tmp_path: Path) -> None:
    clean = run("check", "fixtures/september-2021")
    assert (clean.returncode, clean.stdout, clean.stderr) == (0, "no findings\n", "")
    assert run("check", "fixtures/september-2021", "--strict").returncode == 0
    loose = run("check", "fixtures/july-2021", "--previous", "fixtures/july-2021")
    lines = loose.stdout.splitlines()
    assert loose.returncode == 0 and loose.stderr == ""
    assert all(
        re.fullmatch(r"fixtures/july-2021/sprint\.yaml:\d+:\d+: \S+: .+ \[[a-z-]+\]", line) for line in lines[:-1]
    )
    assert lines[-1] == summary(sprintdoc.check(sprintdoc.load(JULY), sprintdoc.load(JULY)))
    assert run("check", "fixtures/july-2021", "--strict").returncode == 1
    quiet = run("check", "-q", "fixtures/july-2021", "--previous", "fixtures/july-2021")
    assert quiet.stdout.splitlines() == lines[:-1]  # the findings, without the summary


def test_the_command_on_a_broken_bundle_says_what_validate_says(tmp_path: Path) -> None:
    broken = ROOT / "tests" / "broken" / "09-unknown-kind"
    checked, validated = run("check", str(broken)), run("validate", str(broken))
    assert (checked.returncode, checked.stdout, checked.stderr) == (1, "", validated.stderr)
    assert run("check", "fixtures/july-2021", "--previous", str(broken)).returncode == 1


def test_a_bundle_built_in_code_is_checked_by_field_path() -> None:
    bundle = sprintdoc.Bundle(sprintdoc.Edition("Sprint Notes", "July 2021"), (NewsSection("News"),))
    (finding,) = sprintdoc.check(bundle)
    assert (finding.check, finding.problem.line, finding.problem.path) == ("empty-section", 0, "sections[0]")
    assert str(finding).startswith("sections[0]: the news section 'News' has nothing in it")
    with pytest.raises(sprintdoc.BundleError, match=r"edition\.title: expected text"):
        sprintdoc.check(attrs.evolve(bundle, edition=sprintdoc.Edition(3, "July 2021")))  # type: ignore[arg-type]

"""`previous:`: last month's bundle, loaded with this one, and what `check`, `diff` and `new` do with it.

The errors it can have are in the catalogue (tests/broken/76-… to 80-…).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import attrs
import pytest

import sprintdoc
from conftest import JULY
from sprintdoc import cli
from sprintdoc.model import Image
from sprintdoc.sections.what_moved import WhatMovedSection

#: The story August adds to July's news, and the project whose stage moves on in August.
STORY = "Data Academy opens its doors"
MOVED = "Information sharing between Police and health partners to tackle violence"


def make_pair(root: Path, *, what_moved: bool = True) -> Path:
    """July copied to `root/july-2021`, and August beside it (`previous: ../july-2021`): one story added, one
    project moved from Exploration & Scoping to Data Prep & Sharing, and a what-moved section first."""
    shutil.copytree(JULY, root / "july-2021")
    august = root / "august-2021"
    shutil.copytree(JULY / "images", august / "images")
    text = (JULY / "sprint.yaml").read_text(encoding="utf-8")
    edits = [
        ("sprintdoc: 1\n", "sprintdoc: 1\nprevious: ../july-2021\n"),
        ("period: July 2021", "period: August 2021"),
        ("    stories:\n", f"    stories:\n      - headline: {STORY}\n        body: Forty colleagues joined.\n"),
        (
            "{stage: Exploration & Scoping, note: 2b Governance, from: 2021-04, to: present}",
            (
                "{stage: Exploration & Scoping, note: 2b Governance, from: 2021-04, to: 2021-08}\n"
                "          - {stage: Data Prep & Sharing, from: 2021-08, to: present}"
            ),
        ),
    ]
    if what_moved:
        edits.append(("sections:\n", "sections:\n  - kind: what-moved\n"))
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    (august / "sprint.yaml").write_text(text, encoding="utf-8")
    return august


@pytest.fixture
def august(tmp_path: Path) -> Path:
    return make_pair(tmp_path)


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = cli.main(args)
    out, err = capsys.readouterr()
    return status, out, err


def images(bundle: sprintdoc.Bundle) -> list[Image]:
    return [s.image for section in bundle.sections for s in getattr(section, "stories", ()) if s.image]


def test_the_previous_edition_is_loaded_with_the_bundle_one_level_deep_and_lightly(august: Path) -> None:
    july = august.parent / "july-2021" / "sprint.yaml"
    july.write_text("sprintdoc: 1\nprevious: ../june-2021\n" + july.read_text(encoding="utf-8").split("\n", 4)[4])
    bundle = sprintdoc.load(august)
    assert bundle.previous == "../july-2021"
    previous = bundle.previous_bundle
    assert previous is not None and previous.edition.period == "July 2021"
    assert previous.previous == "../june-2021" and previous.previous_bundle is None  # named, not followed
    assert images(bundle) and all(image.picture is not None for image in images(bundle))
    assert images(previous) and all(image.picture is None for image in images(previous))  # not decoded
    assert attrs.evolve(bundle, previous_bundle=None) == bundle  # not part of the edition's value
    assert "previous_bundle" not in repr(bundle)


def test_a_bundle_without_previous_has_no_previous_edition() -> None:
    bundle = sprintdoc.load(JULY)
    assert (bundle.previous, bundle.previous_bundle) == (None, None)


def test_check_compares_with_the_bundles_previous_edition_unless_told_another(
    august: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bundle = sprintdoc.load(august)
    unchanged = [f.problem.path for f in sprintdoc.check(bundle) if f.check == "unchanged-text"]
    told = sprintdoc.check(bundle, bundle.previous_bundle)
    assert unchanged == [f.problem.path for f in told if f.check == "unchanged-text"]
    assert "sections[2].body" in unchanged  # the activity text, as July's
    status, out, _ = run(["check", str(august)], capsys)
    assert status == 0 and "sections[2].body: the same as in the previous edition (July 2021)" in out
    # --previous still wins: September's texts are not August's
    _, out, _ = run(["check", str(august), "--previous", str(JULY.parent / "september-2021")], capsys)
    assert "[unchanged-text]" not in out


def test_diff_with_no_old_edition_compares_with_previous(
    august: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(august)
    implied = run(["diff"], capsys)
    assert implied == run(["diff", "../july-2021", "."], capsys) == run(["diff", "../july-2021"], capsys)
    status, out, _ = implied
    assert status == 0 and out.startswith("From July 2021 to August 2021\n")
    assert f"  + {STORY}" in out.splitlines() and f"  {MOVED}: Exploration & Scoping" in out
    assert run(["diff", "--json"], capsys)[1] == run(["diff", "--json", "../july-2021"], capsys)[1]


def test_new_points_the_next_bundle_at_this_one_replacing_the_old_previous(
    august: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    september = august.parent / "editions" / "september-2021"
    status, _, _ = run(["new", str(august), "--period", "September 2021", "-o", str(september)], capsys)
    assert status == 0
    old, new = ((f / "sprint.yaml").read_text(encoding="utf-8").splitlines() for f in (august, september))
    assert old[3:5] == ["sprintdoc: 1", "previous: ../july-2021"]
    assert new[4:6] == ["sprintdoc: 1", "previous: ../../august-2021"]  # in place, after the header line `new` adds
    bundle = sprintdoc.load(september)
    assert bundle.previous_bundle is not None and bundle.previous_bundle.edition.period == "August 2021"
    moved = bundle.sections[0]
    assert isinstance(moved, WhatMovedSection) and moved.moved is not None
    assert moved.moved.old_period == "August 2021"


def test_a_bundle_built_in_code_gets_its_previous_edition_from_validate_and_generate(
    august: Path, tmp_path: Path
) -> None:
    loaded = sprintdoc.load(august)
    built = attrs.evolve(
        loaded,
        previous_bundle=None,
        sections=(WhatMovedSection(title="Since July"), *loaded.sections[1:]),
    )
    assert sprintdoc.validate(built) == []
    paths = sprintdoc.generate(built, tmp_path / "out", ["pdf"])
    assert sprintdoc.outline(paths["pdf"]).sections[0].title == "Since July"
    wrong = attrs.evolve(built, previous="../july-2012")
    [problem] = sprintdoc.validate(wrong)
    assert (problem.path, problem.line) == ("previous", 0)
    assert problem.message == "no folder '../july-2012' (from this bundle's folder); did you mean '../july-2021'?"
    with pytest.raises(sprintdoc.BundleError):
        sprintdoc.generate(wrong, tmp_path / "out", ["pdf"])
    alone = attrs.evolve(built, previous=None)
    assert [(p.path, p.message.split(",")[0]) for p in sprintdoc.validate(alone)] == [
        ("sections[0].kind", "a what-moved section shows what moved since last month's edition")
    ]

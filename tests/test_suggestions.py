"""The file nearest a missing one, offered in the message: of the same kind, by its own name first."""

from __future__ import annotations

from pathlib import Path

import pytest

from sprintdoc import suggestions
from sprintdoc.paths import PathProblem, inside
from sprintdoc.suggestions import nearest_file


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    for name in (
        "sprint.yaml",
        "images/photo.jpg",
        "images/duncan-taylor.png",
        "images/logo.png",
        "fonts/Inter-Regular.ttf",
        "brand/newsletter.docx",
        "out/summary-chart.png",
        ".cache/quarterly-summary.png",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    return tmp_path


@pytest.mark.parametrize(
    ("missing", "offered"),
    [
        ("images/Photo.JPG", "images/photo.jpg"),  # only the case differs
        ("images/photo.jpeg", "images/photo.jpg"),  # another spelling of the same kind
        ("images/duncan-tayler.png", "images/duncan-taylor.png"),
        ("img/logo.png", "images/logo.png"),  # the right name in the wrong folder
        ("photo.png", "images/photo.jpg"),
        ("fonts/inter-regular.ttf", "fonts/Inter-Regular.ttf"),
        ("brand/Newsletter.docx", "brand/newsletter.docx"),
    ],
)
def test_the_nearest_file_of_the_same_kind_is_offered(bundle: Path, missing: str, offered: str) -> None:
    assert nearest_file(bundle, missing) == offered
    with pytest.raises(PathProblem, match=f"; did you mean '{offered}'\\?$"):
        inside(bundle, missing)


@pytest.mark.parametrize(
    "missing",
    [
        "images/martine-clark.jpg",  # nothing like it
        "images/newsletter.png",  # a name like a Word file's, but a picture is wanted
        "photo.ttf",  # a name like a picture's, but a font is wanted
        "images/summary-chart.png",  # only in out/, where sprintdoc writes
        "images/quarterly-summary.png",  # only in a hidden folder
    ],
)
def test_nothing_is_offered_when_nothing_of_the_kind_is_near(bundle: Path, missing: str) -> None:
    assert nearest_file(bundle, missing) is None
    with pytest.raises(PathProblem) as caught:
        inside(bundle, missing)
    assert str(caught.value) == f"no file '{missing}' in the bundle folder"


def test_one_load_lists_the_folder_once(bundle: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    walks = []
    real_walk = suggestions.os.walk

    def counting_walk(top: Path) -> object:
        walks.append(top)
        return real_walk(top)

    monkeypatch.setattr(suggestions.os, "walk", counting_walk)
    with suggestions.remembered_listings():
        for name in ("images/a.png", "images/b.png", "images/c.png"):
            nearest_file(bundle, name)
    assert len(walks) == 1
    nearest_file(bundle, "images/d.png")  # outside a load: a file added since is seen
    assert len(walks) == 2


def test_the_listing_stops_at_its_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggestions, "MAX_FILES", 3)
    for i in range(5):
        (tmp_path / f"p{i}.png").write_bytes(b"")
    assert nearest_file(tmp_path, "p4.png") is None
    assert nearest_file(tmp_path, "P2.png") == "p2.png"


def test_one_load_compares_names_within_a_budget(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(suggestions, "COMPARISONS", 5)
    for name in ("photo-one.png", "photo-two.png", "photo-six.png"):
        (tmp_path / name).write_bytes(b"")
    with suggestions.remembered_listings():
        assert nearest_file(tmp_path, "photo-onne.png") == "photo-one.png"
        assert nearest_file(tmp_path, "photo-twoo.png") is None  # 3 more would pass the budget of 5
        assert nearest_file(tmp_path, "Photo-Two.PNG") == "photo-two.png"  # found without comparing
        assert nearest_file(tmp_path, "pics/photo-six.png") == "photo-six.png"

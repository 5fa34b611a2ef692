"""The broken-bundle catalogue: each folder under tests/broken is a bundle with the exact lines validate must print.

`sprintdoc validate .` runs in the bundle folder, so every line starts `sprint.yaml:LINE:COL:`.
Every problem is printed at once, in file order, warnings included; the exit status is 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import sprintdoc
from sprintdoc import cli
from sprintdoc.errors import clip
from sprintdoc.loading import loads

BROKEN = Path(__file__).parent / "broken"
CATALOGUE = sorted(p for p in BROKEN.iterdir() if p.is_dir())


def validate(folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    status = cli.main(["validate", "."])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_catalogue_is_large_enough() -> None:
    assert len(CATALOGUE) >= 25
    for folder in CATALOGUE:
        assert (folder / "sprint.yaml").is_file(), folder.name
        assert (folder / "expected.txt").read_text(encoding="utf-8").strip(), folder.name


@pytest.mark.parametrize("folder", CATALOGUE, ids=[p.name for p in CATALOGUE])
def test_broken_bundle_prints_exactly_its_problems(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
    status, out, err = validate(folder, capsys, monkeypatch)
    assert err.splitlines() == expected
    assert out == ""
    assert status == 1


@pytest.mark.parametrize("folder", CATALOGUE, ids=[p.name for p in CATALOGUE])
def test_broken_bundle_raises_bundle_error_with_located_problems(folder: Path) -> None:
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    problems = caught.value.problems
    assert any(not p.warning for p in problems)
    for problem in problems:
        assert problem.file == str(folder / "sprint.yaml")
        assert problem.line >= 1 and problem.column >= 1
    assert [(p.line, p.column) for p in problems] == sorted((p.line, p.column) for p in problems)


def test_a_symlink_pointing_out_of_the_bundle_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.png"
    shutil.copy(BROKEN / "13-image-without-alt" / "images" / "logo.png", outside)
    folder = tmp_path / "bundle"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "logo.png").symlink_to(outside)
    (folder / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\n"
        "  logo: {file: images/logo.png, alt: ecda logo}\nsections: []\n",
        encoding="utf-8",
    )
    status, _, err = validate(folder, capsys, monkeypatch)
    assert err.splitlines() == [
        (
            "sprint.yaml:5:16: edition.logo.file: 'images/logo.png' is a link to a file outside the bundle folder; "
            "copy the file into the folder"
        )
    ]
    assert status == 1


def test_a_symlink_that_stays_inside_is_read(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    (folder / "images").mkdir(parents=True)
    shutil.copy(BROKEN / "13-image-without-alt" / "images" / "logo.png", folder / "images" / "real.png")
    (folder / "images" / "logo.png").symlink_to("real.png")
    (folder / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\n"
        "  logo: {file: images/logo.png, alt: ecda logo}\nsections: []\n",
        encoding="utf-8",
    )
    logo = sprintdoc.load(folder).edition.logo
    assert logo is not None and logo.picture is not None
    assert (logo.picture.width, logo.picture.height) == (32, 24)


def test_a_link_loop_is_a_located_problem(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    (folder / "a.png").symlink_to("b.png")
    (folder / "b.png").symlink_to("a.png")
    (folder / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition:\n  title: T\n  period: P\n  logo: {file: a.png, alt: x}\nsections: []\n",
        encoding="utf-8",
    )
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (5, 16, "edition.logo.file")
    assert "loop" in problem.message


def test_clip_keeps_short_values_and_cuts_long_ones_to_the_limit() -> None:
    assert clip("images/photo.png") == "images/photo.png"
    assert clip("x" * 60) == "x" * 60
    long = clip("y" * 10_000)
    assert len(long) == 60 and long == "y" * 59 + "…"
    assert clip("abcdef", 4) == "abc…"


@pytest.mark.parametrize(
    ("mapping", "hinted"),
    [
        ("{caption: Łukasz, Zoë and Minh, file: images/logo.png, alt: A}", '"Łukasz, Zoë and Minh"'),
        ("{file: images/logo.png, alt: A, caption: 'Ann', Bo}", None),  # a quoted value is not cut by a comma
        ("{Zoë and Minh, file: images/logo.png, alt: A}", None),  # nothing before it to be the rest of
        ("{file: images/logo.png, alt: A, colour: red}", None),  # a key with a value is just unknown
    ],
)
def test_the_comma_hint_is_given_only_for_the_rest_of_a_plain_value(mapping: str, hinted: str | None) -> None:
    text = f"sprintdoc: 1\nedition:\n  title: T\n  period: P\n  logo: {mapping}\nsections: []\n"
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(text, root=BROKEN / "13-image-without-alt")
    (problem,) = caught.value.problems
    assert problem.message.startswith("unknown field")
    if hinted:
        assert problem.message.endswith(f"(a comma ends a value in {{…}}: put the value in quotes, {hinted})")
    else:
        assert "comma" not in problem.message

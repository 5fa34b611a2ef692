"""A bundle names its Word template beside its theme (`template: brand/newsletter.docx`), so a restyled template
is not a flag to remember every month; `--template` still wins. A bad path is refused at load (tests/broken/60-64).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest

import sprintdoc
from conftest import JULY
from restyle import Restyle, restyle
from sprintdoc import cli
from sprintdoc.dumping import dump
from sprintdoc.loading import loads
from sprintdoc.output import render
from sprintdoc.schema import schema
from sprintdoc.writers import docx as docx_writer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMED = "brand/newsletter.docx"


def template_with_heading_colour(target: Path, colour: str) -> Path:
    """The shipped template with Heading 1 in `colour`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return restyle(docx_writer.default_template(), target, Restyle(heading1_colour=colour))


def heading_colour(data: bytes) -> str:
    return str(docx.Document(io.BytesIO(data)).styles["Heading 1"].font.color.rgb)


@pytest.fixture
def bundle_folder(tmp_path: Path) -> Path:
    """The July edition, its sprint.yaml naming a template in its brand folder (Heading 1 green)."""
    folder = tmp_path / "july"
    shutil.copytree(JULY, folder, ignore=shutil.ignore_patterns("out"))
    template_with_heading_colour(folder / NAMED, "00703C")
    text = (folder / "sprint.yaml").read_text(encoding="utf-8")
    (folder / "sprint.yaml").write_text(text.replace("\nedition:", f"\ntemplate: {NAMED}\n\nedition:", 1), "utf-8")
    return folder


def test_the_template_a_bundle_names_writes_its_edition(bundle_folder: Path) -> None:
    bundle = sprintdoc.load(bundle_folder)
    assert bundle.template == NAMED
    assert heading_colour(render(bundle, "docx")) == "00703C"
    assert heading_colour(render(sprintdoc.load(JULY), "docx")) == "1F4E79"  # the shipped look, for contrast


def test_the_template_flag_wins_over_the_bundles(bundle_folder: Path, tmp_path: Path) -> None:
    flagged = template_with_heading_colour(tmp_path / "flag.docx", "8B0000")
    out = tmp_path / "out"
    assert cli.main(["generate", str(bundle_folder), "-f", "docx", "--template", str(flagged), "-o", str(out)]) == 0
    assert heading_colour((out / "sprint-notes-july-2021.docx").read_bytes()) == "8B0000"
    assert heading_colour(render(sprintdoc.load(bundle_folder), "docx", template=flagged)) == "8B0000"


def test_generate_uses_the_bundles_template(bundle_folder: Path, tmp_path: Path) -> None:
    paths = sprintdoc.generate(sprintdoc.load(bundle_folder), tmp_path / "out", formats=("docx",))
    assert heading_colour(paths["docx"].read_bytes()) == "00703C"


def test_new_carries_the_template_over(bundle_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "august"
    assert cli.main(["new", str(bundle_folder), "--period", "August 2021", "-o", str(target)]) == 0
    capsys.readouterr()
    assert (target / NAMED).read_bytes() == (bundle_folder / NAMED).read_bytes()
    august = sprintdoc.load(target)
    assert august.template == NAMED
    assert heading_colour(render(august, "docx")) == "00703C"


def test_the_template_survives_a_dump_and_load(bundle_folder: Path) -> None:
    bundle = sprintdoc.load(bundle_folder)
    again = loads(dump(bundle), root=bundle_folder)
    assert again.template == bundle.template
    assert "\ntemplate: brand/newsletter.docx\n" in dump(bundle)
    assert "\ntemplate:" not in dump(sprintdoc.load(JULY))


def test_the_schema_names_the_template_as_a_path() -> None:
    prop = schema()["properties"]["template"]
    assert prop["type"] == "string"
    assert "inside the bundle folder" in prop["description"]

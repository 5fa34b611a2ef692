"""A theme's font files: opened at validation as the PDF writer will open them, every face kept inside the bundle.

The broken-bundle catalogue (tests/broken/43-… to 49-…) holds the fonts that cannot be used; here are
the cases it cannot hold: a theme file, a face beside the font, the writer's own guard, the command line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import sprintdoc
from sprintdoc import fonts

BROKEN = Path(__file__).parent / "broken"
CFF = BROKEN / "44-font-otf-cff" / "fonts" / "Brand.otf"
HEAD = "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\nsections: []\n"


def bundle(folder: Path, theme: str) -> Path:
    (folder / "fonts").mkdir(parents=True)
    shutil.copy(fonts.faces("DejaVu Serif").regular, folder / "fonts" / "Brand.ttf")
    (folder / "sprint.yaml").write_text(HEAD + theme, encoding="utf-8")
    return folder


def test_a_font_and_the_faces_beside_it_are_read(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b", "theme:\n  fonts: {body: fonts/Brand.ttf}\n")
    shutil.copy(fonts.faces("DejaVu Serif").bold, folder / "fonts" / "Brand-Bold.ttf")
    loaded = sprintdoc.load(folder)
    found = fonts.check(loaded.theme.fonts.body, folder)
    assert found.bold == (folder / "fonts" / "Brand-Bold.ttf").resolve()
    assert found.italic == found.regular == (folder / "fonts" / "Brand.ttf").resolve()


def test_a_face_linked_to_another_face_inside_the_bundle_is_read(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b", "theme:\n  fonts: {body: fonts/Brand.ttf}\n")
    (folder / "fonts" / "Brand-Italic.ttf").symlink_to("Brand.ttf")
    assert sprintdoc.load(folder).theme.fonts.body == "fonts/Brand.ttf"


def test_a_font_problem_in_a_theme_file_is_located_in_that_file(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b", "theme: brand.yaml\n")
    shutil.copy(CFF, folder / "fonts" / "Brand.otf")
    (folder / "brand.yaml").write_text("colours: {primary: '#003366'}\nfonts:\n  heading: fonts/Brand.otf\n")
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.column, problem.path) == (
        str(folder / "brand.yaml"),
        3,
        12,
        "fonts.heading",
    )
    assert "PostScript (CFF) outlines" in problem.message and ".ttf" in problem.message


def test_the_pdf_writer_never_reads_a_face_outside_the_bundle(tmp_path: Path) -> None:
    """Even for a bundle built in code, not loaded: the writer finds faces through the same guard."""
    outside = tmp_path / "secret.txt"
    outside.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    folder = bundle(tmp_path / "b", "sections: []\n")
    (folder / "fonts" / "Brand-BoldItalic.ttf").symlink_to(outside)
    with pytest.raises(fonts.FontProblem) as caught:
        fonts.register("fonts/Brand.ttf", folder)
    assert isinstance(caught.value, sprintdoc.SprintdocError)
    assert "bold italic face 'fonts/Brand-BoldItalic.ttf' is a link to a file outside" in str(caught.value)
    assert "root:" not in str(caught.value)


def test_an_unreadable_font_meets_the_pdf_writer_as_a_font_problem(tmp_path: Path) -> None:
    (tmp_path / "Brand.ttf").write_text("not a font", encoding="utf-8")
    with pytest.raises(fonts.FontProblem, match=r"'Brand\.ttf' does not hold a TrueType font"):
        fonts.register("Brand.ttf", tmp_path)


def test_generate_with_an_unusable_font_prints_one_line_and_writes_nothing(tmp_path: Path) -> None:
    folder = bundle(tmp_path / "b", "theme:\n  fonts: {body: fonts/Brand.otf}\n")
    shutil.copy(CFF, folder / "fonts" / "Brand.otf")
    result = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "generate", str(folder), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(
        f"{folder / 'sprint.yaml'}:7:17: theme.fonts.body: 'fonts/Brand.otf' has PostScript"
    )
    assert not (tmp_path / "out").exists()

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


def test_a_face_linking_out_of_the_bundle_is_a_located_error(tmp_path: Path) -> None:
    """Made here, not in tests/broken: a link to /etc/passwd would make the sdist unpackable (tar refuses it)."""
    folder = bundle(tmp_path / "b", "theme:\n  fonts: {body: fonts/Brand.ttf}\n")
    (folder / "fonts" / "Brand-Italic.ttf").symlink_to("/etc/passwd")
    done = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "validate", "."], cwd=folder, capture_output=True, text=True
    )
    assert done.returncode == 1
    line = HEAD.count("\n") + 2
    assert done.stderr.splitlines() == [
        (
            f"sprint.yaml:{line}:17: theme.fonts.body: its italic face 'fonts/Brand-Italic.ttf' is a link to a file "
            "outside the bundle folder; copy the file into the folder"
        )
    ]


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


def _family(folder: Path) -> str:
    """A bundle font with all four faces of its own (copies of DejaVu Serif's), under file names no other test uses."""
    (folder / "fonts").mkdir(parents=True)
    serif = fonts.faces("DejaVu Serif")
    for suffix, path in (("", serif.regular), ("-Bold", serif.bold), ("-Italic", serif.italic),
                         ("-BoldItalic", serif.bold_italic)):  # fmt: skip
        shutil.copy(path, folder / "fonts" / f"Lazy{suffix}.ttf")
    return "fonts/Lazy.ttf"


def test_a_face_is_parsed_when_first_used_and_once_for_the_glyph_check_and_the_pdf(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    from sprintdoc.fonts.reportlab_fonts import _parsed

    family = _family(tmp_path)
    found = fonts.faces(family, tmp_path)
    before = _parsed.cache_info().misses
    assert 0x41 in fonts.coverage(found.regular)  # the loader's glyph check parses the regular face
    _, bold, italic, _ = found.names()
    fonts.register(family, tmp_path)
    assert fonts.line_height(found.regular) > 1
    assert _parsed.cache_info().misses == before + 1  # the regular face, read once for all three
    assert all("face" not in vars(pdfmetrics.getFont(name)) for name in (bold, italic))  # registered, not read
    assert pdfmetrics.stringWidth("Sprint", bold, 10) > 0
    assert _parsed.cache_info().misses == before + 2  # the bold face when first measured; never the italic
    assert "face" not in vars(pdfmetrics.getFont(italic))


def test_a_lazy_font_has_what_reportlab_gives_its_own_fonts() -> None:
    """reportlab's TTFont parses in __init__: ours sets the same attributes itself, so a new reportlab that adds
    one fails here rather than in a PDF."""
    from reportlab.pdfbase import ttfonts

    from sprintdoc.fonts.reportlab_fonts import TTFont

    path = fonts.faces("DejaVu Sans").regular
    theirs = ttfonts.TTFont("Theirs", str(path))
    ours = TTFont("Ours", path)
    assert ours.face.charToGlyph  # read now
    assert set(vars(theirs)) == set(vars(ours)) - {"_path"}
    assert (ours._asciiReadable, ours.shapable) == (theirs._asciiReadable, theirs.shapable)


def test_a_damaged_face_met_only_when_drawn_is_a_font_problem(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    family = _family(tmp_path)
    (tmp_path / "fonts" / "Lazy-Italic.ttf").write_bytes(b"\0\1\0\0" + b"\0" * 64)
    fonts.register(family, tmp_path)  # only the regular face is read here
    with pytest.raises(fonts.FontProblem, match=r"Lazy-Italic\.ttf"):
        pdfmetrics.stringWidth("Sprint", fonts.faces(family, tmp_path).names()[2], 10)


def test_two_families_sharing_a_regular_face_keep_their_own_bold(tmp_path: Path) -> None:
    """Fonts are registered once a process: a bundle must never draw with another bundle's faces of the same name."""
    first, second = _family(tmp_path / "a"), _family(tmp_path / "b")
    shutil.copy(fonts.faces("DejaVu Sans").bold, tmp_path / "b" / "fonts" / "Lazy-Bold.ttf")
    a, b = fonts.register(first, tmp_path / "a"), fonts.register(second, tmp_path / "b")
    assert a.names()[1] != b.names()[1]
    assert a.names()[0] != b.names()[0]  # the family's name too: it maps bold text to its bold face

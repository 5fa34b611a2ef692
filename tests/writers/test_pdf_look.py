"""The PDF's look read from the Word template: a restyle in Word restyles the PDF; a theme paints only what it sets."""

from __future__ import annotations

import subprocess
from pathlib import Path

import attrs
import pytest

import sprintdoc
from conftest import JULY, require_tool
from restyle import COMMS_OFFICER, restyle
from sprintdoc.theme import Colour, Colours, Fonts, Theme
from sprintdoc.writers import default_template
from sprintdoc.writers.pdf_look import pdf_look


def hex_of(colour: object) -> str:
    return str(colour.hexval())[2:].upper()  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def restyled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return restyle(default_template(), tmp_path_factory.mktemp("t") / "restyled.docx", COMMS_OFFICER)


def test_the_shipped_template_sets_the_pdf(july: sprintdoc.Bundle) -> None:
    look = pdf_look(default_template(), july.theme, july.root)
    assert hex_of(look.styles["h1"].textColor) == "1F4E79" and look.styles["h1"].fontSize == 18
    assert look.styles["tagline"].word_shading is not None  # the banner is the Tagline style's own fill
    assert look.page.left == pytest.approx(56.7, abs=0.1)  # 2 cm, as the template's page set-up says


def test_a_restyle_in_word_reaches_every_part_of_the_pdf(july: sprintdoc.Bundle, restyled: Path) -> None:
    look = pdf_look(restyled, july.theme, july.root)
    assert hex_of(look.styles["h1"].textColor) == "00703C"
    assert look.styles["h2"].fontName.startswith("DejaVuSerif")
    assert look.styles["body"].fontSize == 12
    assert look.styles["masthead-title"].fontSize == 36
    assert look.page.left == pytest.approx(2.5 / 2.54 * 72, abs=0.1)
    assert "Essex Data Partnership" in look.footer.text(1, 1)


def test_the_restyled_footer_is_in_both_documents(july: sprintdoc.Bundle, restyled: Path, tmp_path: Path) -> None:
    paths = sprintdoc.generate(july, tmp_path, template=restyled)
    shown = subprocess.run([require_tool("pdftotext"), str(paths["pdf"]), "-"], capture_output=True, text=True).stdout
    assert shown.count("Essex Data Partnership · Sprint Notes · July 2021") >= 2  # on every page after the first


def test_a_theme_paints_only_what_it_sets_over_the_template(july: sprintdoc.Bundle, restyled: Path) -> None:
    green = Theme(colours=Colours(primary=Colour("#006400")), name="green")
    look = pdf_look(restyled, green, july.root)
    assert hex_of(look.styles["h1"].textColor) == "006400"  # the theme's primary, over the template's heading colour
    assert look.styles["h2"].fontName.startswith("DejaVuSerif")  # the template's font: the theme sets no font
    serif = Theme(fonts=Fonts(heading="DejaVu Serif"), name="serif")
    look = pdf_look(default_template(), serif, july.root)
    assert look.styles["h1"].fontName.startswith("DejaVuSerif")
    assert hex_of(look.styles["h1"].textColor) == "1F4E79"  # the template's colour: the theme sets none


def test_the_look_is_read_once_per_template_and_theme(july: sprintdoc.Bundle) -> None:
    assert pdf_look(default_template(), july.theme, july.root) is pdf_look(default_template(), july.theme, JULY)
    other = attrs.evolve(july.theme, colours=Colours(accent=Colour("#117864")))
    assert pdf_look(default_template(), other, july.root) is not pdf_look(default_template(), july.theme, july.root)


def test_the_word_document_takes_the_theme_the_same_way(july: sprintdoc.Bundle, restyled: Path, tmp_path: Path) -> None:
    from docx import Document

    green = Theme(colours=Colours(primary=Colour("#006400")), name="green")
    paths = sprintdoc.generate(attrs.evolve(july, theme=green), tmp_path, ["docx"], template=restyled)
    styles = Document(str(paths["docx"])).styles
    assert str(styles["Heading 1"].font.color.rgb) == "006400"
    assert styles["Heading 2"].font.name == "DejaVu Serif"  # the template's font: the theme sets none


def test_a_fallback_family_is_read_only_when_a_character_needs_it() -> None:
    """Reading a font is a cost every run pays: July, all in DejaVu Sans, never reads DejaVu Serif."""
    import subprocess
    import sys

    script = (
        "import io, sprintdoc\n"
        "from reportlab.pdfbase import pdfmetrics\n"
        "from sprintdoc.writers import pdf\n"
        "from sprintdoc.registry import default_registry\n"
        "pdf.write(sprintdoc.load(sys_argv1), io.BytesIO(), default_registry())\n"
        "print(sorted(n for n in pdfmetrics.getRegisteredFontNames() if 'DejaVu' in n))\n"
    ).replace("sys_argv1", repr(str(JULY)))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    registered = done.stdout.strip()
    assert "DejaVuSans" in registered and "DejaVuSerif" not in registered, done.stderr

"""One look from one source: the PDF is set like LibreOffice's rendering of the DOCX, template restyles included.

`shared/acceptance/lookalike.py` compares how the two PDFs set the same probe texts
(title, period, headings, body, caption, quote, current stage, tagline): font family,
bold, italic, size and colour. Each fixture is checked with the shipped template,
with a template restyled as a comms officer would restyle it in Word, and with that
template after a round trip through LibreOffice.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

import sprintdoc
from conftest import FIXTURES, SHARED, require_tool
from restyle import COMMS_OFFICER, Restyle, restyle
from sprintdoc.writers import default_template
from sprintdoc.writers.style_roles import changed

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))
LOOKALIKE = SHARED / "acceptance" / "lookalike.py"
#: What the restyle must show in sprintdoc's own PDF (lookalike's --want).
#: With the theme colour role or font role that, when a bundle's theme sets it, is painted over the probe.
WANTED = (
    ("h1:colour=00703c", "primary", None),
    ("h2:family=dejavuserif", None, "heading"),
    ("body:size=12", None, None),
    ("title:size=36", None, None),
)


def soffice(args: list[str], profile: Path) -> None:
    subprocess.run(
        [require_tool("soffice"), f"-env:UserInstallation=file://{profile}", "--headless", *args],
        check=True,
        capture_output=True,
        timeout=180,
    )


def rendered_by_libreoffice(docx: Path, profile: Path) -> Path:
    out = docx.parent / "libreoffice"
    soffice(["--convert-to", "pdf", "--outdir", str(out), str(docx)], profile)
    return out / f"{docx.stem}.pdf"


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped template, the comms officer's restyle of it, and that restyle saved again by LibreOffice."""
    folder = tmp_path_factory.mktemp("templates")
    restyled = restyle(default_template(), folder / "restyled.docx", COMMS_OFFICER)
    soffice(["--convert-to", "docx", "--outdir", str(folder / "lo"), str(restyled)], folder / "profile")
    return {"shipped": default_template(), "restyled": restyled, "libreoffice": folder / "lo" / "restyled.docx"}


@pytest.mark.slow
@pytest.mark.parametrize("which", ["shipped", "restyled", "libreoffice"])
@pytest.mark.parametrize("bundle", BUNDLES, ids=[b.name for b in BUNDLES])
def test_the_pdf_looks_like_the_word_document(
    bundle: Path, which: str, templates: dict[str, Path], tmp_path: Path
) -> None:
    loaded = sprintdoc.load(bundle)
    paths = sprintdoc.generate(loaded, tmp_path, template=templates[which])
    libreoffice = rendered_by_libreoffice(paths["docx"], tmp_path / "profile")
    roles, fonts = changed(loaded.theme)  # what the bundle's theme sets is painted over the template (both documents)
    wanted = [w for w, role, font in WANTED if role not in roles and font not in fonts] if which != "shipped" else []
    want = [arg for probe in wanted for arg in ("--want", probe)]
    looked = subprocess.run(
        [sys.executable, str(LOOKALIKE), str(bundle), str(paths["pdf"]), str(libreoffice), *want],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert looked.returncode == 0, looked.stdout + looked.stderr
    ours, theirs = len(PdfReader(paths["pdf"]).pages), len(PdfReader(libreoffice).pages)
    assert abs(ours - theirs) <= 1, (ours, theirs)


@pytest.mark.slow
def test_a_libreoffice_saved_template_generates_every_edition_with_no_warning(
    templates: dict[str, Path], tmp_path: Path
) -> None:
    bundle = BUNDLES[0]
    done = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "generate", str(bundle), "-o", str(tmp_path),
         "--template", str(templates["libreoffice"])],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir() if p.is_file()) == [".docx", ".html", ".pdf"]


def test_a_font_the_machine_lacks_is_a_warning_naming_the_style_and_both_documents_are_made(tmp_path: Path) -> None:
    template = restyle(default_template(), tmp_path / "brand.docx", Restyle(heading2_font="Brand Sans Nowhere"))
    done = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "generate", str(BUNDLES[0]), "-o", str(tmp_path / "out"),
         "--template", str(template)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    warnings = [line for line in done.stderr.splitlines() if "Brand Sans Nowhere" in line]
    assert len(warnings) == 1, done.stderr
    assert "warning" in warnings[0] and "heading 2" in warnings[0] and "DejaVu Sans" in warnings[0]
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".html", ".pdf"]

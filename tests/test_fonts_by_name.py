"""Fonts a template names by family: shipped, in the bundle's or template's folder, on the machine, else a stand-in.

The fonts here are the shipped DejaVu faces given other names in their `name` table, so that
a test knows which family each file is without relying on what the machine has installed;
one test asks the machine's own fontconfig, for a family the machine has and sprintdoc does not ship.
"""

from __future__ import annotations

import shutil
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from reportlab.pdfbase.ttfonts import TTFontMaker, TTFontParser

from sprintdoc import fonts
from sprintdoc.fonts import by_name
from sprintdoc.fonts.by_name import fallback_warning, find_family

CFF = Path(__file__).parent / "broken" / "44-font-otf-cff" / "fonts" / "Brand.otf"
CFF_FAMILY = "Sprintdoc Test CFF"  # the family its name table gives
SANS = fonts.faces("DejaVu Sans")
SERIF = fonts.faces("DejaVu Serif")


def name_table(names: dict[int, str]) -> bytes:
    """A `name` table holding the given name IDs as Windows Unicode (US English) records."""
    records, strings = [], b""
    for name_id, text in sorted(names.items()):
        data = text.encode("utf-16-be")
        records.append(struct.pack(">6H", 3, 1, 0x409, name_id, len(data), len(strings)))
        strings += data
    return struct.pack(">3H", 0, len(records), 6 + 12 * len(records)) + b"".join(records) + strings


def font(
    target: Path, family: str, style: str = "Regular", *, source: Path = SANS.regular, typographic: str = ""
) -> Path:
    """A copy of a shipped face whose name table says it is `family` in `style` (`typographic="F/S"`: IDs 16, 17)."""
    names = {1: family, 2: style, 4: f"{family} {style}", 6: f"{family}-{style}".replace(" ", "")}
    if typographic:
        names[16], names[17] = typographic.split("/")
    parser = TTFontParser(str(source))
    maker = TTFontMaker()
    for tag in parser.table:
        maker.add(tag, parser.get_table(tag))
    maker.add("name", name_table(names))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(maker.makeStream())
    return target.resolve()


class Fontconfig:
    """An `fc-match` stand-in: answers patterns from a table, counting what it was asked."""

    def __init__(self, answers: dict[str, Path] | Callable[[str], Path | None]) -> None:
        self.answers = answers
        self.asked: list[str] = []

    def __call__(self, pattern: str) -> str | None:
        self.asked.append(pattern)
        found = self.answers(pattern) if callable(self.answers) else self.answers.get(pattern)
        return str(found) if found else None


def no_fontconfig() -> Fontconfig:
    return Fontconfig({})


@pytest.mark.parametrize("name", ["DejaVu Sans", "dejavu sans", "DEJAVU SANS", "  DejaVu   Sans "])
def test_a_shipped_family_is_found_by_name_in_any_case_without_asking_the_machine(name: str) -> None:
    machine = no_fontconfig()
    match = find_family(name, fc_match=machine)
    assert (match.source, match.faces, match.fallback_from) == ("shipped", SANS, None)
    assert machine.asked == []


def test_a_font_in_a_folder_is_found_by_its_own_family_name_not_its_file_name(tmp_path: Path) -> None:
    regular = font(tmp_path / "brand.ttf", "Brand Sans")
    font(tmp_path / "brand-sans.ttf", "Other Sans")
    match = find_family("brand sans", folders=[tmp_path], fc_match=no_fontconfig())
    assert match.source == "folder"
    assert match.faces.regular == regular
    assert match.faces.bold == match.faces.italic == match.faces.bold_italic == regular
    assert match.missing == ("bold", "italic", "bold italic")
    assert fallback_warning("Normal", match) is None


def test_each_face_is_found_by_its_subfamily(tmp_path: Path) -> None:
    styles = {"Regular": "a.ttf", "Bold": "b.ttf", "Italic": "c.ttf", "Bold Italic": "d.ttf"}
    made = {style: font(tmp_path / file, "Brand Sans", style) for style, file in reversed(styles.items())}
    found = find_family("Brand Sans", folders=[tmp_path], fc_match=no_fontconfig()).faces
    assert (found.regular, found.bold, found.italic, found.bold_italic) == tuple(made[s] for s in styles)


def test_the_typographic_family_gathers_faces_a_legacy_family_splits(tmp_path: Path) -> None:
    """Name IDs 16 and 17: a Semibold file is not the family's regular face, and its Bold is found by ID 17."""
    regular = font(tmp_path / "r.ttf", "Brand Sans", typographic="Brand Sans/Regular")
    bold = font(tmp_path / "b.ttf", "Brand Sans Heavy", "Regular", typographic="Brand Sans/Bold")
    semibold = font(tmp_path / "a.ttf", "Brand Sans Semibold", "Regular", typographic="Brand Sans/Semibold")
    match = find_family("Brand Sans", folders=[tmp_path], fc_match=no_fontconfig())
    assert (match.faces.regular, match.faces.bold, match.missing) == (regular, bold, ("italic", "bold italic"))
    assert find_family("Brand Sans Semibold", folders=[tmp_path], fc_match=no_fontconfig()).faces.regular == semibold


def test_a_family_of_one_odd_style_is_its_own_regular_face_as_word_sees_it(tmp_path: Path) -> None:
    light = font(tmp_path / "l.ttf", "Brand Light", "Light")
    assert find_family("Brand Light", folders=[tmp_path], fc_match=no_fontconfig()).faces.regular == light


def test_the_fonts_subfolder_is_searched_and_the_first_folder_wins_a_face(tmp_path: Path) -> None:
    bundle, template = tmp_path / "bundle", tmp_path / "template"
    ours = font(bundle / "fonts" / "x.ttf", "Brand Sans")
    font(template / "y.ttf", "Brand Sans")
    bold = font(template / "z.ttf", "Brand Sans", "Bold")
    found = find_family("Brand Sans", folders=[bundle, template], fc_match=no_fontconfig()).faces
    assert (found.regular, found.bold) == (ours, bold)


def test_a_font_file_linked_from_outside_the_folder_is_never_read(tmp_path: Path) -> None:
    outside = font(tmp_path / "elsewhere" / "brand.ttf", "Brand Sans")
    (tmp_path / "bundle").mkdir()
    (tmp_path / "bundle" / "brand.ttf").symlink_to(outside)
    match = find_family("Brand Sans", folders=[tmp_path / "bundle"], fc_match=no_fontconfig())
    assert (match.source, match.fallback_from) == ("fallback", "Brand Sans")


def test_a_family_only_the_machine_has_is_found_through_fontconfig() -> None:
    """fonts-dejavu-core installs DejaVu Sans Mono, which sprintdoc does not ship."""
    assert shutil.which("fc-match"), "fontconfig's fc-match is installed on the machines sprintdoc is tested on"
    assert "DejaVu Sans Mono" not in fonts.SHIPPED
    match = find_family("DejaVu Sans Mono")
    assert (match.source, match.fallback_from, match.missing) == ("system", None, ())
    faces = (match.faces.regular, match.faces.bold, match.faces.italic, match.faces.bold_italic)
    assert len(set(faces)) == 4
    beside = find_family("DejaVu Sans Mono", folders=[match.faces.regular.parent], fc_match=no_fontconfig())
    assert beside.faces == match.faces  # each answer is the face its own name table says


def test_a_machine_font_is_asked_for_face_by_face_and_each_answer_read(tmp_path: Path) -> None:
    regular = font(tmp_path / "sys" / "r.ttf", "Brand-Sans, Ltd")
    bold = font(tmp_path / "sys" / "b.ttf", "Brand-Sans, Ltd", "Bold")
    machine = Fontconfig({r"Brand\-Sans\, Ltd": regular, r"Brand\-Sans\, Ltd:bold": bold})
    match = find_family("Brand-Sans, Ltd", fc_match=machine)
    assert (match.source, match.faces.regular, match.faces.bold, match.missing) == (
        "system",
        regular,
        bold,
        ("italic", "bold italic"),
    )


def test_a_machine_answer_of_another_family_falls_back_with_a_warning_naming_style_and_font() -> None:
    machine = Fontconfig(lambda pattern: SANS.regular)  # as fc-match does: something, always
    match = find_family("Brand Sans", fc_match=machine)
    assert (match.source, match.faces, match.fallback_from) == ("fallback", SANS, "Brand Sans")
    assert machine.asked == ["Brand Sans"]
    warning = fallback_warning("Heading 2", match)
    assert warning is not None
    assert warning.startswith(
        "style 'Heading 2' names font 'Brand Sans', which this machine lacks: the PDF uses DejaVu Sans"
    )


@pytest.mark.parametrize(
    ("name", "stand_in"),
    [
        ("Georgia", SERIF),
        ("Times New Roman", SERIF),
        ("Cambria", SERIF),
        ("Garamond", SERIF),
        ("Book Antiqua", SERIF),
        ("Palatino Linotype", SERIF),
        ("Brand Serif", SERIF),
        ("Microsoft Sans Serif", SANS),
        ("Calibri", SANS),
        ("Brand Sans", SANS),
    ],
)
def test_an_unknown_family_falls_back_to_the_shipped_family_it_looks_like(name: str, stand_in: fonts.Faces) -> None:
    match = find_family(name, fc_match=no_fontconfig())
    assert (match.faces, match.fallback_from) == (stand_in, name)


def test_a_cff_font_from_the_machine_is_refused_and_the_warning_says_why() -> None:
    match = find_family(CFF_FAMILY, fc_match=Fontconfig(lambda pattern: CFF))
    assert (match.source, match.fallback_from) == ("fallback", CFF_FAMILY)
    warning = fallback_warning("Title", match)
    assert warning is not None and "found only in files the PDF cannot use" in warning
    assert "PostScript (CFF) outlines" in warning and str(CFF) in warning


def test_a_cff_font_in_a_folder_is_refused(tmp_path: Path) -> None:
    shutil.copy(CFF, tmp_path / "brand.otf")
    match = find_family(CFF_FAMILY, folders=[tmp_path], fc_match=no_fontconfig())
    assert match.fallback_from == CFF_FAMILY
    assert match.passed_over and match.passed_over[0].startswith("'brand.otf' has PostScript (CFF) outlines")


@pytest.mark.parametrize("answer", ["relative/brand.ttf", "/no/such/brand.ttf"])
def test_a_machine_answer_that_is_no_file_is_no_answer(answer: str) -> None:
    match = find_family("Brand Sans", fc_match=lambda pattern: answer)
    assert match.fallback_from == "Brand Sans"


def test_a_folder_font_spares_asking_the_machine(tmp_path: Path) -> None:
    font(tmp_path / "brand.ttf", "Brand Sans")
    machine = Fontconfig(lambda pattern: SANS.regular)
    assert find_family("Brand Sans", folders=[tmp_path], fc_match=machine).source == "folder"
    assert machine.asked == []


def test_the_machine_is_asked_once_per_face_per_process(tmp_path: Path) -> None:
    faces = {style: font(tmp_path / f"{style}.ttf", "Brand Sans", style) for style in ("Regular", "Bold")}
    machine = Fontconfig(lambda pattern: faces["Bold" if ":bold" in pattern else "Regular"])
    first = find_family("Brand Sans", fc_match=machine)
    assert find_family("Brand Sans", fc_match=machine) == first
    assert find_family("Brand Sans", folders=[tmp_path / "empty"], fc_match=machine).faces == first.faces
    assert len(machine.asked) == len(set(machine.asked)) == 4


def test_word_is_expected_to_show_its_own_fonts_only() -> None:
    assert by_name.word_can_show("calibri") and by_name.word_can_show("Times  New Roman")
    assert not by_name.word_can_show("DejaVu Sans") and not by_name.word_can_show("Brand Sans")


def test_faces_found_by_name_are_registered_for_the_pdf(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics

    font(tmp_path / "r.ttf", "Brand Sans")
    font(tmp_path / "b.ttf", "Brand Sans", "Bold", source=SANS.bold)
    found = fonts.register_faces(find_family("Brand Sans", folders=[tmp_path], fc_match=no_fontconfig()).faces)
    regular, bold, _, _ = found.names()
    assert pdfmetrics.getFont(regular).face.filename == str(found.regular)
    assert pdfmetrics.getFont(bold).face.filename == str(found.bold)


def test_files_that_are_no_fonts_are_passed_by_in_a_folder(tmp_path: Path) -> None:
    regular = font(tmp_path / "fonts" / "z.ttf", "Brand Sans")
    (tmp_path / "a.ttf").write_text("not a font", encoding="utf-8")
    (tmp_path / "b.ttf").write_bytes(regular.read_bytes()[:300])
    (tmp_path / "fonts" / "c.ttf").write_bytes(b"\x00\x01\x00\x00\xff\xff" + b"name" * 10)
    assert find_family("Brand Sans", folders=[tmp_path], fc_match=no_fontconfig()).faces.regular == regular


def test_a_name_fontconfig_cannot_take_falls_back() -> None:
    assert by_name.system_fc_match("Brand\0Sans") is None
    assert find_family("Brand\0Sans").fallback_from == "Brand\0Sans"

"""Contrast: every colour pair either document draws is held to WCAG 2.2 AA, for every theme however it is given."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import sprintdoc
from conftest import FIXTURES, JULY
from sprintdoc.cli import main
from sprintdoc.loading import with_theme
from sprintdoc.theme import BUILT_IN, CONTRAST_PAIRS, WHITE, Colour, Colours, Theme

HEAD = "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\nsections: []\n"
#: Colours whose contrast with white is known: about 1.16, 2.05, 2.51, 3.54 and 21 to 1.
PALE, PINK, LILAC, GREY, BLACK = "#EEEEEE", "#FF9999", "#9999FF", "#888888", "#000000"


def problems(**colours: str) -> dict[str, list[str]]:
    theme = Theme(colours=Colours(**{k: Colour(v) for k, v in colours.items()}))
    found: dict[str, list[str]] = {}
    for field, message in theme.contrast_problems():
        found.setdefault(field, []).append(message)
    return found


@pytest.mark.parametrize("theme", BUILT_IN.values(), ids=BUILT_IN.keys())
def test_every_built_in_theme_passes_every_pair(theme: Theme) -> None:
    assert theme.contrast_problems() == []


def test_the_fixtures_themes_pass_every_pair() -> None:
    for folder in (JULY, FIXTURES / "september-2021"):
        assert sprintdoc.load(folder).theme.contrast_problems() == []


def test_every_colour_of_the_theme_is_in_a_pair_and_every_pair_names_a_theme_field() -> None:
    fields = {f.metadata.get("key", f.name) for f in attrs.fields(Colours)}
    assert {p.field for p in CONTRAST_PAIRS} == {f"colours.{f}" for f in fields}
    names = {f.name for f in attrs.fields(Colours)} | {"white"}
    assert all({p.foreground, p.background} <= names for p in CONTRAST_PAIRS)


def test_a_warning_names_the_field_the_ratio_found_and_the_ratio_needed() -> None:
    (message,) = problems(accent=PINK)["colours.accent"]
    found = Colour(PINK).contrast(WHITE)
    assert message == (
        f"card headings in the accent colour on white: contrast {found:.2f}:1 is under the 4.5:1 "
        "WCAG 2.2 AA asks of text"
    )


def test_card_headings_in_the_accent_colour_need_the_ratio_of_small_text() -> None:
    assert 3 < Colour(GREY).contrast(WHITE) < 4.5  # enough for large text and the quote bar, not for 11 pt headings
    assert "card headings" in problems(accent=GREY)["colours.accent"][0]


def test_large_headings_ask_less_than_links_in_the_same_colour() -> None:
    large = [p for p in CONTRAST_PAIRS if p.kind == "large text"]
    assert large and all(p.needed == 3 for p in large)
    assert 3 < Colour(GREY).contrast(WHITE) < 4.5
    (message,) = [m for m in problems(primary=GREY)["colours.primary"] if "on white" in m]
    assert message.startswith("links and pull quotes") and "4.5:1" in message  # the strictest pair, said once


def test_white_on_the_primary_fill_is_checked_for_the_lifecycles_small_names() -> None:
    messages = problems(primary=LILAC)["colours.primary"]
    assert any(m.startswith("white lifecycle stage names on the primary fill") for m in messages)


def test_the_current_stage_fill_is_checked_as_text_background_and_as_a_mark_against_white() -> None:
    (pale,) = problems(current_stage=PALE)["colours.current-stage"]
    assert pale.startswith("the current-stage fill against the strip's white cells") and "3:1" in pale
    (dark,) = problems(current_stage=BLACK)["colours.current-stage"]
    assert dark.startswith("text on the current-stage fill") and "4.5:1" in dark


def test_a_theme_file_given_with_theme_is_checked_where_it_sets_the_colour(tmp_path: Path) -> None:
    (tmp_path / "pale.yaml").write_text(f"colours:\n  accent: '{PINK}'\n", encoding="utf-8")
    bundle = with_theme(sprintdoc.load(JULY), "pale.yaml", base=tmp_path)
    assert [(w.file, w.line, w.column, w.path) for w in bundle.warnings] == [("pale.yaml", 2, 11, "colours.accent")]


def test_the_bundles_own_theme_warnings_give_way_to_the_theme_given(make_bundle: Callable[[str], Path]) -> None:
    bundle = sprintdoc.load(make_bundle(HEAD + f"theme:\n  colours: {{accent: '{PINK}'}}\n"))
    assert [w.path for w in bundle.warnings] == ["theme.colours.accent"]
    assert with_theme(bundle, "default").warnings == ()


def test_generate_with_theme_prints_its_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    theme = tmp_path / "pale.yaml"
    theme.write_text(f"colours:\n  current-stage: '{PALE}'\n", encoding="utf-8")
    assert main(["generate", str(JULY), "-f", "docx", "-o", str(tmp_path / "out"), "--theme", str(theme)]) == 0
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"{theme}:2:18: warning: colours.current-stage: the current-stage fill against")

"""Loading a bundle: text kept as typed and normalised once, warnings located, images and themes read.

The property tests write a sprint.yaml whose every text field holds generated text, as a
JSON-style double-quoted string (JSON is YAML), and check the model holds that text.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sprintdoc
from conftest import JULY
from sprintdoc import images, loading
from sprintdoc.loading import load_theme, loads
from sprintdoc.located import DROPPED_MARK, LINE_BREAK_MARK
from sprintdoc.sections.activity import ActivitySection
from sprintdoc.sections.news import NewsSection
from sprintdoc.sections.past_work import PastWorkSection
from sprintdoc.sections.projects import ProjectsSection
from sprintdoc.sections.text import TextSection
from sprintdoc.theme import SHIPPED_FONTS
from sprintdoc.validation import text_fields
from strategies import markdown_literal

HEAD = "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\n"


def load_text(text: str | bytes, root: Path = JULY) -> sprintdoc.Bundle:
    return loads(text.encode() if isinstance(text, str) else text, root=root)


def problems_of(text: str | bytes) -> list[str]:
    with pytest.raises(sprintdoc.BundleError) as caught:
        load_text(text)
    return [str(p) for p in caught.value.problems]


# -- the fixtures ----------------------------------------------------------------------


def test_the_july_fixture_loads_with_no_warnings(july: sprintdoc.Bundle) -> None:
    assert july.warnings == ()
    assert july.edition.title == "Sprint Notes"
    assert july.edition.slug() == "sprint-notes-july-2021"
    assert [type(s) for s in july.sections][:4] == [NewsSection, ActivitySection, ProjectsSection, PastWorkSection]
    assert july.source == str(JULY / "sprint.yaml")
    news = july.sections[0]
    assert isinstance(news, NewsSection)
    image = news.stories[0].image
    assert image is not None and image.picture is not None and image.picture.format in ("png", "jpeg")


def test_a_sprint_yaml_path_is_a_bundle_too() -> None:
    bundle = sprintdoc.load(JULY / "sprint.yaml")
    assert bundle.root == JULY
    assert bundle.source == str(JULY / "sprint.yaml")


def test_a_missing_bundle_is_a_bundle_error(tmp_path: Path) -> None:
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(tmp_path / "nowhere")
    (problem,) = caught.value.problems
    assert problem.file == str(tmp_path / "nowhere" / "sprint.yaml")
    assert "no such file" in problem.message


def test_a_file_over_the_size_limit_is_refused_up_front(
    make_bundle: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = make_bundle(HEAD + "sections: []\n" + "# padding\n" * 300)
    monkeypatch.setattr(loading, "MAX_FILE_BYTES", 2_000_000)
    (folder / "sprint.yaml").write_bytes((folder / "sprint.yaml").read_bytes() * 1000)
    parsed: list[str] = []
    monkeypatch.setattr(loading.located, "parse", lambda text: parsed.append(text))
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    (problem,) = caught.value.problems
    assert problem.file == str(folder / "sprint.yaml")
    assert problem.message == "the file is 3.1 MB; sprintdoc reads files up to 2 MB"
    with pytest.raises(sprintdoc.BundleError, match="sprintdoc reads files up to 2 MB"):
        loads((folder / "sprint.yaml").read_bytes(), root=folder)
    assert parsed == []


def test_the_size_limit_is_the_documented_one() -> None:
    choices = (Path(__file__).parents[1] / "docs" / "choices.md").read_text(encoding="utf-8")
    assert f"up to {loading.MAX_FILE_BYTES // 1_000_000} MB" in choices


def test_a_sprint_yaml_that_is_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "sprint.yaml")
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(tmp_path)  # a read would wait for a writer: the test would hang
    (problem,) = caught.value.problems
    assert problem.message == "not a regular file but a FIFO (named pipe); give a YAML file"


def test_a_picture_named_many_times_is_decoded_once(
    make_bundle: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    stories = "".join(
        f"      - {{headline: H{i}, body: B, image: {{file: images/duncan-taylor.png, alt: Duncan}}}}\n"
        for i in range(5)
    )
    folder = make_bundle(HEAD + "sections:\n  - kind: news\n    stories:\n" + stories)
    decoded: list[str] = []
    real = images.decode
    monkeypatch.setattr(images, "decode", lambda path, name: decoded.append(name) or real(path, name))
    bundle = sprintdoc.load(folder)
    news = bundle.sections[0]
    assert isinstance(news, NewsSection)
    assert len({id(s.image.picture) for s in news.stories if s.image is not None}) == 1
    assert decoded == ["images/duncan-taylor.png"]


def test_bundle_error_is_a_value_error_and_a_sprintdoc_error() -> None:
    with pytest.raises(ValueError) as caught:
        load_text("")
    assert isinstance(caught.value, sprintdoc.SprintdocError)


# -- text as typed -----------------------------------------------------------------------

YAML_11_SURPRISES = ["No", "NO", "on", "Off", "yes", "1.10", "12:30", "01234", "2021-07-01", "0o17", "1e3", "~", "null"]


@pytest.mark.parametrize("typed", YAML_11_SURPRISES)
def test_every_scalar_stays_the_text_typed(typed: str) -> None:
    bundle = load_text(
        HEAD + f"  strapline: {typed}\nsections:\n  - kind: text\n    title: {typed}\n    body: {typed}\n"
    )
    section = bundle.sections[0]
    assert isinstance(section, TextSection)
    assert bundle.edition.strapline == typed
    assert section.title == typed
    assert section.body.source == typed


def test_an_empty_plain_value_means_not_given() -> None:
    bundle = load_text(HEAD + "  strapline:\n  language:\nsections:\n  - kind: text\n    title: ''\n")
    assert bundle.edition.strapline is None
    assert bundle.edition.language == "en-GB"
    assert bundle.sections[0].title == ""


def test_an_empty_required_value_is_an_error() -> None:
    assert problems_of("sprintdoc: 1\nedition:\n  title:\n  period: P\nsections: []\n") == [
        "sprint.yaml:3:9: edition.title: required, but empty: expected text"
    ]


def test_an_empty_list_value_is_an_empty_list() -> None:
    bundle = load_text(HEAD + "sections:\n  - kind: projects\n    projects:\n      - name: A\n        analysts:\n")
    section = bundle.sections[0]
    assert isinstance(section, ProjectsSection)
    assert section.projects[0].analysts == ()


def test_a_value_cut_at_hash_is_a_warning_and_loads() -> None:
    bundle = load_text(
        HEAD + "  strapline: Sprint #12 recap\n  tagline: Data, People, Action   # our motto\nsections: []\n"
    )
    assert bundle.edition.strapline == "Sprint"
    assert bundle.edition.tagline == "Data, People, Action"
    assert [str(w) for w in bundle.warnings] == [
        (
            "sprint.yaml:5:14: warning: edition.strapline: the text stops before '#12 recap': YAML reads ' #' as the "
            "start of a comment; put the whole value in quotes to keep it"
        )
    ]


def test_a_raw_vertical_tab_is_a_line_break_and_later_marks_stay_true() -> None:
    text = HEAD + "  strapline: Progress\x0bupdates\nsections:\n  - {kind: text, title: A\x0bword, titel: x}\n"
    assert problems_of(text) == ["sprint.yaml:7:33: sections[0].titel: unknown field 'titel'; did you mean 'title'?"]
    bundle = load_text(text.replace("titel", "body"))
    assert bundle.edition.strapline == "Progress\nupdates"
    assert bundle.sections[0].title == "A\nword"
    assert bundle.warnings == ()


def test_an_escaped_vertical_tab_is_a_line_break_too() -> None:
    bundle = load_text(HEAD + '  strapline: "Progress\\vupdates"\nsections: []\n')
    assert bundle.edition.strapline == "Progress\nupdates"
    assert bundle.warnings == ()


@pytest.mark.parametrize(
    ("typed", "kept", "named"),
    [
        ("A\x01B\x1fC", "ABC", "control"),
        ('"A\\x01B\\x1fC"', "ABC", "U+0001, U+001F"),
        ('"A\\uFFFEB\\uFFFF"', "AB", "U+FFFE, U+FFFF"),
        ('"A\\ud800B"', "AB", "U+D800"),
        ('"A\\0B"', "AB", "U+0000"),
    ],
)
def test_characters_a_document_cannot_hold_are_dropped_with_a_warning(typed: str, kept: str, named: str) -> None:
    bundle = load_text(HEAD + f"sections:\n  - kind: text\n    title: {typed}\n    body: {typed}\n")
    section = bundle.sections[0]
    assert isinstance(section, TextSection)
    assert section.title == kept
    assert section.body.source == kept
    assert [(w.line, w.column, w.path) for w in bundle.warnings] == [
        (7, 12, "sections[0].title"),
        (8, 11, "sections[0].body"),
    ]
    assert all(w.warning and f"({named})" in w.message for w in bundle.warnings)


def test_crlf_and_cr_files_read_as_newlines_with_true_lines() -> None:
    for newline in ("\r\n", "\r"):
        text = (
            HEAD
            + 'sections:\n  - kind: text\n    title: "two\n      lines"\n'
            + "    body: |\n      a\n      b\n  - kind: nope\n"
        )
        text = text.replace("\n", newline)
        with pytest.raises(sprintdoc.BundleError) as caught:
            load_text(text)
        assert [(p.line, p.column) for p in caught.value.problems] == [(12, 11)]
        bundle = load_text(text.replace("nope", "text"))
        section = bundle.sections[0]
        assert isinstance(section, TextSection)
        assert section.title == "two lines"
        assert section.body.source == "a\nb\n"


def test_a_bom_is_fine() -> None:
    bundle = load_text(b"\xef\xbb\xbf" + (HEAD + "sections: []\n").encode())
    assert bundle.edition.title == "Sprint Notes"


def test_problems_and_warnings_come_in_file_order() -> None:
    text = (
        HEAD + "  strapline: Sprint #12\n  tagline: [x]\nsections:\n  - kind: text\n    body: a\x01b\n  - kind: nope\n"
    )
    problems = problems_of(text)
    assert [p.split(": ")[0] for p in problems] == [
        "sprint.yaml:5:14",
        "sprint.yaml:6:12",
        "sprint.yaml:9:11",
        "sprint.yaml:10:11",
    ]
    assert "warning" in problems[0] and "warning" in problems[2]


# -- property tests: any text in any field ----------------------------------------------------

PLAIN_FIELDS = [
    "edition.title", "edition.period", "edition.strapline", "edition.publisher", "edition.tagline",
    "news.title", "story.headline", "image.alt", "image.caption", "activity.next.title",
    "project.name", "project.subtitle", "project.sponsor", "project.lead", "project.analysts[0]", "project.aim",
    "lifecycle.title", "timeline.note", "past.name", "past.aim", "past.outcome", "text.title",
]  # fmt: skip
MARKDOWN_FIELDS = ["edition.closing", "story.body", "activity.body", "activity.next.items[0]", "project.done",
                   "project.next", "project.needs", "text.body"]  # fmt: skip

#: Any character but the two noncharacters sprintdoc keeps for its own stand-ins (docs/choices.md).
any_text = st.text(st.characters(blacklist_characters=(LINE_BREAK_MARK, DROPPED_MARK)), min_size=1, max_size=40)


def q(text: str) -> str:
    return json.dumps(text)


def full_bundle(plain: Callable[[str], str], md: Callable[[str], str]) -> str:
    """A sprint.yaml using every text field; `plain(field)` and `md(field)` give each one's YAML value."""
    return f"""sprintdoc: 1
edition:
  title: {plain("edition.title")}
  period: {plain("edition.period")}
  strapline: {plain("edition.strapline")}
  publisher: {plain("edition.publisher")}
  tagline: {plain("edition.tagline")}
  closing: {md("edition.closing")}
sections:
  - kind: news
    title: {plain("news.title")}
    stories:
      - headline: {plain("story.headline")}
        image: {{file: images/duncan-taylor.png, alt: {plain("image.alt")}, caption: {plain("image.caption")}}}
        body: {md("story.body")}
  - kind: activity
    body: {md("activity.body")}
    next:
      title: {plain("activity.next.title")}
      items: [{md("activity.next.items[0]")}]
  - kind: projects
    lifecycle:
      title: {plain("lifecycle.title")}
      stages: [Commissioning, Delivery]
    projects:
      - name: {plain("project.name")}
        subtitle: {plain("project.subtitle")}
        sponsor: {plain("project.sponsor")}
        lead: {plain("project.lead")}
        analysts: [{plain("project.analysts[0]")}]
        aim: {plain("project.aim")}
        done: {md("project.done")}
        next: {md("project.next")}
        needs: {md("project.needs")}
        timeline:
          - {{stage: Commissioning, from: 2021-01, to: present, note: {plain("timeline.note")}}}
  - kind: past-work
    items:
      - {{name: {plain("past.name")}, aim: {plain("past.aim")}, outcome: {plain("past.outcome")}, date: 2021-03}}
  - kind: text
    title: {plain("text.title")}
    body: {md("text.body")}
"""


def read_fields(bundle: sprintdoc.Bundle) -> dict[str, object]:
    news, activity, projects, past, text = bundle.sections
    assert isinstance(news, NewsSection) and isinstance(activity, ActivitySection)
    assert isinstance(projects, ProjectsSection) and isinstance(past, PastWorkSection)
    assert isinstance(text, TextSection)
    story, project, item = news.stories[0], projects.projects[0], past.items[0]
    assert story.image is not None and activity.next is not None and projects.lifecycle is not None
    e = bundle.edition
    return {
        "edition.title": e.title, "edition.period": e.period, "edition.strapline": e.strapline,
        "edition.publisher": e.publisher, "edition.tagline": e.tagline, "edition.closing": e.closing,
        "news.title": news.title, "story.headline": story.headline, "image.alt": story.image.alt,
        "image.caption": story.image.caption, "story.body": story.body, "activity.body": activity.body,
        "activity.next.title": activity.next.title, "activity.next.items[0]": activity.next.items[0],
        "project.name": project.name, "project.subtitle": project.subtitle, "project.sponsor": project.sponsor,
        "project.lead": project.lead, "project.analysts[0]": project.analysts[0], "project.aim": project.aim,
        "project.done": project.done, "project.next": project.next, "project.needs": project.needs,
        "lifecycle.title": projects.lifecycle.title, "timeline.note": project.timeline[0].note,
        "past.name": item.name, "past.aim": item.aim, "past.outcome": item.outcome, "text.title": text.title,
        "text.body": text.body,
    }  # fmt: skip


def normalised(text: str) -> str:
    """What sprintdoc keeps of a text (docs/choices.md): newlines unified, unholdable characters dropped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return "".join(
        c
        for c in text
        if not ("\x00" <= c <= "\x08" or c in "\x0c\ufffe\uffff" or "\x0e" <= c <= "\x1f" or "\ud800" <= c <= "\udfff")
    )


def test_the_full_bundle_template_uses_every_field() -> None:
    fields = read_fields(load_text(full_bundle(q, lambda f: q("x"))))
    assert sorted(fields) == sorted(PLAIN_FIELDS + MARKDOWN_FIELDS)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(PLAIN_FIELDS), any_text), any_text)
def test_any_text_in_any_plain_field_loads_and_survives(chosen: dict[str, str], fallback: str) -> None:
    values = {field: chosen.get(field, fallback) for field in PLAIN_FIELDS}
    values["image.alt"] = "Photo " + values["image.alt"]  # alt text must say something: not blank
    bundle = load_text(full_bundle(lambda f: q(values[f]), lambda f: q("x")))
    got = read_fields(bundle)
    for field in PLAIN_FIELDS:
        assert got[field] == normalised(values[field]), field
    unified = {f: values[f].replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n") for f in PLAIN_FIELDS}
    dropped = [f for f in PLAIN_FIELDS if normalised(values[f]) != unified[f]]
    texts = dict(text_fields(bundle))
    warnings = [w for w in bundle.warnings if not glyph_warning_is_true(w, texts)]
    assert len(warnings) == len(dropped)
    assert all(w.warning and "dropped" in w.message for w in warnings)


def glyph_warning_is_true(warning: sprintdoc.Problem, texts: dict[str, str]) -> bool:
    """Whether a warning is the "no font has" kind, and every character it names is one the fonts lack, or the
    "drawn letter by letter" kind, and the field holds text of each script it names."""
    from sprintdoc import fonts
    from sprintdoc.fonts.scripts import unshaped_scripts

    if "is drawn letter by letter" in warning.message:
        named_scripts = warning.message.split(" text is drawn")[0].split(" and ")
        return set(named_scripts) <= set(unshaped_scripts(texts[warning.path]))
    if "no font has" not in warning.message:
        return False

    named = re.findall(r"\(U\+([0-9A-F]{4,6})\)", warning.message)
    return bool(named) and all(fonts.missing_glyphs(chr(int(code, 16)), "DejaVu Sans") for code in named)


printable = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp", "Zs")) | st.just(" "),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and "  " not in s)


@pytest.mark.slow
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(MARKDOWN_FIELDS), printable), printable)
def test_any_escaped_text_in_any_markdown_field_reads_back_as_the_text(chosen: dict[str, str], fallback: str) -> None:
    values = {field: chosen.get(field, fallback) for field in MARKDOWN_FIELDS}
    bundle = load_text(full_bundle(lambda f: q("x"), lambda f: q(markdown_literal(values[f]))))
    got = read_fields(bundle)
    for field in MARKDOWN_FIELDS:
        md = got[field]
        assert isinstance(md, sprintdoc.Markdown), field
        assert md.plain() == values[field], field
    assert [w for w in bundle.warnings if not glyph_warning_is_true(w, dict(text_fields(bundle)))] == []


# -- images ---------------------------------------------------------------------------------


def test_a_decorative_image_needs_no_alt(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "  logo: {file: images/duncan-taylor.png, decorative: true}\nsections: []\n")
    logo = sprintdoc.load(folder).edition.logo
    assert logo is not None and logo.decorative and logo.alt is None and logo.picture is not None


def test_a_path_that_goes_out_and_back_in_is_inside(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "  logo: {file: images/../images/duncan-taylor.png, alt: x}\nsections: []\n")
    assert sprintdoc.load(folder).edition.logo is not None


def test_a_windows_style_relative_path_is_read(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "  logo: {file: 'images\\duncan-taylor.png', alt: x}\nsections: []\n")
    logo = sprintdoc.load(folder).edition.logo
    assert logo is not None and logo.picture is not None


def test_every_image_is_decoded_once_into_the_model(july: sprintdoc.Bundle) -> None:
    news = july.sections[0]
    assert isinstance(news, NewsSection)
    pictures = [s.image.picture for s in news.stories if s.image is not None]
    assert len(pictures) == 2
    assert all(p is not None and p.width > 0 and p.height > 0 and p.data for p in pictures)


# -- themes ---------------------------------------------------------------------------------


def test_an_inline_theme_and_its_contrast_warnings(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "sections: []\ntheme:\n  colours: {muted: '#BBBBBB'}\n")
    bundle = sprintdoc.load(folder)
    assert bundle.theme.name == "inline"
    assert bundle.theme.colours.muted.hex == "#BBBBBB"
    assert [(w.line, w.path) for w in bundle.warnings] == [(7, "theme.colours.muted")]


def test_a_font_that_is_not_shipped_is_an_error_naming_those_that_are(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "sections: []\ntheme:\n  fonts: {body: Comic Sans}\n")
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    (problem,) = caught.value.problems
    assert (problem.line, problem.column, problem.path) == (7, 17, "theme.fonts.body")
    assert "'Comic Sans' is not a font shipped with sprintdoc" in problem.message
    assert all(font in problem.message for font in SHIPPED_FONTS)


def test_a_theme_file_in_the_bundle(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(HEAD + "sections: []\ntheme: brand.yaml\n")
    (folder / "brand.yaml").write_text("colours:\n  primary: '#003366'\n  primay: '#000000'\n", encoding="utf-8")
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(folder)
    assert [str(p) for p in caught.value.problems] == [
        f"{folder / 'brand.yaml'}:3:3: colours.primay: unknown field 'primay'; did you mean 'primary'?"
    ]
    (folder / "brand.yaml").write_text("colours:\n  primary: '#003366'\n", encoding="utf-8")
    bundle = sprintdoc.load(folder)
    assert (bundle.theme.name, bundle.theme.colours.primary.hex) == ("brand", "#003366")


def test_load_theme_by_name_and_file(tmp_path: Path) -> None:
    assert load_theme("default", tmp_path).name == "default"
    (tmp_path / "dark.yaml").write_text("colours: {primary: '#000000'}\n", encoding="utf-8")
    assert load_theme("dark.yaml", tmp_path, base=tmp_path).colours.primary.hex == "#000000"
    with pytest.raises(sprintdoc.BundleError):
        load_theme("missing.yaml", tmp_path, base=tmp_path)


def test_loading_does_not_touch_the_fixture(tmp_path: Path) -> None:
    copy = tmp_path / "july"
    shutil.copytree(JULY, copy)
    before = sorted(p.name for p in copy.rglob("*"))
    sprintdoc.load(copy)
    assert sorted(p.name for p in copy.rglob("*")) == before


def test_a_character_no_font_has_is_a_warning_naming_the_field(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(
        'sprintdoc: 1\nedition: {title: "Party 🎉", period: July 2021}\n'
        "sections:\n  - kind: text\n    title: Ελληνικά, Русский, Tiếng Việt\n    body: fine\n"
    )
    bundle = sprintdoc.load(folder)
    expected = f"{folder / 'sprint.yaml'}:2:18: warning: edition.title: no font has '🎉' (U+1F389): "
    assert [str(w) for w in bundle.warnings] == [expected + "the PDF shows a box instead"]


@pytest.mark.parametrize(
    ("typed", "named"),
    [
        ("שלום עולם", "Hebrew"),
        ("مرحبا بالعالم", "Arabic"),
        ("اردو زبان", "Arabic"),  # Urdu is written in the Arabic script
        ("Shalom שלום and مرحبا", "Hebrew and Arabic"),
    ],
)
def test_a_script_the_pdf_cannot_shape_is_a_warning_naming_the_field(
    typed: str, named: str, make_bundle: Callable[[str], Path]
) -> None:
    folder = make_bundle(
        "sprintdoc: 1\nedition: {title: Sprint Notes, period: July 2021}\n"
        f"sections:\n  - kind: text\n    title: Languages\n    body: Hello, {typed}\n"
    )
    warnings = [str(w) for w in sprintdoc.load(folder).warnings]
    assert len(warnings) == 1, warnings
    assert f"{folder / 'sprint.yaml'}:6:11: warning: sections[0].body: {named} text is drawn" in warnings[0]
    assert "the Word document shows it correctly" in warnings[0]


def test_scripts_the_pdf_sets_as_typed_give_no_shaping_warning(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(
        "sprintdoc: 1\nedition: {title: Sprint Notes, period: July 2021}\n"
        "sections:\n  - kind: text\n    title: Ελληνικά, Русский, Tiếng Việt, Polski\n"
        "    body: Ελληνικά ✓ — “quoted” café\n"
    )
    assert sprintdoc.load(folder).warnings == ()


@pytest.mark.parametrize("typed", ["বাংলা ভাষা", "ગુજરાતી", "ਪੰਜਾਬੀ"])
def test_a_script_no_shipped_font_has_is_one_warning_naming_the_field(
    typed: str, make_bundle: Callable[[str], Path]
) -> None:
    folder = make_bundle(
        "sprintdoc: 1\nedition: {title: Sprint Notes, period: July 2021}\n"
        f"sections:\n  - kind: text\n    title: Languages\n    body: Hello, {typed}\n"
    )
    warnings = [str(w) for w in sprintdoc.load(folder).warnings]
    assert len(warnings) == 1 and "sections[0].body: no font has" in warnings[0], warnings

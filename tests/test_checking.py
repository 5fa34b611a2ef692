"""A bundle built in code: `validate` finds what loading would, with field paths; `generate` refuses it whole."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import attrs
import pytest

import sprintdoc
from conftest import JULY
from sprintdoc import Bundle, Edition, Image, Section
from sprintdoc.registry import GROUP, Registry, SectionKind
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.text import TextSection


@attrs.frozen
class StraySection(Section):
    """A section whose kind no one registered."""


def _draw(section: Section, out: object) -> None:
    """Nothing: never drawn."""


ONE = SectionKind(name="stray", model=StraySection, draw=_draw)
OTHER = SectionKind(name="stray", model=StraySection, draw=_draw, summary="the same name, another plugin")


def good() -> Bundle:
    story = Story("A headline", "Some *news*.", Image("images/duncan-taylor.png", alt="A dashboard"))
    return Bundle(Edition("Sprint Notes", "July 2021"), [NewsSection(title="News", stories=[story])], root=JULY)


def test_a_good_bundle_built_in_code_has_no_problems() -> None:
    assert sprintdoc.validate(good()) == []


def test_a_loaded_bundle_has_no_problems(july: Bundle) -> None:
    assert [p for p in sprintdoc.validate(july) if not p.warning] == []


def test_every_problem_of_a_bundle_built_in_code_is_listed_with_its_field_path() -> None:
    bundle = Bundle(
        Edition(title=3, period="July 2021", language="english"),  # type: ignore[arg-type]
        [
            NewsSection(stories=[Story("Headline", "Body", Image("images/missing.png", alt="Gone"))]),
            StraySection(title="Lost"),
            TextSection(title="Ring\x07", body="Text"),
            NewsSection(stories=[Story("Photo", "Body", Image("images/duncan-taylor.png"))]),
            "not a section",  # type: ignore[list-item]
        ],
        root=JULY,
    )
    problems = sprintdoc.validate(bundle)
    assert [(p.path, p.message) for p in problems] == [
        ("edition.title", "expected text, got int 3"),
        ("edition.language", "expected a language tag like en-GB, got 'english'"),
        ("sections[0].stories[0].image.file", "no file 'images/missing.png' in the bundle folder"),
        (
            "sections[1].kind",
            (
                "no installed section kind has the model StraySection; "
                "the kinds are: activity, news, past-work, projects, text, what-moved"
            ),
        ),
        ("sections[2].title", "holds 1 character(s) that a document cannot hold (U+0007); remove them"),
        ("sections[3].stories[0].image.alt", "alt text is required (describe the picture, or set decorative: true)"),
        ("sections[4]", "expected a section (an object of a section kind's model), got str 'not a section'"),
    ]
    assert {(p.file, p.line, p.column, p.warning) for p in problems} == {("", 0, 0, False)}
    assert str(problems[0]) == "edition.title: expected text, got int 3"


def test_generate_checks_a_bundle_built_in_code_first_and_writes_nothing(tmp_path: Path) -> None:
    bundle = attrs.evolve(good(), sections=[*good().sections, StraySection()])
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.generate(bundle, tmp_path / "out")
    assert [p.path for p in caught.value.problems] == ["sections[1].kind"]
    assert not (tmp_path / "out").exists()
    with pytest.raises(sprintdoc.BundleError):
        sprintdoc.render_pdf(bundle, tmp_path / "one.pdf")


def test_a_kind_two_plugins_claim_fails_the_bundle_that_uses_it_naming_both() -> None:
    here = __name__
    registry = Registry.from_entry_points(
        [
            *metadata.entry_points(group=GROUP),
            metadata.EntryPoint("stray", f"{here}:ONE", GROUP),
            metadata.EntryPoint("stray", f"{here}:OTHER", GROUP),
        ]
    )
    assert sprintdoc.validate(good(), registry=registry) == []  # a bundle that does not use it is unaffected
    bundle = attrs.evolve(good(), sections=[StraySection()])
    (problem,) = sprintdoc.validate(bundle, registry=registry)
    assert problem.path == "sections[0].kind"
    assert f"({here}:ONE)" in problem.message and f"({here}:OTHER)" in problem.message


def test_bundle_sections_accept_any_iterable_of_sections_and_hold_a_tuple() -> None:
    bundle = Bundle(Edition("T", "P"), (s for s in good().sections))
    assert isinstance(bundle.sections, tuple)
    assert sprintdoc.validate(attrs.evolve(bundle, root=JULY)) == []


def test_a_loaded_bundle_is_not_walked_again_but_a_changed_one_is(monkeypatch: pytest.MonkeyPatch) -> None:
    """`load` made every check; `generate` and `render` would otherwise walk the bundle again (0.3 s at 3000 cards)."""
    import attrs

    from sprintdoc import checking
    from sprintdoc.registry import Registry

    walked: list[object] = []
    real = checking._Checker.model

    def model(self: object, value: object, *args: object) -> object:
        walked.append(value)
        return real(self, value, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(checking._Checker, "model", model)
    loaded = sprintdoc.load(JULY)
    assert sprintdoc.validate(loaded) == list(loaded.warnings) and walked == []
    changed = attrs.evolve(loaded, edition=attrs.evolve(loaded.edition, title="Changed"))
    assert sprintdoc.validate(changed) == [] and walked[0] is changed
    other = Registry({})  # no kinds: the loaded bundle's sections are not this registry's
    assert sprintdoc.validate(loaded, registry=other) != []

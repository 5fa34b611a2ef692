"""Section kinds through entry points, tested with fake entry points (nothing installed)."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

import attrs
import pytest

import sprintdoc
from sprintdoc.loading import loads
from sprintdoc.model import Section
from sprintdoc.registry import GROUP, Registry, SectionKind, default_registry
from sprintdoc.sections import news


@attrs.frozen
class KpiSection(Section):
    """A fake plugin's section: a list of numbers."""

    figures: tuple[str, ...] = ()


def _draw(section: KpiSection, out: object) -> None:
    """Nothing: these tests never draw."""


KPIS = SectionKind(name="kpis", model=KpiSection, draw=_draw, summary="key figures")
KPIS_TOO = SectionKind(name="kpis", model=KpiSection, draw=_draw, summary="another plugin's figures")
MISNAMED = SectionKind(name="kpi", model=KpiSection, draw=_draw)
NEWS_AGAIN = SectionKind(name="news", model=KpiSection, draw=_draw)
NOT_A_KIND = "just a string"

HERE = __name__
BUILT_IN = list(metadata.entry_points(group=GROUP))
BUNDLE = (
    "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: news\n  - kind: kpis\n    figures: [1, 2]\n"
)


def fake(name: str, target: str) -> metadata.EntryPoint:
    return metadata.EntryPoint(name=name, value=target, group=GROUP)


def test_the_built_in_kinds_come_through_entry_points() -> None:
    registry = default_registry()
    assert sorted(registry.kinds) == ["activity", "news", "past-work", "projects", "text", "what-moved"]
    assert registry.problems == ()
    assert registry.kinds["past-work"].origin.endswith("(sprintdoc.sections.past_work:KIND)")
    assert registry.get("news") is news.KIND


def test_a_plugin_kind_works_like_a_built_in() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", f"{HERE}:KPIS")])
    assert registry.problems == ()
    assert registry.kinds["kpis"].origin == f"an unknown distribution ({HERE}:KPIS)"
    bundle = loads(BUNDLE, root=Path(), registry=registry)
    assert bundle.sections[1] == KpiSection(figures=("1", "2"))
    assert registry.kind_of(bundle.sections[1]) is KPIS


def test_a_plugin_that_fails_to_import_is_reported_by_name_and_the_rest_work() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", "tests.no_such_plugin:KIND")])
    (problem,) = registry.problems
    assert problem.startswith("section kind 'kpis' from an unknown distribution (tests.no_such_plugin:KIND) failed")
    assert "ModuleNotFoundError" in problem
    assert sorted(registry.kinds) == ["activity", "news", "past-work", "projects", "text", "what-moved"]
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(BUNDLE, root=Path(), registry=registry)
    assert [str(p) for p in caught.value.problems] == [
        "sprint.yaml:5:11: sections[1].kind: section kind 'kpis' is not available: its plugin failed to load"
    ]


def test_a_plugin_reusing_a_built_in_name_is_refused_naming_both_origins() -> None:
    registry = Registry.from_entry_points([fake("news", f"{HERE}:NEWS_AGAIN"), *BUILT_IN])
    (problem,) = registry.problems
    assert "'news' is claimed twice" in problem
    assert registry.kinds["news"].origin in problem
    assert "(sprintdoc.sections.news:KIND)" in problem
    assert f"an unknown distribution ({HERE}:NEWS_AGAIN)" in problem
    assert registry.get("news") is news.KIND


def test_two_plugins_with_one_name_is_a_clash_for_the_bundle_that_uses_it() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", f"{HERE}:KPIS_TOO"), fake("kpis", f"{HERE}:KPIS")])
    assert registry.get("kpis") is None  # no first-wins, whichever order they are found in
    (problem,) = registry.problems
    assert f"({HERE}:KPIS)" in problem and f"({HERE}:KPIS_TOO)" in problem
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(BUNDLE, root=Path(), registry=registry)
    (error,) = caught.value.problems
    assert (error.line, error.column, error.path) == (5, 11, "sections[1].kind")
    assert f"({HERE}:KPIS)" in error.message and f"({HERE}:KPIS_TOO)" in error.message
    other = BUNDLE.split("  - kind: kpis")[0]
    assert len(loads(other, root=Path(), registry=registry).sections) == 1  # a bundle without kpis is unaffected


def test_the_same_object_listed_twice_is_not_a_clash() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, *BUILT_IN])
    assert registry.problems == ()
    assert len(registry.kinds) == 6


def test_a_kind_whose_name_differs_from_its_entry_point_is_refused() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", f"{HERE}:MISNAMED")])
    (problem,) = registry.problems
    assert "section kind 'kpis'" in problem and "names itself 'kpi'" in problem
    assert "kpis" not in registry.kinds and "kpi" not in registry.kinds
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(BUNDLE, root=Path(), registry=registry)
    assert caught.value.problems[0].message == "section kind 'kpis' is not available: its plugin is broken"


def test_an_entry_point_that_is_not_a_section_kind_is_refused() -> None:
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", f"{HERE}:NOT_A_KIND")])
    (problem,) = registry.problems
    assert "is not a sprintdoc.SectionKind" in problem
    assert registry.left_out == {"kpis": "its plugin is broken"}


def test_an_entry_point_naming_the_model_class_says_to_name_the_record() -> None:
    """interface.md's example names a class (`sprintdoc_kpis:KpiSection`); sprintdoc's entry point names the record."""
    registry = Registry.from_entry_points([*BUILT_IN, fake("kpis", "sprintdoc_kpis:KpisSection")])
    (problem,) = registry.problems
    assert problem.endswith(
        "is not a sprintdoc.SectionKind (it names the model KpisSection: name the kind's record, `module:KIND`)"
    )


def test_kind_of_an_unregistered_section_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        default_registry().kind_of(KpiSection())


def test_one_draw_serves_every_format_and_an_override_only_its_own() -> None:
    def docx_only(section: KpiSection, ctx: object) -> None:
        """What only Word can do."""

    kind = SectionKind(name="kpis", model=KpiSection, draw=_draw, docx=docx_only)
    assert kind.drawer("docx") is docx_only
    assert kind.drawer("pdf") is _draw
    assert kind.drawer("html") is _draw  # a format added later draws through Drawing


def test_a_kind_that_cannot_draw_in_some_format_is_refused_when_made() -> None:
    with pytest.raises(ValueError, match=r"'kpis' cannot be drawn in pdf: give it a `draw`"):
        SectionKind(name="kpis", model=KpiSection, docx=_draw)

"""A third-party section kind, end to end: found through its entry point only, with no change to sprintdoc.

The example plugin (examples/sprintdoc-events) is "installed" for a subprocess by putting
its source and a dist-info folder (the record an installer writes) on PYTHONPATH: the
same discovery path as a pip install, without touching the test environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

import sprintdoc
from sprintdoc.registry import GROUP, Registry, default_registry

ROOT = Path(__file__).resolve().parents[1]
PLUGIN = ROOT / "examples" / "sprintdoc-events"
EXAMPLE = PLUGIN / "example"


def install(site: Path, name: str, entry_points: dict[str, str], modules: dict[str, str] | None = None) -> None:
    """Write a distribution's dist-info (and any modules) into `site`, as an installer would."""
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    lines = [f"[{GROUP}]"] + [f"{k} = {v}" for k, v in entry_points.items()]
    (info / "entry_points.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for module, source in (modules or {}).items():
        (site / f"{module}.py").write_text(source, encoding="utf-8")


def sprintdoc_cli(site: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run `python -m sprintdoc` with the plugins in `site` installed."""
    # this checkout's sprintdoc, not whichever one the environment has installed
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(site), str(PLUGIN / "src"), str(ROOT / "src")]))
    return subprocess.run(
        [sys.executable, "-m", "sprintdoc", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.fixture
def events_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    install(site, "sprintdoc-events", {"events": "sprintdoc_events:KIND"})
    return site


def test_installed_plugin_is_listed_with_its_origin(events_site: Path) -> None:
    result = sprintdoc_cli(events_site, "sections")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert set(rows) == {"news", "activity", "projects", "past-work", "text", "what-moved", "events"}
    assert "sprintdoc-events 1.0 (sprintdoc_events:KIND)" in rows["events"]


def test_plugin_bundle_validates_and_reports_its_own_located_errors(events_site: Path, tmp_path: Path) -> None:
    assert sprintdoc_cli(events_site, "validate", str(EXAMPLE)).returncode == 0
    broken = tmp_path / "broken"
    broken.mkdir()
    text = (EXAMPLE / "sprint.yaml").read_text(encoding="utf-8")
    text = text.replace("date: 2021-10-20", "date: 20 Oct").replace("place: Online", "venue: Online")
    (broken / "sprint.yaml").write_text(text, encoding="utf-8")
    result = sprintdoc_cli(events_site, "validate", ".", cwd=broken)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "sprint.yaml:21:15: sections[1].events[1].date: expected a day like 2021-10-14, got '20 Oct'",
        (
            "sprint.yaml:22:9: sections[1].events[1].venue: unknown field 'venue'; "
            "expected one of: title, date, place, note"
        ),
    ]


def test_new_starts_next_month_from_the_example_plugin_bundle(events_site: Path, tmp_path: Path) -> None:
    made = sprintdoc_cli(events_site, "new", str(EXAMPLE), "--period", "November 2021", "-o", str(tmp_path / "nov"))
    assert made.returncode == 0, made.stderr
    assert "date: 2021-10-20\n" in (tmp_path / "nov" / "sprint.yaml").read_text(encoding="utf-8")
    assert sprintdoc_cli(events_site, "validate", str(tmp_path / "nov")).returncode == 0


def test_plugin_model_problems_are_located(tmp_path: Path) -> None:
    sys.path.insert(0, str(PLUGIN / "src"))
    try:
        registry = Registry.from_entry_points(
            [*default_registry_entry_points(), EntryPoint("events", "sprintdoc_events:KIND", GROUP)]
        )
        text = (EXAMPLE / "sprint.yaml").read_text(encoding="utf-8").replace("2021-10-20", "2021-10-01")
        (tmp_path / "sprint.yaml").write_text(text, encoding="utf-8")
        with pytest.raises(sprintdoc.BundleError) as caught:
            sprintdoc.load(tmp_path, registry=registry)
    finally:
        sys.path.remove(str(PLUGIN / "src"))
    [problem] = caught.value.problems
    assert (problem.line, problem.path) == (21, "sections[1].events[1].date")
    assert problem.message == "is before the event above it (14 October 2021); list soonest first"


ROTA = """
from collections.abc import Iterator

import attrs

from sprintdoc import Section, SectionKind


@attrs.frozen
class Shift:
    who: str
    hours: int


@attrs.frozen
class Week:
    label: str
    shifts: tuple[Shift, ...] = attrs.field(default=(), converter=tuple[Shift, ...])


@attrs.frozen
class RotaSection(Section):
    weeks: tuple[Week, ...] = attrs.field(default=(), converter=tuple[Week, ...])

    def problems(self) -> Iterator[tuple[str, str]]:
        for w, week in enumerate(self.weeks):
            for s, shift in enumerate(week.shifts):
                if shift.hours > 12:
                    yield f"weeks[{w}].shifts[{s}].hours", f"{shift.who}'s shift is over 12 hours"


def draw(section, out):
    pass


KIND = SectionKind(name="rota", model=RotaSection, draw=draw)
"""


def test_plugin_problems_point_at_the_entry_at_fault_when_earlier_entries_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "rota_kind.py").write_text(ROTA, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    registry = Registry.from_entry_points(
        [*default_registry_entry_points(), EntryPoint("rota", "rota_kind:KIND", GROUP)]
    )
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: rota\n    weeks:\n"
        "      - label: [not, text]\n"
        "      - label: Week 2\n        shifts:\n"
        "          - {who: Ann, hours: many}\n"
        "          - {who: Bo, hours: 14}\n"
        "      - label: Week 3\n        shifts:\n"
        "          - {who: Cy, hours: 13}\n",
        encoding="utf-8",
    )
    with pytest.raises(sprintdoc.BundleError) as caught:
        sprintdoc.load(bundle, registry=registry)
    found = [(p.line, p.path, p.message) for p in caught.value.problems]
    assert found == [
        (6, "sections[0].weeks[0].label", "expected text, got a list"),
        (9, "sections[0].weeks[1].shifts[0].hours", "expected a whole number, got 'many'"),
        (10, "sections[0].weeks[1].shifts[1].hours", "Bo's shift is over 12 hours"),
        (13, "sections[0].weeks[2].shifts[0].hours", "Cy's shift is over 12 hours"),
    ]


def test_schema_includes_the_plugin_kind(events_site: Path) -> None:
    result = sprintdoc_cli(events_site, "schema")
    assert result.returncode == 0, result.stderr
    schema = json.loads(result.stdout)
    events = schema["$defs"]["section-events"]
    assert events["properties"]["kind"]["const"] == "events"
    event = schema["$defs"]["Event"]
    assert event["required"] == ["title", "date"]
    assert event["properties"]["date"]["pattern"] == r"^\d{4}-\d{2}-\d{2}$"


def test_broken_plugin_is_reported_by_name_and_the_rest_still_work(tmp_path: Path) -> None:
    site = tmp_path / "site"
    install(site, "sprintdoc-broken", {"kpis": "sprintdoc_kpis_missing:KIND"})
    result = sprintdoc_cli(site, "sections")
    assert result.returncode == 0
    assert "kpis" not in result.stdout.split()
    assert "news" in result.stdout.split()
    assert "section kind 'kpis' from sprintdoc-broken 1.0 (sprintdoc_kpis_missing:KIND) failed to load" in result.stderr
    bundle = tmp_path / "b"
    bundle.mkdir()
    (bundle / "sprint.yaml").write_text(
        "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: kpis\n    title: K\n", encoding="utf-8"
    )
    result = sprintdoc_cli(site, "validate", ".", cwd=bundle)
    assert result.returncode == 1
    assert "sprint.yaml:4:11: sections[0].kind: section kind 'kpis' is not available: its plugin failed to load" in (
        result.stderr.splitlines()
    )
    assert "Traceback" not in result.stderr


def test_plugin_claiming_a_built_in_name_is_refused_naming_both_origins(tmp_path: Path) -> None:
    site = tmp_path / "site"
    source = "import attrs\nfrom sprintdoc.sections.news import KIND as NEWS\nKIND = attrs.evolve(NEWS)\n"
    install(site, "sprintdoc-impostor", {"news": "impostor:KIND"}, {"impostor": source})
    result = sprintdoc_cli(site, "sections")
    assert result.returncode == 0
    assert (
        "section kind 'news' is claimed twice: by sprintdoc 0.1.0 (sprintdoc.sections.news:KIND) "
        "and by sprintdoc-impostor 1.0 (impostor:KIND); "
        "a plugin cannot take a built-in kind's name, so the built-in is kept"
    ) in result.stderr
    news = [line for line in result.stdout.splitlines() if line.startswith("news ")]
    assert news == [next(line for line in news if "sprintdoc.sections.news:KIND" in line)]


KPIS_PLUGIN = """
import attrs
from sprintdoc import Section, SectionKind


@attrs.frozen
class KpiSection(Section):
    pass


def draw(section, out):
    out.section_heading(section.title or "")


KIND = SectionKind(name="kpis", model=KpiSection, draw=draw)
"""


def test_two_plugins_claiming_one_name_fail_only_the_bundles_that_use_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    install(site, "sprintdoc-kpis", {"kpis": "kpis_a:KIND"}, {"kpis_a": KPIS_PLUGIN})
    install(site, "acme-kpis", {"kpis": "kpis_b:KIND"}, {"kpis_b": KPIS_PLUGIN})
    listed = sprintdoc_cli(site, "sections")
    assert listed.returncode == 0, listed.stderr
    (row,) = [line for line in listed.stdout.splitlines() if line.startswith("kpis ")]
    assert "CLASH" in row and "sprintdoc-kpis 1.0 (kpis_a:KIND)" in row and "acme-kpis 1.0 (kpis_b:KIND)" in row
    bundle = tmp_path / "b"
    bundle.mkdir()
    head = "sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n  - kind: news\n"
    (bundle / "sprint.yaml").write_text(head + "  - kind: kpis\n    title: K\n", encoding="utf-8")
    result = sprintdoc_cli(site, "validate", ".", cwd=bundle)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "sprint.yaml:5:11: sections[1].kind: section kind 'kpis' is claimed by 2 plugins: "
        "by sprintdoc-kpis 1.0 (kpis_a:KIND) and by acme-kpis 1.0 (kpis_b:KIND); keep one installed"
    )
    (bundle / "sprint.yaml").write_text(head, encoding="utf-8")
    assert sprintdoc_cli(site, "validate", ".", cwd=bundle).returncode == 0


def default_registry_entry_points() -> list[EntryPoint]:
    """The entry points of the kinds installed here (the built-ins), to build a registry beside them."""
    from importlib.metadata import entry_points

    found = list(entry_points(group=GROUP))
    assert {ep.name for ep in found} >= set(default_registry().kinds)
    return found


@pytest.mark.slow
def test_installed_plugin_generates_every_format_and_outlines_through_the_command(
    events_site: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    made = sprintdoc_cli(events_site, "generate", str(EXAMPLE), "-o", str(out))
    assert made.returncode == 0, made.stderr
    written = [Path(line) for line in made.stdout.splitlines()]
    assert [p.name for p in written] == [f"sprint-notes-october-2021.{fmt}" for fmt in ("docx", "pdf", "html")]
    for path in written:
        shown = sprintdoc_cli(events_site, "outline", str(path), "--json")
        assert shown.returncode == 0, shown.stderr
        assert json.loads(shown.stdout)["sections"][1] == {
            "kind": "events",
            "title": "Upcoming events",
            "items": [{"title": "Show and Share"}, {"title": "Data Ethics Committee"}],
        }

"""Value types: `Number` and dates read from a bundle and write back; a field type sprintdoc cannot read is refused."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import metadata
from pathlib import Path

import attrs
import pytest

import sprintdoc
from sprintdoc import Number
from sprintdoc.dumping import dump
from sprintdoc.loading import loads
from sprintdoc.model import Section
from sprintdoc.new_edition import next_edition
from sprintdoc.registry import GROUP, Registry
from sprintdoc_kpis import KpisSection
from test_plugins import install, sprintdoc_cli

HERE = __name__
BUILT_IN = list(metadata.entry_points(group=GROUP))

#: The project's test plugin (tests/sprintdoc_kpis.py): decimal and date fields, a table, a `carry_over`.
KPIS = Path(__file__).with_name("sprintdoc_kpis.py")

BUNDLE = """\
sprintdoc: 1
edition: {title: Sprint Notes, period: July 2021}
sections:
  - kind: kpis
    title: Key figures
    due: 2021-08-31
    indicators:
      - name: Uptime
        value: 99.950
        target: 99.9
        measured: 2021-07-31
      - name: Spend
        value: -1250.5
        target: "0"
"""


@pytest.fixture
def kpis_site(tmp_path: Path) -> Path:
    """The plugin installed into a site folder, as its source, for the `sprintdoc` command (here it is imported
    from tests/, through a fake entry point)."""
    site = tmp_path / "site"
    install(site, "sprintdoc-kpis", {"kpis": "sprintdoc_kpis:KIND"}, {"sprintdoc_kpis": KPIS.read_text("utf-8")})
    return site


def kpis_registry() -> Registry:
    return Registry.from_entry_points([*BUILT_IN, metadata.EntryPoint("kpis", "sprintdoc_kpis:KIND", GROUP)])


def test_a_plugin_with_number_and_date_fields_loads() -> None:
    registry = kpis_registry()
    assert registry.problems == ()
    (section,) = loads(BUNDLE, root=Path(), registry=registry).sections
    assert isinstance(section, KpisSection)
    uptime, spend = section.indicators
    assert section.due == dt.date(2021, 8, 31)
    assert (uptime.value, uptime.target, uptime.measured) == (Number("99.95"), Number("99.9"), dt.date(2021, 7, 31))
    assert spend.value is not None and spend.value.value == Decimal("-1250.5")
    assert spend.target == Number(0)  # quoted or bare, a scalar is the text typed


def test_sprintdoc_new_round_trips_a_plugin_bundle_with_numbers_and_dates(kpis_site: Path, tmp_path: Path) -> None:
    july = tmp_path / "july"
    july.mkdir()
    (july / "sprint.yaml").write_text(BUNDLE, encoding="utf-8")
    made = sprintdoc_cli(kpis_site, "new", str(july), "--period", "August 2021", "-o", str(tmp_path / "aug"))
    assert made.returncode == 0, made.stderr
    registry = kpis_registry()
    old, new = sprintdoc.load(july, registry=registry), sprintdoc.load(tmp_path / "aug", registry=registry)
    expected = next_edition(old, "August 2021", registry)
    assert (new.edition, new.sections) == (expected.edition, expected.sections)
    written = (tmp_path / "aug" / "sprint.yaml").read_text(encoding="utf-8")
    assert "target: 99.9\n" in written  # as typed
    assert "due: 2021-09-30\n" in written  # the kind's carry_over: a month later
    assert "\nedition: {title: Sprint Notes, period: August 2021}\n" in written  # the file edited, not dumped
    assert '        target: "0"\n' in written and "        value:\n        target: 99.9\n        measured:\n" in written
    assert [i.value for i in new.sections[0].indicators] == [None, None]  # type: ignore[attr-defined]


def test_the_dump_writes_every_value_as_typed_and_loads_back_equal() -> None:
    registry = kpis_registry()
    bundle = loads(BUNDLE, root=Path(), registry=registry)
    text = dump(bundle, registry)
    assert "value: 99.950\n" in text and "due: 2021-08-31\n" in text and "measured: 2021-07-31\n" in text
    assert loads(text, root=Path(), registry=registry).sections == bundle.sections


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("1,234.5", " (write it without thousands separators: 1234.5)"),
        ("3,5", " (write the decimal point as '.': 3.5)"),
        ("1e3", " (write it in full: 1000)"),
        ("lots", ""),
        ("NaN", ""),
    ],
)
def test_a_number_that_cannot_be_read_is_located_with_a_hint(typed: str, hint: str) -> None:
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(BUNDLE.replace("99.950", typed), root=Path(), registry=kpis_registry())
    (problem,) = caught.value.problems
    assert str(problem) == (
        f"sprint.yaml:9:16: sections[0].indicators[0].value: expected a number like 3.5, got '{typed}'{hint}"
    )


def test_a_date_that_is_not_a_day_says_why() -> None:
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads(BUNDLE.replace("2021-07-31", "2021-02-30"), root=Path(), registry=kpis_registry())
    (problem,) = caught.value.problems
    assert problem.path == "sections[0].indicators[0].measured"
    assert problem.message == "expected a date like 2021-10-14, got '2021-02-30' (day is out of range for month)"


@pytest.mark.parametrize(
    ("text", "number", "written"),
    [("3.5", "3.5", "3.5"), ("-2", "-2", "-2"), ("+.5", "0.5", "0.5"), ("1234.50", "1234.50", "1234.50")],
)
def test_number_reads_text_and_writes_it_back(text: str, number: str, written: str) -> None:
    read = Number.from_text(text)
    assert read == Number(Decimal(number))
    assert read.to_text() == written
    assert Number.from_text(read.to_text()) == read


def test_number_made_in_code_is_exact() -> None:
    assert Number(0.1) == Number("0.1") == Number(Decimal("0.10"))
    assert Number(2) < Number("2.5")
    assert f"{Number('3.14159'):.2f}" == "3.14"
    assert Number(Decimal("1E+3")).to_text() == "1000"
    with pytest.raises(ValueError, match="finite"):
        Number(float("inf"))


class Opaque:
    """A class sprintdoc has no way to read from text."""


class ReadOnly:
    """A value type that reads but cannot write itself back."""

    @classmethod
    def from_text(cls, text: str) -> ReadOnly:
        return cls()


@attrs.frozen
class Row:
    label: str
    value: float


@attrs.frozen
class FloatSection(Section):
    rows: tuple[Row, ...] = ()


@attrs.frozen
class DictSection(Section):
    extra: dict[str, str] | None = None


@attrs.frozen
class SetSection(Section):
    tags: frozenset[str] = frozenset()


@attrs.frozen
class OpaqueSection(Section):
    thing: Opaque | None = None


@attrs.frozen
class ReadOnlySection(Section):
    thing: ReadOnly | None = None


def _draw(section: Section, out: object) -> None:
    """Nothing: these kinds never load."""


FLOAT = sprintdoc.SectionKind(name="kpis", model=FloatSection, draw=_draw)
DICT = sprintdoc.SectionKind(name="kpis", model=DictSection, draw=_draw)
SET = sprintdoc.SectionKind(name="kpis", model=SetSection, draw=_draw)
OPAQUE = sprintdoc.SectionKind(name="kpis", model=OpaqueSection, draw=_draw)
READ_ONLY = sprintdoc.SectionKind(name="kpis", model=ReadOnlySection, draw=_draw)


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("FLOAT", "field 'rows[].value' is a float; use sprintdoc.Number (a decimal, written like 3.5)"),
        ("DICT", "field 'extra' is dict[str, str]; use an attrs class (a mapping of its fields)"),
        ("SET", "field 'tags' is frozenset[str]; use tuple[X, ...] (a list)"),
        ("OPAQUE", "field 'thing' is Opaque; give Opaque `from_text(cls, text)` and `to_text(self)`, or a type"),
        ("READ_ONLY", "field 'thing' is ReadOnly, which has from_text but no to_text; give it `to_text(self) -> str`"),
    ],
)
def test_a_field_type_sprintdoc_cannot_read_and_write_is_refused_when_the_plugin_loads(kind: str, message: str) -> None:
    registry = Registry.from_entry_points([*BUILT_IN, metadata.EntryPoint("kpis", f"{HERE}:{kind}", GROUP)])
    (problem,) = registry.problems
    assert problem.startswith(f"section kind 'kpis' from an unknown distribution ({HERE}:{kind}): {message}")
    assert "kpis" not in registry.kinds
    with pytest.raises(sprintdoc.BundleError) as caught:
        loads("sprintdoc: 1\nedition: {title: T, period: P}\nsections:\n- kind: kpis\n", root=Path(), registry=registry)
    assert caught.value.problems[0].message.startswith("section kind 'kpis' is not available: its plugin is broken")


def test_the_built_in_kinds_use_only_types_that_round_trip() -> None:
    assert Registry.from_entry_points(BUILT_IN).problems == ()

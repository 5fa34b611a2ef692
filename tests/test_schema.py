"""`sprintdoc schema`: a JSON Schema generated from the model, that accepts the fixtures and rejects mistakes."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

import attrs
import jsonschema
import pytest
import yaml

from conftest import FIXTURES, JULY
from sprintdoc.loading import loads
from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Section
from sprintdoc.registry import GROUP, Registry, SectionKind
from sprintdoc.schema import SCHEMA_FILE, field_doc, modeline, schema
from sprintdoc.sections.news import Story
from sprintdoc.sections.projects import TimelineEntry
from sprintdoc.theme import Theme
from sprintdoc.validation import yaml_fields


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    generated = schema()
    jsonschema.Draft202012Validator.check_schema(generated)
    return jsonschema.Draft202012Validator(generated)


def fixture_data(folder: Path = JULY) -> Any:
    return yaml.safe_load((folder / "sprint.yaml").read_text(encoding="utf-8"))


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    return [e.message for e in validator.iter_errors(data)]


def test_the_schema_is_draft_2020_12() -> None:
    generated = schema()
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(generated)


@pytest.mark.parametrize("folder", sorted(p for p in FIXTURES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_the_fixtures_validate(validator: jsonschema.Draft202012Validator, folder: Path) -> None:
    assert errors(validator, fixture_data(folder)) == []


def test_a_misspelt_key_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    data = fixture_data()
    projects = next(s for s in data["sections"] if s["kind"] == "projects")["projects"]
    project = next(p for p in projects if "sponsor" in p)
    project["sponser"] = project.pop("sponsor")
    assert any("sponser" in message for message in errors(validator, data))


def test_a_misspelt_top_level_key_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    data = fixture_data()
    data["themes"] = "default"
    assert errors(validator, data)


def test_an_unknown_kind_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    data = fixture_data()
    data["sections"].append({"kind": "gallery", "title": "Photos"})
    assert errors(validator, data)


@pytest.mark.parametrize(
    ("where", "value"),
    [
        (("sections", 2, "projects", 0, "timeline", 0, "from"), "Aprl 2021"),
        (("sections", 2, "projects", 0, "timeline", 0, "to"), "2021-13"),
        (("sprintdoc",), 2),
        (("edition", "title"), ["a", "list"]),
    ],
)
def test_wrong_values_are_rejected(
    validator: jsonschema.Draft202012Validator, where: tuple[Any, ...], value: Any
) -> None:
    data = fixture_data()
    target = data
    for step in where[:-1]:
        target = target[step]
    assert where[-1] in target or where == ("sprintdoc",)
    target[where[-1]] = value
    assert errors(validator, data)


def test_a_required_field_missing_is_rejected(validator: jsonschema.Draft202012Validator) -> None:
    data = copy.deepcopy(fixture_data())
    del data["edition"]["period"]
    assert any("'period' is a required property" in message for message in errors(validator, data))


def test_a_plugin_kind_gets_its_own_branch() -> None:
    from test_registry import HERE

    entry = metadata.EntryPoint(name="kpis", value=f"{HERE}:KPIS", group=GROUP)
    registry = Registry.from_entry_points([*metadata.entry_points(group=GROUP), entry])
    generated = schema(registry)
    validator = jsonschema.Draft202012Validator(generated)
    data = fixture_data()
    data["sections"].append({"kind": "kpis", "figures": ["1"]})
    assert errors(validator, data) == []
    data["sections"][-1]["figurs"] = []
    assert errors(validator, data)


def test_the_command_prints_the_same_schema() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sprintdoc", "schema"], capture_output=True, text=True, check=True, encoding="utf-8"
    )
    assert json.loads(done.stdout) == schema()


# -- an editor's schema: sections told apart by kind, every field described -------------------------------------


def built_in_registry() -> Registry:
    """The built-in kinds only, whatever plugins the test environment has installed."""
    own = [ep for ep in metadata.entry_points(group=GROUP) if ep.value.startswith("sprintdoc.sections.")]
    return Registry.from_entry_points(own)


def bundle_models(registry: Registry) -> list[type]:
    """Every model class a bundle is made of: the bundle, the theme, each kind's model, and what they hold."""
    found: list[type] = []

    def visit(tp: Any) -> None:
        for arg in typing.get_args(tp):
            visit(arg)
        if tp is Section:  # the kinds' models stand for it
            return
        if attrs.has(tp) and not hasattr(tp, "from_text") and tp is not Markdown and tp not in found:
            found.append(tp)
            for field in yaml_fields(tp):
                visit(Theme if field.hook == "theme" else field.type)

    for model in [Bundle, *(registered.kind.model for registered in registry.kinds.values())]:
        visit(model)
    return found


def properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (path, property schema) in a schema, wherever it is nested (but in `if`: a condition, not a field)."""
    if isinstance(node, dict):
        for key, value in node.get("properties", {}).items():
            yield f"{where}.{key}", value
        for key, value in node.items():
            if key != "if":
                yield from properties(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from properties(value, f"{where}[{i}]")


def test_every_field_in_the_schema_has_a_description() -> None:
    described = list(properties(schema()))
    assert len(described) > 60
    assert [where for where, prop in described if not str(prop.get("description", "")).strip()] == []


def test_every_built_in_field_gives_its_own_description() -> None:
    models = bundle_models(built_in_registry())
    assert {Bundle, Theme, Story, TimelineEntry} <= set(models)
    missing = [f"{m.__name__}.{f.name}" for m in models for f in yaml_fields(m) if not field_doc(m, f.name)]
    assert missing == []


def test_a_field_shows_its_models_description() -> None:
    generated = schema()
    assert generated["$defs"]["Story"]["properties"]["headline"]["description"] == field_doc(Story, "headline")
    assert generated["properties"]["theme"]["description"] == field_doc(Bundle, "theme")


def test_a_misspelt_key_in_a_section_is_reported_as_that_key(validator: jsonschema.Draft202012Validator) -> None:
    data = fixture_data()
    story = data["sections"][0]["stories"][0]
    story["headlne"] = story.pop("headline")
    messages = errors(validator, data)
    assert any("'headlne' was unexpected" in message for message in messages), messages
    assert not any("'stories' was unexpected" in message for message in messages), messages


def test_an_unknown_kind_is_reported_with_the_kinds_there_are(validator: jsonschema.Draft202012Validator) -> None:
    data = fixture_data()
    data["sections"].append({"kind": "gallery", "title": "Photos"})
    (message,) = errors(validator, data)
    assert "'gallery' is not one of" in message and "'past-work'" in message


def test_what_the_loader_accepts_as_text_or_empty_the_schema_accepts(
    validator: jsonschema.Draft202012Validator,
) -> None:
    text = (
        "sprintdoc: 1\nedition: {title: Sprint Notes, period: 2021, strapline: }\nsections:\n"
        "  - kind: text\n    title: 12\n    body: 1.10\n"
        "  - kind: projects\n    projects:\n      - {name: true, subtitle: , analysts: }\n"
    )
    loads(text, root=Path())
    assert errors(validator, yaml.safe_load(text)) == []


class Figure:
    """A plugin's own value type that the schema knows nothing of (no `json_schema`)."""

    expected: ClassVar[str] = "a figure like 3.5"

    @classmethod
    def from_text(cls, text: str) -> Figure:
        return cls()

    def to_text(self) -> str:
        return "3.5"


@attrs.frozen
class GaugeSection(Section):
    reading: Figure | None = None
    levels: tuple[str, ...] = ()


GAUGES = SectionKind(name="gauges", model=GaugeSection, draw=lambda section, out: None)


def test_a_plugin_field_without_a_description_gets_one_from_its_type() -> None:
    entry = metadata.EntryPoint(name="gauges", value=f"{__name__}:GAUGES", group=GROUP)
    registry = Registry.from_entry_points([entry])
    assert registry.problems == ()
    generated = schema(registry)
    gauge = generated["$defs"]["section-gauges"]["properties"]
    assert gauge["reading"]["description"] == Figure.expected
    assert gauge["levels"]["description"] == "a list of text"
    assert gauge["title"]["description"] == field_doc(Section, "title")
    validator = jsonschema.Draft202012Validator(generated)
    data = {"sprintdoc": 1, "edition": {"title": "T", "period": "P"}, "sections": [{"kind": "gauges"}]}
    for reading in (3.5, "3.5", 4, None):
        data["sections"][0]["reading"] = reading
        assert errors(validator, data) == [], reading


# -- the schema file beside a bundle, and check-jsonschema ------------------------------------------------------


def check_jsonschema(schema_file: Path, *instances: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--schemafile", str(schema_file), *map(str, instances)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


def test_check_jsonschema_names_a_misspelt_key(tmp_path: Path) -> None:
    schema_file = tmp_path / "sprint.schema.json"
    schema_file.write_text(json.dumps(schema()), encoding="utf-8")
    bundle = tmp_path / "sprint.yaml"
    text = (JULY / "sprint.yaml").read_text(encoding="utf-8")
    bundle.write_text(text.replace("- headline: ", "- headlne: ", 1), encoding="utf-8")
    done = check_jsonschema(schema_file, bundle)
    assert done.returncode == 1
    assert "$.sections[0].stories[0]: Additional properties are not allowed ('headlne' was unexpected)" in done.stdout
    assert "'stories' was unexpected" not in done.stdout


@pytest.mark.parametrize("folder", sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml")), ids=lambda p: p.name)
def test_each_fixture_points_editors_at_the_schema_beside_it(folder: Path) -> None:
    first_line = (folder / "sprint.yaml").read_text(encoding="utf-8").splitlines(keepends=True)[0]
    assert first_line == modeline()
    beside = folder / SCHEMA_FILE
    assert json.loads(beside.read_text(encoding="utf-8")) == schema(built_in_registry()), (
        f"{beside} is out of date: regenerate it with `sprintdoc schema > {beside.relative_to(FIXTURES.parent)}`"
    )
    done = check_jsonschema(beside, folder / "sprint.yaml")
    assert done.returncode == 0, done.stdout + done.stderr


def test_new_writes_the_schema_beside_the_bundle_and_points_at_it(tmp_path: Path) -> None:
    target = tmp_path / "august"
    subprocess.run(
        [sys.executable, "-m", "sprintdoc", "new", str(JULY), "--period", "August 2021", "-o", str(target)],
        check=True,
        capture_output=True,
    )
    text = (target / "sprint.yaml").read_text(encoding="utf-8")
    assert text.startswith(modeline())
    assert json.loads((target / SCHEMA_FILE).read_text(encoding="utf-8")) == schema()
    done = check_jsonschema(target / SCHEMA_FILE, target / "sprint.yaml")
    assert done.returncode == 0, done.stdout + done.stderr

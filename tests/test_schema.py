"""`sprintdoc schema`: a JSON Schema generated from the model, that accepts the fixtures and rejects mistakes."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, JULY
from sprintdoc.registry import GROUP, Registry
from sprintdoc.schema import schema


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

"""docs/bundle-format.md, the reference of `sprint.yaml`: checked against the model so that it cannot drift."""

from __future__ import annotations

import importlib
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml

from conftest import ROOT
from sprintdoc.model import Bundle, Section
from sprintdoc.schema import schema
from sprintdoc.validation import yaml_fields
from test_schema import built_in_registry, bundle_models

DOC = ROOT / "docs" / "bundle-format.md"
TABLE = re.compile(
    r"<!-- fields: ([\w.]+) -->\n\| key \| required \| meaning \| example \|\n\|[- |]+\|\n((?:\|.*\|\n)+)"
)
ROW = re.compile(r"\| `([^`]+)` \| (yes|no) \| (.+?) \| `(.+)` \|")


@attrs.frozen
class Row:
    key: str
    required: bool
    meaning: str
    example: str


def tables() -> dict[type, list[Row]]:
    """Each table of the doc, by the model class its marker names."""
    out: dict[type, list[Row]] = {}
    for dotted, body in TABLE.findall(DOC.read_text(encoding="utf-8")):
        module, _, name = dotted.rpartition(".")
        rows = []
        for line in body.splitlines():
            found = ROW.fullmatch(line)
            assert found, f"{dotted}: a row the test cannot read: {line}"
            rows.append(Row(found[1], found[2] == "yes", found[3], found[4]))
        out[getattr(importlib.import_module(module), name)] = rows
    return out


def expected_keys(model: type) -> dict[str, bool]:
    """The keys a model's table must list, each with whether it is required (a section's `kind` is)."""
    keys = {"kind": True} if issubclass(model, Section) else {}
    return keys | {field.key: field.required for field in yaml_fields(model)}


def test_every_model_of_a_bundle_has_a_table() -> None:
    assert set(tables()) == set(bundle_models(built_in_registry()))


def test_each_table_lists_exactly_the_models_fields_and_which_are_required() -> None:
    wrong = {}
    for model, rows in tables().items():
        listed = {row.key: row.required for row in rows}
        assert len(listed) == len(rows), f"{model.__name__}: a key listed twice"
        if listed != expected_keys(model):
            wrong[model.__name__] = {"the doc": listed, "the model": expected_keys(model)}
    assert wrong == {}


def model_schema(model: type) -> dict[str, Any]:
    """The part of the schema that a model's fields are checked against, nothing required."""
    generated = schema(built_in_registry())
    kinds = {registered.kind.model: name for name, registered in built_in_registry().kinds.items()}
    if model is Bundle:
        part = {k: v for k, v in generated.items() if k not in ("$defs", "$schema")}
    else:
        part = generated["$defs"]["section-" + kinds[model] if model in kinds else model.__name__]
    return {**part, "required": [], "$defs": generated["$defs"]}


@pytest.mark.parametrize("model", sorted(tables(), key=lambda m: m.__name__), ids=lambda m: m.__name__)
def test_each_example_is_a_valid_value_of_its_field(model: type) -> None:
    validator = jsonschema.Draft202012Validator(model_schema(model))
    for row in tables()[model]:
        example = yaml.safe_load(row.example)
        assert isinstance(example, dict) and list(example) == [row.key], row
        assert [e.message for e in validator.iter_errors(example)] == [], row


def yaml_blocks() -> list[Any]:
    return [yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)]


def test_each_yaml_example_is_valid() -> None:
    validator = jsonschema.Draft202012Validator(schema(built_in_registry()))
    edition = {"title": "Sprint Notes", "period": "July 2021"}
    checked = 0
    for block in yaml_blocks():
        if block is None:  # only the editor's comment line
            continue
        if isinstance(block, list):
            bundle = {"sprintdoc": 1, "edition": edition, "sections": block}
        elif "sprintdoc" in block:
            bundle = block
        elif set(block) & {"theme", "checks"}:  # top-level keys
            bundle = {"sprintdoc": 1, "edition": edition, "sections": [], **block}
        else:
            bundle = {"sprintdoc": 1, "edition": edition, "sections": [{"kind": "text", **block}]}
        assert [e.message for e in validator.iter_errors(bundle)] == [], block
        checked += 1
    assert checked >= 7


def relative_links(page: Path) -> list[str]:
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", page.read_text(encoding="utf-8"))
    return [link for link in links if not re.match(r"[a-z]+:", link)]


@pytest.mark.parametrize("page", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name)
def test_every_relative_link_resolves(page: Path) -> None:
    assert [link for link in relative_links(page) if not (page.parent / link).exists()] == []


def test_the_readme_links_to_the_reference() -> None:
    assert "docs/bundle-format.md" in relative_links(ROOT / "README.md")


def test_the_sdist_ships_the_docs_the_readme_links_to(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "sdist", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        shipped = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    wanted = {str((ROOT / link).resolve().relative_to(ROOT)) for link in relative_links(ROOT / "README.md")}
    assert "docs/bundle-format.md" in wanted
    assert wanted - shipped == set()

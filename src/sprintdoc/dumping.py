"""The model back to `sprint.yaml` text: what `sprintdoc new` writes for next month.

Driven by the same field list as validation (`yaml_fields`), so any kind's model,
a plugin's included, dumps to YAML that loads back to an equal model.
"""

from __future__ import annotations

from typing import Any

import attrs
import yaml

from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Month, Section
from sprintdoc.registry import Registry, default_registry
from sprintdoc.theme import Colour, Theme
from sprintdoc.validation import yaml_fields


def dump(bundle: Bundle, registry: Registry | None = None) -> str:
    """`sprint.yaml` text for a bundle (comments and layout of the original are not kept)."""
    registry = registry or default_registry()
    data: dict[str, Any] = {"sprintdoc": 1, "edition": _plain(bundle.edition, registry)}
    if bundle.theme.file is not None:
        data["theme"] = bundle.theme.file
    elif bundle.theme.name != "default" and bundle.theme != Theme():
        data["theme"] = _plain(attrs.evolve(bundle.theme, name="default"), registry, skip_defaults=True)
    if bundle.template is not None:
        data["template"] = bundle.template
    data["sections"] = [_plain(section, registry) for section in bundle.sections]
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def _plain(value: Any, registry: Registry, skip_defaults: bool = True) -> Any:
    if isinstance(value, Markdown):
        return value.source
    if isinstance(value, (Month, Colour)):
        return str(value) if isinstance(value, Month) else value.hex
    if isinstance(value, bool | int | str):
        return value
    if isinstance(value, tuple | list):
        return [_plain(v, registry) for v in value]
    if attrs.has(type(value)):
        out: dict[str, Any] = {}
        if isinstance(value, Section):
            out["kind"] = registry.kind_of(value).name
        defaults = {f.name: f.default for f in attrs.fields(type(value))}
        for field in yaml_fields(type(value)):
            item = getattr(value, field.name)
            default = defaults[field.name]
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                default = default.factory()
            if item is None or (skip_defaults and not field.required and item == default):
                continue
            out[field.key] = _plain(item, registry)
        return out
    raise TypeError(f"cannot write {type(value).__name__} to YAML")


class _Dumper(yaml.SafeDumper):
    """Block style; multi-line text as `|` blocks."""


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _str)

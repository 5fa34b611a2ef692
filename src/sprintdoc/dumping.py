"""The model back to `sprint.yaml` text: what `sprintdoc new` writes for next month.

Driven by the same field list as validation (`yaml_fields`), so any kind's model,
a plugin's included, dumps to YAML that loads back to an equal model; a value type
(`Number`, `date`, `Month`, a plugin's own) writes itself with its `to_text`.
"""

from __future__ import annotations

from typing import Any

import attrs
import yaml

from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Section
from sprintdoc.registry import Registry, default_registry
from sprintdoc.theme import Theme
from sprintdoc.values import text_type, yaml_fields


def dump(bundle: Bundle, registry: Registry | None = None) -> str:
    """`sprint.yaml` text for a bundle (comments and layout of the original are not kept)."""
    registry = registry or default_registry()
    data: dict[str, Any] = {"sprintdoc": 1}
    if bundle.previous is not None:
        data["previous"] = bundle.previous
    data["edition"] = _plain(bundle.edition, registry)
    if bundle.theme.file is not None:
        data["theme"] = bundle.theme.file
    elif bundle.theme.name != "default" and bundle.theme != Theme():
        data["theme"] = _plain(attrs.evolve(bundle.theme, name="default"), registry, skip_defaults=True)
    if bundle.template is not None:
        data["template"] = bundle.template
    if bundle.checks.skip:
        data["checks"] = _plain(bundle.checks, registry)
    data["sections"] = [_plain(section, registry) for section in bundle.sections]
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def flow(value: Any, registry: Registry | None = None) -> str:
    """A value (a model, or a list) as YAML on one line, `{name: Uptime, target: 99.9}`: to write in place."""
    plain = _plain(value, registry or default_registry())
    text: str = yaml.dump(
        plain, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, sort_keys=False, width=1 << 30
    )
    return text.strip()


def _plain(value: Any, registry: Registry, skip_defaults: bool = True) -> Any:
    if isinstance(value, Markdown):
        return value.source
    value_type = text_type(type(value))
    if value_type is not None and value_type.to_text is not None:
        return _ValueText(value_type.to_text(value))
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


class _ValueText(str):
    """A value type's text (`3.5`, `2021-10-20`): written bare where plain YAML can hold it, as a person types it.

    A bare `3.5` is a float to other YAML readers, but sprintdoc reads every scalar as the text typed.
    """


def _value_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    tag: str = dumper.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return dumper.represent_scalar(tag, text)


def _str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    if "\n" in text:
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", text)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(_ValueText, _value_text)

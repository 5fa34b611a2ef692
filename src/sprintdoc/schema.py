"""The JSON Schema of `sprint.yaml`, generated from the model (and the installed section kinds), for editors."""

from __future__ import annotations

import re
import types
import typing
from typing import Any, Literal, get_args, get_origin

import attrs

from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Month, Section
from sprintdoc.registry import Registry, default_registry
from sprintdoc.theme import BUILT_IN, Colour, Theme
from sprintdoc.validation import yaml_fields

_PATTERNS = {Month: r"^\d{4}-(0[1-9]|1[0-2])$", Colour: r"^#[0-9A-Fa-f]{6}$"}


def schema(registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bundle, with one branch per installed section kind."""
    registry = registry or default_registry()
    defs: dict[str, Any] = {}
    root = _object(Bundle, defs, registry)
    root["properties"]["sprintdoc"] = {"const": 1, "description": "the format version"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sprintdoc bundle (sprint.yaml), format 1",
        **root,
        "$defs": defs,
    }


def _name(cls: type) -> str:
    return cls.__name__


def _object(cls: type, defs: dict[str, Any], registry: Registry, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = dict(extra or {})
    required = list(extra or {})
    for field in yaml_fields(cls):
        if field.hook == "theme":
            properties[field.key] = {
                "anyOf": [
                    {"type": "string", "description": f"a built-in theme ({', '.join(BUILT_IN)}) or a theme file"},
                    _type(Theme, defs, registry),
                ]
            }
        elif field.hook == "template":
            properties[field.key] = {
                "type": "string",
                "description": "the Word template (.docx) to write from, a path inside the bundle folder",
            }
        else:
            properties[field.key] = _type(field.type, defs, registry)
        if field.required:
            required.append(field.key)
    out: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False}
    if cls.__doc__:
        out["description"] = cls.__doc__.strip().splitlines()[0]
    if required:
        out["required"] = required
    return out


def _type(tp: Any, defs: dict[str, Any], registry: Registry) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_type(a, defs, registry) for a in get_args(tp) if a is not type(None)]
        return options[0] if len(options) == 1 else {"anyOf": options}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(tp)[0], defs, registry)}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if tp is Section:
        return {"anyOf": [{"$ref": f"#/$defs/{_kind_def(name, registered.kind.model, defs, registry)}"}
                          for name, registered in sorted(registry.kinds.items())]}  # fmt: skip
    if isinstance(getattr(tp, "json_schema", None), dict):
        return dict(tp.json_schema)
    if attrs.has(tp) and not hasattr(tp, "from_text") and tp is not Markdown:
        name = _name(tp)
        if name not in defs:
            defs[name] = {}  # placeholder, for recursive models
            defs[name] = _object(tp, defs, registry)
        return {"$ref": f"#/$defs/{name}"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp in _PATTERNS:
        return {"type": "string", "pattern": _PATTERNS[tp], "description": str(tp.expected)}
    if tp is Markdown:
        return {"type": "string", "description": "Markdown"}
    return {"type": "string"}


def _kind_def(name: str, model: type, defs: dict[str, Any], registry: Registry) -> str:
    key = "section-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
    if key not in defs:
        defs[key] = _object(model, defs, registry, extra={"kind": {"const": name}})
    return key

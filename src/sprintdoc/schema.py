"""The JSON Schema of `sprint.yaml`, generated from the model (and the installed section kinds), for editors.

Every property carries a description: the model field's `metadata={"doc": ...}` (every
built-in field has one; docs/section-kinds.md tells plugins to do the same), else one
made from the field's type. Sections are told apart by their `kind` (`if`/`then`), so
a validator or an editor checks a section against its own kind's fields only, and a
misspelt key is reported as that key.
"""

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

#: The attrs metadata key of a field's description, for `sprintdoc schema` (and so for editors).
DOC = "doc"

#: The name of the file `sprintdoc new` writes the schema to, beside `sprint.yaml`.
SCHEMA_FILE = "sprint.schema.json"

_PATTERNS = {Month: r"^\d{4}-(0[1-9]|1[0-2])$", Colour: r"^#[0-9A-Fa-f]{6}$"}
# sprintdoc reads every scalar as the text typed, so `period: 2021` or `body: 1.10` is text to it, not a mistake.
_SCALAR = ["string", "number", "boolean"]
_SECTION = "section"


def schema(registry: Registry | None = None) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a bundle, with one branch per installed section kind."""
    registry = registry or default_registry()
    defs: dict[str, Any] = {}
    root = _object(Bundle, defs, registry)
    version = root["properties"]["sprintdoc"]
    root["properties"]["sprintdoc"] = {"const": 1, "description": version["description"]}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "sprintdoc bundle (sprint.yaml), format 1",
        **root,
        "$defs": defs,
    }


def modeline(schema_path: str = SCHEMA_FILE) -> str:
    """The comment that points yaml-language-server editors (VS Code's YAML extension) at a schema file."""
    return f"# yaml-language-server: $schema={schema_path}\n"


def field_doc(cls: type, name: str) -> str | None:
    """The description a model field gives (`metadata={"doc": ...}`), or None."""
    doc = attrs.fields_dict(cls)[name].metadata.get(DOC)
    return str(doc) if doc else None


def _object(cls: type, defs: dict[str, Any], registry: Registry, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = dict(extra or {})
    required = list(extra or {})
    defaults = {f.name: f.default for f in attrs.fields(cls)}
    for field in yaml_fields(cls):
        prop: dict[str, Any]
        if field.hook == "theme":
            prop = {
                "anyOf": [
                    {"type": "string", "description": f"a built-in theme ({', '.join(BUILT_IN)}) or a theme file"},
                    _type(Theme, defs, registry),
                ]
            }
        elif field.hook == "template":
            prop = {"type": "string"}
        else:
            prop = _type(field.type, defs, registry)
        prop["description"] = field_doc(cls, field.name) or prop.get("description") or _what(field.type)
        if isinstance(defaults[field.name], str | bool | int):
            prop["default"] = defaults[field.name]
        properties[field.key] = prop
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
        out = options[0] if len(options) == 1 else {"anyOf": options}
        return _nullable(out) if type(None) in get_args(tp) else out
    if origin is tuple:
        return {"type": ["array", "null"], "items": _type(get_args(tp)[0], defs, registry)}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if tp is Section:
        return {"$ref": f"#/$defs/{_sections(defs, registry)}"}
    if isinstance(getattr(tp, "json_schema", None), dict):
        return dict(tp.json_schema)
    if attrs.has(tp) and not hasattr(tp, "from_text") and tp is not Markdown:
        name = tp.__name__
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
        return {"type": list(_SCALAR), "description": "Markdown"}
    if hasattr(tp, "from_text") and isinstance(getattr(tp, "expected", None), str):
        # A value type the schema cannot know (a plugin's, or one newer than this module): any scalar, checked
        # by its own from_text when the bundle is loaded.
        return {"type": list(_SCALAR), "description": tp.expected}
    return {"type": list(_SCALAR)}


def _nullable(out: dict[str, Any]) -> dict[str, Any]:
    """`out`, also accepting an empty value (`subtitle:`), which the reader takes as "not given"."""
    if "anyOf" in out:
        return {**out, "anyOf": [*out["anyOf"], {"type": "null"}]}
    if "type" in out:
        kinds = out["type"] if isinstance(out["type"], list) else [out["type"]]
        return {**out, "type": [*kinds, *(["null"] if "null" not in kinds else [])]}
    # A `$ref` is left strict: wrapping it in `anyOf` would turn a misspelt key inside it into "not valid under any".
    return out


def _sections(defs: dict[str, Any], registry: Registry) -> str:
    """The `section` definition: `kind` is one of the installed kinds, and picks the branch the section must match."""
    if _SECTION not in defs:
        defs[_SECTION] = {}  # placeholder, for a kind whose model holds sections
        kinds = sorted(registry.kinds.items())
        branches = [
            {
                "if": {"type": "object", "properties": {"kind": {"const": name}}, "required": ["kind"]},
                "then": {"$ref": f"#/$defs/{_kind_def(name, registered.kind.model, defs, registry)}"},
            }
            for name, registered in kinds
        ]
        summaries = "; ".join(f"`{name}`: {r.kind.summary}" if r.kind.summary else f"`{name}`" for name, r in kinds)
        defs[_SECTION] = {
            "type": "object",
            "description": "A section of the newsletter; its `kind` says which fields it has.",
            "properties": {"kind": {"enum": [name for name, _ in kinds], "description": f"The kind: {summaries}."}},
            "required": ["kind"],
            "allOf": branches,
        }
    return _SECTION


def _kind_def(name: str, model: type, defs: dict[str, Any], registry: Registry) -> str:
    key = "section-" + re.sub(r"[^A-Za-z0-9_-]", "_", name)
    if key not in defs:
        kind = {"const": name, "description": f"This section's kind, `{name}`."}
        defs[key] = _object(model, defs, registry, extra={"kind": kind})
    return key


def _what(tp: Any) -> str:
    """A description made from a field's type, for a plugin field that gives none."""
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_what(a) for a in get_args(tp) if a is not type(None))
    if origin is tuple:
        return f"a list of {_what(get_args(tp)[0])}"
    if origin is Literal:
        return "one of " + ", ".join(repr(v) for v in get_args(tp))
    known = {str: "text", Markdown: "Markdown text", bool: "true or false", int: "a whole number"}
    if tp in known:
        return known[tp]
    if isinstance(getattr(tp, "expected", None), str):
        return str(tp.expected)
    name = getattr(tp, "__name__", str(tp))
    doc = (getattr(tp, "__doc__", None) or "").strip()
    return f"{name}: {doc.splitlines()[0]}" if doc else name

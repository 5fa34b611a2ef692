"""`sprintdoc new`: next month's bundle started from this one, ready for writing."""

from __future__ import annotations

import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import yaml

from sprintdoc.dumping import dump
from sprintdoc.dumping import flow as flow_yaml
from sprintdoc.errors import BundleError, Problem
from sprintdoc.fonts import is_file_family
from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Image, slugify
from sprintdoc.monthly import REVIEW, mark, marks, monthly, text_of
from sprintdoc.output import write_together
from sprintdoc.registry import Registry, default_registry
from sprintdoc.schema import SCHEMA_FILE, modeline, schema
from sprintdoc.values import is_model, text_type, yaml_fields
from sprintdoc.yaml_edits import Slot, TextEdits, Written, compose


def next_edition(bundle: Bundle, period: str, registry: Registry | None = None) -> Bundle:
    """The bundle for `period`: each section as its kind carries it over (news and card updates emptied)."""
    registry = registry or default_registry()
    sections = tuple(registry.kind_of(s).carry_over(s) for s in bundle.sections)
    return attrs.evolve(bundle, edition=attrs.evolve(bundle.edition, period=period), sections=sections)


def default_folder(bundle: Bundle, period: str) -> Path:
    """Where next month's bundle goes by default: beside this one, named after the period (`august-2021`).

    Beside it even when the bundle is the current folder (`.`, whose `parent` is `.` again): `../august-2021`.
    """
    name = slugify(period) or "next"
    if bundle.root.name in ("", ".", ".."):
        return Path(os.path.relpath(bundle.root.absolute().parent / name))
    return bundle.root.parent / name


def write_new_bundle(bundle: Bundle, period: str, folder: Path, registry: Registry | None = None) -> Path:
    """Write next month's `sprint.yaml` and copy the files it still names; returns the sprint.yaml written.

    The file is this bundle's, edited (`new_text`): comments, quoting and layout kept. Beside it goes
    `sprint.schema.json`, the schema of the installed kinds, which the file's first line points editors at
    (docs/bundle-format.md, "In an editor").
    """
    target = folder / "sprint.yaml"
    if target.exists():
        raise BundleError([Problem(str(target), 0, 0, "", "already exists; choose another folder with -o")])
    new = attrs.evolve(next_edition(bundle, period, registry), previous=_relative(bundle.root, folder))
    if bundle.source:
        source = (bundle.root / Path(bundle.source).name).read_bytes().decode("utf-8")
    else:  # a bundle made in code has no file to keep
        source = modeline() + dump(bundle, registry)
    text = new_text(source, bundle, new, registry)
    carried = [image.file for image in _images(new)]
    carried += [f for f in (new.theme.fonts.body, new.theme.fonts.heading) if is_file_family(f)]
    carried += [new.theme.file] if new.theme.file else []
    carried += [new.template] if new.template else []
    for name in carried:
        source_file, copy = bundle.root / name, folder / name
        if not copy.exists():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source_file, copy)
    editor_schema = json.dumps(schema(registry), indent=2, ensure_ascii=False) + "\n"
    write_together({folder / SCHEMA_FILE: editor_schema.encode("utf-8"), target: text.encode("utf-8")})
    return target


def _relative(old: Path, new: Path) -> str | None:
    """The path from the folder `new` to the folder `old`, as `previous:` gives it (`../july-2021`); None if there
    is none (two drives on Windows)."""
    try:
        return Path(os.path.relpath(old.resolve(), new.resolve())).as_posix()
    except ValueError:
        return None


def new_text(text: str, old: Bundle, new: Bundle, registry: Registry | None = None) -> str:
    """Next month's `sprint.yaml`: `text` (old's) edited to say `new`, with carried text marked and a header line.

    Only what differs is written; every comment, quote and line of layout is kept. Each `monthly: "review"`
    field that carries text gets `monthly.mark` on the line above its key (an old mark there is replaced); the
    header line, after the editor modeline, names the edition: `# Sprint Notes, August 2021: started from July
    2021 by sprintdoc new`.
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    edit = _Rewrite(text[len(bom) :], registry, _one_line(old.edition.period))
    title, period = new.edition.title, new.edition.period
    edit.header(_one_line(f"# {title}, {period}: started from {old.edition.period} by sprintdoc new"))
    edit.bundle(old, new)
    edit.mark()
    return bom + edit.edits.result()


def rewrite(text: str, old: Bundle, new: Bundle, registry: Registry | None = None) -> str:
    """`text`, the `sprint.yaml` `old` was read from, edited to say `new`: only the values that differ are written."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    edit = _Rewrite(text[len(bom) :], registry, None)
    edit.bundle(old, new)
    return bom + edit.edits.result()


_HEADER = re.compile(r"#.*\bstarted from\b.*\bby `?sprintdoc new`?\.?\s*")
_MODELINE = "# yaml-language-server:"


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Rewrite:
    """The edits that make one edition's `sprint.yaml` say another: values, marks above carried text, header."""

    def __init__(self, text: str, registry: Registry | None, marked: str | None) -> None:
        self.edits = TextEdits(text)
        self.registry = registry
        #: The period a mark names as the text's (None: no marks).
        self.marked = marked
        self.marks: dict[int, list[str]] = {}
        root = compose(text)
        assert isinstance(root, yaml.MappingNode)
        self.root = root

    def bundle(self, old: Bundle, new: Bundle) -> None:
        """Edit `previous`, the edition and each section."""
        top = self.edits.entries(self.root)
        if new.previous != old.previous:
            if "previous" in top:
                self.edits.set(top["previous"], self.written(new.previous, top["previous"], None))
            else:  # beside the format version, where it is seen: it says which edition this one follows
                self.edits.add(
                    self.root, "previous", self.written(new.previous, None, self.root), after=top.get("sprintdoc")
                )
        edition, sections = top["edition"], top["sections"]
        assert edition.key is not None and sections.key is not None
        self.value(False, old.edition, new.edition, edition, self.edits.block_key_line(edition.key))
        anchor = self.edits.block_key_line(sections.key)
        for slot, before, after in zip(self.edits.items(sections.node), old.sections, new.sections, strict=True):
            self.value(False, before, after, slot, anchor)

    def model(self, cls: type, old: Any, new: Any, node: yaml.Node, anchor: int | None) -> None:
        """Edit the fields of one model (a mapping in the file); `anchor`: where a line a mark can go above starts,
        for a key that does not start its line (in `{…}`)."""
        slots = self.edits.entries(node)
        defaults = {f.name: f.default for f in attrs.fields(cls)}
        for field in yaml_fields(cls):
            before, after = getattr(old, field.name), getattr(new, field.name)
            default = defaults[field.name]
            default = default.factory() if isinstance(default, attrs.Factory) else default  # type: ignore[arg-type]
            emptied = not field.required and after == default
            slot = slots.get(field.key)
            if slot is None:
                if before != after and not emptied:
                    self.edits.add(node, field.key, self.written(after, None, node))
                continue
            line = self.edits.block_key_line(slot.key) if slot.key is not None else None
            here = anchor if line is None else line
            carried = self.marked is not None and monthly(cls, field.name) == REVIEW and text_of(after).strip()
            if carried and here is not None:
                self.marks.setdefault(here, []).append(text_of(after))
            self.value(emptied, before, after, slot, here)

    def value(self, emptied: bool, old: Any, new: Any, slot: Slot, anchor: int | None) -> None:
        """Edit one value: within it where old and new have the same shape, else the whole value (`emptied`: to
        a field's default, written as nothing, or `[]` for a list)."""
        node = slot.node
        # An alias is written whole: what it names is shared, and stays as it was where it was written.
        if not slot.alias and is_model(new) and type(old) is type(new) and isinstance(node, yaml.MappingNode):
            self.model(type(new), old, new, node, anchor)
            return
        lists = isinstance(new, tuple) and isinstance(old, tuple) and isinstance(node, yaml.SequenceNode)
        if not slot.alias and lists and len(old) == len(new) == len(node.value):
            for item, before, after in zip(self.edits.items(node), old, new, strict=True):
                self.value(False, before, after, item, anchor)
            return
        if old == new:
            return
        if emptied:
            self.edits.set(slot, "[]" if isinstance(new, tuple) else "")
        else:
            self.edits.set(slot, self.written(new, slot, None))

    def written(self, value: Any, slot: Slot | None, mapping: yaml.Node | None) -> Written:
        """How a value is written: in the place of `slot`, or as a new entry of `mapping`."""
        text = _scalar_text(value)
        if text is None:
            return flow_yaml(value, self.registry)
        if slot is not None or not isinstance(mapping, yaml.MappingNode):
            return self.edits.write(text, slot)
        indent = mapping.value[0][0].start_mark.column + 2 if mapping.value else 2
        return self.edits.write(text, flow=bool(mapping.flow_style), indent=indent)

    def mark(self) -> None:
        """Write the marks above the keys of carried text, each replacing an old mark there."""
        assert self.marked is not None
        text, nl = self.edits.text, self.edits.newline
        old_marks = {found.line for found in marks(text)}
        for at, texts in self.marks.items():
            line = text.count("\n", 0, at) + 1
            above = at
            while line > 1:
                start = self.edits.line_start(above - 1)
                if not text[start:above].lstrip().startswith("#"):
                    break
                line -= 1
                if line in old_marks:
                    self.edits.replace(start, above, "")
                above = start
            indent = _indent(text, at)
            self.edits.replace(at, at, "".join(mark(self.marked, t, indent) + nl for t in texts))

    def header(self, line: str) -> None:
        """Replace the header line a previous `sprintdoc new` wrote, or add one after the modeline (and that, if
        there is none: `sprint.schema.json` is written beside the file)."""
        text, nl = self.edits.text, self.edits.newline
        at, after_modeline = 0, None
        for typed in text.splitlines(keepends=True):
            stripped = typed.strip()
            if stripped and not stripped.startswith("#"):
                break
            if _HEADER.fullmatch(stripped):
                self.edits.replace(at, at + len(typed.rstrip("\r\n")), line)
                return
            if stripped.startswith(_MODELINE) and after_modeline is None:
                after_modeline = at + len(typed)
            at += len(typed)
        if after_modeline is None:
            self.edits.replace(0, 0, modeline().rstrip("\n") + nl + line + nl)
        else:
            self.edits.replace(after_modeline, after_modeline, line + nl)


def _indent(text: str, at: int) -> str:
    found = re.compile(r"[ \t]*").match(text, at)
    return found.group() if found else ""


def _scalar_text(value: Any) -> str | None:
    """A scalar value's text as a bundle writes it; None for a model or a list."""
    if value is None:
        return ""
    if isinstance(value, Markdown):
        return value.source
    if isinstance(value, bool):
        return "true" if value else "false"
    value_type = text_type(type(value))
    if value_type is not None and value_type.to_text is not None:
        return value_type.to_text(value)
    if isinstance(value, str | int):
        return str(value)
    return None


def _images(value: Any) -> Iterator[Image]:
    """The pictures the YAML of a model object names (not those of `previous_bundle`, last month's edition)."""
    if isinstance(value, Image):
        yield value
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _images(item)
    elif is_model(value):
        for field in yaml_fields(type(value)):
            yield from _images(getattr(value, field.name))

"""Value types: what a model field may hold, how it reads from a bundle's text and writes back.

A field's type says how its YAML is read (validation.py) and written (dumping.py, for
`sprintdoc new`): text, Markdown, bool, int, `datetime.date`, `Number`, lists, literals,
nested models, and any *value type*: a class with `from_text(cls, text)` (raising
ValueError, whose message becomes a hint) and `to_text(self)` that gives text `from_text`
reads back. A type sprintdoc cannot read and write (`float`, `dict`, a class with no
`from_text`) is refused when a kind is registered, not at every value.
"""

from __future__ import annotations

import datetime as dt
import decimal
import functools
import re
import types
import typing
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar, Literal, get_args, get_origin

import attrs

from sprintdoc.markdown import Markdown
from sprintdoc.model import Section


@attrs.frozen
class YamlField:
    """A model field as the YAML sees it: its key, type, and whether the YAML must give it."""

    name: str
    key: str
    type: Any
    required: bool
    hook: str | None


def yaml_fields(cls: type) -> tuple[YamlField, ...]:
    """The fields of an attrs model class that a bundle may set, in order."""
    return _yaml_fields(cls)


# Cached: resolving type hints costs more than reading a card, and a big bundle has thousands of cards.
@functools.cache
def _yaml_fields(cls: Any) -> tuple[YamlField, ...]:
    hints = typing.get_type_hints(cls)
    out = []
    for field in attrs.fields(cls):
        yaml_meta = field.metadata.get("yaml", True)
        if yaml_meta is False or not field.init:
            continue
        key = field.metadata.get("key", field.name.rstrip("_"))
        required = field.default is attrs.NOTHING or bool(field.metadata.get("required"))
        out.append(
            YamlField(field.name, key, hints[field.name], required, yaml_meta if isinstance(yaml_meta, str) else None)
        )
    return tuple(out)


# -- Number ------------------------------------------------------------------------

_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")


def _to_decimal(value: Decimal | int | str | float) -> Decimal:
    """Number's converter: a Decimal as given, an int or float as written (`0.1` is 0.1), text as from_text reads it."""
    if isinstance(value, str):
        return Number.from_text(value).value
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    if not number.is_finite():
        raise ValueError(f"a Number must be finite, got {value!r}")
    return number


@attrs.frozen(order=True)
class Number:
    """A decimal number, written `3.5`, `-2` or `1234.50` in a bundle: exact, and written back as it was typed.

    `value` is the `decimal.Decimal` (for arithmetic); `str(n)` and `f"{n:.1f}"` format it.
    Thousands separators and exponents are refused with a hint: `1,234` means 1.234 in
    much of Europe, and a number in a newsletter is typed in full.
    """

    value: Decimal = attrs.field(converter=_to_decimal)

    expected: ClassVar[str] = "a number like 3.5"
    json_schema: ClassVar[dict[str, object]] = {
        "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[+-]?(\d+(\.\d*)?|\.\d+)$"}],
        "description": "a number like 3.5 (no thousands separators)",
    }

    @classmethod
    def from_text(cls, text: str) -> Number:
        """The number a text like `3.5` or `-2` names; ValueError (with a hint when one helps) otherwise."""
        typed = text.strip()
        if _NUMBER.fullmatch(typed):
            return cls(Decimal(typed))
        if _GROUPED.fullmatch(typed):
            raise ValueError(f"write it without thousands separators: {typed.replace(',', '')}")
        if re.fullmatch(r"[+-]?\d+,\d+", typed):
            raise ValueError(f"write the decimal point as '.': {typed.replace(',', '.')}")
        try:
            number = Decimal(typed)
        except decimal.InvalidOperation:
            raise ValueError("") from None
        raise ValueError(f"write it in full: {number:f}" if number.is_finite() else "")

    def to_text(self) -> str:
        """The number as a bundle writes it (never with an exponent): `from_text` reads it back equal."""
        return f"{self.value:f}"

    def __str__(self) -> str:
        return self.to_text()

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


# -- reading and writing values --------------------------------------------------


@attrs.frozen
class TextType:
    """How values of one type read from a bundle's text and write back, and what messages call them."""

    from_text: Callable[[str], Any]
    to_text: Callable[[Any], str] | None
    expected: str


_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _date_from_text(text: str) -> dt.date:
    found = _DATE.fullmatch(text.strip())
    if not found:
        raise ValueError("")
    return dt.date(*(int(part) for part in found.groups()))  # ValueError says what is out of range


#: Types sprintdoc reads and writes though they have no `from_text` of their own.
_FOREIGN: dict[Any, TextType] = {dt.date: TextType(_date_from_text, dt.date.isoformat, "a date like 2021-10-14")}


def is_model(value: Any) -> bool:
    """Whether a value is a model object with fields of its own (not text, Markdown or a value type like Month)."""
    cls: type = type(value)
    return _model_type(cls)


@functools.cache  # asked of every value of a bundle, and a big one has hundreds of thousands
def _model_type(cls: Any) -> bool:
    return attrs.has(cls) and cls is not Markdown and text_type(cls) is None


def text_type(tp: object) -> TextType | None:
    """How a field type reads from and writes to text, if it is a value type (`Number`, `date`, `Month`…), else None."""
    return _text_type(tp)


@functools.cache
def _text_type(tp: Any) -> TextType | None:
    if tp in _FOREIGN:
        return _FOREIGN[tp]
    from_text = getattr(tp, "from_text", None)
    if isinstance(tp, type) and callable(from_text):
        to_text = getattr(tp, "to_text", None)
        expected = str(getattr(tp, "expected", tp.__name__))
        return TextType(from_text, to_text if callable(to_text) else None, expected)
    return None


def refused_text(text: str, err: ValueError) -> str:
    """The hint a value type's ValueError gives (`; write it …`), or '' when its message only repeats the text."""
    message = str(err).strip()
    return f" ({message})" if message and text.strip() not in message else ""


# -- what a model may hold -------------------------------------------------------

_PLAIN = (str, Markdown, bool, int)
_NUMBER_HINT = "use sprintdoc.Number (a decimal, written like 3.5)"
_HINTS: dict[Any, str] = {
    float: _NUMBER_HINT,
    Decimal: _NUMBER_HINT,
    dt.datetime: "use datetime.date (a day, written like 2021-10-14)",
    dt.time: "use str",
    dict: "use an attrs class (a mapping of its fields)",
    list: "use tuple[X, ...] (a list)",
    set: "use tuple[X, ...] (a list)",
    frozenset: "use tuple[X, ...] (a list)",
    Any: "give it a type sprintdoc reads: str, Markdown, int, bool, sprintdoc.Number, datetime.date…",
    object: "give it a type sprintdoc reads: str, Markdown, int, bool, sprintdoc.Number, datetime.date…",
}


def unsupported_fields(model: type) -> list[str]:
    """What is wrong with a kind's model as a bundle reads it: `field 'rows[].value' is a float; use …` each."""
    found: list[str] = []
    _check_model(model, "", found, set())
    return found


def _check_model(model: type, path: str, found: list[str], seen: set[type]) -> None:
    if model in seen:
        return
    seen.add(model)
    try:
        fields = yaml_fields(model)
    except Exception as err:  # a hint naming what is not imported raises NameError, or worse; say which
        found.append(f"the type hints of {model.__name__} cannot be read ({type(err).__name__}: {err})")
        return
    for field in fields:
        if field.hook is None:
            _check_type(field.type, f"{path}.{field.key}" if path else field.key, found, seen)


def _check_type(tp: Any, path: str, found: list[str], seen: set[type]) -> None:
    origin = get_origin(tp)
    args = get_args(tp)
    if origin in (typing.Union, types.UnionType):
        for option in args:
            if option is not type(None):
                _check_type(option, path, found, seen)
    elif origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            _check_type(args[0], f"{path}[]", found, seen)
        else:
            found.append(f"field {path!r} is {_name(tp)}; use tuple[X, ...] (a list)")
    elif origin is Literal:
        if not all(isinstance(value, str) for value in args):
            found.append(f"field {path!r} is {_name(tp)}; a Literal's values must be text: Literal['a', 'b']")
    elif origin is not None:
        found.append(f"field {path!r} is {_name(tp)}; {_HINTS.get(origin, _HINTS[Any])}")
    elif tp in _PLAIN or tp is Section:
        return
    elif (value_type := text_type(tp)) is not None:
        if value_type.to_text is None:
            found.append(
                f"field {path!r} is {_name(tp)}, which has from_text but no to_text; "
                f"give it `to_text(self) -> str` (text from_text reads back, for `sprintdoc new`)"
            )
    elif isinstance(tp, type) and attrs.has(tp):
        _check_model(tp, path, found, seen)
    else:
        hint = _HINTS.get(tp) or (
            f"give {_name(tp)} `from_text(cls, text)` and `to_text(self)`, or {_HINTS[Any].removeprefix('give it ')}"
        )
        found.append(f"field {path!r} is {_name(tp)}; {hint}")


def _name(tp: Any) -> str:
    if isinstance(tp, type) and get_origin(tp) is None:
        return f"a {tp.__name__}" if tp.__module__ == "builtins" else tp.__qualname__
    return str(tp).replace("typing.", "")

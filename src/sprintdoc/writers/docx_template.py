"""The master Word template as Jinja sees it: a sandbox that bounds what an expression may build,
and every fault of a `--template` told in our words, naming the template, the part and the tag.

A template is a .docx whose parts (`word/document.xml`, headers, footers, footnotes, core
properties) docxtpl renders with Jinja. Jinja's sandbox already refuses private attributes
(`__class__`) and caps `range` at `MAX_RANGE` items; `BoundedEnvironment` also refuses an
operation whose result would pass `MAX_TEXT` characters or `MAX_ITEMS` items
(`'x' * 10**9`, a doubling loop, a 10**9-wide `center`), before it is built.
"""

from __future__ import annotations

import functools
import re
import threading
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from jinja2 import StrictUndefined, TemplateError, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.sandbox import MAX_RANGE, SandboxedEnvironment
from lxml import etree

from sprintdoc.errors import TemplateProblem, clip

#: The most characters (or bytes) a template expression may build.
MAX_TEXT = 1_000_000
#: The most items a list, tuple or mapping built by a template expression may hold (Jinja's own `range` cap).
MAX_ITEMS = MAX_RANGE
#: The most characters a template part may render to (its body subdocument included).
MAX_OUTPUT = 50 * MAX_TEXT
#: The largest whole number a template expression may build, in bits (about 3,000 decimal digits).
MAX_INT_BITS = 10_000

_CORE_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")  # those docxtpl renders
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


class _TooBig(SecurityError):
    """An operation in a template that would build more than the bounds allow."""


def _size(value: Any) -> int | None:
    """How much a value holds, for the bounds: characters, bytes or items; None for what has no size."""
    if isinstance(value, str | bytes | bytearray | list | tuple | dict | set | frozenset):
        return len(value)
    return None


def _limit(value: Any) -> int:
    return MAX_TEXT if isinstance(value, str | bytes | bytearray) else MAX_ITEMS


def _too_big(what: str, size: int, value: Any) -> _TooBig:
    unit = "characters" if isinstance(value, str) else "bytes" if isinstance(value, bytes | bytearray) else "items"
    return _TooBig(f"{what} would build {size:,} {unit}, over the limit of {_limit(value):,}")


def _check(value: Any, what: str) -> None:
    """Refuse a value (about to be built, or just built) that passes the bounds."""
    size = _size(value)
    if size is not None and size > _limit(value):
        raise _too_big(what, size, value)
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise _TooBig(f"{what} would build a number over {MAX_INT_BITS:,} bits long")


def _check_repeat(left: Any, right: Any) -> None:
    for seq, times in ((left, right), (right, left)):
        if _size(seq) is not None and isinstance(times, int):
            if len(seq) * max(times, 0) > _limit(seq):
                raise _too_big(f"repeating {clip(repr(seq), 20)} {times:,} times", len(seq) * times, seq)
            if isinstance(seq, list | tuple):  # a list of long texts repeated holds them all, should it be joined
                _check_total(seq, times, "repeating the list")
            return
    if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise _TooBig(f"the product would be a number over {MAX_INT_BITS:,} bits long")


def _check_total(items: Any, times: int, what: str) -> None:
    text = sum(len(x) for x in items if isinstance(x, str | bytes | list | tuple)) * max(times, 1)
    if text > MAX_TEXT:
        raise _TooBig(f"{what} would hold {text:,} characters in all, over the limit of {MAX_TEXT:,}")


def _check_power(base: Any, exponent: Any) -> None:
    big = isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0
    if big and exponent * base.bit_length() > MAX_INT_BITS:
        raise _TooBig(f"{base} ** {exponent} is a number over {MAX_INT_BITS:,} bits long")


def _check_widths(fmt: Any, args: Any) -> None:
    """A format string may not ask for a field wider than the text bound (`'%999999999d'`, `'{:>999999999}'`)."""
    if not isinstance(fmt, str):
        return
    numbers = [int(n) for n in re.findall(r"\d+", fmt)]
    if "*" in fmt or re.search(r"\{[^{}]*:[^{}]*\{", fmt):  # a width taken from the arguments
        values = args if isinstance(args, tuple) else (args,)
        numbers += [v for v in values if isinstance(v, int)]
    if any(n > MAX_TEXT for n in numbers):
        raise _TooBig(f"the format {clip(fmt)!r} asks for a field over {MAX_TEXT:,} characters wide")


def _check_call(name: str, target: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse, before it runs, a string method or filter call that would build more than the bounds allow."""
    values = [*args, *kwargs.values()]
    if name in ("center", "ljust", "rjust", "zfill", "expandtabs", "indent", "wordwrap"):
        widths = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
        lines = target.count("\n") + 1 if isinstance(target, str) else 1
        if any(w * (lines if name in ("indent", "expandtabs") else 1) > MAX_TEXT for w in widths):
            raise _TooBig(f"{name} with a width of {max(widths):,} would build over {MAX_TEXT:,} characters")
    elif name in ("format", "format_map"):
        _check_widths(target, tuple(args))
    elif name == "join":
        items = args[0] if isinstance(target, str) and args else target  # str.join(items), or items|join
        if isinstance(items, list | tuple | set | frozenset):
            _check_total(items, 1, "joining")
    elif name == "replace" and isinstance(target, str) and len(args) >= 2:
        new = str(args[1])
        count = target.count(str(args[0])) if str(args[0]) else len(target) + 1
        if len(target) + count * len(new) > MAX_TEXT:
            raise _TooBig(f"replace would build over {MAX_TEXT:,} characters")
    elif name == "sum" and isinstance(target, list | tuple):
        _check_total(target, 1, "summing")


def _bounded_filter(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)  # keeps Jinja's pass_context / pass_environment marks
    def bounded(*args: Any, **kwargs: Any) -> Any:
        passed = getattr(function, "jinja_pass_arg", None)
        value, rest = (args[1], args[2:]) if passed is not None and len(args) > 1 else (args[0], args[1:])
        _check_call(name, value, tuple(rest), kwargs)
        result = function(*args, **kwargs)
        _check(result, f"the filter {name}")
        return result

    return bounded


def _bounded_output(parts: Iterable[str]) -> str:
    """Jinja's `concat` for a part's output (and `{% set %}` blocks), stopping once it passes MAX_OUTPUT."""
    kept, total = [], 0
    for part in parts:
        total += len(part)
        if total > MAX_OUTPUT:
            raise _TooBig(f"the template would write over {MAX_OUTPUT:,} characters")
        kept.append(part)
    return "".join(kept)


class _BoundedCodeGenerator(CodeGenerator):
    """Jinja's compiler, with `~` (which joins texts without passing any operator hook) bounded too."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, strict about undefined names, that refuses to build more than the bounds allow."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BoundedCodeGenerator
    concat = staticmethod(_bounded_output)

    def __init__(self, **options: Any) -> None:
        super().__init__(undefined=StrictUndefined, **options)
        self.filters = {name: _bounded_filter(name, f) for name, f in self.filters.items()}
        #: The source last handed to Jinja, so an error can be shown with its tag.
        self.source = ""

    def bounded_concat(self, text: str) -> str:
        """What `a ~ b` built, refused if over the bounds (compiled in by _BoundedCodeGenerator)."""
        _check(text, "joining with ~")
        return text

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> Any:
        self.source = source if isinstance(source, str) else ""
        return super().from_string(source, *args, **kwargs)

    def compile(
        self,
        source: str | nodes.Template,
        name: str | None = None,
        filename: str | None = None,
        raw: bool = False,
        defer_init: bool = False,
    ) -> Any:
        """Jinja's compile, remembered by source text: a template's parts are the same text at every render.

        The code depends only on the text and on how the environment compiles (its class, its lexer's settings,
        autoescape, finalize, optimizer), which are in the key; a syntax error is not remembered, and raises
        each time.
        """
        if raw:
            return super().compile(source, name, filename, True, defer_init)
        if not isinstance(source, str):
            return super().compile(source, name, filename, False, defer_init)
        how = (type(self), self.lexer, self.autoescape, self.finalize, self.optimized)
        key = (source, name, filename, defer_init, how)
        code = _COMPILED.get(key)
        if code is None:
            code = super().compile(source, name, filename, False, defer_init)
            _remember(_COMPILED, key, code)
        return code

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+" and _size(left) is not None and _size(right) is not None:
            if len(left) + len(right) > _limit(left):
                raise _too_big("adding", len(left) + len(right), left)
        elif operator == "%":
            _check_widths(left, right)
        result = super().call_binop(context, operator, left, right)
        _check(result, f"the operator {operator}")
        return result

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        name = getattr(__obj, "__name__", "")
        # A bound method's object; the sandbox hands str.format over wrapped, the method under __wrapped__.
        target = getattr(__obj, "__self__", None) or getattr(getattr(__obj, "__wrapped__", None), "__self__", None)
        _check_call(name, target, args, kwargs)
        result = SandboxedEnvironment.call(__self, __context, __obj, *args, **kwargs)
        _check(result, f"calling {name or 'a function'}")
        return result


#: How many template texts `BoundedEnvironment.compile` and `variables` remember (a template has a few parts).
REMEMBERED = 64
_COMPILED: dict[tuple[Any, ...], Any] = {}
_USED: dict[tuple[type, str], frozenset[str]] = {}
_PATCHED: dict[str, str] = {}
_remembering = threading.Lock()


def _remember(cache: dict[Any, Any], key: Any, value: Any) -> None:
    """Keep `value` under `key`, the oldest entry forgotten once the cache holds REMEMBERED."""
    with _remembering:  # generate_many may render on threads: the oldest key is found and dropped as one step
        if len(cache) >= REMEMBERED:
            cache.pop(next(iter(cache), None), None)
        cache[key] = value


def patched(patch: Callable[[str], str], xml: str) -> str:
    """docxtpl's `patch_xml` of a part's XML (tags mended into Jinja's), remembered by the XML's text: each part
    is patched for `variables` and again by docxtpl's render, at every render, and the patch is the text's alone."""
    done = _PATCHED.get(xml)
    if done is None:
        done = patch(xml)
        _remember(_PATCHED, xml, done)
    return done


# -- faults in our words ---------------------------------------------------------------------------


def open_template(template: Any, shown: str) -> None:
    """Read a docxtpl template's package; TemplateProblem naming the file (and the broken part) otherwise."""
    from docx.opc.exceptions import OpcError

    try:
        template.init_docx()
    except etree.XMLSyntaxError:
        part, err = _broken_part(Path(template.template_file))
        raise TemplateProblem(f"{shown}: {part}: not well-formed XML: {err}") from None
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, OSError) as err:
        raise TemplateProblem(f"{shown} is not a Word .docx template ({err})") from None
    _relate_core_properties(template.get_docx().part.package)
    root = template.get_docx().element
    if root.tag != f"{{{_W}}}document" or root.find(f"{{{_W}}}body") is None:
        name = str(template.get_docx().part.partname).lstrip("/")
        raise TemplateProblem(f"{shown}: {name}: not a Word document (a w:document with a w:body)")


def _relate_core_properties(package: Any) -> None:
    """Relate the core properties by the type python-docx looks for, whichever variant the template's author wrote.

    LibreOffice relates them by `…/officedocument/2006/relationships/metadata/core-properties`;
    python-docx, not finding its own type, would add a second `docProps/core.xml` to the package.
    """
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in list(package.rels.values()):
        variant = rel.reltype != RT.CORE_PROPERTIES and rel.reltype.lower().endswith("/metadata/core-properties")
        if variant and not rel.is_external:
            package.rels.add_relationship(RT.CORE_PROPERTIES, rel.target_part, rel.rId)


def _broken_part(path: Path) -> tuple[str, str]:
    """The first XML part of a package that does not parse, and lxml's words for why."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                try:
                    etree.fromstring(package.read(name))
                except etree.XMLSyntaxError as err:
                    return name, str(err.msg)
    return "a part", "lxml could not read it"


def _sources(template: Any) -> Iterator[tuple[str, str]]:
    """Each part docxtpl renders, named, as the text it hands Jinja (paragraphs one a line, as docxtpl splits them)."""

    def lines(xml: str) -> str:
        return re.sub(r"<w:p([ >])", r"\n<w:p\1", template.patch_xml(xml))

    document = template.get_docx()
    yield "word/document.xml", lines(template.get_xml())
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            yield str(part.partname).lstrip("/"), lines(template.get_part_xml(part))
    for part in document.part.package.parts:
        if part.content_type == _FOOTNOTES:
            yield str(part.partname).lstrip("/"), lines(part.blob.decode("utf-8"))
    for prop in _CORE_PROPERTIES:
        yield f"docProps/core.xml ({prop})", getattr(document.core_properties, prop) or ""


def variables(template: Any, environment: BoundedEnvironment, shown: str) -> set[str]:
    """The names a template's parts use (each part parsed alone); TemplateProblem at the first syntax error."""
    used: set[str] = set()
    for part, source in _sources(template):
        key = (type(environment), source)
        names = _USED.get(key)
        if names is None:
            try:
                names = frozenset(meta.find_undeclared_variables(environment.parse(source)))
            except TemplateSyntaxError as err:
                raise TemplateProblem(f"{shown}: {_where(part, source, err.lineno)}: {err.message}") from None
            _remember(_USED, key, names)
        used |= names
    return used


def render(template: Any, context: dict[str, Any], environment: BoundedEnvironment, shown: str) -> None:
    """Render a docxtpl template; TemplateProblem naming the part and tag for any fault of the template."""
    try:
        template.render(context, jinja_env=environment, autoescape=True)
    except (TemplateError, OverflowError, etree.XMLSyntaxError) as err:
        source = environment.source
        part = _rendering(template, source)
        if isinstance(err, etree.XMLSyntaxError):
            raise TemplateProblem(f"{shown}: {part}: the rendered part is not well-formed XML: {err}") from None
        line = err.lineno if isinstance(err, TemplateSyntaxError) else _template_line(err.__traceback__)
        message = str(err.message if isinstance(err, TemplateError) else err) or type(err).__name__
        if isinstance(err, UndefinedError):
            message += f" (a template may use {', '.join(sorted(context))})"
        raise TemplateProblem(f"{shown}: {_where(part, source, line)}: {message}") from None


def _rendering(template: Any, source: str) -> str:
    if not source.lstrip().startswith("<"):
        return "docProps/core.xml"  # docxtpl renders the core properties last, each a plain text
    part = getattr(template, "current_rendering_part", None)
    return str(part.partname).lstrip("/") if part is not None else "word/document.xml"


def _template_line(tb: TracebackType | None) -> int | None:
    """The template line Jinja was running: its rewritten traceback has frames named after the template."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _where(part: str, source: str, line: int | None) -> str:
    """`word/document.xml line 9 “{{ nosuch }}”`: the part, the line Jinja names, and that line's text."""
    if not line:
        return part
    lines = source.splitlines()
    text = re.sub(r"<[^>]+>", "", lines[line - 1]).strip() if 0 < line <= len(lines) else ""
    return f"{part} line {line} “{clip(text)}”" if text else f"{part} line {line}"

"""The Word newsletter: the master template rendered by docxtpl, each section drawn by its kind into a subdocument.

`write` orchestrates: it opens the master template (`templates/newsletter.docx`,
or `--template`), makes sure the styles and list definitions sprintdoc draws with
are there, paints a non-default theme onto the styles, lets every section kind
draw itself through a `DocxContext` (`docx_context`) into a docxtpl Subdoc,
renders the template (masthead tags, body, closing) in a sandboxed, autoescaping,
strict Jinja environment, sets the document properties, and checks the result
strictly before a byte leaves. User text never becomes template source: the kinds' text
goes into the subdocument as lxml text nodes, and the masthead fields are
values that Jinja escapes.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from lxml import etree
from markupsafe import Markup, escape

from sprintdoc.errors import TemplateWarning
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry
from sprintdoc.writers import CREATOR, default_template, document_date, docx_template
from sprintdoc.writers import docx_styles as styles
from sprintdoc.writers import docx_xml as xml
from sprintdoc.writers.docx_context import DocxContext, DocxRenderError, Drawn
from sprintdoc.writers.docx_subdoc import DOCPR, Subdoc, braces

__all__ = ["DocxContext", "DocxRenderError", "default_template", "write"]

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

#: The masthead fields a template may show with `{{ title }}` and the like.
MASTHEAD = ("title", "period", "strapline", "publisher", "tagline")
#: The longest text a core property (title, subject, author) may hold.
PROPERTY_LIMIT = 255


def _as_data(value: Any) -> Any:
    """Jinja's finalize: every value is text, escaped for XML, braces as character references."""
    if hasattr(value, "__html__"):
        return value
    return Markup(braces(str(escape(value))))


def _environment() -> docx_template.BoundedEnvironment:
    return docx_template.BoundedEnvironment(autoescape=True, finalize=_as_data)


def _template_class() -> type[DocxTemplate]:
    from docxtpl import DocxTemplate

    class StrictTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl re-parses its output with a recovering parser that drops what it cannot read:
        parse it strictly first. A part's patching into Jinja source is remembered by its text."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            #: The subdocuments made for this render (`Subdoc`), in order.
            self.subdocs: list[Subdoc] = []

        def patch_xml(self, src_xml: str) -> str:
            return docx_template.patched(super().patch_xml, src_xml)

        def fix_tables(self, xml_text: str) -> Any:
            try:  # parsed to nothing: no tree is built, only the faults found
                etree.fromstring(xml_text.encode(), xml.strict_parser(target=_NoTree()))
            except etree.XMLSyntaxError as err:
                raise DocxRenderError(f"the rendered Word body is not well-formed XML: {err}") from err
            return super().fix_tables(xml_text)

        def fix_docpr_ids(self, tree: Any) -> None:
            """docxtpl's numbering of the pictures in document order, a subdocument's placeholder counting for its."""
            placed = {subdoc.placeholder: subdoc for subdoc in self.subdocs if subdoc.placeholder is not None}
            for element in tree.iter(DOCPR, etree.PI):
                if element.tag == DOCPR:
                    self.docx_ids_index += 1
                    element.attrib["id"] = str(self.docx_ids_index)
                    continue
                subdoc = placed.get(f"<?{element.target}?>")
                if subdoc is not None:
                    subdoc.first_picture = self.docx_ids_index + 1
                    self.docx_ids_index += subdoc.pictures

    return StrictTemplate


class _NoTree:
    """A parser target that keeps nothing: a strict parse with it only says whether the XML is well-formed."""

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        """Nothing to keep."""

    def end(self, tag: str) -> None:
        """Nothing to keep."""

    def data(self, data: str) -> None:
        """Nothing to keep."""

    def close(self) -> None:
        """Nothing to keep."""


def write(bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None:
    """Write the Word newsletter of `bundle` to `stream`, from the master template (or `template`)."""
    # Rendered in a function of its own: the template's trees are freed before the finished file is parsed to check it.
    data, expected, bookmarks = _render(bundle, registry, template)
    _check(data, expected, bookmarks)
    stream.write(data)


def _render(bundle: Bundle, registry: Registry, template: Path | None) -> tuple[bytes, list[list[str]], list[str]]:
    """The finished package, the texts it must show in order (masthead fields, then each subdocument's), and the
    bookmarks it must hold."""
    shown = str(template or default_template())
    tpl = _template_class()(shown)
    docx_template.open_template(tpl, shown)
    document = tpl.get_docx()
    master_styles, master_numbering = _master()
    environment = _environment()
    used = docx_template.variables(tpl, environment, shown)
    if "body" not in used:
        raise DocxRenderError(f"the Word template {template or default_template()} has no {{{{p body }}}} tag")
    style_index = styles.StyleIndex(document.styles.element)
    added = styles.ensure_styles(style_index, master_styles)
    _ensure_numbering(document, master_numbering)
    if bundle.theme.paints:
        styles.apply_theme(style_index, bundle.theme)
    _set_language(document, bundle.edition.language)

    drawn, closing_drawn, logo_drawn = Drawn(), Drawn(), Drawn()
    body = Subdoc(tpl)
    ctx = DocxContext(body.document, bundle.theme, bundle.root, drawn=drawn, style_index=style_index, spill=body.spill)
    for index, section in enumerate(bundle.sections, 1):
        kind = registry.kind_of(section)
        ctx.begin_section(kind.name, index)
        kind.drawer("docx")(section, ctx)
    edition = bundle.edition
    closing: Any = ""
    if edition.closing:
        closing = Subdoc(tpl)
        DocxContext(closing.document, bundle.theme, bundle.root, drawn=closing_drawn, style_index=style_index).closing(
            edition.closing
        )
    logo: Any = ""
    if edition.logo is not None:
        logo = Subdoc(tpl)
        DocxContext(logo.document, bundle.theme, bundle.root, drawn=logo_drawn, style_index=style_index).logo(
            edition.logo
        )
    context = {
        "title": edition.title,
        "period": edition.period,
        "strapline": edition.strapline,
        "publisher": edition.publisher,
        "tagline": edition.tagline,
        "language": edition.language,
        "logo": logo,
        "body": body,
        "closing": closing,
    }
    drawn_with = drawn.styles | closing_drawn.styles | logo_drawn.styles
    _warn_of(shown, [a for a in added if a.name in drawn_with])
    docx_template.render(tpl, context, environment, shown)
    _set_properties(document, bundle)

    buffer = io.BytesIO()
    tpl.save(buffer)
    part = document.part.blob
    for subdoc in tpl.subdocs:
        if subdoc.placeholder is not None:
            part = subdoc.splice(part)
    data = xml.reproducible_zip(buffer.getvalue(), document_date(bundle), {document.part.partname.lstrip("/"): part})
    # What the template shows must all be there: each masthead field it uses, then each subdocument's texts in order.
    expected = [[str(context[key])] for key in MASTHEAD if key in used and context[key]]
    expected += [
        d.texts for key, d in (("body", drawn), ("closing", closing_drawn), ("logo", logo_drawn)) if key in used
    ]
    return data, expected, drawn.bookmarks


def _master() -> tuple[styles.StyleIndex, bytes]:
    """The master template's styles (indexed) and list definitions, read once a process while its file stays the same.

    Only read from: `ensure_styles` copies the styles it takes.
    """
    path = default_template()
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    cached = _MASTER.get(key)
    if cached is None:
        with zipfile.ZipFile(path) as master:
            parsed = etree.fromstring(master.read("word/styles.xml"), xml.strict_parser())
            cached = styles.StyleIndex(parsed), master.read("word/numbering.xml")
        _MASTER.clear()
        _MASTER[key] = cached
    return cached


#: `_master`'s cache: the file's key (path, time, size) -> its styles and its numbering.
_MASTER: dict[tuple[str, int, int], tuple[styles.StyleIndex, bytes]] = {}


def _warn_of(shown: str, added: Sequence[styles.Added]) -> None:
    """Warn that the template's look is not used for the styles sprintdoc had to add to it."""
    lacking = [styles.ui_name(a.name) for a in added if a.found is None]
    if lacking:
        names = ", ".join(repr(name) for name in lacking)
        plural = "s" if len(lacking) > 1 else ""
        warnings.warn(
            TemplateWarning(
                f"{shown}: has no style{plural} {names}: sprintdoc uses its own "
                f"(add {'them' if plural else 'it'} to the template to restyle {'them' if plural else 'it'})"
            ),
            stacklevel=3,
        )
    for problem in (a for a in added if a.found is not None):
        warnings.warn(TemplateWarning(f"{shown}: {problem}: sprintdoc adds its own"), stacklevel=3)


def _ensure_numbering(document: Any, master_numbering: bytes) -> None:
    """Give a template with no list definitions at all (no numbering part) the master's."""
    try:
        document.part.numbering_part  # noqa: B018 - python-docx finds the part, or raises
    except NotImplementedError:
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.parts.numbering import NumberingPart

        uri = PackURI("/word/numbering.xml")
        part = NumberingPart.load(uri, CT.WML_NUMBERING, master_numbering, document.part.package)
        document.part.relate_to(part, RT.NUMBERING)


def _set_language(document: Any, language: str) -> None:
    """The document's language: `w:lang` on the default run properties."""
    styles_element = document.styles.element
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = etree.SubElement(styles_element, qn("w:docDefaults"))
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = etree.Element(qn("w:rPrDefault"))
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = etree.SubElement(rpr_default, qn("w:rPr"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = etree.SubElement(rpr, qn("w:lang"))
        # w:lang comes after every other run property sprintdoc's templates set, but before eastAsianLayout.
        later = rpr.find(qn("w:eastAsianLayout"))
        if later is not None:
            later.addprevious(lang)
    for attr in ("w:val", "w:eastAsia"):
        lang.set(qn(attr), language)


def _set_properties(document: Any, bundle: Bundle) -> None:
    """Core and app properties, set after rendering (docxtpl renders core properties as templates)."""
    edition = bundle.edition
    when = document_date(bundle).replace(tzinfo=None)
    props = document.core_properties
    props.title = _clip(f"{edition.title} {edition.period}")
    props.subject = _clip(edition.strapline or "")
    props.author = _clip(edition.publisher or "")
    props.last_modified_by = _clip(edition.publisher or "")
    props.language = edition.language
    props.keywords = ""
    props.comments = ""
    props.created = when
    props.modified = when
    props.revision = 1
    package = document.part.package
    app_uri = PackURI("/docProps/app.xml")
    for part in package.iter_parts():
        if part.partname == app_uri:
            part._blob = xml.app_properties(CREATOR)
            return
    part = Part(app_uri, "application/vnd.openxmlformats-officedocument.extended-properties+xml",
                xml.app_properties(CREATOR), package)  # fmt: skip
    package.relate_to(part, RT.EXTENDED_PROPERTIES)


def _clip(text: str) -> str:
    """A core property's text, cut to the 255 characters the format allows (an ellipsis marks the cut)."""
    return text if len(text) <= PROPERTY_LIMIT else text[: PROPERTY_LIMIT - 1] + "…"


def _check(data: bytes, expected: list[list[str]], bookmarks: list[str]) -> None:
    """Parse the finished package strictly and make sure every text drawn, and every marker, is in it."""
    lines: list[str] = []
    names: set[str | None] = set()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            entries = z.namelist()
            for name in entries:
                if name == "word/document.xml":
                    with z.open(name) as part:
                        _read_body(part, lines, names)
                elif name.endswith(".xml"):
                    etree.fromstring(z.read(name), xml.strict_parser())
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as err:
        raise DocxRenderError(f"the Word document came out broken: {err}") from err
    twice = sorted({n for n in entries if entries.count(n) > 1})
    if twice:  # Word may refuse such a package as corrupt
        raise DocxRenderError(f"the Word package holds a part more than once: {', '.join(twice)}")
    whole = "\n".join(lines)
    missing = []
    for texts in expected:
        position = 0
        for text in texts:
            found = whole.find(text, position)
            if found < 0:
                missing.append(text)
            else:
                position = found
    missing += [f"bookmark {name}" for name in bookmarks if name not in names]
    if missing:
        shown = "; ".join(repr(t[:60]) for t in missing[:5])
        raise DocxRenderError(f"text went missing while rendering the Word document: {shown}")


def _read_body(part: IO[bytes], lines: list[str], names: set[str | None]) -> None:
    """Each paragraph's text (tabs and breaks as characters) and each bookmark's name, read as a stream: the body
    is never held as a tree (at thousands of cards it would be the largest thing in memory)."""
    p, t, tab, br, start = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:bookmarkStart")
    events = etree.iterparse(part, events=("end",), tag=(p, start), resolve_entities=False, no_network=True,
                             huge_tree=True)  # fmt: skip
    for _, element in events:
        if element.tag == start:
            names.add(element.get(qn("w:name")))
            continue
        pieces = [el.text or "" if el.tag == t else "\t" if el.tag == tab else "\n" for el in element.iter(t, tab, br)]
        lines.append("".join(pieces))
        if element.getparent() is not None and element.getparent().tag != p:
            element.clear(keep_tail=True)

"""The Word newsletter: the master template rendered by docxtpl, each section drawn by its kind into a subdocument.

`write` orchestrates: it opens the master template (`templates/newsletter.docx`,
or `--template`), makes sure the styles and list definitions sprintdoc draws with
are there, paints a non-default theme onto the styles, lets every section kind
draw itself through a `DocxContext` into a docxtpl Subdoc, renders the template
(masthead tags, body, closing) in a sandboxed, autoescaping, strict Jinja
environment, sets the document properties, and checks the result strictly
before a byte leaves. User text never becomes template source: the kinds' text
goes through python-docx into the subdocument, and the masthead fields are
values that Jinja escapes.
"""

from __future__ import annotations

import copy
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.shared import Cm, Emu
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree
from markupsafe import Markup, escape

from sprintdoc import images
from sprintdoc.drawing import StageState, StageView, TextStyle
from sprintdoc.errors import SprintdocError
from sprintdoc.markdown import Block, ListBlock, Markdown, Paragraph, Quote, Span
from sprintdoc.model import Bundle, Image, Picture
from sprintdoc.outline import CURRENT_STAGE_PREFIX, marker
from sprintdoc.registry import Registry
from sprintdoc.theme import Theme
from sprintdoc.writers import CREATOR, default_template, document_date, docx_stages, docx_template
from sprintdoc.writers import docx_build as build
from sprintdoc.writers import docx_styles as styles
from sprintdoc.writers import docx_xml as xml
from sprintdoc.writers.list_layout import drawn_level
from sprintdoc.writers.style_roles import LOGO_BOX_CM, PICTURE_MAX_HEIGHT_CM

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

#: The largest a story's photo is drawn: the column's width, this tall (EMU).
PICTURE_MAX_HEIGHT = int(Cm(PICTURE_MAX_HEIGHT_CM))
#: The largest the masthead logo is drawn (EMU).
LOGO_BOX = (int(Cm(LOGO_BOX_CM[0])), int(Cm(LOGO_BOX_CM[1])))
#: Bookmarks that sprintdoc adds count from here, clear of any the template holds.
FIRST_BOOKMARK_ID = 10_000
#: The masthead fields a template may show with `{{ title }}` and the like.
MASTHEAD = ("title", "period", "strapline", "publisher", "tagline")
#: The longest text a core property (title, subject, author) may hold.
PROPERTY_LIMIT = 255


class DocxRenderError(SprintdocError, RuntimeError):
    """The Word document came out wrong (text lost or XML broken in rendering): a bug, reported loudly."""


class _Drawn:
    """What the drawing calls wrote, kept to check that every text made it into the finished file."""

    def __init__(self) -> None:
        self.texts: list[str] = []
        self.bookmarks: list[str] = []
        self.next_bookmark = FIRST_BOOKMARK_ID


class DocxContext:
    """The Word side of `sprintdoc.drawing.Drawing`: draws one section kind's calls into a docxtpl Subdoc.

    `document` is the python-docx document being drawn into (raw access for plugins);
    its part is the master template's, so its styles, numbering and images are the template's.

    Every paragraph and table is built straight in lxml (`docx_build`, `docx_stages`: what python-docx
    would write, without its proxies) and put in before the body's closing `w:sectPr`; each style's id is
    looked up once: a block costs the same however much was drawn before it.
    """

    def __init__(
        self,
        document: Any,
        theme: Theme,
        bundle_root: Path,
        *,
        drawn: _Drawn | None = None,
        style_index: styles.StyleIndex | None = None,
    ) -> None:
        self.document = document
        self._theme = theme
        self._root = bundle_root
        self._drawn = drawn or _Drawn()
        self._kind = ""
        self._section = 0
        self._item = 0
        #: The title of the item being drawn, which names its stage strip.
        self._item_title = ""
        self._style_ids: dict[str, str | None] = {}
        self._styles = style_index or styles.StyleIndex(document.styles.element)
        #: The body drawn into, and what closes it (its `w:sectPr`, or None): new blocks go just before that.
        self._body = document.element.body
        self._end = self._body.find(qn("w:sectPr"))
        self._container = document._body
        part = document.part
        numbering = part.numbering_part.element
        self._lists = xml.ensure_list_definitions(numbering)
        self._list_instances = xml.ListInstances(numbering)
        section = part.document.sections[-1]
        self.column_width = int(section.page_width - section.left_margin - section.right_margin)

    @property
    def theme(self) -> Theme:
        """The edition's theme."""
        return self._theme

    # -- orchestration -------------------------------------------------------------------------

    def begin_section(self, kind_name: str, index: int) -> None:
        """Start drawing section `index` (1-based in the bundle) of kind `kind_name`: its markers count from here."""
        self._kind, self._section, self._item, self._item_title = kind_name, index, 0, ""

    # -- headings ----------------------------------------------------------------------------------

    def section_heading(self, title: str) -> None:
        """The section's title as Heading 1, bookmarked `sprintdoc-<kind>-<n>` (an empty title keeps its bookmark)."""
        p = self._paragraph("heading1", title)
        self._bookmark(p, marker(self._kind, self._section))

    def item_heading(self, title: str) -> None:
        """An item's title as Heading 2, bookmarked `sprintdoc-<kind>-<n>-<m>`."""
        self._item += 1
        self._item_title = title
        p = self._paragraph("heading2", title)
        self._bookmark(p, marker(self._kind, self._section, self._item))

    def heading(self, text: str, level: int = 3) -> None:
        """A heading with no marker (card headings, the lifecycle's title)."""
        self._paragraph(f"heading{min(max(level, 1), 4)}", text)

    # -- text ------------------------------------------------------------------------------------

    def text(self, text: str, style: TextStyle = "body") -> None:
        """A paragraph of plain text in one of the theme's text styles."""
        self._paragraph(style, text)

    def labelled(self, pairs: Sequence[tuple[str, str]]) -> None:
        """`Sponsor: Jane Gardner` lines, the label bold; a pair with no value is left out."""
        for label, value in pairs:
            if not value.strip():
                continue
            p = self._paragraph("labelled", "")
            build.run(p, f"{label}: ", bold=True)
            build.run(p, value)
            self._drawn.texts.append(f"{label}: {value}")

    def quote(self, text: str) -> None:
        """A pull quote."""
        self._paragraph("quote", text)

    def markdown(self, text: Markdown) -> None:
        """A Markdown field: paragraphs, lists (real Word lists), pull quotes, bold, italic, live links."""
        self._blocks(text.blocks, "body", 0)

    def bullets(self, items: Sequence[Markdown]) -> None:
        """A bullet list whose items are Markdown."""
        self._list(ListBlock(False, tuple(item.blocks for item in items)), "body", 0)

    def closing(self, text: Markdown) -> None:
        """The edition's closing Markdown, in the Closing style."""
        self._blocks(text.blocks, "closing", 0)

    # -- pictures --------------------------------------------------------------------------------

    def picture(self, image: Image) -> None:
        """An image fitted to the column, with its alt text (or marked decorative) and its caption under it."""
        self._picture(image, self.column_width, PICTURE_MAX_HEIGHT)
        if image.caption:
            self._paragraph("caption", image.caption)

    def logo(self, image: Image) -> None:
        """The masthead logo: a small picture with its alt text, no caption."""
        self._picture(image, *LOGO_BOX, style="body")

    def _picture(self, image: Image, max_width: int, max_height: int, style: str = "figure") -> None:
        picture = image.picture or images.decode(self._root / image.file, image.file)
        width, height = _fit(picture, max_width, max_height)
        paragraph = WordParagraph(self._paragraph(style, ""), self._container)
        inline = paragraph.add_run().add_picture(io.BytesIO(picture.data), width=Emu(width), height=Emu(height))
        xml.describe_picture(inline._inline, image.alt or "", image.decorative)

    # -- stages ----------------------------------------------------------------------------------

    def stages(self, stages: Sequence[StageView], *, strip: bool = False) -> None:
        """The lifecycle (strip=False): one row of filled cells; or a card's stage strip, then `Current stage: …`.

        See `docx_stages` for what each table holds.
        """
        if not stages:
            return
        table_style = self._style_id("stages", styles.TABLE["stages"])
        cell_style = self._style_id("stage" if strip else "lifecycle", None)
        tbl, texts = docx_stages.stage_table(
            self._body, stages, strip=strip, item=self._item_title, width=self.column_width, theme=self._theme,
            styles=docx_stages.StageStyles(table_style, cell_style),
        )  # fmt: skip
        self._append(tbl)
        self._drawn.texts += texts
        current_stage = next((v.name for v in stages if v.state is StageState.CURRENT), None)
        if strip and current_stage is not None:
            self._paragraph("current", CURRENT_STAGE_PREFIX + current_stage)

    # -- keeping together ------------------------------------------------------------------------

    @contextmanager
    def group(self) -> Iterator[None]:
        """Keep what is drawn inside together on one page where it fits (keep-with-next, keep-lines)."""
        before = self._last_block()
        yield
        first = before.getnext() if before is not None else next(self._body.iterchildren(), None)
        blocks = [el for el in self._since(first) if el.tag == build.P or el.tag == build.TBL]
        for i, block in enumerate(blocks):
            last = i == len(blocks) - 1
            if block.tag == build.P:
                build.keep(block, with_next=not last)
                continue
            for p in block.iter(build.P):
                build.keep(p, with_next=not last)
            for tr in block.iter(build.TR):
                build.keep_row(tr)

    # -- the Markdown tree -----------------------------------------------------------------------

    def _blocks(self, blocks: Sequence[Block], role: str, depth: int) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                self._spans(self._paragraph(role, ""), block.spans)
            elif isinstance(block, ListBlock):
                self._list(block, role, depth)
            elif isinstance(block, Quote):
                self._blocks(block.blocks, "quote", depth)

    def _list(self, block: ListBlock, role: str, depth: int) -> None:
        """A real Word list: a fresh `w:num` per list, so numbering restarts; nested lists a level deeper."""
        ilvl = drawn_level(depth + 1) - 1
        num_id = self._list_instances.new(self._lists[block.ordered], ilvl, block.start)
        item_role = "number" if block.ordered else "bullet"
        for item in block.items:
            if not item or not isinstance(item[0], Paragraph):
                item = (Paragraph(()), *item)  # the bullet or number shows even where the item opens with a list
            for i, inner in enumerate(item):
                if isinstance(inner, Paragraph):
                    p = self._paragraph(item_role if i == 0 else "continue", "")
                    if i == 0:
                        build.number(p, num_id, ilvl)
                    else:
                        build.indent(p, xml.list_indent_twips(ilvl + 1))
                    self._spans(p, inner.spans)
                elif isinstance(inner, ListBlock):
                    self._list(inner, role, depth + 1)
                else:
                    self._blocks(inner.blocks, "quote", depth + 1)

    def _spans(self, p: Any, spans: Sequence[Span]) -> None:
        for span in spans:
            if span.link:
                r_id = self.document.part.relate_to(span.link, RT.HYPERLINK, is_external=True)
                link_style = self._style_id("link", styles.CHARACTER["link"], character=True)
                build.run(build.hyperlink(p, r_id), span.text, style=link_style, bold=span.bold, italic=span.italic)
            else:
                build.run(p, span.text, bold=span.bold, italic=span.italic)
        self._drawn.texts.append("".join(span.text for span in spans))

    # -- helpers ---------------------------------------------------------------------------------

    def _append(self, block: Any) -> None:
        """Put a block (`w:p`, `w:tbl`) at the end of the body, before its `w:sectPr`."""
        if self._end is not None:
            self._end.addprevious(block)
        else:
            self._body.append(block)

    def _last_block(self) -> Any:
        """The body's last child before its `w:sectPr` (None: there is none), found without walking the body."""
        if self._end is not None:
            return self._end.getprevious()
        return next(self._body.iterchildren(reversed=True), None)

    def _since(self, first: Any) -> Iterator[Any]:
        """The body's children from `first` (None: none) up to its closing `w:sectPr`."""
        element = first
        while element is not None and element is not self._end:
            yield element
            element = element.getnext()

    def _paragraph(self, role: str, text: str) -> Any:
        """A new `w:p` at the end of the body in the style of `role`, holding `text` (if any) in one run."""
        p = build.paragraph(self._body, self._style_id(role, None))
        self._append(p)
        if text:
            build.run(p, text)
        self._drawn.texts.append(text)
        return p

    def _bookmark(self, p: Any, name: str) -> None:
        build.bookmark(p, name, self._drawn.next_bookmark)
        self._drawn.next_bookmark += 1
        self._drawn.bookmarks.append(name)

    def _style_id(self, role: str, name: str | None, *, character: bool = False) -> str | None:
        """The id of the template's style for a role, found by name as Word finds it (so a Word in any language, or
        LibreOffice, keeps working); None for the default style of its type, as python-docx writes it. Looked up
        once a role."""
        key = ("c:" if character else "") + role
        if key not in self._style_ids:
            style_name = name or styles.PARAGRAPH[role]
            element = self._styles.find(style_name)
            if element is None:
                raise DocxRenderError(f"the Word style {style_name!r} is missing from the template and the master")
            self._style_ids[key] = self._styles.style_id(element)
        return self._style_ids[key]


def _fit(picture: Picture, max_width: int, max_height: int) -> tuple[int, int]:
    """A picture's size in EMU: its natural size at 96 dpi, scaled down to fit the box, aspect kept."""
    width, height = picture.width * 9525, picture.height * 9525
    scale = min(1.0, max_width / width, max_height / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


# -- the writer ------------------------------------------------------------------------------------


class _Subdoc:
    """A blank document that draws with the template's part (its styles, numbering, images and links), and
    gives Jinja its body as markup.

    It stands in for docxtpl's own Subdoc (which needs docxcompose) and guards its XML:
    `{` and `}` become character references, so that docxtpl's after-render replacement
    of `{_{` by `{{` can never touch user text.
    """

    def __init__(self, tpl: Any) -> None:
        from docx.document import Document
        from docx.oxml import parse_xml

        main = tpl.get_docx()
        element: Any = parse_xml(f'<w:document xmlns:w="{xml.W_NS}"><w:body/></w:document>')
        sect_pr = main.element.body.find(qn("w:sectPr"))
        self._sect_pr = None if sect_pr is None else copy.deepcopy(sect_pr)
        if self._sect_pr is not None:
            element.body.append(self._sect_pr)  # the page's width, for tables and pictures
        self.document = Document(element, main.part)

    def __html__(self) -> str:
        body = self.document.element.body
        # The body serialized whole, its own tags cut off: a block serialized alone declares the `w` namespace
        # again, and lxml takes time quadratic in the number of such declarations to move the body into the template.
        if self._sect_pr is not None:
            body.remove(self._sect_pr)
        try:
            markup = etree.tostring(body, encoding="unicode")
        finally:
            if self._sect_pr is not None:
                body.append(self._sect_pr)
        if markup.endswith("/>"):
            return ""  # an empty body: `<w:body .../>`
        return _braces(markup[markup.index(">") + 1 : markup.rindex("</")])


def _braces(markup: str) -> str:
    return markup.replace("{", "&#123;").replace("}", "&#125;")


def _as_data(value: Any) -> Any:
    """Jinja's finalize: every value is text, escaped for XML, braces as character references."""
    if hasattr(value, "__html__"):
        return value
    return Markup(_braces(str(escape(value))))


def _environment() -> docx_template.BoundedEnvironment:
    return docx_template.BoundedEnvironment(autoescape=True, finalize=_as_data)


def _template_class() -> type[DocxTemplate]:
    from docxtpl import DocxTemplate

    class StrictTemplate(DocxTemplate):  # type: ignore[misc]
        """docxtpl re-parses its output with a recovering parser that drops what it cannot read:
        parse it strictly first."""

        def fix_tables(self, xml_text: str) -> Any:
            try:
                etree.fromstring(xml_text.encode(), xml.strict_parser())
            except etree.XMLSyntaxError as err:
                raise DocxRenderError(f"the rendered Word body is not well-formed XML: {err}") from err
            return super().fix_tables(xml_text)

    return StrictTemplate


def write(bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None:
    """Write the Word newsletter of `bundle` to `stream`, from the master template (or `template`)."""
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
    _warn_of(shown, styles.ensure_styles(style_index, master_styles))
    _ensure_numbering(document, master_numbering)
    if bundle.theme.paints:
        styles.apply_theme(style_index, bundle.theme)
    _set_language(document, bundle.edition.language)

    drawn, closing_drawn, logo_drawn = _Drawn(), _Drawn(), _Drawn()
    body = _Subdoc(tpl)
    ctx = DocxContext(body.document, bundle.theme, bundle.root, drawn=drawn, style_index=style_index)
    for index, section in enumerate(bundle.sections, 1):
        kind = registry.kind_of(section)
        ctx.begin_section(kind.name, index)
        kind.docx(section, ctx)
    edition = bundle.edition
    closing: Any = ""
    if edition.closing:
        closing = _Subdoc(tpl)
        DocxContext(closing.document, bundle.theme, bundle.root, drawn=closing_drawn, style_index=style_index).closing(
            edition.closing
        )
    logo: Any = ""
    if edition.logo is not None:
        logo = _Subdoc(tpl)
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
    docx_template.render(tpl, context, environment, shown)
    _set_properties(document, bundle)

    buffer = io.BytesIO()
    tpl.save(buffer)
    data = xml.reproducible_zip(buffer.getvalue(), document_date(bundle))
    # What the template shows must all be there: each masthead field it uses, then each subdocument's texts in order.
    expected = [[str(context[key])] for key in MASTHEAD if key in used and context[key]]
    expected += [
        d.texts for key, d in (("body", drawn), ("closing", closing_drawn), ("logo", logo_drawn)) if key in used
    ]
    _check(data, expected, drawn.bookmarks)
    stream.write(data)


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
            docx_template.TemplateWarning(
                f"{shown}: has no style{plural} {names}: sprintdoc uses its own "
                f"(add {'them' if plural else 'it'} to the template to restyle {'them' if plural else 'it'})"
            ),
            stacklevel=3,
        )
    for problem in (a for a in added if a.found is not None):
        warnings.warn(docx_template.TemplateWarning(f"{shown}: {problem}: sprintdoc adds its own"), stacklevel=3)


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
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            entries = z.namelist()
            parts = {n: etree.fromstring(z.read(n), xml.strict_parser()) for n in entries if n.endswith(".xml")}
    except (zipfile.BadZipFile, etree.XMLSyntaxError) as err:
        raise DocxRenderError(f"the Word document came out broken: {err}") from err
    twice = sorted({n for n in entries if entries.count(n) > 1})
    if twice:  # Word may refuse such a package as corrupt
        raise DocxRenderError(f"the Word package holds a part more than once: {', '.join(twice)}")
    document = parts["word/document.xml"]
    lines = []
    for p in document.iter(qn("w:p")):
        pieces = []
        for el in p.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            pieces.append(el.text or "" if el.tag == qn("w:t") else "\t" if el.tag == qn("w:tab") else "\n")
        lines.append("".join(pieces))
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
    names = {b.get(qn("w:name")) for b in document.iter(qn("w:bookmarkStart"))}
    missing += [f"bookmark {name}" for name in bookmarks if name not in names]
    if missing:
        shown = "; ".join(repr(t[:60]) for t in missing[:5])
        raise DocxRenderError(f"text went missing while rendering the Word document: {shown}")

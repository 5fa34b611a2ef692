"""The Word newsletter's subdocuments: what a section kind draws, kept as text, and put in the rendered template.

`Subdoc` stands in for docxtpl's own Subdoc; `docx.write` makes one for the body, the closing
and the logo, and splices each into the saved document part (`Subdoc.splice`).
"""

from __future__ import annotations

import copy
import itertools
import re
from typing import Any

from docx.oxml.ns import qn
from lxml import etree

from sprintdoc.writers import docx_xml as xml
from sprintdoc.writers.docx_context import DocxRenderError


class Subdoc:
    """A blank document that draws with the template's part (its styles, numbering, images and links), and
    gives Jinja its body.

    It stands in for docxtpl's own Subdoc (which needs docxcompose). What is drawn is kept as UTF-8 text
    (`spill`, as drawing goes on, and the rest once rendering asks for it), never as one large tree.
    In the document's own part Jinja is given only a placeholder, a processing instruction, which
    `splice` replaces by that text in the saved part: the body is neither rendered by Jinja nor
    parsed again by docxtpl. Elsewhere (a header) it is given the text as markup, `{` and `}` as
    character references, so that docxtpl's after-render replacement of `{_{` by `{{` can never
    touch user text.
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
        self._tpl = tpl
        #: The namespaces the template declares around its body: a block's text declares none of those again.
        self._nsmap = main.element.body.nsmap
        #: The blocks drawn so far as text, each with the number of pictures (`wp:docPr`) it holds.
        self.chunks: list[tuple[bytes, int]] = []
        self.pictures = 0
        #: The processing instruction standing for this body in the document's part, once it is placed there.
        self.placeholder: str | None = None
        #: The id of the body's first picture, as docxtpl numbers the rendered document's (`fix_docpr_ids`).
        self.first_picture = 0
        subdocs: list[Subdoc] = tpl.subdocs
        self._target = f"sprintdoc-subdoc-{len(subdocs) + 1}"
        subdocs.append(self)

    def spill(self, blocks: list[etree._Element]) -> None:
        """Take `blocks` out of the body, kept as text."""
        body = self.document.element.body
        # Serialized inside one element declaring the template's namespaces, its own tags cut off: the blocks' text
        # is as it would be in the template's body (lxml drops a declaration the holder makes already), and a block
        # serialized alone would declare the `w` namespace again.
        holder = etree.Element(body.tag, nsmap=self._nsmap)
        holder.extend(blocks)
        pictures = sum(1 for _ in holder.iter(DOCPR))
        markup = etree.tostring(holder, encoding="UTF-8")
        if not markup.endswith(b"/>"):
            self.chunks.append((markup[markup.index(b">") + 1 : markup.rindex(b"</")], pictures))
            self.pictures += pictures

    def __html__(self) -> str:
        body = self.document.element.body
        if self._sect_pr is not None and self._sect_pr.getparent() is body:
            body.remove(self._sect_pr)  # drawing is over: only the blocks are the body's
        blocks = list(body)
        if blocks:
            self.spill(blocks)
        rendering = getattr(self._tpl, "current_rendering_part", None)  # None: docxtpl is not rendering a part
        if rendering is not None and rendering is self._tpl.docx.part and self.placeholder is None:
            self.placeholder = f"<?{self._target}?>"
            return self.placeholder
        return braces(b"".join(chunk for chunk, _ in self.chunks).decode())

    def splice(self, part: bytes) -> bytes:
        """The document's saved part `part` with this body's text in place of its placeholder, its pictures numbered
        on from those before it."""
        assert self.placeholder is not None
        before, after = part.split(self.placeholder.encode(), 1)
        number = itertools.count(self.first_picture)
        counted = 0

        def renumbered(match: re.Match[bytes]) -> bytes:
            nonlocal counted
            counted += 1
            return b'%sid="%d"' % (match[1], next(number))

        pieces = [before]
        for chunk, pictures in self.chunks:
            pieces.append(_DOCPR_ID.sub(renumbered, chunk) if pictures else chunk)
        pieces.append(after)
        if counted != self.pictures:
            raise DocxRenderError(f"{counted} of the body's {self.pictures} pictures could be numbered")
        self.chunks = []
        return b"".join(pieces)


#: A picture's drawing properties, whose id docxtpl renumbers across the document.
DOCPR = qn("wp:docPr")
#: Its id as python-docx writes it (the first attribute) and lxml serializes it: `<` never stands in text for itself.
_DOCPR_ID = re.compile(rb'(<wp:docPr )id="\d+"')


def braces(markup: str) -> str:
    """Markup with `{` and `}` as character references: docxtpl's after-render replacement of `{_{` cannot touch it."""
    return markup.replace("{", "&#123;").replace("}", "&#125;")

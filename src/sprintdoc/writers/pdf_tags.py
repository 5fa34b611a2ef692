"""The tagged PDF: a structure tree in reading order, marked content while drawing, artifacts for decoration.

`PdfContext` builds the tree as it fills the story (Document → a Sect per section →
H1, H2, H3, P, L/LI/LBody, BlockQuote, Figure with /Alt, Caption, Table/TR/TH/TD,
Link), and hangs each element on the flowable that draws it. While the page is
drawn, `marked(canvas, element)` wraps the element's content in `BDC`/`EMC` with a
marked-content id, and `artifact(canvas)` wraps decoration (borders, fills, table
lines, the running header and footer). When the document is saved, `write_tree`
adds the StructTreeRoot, its ParentTree, `/StructParents` and `/Tabs /S` on the
pages, `/StructParent` and `/Contents` on link annotations, and `/MarkInfo`.

A paragraph split over pages stays one element, with marked content on each page.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString
from reportlab.pdfbase.pdfdoc import format as pdf_format
from reportlab.platypus import Flowable, Table

from sprintdoc.writers.pdf_images import place


class StructElem:
    """One structure element: its type (`P`, `H2`…), parent, children in reading order, and attributes."""

    __slots__ = ("alt", "attributes", "kids", "links", "number", "parent", "type")

    def __init__(self, type_: str, parent: StructElem | None, number: int, alt: str | None = None) -> None:
        self.type = type_
        self.parent = parent
        self.number = number
        self.alt = alt
        self.attributes: dict[str, Any] = {}
        #: The text of each link drawn in this element's content, by target: a Link element's /Alt.
        self.links: dict[str, str] = {}
        #: Children: elements, and ("mcid", page reference, mcid) or ("objr", page reference, annotation reference).
        self.kids: list[StructElem | tuple[str, PDFObjectReference, Any]] = []
        if parent is not None:
            parent.kids.append(self)

    @property
    def name(self) -> str:
        """The name the element's PDF object is registered under."""
        return f"SprintdocStruct{self.number}"


class TagTree:
    """The document's structure tree, grown in reading order."""

    def __init__(self) -> None:
        self.elements: list[StructElem] = []
        self.root = self.new("Document", None)

    def new(self, type_: str, parent: StructElem | None, *, alt: str | None = None) -> StructElem:
        """A new element under `parent` (after its other children)."""
        element = StructElem(type_, parent, len(self.elements), alt)
        self.elements.append(element)
        return element

    def release(self) -> None:
        """Drop each element's link to its parent, once the tree is written: a child and its parent refer to each
        other, a cycle that kept the tree until the cycle collector ran."""
        for element in self.elements:
            element.parent = None


@contextlib.contextmanager
def marked(canv: Any, element: StructElem | None) -> Iterator[None]:
    """Draw the body of the `with` as content of `element` (nothing is marked for None)."""
    begin = getattr(canv, "begin_marked", None)
    if element is None or begin is None or getattr(canv, "in_artifact", False):  # content inside an artifact is one
        yield
        return
    begin(element)
    try:
        yield
    finally:
        canv.end_marked()


@contextlib.contextmanager
def artifact(canv: Any, kind: str | None = None) -> Iterator[None]:
    """Draw the body of the `with` as an artifact: decoration a screen reader passes over."""
    if not hasattr(canv, "begin_marked"):  # drawn outside a sprintdoc canvas (a measuring pass)
        yield
        return
    properties = f" <</Type /{kind}>> BDC" if kind else " BMC"
    canv._code.append(f"/Artifact{properties}")
    outer, canv.in_artifact = getattr(canv, "in_artifact", False), True
    try:
        yield
    finally:
        canv.in_artifact = outer
        canv._code.append("EMC")


class Marked(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """Any flowable drawn as the content of a structure element (`PdfContext.tagged`, for a plugin's raw flowables).

    A split keeps the element: each part's content on each page belongs to it.
    """

    def __init__(self, content: Flowable, element: StructElem) -> None:
        super().__init__()
        self.content = content
        self.tag = element

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # reportlab's names
        self.width, self.height = self.content.wrap(availWidth, availHeight)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return [Marked(part, self.tag) for part in self.content.split(availWidth, availHeight)]

    def getSpaceBefore(self) -> float:
        return float(self.content.getSpaceBefore())

    def getSpaceAfter(self) -> float:
        return float(self.content.getSpaceAfter())

    def draw(self) -> None:
        with marked(self.canv, self.tag):
            self.content.drawOn(self.canv, 0, 0)


class TaggedTable(Table):  # type: ignore[misc]  # reportlab is untyped
    """A table whose fills and lines are artifacts (its cells' paragraphs mark themselves); its Table element
    (`tag`) gets the box it is drawn in, so a checker can tell that the ruled grid is the table.

    A header row repeated on a later page (`repeatRows`) is drawn there as a pagination artifact: its cells'
    content belongs to the header drawn first, and a screen reader reads it once.
    """

    tag: StructElem | None = None
    #: How many of the first rows repeat a header drawn on an earlier page.
    repeated = 0

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = super().split(availWidth, availHeight)
        header = self.repeatRows if isinstance(self.repeatRows, int) else 0
        for i, part in enumerate(parts):
            if isinstance(part, TaggedTable) and part is not self:
                part.tag = self.tag
                part.repeated = self.repeated if i == 0 else header
        return parts

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:  # reportlab's name
        repeats = self.repeated and any(cellval is cell for cell in self._repeats)
        with artifact(self.canv, "Pagination") if repeats else contextlib.nullcontext():
            super()._drawCell(cellval, cellstyle, pos, size)

    def draw(self) -> None:
        if self.tag is not None and "BBox" not in self.tag.attributes:
            x, y = self.canv.absolutePosition(0, 0)
            self.tag.attributes["BBox"] = [x, y, x + self._width, y + self._height]
        self._repeats = [cell for row in self._cellvalues[: self.repeated] for cell in row]
        super().draw()

    def _drawBkgrnd(self) -> None:  # reportlab's name
        with artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:  # reportlab's name
        with artifact(self.canv):
            super()._drawLines()


class TaggedImage(Flowable):  # type: ignore[misc]  # reportlab is untyped
    """A picture (PNG or JPEG bytes) drawn `width` by `height` points, as its Figure element's content, or as an
    artifact when decorative (no element)."""

    tag: StructElem | None = None

    def __init__(self, data: bytes, width: float, height: float) -> None:
        super().__init__()
        self.data = data
        self.drawWidth, self.drawHeight = width, height
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # reportlab's names
        return self.drawWidth, self.drawHeight

    def draw(self) -> None:
        if self.tag is None:
            with artifact(self.canv):
                place(self.canv, self.data, 0, 0, self.drawWidth, self.drawHeight)
            return
        if self.tag.alt is not None and "BBox" not in self.tag.attributes:
            x, y = self.canv.absolutePosition(0, 0)
            self.tag.attributes["BBox"] = [x, y, x + self.drawWidth, y + self.drawHeight]
        with marked(self.canv, self.tag):
            place(self.canv, self.data, 0, 0, self.drawWidth, self.drawHeight)


class PageTags:
    """The marked content of the page being drawn, and what the ParentTree maps to it."""

    def __init__(self) -> None:
        self.key = -1  # the page's /StructParents key, once it has marked content
        self.elements: list[StructElem] = []  # by MCID
        #: The page's reference, made once: every element drawn on it names the page (an object each would be held
        #: until the PDF is saved, tens of thousands in a large edition).
        self.ref: PDFObjectReference | None = None


def write_tree(doc: Any, tree: TagTree, parent_tree: dict[int, Any], language: str) -> None:
    """Add the structure tree, its ParentTree and /MarkInfo to the catalog of `doc` (a reportlab PDFDocument)."""
    for element in tree.elements:
        doc.Reference(_ElementObject(element, language if element is tree.root else None), element.name)
    nums: list[Any] = []
    for key in sorted(parent_tree):
        value = parent_tree[key]
        if isinstance(value, list):
            nums += [key, PDFArray([PDFObjectReference(e.name) for e in value])]
        else:
            nums += [key, PDFObjectReference(value.name)]
    root = PDFDictionary(
        {
            "Type": PDFName("StructTreeRoot"),
            "K": PDFArray([PDFObjectReference(tree.root.name)]),
            "ParentTree": doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}), "SprintdocParentTree"),
            "ParentTreeNextKey": len(parent_tree),
        }
    )
    doc.Catalog.StructTreeRoot = doc.Reference(root, "SprintdocStructTreeRoot")
    doc.Catalog.MarkInfo = PDFDictionary({"Marked": "true"})


class _ElementObject(PDFObject):  # type: ignore[misc]  # reportlab is untyped
    """A structure element's dictionary, written straight to bytes as reportlab writes a PDFDictionary.

    An edition has hundreds of elements of a few keys each; building reportlab's generic objects for them
    and formatting those took a fifth of saving the file.
    """

    def __init__(self, element: StructElem, language: str | None) -> None:
        self.element = element
        self.language = language

    def format(self, document: Any) -> bytes:
        element = self.element
        numbers = document.idToObjectNumberAndVersion

        def ref(name: str) -> bytes:
            return b"%d %d R" % numbers[name]

        entries: dict[str, bytes] = {"Type": b"/StructElem", "S": b"/" + element.type.encode("ascii")}
        entries["P"] = ref(element.parent.name if element.parent else "SprintdocStructTreeRoot")
        pages = [kid[1] for kid in element.kids if isinstance(kid, tuple)]
        page = pages[0].name if pages else None
        if page is not None:
            entries["Pg"] = ref(page)
        kids: list[bytes] = []
        for kid in element.kids:
            if isinstance(kid, StructElem):
                kids.append(ref(kid.name))
            elif kid[0] == "mcid" and kid[1].name == page:
                kids.append(b"%d" % kid[2])
            elif kid[0] == "mcid":
                kids.append(_dictionary({"MCID": b"%d" % kid[2], "Pg": ref(kid[1].name), "Type": b"/MCR"}))
            else:
                kids.append(_dictionary({"Obj": ref(kid[2].name), "Pg": ref(kid[1].name), "Type": b"/OBJR"}))
        entries["K"] = _array(kids)
        if element.alt is not None:
            entries["Alt"] = pdf_format(PDFString(element.alt), document)
        if self.language:
            entries["Lang"] = pdf_format(PDFString(self.language), document)
        attributes = dict(element.attributes)
        if "BBox" in attributes:
            attributes["BBox"] = PDFArray([round(v, 2) for v in attributes["BBox"]])
            attributes["O"] = PDFName("Layout")
        if "Scope" in attributes:
            attributes["O"] = PDFName("Table")
            attributes["Scope"] = PDFName(attributes["Scope"])
        if attributes:
            entries["A"] = pdf_format(PDFDictionary(attributes), document)
        return _dictionary(entries)


def _dictionary(entries: dict[str, bytes]) -> bytes:
    """`PDFDictionary.format`'s bytes: keys in order, a line break before every sixth."""
    items = [b"/" + key.encode("ascii") + b" " + entries[key] for key in sorted(entries)]
    for i in reversed(range(6, len(items), 6)):
        items.insert(i, b"\n ")
    return b"<<\n" + b" ".join(items) + b"\n>>"


def _array(items: list[bytes]) -> bytes:
    """`PDFArray.format`'s bytes: a line break before every tenth item."""
    if len(items) > 10:
        items = items[:]
        for i in reversed(range(10, len(items), 10)):
            items.insert(i, b"\n ")
    return b"[ " + b" ".join(items) + b" ]"

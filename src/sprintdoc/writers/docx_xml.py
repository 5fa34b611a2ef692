"""The WordprocessingML that python-docx has no API for: bookmarks, hyperlinks, list numbering, alt text, cells.

Each function takes python-docx's oxml elements (lxml elements underneath) and
adds what Word needs, children in the schema's order. Nothing here knows about
bundles or section kinds; `docx.py` calls these.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from sprintdoc.writers.list_layout import DEEPEST_LIST_LEVEL, list_indent

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#: Office 2017's decorative-picture extension (`adec:decorative`), inside `wp:docPr/a:extLst`.
ADEC_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
ADEC_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

#: The names the list definitions carry in numbering.xml, so a template's own lists are never reused by mistake.
BULLETS_NAME, NUMBERS_NAME = "sprintdoc bullets", "sprintdoc numbers"
_BULLET_GLYPHS = ("•", "◦", "▪")
_NUMBER_FORMATS = (("decimal", "%{}."), ("lowerLetter", "%{}."), ("lowerRoman", "%{}."))
#: The hanging indent of a list's bullet or number (twips).
LIST_HANGING = 300


def strict_parser() -> etree.XMLParser:
    """An XML parser that refuses anything malformed (no recovery) and never resolves entities or the network."""
    return etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True)


# -- bookmarks ---------------------------------------------------------------------------------


def add_bookmark(p: Any, name: str, bookmark_id: int) -> None:
    """Wrap the whole of paragraph `p` (a `w:p`) in a bookmark `name`; an empty paragraph gets a zero-width one."""
    start = OxmlElement("w:bookmarkStart", {qn("w:id"): str(bookmark_id), qn("w:name"): name})
    end = OxmlElement("w:bookmarkEnd", {qn("w:id"): str(bookmark_id)})
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(end)


# -- hyperlinks ----------------------------------------------------------------------------------


def hyperlink(paragraph: Any, url: str) -> Any:
    """A new `w:hyperlink` at the end of `paragraph` (a python-docx Paragraph), related to `url` as an external link."""
    r_id = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink", {qn("r:id"): r_id, qn("w:history"): "1"})
    paragraph._p.append(link)
    return link


# -- numbering -----------------------------------------------------------------------------------


def abstract_num(abstract_id: int, ordered: bool) -> Any:
    """A list definition (`w:abstractNum`) of every level drawn: bullets or numbers, each level a step further in."""
    name = NUMBERS_NAME if ordered else BULLETS_NAME
    levels = []
    for ilvl in range(DEEPEST_LIST_LEVEL):
        if ordered:
            fmt, text = _NUMBER_FORMATS[ilvl % 3]
            text = text.format(ilvl + 1)
            rpr = ""
        else:
            fmt, text = "bullet", _BULLET_GLYPHS[ilvl % 3]
            rpr = '<w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:cs="DejaVu Sans"/></w:rPr>'
        left = list_indent_twips(ilvl + 1)
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{LIST_HANGING}"/></w:pPr>{rpr}</w:lvl>'
        )
    nsid = f"{0x5D0C0000 + abstract_id * 16 + int(ordered):08X}"
    xml = (
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{nsid}"/><w:multiLevelType w:val="multilevel"/><w:name w:val="{name}"/>'
        f"{''.join(levels)}</w:abstractNum>"
    )
    return etree.fromstring(xml)


def list_indent_twips(level: int) -> int:
    """How far a list item's text at `level` (1 for a top-level list) is indented from the margin, in twips."""
    return round(list_indent(level) * 20)


def ensure_list_definitions(numbering: Any) -> dict[bool, int]:
    """The abstractNumId of sprintdoc's bullet (False) and number (True) lists, added if the template lacks them."""
    found: dict[bool, int] = {}
    for definition in numbering.findall(qn("w:abstractNum")):
        name = definition.find(qn("w:name"))
        value = name.get(qn("w:val")) if name is not None else None
        if value in (BULLETS_NAME, NUMBERS_NAME):
            found.setdefault(value == NUMBERS_NAME, int(definition.get(qn("w:abstractNumId"))))
    used = {int(d.get(qn("w:abstractNumId"))) for d in numbering.findall(qn("w:abstractNum"))}
    for ordered in (False, True):
        if ordered in found:
            continue
        new_id = max(used, default=0) + 1
        used.add(new_id)
        element = abstract_num(new_id, ordered)
        first_num = numbering.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(element)
        else:
            numbering.append(element)
        found[ordered] = new_id
    return found


class ListInstances:
    """Hands out a fresh `w:num` per list in one numbering part, so that each list's numbering restarts.

    python-docx's `add_num` rescans every `w:num` for a free id (and the number list for each
    candidate): the ids in use are read here once, and each new list costs the same however many came
    before. The ids are python-docx's: the lowest unused, from 1.
    """

    def __init__(self, numbering: Any) -> None:
        self._numbering = numbering
        self._used = {int(value) for value in numbering.xpath("./w:num/@w:numId")}
        self._lowest_free = 1
        # w:num elements close the part, but for a trailing w:numIdMacAtCleanup
        self._before = numbering.find(qn("w:numIdMacAtCleanup"))

    def new(self, abstract_id: int, ilvl: int, start: int) -> int:
        """The id of a new `w:num` of list definition `abstract_id`, restarting level `ilvl` at `start`."""
        from docx.oxml.numbering import CT_Num

        while self._lowest_free in self._used:
            self._lowest_free += 1
        num_id = self._lowest_free
        self._used.add(num_id)
        new_num: Any = CT_Num.new  # untyped in python-docx
        num = new_num(num_id, abstract_id)
        if self._before is not None:
            self._before.addprevious(num)
        else:
            self._numbering.append(num)
        num.add_lvlOverride(ilvl=ilvl).add_startOverride(start)
        return num_id


def set_numbering(p: Any, num_id: int, ilvl: int) -> None:
    """Make paragraph `p` (a `w:p`) an item of list `num_id` at level `ilvl`."""
    num_pr = p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = ilvl
    num_pr.get_or_add_numId().val = num_id


# -- pictures ------------------------------------------------------------------------------------


def describe_picture(inline: Any, alt: str, decorative: bool) -> None:
    """Set a picture's alt text (`wp:docPr/@descr`, and the picture's own `cNvPr`), or mark it decorative."""
    doc_pr = inline.docPr
    pic_pr = inline.find(f".//{{{'http://schemas.openxmlformats.org/drawingml/2006/picture'}}}cNvPr")
    for props in (doc_pr, pic_pr):
        if props is not None:
            props.set("descr", "" if decorative else alt)
    if decorative:
        ext_lst = etree.SubElement(doc_pr, f"{{{A_NS}}}extLst")
        ext = etree.SubElement(ext_lst, f"{{{A_NS}}}ext", uri=ADEC_URI)
        etree.SubElement(ext, f"{{{ADEC_NS}}}decorative", nsmap={"adec": ADEC_NS}, val="1")


# -- tables --------------------------------------------------------------------------------------


def shade_cell(cell: Any, fill: str) -> None:
    """Fill a table cell (python-docx `_Cell`) with the colour `fill` (`RRGGBB`)."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd", {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill})
    # w:shd comes after tcW, gridSpan, vMerge and tcBorders; before noWrap, tcMar, vAlign and the rest.
    later = [tc_pr.find(qn(t)) for t in ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign")]
    anchor = next((el for el in later if el is not None), None)
    if anchor is not None:
        anchor.addprevious(shd)
    else:
        tc_pr.append(shd)


def mark_header_row(row: Any) -> None:
    """Mark a table row (python-docx `_Row`) as a header row that never splits across pages.

    Its cells are the column headers of the cells below them: Word repeats the row on each page, and a
    tagged PDF saved from Word or LibreOffice tags them TH (with column scope) and the cells below TD.
    """
    keep_row(row)
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


def keep_row(row: Any) -> None:
    """Keep a table row (python-docx `_Row`) on one page."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))


def fixed_layout(table: Any, width: int, caption: str, description: str = "") -> None:
    """Give a table (python-docx `Table`) a fixed layout `width` twips wide, and its alt text.

    `caption` is the alt text's title (`w:tblCaption`, what a screen reader announces on entering the table)
    and `description` its description (`w:tblDescription`, a summary read on request).
    """
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(width))
    look = tbl_pr.find(qn("w:tblLook"))
    layout = OxmlElement("w:tblLayout", {qn("w:type"): "fixed"})
    alt = [OxmlElement("w:tblCaption", {qn("w:val"): caption})]
    if description:
        alt.append(OxmlElement("w:tblDescription", {qn("w:val"): description}))
    # tblLayout comes before tblCellMar and tblLook; tblCaption and tblDescription close tblPr, in that order.
    if look is not None:
        look.addprevious(layout)
    else:
        tbl_pr.append(layout)
    tbl_pr.extend(alt)


# -- keeping things together -----------------------------------------------------------------------


def keep(p: Any, *, with_next: bool) -> None:
    """Keep paragraph `p` (a `w:p`) on one page, and with the next paragraph if `with_next`."""
    ppr = p.get_or_add_pPr()
    if with_next:
        ppr.keepNext_val = True
    ppr.keepLines_val = True


def paragraphs_in(block: Any) -> Iterator[Any]:
    """The `w:p` elements of a block (a paragraph itself, or every paragraph in a table)."""
    if block.tag == qn("w:p"):
        yield block
    else:
        yield from block.iter(qn("w:p"))


# -- package -------------------------------------------------------------------------------------


def app_properties(application: str) -> bytes:
    """docProps/app.xml naming the application that made the file (the outline reader checks it)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
    ).encode()


def reproducible_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same package with every entry stamped `when` (not before 1980) and stored in a fixed order."""
    stamp = max(when.astimezone(dt.UTC).replace(tzinfo=None), dt.datetime(1980, 1, 1))
    date_time = (stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        names = zin.namelist()
        # [Content_Types].xml first, as Office writes it; then the order python-docx wrote.
        for name in sorted(names, key=lambda n: n != "[Content_Types].xml"):
            info = zipfile.ZipInfo(name, date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zout.writestr(info, zin.read(name))
    return out.getvalue()

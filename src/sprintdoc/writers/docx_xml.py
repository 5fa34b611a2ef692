"""The WordprocessingML of a document as a whole: list definitions and instances, pictures' alt text, the package.

Each function takes python-docx's oxml elements (lxml elements underneath) and
adds what Word needs, children in the schema's order. Nothing here knows about
bundles or section kinds; `docx.py` calls these.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping
from typing import Any

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


def strict_parser(target: Any = None) -> etree.XMLParser:
    """An XML parser that refuses anything malformed (no recovery) and never resolves entities or the network;
    with a `target`, parsing calls it instead of building a tree."""
    return etree.XMLParser(recover=False, resolve_entities=False, no_network=True, huge_tree=True, target=target)


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


# -- package -------------------------------------------------------------------------------------


def app_properties(application: str) -> bytes:
    """docProps/app.xml naming the application that made the file (the outline reader checks it)."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{application}</Application><DocSecurity>0</DocSecurity></Properties>"
    ).encode()


#: The first and last moments a ZIP entry's date can hold (its year is 7 bits from 1980; its seconds are even).
ZIP_FIRST, ZIP_LAST = dt.datetime(1980, 1, 1), dt.datetime(2107, 12, 31, 23, 59, 58)


def reproducible_zip(data: bytes, when: dt.datetime, replaced: Mapping[str, bytes] | None = None) -> bytes:
    """The same package with every entry stamped `when` (within the 1980–2107 a ZIP can hold) in a fixed order, and
    the entries `replaced` names holding what it gives."""
    stamp = min(max(when.astimezone(dt.UTC).replace(tzinfo=None), ZIP_FIRST), ZIP_LAST)
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
            zout.writestr(info, replaced[name] if replaced and name in replaced else zin.read(name))
    return out.getvalue()

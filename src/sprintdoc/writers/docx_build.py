"""The paragraphs and runs sprintdoc draws, built straight with lxml: what python-docx would write, without its proxies.

python-docx finds each property's place among its siblings by walking the schema's list of
every element that may follow it, naming each one afresh (`qn`), for every run and every
paragraph: most of the time a newsletter took to draw. Here the names are made once, a
paragraph's and a run's properties are written in the schema's order as they are made, and the
few added later (keep-with-next, numbering) find their place by rank. The elements are still
python-docx's classes (they are made in its document), so a plugin can use its API on them.
"""

from __future__ import annotations

from typing import Any

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f"{{{W_NS}}}"

P, PPR, PSTYLE, KEEP_NEXT, KEEP_LINES = f"{_W}p", f"{_W}pPr", f"{_W}pStyle", f"{_W}keepNext", f"{_W}keepLines"
NUM_PR, ILVL, NUM_ID, IND, LEFT = f"{_W}numPr", f"{_W}ilvl", f"{_W}numId", f"{_W}ind", f"{_W}left"
R, RPR, RSTYLE, BOLD, ITALIC, COLOR = f"{_W}r", f"{_W}rPr", f"{_W}rStyle", f"{_W}b", f"{_W}i", f"{_W}color"
T, TAB, BR = f"{_W}t", f"{_W}tab", f"{_W}br"
TBL, TR, TRPR, TC, TCPR = f"{_W}tbl", f"{_W}tr", f"{_W}trPr", f"{_W}tc", f"{_W}tcPr"
CANT_SPLIT, TBL_HEADER, TBL_PR_EX = f"{_W}cantSplit", f"{_W}tblHeader", f"{_W}tblPrEx"
HYPERLINK, BOOKMARK_START, BOOKMARK_END = f"{_W}hyperlink", f"{_W}bookmarkStart", f"{_W}bookmarkEnd"
VAL, ID, NAME, HISTORY, TYPE, WIDTH = f"{_W}val", f"{_W}id", f"{_W}name", f"{_W}history", f"{_W}type", f"{_W}w"
R_ID = f"{{{R_NS}}}id"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _ranks(*tags: str) -> dict[str, int]:
    """Each child's place in its parent's schema sequence, by Clark name."""
    return {f"{_W}{tag}": rank for rank, tag in enumerate(tags)}


#: `w:pPr`'s children in the schema's order (CT_PPr), as python-docx places them.
PPR_ORDER = _ranks(
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
)  # fmt: skip
_NUM_PR_ORDER = _ranks("ilvl", "numId", "numberingChange", "ins")


def put(parent: Any, child: Any, order: dict[str, int]) -> Any:
    """Insert `child` into `parent` at its place in the schema's `order` (before the first sibling ranked later)."""
    rank = order.get(child.tag, len(order))
    for i, sibling in enumerate(parent):
        if order.get(sibling.tag, len(order)) > rank:
            parent.insert(i, child)
            return child
    parent.append(child)
    return child


def child(parent: Any, tag: str, order: dict[str, int]) -> Any:
    """`parent`'s first `tag` child, added at its place in `order` if there is none."""
    found = parent.find(tag)
    return found if found is not None else put(parent, parent.makeelement(tag), order)


# -- paragraphs --------------------------------------------------------------------------------


def paragraph(maker: Any, style_id: str | None) -> Any:
    """A new, unattached `w:p` of style `style_id` (None: the default paragraph style), made in `maker`'s document."""
    p = maker.makeelement(P)
    if style_id is not None:
        ppr = p.makeelement(PPR)
        p.append(ppr)
        ppr.append(ppr.makeelement(PSTYLE, {VAL: style_id}))
    return p


def properties(p: Any) -> Any:
    """The `w:pPr` of paragraph `p`, added as its first child if it has none."""
    first = p[0] if len(p) else None
    if first is not None and first.tag == PPR:
        return first
    ppr = p.makeelement(PPR)
    p.insert(0, ppr)
    return ppr


def keep(p: Any, *, with_next: bool) -> None:
    """Keep paragraph `p` on one page (`w:keepLines`), and with the next paragraph if `with_next` (`w:keepNext`)."""
    ppr = properties(p)
    if with_next:
        child(ppr, KEEP_NEXT, PPR_ORDER)
    child(ppr, KEEP_LINES, PPR_ORDER)


def number(p: Any, num_id: int, ilvl: int) -> None:
    """Make paragraph `p` an item of list `num_id` at level `ilvl` (`w:numPr`)."""
    num_pr = child(properties(p), NUM_PR, PPR_ORDER)
    child(num_pr, ILVL, _NUM_PR_ORDER).set(VAL, str(ilvl))
    child(num_pr, NUM_ID, _NUM_PR_ORDER).set(VAL, str(num_id))


def indent(p: Any, left_twips: int) -> None:
    """Indent paragraph `p` from the left margin (`w:ind/@w:left`, twips)."""
    child(properties(p), IND, PPR_ORDER).set(LEFT, str(left_twips))


# -- runs ----------------------------------------------------------------------------------------


def run(
    parent: Any,
    text: str,
    *,
    style: str | None = None,
    bold: bool = False,
    italic: bool = False,
    colour: str | None = None,
) -> Any:
    """A `w:r` appended to `parent` (a paragraph or a hyperlink): `text` in character style `style`, bold, italic,
    in colour `colour` (`RRGGBB`); the run's properties only where one is set."""
    r = parent.makeelement(R)
    parent.append(r)
    if style is not None or bold or italic or colour is not None:
        rpr = r.makeelement(RPR)
        r.append(rpr)
        if style is not None:
            rpr.append(rpr.makeelement(RSTYLE, {VAL: style}))
        if bold:
            rpr.append(rpr.makeelement(BOLD))
        if italic:
            rpr.append(rpr.makeelement(ITALIC))
        if colour is not None:
            rpr.append(rpr.makeelement(COLOR, {VAL: colour.upper()}))
    if text:
        add_text(r, text)
    return r


def add_text(r: Any, text: str) -> None:
    """Append `text` to run `r` as python-docx writes it: a tab as `w:tab`, a line end (CR or LF) as `w:br`,
    the characters between in `w:t`, its spaces kept (`xml:space="preserve"`) where it starts or ends with one."""
    if "\t" not in text and "\n" not in text and "\r" not in text:
        _t(r, text)
        return
    piece: list[str] = []
    for char in text:
        if char == "\t" or char == "\r" or char == "\n":
            if piece:
                _t(r, "".join(piece))
                piece.clear()
            r.append(r.makeelement(TAB if char == "\t" else BR))
        else:
            piece.append(char)
    if piece:
        _t(r, "".join(piece))


def _t(r: Any, text: str) -> None:
    t = r.makeelement(T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(XML_SPACE, "preserve")
    r.append(t)


# -- marks ---------------------------------------------------------------------------------------


def bookmark(p: Any, name: str, bookmark_id: int, last: Any = None) -> None:
    """Wrap the whole of paragraph `p` (through paragraph `last`, if given) in a bookmark `name`; an empty
    paragraph gets a zero-width one."""
    start = p.makeelement(BOOKMARK_START, {ID: str(bookmark_id), NAME: name})
    end = p.makeelement(BOOKMARK_END, {ID: str(bookmark_id)})
    first = p[0] if len(p) else None
    if first is not None and first.tag == PPR:
        first.addnext(start)
    else:
        p.insert(0, start)
    (p if last is None else last).append(end)


def hyperlink(p: Any, r_id: str) -> Any:
    """A new `w:hyperlink` at the end of paragraph `p`, to the relationship `r_id`."""
    link = p.makeelement(HYPERLINK, {R_ID: r_id, HISTORY: "1"})
    p.append(link)
    return link


def keep_row(tr: Any) -> Any:
    """Keep a table row (`w:tr`) on one page (`w:cantSplit`); its `w:trPr`."""
    tr_pr = tr.find(TRPR)
    if tr_pr is None:  # first, or just after the row's w:tblPrEx
        tr_pr = tr.makeelement(TRPR)
        exceptions = tr.find(TBL_PR_EX)
        if exceptions is not None:
            exceptions.addnext(tr_pr)
        else:
            tr.insert(0, tr_pr)
    if tr_pr.find(CANT_SPLIT) is None:
        tr_pr.insert(0, tr_pr.makeelement(CANT_SPLIT))
    return tr_pr

"""Build the master Word template, templates/newsletter.docx, from scratch.

    .venv/bin/python tools/make_template.py [OUT]

The comms team edits the result in Word (styles, header, footer, masthead
layout); run this only to start over. Every part is written here by hand, so the
file holds nothing we did not choose (python-docx's stock template carries a
`stylesWithEffects` part that openxml-audit rejects). The look is the built-in
`default` theme (sprintdoc.theme); docs/word.md says what each tag and style does.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

from lxml import etree

from sprintdoc.theme import Theme
from sprintdoc.writers.docx_xml import W_NS, abstract_num, reproducible_zip

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "templates" / "newsletter.docx"

THEME = Theme()
C = THEME.colours
BODY, HEADING = THEME.fonts.body, THEME.fonts.heading
PRIMARY, ACCENT, TEXT, MUTED = C.primary.rrggbb, C.accent.rrggbb, C.text.rrggbb, C.muted.rrggbb

#: The Data Table style's header row fill: a light tint of the primary colour, dark text on it.
HEADER_FILL = "DCE6F1"

# A4 portrait, 2 cm margins: the text column is 11906 - 2 * 1134 = 9638 twips (17 cm) wide.
PAGE_W, PAGE_H, MARGIN, TEXT_W = 11906, 16838, 1134, 11906 - 2 * 1134

NAMESPACES = (
    f'xmlns:w="{W_NS}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14"'
)
DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"


def fonts(family: str) -> str:
    return f'<w:rFonts w:ascii="{family}" w:hAnsi="{family}" w:cs="{family}" w:eastAsia="{family}"/>'


def rpr(
    family: str | None = None,
    *,
    bold: bool = False,
    italic: bool = False,
    caps: bool = False,
    colour: str | None = None,
    size: int | None = None,
    underline: bool = False,
) -> str:
    """Run properties in schema order; size in half-points."""
    parts = [fonts(family) if family else ""]
    parts += ["<w:b/><w:bCs/>" if bold else "", "<w:i/><w:iCs/>" if italic else "", "<w:caps/>" if caps else ""]
    parts += [f'<w:color w:val="{colour}"/>' if colour else ""]
    parts += [f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else ""]
    parts += ['<w:u w:val="single"/>' if underline else ""]
    return f"<w:rPr>{''.join(parts)}</w:rPr>"


def ppr(
    *,
    keep_next: bool = False,
    keep_lines: bool = False,
    border: str = "",
    fill: str | None = None,
    tabs: str = "",
    before: int = 0,
    after: int = 120,
    line: int | None = None,
    ind: str = "",
    contextual: bool = False,
    jc: str | None = None,
    outline: int | None = None,
) -> str:
    """Paragraph properties in schema order; spacing in twips."""
    parts = ["<w:keepNext/>" if keep_next else "", "<w:keepLines/>" if keep_lines else "", border]
    parts += [f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else "", tabs]
    line_attr = f' w:line="{line}" w:lineRule="auto"' if line else ""
    parts += [f'<w:spacing w:before="{before}" w:after="{after}"{line_attr}/>', ind]
    parts += ["<w:contextualSpacing/>" if contextual else "", f'<w:jc w:val="{jc}"/>' if jc else ""]
    parts += [f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""]
    return f"<w:pPr>{''.join(parts)}</w:pPr>"


def border(sides: str, colour: str, size: int, space: int = 4) -> str:
    inner = "".join(
        f'<w:{s} w:val="single" w:sz="{size}" w:space="{space}" w:color="{colour}"/>' for s in sides.split()
    )
    return f"<w:pBdr>{inner}</w:pBdr>"


def style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based: str | None = "Normal",
    nxt: str | None = None,
    link: str | None = None,
    priority: int = 10,
    body: str = "",
    default: bool = False,
    semi_hidden: bool = False,
) -> str:
    attrs = ' w:default="1"' if default else ""
    parts = [f'<w:name w:val="{name}"/>']
    parts += [f'<w:basedOn w:val="{based}"/>' if based else "", f'<w:next w:val="{nxt}"/>' if nxt else ""]
    parts += [f'<w:link w:val="{link}"/>' if link else "", f'<w:uiPriority w:val="{priority}"/>']
    parts += ["<w:semiHidden/><w:unhideWhenUsed/>" if semi_hidden else "<w:qFormat/>", body]
    return f'<w:style w:type="{kind}"{attrs} w:styleId="{style_id}">{"".join(parts)}</w:style>'


def para(style_id: str, name: str, ppr_: str, rpr_: str = "", **kw: object) -> str:
    return style("paragraph", style_id, name, body=ppr_ + rpr_, **kw)  # type: ignore[arg-type]


def styles_xml() -> str:
    cell_mar = (
        '<w:tblCellMar><w:top w:w="60" w:type="dxa"/><w:left w:w="80" w:type="dxa"/>'
        '<w:bottom w:w="60" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>'
    )
    grid = "".join(
        f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
        for s in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    right_tab = f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>'
    out = [
        (
            f'<w:docDefaults><w:rPrDefault><w:rPr>{fonts(BODY)}<w:sz w:val="21"/><w:szCs w:val="21"/>'
            '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
            '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
        para(
            "Normal", "Normal", ppr(after=120, line=264), rpr(BODY, colour=TEXT), based=None, default=True, priority=0
        ),
        style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            based=None,
            default=True,
            priority=1,
            semi_hidden=True,
        ),
        style(
            "table",
            "TableNormal",
            "Normal Table",
            based=None,
            default=True,
            priority=99,
            semi_hidden=True,
            body='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
            '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
            '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>',
        ),
        style("numbering", "NoList", "No List", based=None, default=True, priority=99, semi_hidden=True),
        # The masthead.
        para(
            "Title",
            "Title",
            ppr(after=0, line=240, contextual=True),
            rpr(HEADING, bold=True, colour=PRIMARY, size=64),
            nxt="Subtitle",
        ),
        para("Subtitle", "Subtitle", ppr(after=120), rpr(HEADING, colour=MUTED, size=32), nxt="Normal", priority=11),
        para("Strapline", "Strapline", ppr(after=200), rpr(BODY, italic=True, colour=MUTED, size=24)),
        para(
            "MastheadMeta",
            "Masthead Meta",
            ppr(after=60, jc="right"),
            rpr(HEADING, caps=True, bold=True, colour=MUTED, size=18),
        ),
        para(
            "Tagline",
            "Tagline",
            ppr(
                border=border("top left bottom right", PRIMARY, 4, 6), fill=PRIMARY, before=120, after=360, jc="center"
            ),
            rpr(HEADING, bold=True, colour="FFFFFF", size=28),
        ),
        # Headings: section titles, items, card headings.
        para(
            "Heading1",
            "heading 1",
            ppr(keep_next=True, keep_lines=True, border=border("bottom", PRIMARY, 8), before=360, after=160, outline=0),
            rpr(HEADING, bold=True, colour=PRIMARY, size=36),
            nxt="Normal",
            priority=9,
        ),
        para(
            "Heading2",
            "heading 2",
            ppr(keep_next=True, keep_lines=True, before=280, after=80, outline=1),
            rpr(HEADING, bold=True, colour=PRIMARY, size=28),
            nxt="Normal",
            priority=9,
        ),
        para(
            "Heading3",
            "heading 3",
            ppr(keep_next=True, keep_lines=True, before=160, after=60, outline=2),
            rpr(HEADING, bold=True, colour=ACCENT, size=22),
            nxt="Normal",
            priority=9,
        ),
        para(
            "Heading4",
            "heading 4",
            ppr(keep_next=True, keep_lines=True, before=120, after=40, outline=3),
            rpr(HEADING, bold=True, colour=TEXT, size=21),
            nxt="Normal",
            priority=9,
        ),
        # Body text and its companions.
        para(
            "Quote",
            "Quote",
            ppr(
                border=border("left", ACCENT, 24, 8),
                before=120,
                after=200,
                line=276,
                ind='<w:ind w:left="284" w:right="567"/>',
            ),
            rpr(HEADING, italic=True, colour=PRIMARY, size=24),
            nxt="Normal",
            priority=29,
        ),
        para(
            "Caption",
            "caption",
            ppr(after=200, jc="center"),
            rpr(BODY, italic=True, colour=MUTED, size=18),
            nxt="Normal",
            priority=35,
        ),
        para("Figure", "Figure", ppr(keep_next=True, before=120, after=60, jc="center")),
        para(
            "ItemSubtitle",
            "Item Subtitle",
            ppr(keep_next=True, after=60),
            rpr(BODY, italic=True, colour=MUTED, size=22),
        ),
        para("Meta", "Meta", ppr(after=160), rpr(BODY, bold=True, colour=MUTED, size=19)),
        para("CardDetails", "Card Details", ppr(after=20), rpr(size=20)),
        para("ListBullet", "List Bullet", ppr(after=60, contextual=True), priority=36),
        para("ListNumber", "List Number", ppr(after=60, contextual=True), priority=37),
        para("ListContinue", "List Continue", ppr(after=60, ind='<w:ind w:left="360"/>'), priority=38),
        # Stage rows: the lifecycle and each card's strip.
        para("Stage", "Stage", ppr(after=0, line=240, jc="center"), rpr(BODY, colour=TEXT, size=16)),
        para(
            "LifecycleStage",
            "Lifecycle Stage",
            ppr(before=40, after=40, line=240, jc="center"),
            rpr(HEADING, bold=True, colour="FFFFFF", size=17),
        ),
        para("CurrentStage", "Current Stage", ppr(before=60, after=240), rpr(BODY, bold=True, colour=TEXT, size=19)),
        para(
            "Closing",
            "Closing",
            ppr(border=border("top", PRIMARY, 8, 8), before=480, after=120),
            rpr(BODY, colour=MUTED, size=20),
        ),
        # Page furniture.
        para(
            "Header",
            "header",
            ppr(after=0, tabs=right_tab, jc="right"),
            rpr(BODY, colour=MUTED, size=16),
            link="HeaderChar",
            priority=99,
            semi_hidden=True,
        ),
        para(
            "Footer",
            "footer",
            ppr(after=0, tabs=right_tab),
            rpr(BODY, colour=MUTED, size=16),
            link="FooterChar",
            priority=99,
            semi_hidden=True,
        ),
        style(
            "character",
            "HeaderChar",
            "Header Char",
            based="DefaultParagraphFont",
            link="Header",
            priority=99,
            body=rpr(BODY, colour=MUTED, size=16),
        ),
        style(
            "character",
            "FooterChar",
            "Footer Char",
            based="DefaultParagraphFont",
            link="Footer",
            priority=99,
            body=rpr(BODY, colour=MUTED, size=16),
        ),
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            based="DefaultParagraphFont",
            priority=99,
            semi_hidden=True,
            body=rpr(colour=PRIMARY, underline=True),
        ),
        style(
            "table",
            "StageStrip",
            "Stage Strip",
            based="TableNormal",
            priority=59,
            body=ppr(after=0, line=240) + f"<w:tblPr><w:tblBorders>{grid}</w:tblBorders>{cell_mar}</w:tblPr>",
        ),
        # Data tables a kind draws (`Drawing.table`): the cells' text, and the table's lines and header row.
        para("TableText", "Table Text", ppr(before=20, after=20, line=240), rpr(BODY, colour=TEXT, size=19)),
        style(
            "table",
            "DataTable",
            "Data Table",
            based="TableNormal",
            priority=59,
            body=ppr(after=0, line=240)
            + f"<w:tblPr><w:tblBorders>{grid}</w:tblBorders>{cell_mar}</w:tblPr>"
            + '<w:tblStylePr w:type="firstRow">'
            + rpr(bold=True)
            + "<w:tcPr><w:tcBorders>"
            + f'<w:bottom w:val="single" w:sz="8" w:space="0" w:color="{PRIMARY}"/>'
            + f'</w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{HEADER_FILL}"/></w:tcPr>'
            + "</w:tblStylePr>",
        ),
    ]
    return f'{DECLARATION}<w:styles xmlns:w="{W_NS}">{"".join(out)}</w:styles>'


def numbering_xml() -> str:
    definitions = "".join(
        etree.tostring(abstract_num(i, ordered), encoding="unicode") for i, ordered in ((1, False), (2, True))
    )
    definitions = definitions.replace(f' xmlns:w="{W_NS}"', "")
    return f"{DECLARATION}<w:numbering {NAMESPACES}>{definitions}</w:numbering>"


def p(style_id: str, content: str, extra_ppr: str = "") -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{extra_ppr}</w:pPr>{content}</w:p>'


def r(text: str, props: str = "") -> str:
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def bookmarked(name: str, bookmark_id: int, content: str) -> str:
    return f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{bookmark_id}"/>'


def document_xml() -> str:
    body = [
        p("Normal", r("{{p logo }}")),
        p("Normal", r("{%p if publisher %}")),
        p("MastheadMeta", r("{{ publisher }}")),
        p("Normal", r("{%p endif %}")),
        p("Title", bookmarked("sprintdoc-title", 1, r("{{ title }}"))),
        p("Subtitle", bookmarked("sprintdoc-period", 2, r("{{ period }}"))),
        p("Normal", r("{%p if strapline %}")),
        p("Strapline", r("{{ strapline }}")),
        p("Normal", r("{%p endif %}")),
        p("Normal", r("{%p if tagline %}")),
        p("Tagline", r("{{ tagline }}")),
        p("Normal", r("{%p endif %}")),
        p("Normal", r("{{p body }}")),
        p("Normal", r("{{p closing }}")),
    ]
    sect = (
        '<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader"/>'
        '<w:headerReference w:type="first" r:id="rIdHeaderFirst"/>'
        '<w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:footerReference w:type="first" r:id="rIdFooterFirst"/>'
        f'<w:pgSz w:w="{PAGE_W}" w:h="{PAGE_H}"/>'
        f'<w:pgMar w:top="{MARGIN}" w:right="{MARGIN}" w:bottom="{MARGIN}" w:left="{MARGIN}" '
        'w:header="567" w:footer="567" w:gutter="0"/><w:cols w:space="708"/><w:titlePg/>'
        '<w:docGrid w:linePitch="360"/></w:sectPr>'
    )
    return f"{DECLARATION}<w:document {NAMESPACES}><w:body>{''.join(body)}{sect}</w:body></w:document>"


def field(instruction: str, shown: str) -> str:
    return f'<w:fldSimple w:instr=" {instruction} ">{r(shown)}</w:fldSimple>'


def header_xml(first: bool) -> str:
    content = "" if first else r("{{ title }} · {{ period }}")
    return f"{DECLARATION}<w:hdr {NAMESPACES}>{p('Header', content)}</w:hdr>"


def footer_xml() -> str:
    content = r("{{ title }} · {{ period }}") + "<w:r><w:tab/></w:r>" + r("Page ") + field("PAGE", "1")
    content += r(" of ") + field("NUMPAGES", "1")
    return f"{DECLARATION}<w:ftr {NAMESPACES}>{p('Footer', content)}</w:ftr>"


def settings_xml() -> str:
    return (
        f'{DECLARATION}<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="720"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat></w:settings>'
    )


def font_table_xml() -> str:
    entries = "".join(
        f'<w:font w:name="{family}"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/>'
        "</w:font>"
        for family in dict.fromkeys((BODY, HEADING))
    )
    return f'{DECLARATION}<w:fonts xmlns:w="{W_NS}">{entries}</w:fonts>'


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def rels(entries: list[tuple[str, str, str]]) -> str:
    inner = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{target}"/>' for i, t, target in entries)
    return f'{DECLARATION}<Relationships xmlns="{PKG_REL}">{inner}</Relationships>'


def content_types() -> str:
    overrides = [
        ("/word/document.xml", f"{MAIN}.document.main+xml"),
        ("/word/styles.xml", f"{MAIN}.styles+xml"),
        ("/word/numbering.xml", f"{MAIN}.numbering+xml"),
        ("/word/settings.xml", f"{MAIN}.settings+xml"),
        ("/word/fontTable.xml", f"{MAIN}.fontTable+xml"),
        ("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
        ("/word/header1.xml", f"{MAIN}.header+xml"),
        ("/word/header2.xml", f"{MAIN}.header+xml"),
        ("/word/footer1.xml", f"{MAIN}.footer+xml"),
        ("/word/footer2.xml", f"{MAIN}.footer+xml"),
        ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
        ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
    ]
    inner = (
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="jpeg" ContentType="image/jpeg"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides)
    )
    return f'{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">{inner}</Types>'


def theme_xml() -> str:
    """A DrawingML theme (Word requires one): colours from the default theme, both fonts DejaVu Sans."""
    colours = {
        "dk1": TEXT,
        "lt1": "FFFFFF",
        "dk2": PRIMARY,
        "lt2": "EEF3F8",
        "accent1": PRIMARY,
        "accent2": ACCENT,
        "accent3": MUTED,
        "accent4": "B4D5F0",
        "accent5": "2E75B6",
        "accent6": "70AD47",
        "hlink": PRIMARY,
        "folHlink": "7030A0",
    }
    scheme = "".join(f'<a:{k}><a:srgbClr val="{v}"/></a:{k}>' for k, v in colours.items())
    font = lambda family: f'<a:latin typeface="{family}"/><a:ea typeface=""/><a:cs typeface=""/>'  # noqa: E731
    solid = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>'
    line = f'<a:ln w="6350" cap="flat" cmpd="sng" algn="ctr">{solid}<a:prstDash val="solid"/></a:ln>'
    return (
        f'{DECLARATION}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="sprintdoc">'
        f'<a:themeElements><a:clrScheme name="sprintdoc">{scheme}</a:clrScheme>'
        f'<a:fontScheme name="sprintdoc"><a:majorFont>{font(HEADING)}</a:majorFont>'
        f"<a:minorFont>{font(BODY)}</a:minorFont></a:fontScheme>"
        f'<a:fmtScheme name="sprintdoc"><a:fillStyleLst>{solid * 3}</a:fillStyleLst>'
        f"<a:lnStyleLst>{line * 3}</a:lnStyleLst>"
        f"<a:effectStyleLst>{'<a:effectStyle><a:effectLst/></a:effectStyle>' * 3}</a:effectStyleLst>"
        f"<a:bgFillStyleLst>{solid * 3}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>"
        "<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )


def core_xml() -> str:
    return (
        f"{DECLARATION}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        "<dc:title>sprintdoc newsletter template</dc:title><dc:creator>sprintdoc</dc:creator>"
        "</cp:coreProperties>"
    )


def app_xml() -> str:
    return (
        f"{DECLARATION}<Properties "
        'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>sprintdoc</Application><DocSecurity>0</DocSecurity></Properties>"
    )


def build() -> bytes:
    parts = {
        "[Content_Types].xml": content_types(),
        "_rels/.rels": rels(
            [
                ("rId1", f"{REL}/officeDocument", "word/document.xml"),
                ("rId2", f"{PKG_REL}/metadata/core-properties", "docProps/core.xml"),
                ("rId3", f"{REL}/extended-properties", "docProps/app.xml"),
            ]
        ),
        "docProps/core.xml": core_xml(),
        "docProps/app.xml": app_xml(),
        "word/document.xml": document_xml(),
        "word/_rels/document.xml.rels": rels(
            [
                ("rIdStyles", f"{REL}/styles", "styles.xml"),
                ("rIdNumbering", f"{REL}/numbering", "numbering.xml"),
                ("rIdSettings", f"{REL}/settings", "settings.xml"),
                ("rIdFonts", f"{REL}/fontTable", "fontTable.xml"),
                ("rIdTheme", f"{REL}/theme", "theme/theme1.xml"),
                ("rIdHeader", f"{REL}/header", "header1.xml"),
                ("rIdHeaderFirst", f"{REL}/header", "header2.xml"),
                ("rIdFooter", f"{REL}/footer", "footer1.xml"),
                ("rIdFooterFirst", f"{REL}/footer", "footer2.xml"),
            ]
        ),
        "word/styles.xml": styles_xml(),
        "word/numbering.xml": numbering_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/theme/theme1.xml": theme_xml(),
        "word/header1.xml": header_xml(first=False),
        "word/header2.xml": header_xml(first=True),
        "word/footer1.xml": footer_xml(),
        "word/footer2.xml": footer_xml(),
    }
    for xml in parts.values():  # every part must be well-formed before it ships
        etree.fromstring(xml.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in parts.items():
            z.writestr(name, xml.encode())
    return reproducible_zip(buffer.getvalue(), dt.datetime(2021, 7, 1, tzinfo=dt.UTC))


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(out)


if __name__ == "__main__":
    main()

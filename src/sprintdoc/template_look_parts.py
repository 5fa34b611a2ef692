"""The text of a template's header and footer parts, with its page fields marked, for the PDF to draw.

A part reads as a short run of items: `Text` (Jinja tags such as `{{ title }}` stay as they are, for the
caller to render), `Field` (`PAGE`, `NUMPAGES`…, whose numbers only the page knows), `Tab` and `Break`
(a line break, or the end of a paragraph before the next).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs
from lxml import etree

from sprintdoc.template_look_xml import w

if TYPE_CHECKING:
    from sprintdoc.template_look import ResolvedStyle

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
#: What a header shows but not as text in its line: drawings and text boxes, old VML, deleted text, and the
#: fallback copy of content that markup compatibility also gives in a newer form.
_SKIPPED = frozenset({w("drawing"), w("pict"), w("object"), w("del"), w("pPr"), w("rPr"), f"{{{_MC}}}Fallback"})
#: What the count of pages stands for in the fields that show it.
_PAGE_COUNTS = frozenset({"NUMPAGES", "SECTIONPAGES"})


@attrs.frozen
class Text:
    """Text as the template gives it."""

    text: str


@attrs.frozen
class Field:
    """A field (`PAGE`, `NUMPAGES`, `DATE`…) and the result Word last showed for it."""

    name: str
    result: str = ""


@attrs.frozen
class Tab:
    """A tab: in a footer, usually what sends the rest of the line to a right tab stop."""


@attrs.frozen
class Break:
    """A line break, or the end of one paragraph before the next."""


Item = Text | Field | Tab | Break


@attrs.frozen
class PartText:
    """A header's or footer's text as items, and the resolved style of its (first) paragraph."""

    items: tuple[Item, ...] = ()
    style: ResolvedStyle | None = None

    def text(self, page: int, pages: int) -> str:
        """The text as it reads on page `page` of `pages`: tabs as `\\t`, breaks as newlines."""

        def shown(item: Item) -> str:
            if isinstance(item, Text):
                return item.text
            if isinstance(item, Field):
                return str(page) if item.name == "PAGE" else str(pages) if item.name in _PAGE_COUNTS else item.result
            return "\t" if isinstance(item, Tab) else "\n"

        return "".join(shown(item) for item in self.items)


def part_text(root: etree._Element | None, styles: Mapping[str, ResolvedStyle], default: ResolvedStyle) -> PartText:
    """The items of a header or footer part (empty when the part is missing), with its first paragraph's style."""
    if root is None:
        return PartText()
    items: list[Item] = []

    def add(item: Item) -> None:
        if isinstance(item, Text) and items and isinstance(items[-1], Text):
            items[-1] = Text(items[-1].text + item.text)
        elif not isinstance(item, Text) or item.text:
            items.append(item)

    paragraphs = 0
    style: ResolvedStyle | None = None
    depth, in_result, instruction, result = 0, False, [""], [""]
    walker = etree.iterwalk(root, events=("start",))
    for _, element in walker:
        tag = element.tag
        if tag in _SKIPPED:
            if tag == w("pPr") and paragraphs == 1 and style is None:
                found = element.find(w("pStyle"))
                style = styles.get(found.get(w("val"), "")) if found is not None else None
            walker.skip_subtree()
        elif tag == w("p"):
            if paragraphs:
                add(Break())
            paragraphs += 1
        elif tag == w("fldSimple") and not depth:
            add(Field(_field_name(element.get(w("instr"), "")), "".join(element.itertext())))
            walker.skip_subtree()
        elif tag == w("fldChar"):
            kind = element.get(w("fldCharType"))
            if kind == "begin":
                depth += 1
                if depth == 1:
                    in_result, instruction[0], result[0] = False, "", ""
            elif kind == "separate" and depth == 1:
                in_result = True
            elif kind == "end" and depth:
                depth -= 1
                if not depth:
                    add(Field(_field_name(instruction[0]), result[0]))
        elif tag == w("instrText") and depth == 1 and not in_result:
            instruction[0] += element.text or ""
        elif tag == w("t"):
            if not depth:
                add(Text(element.text or ""))
            elif depth == 1 and in_result:
                result[0] += element.text or ""
        elif tag in (w("tab"), w("ptab")) and not depth:
            add(Tab())
        elif tag in (w("br"), w("cr")) and not depth:
            add(Break())
    return PartText(tuple(items), style or default)


def _field_name(instruction: str) -> str:
    words = instruction.split()
    return words[0].upper() if words else ""

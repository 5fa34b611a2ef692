"""The Word writer's work per render, counted (not timed): what python-docx and Jinja are asked to do again."""

from __future__ import annotations

import collections
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import pytest
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docxtpl import DocxTemplate
from lxml import etree

import sprintdoc
from sprintdoc.errors import TemplateProblem
from sprintdoc.output import render
from sprintdoc.writers import default_template, docx_styles

from .test_docx_scale import with_cards

#: The elements a paragraph, a run or a table is made of.
BLOCK_PARTS = {qn(f"w:{tag}") for tag in ("p", "pPr", "r", "rPr", "tbl", "tblPr", "tr", "trPr", "tc", "tcPr", "numPr")}


def _counted(counts: collections.Counter[str], name: str, original: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        counts[name] += 1
        return original(*args, **kwargs)

    return counted


def searched_insertions(bundle: sprintdoc.Bundle) -> int:
    """How often writing `bundle` has python-docx search a paragraph, run or table for where a child goes."""
    counts: collections.Counter[str] = collections.Counter()
    insert = BaseOxmlElement.insert_element_before

    def insert_counted(self: Any, elm: Any, *tagnames: str) -> Any:
        if self.tag in BLOCK_PARTS:
            counts["insertions"] += 1
        return insert(self, elm, *tagnames)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseOxmlElement, "insert_element_before", insert_counted)
        render(bundle, "docx")
    return counts["insertions"]


def test_a_card_is_drawn_without_python_docx_searching_for_where_each_property_goes(july: sprintdoc.Bundle) -> None:
    # python-docx walks the schema's list of later siblings, naming each afresh, for every property it sets
    assert searched_insertions(with_cards(july, 3)) == searched_insertions(with_cards(july, 1))


def test_each_style_is_read_once_a_render(july: sprintdoc.Bundle) -> None:
    render(july, "docx")  # the master template's styles are read once a process
    counts: collections.Counter[str] = collections.Counter()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx_styles, "_names", _counted(counts, "a style read", docx_styles._names))
        render(july, "docx")
    with zipfile.ZipFile(default_template()) as z:
        styles = etree.fromstring(z.read("word/styles.xml")).findall(qn("w:style"))
    assert 0 < counts["a style read"] <= len(styles)


def test_a_template_is_patched_and_parsed_once_a_process(july: sprintdoc.Bundle) -> None:
    render(july, "docx")
    counts: collections.Counter[str] = collections.Counter()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(jinja2.Environment, "_parse", _counted(counts, "a parse", jinja2.Environment._parse))
        patch.setattr(DocxTemplate, "patch_xml", _counted(counts, "a patch", DocxTemplate.patch_xml))
        first = render(july, "docx")
    assert counts["a parse"] == counts["a patch"] == 0
    assert first == render(july, "docx")


def _with_period_as(folder: Path, shown: str) -> Path:
    """The shipped template with its `{{ period }}` tag drawn as `shown`."""
    out = folder / f"{len(list(folder.iterdir()))}.docx"
    with zipfile.ZipFile(default_template()) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                assert b"{{ period }}" in data
                data = data.replace(b"{{ period }}", shown.encode())
            zout.writestr(item, data)
    return out


def _text(docx: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        return "".join(t.text or "" for t in etree.fromstring(z.read("word/document.xml")).iter(qn("w:t")))


def test_templates_that_differ_are_each_rendered_as_they_are(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    for mark in ("first", "second", "first"):
        template = _with_period_as(tmp_path, "{{ period }} {{ '" + mark + "'|upper }}")
        text = _text(render(july, "docx", template=template))
        assert f"{july.edition.period} {mark.upper()}" in text


def test_a_template_fault_is_named_alike_every_time(july: sprintdoc.Bundle, tmp_path: Path) -> None:
    template = _with_period_as(tmp_path, "{{ nosuch }}")
    messages = []
    for _ in range(2):
        with pytest.raises(TemplateProblem) as caught:
            render(july, "docx", template=template)
        messages.append(str(caught.value))
    assert messages[0] == messages[1]
    assert "word/document.xml line" in messages[0] and "“{{ nosuch }}" in messages[0]

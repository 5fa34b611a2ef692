"""The PDF's pages: the running header and footer, their template tags filled in as the Word document fills them;
and what the canvas lets go of once drawn.
"""

from __future__ import annotations

import gc
from typing import Any

import pytest
from reportlab.pdfgen.textobject import PDFTextObject

import sprintdoc
from sprintdoc.output import render
from sprintdoc.writers import pdf_page
from sprintdoc.writers.docx_template import BoundedEnvironment

FIELDS = {"title": "Sprint Notes", "period": "July 2021"}


def test_a_header_is_filled_in_and_its_tags_compiled_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    original = BoundedEnvironment.from_string

    def counted(self: Any, source: Any, *args: Any, **kwargs: Any) -> Any:
        compiled.append(source)
        return original(self, source, *args, **kwargs)

    monkeypatch.setattr(BoundedEnvironment, "from_string", counted)
    text = "{{ title }} · {{ period }} (compiled once)"
    for fields in (FIELDS, {**FIELDS, "period": "August 2021"}):
        assert pdf_page.render_fields(text, fields) == f"Sprint Notes · {fields['period']} (compiled once)"
    assert compiled == [text]
    assert pdf_page.render_fields("{{ title ", FIELDS) == "{{ title "  # a broken tag shows as typed
    assert pdf_page.render_fields("{{ nobody }}", FIELDS) == "{{ nobody }}"


def test_the_text_drawn_is_freed_at_once_not_left_to_the_cycle_collector(july: sprintdoc.Bundle) -> None:
    """reportlab's paragraph binds a method of its text object to the object; left so, every paragraph's lines
    waited for the cycle collector (at 3000 cards, a sixth of the PDF's time)."""
    gc.collect()
    gc.disable()
    try:
        render(july, "pdf")
        left = [o for o in gc.get_objects() if isinstance(o, PDFTextObject)]
    finally:
        gc.enable()
    assert left == []

"""The PDF's pages: the running header and footer, their template tags filled in as the Word document fills them;
and what the canvas lets go of once drawn.
"""

from __future__ import annotations

import gc
from typing import Any

import pytest

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


def test_a_pdf_once_written_is_freed_at_once_not_left_to_the_cycle_collector(july: sprintdoc.Bundle) -> None:
    """Nothing the PDF writer made is left in a reference cycle: reportlab's paragraph binds a method of its text
    object to the object, and the document template, its canvas and the structure tree's parents and children
    refer to each other. Left so, a 3000-card PDF waited for the collector (a sixth of its time) and stayed in
    memory while the next document was made."""
    render(july, "pdf", checked=True)  # caches filled, once a process
    gc.collect()
    gc.disable()
    try:
        render(july, "pdf", checked=True)
        left = gc.collect()
    finally:
        gc.enable()
    assert left == 0

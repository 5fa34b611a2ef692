"""The PDF handed to its stream object by object as reportlab formats it (`pdf_save`), not joined first."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfbase.pdfdoc import PDFDocument
from reportlab.pdfgen.canvas import Canvas

import sprintdoc
from sprintdoc.output import render
from sprintdoc.writers import pdf_page, pdf_save


class Counted(io.BytesIO):
    """A stream that counts the writes it is given."""

    writes = 0

    def write(self, data: bytes) -> int:  # type: ignore[override]  # BytesIO takes any buffer
        self.writes += 1
        return super().write(data)


def test_the_streamed_file_is_the_file_reportlab_joins(july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch) -> None:
    documents: list[PDFDocument] = []

    def streaming(document: PDFDocument) -> None:
        pdf_save.streamed(document)
        documents.append(document)

    monkeypatch.setattr(pdf_page, "streamed", streaming)
    streamed = render(july, "pdf")
    monkeypatch.setattr(pdf_page, "streamed", documents.append)  # reportlab's own save: gather, join, write
    joined = render(july, "pdf")

    assert [type(d) for d in documents] == [pdf_save.StreamedDocument, PDFDocument]
    assert joined == streamed


def test_each_object_is_written_as_it_is_formatted() -> None:
    stream = Counted()
    canvas = Canvas(stream, invariant=1)
    pdf_save.streamed(canvas._doc)
    for page in range(3):
        canvas.drawString(72, 720, f"page {page + 1}")
        canvas.showPage()
    canvas.save()

    joined = io.BytesIO()
    plain = Canvas(joined, invariant=1)
    for page in range(3):
        plain.drawString(72, 720, f"page {page + 1}")
        plain.showPage()
    plain.save()
    assert stream.getvalue() == joined.getvalue()
    assert stream.getvalue().startswith(b"%PDF-1.")
    assert stream.writes > 10  # header, every object, the cross-reference table and trailer, one by one


def test_a_document_of_another_class_is_left_as_it_is() -> None:
    class Theirs(PDFDocument):  # type: ignore[misc]  # reportlab is untyped
        pass

    document = Theirs()
    pdf_save.streamed(document)
    assert type(document) is Theirs
    ours = PDFDocument()
    pdf_save.streamed(ours)
    assert type(ours) is pdf_save.StreamedDocument

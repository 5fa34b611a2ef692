"""Deeply nested Markdown: every word typed reaches both documents, or the bundle is refused, located.

Quotes and lists nest up to `MAX_DEPTH` levels; the documents draw them down to the
deepest level their layout shows, and deeper items at that level. Past `MAX_DEPTH`
the field is refused with a located problem, never cut short in silence.
"""

from __future__ import annotations

import io
import itertools
import json
import re
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import sprintdoc
from conftest import JULY, require_tool
from sprintdoc.loading import loads
from sprintdoc.markdown import MAX_DEPTH
from sprintdoc.output import render
from sprintdoc.writers import pdf
from sprintdoc.writers.docx_xml import BULLETS_NAME
from sprintdoc.writers.list_layout import DEEPEST_LIST_LEVEL, LIST_STEP, list_indent
from strategies import markdown_literal, text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEAD = (
    "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\nsections:\n  - kind: text\n    title: Deep\n"
)
#: The PDF's running header and footer, which pdftotext puts between the lines of a paragraph that runs on to the
#: next page (the words checked are tagged `w1w…`, so taking these out cannot hide one).
FOOTER = re.compile(r"Page \d+ of \d+|Sprint Notes · July 2021")
#: Where the body's value starts in a sprint.yaml written by `load_body`.
BODY_LINE, BODY_COLUMN = 8, 11


def load_body(source: str) -> sprintdoc.Bundle:
    """A bundle read from a sprint.yaml whose one text section has `source` as its body."""
    return loads(HEAD + f"    body: {json.dumps(source)}\n", root=JULY)


def squash(value: str) -> str:
    """Text with white space, soft hyphens and the bidi marks pdftotext adds removed, in NFC."""
    return unicodedata.normalize("NFC", re.sub(r"[\s\u00ad\u202a-\u202e\u2066-\u2069]+", "", value))


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        document = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in document.iter(f"{W}t"))


def pdf_text(data: bytes, *args: str) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "out.pdf"
        path.write_bytes(data)
        return subprocess.run(
            [require_tool("pdftotext"), "-enc", "UTF-8", *args, str(path), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip


def missing_words(source: str, words: list[str]) -> dict[str, list[str]]:
    """The words missing from each document made from a body of `source` (squashed: line breaks do not count)."""
    bundle = load_body(source)
    shown = {
        "docx": squash(docx_text(render(bundle, "docx"))),
        "pdf": squash(FOOTER.sub("", pdf_text(render(bundle, "pdf"), "-raw"))),
    }
    return {fmt: [w for w in words if squash(w) not in got] for fmt, got in shown.items()}


def nested(kinds: list[str], words: list[str]) -> str:
    """Markdown with one container per kind ('>', '-', '1.'), each inside the last, a word at every level."""
    lines = [words[len(kinds)]]
    for kind, word in zip(reversed(kinds), reversed(words[: len(kinds)]), strict=True):
        marker = "> " if kind == ">" else f"{kind} "
        pad = "> " if kind == ">" else " " * len(marker)
        lines = [word, "", *(marker + line if i == 0 else (pad + line).rstrip() for i, line in enumerate(lines))]
    return "\n".join(lines) + "\n"


def words_for(depth: int) -> list[str]:
    return [f"word{level}" for level in range(depth + 1)]


# -- fixed cases -----------------------------------------------------------------------------------


def test_a_quote_twenty_deep_keeps_its_text() -> None:
    assert missing_words("> " * 20 + "gone", ["gone"]) == {"docx": [], "pdf": []}


@pytest.mark.parametrize("kind", ["-", "1.", ">"])
def test_twelve_levels_keep_every_word(kind: str) -> None:
    words = words_for(12)
    assert missing_words(nested([kind] * 12, words), words) == {"docx": [], "pdf": []}


def test_quotes_and_lists_mixed_keep_every_word() -> None:
    kinds = [">", "-", "1.", ">", ">", "-", "-", "1.", ">", "-", "1.", "1.", ">", "-"] * 3
    words = words_for(len(kinds))
    assert missing_words(nested(kinds, words), words) == {"docx": [], "pdf": []}


@pytest.mark.parametrize("kind", ["-", "1.", ">"])
def test_the_deepest_nesting_read_keeps_every_word(kind: str) -> None:
    words = words_for(MAX_DEPTH)
    assert missing_words(nested([kind] * MAX_DEPTH, words), words) == {"docx": [], "pdf": []}


def refusal(source: str) -> sprintdoc.Problem:
    with pytest.raises(sprintdoc.BundleError) as caught:
        load_body(source)
    (problem,) = caught.value.problems
    return problem


@pytest.mark.parametrize("kind", ["-", "1.", ">"])
def test_nesting_past_the_deepest_read_is_refused_where_it_is(kind: str) -> None:
    problem = refusal("intro\n\n" + nested([kind] * (MAX_DEPTH + 1), words_for(MAX_DEPTH + 1)))
    assert (problem.line, problem.column, problem.path) == (BODY_LINE, BODY_COLUMN, "sections[0].body")
    assert not problem.warning
    # `nested` puts a word and a blank line before each container: the one too deep opens on this line of the text.
    line = 3 + 2 * (MAX_DEPTH + 1)
    assert f"nested more than {MAX_DEPTH} deep (line {line} of the text)" in problem.message


@pytest.mark.parametrize(
    "source", ["> " * 20_000 + "x", "- " * 20_000 + "x", "".join(" " * i + "- x\n" for i in range(3000))]
)
def test_absurd_nesting_is_refused_not_a_recursion_error(source: str) -> None:
    assert "nested more than" in refusal(source).message


# -- one indent rule ---------------------------------------------------------------------------------


def test_deep_items_keep_a_readable_width_in_both_documents() -> None:
    deepest = list_indent(10**6)
    assert deepest == LIST_STEP * DEEPEST_LIST_LEVEL
    # A list in a pull quote is the narrowest place Markdown is drawn.
    ctx = pdf.PdfContext(load_body("x"))
    assert ctx.frame_width - ctx.styles["quote"].leftIndent - deepest > ctx.frame_width / 2


def test_word_lists_step_in_as_far_as_pdf_lists() -> None:
    words = words_for(12)
    bundle = load_body(nested(["-"] * 12, words))
    with zipfile.ZipFile(io.BytesIO(render(bundle, "docx"))) as z:
        numbering = etree.fromstring(z.read("word/numbering.xml"))
    (bullets,) = (a for a in numbering.iter(f"{W}abstractNum") if a.find(f"{W}name").get(f"{W}val") == BULLETS_NAME)
    lefts = [int(lvl.find(f"{W}pPr/{W}ind").get(f"{W}left")) / 20 for lvl in bullets.iter(f"{W}lvl")]
    assert len(lefts) == DEEPEST_LIST_LEVEL
    assert [b - a for a, b in itertools.pairwise(lefts)] == [LIST_STEP] * (DEEPEST_LIST_LEVEL - 1)
    xs = word_x(render(bundle, "pdf"))
    assert xs[words[2]] - xs[words[1]] == pytest.approx(LIST_STEP, abs=1.5)


def word_x(data: bytes) -> dict[str, float]:
    """The left edge of each word on the PDF's pages, in points (the first place a word shows)."""
    html = pdf_text(data, "-bbox")
    found: dict[str, float] = {}
    for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html):
        found.setdefault(word, float(x))
    return found


# -- any nesting, any text ---------------------------------------------------------------------------


def right_to_left(value: str) -> bool:
    """Whether a text has right-to-left characters (pdftotext gives those back reordered; see test_pdf)."""
    return any(unicodedata.bidirectional(c) in ("R", "AL", "AN") for c in value)


@st.composite
def nested_markdown(draw: st.DrawFn) -> tuple[int, str, list[str]]:
    """(depth, Markdown source, its words): containers of any kind nested `depth` deep, a word at every level."""
    depth = draw(st.integers(0, MAX_DEPTH + 8))
    kinds = draw(st.lists(st.sampled_from([">", "-", "*", "1.", "7)"]), min_size=depth, max_size=depth))
    typed = draw(st.lists(text.filter(lambda t: not right_to_left(t)), min_size=depth + 1, max_size=depth + 1))
    # A tag per word, so that each must show in its own place and none is found by chance.
    words = [f"w{level}w{value.strip()}" for level, value in enumerate(typed)]
    return depth, nested(kinds, [markdown_literal(w) for w in words]), words


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(nested_markdown())
def test_any_nesting_of_any_text_keeps_every_word_or_is_refused(case: tuple[int, str, list[str]]) -> None:
    depth, source, words = case
    if depth > MAX_DEPTH:
        problem = refusal(source)
        assert (problem.line, problem.path) == (BODY_LINE, "sections[0].body")
        return
    assert len(words) == depth + 1 and all(squash(w) for w in words)
    assert missing_words(source, words) == {"docx": [], "pdf": []}

"""Generated bundles through `generate`: a BundleError or two good documents that show every word typed.

Each example is a sprint.yaml made by hypothesis (every kind of section, Markdown
nested and styled, hostile text, images; sometimes a value of the wrong shape or a
few characters of the file changed). Loading either refuses it with located
problems or gives a bundle; `generate` then writes a DOCX whose every XML part is
well-formed and a PDF that pypdf and pdftotext read and that passes every PDF/UA-1 and PDF/A-2a rule,
and both show every word.

The default run (and CI) tries FUZZ_EXAMPLES=500; `nox -s fuzz` tries 10,000.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from pypdf import PdfReader

import sprintdoc
from conftest import JULY, require_tool
from sprintdoc.loading import loads
from strategies import NASTY

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "500"))

# Words are letters of scripts the PDF sets in typed order (right-to-left ones read back reordered: see
# test_loading's shaping warning), digits and punctuation that Markdown leaves alone.
_LETTERS = st.one_of(
    st.characters(codec="utf-8", categories=("Lu", "Ll", "Lo", "Nd", "So"), max_codepoint=0x058F),
    st.characters(codec="utf-8", categories=("Lu", "Ll", "Lo", "Nd", "So"), min_codepoint=0x0900, max_codepoint=0xFB1C),
    st.characters(codec="utf-8", categories=("So",), min_codepoint=0x1F300, max_codepoint=0x1FAFF),
)
_WORD = st.one_of(
    st.text(alphabet=_LETTERS, min_size=1, max_size=12),
    st.sampled_from(["S&P", "<b>", "{{x}}", "{%if%}", "&amp;", "“q”", "it’s", "50%", "a/b", "Zoë", "🎉"]),
    st.just("Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsgenehmigung"),
)
_PLAIN = st.one_of(st.lists(_WORD, min_size=1, max_size=8).map(" ".join), st.sampled_from(NASTY))
_MD_SAFE = st.lists(
    st.text(alphabet=st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F), min_size=1, max_size=10),
    min_size=1,
    max_size=6,
).map(" ".join)


@st.composite
def _markdown(draw: st.DrawFn, depth: int = 0) -> str:
    """Markdown source: paragraphs with bold and italic, nested lists and quotes."""
    blocks = []
    wide = depth < 2  # deeper down, one block and one item a level: nesting grows deep, not exponentially wide
    for _ in range(draw(st.integers(1, 3 if wide else 1))):
        choice = draw(st.sampled_from(["p", "p", "list", "ol", "quote"] if depth < 12 else ["p"]))
        if choice == "p":
            words = draw(_MD_SAFE)
            style = draw(st.sampled_from(["", "**", "*"]))
            blocks.append(f"{style}{words}{style}")
        elif choice in ("list", "ol"):
            items = []
            for i in range(draw(st.integers(1, 3 if wide else 1))):
                inner = draw(_markdown(depth + 1)).replace("\n", "\n   ")
                items.append(f"{i + 1}. {inner}" if choice == "ol" else f"-  {inner}")
            blocks.append("\n".join(items))
        else:
            inner = draw(_markdown(depth + 1))
            blocks.append("\n".join("> " + line for line in inner.split("\n")))
    return "\n\n".join(blocks)


_MARKDOWN = _markdown()
_MONTH = st.builds(lambda y, m: f"{y}-{m:02d}", st.integers(2015, 2030), st.integers(1, 12))


@st.composite
def _image(draw: st.DrawFn) -> dict[str, Any]:
    image: dict[str, Any] = {"file": draw(st.sampled_from(["images/duncan-taylor.png", "images/martine-clark.jpg"]))}
    if draw(st.booleans()):
        image["decorative"] = True
    else:
        image["alt"] = draw(_PLAIN)
    if draw(st.booleans()):
        image["caption"] = draw(_PLAIN)
    return image


@st.composite
def _section(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(["news", "activity", "projects", "past-work", "text"]))
    section: dict[str, Any] = {"kind": kind, "title": draw(_PLAIN)}
    if kind == "news":
        stories = []
        for _ in range(draw(st.integers(1, 3))):
            story = {"headline": draw(_PLAIN), "body": draw(_MARKDOWN)}
            if draw(st.integers(0, 3)) == 0:
                story["image"] = draw(_image())
            stories.append(story)
        section["stories"] = stories
    elif kind == "activity":
        section["body"] = draw(_MARKDOWN)
        if draw(st.booleans()):
            section["next"] = {"title": draw(_PLAIN), "items": draw(st.lists(_MARKDOWN, min_size=1, max_size=3))}
    elif kind == "projects":
        stages = draw(st.lists(_PLAIN, min_size=1, max_size=5, unique=True))
        section["lifecycle"] = {"title": draw(_PLAIN), "stages": stages}
        projects = []
        for _ in range(draw(st.integers(1, 3))):
            project: dict[str, Any] = {"name": draw(_PLAIN), "done": draw(_MARKDOWN), "next": draw(_MARKDOWN)}
            for key in ("subtitle", "sponsor", "lead", "aim"):
                if draw(st.booleans()):
                    project[key] = draw(_PLAIN)
            if draw(st.booleans()):
                project["analysts"] = draw(st.lists(_PLAIN, max_size=3))
            if draw(st.booleans()):
                project["needs"] = draw(_MARKDOWN)
            if draw(st.booleans()):
                start, end = sorted(draw(st.lists(_MONTH, min_size=2, max_size=2)))
                project["timeline"] = [{"stage": draw(st.sampled_from(stages)), "from": start, "to": end}]
            projects.append(project)
        section["projects"] = projects
    elif kind == "past-work":
        section["items"] = [
            {"name": draw(_PLAIN), "aim": draw(_PLAIN), "outcome": draw(_PLAIN), "date": draw(_MONTH)}
            for _ in range(draw(st.integers(1, 3)))
        ]
    else:
        section["body"] = draw(_MARKDOWN)
    return section


@st.composite
def bundles(draw: st.DrawFn) -> str:
    """The text of a sprint.yaml: usually valid, sometimes with a value of the wrong shape or a few bytes changed."""
    edition: dict[str, Any] = {"title": draw(_PLAIN), "period": draw(_PLAIN)}
    for key in ("strapline", "publisher", "tagline"):
        if draw(st.booleans()):
            edition[key] = draw(_PLAIN)
    if draw(st.booleans()):
        edition["closing"] = draw(_MARKDOWN)
    data: dict[str, Any] = {"sprintdoc": 1, "edition": edition, "sections": draw(st.lists(_section(), max_size=4))}
    if draw(st.integers(0, 9)) == 0:  # a value of the wrong shape somewhere
        target = draw(st.sampled_from([edition, *data["sections"]] if data["sections"] else [edition]))
        key = draw(st.sampled_from(sorted(target)))
        target[key] = draw(st.sampled_from([[], {}, ["a", "b"], {"x": 1}, None, "", 7]))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=draw(st.sampled_from([80, 10_000])))
    if draw(st.integers(0, 9)) == 0:  # a few characters typed, deleted or pasted over
        for _ in range(draw(st.integers(1, 3))):
            at, cut = draw(st.integers(0, len(text))), draw(st.integers(0, 3))
            typed = draw(st.sampled_from(["", ":", "-", " ", "\n", "'", '"', "{", "[", "#", "\t", "&a", "*a", "\\u"]))
            text = text[:at] + typed + text[at + cut :]
    return text


def _squash(value: str) -> str:
    value = re.sub(r"[\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]+", "", value)
    return unicodedata.normalize("NFC", value)


def _docx_text(path: Path) -> str:
    """The text of every part of the DOCX, each part parsed strictly (a part that is not well-formed fails)."""
    shown = []
    with zipfile.ZipFile(path) as docx:
        assert docx.testzip() is None
        names = docx.namelist()
        assert len(names) == len(set(names)), "a part written twice"
        for name in names:
            if name.endswith((".xml", ".rels")):
                root = etree.fromstring(docx.read(name), etree.XMLParser(resolve_entities=False, huge_tree=False))
                if name.startswith("word/"):
                    shown.append("".join(root.itertext()))
    return "".join(shown)


def _pdf_text(path: Path) -> str:
    reader = PdfReader(path, strict=True)
    assert len(reader.pages) >= 1
    for page in reader.pages:
        page.extract_text()
    return subprocess.run(
        [require_tool("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _words(bundle: sprintdoc.Bundle) -> set[str]:
    """Every word a reader must see: plain fields as typed, Markdown fields as shown (alt text is heard, not seen)."""
    from sprintdoc.validation import text_fields

    words: set[str] = set()
    for path, text in text_fields(bundle):
        if path.startswith("theme") or path.endswith(("language", ".file", ".alt")):  # alt text is not shown
            continue
        if path.endswith(".next.title") and not _node(bundle, path.removesuffix(".title")).items:
            continue  # an activity's next-steps heading is drawn over steps only (docs/bundle-format.md)
        field = sprintdoc.Markdown(text).plain() if _is_markdown(bundle, path) else text
        words.update(_squash(w) for w in field.split())
    return {w for w in words if w}


def _is_markdown(bundle: sprintdoc.Bundle, path: str) -> bool:
    return isinstance(_node(bundle, path), sprintdoc.Markdown)


def _node(bundle: sprintdoc.Bundle, path: str) -> Any:
    """The value at a field's path (`sections[0].next.items[1]`)."""
    node: Any = bundle
    for part in re.findall(r"[^.\[\]]+", path):
        node = node[int(part)] if part.isdigit() else getattr(node, part.replace("-", "_"))
    return node


@pytest.fixture(scope="module")
def fuzz_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle folder holding the fixture's images, shared by every example (each writes into its own folder)."""
    folder = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(JULY / "images", folder / "images")
    return folder


@pytest.mark.slow
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=os.environ.get("FUZZ_RANDOM") is None,
)
@given(text=bundles())
def test_a_generated_bundle_is_refused_clearly_or_fully_shown(text: str, fuzz_folder: Path) -> None:
    try:
        bundle = loads(text, root=fuzz_folder)
    except sprintdoc.BundleError as err:
        assert err.problems and all(p.message for p in err.problems)
        event("refused")  # --hypothesis-show-statistics shows how many were refused and how many generated
        return
    event("generated")
    with tempfile.TemporaryDirectory(dir=fuzz_folder) as out:
        paths = sprintdoc.generate(bundle, out)
        docx, pdf = _squash(_docx_text(paths["docx"])), _squash(_pdf_text(paths["pdf"]))
        for word in _words(bundle):
            assert word in docx, f"{word!r} missing from the DOCX"
            assert word in pdf, f"{word!r} missing from the PDF"
        assert _broken_rules(paths["pdf"]) == []


def _broken_rules(path: Path) -> list[str]:
    """The PDF/UA-1 and PDF/A-2a rules `page-validation` finds broken."""
    import page

    broken = []
    for profile in (page.ValidationProfile.PDF_UA_1, page.ValidationProfile.PDF_A_2A):
        report = str(page.validate_pdf(str(path), profile=profile))
        assert "Rules:" in report, report
        broken += [line for line in report.splitlines() if line.startswith("[")]
    return broken

"""Three common YAML mistakes, told as what probably happened and how to write it, where the mistake is."""

from __future__ import annotations

import pytest

from sprintdoc import located
from sprintdoc.located import Mapping, Mark, Scalar, Sequence, YamlSyntaxError

#: A line libyaml refuses (a JSON surrogate pair), so the pure-Python parser, which words errors its own way, reads on.
ESCAPES = 'e: "\\ud83c\\udf89"\n'

MISTAKES = [
    pytest.param(
        "edition:\n  title: Data: the next step\n",
        Mark(2, 14),
        'a colon followed by a space starts a key: put the title in quotes, title: "Data: the next step"',
        id="colon-in-a-value",
    ),
    pytest.param(
        'stories:\n  - headline: Note: see "the plan"\n    body: x\n',
        Mark(2, 19),
        "a colon followed by a space starts a key: put the headline in quotes, headline: 'Note: see \"the plan\"'",
        id="colon-in-a-list-item-value-with-double-quotes",
    ),
    pytest.param(
        "edition:\n  strapline: Next:\n",
        Mark(2, 18),
        'a colon at the end of a line starts a key: put the strapline in quotes, strapline: "Next:"',
        id="colon-at-the-end",
    ),
    pytest.param(
        "a:\n  body: Data: the next step, written\n    over two lines\n",
        Mark(2, 13),
        "a colon followed by a space starts a key: put the body in quotes (",  # no quoted form: it goes on below
        id="colon-in-a-value-that-goes-on",
    ),
    pytest.param(
        "a:\n  body: A long text\n    that says: hello\n",
        Mark(3, 14),
        "a colon followed by a space starts a key: put the body in quotes (",
        id="colon-in-a-value-on-its-second-line",
    ),
    pytest.param(
        "sections:\n  - kind: text\n    body: |\n    The text.\n    More.\n",
        Mark(4, 5),
        "the text of 'body: |' must be indented more than 'body' (column 5): start its lines at column 7",
        id="block-at-the-key-column",
    ),
    pytest.param(
        "body: >\nThe text.\nMore.\nnext: x\n",
        Mark(2, 1),
        "the text of 'body: >' must be indented more than 'body' (column 1): start its lines at column 3",
        id="block-at-the-margin",
    ),
    pytest.param(
        "a:\n  body: |\n      The text.\n    More.\n",
        Mark(4, 5),
        "this line starts left of the text of 'body' above it, which ends the text there",
        id="block-line-left-of-the-first",
    ),
    pytest.param(
        "a:\n  body: |\n    The text.\n  More.\n",
        Mark(4, 3),
        "this line starts left of the text of 'body' above it, which ends the text there",
        id="block-line-at-the-key-column",
    ),
    pytest.param(
        "a:\n  body: The text\n  goes on.\n",
        Mark(3, 3),
        "this line starts in the same column as 'body', so it reads as a new key",
        id="text-goes-on-at-the-key-column",
    ),
    pytest.param(
        "edition:\n  title: A\n   period: B\n",
        Mark(3, 4),
        "the key 'period' starts at column 4, but 'title' above it at column 3, so YAML reads it as more of "
        "the value of 'title': keys of one mapping start in the same column",
        id="key-one-more",
    ),
    pytest.param(
        "edition:\n  title: A\n period: B\n",
        Mark(3, 2),
        "the key 'period' starts at column 2, between 'title' (column 3) and 'edition' (column 1) above it: "
        "keys of one mapping start in the same column",
        id="key-one-less",
    ),
    pytest.param(
        "sections:\n  - kind: news\n    stories:\n      - headline: A\n        body: b\n     image: c\n",
        Mark(6, 6),
        "the key 'image' starts at column 6, between 'body' (column 9) and 'stories' (column 5) above it",
        id="key-less-in-a-list",
    ),
    pytest.param(
        "sections:\n  - kind: news\n   title: b\n",
        Mark(3, 4),
        "the key 'title' starts at column 4, between 'kind' (column 5) and 'sections' (column 1) above it",
        id="key-less-than-the-first-of-a-list-item",
    ),
]


def problem(text: str) -> located.SyntaxProblem:
    with pytest.raises(YamlSyntaxError) as caught:
        located.parse(located.prepare(text))
    (found,) = [p for p in caught.value.problems if not p.warning]
    return found


@pytest.mark.parametrize(("text", "mark", "hint"), MISTAKES)
def test_a_common_mistake_is_told_by_its_hint_where_it_is(text: str, mark: Mark, hint: str) -> None:
    found = problem(text)
    assert found.mark == mark
    assert found.message.startswith(f"YAML syntax: {hint}")
    assert "(the parser says: " in found.message  # what the parser said stays, for a search


@pytest.mark.parametrize(("text", "mark", "hint"), MISTAKES)
def test_the_hint_is_the_same_whichever_parser_found_the_mistake(text: str, mark: Mark, hint: str) -> None:
    found = problem(ESCAPES + text)
    assert found.mark == Mark(mark.line + 1, mark.column)
    assert found.message.startswith(f"YAML syntax: {hint}")


@pytest.mark.parametrize(
    "text",
    [
        "a: [1, 2\nb: 3\n",
        'a: "unclosed\n',
        "a: b\n- c\n",
        "- a\nb: c\n",
        "a:\n  - b\n c: d\n",
    ],
)
def test_other_syntax_errors_keep_the_parsers_words(text: str) -> None:
    found = problem(text)
    assert found.message.startswith("YAML syntax: ")
    assert "(the parser says" not in found.message


def test_colons_that_yaml_reads_as_text_are_not_mistakes() -> None:
    root = located.parse(
        located.prepare(
            "title: 'Data: the next step'\n"
            'headline: "Note: see it"\n'
            "link: https://example.org/a:b\n"
            "time: 12:30\n"
            "ratio: a:b\n"
            "image: {file: images/a.png, caption: 'At 12:30: lunch'}\n"
            "items:\n  - 'One: two'\n  - https://example.org\n"
            "body: |\n  Data: the next step.\n  Time: 12:30.\n"
            "folded: >-\n  Text with a colon: here\n"
        )
    )
    assert isinstance(root, Mapping)
    values = {k.text: v for k, v in root.entries}
    texts = {k: v.text for k, v in values.items() if isinstance(v, Scalar)}
    assert texts == {
        "title": "Data: the next step",
        "headline": "Note: see it",
        "link": "https://example.org/a:b",
        "time": "12:30",
        "ratio": "a:b",
        "body": "Data: the next step.\nTime: 12:30.\n",
        "folded": "Text with a colon: here",
    }
    image, items = values["image"], values["items"]
    assert isinstance(image, Mapping) and isinstance(items, Sequence)
    assert [v.text for _, v in image.entries if isinstance(v, Scalar)] == ["images/a.png", "At 12:30: lunch"]
    assert [i.text for i in items.items if isinstance(i, Scalar)] == ["One: two", "https://example.org"]

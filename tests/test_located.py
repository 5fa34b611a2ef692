"""YAML text to located nodes: every scalar the text typed, true lines and columns, no alias blow-up."""

from __future__ import annotations

import json
import time

import pytest

from sprintdoc import located
from sprintdoc.located import Mapping, Mark, Scalar, Sequence, YamlSyntaxError


def parse(text: str) -> located.Node | None:
    return located.parse(located.prepare(text))


def value(text: str, key: str = "a") -> Scalar:
    root = parse(text)
    assert isinstance(root, Mapping)
    found = {k.text: v for k, v in root.entries}[key]
    assert isinstance(found, Scalar)
    return found


@pytest.mark.parametrize(
    "typed",
    ["No", "NO", "on", "off", "yes", "true", "1.10", "12:30", "01234", "0x1F", "2021-07-01", "~", "null", ".inf"],
)
def test_every_scalar_is_the_text_typed(typed: str) -> None:
    assert value(f"a: {typed}\n").text == typed


def test_an_empty_plain_value_is_empty_text_and_plain() -> None:
    empty = value("a:\nb: x\n")
    assert (empty.text, empty.plain) == ("", True)
    quoted = value('a: ""\n')
    assert (quoted.text, quoted.plain) == ("", False)


def test_marks_are_one_based_lines_and_columns() -> None:
    root = parse("top:\n  - first\n  - {k: v}\n")
    assert isinstance(root, Mapping)
    ((key, seq),) = root.entries
    assert key.mark == Mark(1, 1)
    assert isinstance(seq, Sequence)
    assert [item.mark for item in seq.items] == [Mark(2, 5), Mark(3, 5)]
    inner = seq.items[1]
    assert isinstance(inner, Mapping)
    assert inner.entries[0][1].mark == Mark(3, 9)


def test_an_empty_document_is_none() -> None:
    assert parse("") is None
    assert parse("# a comment only\n\n") is None


def test_a_vertical_tab_becomes_a_stand_in_keeping_columns_true() -> None:
    root = parse("a: x\x0by\nb: [1, \x07, z]\n")
    assert isinstance(root, Mapping)
    a, b = (v for _, v in root.entries)
    assert isinstance(a, Scalar) and a.text == "x" + located.LINE_BREAK_MARK + "y"
    assert isinstance(b, Sequence)
    assert [i.mark for i in b.items] == [Mark(2, 5), Mark(2, 8), Mark(2, 11)]
    assert isinstance(b.items[1], Scalar) and b.items[1].text == located.DROPPED_MARK


def test_prepare_keeps_length_and_lines() -> None:
    text = "a\x00b\x0bc\x1fd\r\ne\x7fé\ud800\n"
    prepared = located.prepare(text)
    assert len(prepared) == len(text)
    assert prepared.splitlines() == [
        "a" + located.DROPPED_MARK + "b" + located.LINE_BREAK_MARK + "c" + located.DROPPED_MARK + "d",
        "e" + located.DROPPED_MARK + "é" + located.DROPPED_MARK,
    ]


def test_crlf_files_keep_their_line_numbers() -> None:
    root = parse("a: 1\r\nb: 2\r\nc: 3\r\n")
    assert isinstance(root, Mapping)
    assert [k.mark.line for k, _ in root.entries] == [1, 2, 3]


def test_decode_accepts_a_bom_and_locates_bad_bytes() -> None:
    assert located.decode("\ufeffa: b\n".encode()) == "a: b\n"
    with pytest.raises(YamlSyntaxError) as caught:
        located.decode(b"a: 1\nb: caf\xe9\n")
    (problem,) = caught.value.problems
    assert problem.mark == Mark(2, 7)
    assert "not UTF-8" in problem.message


@pytest.mark.parametrize(
    ("text", "mark", "words"),
    [
        ("a: [1, 2\nb: 3\n", Mark(2, 2), "flow sequence"),
        ("a:\n\tb: 1\n", Mark(2, 1), "indent with spaces"),
        ('a: "unclosed\n', Mark(2, 1), "quoted scalar"),
        ("a: *nowhere\n", Mark(1, 4), "alias"),
    ],
)
def test_syntax_errors_are_located(text: str, mark: Mark, words: str) -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert problem.mark == mark
    assert problem.message.startswith("YAML syntax")
    assert words in problem.message


def test_json_surrogate_pair_escapes_read_as_one_character() -> None:
    # JSON (and so YAML) writes an emoji outside the BMP as two \u escapes; libyaml alone refuses them.
    text = "a: " + json.dumps("party 🎉 𝔘") + "\n"
    assert "\\ud83c\\udf89" in text
    assert value(text).text == "party 🎉 𝔘"


def test_a_lone_surrogate_escape_is_kept_for_validation_to_drop() -> None:
    assert value('a: "x\\ud800y"\n').text == "x\ud800y"


def test_an_escape_past_unicode_is_a_located_syntax_error() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse('a: "\\U00110000"\n')
    assert caught.value.problems[0].mark.line == 1
    assert "escape" in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("line", "comment"),
    [
        ("a: Sprint #12 recap", "#12 recap"),
        ("a: value # a note", "# a note"),
        ("a: value   #hashtag", "#hashtag"),
        ("a: value   # a note", None),
        ("a: value\t\t# a note", None),
        ("a: 'Sprint' #12", None),
        ("a: Sprint#12", None),
    ],
)
def test_a_plain_value_cut_at_hash_remembers_the_rest(line: str, comment: str | None) -> None:
    assert value(line + "\n").comment == comment


def test_a_key_that_is_not_text_is_refused() -> None:
    with pytest.raises(YamlSyntaxError) as caught:
        parse("[a, b]: c\n")
    assert caught.value.problems[0].mark == Mark(1, 1)


@pytest.mark.slow
def test_the_billion_laughs_fail_fast() -> None:
    laughs = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
        f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]\n" for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    assert len(laughs.encode()) == 342
    started = time.perf_counter()
    with pytest.raises(YamlSyntaxError) as caught:
        parse(laughs)
    assert time.perf_counter() - started < 5
    (problem,) = caught.value.problems
    assert f"{located.MAX_VALUES:,} values" in problem.message
    assert problem.mark.line >= 1


def test_deep_nesting_is_refused() -> None:
    depth = located.MAX_DEPTH + 2
    with pytest.raises(YamlSyntaxError) as caught:
        parse("a: " + "[" * depth + "]" * depth + "\n")
    assert "nested" in caught.value.problems[0].message


def test_aliases_within_budget_are_expanded() -> None:
    root = parse("x: &s [Commissioning, Delivery]\ny: *s\n")
    assert isinstance(root, Mapping)
    x, y = (v for _, v in root.entries)
    assert isinstance(y, Sequence) and [i.text for i in y.items if isinstance(i, Scalar)] == [
        "Commissioning",
        "Delivery",
    ]
    assert x == y


def test_a_surrogate_escape_hides_no_later_syntax_error() -> None:
    # libyaml stops at the escape; the pure-Python reader gets past it, to the real mistake further on.
    with pytest.raises(YamlSyntaxError) as caught:
        parse('a: "T\\ud800"\nb: "pair \\ud83c\\udf89"\nc: [unclosed\n')
    lone, syntax = caught.value.problems
    assert (lone.mark, lone.warning) == (Mark(1, 4), True)
    assert "U+D800" in lone.message
    assert (syntax.mark.line, syntax.warning) == (4, False)
    assert syntax.message.startswith("YAML syntax") and "flow sequence" in syntax.message


def test_a_file_of_many_written_values_is_not_taken_for_an_alias_bomb() -> None:
    many = located.MAX_VALUES + 10
    root = parse("a: [" + ", ".join(["x"] * many) + "]\n")
    assert isinstance(root, Mapping)
    items = root.entries[0][1]
    assert isinstance(items, Sequence) and len(items.items) == many


def test_an_alias_bomb_is_located_at_the_aliases_that_blow_up() -> None:
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{n}: &{n} [{', '.join([f'*{p}'] * 10)}]\n" for p, n in zip("abcde", "bcdef", strict=True)
    )
    with pytest.raises(YamlSyntaxError) as caught:
        parse(text)
    (problem,) = caught.value.problems
    assert problem.mark.line > 1  # where the aliases are, not where the repeated list was first written
    assert "aliases" in problem.message


def test_a_mapping_knows_whether_it_was_written_in_braces() -> None:
    root = parse("a: {b: c}\nd:\n  e: f\n")
    assert isinstance(root, Mapping)
    flow, block = (v for _, v in root.entries)
    assert isinstance(flow, Mapping) and flow.flow
    assert isinstance(block, Mapping) and not block.flow and not root.flow

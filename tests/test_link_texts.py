"""`validate` warns about links a screen reader would spell out: their text is the web address itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sprintdoc
from conftest import FIXTURES

HEAD = "sprintdoc: 1\nedition:\n  title: Sprint Notes\n  period: July 2021\n"


def warnings_of(make_bundle: Callable[[str], Path], text: str) -> list[str]:
    return [str(w) for w in sprintdoc.load(make_bundle(text)).warnings]


def test_a_bare_url_is_a_located_warning_asking_for_words(make_bundle: Callable[[str], Path]) -> None:
    folder = make_bundle(
        HEAD + "sections:\n  - kind: text\n    title: Links\n    body: The report is at https://x.org/report.\n"
    )
    (warning,) = sprintdoc.load(folder).warnings
    assert (warning.line, warning.column, warning.path) == (8, 11, "sections[0].body")
    assert warning.message == (
        "the link text is the address itself (https://x.org/report): "
        "write [what it is](https://x.org/report) so a screen reader says something useful"
    )


def test_every_markdown_field_of_every_kind_is_checked_once(make_bundle: Callable[[str], Path]) -> None:
    text = HEAD.replace("July 2021\n", "July 2021\n  closing: See www.x.org\n") + (
        "sections:\n"
        "  - kind: news\n    title: News\n    stories:\n"
        "      - headline: One\n        body: |\n          - a list\n            - with [https://x.org](https://x.org)\n"
        "          > and https://y.org in a quote, https://z.org too\n"
    )
    shown = warnings_of(make_bundle, text)
    assert [w.split(": warning: ")[1].split(":")[0] for w in shown] == [
        "edition.closing",
        "sections[0].stories[0].body",
    ]
    assert "(www.x.org): write [what it is](http://www.x.org)" in shown[0]
    assert "(https://x.org, and 2 more): write [what it is](https://x.org)" in shown[1]


def test_described_links_and_e_mail_addresses_are_not_warned(make_bundle: Callable[[str], Path]) -> None:
    body = "Write to jane@x.org, [Jane](mailto:jane@x.org) or read [the report](https://x.org/report)."
    assert warnings_of(make_bundle, HEAD + f"sections:\n  - kind: text\n    title: T\n    body: {body}\n") == []


def test_the_fixtures_give_every_link_words(july: sprintdoc.Bundle) -> None:
    assert july.warnings == ()
    assert sprintdoc.load(FIXTURES / "september-2021").warnings == ()

"""Hypothesis strategies for hostile content: text that must come out of both documents exactly as typed."""

from __future__ import annotations

import attrs
from hypothesis import strategies as st

import sprintdoc
from sprintdoc.sections.activity import ActivitySection, NextSteps
from sprintdoc.sections.news import NewsSection, Story
from sprintdoc.sections.past_work import PastProject, PastWorkSection
from sprintdoc.sections.projects import Lifecycle, Project, ProjectsSection, TimelineEntry
from sprintdoc.sections.text import TextSection

#: Strings that have broken template engines, XML writers and PDF markup before.
NASTY = [
    "S&P 500 & <b>bold</b> &amp; &lt;",
    "{{ title }} {% if x %}y{% endif %} {# c #} {_{ x }_} {%p for %}",
    '<select><img src="/etc/passwd"></select> <para> </para>',
    "\"double\" 'single' “curly” ‘quotes’ — dashes – …",
    "Tiếng Việt: Nguyễn Thị Minh Khai; Ελληνικά: αβγ ΔΘΛ; Русский: Щука съела ёжика",
    "Zażółć gęślą jaźń; Æsir Øre Ångström; İstanbul ş ğ",
    "emoji 🎉👩🏽‍💻 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "Donaudampfschifffahrtsgesellschaftskapitänsmützenabzeichenherstellungsgenehmigung" * 3,
    "https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/spaces/at/all?q=1&r=2",
    "tab\there and trailing spaces   ",
    "]]> <![CDATA[ x ]]> <?xml version='1.0'?>",
    "\\ backslash \\\\ and $dollar and %percent and #hash",
]

#: Text any field may hold: printable Unicode (no control characters, no surrogates) with the nasty ones mixed in.
text = st.one_of(
    st.sampled_from(NASTY),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")),
        min_size=1,
        max_size=60,
    ).filter(lambda s: s.strip() != ""),
)


def bundle_with(value: str) -> sprintdoc.Bundle:
    """A bundle, built in code, with `value` in every plain-text field and (escaped) in every Markdown field."""
    md = sprintdoc.Markdown(markdown_literal(value))
    stages = ("Commissioning", value, "Delivery")
    return sprintdoc.Bundle(
        edition=sprintdoc.Edition(title=value, period=value, strapline=value, publisher=value, tagline=value,
                                  closing=md),
        sections=(
            NewsSection(title=value, stories=(Story(headline=value, body=md),)),
            ActivitySection(title=value, body=md, next=NextSteps(title=value, items=(md,))),
            ProjectsSection(
                title=value,
                lifecycle=Lifecycle(stages=stages, title=value),
                projects=(
                    Project(name=value, subtitle=value, sponsor=value, lead=value, analysts=(value,), aim=value,
                            done=md, next=md, needs=md,
                            timeline=(TimelineEntry(stage=value, to="present", note=value),)),
                ),
            ),
            PastWorkSection(title=value, items=(PastProject(name=value, aim=value, outcome=value),)),
            TextSection(title=value, body=md),
        ),
    )  # fmt: skip


def markdown_literal(value: str) -> str:
    """Markdown source that shows `value` exactly: every ASCII punctuation character backslash-escaped."""
    return "".join("\\" + c if c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~" else c for c in value.strip())


def visible(value: str) -> str:
    """What a document must show for a value: runs of white space read as one space."""
    return " ".join(value.split())


__all__ = ["NASTY", "attrs", "bundle_with", "markdown_literal", "text", "visible"]

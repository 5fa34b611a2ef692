"""`sprintdoc new` on hostile text: whatever a field or the new period holds, the edited file loads back to exactly
next month's bundle, and every carried text is marked and not yet spent."""

from __future__ import annotations

from pathlib import Path

import attrs
from hypothesis import HealthCheck, given, settings

from sprintdoc import monthly
from sprintdoc.dumping import dump
from sprintdoc.loading import loads
from sprintdoc.new_edition import new_text, next_edition
from strategies import bundle_with, text


@given(value=text, period=text)
@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_new_writes_next_month_for_any_text(value: str, period: str) -> None:
    source = dump(bundle_with(value))
    old = loads(source, root=Path())
    written = new_text(source, old, next_edition(old, period))
    again = loads(written, root=Path())
    expected = next_edition(old, period)
    assert attrs.evolve(again, previous=None, source=expected.source) == expected
    carried = [
        expected.edition.strapline,
        expected.sections[1].body,  # activity
        expected.sections[1].next.items,  # type: ignore[attr-defined]
        expected.sections[4].body,  # text
    ]
    found = list(monthly.marks(written))
    assert len(found) == len(carried)
    assert {mark.period for mark in found} == {" ".join(old.edition.period.split())}
    assert sorted(mark.digest for mark in found) == sorted(monthly.digest(monthly.text_of(v)) for v in carried)
    assert not any(mark.spent(monthly.text_of(v)) for mark, v in zip(found, carried, strict=True))


@given(before=text, after=text)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_check_and_diff_take_any_text(before: str, after: str) -> None:
    import json

    import sprintdoc

    old, new = bundle_with(before), bundle_with(after)
    moved = sprintdoc.diff(old, new)
    assert json.loads(json.dumps(moved.to_json(), ensure_ascii=False)) == moved.to_json()
    assert moved.to_text().startswith("From ")
    assert not sprintdoc.diff(new, bundle_with(after)).changed
    for finding in sprintdoc.check(new, previous=old):
        assert finding.check in str(finding) and finding.problem.path

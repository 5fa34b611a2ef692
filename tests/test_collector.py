"""The cycle collector held back while sprintdoc makes many objects: paused to load, run less often to write."""

from __future__ import annotations

import gc
import threading
from pathlib import Path

import pytest

import sprintdoc
from sprintdoc import collector
from sprintdoc.output import render


def test_writing_runs_the_collector_less_often_and_puts_it_back(
    july: sprintdoc.Bundle, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sprintdoc.writers import pdf

    before = gc.get_threshold()
    seen: list[tuple[int, int, int]] = []
    real = pdf.write

    def write(*args: object, **kwargs: object) -> None:
        seen.append(gc.get_threshold())
        real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "write", write)
    render(july, "pdf")
    assert seen == [(max(before[0], collector.WRITING_THRESHOLD), *before[1:])]
    assert gc.get_threshold() == before


def test_overlapping_writers_on_threads_leave_the_collector_as_it_was() -> None:
    before = gc.get_threshold()
    inside, release = threading.Barrier(3), threading.Event()

    def write() -> None:
        with collector.less_often():
            inside.wait()
            release.wait()

    threads = [threading.Thread(target=write) for _ in range(2)]
    for thread in threads:
        thread.start()
    inside.wait()
    assert gc.get_threshold()[0] == max(before[0], collector.WRITING_THRESHOLD)
    release.set()
    for thread in threads:
        thread.join()
    assert gc.get_threshold() == before


def test_loading_pauses_the_collector_and_restarts_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from sprintdoc import loading

    states: list[bool] = []
    real = loading._read_bundle

    def loads(*args: object, **kwargs: object) -> sprintdoc.Bundle:
        states.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loading, "_read_bundle", loads)
    loading.loads("sprintdoc: 1\nedition: {title: T, period: July 2021}\nsections: []\n", root=Path())
    assert states == [False] and gc.isenabled()


def test_generate_hands_free_memory_back_after_each_format(
    july: sprintdoc.Bundle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """So that the PDF's peak is not stacked on what the Word writer freed (at 3000 cards: 306 MB, now 286)."""
    calls: list[str] = []
    real = collector.give_back_free_memory
    monkeypatch.setattr(collector, "give_back_free_memory", lambda: (calls.append("trim"), real())[1])
    sprintdoc.generate(july, tmp_path, formats=("docx", "pdf"))
    assert calls == ["trim", "trim"]


def test_memory_is_handed_back_through_glibc_where_the_process_has_it() -> None:
    import platform

    collector.give_back_free_memory()
    found = collector._malloc_trim()
    assert (found is not None) == (platform.libc_ver()[0] == "glibc")

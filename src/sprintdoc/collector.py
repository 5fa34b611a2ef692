"""Memory while sprintdoc works: Python's cycle collector held back while it makes many objects at once, and
freed memory handed back to the system between one document and the next.

Loading a big bundle makes hundreds of thousands of small objects, none in a cycle: the
collector, walking them again each time more pile up, tripled the time a 20 MB file took
to load, so it is paused there (`paused`). Writing a document does make cycles (reportlab's
document, our structure tree), so the collector keeps running, but less often (`less_often`):
at 1000 project cards, walking the live objects again and again took a tenth of the PDF's time
at its usual pace, and a quarter of that now, for about 3 % more memory at the peak.

Freed memory stays with the process (the C allocator keeps it for later), so a `generate` of both
formats peaked at the Word writer's leftovers plus the PDF's own: at 3000 cards, 306 MB; handing
the free memory back between the two (`give_back_free_memory`), 286 MB, when it was measured
(docs/performance.md has today's figure).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import threading
from collections.abc import Iterator
from typing import Any

#: The young generation's threshold while writing: objects made before a collection runs (Python's default is 700).
WRITING_THRESHOLD = 100_000

_lock = threading.Lock()
_writers = 0
_before: tuple[int, int, int] = gc.get_threshold()


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """The collector paused, for code that makes many objects and no cycles."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def less_often() -> Iterator[None]:
    """The collector run less often, for code that makes many objects, some in cycles (threads may nest this)."""
    global _writers, _before
    with _lock:
        if _writers == 0:
            _before = gc.get_threshold()
            gc.set_threshold(max(_before[0], WRITING_THRESHOLD), *_before[1:])
        _writers += 1
    try:
        yield
    finally:
        with _lock:
            _writers -= 1
            if _writers == 0:
                gc.set_threshold(*_before)


def give_back_free_memory() -> None:
    """Hand the memory the process has freed back to the system, where the C library can (glibc's `malloc_trim`;
    elsewhere nothing is done)."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim() -> Any:
    import ctypes

    try:  # the process's own symbols: the C library's on Linux; on Windows there is no such handle
        return getattr(ctypes.CDLL(None), "malloc_trim", None)
    except (OSError, TypeError):
        return None

"""Many editions in one call: each bundle loaded and written in a worker, every result reported under its name.

`generate_many` takes any `concurrent.futures.Executor`: by default a process pool
with one worker a core, so each worker imports sprintdoc and reads fonts and
templates once for all the bundles it is given. A user with a cluster hands it a
Dask or Ray executor instead. One bundle's failure never stops the others.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from pathlib import Path

import attrs

from sprintdoc.errors import Problem, SprintdocError


@attrs.frozen
class BatchResult:
    """What became of one bundle: the files written (format -> path), or the problems that stopped it."""

    bundle: str
    paths: dict[str, Path] = attrs.field(factory=dict)
    problems: tuple[Problem, ...] = ()
    error: str | None = None  # a file or template that could not be used, said in one line
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether every format was written."""
        return not self.problems and self.error is None


def generate_many(
    bundles: Iterable[str | os.PathLike[str]],
    outdir: str | os.PathLike[str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    template: Path | None = None,
    executor: Executor | None = None,
    jobs: int | None = None,
    progress: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Write every bundle's documents (into `outdir`, else each bundle's own `out/`); one result per bundle, in order.

    `executor` runs the work (default: a process pool of `jobs` workers, one a core); `progress` is
    called with each result as it comes.
    """
    names = [str(bundle) for bundle in bundles]
    own = executor is None
    pool = executor or ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1)
    try:
        futures: dict[Future[BatchResult], int] = {
            pool.submit(one, name, None if outdir is None else str(outdir), tuple(formats), template): i
            for i, name in enumerate(names)
        }
        results: list[BatchResult | None] = [None] * len(names)
        for future in as_completed(futures):
            result = future.result()
            results[futures[future]] = result
            if progress is not None:
                progress(result)
    finally:
        if own:
            pool.shutdown(cancel_futures=True)
    return [r for r in results if r is not None]


def one(bundle: str, outdir: str | None, formats: tuple[str, ...], template: Path | None) -> BatchResult:
    """Load and write one bundle, in whatever process runs it; every failure a user can mend is in the result."""
    from sprintdoc.errors import BundleError, SprintdocWarning
    from sprintdoc.loading import bundle_file, load
    from sprintdoc.output import generate

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SprintdocWarning)
        try:
            loaded = load(bundle)
            target = Path(outdir) if outdir is not None else bundle_file(bundle)[0].parent / "out"
            paths = generate(loaded, target, formats, template=template)
        except BundleError as err:
            return BatchResult(bundle, problems=err.problems)
        except (SprintdocError, OSError) as err:
            return BatchResult(bundle, error=_said(err))
        except Exception as err:  # a bug met by one bundle must not stop the others
            return BatchResult(bundle, error=f"sprintdoc failed (a bug: please report it): {type(err).__name__}: {err}")
    said = tuple(dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, SprintdocWarning)))
    return BatchResult(bundle, paths=paths, warnings=tuple(str(w) for w in loaded.warnings) + said)


def _said(err: Exception) -> str:
    if isinstance(err, OSError):
        where = f" {err.filename}" if err.filename else ""
        return f"cannot write{where}: {err.strerror or err}"
    return str(err)

"""How loading and validating a bundle scales with the size of sprint.yaml (a benchmark, not a timed test).

    python benchmarks/load_scale.py [SIZE_MB ...]      (default: 1 5 20)

Each bundle is the July 2021 fixture with its news stories and project cards repeated
until sprint.yaml reaches the size asked for; its images are the fixture's own. Prints
size → seconds for `sprintdoc.load` (parse, validate, decode images): the cost should grow
in step with the size, so seconds per MB should stay about the same.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

import sprintdoc

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "july-2021"


def grown(size: int) -> str:
    """The fixture's sprint.yaml with its stories and cards repeated until the text is about `size` bytes long."""
    data: dict[str, Any] = yaml.load((FIXTURE / "sprint.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    lists = [section[key] for section in data["sections"] for key in ("stories", "projects") if key in section]
    originals = [list(items) for items in lists]
    once = len(_dump(data).encode())
    for items, original in zip(lists, originals, strict=True):
        items[:] = original * 2
    each = len(_dump(data).encode()) - once
    copies = max(1, 1 + round((size - once) / each))
    for items, original in zip(lists, originals, strict=True):
        items[:] = original * copies
    return _dump(data)


class _Dumper(yaml.SafeDumper):
    """Writes every repeat out in full, as a person would, not as YAML aliases of the first."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, allow_unicode=True, sort_keys=False, width=10_000, Dumper=_Dumper)


def seconds_to_load(folder: Path) -> tuple[float, str]:
    """How long `sprintdoc.load` takes on a bundle, and what it gave (a card count, or the first problem)."""
    start = time.perf_counter()
    try:
        bundle = sprintdoc.load(folder)
        outcome = f"{sum(len(getattr(s, 'projects', ())) for s in bundle.sections)} cards"
    except sprintdoc.BundleError as err:
        outcome = str(err.problems[0])
    return time.perf_counter() - start, outcome


def main(argv: list[str] | None = None) -> int:
    """Print, for each size, the file's size, the seconds to load it, and seconds per MB."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=float, default=[1, 5, 20], help="sizes of sprint.yaml in MB")
    args = parser.parse_args(argv)
    print(f"{'sprint.yaml':>12} {'seconds':>9} {'s/MB':>7}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            folder = Path(tmp) / f"{mb:g}mb"
            shutil.copytree(FIXTURE / "images", folder / "images")
            text = grown(int(mb * 1_000_000))
            (folder / "sprint.yaml").write_text(text, encoding="utf-8")
            size = len(text.encode()) / 1_000_000
            seconds, outcome = seconds_to_load(folder)
            print(f"{size:9.1f} MB {seconds:9.2f} {seconds / size:7.2f}  {outcome[:70]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

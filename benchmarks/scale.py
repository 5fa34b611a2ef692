"""How writing an edition scales with its number of project cards (a benchmark, not a timed test).

    python benchmarks/scale.py [CARDS ...] [--format docx|pdf]      (default: 50 200 1000, docx)

Each bundle is the July 2021 fixture with its project cards repeated until the projects
section holds CARDS cards, each renamed so that every card is its own; the other sections
and the images are the fixture's own. Prints, for each size, the CPU seconds of
`sprintdoc.output.render` (the bundle loaded beforehand, outside the timing), and the cost
of each extra card between one size and the next: a writer whose cost per card does not
grow with the edition prints about the same figure on every line.
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
from sprintdoc.output import FORMATS, render

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "july-2021"


def scaled(cards: int) -> str:
    """The fixture's sprint.yaml with its projects section holding `cards` cards, each with a name of its own."""
    data: dict[str, Any] = yaml.load((FIXTURE / "sprint.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    section = next(s for s in data["sections"] if s.get("kind") == "projects")
    originals = section["projects"]
    section["projects"] = [
        {**originals[i % len(originals)], "name": f"{originals[i % len(originals)]['name']} ({i + 1})"}
        for i in range(cards)
    ]
    return yaml.dump(data, allow_unicode=True, sort_keys=False, width=10_000, Dumper=_Dumper)


class _Dumper(yaml.SafeDumper):
    """Writes every repeat out in full, as a person would, not as YAML aliases of the first."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def bundle_of(cards: int, folder: Path) -> sprintdoc.Bundle:
    """A loaded bundle of `cards` project cards, written into `folder` with the fixture's images."""
    shutil.copytree(FIXTURE / "images", folder / "images")
    (folder / "sprint.yaml").write_text(scaled(cards), encoding="utf-8")
    return sprintdoc.load(folder)


def cpu_seconds(bundle: sprintdoc.Bundle, fmt: str) -> float:
    """The CPU seconds this process spends rendering `bundle` to `fmt`."""
    start = time.process_time()
    render(bundle, fmt)
    return time.process_time() - start


def main(argv: list[str] | None = None) -> int:
    """Print, for each size, the CPU seconds to render it and the milliseconds each card added since the last."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("cards", nargs="*", type=int, default=[50, 200, 1000], help="numbers of project cards")
    parser.add_argument("--format", choices=FORMATS, default="docx")
    args = parser.parse_args(argv)
    print(f"{'cards':>6} {'CPU s':>8} {'ms/card since last':>19}")
    previous: tuple[int, float] | None = None
    with tempfile.TemporaryDirectory() as tmp:
        render(bundle_of(1, Path(tmp) / "warm-up"), args.format)  # imports and first-use caches, not the cards
        for cards in sorted(args.cards):
            bundle = bundle_of(cards, Path(tmp) / str(cards))
            seconds = cpu_seconds(bundle, args.format)
            per_card = "" if previous is None else f"{(seconds - previous[1]) / (cards - previous[0]) * 1000:.1f}"
            print(f"{cards:6} {seconds:8.2f} {per_card:>19}", flush=True)
            previous = (cards, seconds)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A closer look at the steps of one edition (a benchmark, not a timed test): loading, the PDF step's parts.

    python benchmarks/run.py [BUNDLE] [--repeat N] [--stress]

Times loading, reading the template's look cold, the PDF step tagged and untagged, and
importing the CLI; `--stress` times a 6000×4000 photo and an 80,000-word paragraph. The
comparisons with the floor and LibreOffice, and the issue's targets, are `suite.py`'s
(`nox -s bench`), which writes them into docs/performance.md.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

import sprintdoc
from sprintdoc.output import render

ROOT = Path(__file__).resolve().parents[1]


def median_seconds(step: Callable[[], Any], repeat: int) -> float:
    """The median of `repeat` timings of `step`, after one warm-up run (imports, font registration)."""
    step()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def row(name: str, ours: float, base: float | None, size: int | None = None) -> None:
    """One line of the table: our time, the yardstick's, their ratio, and our output's size."""
    ratio = f"{ours / base:6.2f}x" if base else ""
    kb = f"{size / 1000:7.1f} kB" if size is not None else ""
    yardstick = f"{base * 1000:8.1f} ms" if base else ""
    print(f"{name:<36} {ours * 1000:8.1f} ms {yardstick:>11} {ratio:>7} {kb}")


def template_look_cold(bundle: sprintdoc.Bundle, repeat: int) -> float:
    """Reading the Word template's styles for the PDF with every cache empty: paid once per template and theme."""
    from sprintdoc.template_look import read_look
    from sprintdoc.writers import default_template, pdf_look

    def cold() -> None:
        pdf_look._cache.clear()
        with read_look.__globals__["_cache_lock"]:
            read_look.__globals__["_cache"].clear()
        pdf_look.pdf_look(default_template(), bundle.theme, bundle.root)

    return median_seconds(cold, repeat)


def tagging_cost(bundle: sprintdoc.Bundle, repeat: int) -> tuple[float, float]:
    """CPU seconds of the PDF step as written, and with the structure tree and marked content left out."""
    from sprintdoc.writers import pdf_page

    def cpu() -> float:
        render(bundle, "pdf")
        times = []
        for _ in range(repeat):
            start = time.process_time()
            render(bundle, "pdf")
            times.append(time.process_time() - start)
        return statistics.median(times)

    tagged = cpu()
    saved = pdf_page.write_tree, pdf_page.NewsletterCanvas.begin_marked, pdf_page.NewsletterCanvas.end_marked
    pdf_page.write_tree = lambda *a: None  # type: ignore[assignment]
    pdf_page.NewsletterCanvas.begin_marked = lambda self, element: None  # type: ignore[method-assign]
    pdf_page.NewsletterCanvas.end_marked = lambda self: None  # type: ignore[method-assign]
    try:
        untagged = cpu()
    finally:
        pdf_page.write_tree, pdf_page.NewsletterCanvas.begin_marked, pdf_page.NewsletterCanvas.end_marked = saved
    return tagged, untagged


def stress(bundle: sprintdoc.Bundle) -> None:
    """A 6000×4000 photo and one 80,000-word paragraph through the PDF writer."""
    from PIL import Image as PILImage

    from sprintdoc.images import decode
    from sprintdoc.sections.news import NewsSection, Story
    from sprintdoc.sections.text import TextSection

    with tempfile.TemporaryDirectory() as folder:
        photo = Path(folder) / "big.jpg"
        PILImage.effect_noise((6000, 4000), 60).convert("RGB").save(photo, quality=90)
        start = time.perf_counter()
        picture = decode(photo, "big.jpg")
        decoded = time.perf_counter() - start
        story = Story("Big photo", image=sprintdoc.Image("big.jpg", alt="Noise", picture=picture))
        with_photo = attrs.evolve(bundle, sections=(NewsSection(title="Photo", stories=(story,)), *bundle.sections))
        base_s = median_seconds(lambda: render(bundle, "pdf"), 3)
        start = time.perf_counter()
        data = render(with_photo, "pdf")
        written = time.perf_counter() - start
        extra = (len(data) - len(render(bundle, "pdf"))) / 1e6
        print(f"6000×4000 JPEG ({photo.stat().st_size / 1e6:.1f} MB): decoded once in {decoded:.2f} s; "
              f"the PDF step adds {written - base_s:.2f} s and {extra:.2f} MB")  # fmt: skip
    words = " ".join(f"word{i}{'.' if i % 23 == 0 else ''}" for i in range(80_000))
    long_one = attrs.evolve(bundle, sections=(TextSection(title="Long", body=words),))
    start = time.perf_counter()
    data = render(long_one, "pdf")
    print(f"one 80,000-word paragraph: {time.perf_counter() - start:.2f} s, {len(data) / 1e6:.2f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "fixtures" / "july-2021"))
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--stress", action="store_true")
    args = parser.parse_args()

    bundle = sprintdoc.load(args.bundle)
    print(f"bundle {Path(args.bundle).name}, median of {args.repeat}")
    print(f"{'step':<36} {'sprintdoc':>11} {'yardstick':>11} {'ratio':>7} {'our size':>10}")
    row("load (YAML, validation, images)", median_seconds(lambda: sprintdoc.load(args.bundle), args.repeat), None)
    row("pdf: reading the template's look, cold", template_look_cold(bundle, args.repeat), None)
    tagged, untagged = tagging_cost(bundle, args.repeat)
    row("pdf: tagged vs the same, untagged", tagged, untagged, len(render(bundle, "pdf")))
    cli = median_seconds(lambda: subprocess.run([sys.executable, "-c", "import sprintdoc.cli"], check=True), 5)
    bare = median_seconds(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), 5)
    row("CLI import vs bare python start", cli, bare)
    if args.stress:
        stress(bundle)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How long the PDF step takes, beside the floor (bare reportlab on the same text), as a ratio; not a timed test.

usage: .venv/bin/python benchmarks/bench_pdf.py [BUNDLE] [--rounds N] [--stress]

Prints the median of N rounds for sprintdoc's PDF writer (the bundle loaded once,
as `generate` does) and for `shared/bench/floor.py`'s `pdf()` on the same
sprint.yaml, then their ratio. `--stress` also times a 6000×4000 photo and an
80,000-word paragraph. LibreOffice converting our DOCX is the other yardstick the
issue names; it is left for when the DOCX writer lands (see docs/pdf.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import sprintdoc
from sprintdoc.registry import default_registry
from sprintdoc.writers import pdf

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"


def median_seconds(step: Callable[[], Any], rounds: int) -> float:
    step()  # warm up: imports, font registration
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def floor_pdf() -> Callable[[dict[str, Any], str], None]:
    spec = importlib.util.spec_from_file_location("floor", FLOOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    step: Callable[[dict[str, Any], str], None] = module.pdf
    return step


def ours(bundle: sprintdoc.Bundle) -> bytes:
    buffer = io.BytesIO()
    pdf.write(bundle, buffer, default_registry())
    return buffer.getvalue()


def stress(bundle: sprintdoc.Bundle) -> None:
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
        story = Story("Big photo", image=sprintdoc.model.Image("big.jpg", alt="Noise", picture=picture))
        with_photo = sprintdoc.Bundle(bundle.edition, (NewsSection(title="Photo", stories=(story,)), *bundle.sections),
                                      bundle.theme, bundle.root)  # fmt: skip
        start = time.perf_counter()
        data = ours(with_photo)
        written = time.perf_counter() - start
        base_s = median_seconds(lambda: ours(bundle), 3)
        base = ours(bundle)
        print(f"6000×4000 JPEG ({photo.stat().st_size / 1e6:.1f} MB): the loader's decode {decoded:.2f} s; "
              f"the PDF step adds {written - base_s:.2f} s and {(len(data) - len(base)) / 1e6:.2f} MB")  # fmt: skip
    words = " ".join(f"word{i}{'.' if i % 23 == 0 else ''}" for i in range(80_000))
    long_one = sprintdoc.Bundle(bundle.edition, (TextSection(title="Long", body=words),), bundle.theme, bundle.root)
    start = time.perf_counter()
    data = ours(long_one)
    print(f"one 80,000-word paragraph: {time.perf_counter() - start:.2f} s, {len(data) / 1e6:.2f} MB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "fixtures" / "july-2021"))
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--stress", action="store_true")
    args = parser.parse_args()
    folder = Path(args.bundle)
    bundle = sprintdoc.load(folder)
    raw = yaml.safe_load((folder / "sprint.yaml").read_text(encoding="utf-8"))
    floor = floor_pdf()
    with tempfile.TemporaryDirectory() as out:
        target = str(Path(out) / "floor.pdf")
        floor_s = median_seconds(lambda: floor(raw, target), args.rounds)
        floor_size = Path(target).stat().st_size
    ours_s = median_seconds(lambda: ours(bundle), args.rounds)
    size = len(ours(bundle))
    print(f"bundle: {folder.name}, median of {args.rounds} rounds")
    print(f"floor (bare reportlab):  {floor_s * 1000:7.1f} ms  {floor_size / 1000:6.1f} kB")
    print(f"sprintdoc PDF writer:    {ours_s * 1000:7.1f} ms  {size / 1000:6.1f} kB")
    print(f"ratio sprintdoc / floor: {ours_s / floor_s:.2f}")
    if args.stress:
        stress(bundle)
    return 0


if __name__ == "__main__":
    sys.exit(main())

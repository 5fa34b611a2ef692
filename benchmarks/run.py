"""Benchmarks: sprintdoc's generate against the floor (bare docxtpl and bare reportlab), in one run, as ratios.

    python benchmarks/run.py [BUNDLE] [--repeat N] [--libreoffice]

The floor is ../shared/bench/floor.py: the same bundle's text as plain paragraphs,
no Markdown, no theme, no plugins. Ratios, not seconds, are what to compare between
machines. `--libreoffice` also times LibreOffice converting our DOCX to PDF, the
office-suite path the PDF writer replaces.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import sprintdoc
from sprintdoc.output import render

ROOT = Path(__file__).resolve().parents[1]
FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"


def best(fn: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` timings of fn, in seconds (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle", nargs="?", default=str(ROOT / "fixtures" / "july-2021"))
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--libreoffice", action="store_true")
    args = parser.parse_args()

    spec = importlib.util.spec_from_file_location("floor", FLOOR)
    assert spec is not None and spec.loader is not None
    floor = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(floor)
    raw = yaml.safe_load((Path(args.bundle) / "sprint.yaml").read_text(encoding="utf-8"))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        bundle = sprintdoc.load(args.bundle)
        rows = [
            ("load (YAML, validation, images)", best(lambda: sprintdoc.load(args.bundle), args.repeat), None),
            ("docx: sprintdoc", best(lambda: render(bundle, "docx"), args.repeat),
             best(lambda: floor.docx(raw, str(out / "floor.docx")), args.repeat)),
            ("pdf: sprintdoc", best(lambda: render(bundle, "pdf"), args.repeat),
             best(lambda: floor.pdf(raw, str(out / "floor.pdf")), args.repeat)),
        ]  # fmt: skip
        cli = best(lambda: subprocess.run([sys.executable, "-c", "import sprintdoc.cli"], check=True), args.repeat)
        bare = best(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), args.repeat)
        print(f"{'step':<34} {'sprintdoc':>10} {'floor':>10} {'ratio':>7}")
        for name, ours, base in rows:
            ratio = f"{ours / base:6.2f}x" if base else ""
            print(f"{name:<34} {ours * 1000:8.1f}ms {base * 1000 if base else 0:8.1f}ms {ratio:>7}")
        print(f"{'CLI import (python startup)':<34} {cli * 1000:8.1f}ms {bare * 1000:8.1f}ms {cli / bare:6.2f}x")
        if args.libreoffice:
            docx = out / "x.docx"
            docx.write_bytes(render(bundle, "docx"))

            def convert() -> None:
                subprocess.run(
                    ["soffice", f"-env:UserInstallation=file://{out}/profile", "--headless", "--convert-to", "pdf",
                     "--outdir", str(out), str(docx)],
                    check=True, capture_output=True,
                )  # fmt: skip

            lo = best(convert, max(1, args.repeat // 2))
            ours = rows[2][1]
            print(f"{'pdf: LibreOffice from our docx':<34} {lo * 1000:8.1f}ms {ours * 1000:8.1f}ms {lo / ours:6.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

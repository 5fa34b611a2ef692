"""Benchmark (not a timed test): N editions as one batch on every core, one at a time, and as N commands.

    python benchmarks/batch.py [N]

Each edition is a copy of the July 2021 fixture with its own period. Wall time,
since the point of a batch is the cores it uses.
"""

from __future__ import annotations

import calendar
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JULY = ROOT / "fixtures" / "july-2021"


def editions(folder: Path, n: int) -> list[str]:
    """`n` bundles, copies of July 2021 for periods one month apart (July 2021, August 2021, …)."""
    text = (JULY / "sprint.yaml").read_text(encoding="utf-8")
    bundles = []
    for i in range(n):
        bundle = folder / f"b{i}"
        shutil.copytree(JULY / "images", bundle / "images")
        month = 6 + i
        period = f"{calendar.month_name[month % 12 + 1]} {2021 + month // 12}"
        (bundle / "sprint.yaml").write_text(text.replace("July 2021", period), encoding="utf-8")
        bundles.append(str(bundle))
    return bundles


def seconds(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    sprintdoc = [sys.executable, "-m", "sprintdoc", "generate"]
    with tempfile.TemporaryDirectory() as tmp:
        bundles = editions(Path(tmp), n)
        batch = seconds([*sprintdoc, *bundles])
        serial = seconds([*sprintdoc, *bundles, "-j", "1"])
        start = time.perf_counter()
        for bundle in bundles:
            subprocess.run([*sprintdoc, bundle], check=True, capture_output=True)
        separate = time.perf_counter() - start
    print(f"{n} editions: one batch on every core {batch:.1f} s; one batch, one at a time {serial:.1f} s "
          f"({serial / batch:.2f}x); {n} commands {separate:.1f} s ({separate / batch:.2f}x)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The project's benchmark (`nox -s bench`): sprintdoc against the floor and LibreOffice, into docs/performance.md.

    python benchmarks/suite.py [--quick] [--sizes N ...] [--repeat N] [--repeat-large N]
                               [--batch N] [--no-libreoffice] [--doc FILE | --no-write]

For the July 2021 fixture and for bundles of 50, 200, 1000 and 3000 project cards (the
fixture with its cards repeated, `scale.scaled`), it times whole processes (the
`sprintdoc` command against `python ../shared/bench/floor.py`, bare docxtpl and reportlab
on the same bundle) and warm renders in this process (`sprintdoc.output.render` against
the floor's `docx()` and `pdf()`); then start-up, LibreOffice converting our DOCX against
our PDF process, and a batch of editions. It prints a table of the issue's targets (each:
measured, yardstick, ratio, target, pass or fail) and the figures behind them, and writes
it between `<!-- bench:begin -->` and `<!-- bench:end -->` in docs/performance.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from batch import editions
from measure import BenchError, Usage, in_process, processes, run
from report import Results, Scaled, table, write_between_markers
from scale import scaled

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "july-2021"
FLOOR = ROOT.parent / "shared" / "bench" / "floor.py"
DOC = ROOT / "docs" / "performance.md"
LARGE = 1000
#: The libraries a `generate` of both formats cannot do without, imported and nothing else: the least any process
#: built on this stack costs, to set beside the targets (the PDF alone needs all but docxtpl).
STACK = ("yaml", "attrs", "markdown_it", "PIL.Image", "reportlab.platypus", "docxtpl")


@dataclass(frozen=True)
class Options:
    """What to measure and how often."""

    sizes: tuple[int, ...] = (50, 200, 1000, 3000)
    repeat: int = 5
    repeat_large: int = 3
    batch: int = 100
    libreoffice: bool = True
    floor: Path = FLOOR

    def repeats(self, cards: int | None) -> int:
        """How many runs to take the median of for a bundle of `cards` cards (the fixture: None)."""
        return self.repeat_large if cards is not None and cards >= LARGE else self.repeat


def sprintdoc_command() -> str:
    """The `sprintdoc` console script of the Python running this (so the same install is measured)."""
    beside = Path(sys.executable).parent / "sprintdoc"
    found = str(beside) if beside.exists() else shutil.which("sprintdoc")
    if found is None:
        raise BenchError("the `sprintdoc` command is not installed: install the project (pip install -e .)")
    return found


def floor_module(path: Path) -> Any:
    """The floor (shared/bench/floor.py), imported from its path; its absence stops the benchmark."""
    if not path.exists():
        raise BenchError(f"{path} is missing: the floor lives in shared/bench/ beside the repository")
    spec = importlib.util.spec_from_file_location("floor", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scaled_bundle(cards: int, folder: Path) -> Path:
    """A bundle folder of `cards` project cards (the fixture's other sections and images)."""
    shutil.copytree(FIXTURE / "images", folder / "images")
    (folder / "sprint.yaml").write_text(scaled(cards), encoding="utf-8")
    return folder


def measure_bundle(bundle: Path, cards: int | None, options: Options, floor: Any, work: Path) -> Scaled:
    """Whole processes (both formats, each alone, the floor) and warm renders of one bundle."""
    from sprintdoc import load
    from sprintdoc.output import render

    command = sprintdoc_command()
    out = work / "out"
    repeat = options.repeats(cards)
    print(f"  {bundle.name}: whole processes, {repeat} runs each", flush=True)
    whole = processes(
        {
            "both": [command, "generate", str(bundle), "-f", "docx,pdf", "-o", str(out)],
            "docx": [command, "generate", str(bundle), "-f", "docx", "-o", str(out)],
            "pdf": [command, "generate", str(bundle), "-f", "pdf", "-o", str(out)],
            "floor": [sys.executable, str(options.floor), str(bundle), str(out), "both"],
        },
        repeat,
    )
    print(f"  {bundle.name}: warm renders", flush=True)
    loaded = load(bundle)
    raw = yaml.safe_load((bundle / "sprint.yaml").read_text(encoding="utf-8"))
    warm = in_process(
        {
            "docx": lambda: render(loaded, "docx"),
            "floor docx": lambda: floor.docx(raw, str(out / "floor.docx")),
            "pdf": lambda: render(loaded, "pdf"),
            "floor pdf": lambda: floor.pdf(raw, str(out / "floor.pdf")),
        },
        repeat,
    )
    return Scaled(cards, whole, warm)


def measure_start(options: Options) -> dict[str, Usage]:
    """`sprintdoc --help` and `sprintdoc validate` of the fixture, beside a bare `python -c pass`; and the stack's
    imports alone, for both formats and for the PDF (`STACK`)."""
    command = sprintdoc_command()
    print("start-up", flush=True)
    return processes(
        {
            "help": [command, "--help"],
            "validate": [command, "validate", str(FIXTURE)],
            "python": [sys.executable, "-c", "pass"],
            "stack": [sys.executable, "-c", "import " + ", ".join(STACK)],
            "stack pdf": [sys.executable, "-c", "import " + ", ".join(m for m in STACK if m != "docxtpl")],
        },
        max(options.repeat, 5),
    )


def measure_libreoffice(options: Options, work: Path) -> dict[str, Usage]:
    """Our PDF process against LibreOffice converting our DOCX of the fixture (its own profile, whole processes),
    and the floor's PDF-only process beside them."""
    from sprintdoc import load
    from sprintdoc.output import render

    soffice = shutil.which("soffice")
    if soffice is None:
        raise BenchError("LibreOffice (soffice) is not installed: install it, or pass --no-libreoffice")
    print("LibreOffice", flush=True)
    work.mkdir(parents=True, exist_ok=True)
    docx = work / "ours.docx"
    docx.write_bytes(render(load(FIXTURE), "docx"))
    convert = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
               "--convert-to", "pdf", "--outdir", str(work / "lo"), str(docx)]  # fmt: skip
    # The first run makes the profile; a user's LibreOffice has one, so the runs compared reuse it.
    first = run(convert)
    ours = [sprintdoc_command(), "generate", str(FIXTURE), "-f", "pdf", "-o", str(work / "ours")]
    floor = [sys.executable, str(options.floor), str(FIXTURE), str(work / "floor"), "pdf"]
    return {"first": first, **processes({"ours": ours, "libreoffice": convert, "floor": floor}, options.repeat)}


def measure_batch(options: Options, work: Path) -> dict[str, Usage]:
    """`options.batch` copies of July: one `generate -j 2`, one `generate -j 1`, and one command each."""
    command = sprintdoc_command()
    bundles = editions(work, options.batch)
    print(f"batch of {options.batch}", flush=True)
    both = processes(
        {
            "j2": [command, "generate", "-q", "-f", "docx,pdf", "-j", "2", *bundles],
            "j1": [command, "generate", "-q", "-f", "docx,pdf", "-j", "1", *bundles],
        },
        options.repeat_large,
    )
    separate = [run([command, "generate", "-q", "-f", "docx,pdf", bundle]) for bundle in bundles]
    total = Usage(sum(u.cpu for u in separate), sum(u.wall for u in separate), max(u.peak_mb for u in separate))
    return {**both, "separate": total}


def measure(options: Options) -> Results:
    """Every figure of the benchmark."""
    floor = floor_module(options.floor)
    sprintdoc_command()
    load_before = os.getloadavg()[0]
    from sprintdoc import load
    from sprintdoc.output import render

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # Imports, fonts and template caches are paid here, before any warm render is timed.
        july = load(FIXTURE)
        raw = yaml.safe_load((FIXTURE / "sprint.yaml").read_text(encoding="utf-8"))
        for fmt in ("docx", "pdf"):
            render(july, fmt)
            getattr(floor, fmt)(raw, str(work / f"floor.{fmt}"))
        # The short parts first, so that a failure among them shows before the long ones run.
        start = measure_start(options)
        libreoffice = measure_libreoffice(options, work / "libreoffice") if options.libreoffice else None
        batch = measure_batch(options, work / "batch") if options.batch else None
        print("July 2021", flush=True)
        fixture = measure_bundle(FIXTURE, None, options, floor, work)
        sizes = []
        for cards in sorted(options.sizes):
            print(f"{cards} cards", flush=True)
            bundle = scaled_bundle(cards, work / f"{cards}-cards")
            sizes.append(measure_bundle(bundle, cards, options, floor, work))
    return Results(
        fixture=fixture,
        sizes=tuple(sizes),
        start=start,
        libreoffice=libreoffice,
        batch=batch,
        batch_size=options.batch,
        runs=f"medians of {options.repeat} runs ({options.repeat_large} from {LARGE} cards and for the batch, "
        "whose separate commands run once)",
        machine=f"{platform.system()}, {_cores()} cores, Python {platform.python_version()}, {date.today()} "
        f"(load average {load_before:.1f} when it began, {os.getloadavg()[0]:.1f} when it ended)",
    )


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def options_from(argv: list[str] | None) -> tuple[Options, Path | None]:
    """The options a command line asks for, and the page to write the table into (None: only print it)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="50, 200 and 1000 cards, fewer runs, a batch of 20")
    parser.add_argument("--sizes", type=int, nargs="+", help="numbers of project cards (default 50 200 1000 3000)")
    parser.add_argument("--repeat", type=int, help="runs per median (default 5; --quick 3)")
    parser.add_argument("--repeat-large", type=int, help=f"runs per median from {LARGE} cards (default 3; --quick 1)")
    parser.add_argument("--batch", type=int, help="editions in the batch, 0 for none (default 100; --quick 20)")
    parser.add_argument("--no-libreoffice", action="store_true", help="leave LibreOffice out")
    parser.add_argument("--floor", type=Path, default=FLOOR, help="the floor script (default: %(default)s)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--doc", type=Path, default=DOC, help="the page to write the table into (default: %(default)s)")
    where.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    quick = Options(sizes=(50, 200, 1000), repeat=3, repeat_large=1, batch=20) if args.quick else Options()
    options = Options(
        sizes=tuple(args.sizes) if args.sizes else quick.sizes,
        repeat=args.repeat or quick.repeat,
        repeat_large=args.repeat_large or quick.repeat_large,
        batch=quick.batch if args.batch is None else args.batch,
        libreoffice=not args.no_libreoffice,
        floor=args.floor,
    )
    return options, None if args.no_write else args.doc


def compiled() -> None:
    """Compile sprintdoc's modules to bytecode first, as installing a wheel does: a process started from source with
    PYTHONDONTWRITEBYTECODE set (or a read-only tree) compiles every module on every run, which no user pays."""
    import compileall

    import sprintdoc

    compileall.compile_dir(Path(sprintdoc.__file__).parent, quiet=1)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the table, and write it into the page."""
    options, doc = options_from(argv)
    compiled()
    try:
        text = table(measure(options))
        print(text)
        if doc is not None:
            write_between_markers(doc, text)
            print(f"written into {doc}")
    except BenchError as err:
        print(f"bench: error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""The benchmark's figures as Markdown: the issue's targets (each passed or failed) and the tables behind them."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from measure import BenchError, Usage

BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"


@dataclass(frozen=True)
class Scaled:
    """One bundle's figures: `cards` project cards (None: the fixture as it is), whole processes and warm renders.

    `process` holds "both", "docx", "pdf" (the `sprintdoc generate` command) and "floor"
    (floor.py, both formats); `warm` holds CPU seconds of "docx", "pdf", "floor docx", "floor pdf".
    """

    cards: int | None
    process: dict[str, Usage]
    warm: dict[str, float]

    @property
    def label(self) -> str:
        """How the table names this bundle."""
        return "July 2021" if self.cards is None else f"{self.cards} cards"


@dataclass(frozen=True)
class Results:
    """Every figure of one benchmark run."""

    fixture: Scaled
    sizes: tuple[Scaled, ...]
    start: dict[str, Usage]  # "help", "validate", "python", "stack", "stack pdf"
    libreoffice: dict[str, Usage] | None  # "ours", "libreoffice", "first", "floor" (its PDF only)
    batch: dict[str, Usage] | None  # "j2", "j1", "separate"
    batch_size: int
    runs: str
    machine: str


@dataclass(frozen=True)
class Check:
    """One of the issue's targets: what we measured, against what, their ratio, the target and whether it is met."""

    name: str
    ours: str
    yardstick: str
    ratio: float
    target: str
    passed: bool

    def row(self) -> str:
        """The check as a Markdown table row."""
        verdict = "pass" if self.passed else "**fail**"
        return f"| {self.name} | {self.ours} | {self.yardstick} | {self.ratio:.2f}× | {self.target} | {verdict} |"


def seconds(value: float) -> str:
    """A duration for the table: milliseconds under a second, else seconds."""
    if value < 1:
        return f"{value * 1000:.0f} ms"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s"


def per_card(low: Scaled, high: Scaled, key: str) -> float:
    """CPU seconds each card added between two sizes, in the whole process `key`."""
    assert low.cards is not None and high.cards is not None
    return (high.process[key].cpu - low.process[key].cpu) / (high.cards - low.cards)


def checks(results: Results) -> Iterator[Check]:
    """The issue's targets for the figures measured (a target whose figures were not taken is left out)."""
    july = results.fixture
    ours, floor = july.process["both"], july.process["floor"]
    yield Check("July 2021, both formats, whole process (CPU)", seconds(ours.cpu), f"floor {seconds(floor.cpu)}",
                ours.cpu / floor.cpu, "≤ 1.3× the floor", ours.cpu <= 1.3 * floor.cpu)  # fmt: skip
    for fmt, limit in (("docx", 1.5), ("pdf", 2.0)):
        mine, base = july.warm[fmt], july.warm[f"floor {fmt}"]
        yield Check(f"July 2021, warm {fmt.upper()} render (CPU)", seconds(mine), f"floor {seconds(base)}",
                    mine / base, f"≤ {limit:g}× the floor", mine <= limit * base)  # fmt: skip
    if results.sizes:
        top = results.sizes[-1]
        ours, floor = top.process["both"], top.process["floor"]
        yield Check(f"{top.label}, both formats, whole process (CPU)", seconds(ours.cpu), f"floor {seconds(floor.cpu)}",
                    ours.cpu / floor.cpu, "< 3× the floor", ours.cpu < 3 * floor.cpu)  # fmt: skip
    if len(results.sizes) >= 3:
        a, b, y, z = *results.sizes[:2], *results.sizes[-2:]
        for key, name in (("docx", "DOCX"), ("pdf", "PDF")):
            late, early = per_card(y, z, key), per_card(a, b, key)
            yield Check(f"cost per extra card, {name} only, {y.cards}–{z.cards} against {a.cards}–{b.cards}",
                        f"{late * 1000:.1f} ms", f"{early * 1000:.1f} ms", late / early, "≤ 1.2×",
                        late <= 1.2 * early)  # fmt: skip
    start, bare = results.start, results.start["python"].cpu
    for key, name, limit in (("help", "`sprintdoc --help`", 0.1), ("validate", "`sprintdoc validate` July 2021", 0.35)):
        cpu = start[key].cpu
        yield Check(f"{name}, whole process (CPU)", seconds(cpu), f"`python -c pass` {seconds(bare)}", cpu / bare,
                    f"< {limit:g} s", cpu < limit)  # fmt: skip
    if results.libreoffice is not None:
        ours, office = results.libreoffice["ours"], results.libreoffice["libreoffice"]
        yield Check("July 2021 PDF: `sprintdoc generate -f pdf` against LibreOffice converting our DOCX (CPU)",
                    seconds(ours.cpu), f"LibreOffice {seconds(office.cpu)}", office.cpu / ours.cpu,
                    "LibreOffice ≥ 5× slower", office.cpu >= 5 * ours.cpu)  # fmt: skip
    if results.batch is not None:
        n, batch = results.batch_size, results.batch
        two = batch["j2"]
        for key, name, limit in (("j1", "`-j 1`", 1.7), ("separate", f"{n} separate commands", 2.5)):
            other = batch[key]
            yield Check(f"{n} editions in one `generate -j 2` against {name} (wall)",
                        f"{seconds(two.wall)} ({seconds(two.cpu)} CPU)",
                        f"{seconds(other.wall)} ({seconds(other.cpu)} CPU)", other.wall / two.wall,
                        f"≥ {limit:g}× faster", other.wall >= limit * two.wall)  # fmt: skip
    if results.sizes:
        top = results.sizes[-1]
        peak = top.process["both"].peak_mb
        floor_peak = top.process["floor"].peak_mb
        yield Check(f"{top.label}, both formats: peak memory", f"{peak:.0f} MB", f"floor {floor_peak:.0f} MB",
                    peak / floor_peak, "< 300 MB", peak < 300)  # fmt: skip


def table(results: Results) -> str:
    """The whole Markdown text the benchmark writes: its targets, then the figures by edition size."""
    everything = (results.fixture, *results.sizes)
    lines = [
        f"Measured by `nox -s bench` on {results.machine}; {results.runs}.",
        "",
        "| what | sprintdoc | yardstick | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
        *(check.row() for check in checks(results)),
        "",
        *_bounds(results),
        "Whole process, CPU seconds (`sprintdoc generate` and `python floor.py BUNDLE OUT both`), and peak memory:",
        "",
        "| edition | both | DOCX only | PDF only | floor, both | ratio | peak, both | peak, floor |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
        *(_whole_row(s) for s in everything),
        "",
        "Warm render in one process, CPU (`sprintdoc.output.render` and the floor's `docx()` and `pdf()`):",
        "",
        "| edition | DOCX | floor | ratio | PDF | floor | ratio |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *(_warm_row(s) for s in everything),
    ]
    if len(results.sizes) >= 2:
        lines += ["", "CPU milliseconds each extra card adds to the whole process:", "",
                  "| cards | both | DOCX only | PDF only | floor, both |", "| --- | --- | --- | --- | --- |",
                  *_card_rows(results.sizes)]  # fmt: skip
    if results.libreoffice is not None:
        first = results.libreoffice["first"]
        lines += ["", f"LibreOffice's first run, making its profile (not compared): {seconds(first.cpu)} CPU."]
    return "\n".join(lines)


def _bounds(results: Results) -> Iterator[str]:
    """What the whole-process targets leave once the libraries are imported (`suite.STACK`), as a paragraph."""
    start = results.start
    stack, floor = start["stack"].cpu, results.fixture.process["floor"].cpu
    july = 1.3 * floor
    text = (
        f'Importing the libraries sprintdoc is built on and doing nothing else (`python -c "import …"`: PyYAML, '
        f"attrs, markdown-it-py, Pillow, reportlab's platypus and docxtpl) takes {seconds(stack)} of CPU, "
        f"{stack / floor:.2f}× the floor's whole process: the July target ({seconds(july)}) "
        f"{_left(july - stack)} for our own modules, reading the bundle and drawing both documents."
    )
    if results.libreoffice is not None:
        pdf, allowed = start["stack pdf"].cpu, results.libreoffice["libreoffice"].cpu / 5
        text += (
            f" The same imports without docxtpl, all a PDF needs, take {seconds(pdf)}; LibreOffice ≥ 5× slower "
            f"asks for a whole PDF process of {seconds(allowed)}, which {_left(allowed - pdf)}; the floor's own "
            f"PDF-only process takes {seconds(results.libreoffice['floor'].cpu)}."
        )
    yield from (text, "")


def _left(seconds_left: float) -> str:
    return f"leaves {seconds(seconds_left)}" if seconds_left > 0 else f"is {seconds(-seconds_left)} under the imports"


def _whole_row(s: Scaled) -> str:
    p = s.process
    cells = [s.label, *(f"{p[k].cpu:.2f}" for k in ("both", "docx", "pdf", "floor"))]
    cells += [f"{p['both'].cpu / p['floor'].cpu:.2f}×", f"{p['both'].peak_mb:.0f} MB", f"{p['floor'].peak_mb:.0f} MB"]
    return "| " + " | ".join(cells) + " |"


def _warm_row(s: Scaled) -> str:
    w = s.warm
    cells = [s.label]
    for fmt in ("docx", "pdf"):
        cells += [seconds(w[fmt]), seconds(w[f"floor {fmt}"]), f"{w[fmt] / w[f'floor {fmt}']:.2f}×"]
    return "| " + " | ".join(cells) + " |"


def _card_rows(sizes: Sequence[Scaled]) -> Iterator[str]:
    for low, high in itertools.pairwise(sizes):
        costs = (per_card(low, high, key) * 1000 for key in ("both", "docx", "pdf", "floor"))
        cells = [f"{low.cards}–{high.cards}", *(f"{cost:.1f}" for cost in costs)]
        yield "| " + " | ".join(cells) + " |"


def write_between_markers(page: Path, text: str) -> None:
    """Put `text` in `page` between the bench markers, in place of what was there; the markers must be present."""
    content = page.read_text(encoding="utf-8")
    start, end = content.find(BEGIN), content.find(END)
    if start < 0 or end < start:
        raise BenchError(f"{page} has no {BEGIN} … {END} pair to write the table between")
    page.write_text(f"{content[: start + len(BEGIN)]}\n{text}\n{content[end:]}", encoding="utf-8")

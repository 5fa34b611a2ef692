"""How the benchmark times things: child processes by their CPU time and peak memory, in-process steps by CPU time.

The machines are shared, so wall time swings with the neighbours' work; CPU time (user +
system, from `os.wait4`, which counts a child's own reaped children too) is what one run
of a program costs. Wall time is kept beside it for what only wall time shows (a batch
spread over cores). Runs that are compared are interleaved, so a busy minute hurts both.
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


class BenchError(RuntimeError):
    """The benchmark cannot measure what it was asked to (a missing tool, a command that failed)."""


@dataclass(frozen=True)
class Usage:
    """What one process cost: CPU seconds (user + system), wall seconds, and its peak resident memory in MB."""

    cpu: float
    wall: float
    peak_mb: float


def run(command: Sequence[str]) -> Usage:
    """Run `command` to its end and return what it cost; a non-zero exit raises `BenchError` with its stderr.

    The command is started by a small Python process (this file run as a script) that reports
    on it: a child forked straight from this process would count this process's own memory,
    copied at the fork, as part of the child's peak.
    """
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryFile() as err:
        report = Path(tmp) / "usage"
        starter = [sys.executable, "-I", "-S", __file__, str(report), *command]
        code = subprocess.run(starter, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err).returncode
        if code or not report.exists():
            err.seek(0)
            message = err.read().decode(errors="replace").strip()
            raise BenchError(f"`{shlex.join(command)}` exited with {code}:\n{message}")
        cpu, wall, peak = (float(field) for field in report.read_text().split())
    return Usage(cpu, wall, peak)


def _report(path: str, command: Sequence[str]) -> int:
    """Run `command`, write its CPU seconds, wall seconds and peak MB into `path`, and return its exit status."""
    start = time.perf_counter()
    child = subprocess.Popen(command)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode == 0:
        # ru_maxrss is in kilobytes on Linux.
        Path(path).write_text(f"{usage.ru_utime + usage.ru_stime} {wall} {usage.ru_maxrss / 1024}")
    return child.returncode


def median(runs: Sequence[Usage]) -> Usage:
    """The median CPU and wall time of `runs`, and the highest peak memory any of them reached."""
    return Usage(
        statistics.median(u.cpu for u in runs),
        statistics.median(u.wall for u in runs),
        max(u.peak_mb for u in runs),
    )


def processes(commands: Mapping[str, Sequence[str]], repeat: int) -> dict[str, Usage]:
    """Each command run `repeat` times, the commands taking turns; name -> median usage."""
    runs: dict[str, list[Usage]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, command in commands.items():
            runs[name].append(run(command))
    return {name: median(each) for name, each in runs.items()}


def in_process(steps: Mapping[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Each step run `repeat` times in this process, the steps taking turns; name -> median CPU seconds."""
    times: dict[str, list[float]] = {name: [] for name in steps}
    for _ in range(repeat):
        for name, step in steps.items():
            start = time.process_time()
            step()
            times[name].append(time.process_time() - start)
    return {name: statistics.median(each) for name, each in times.items()}


if __name__ == "__main__":
    sys.exit(_report(sys.argv[1], sys.argv[2:]))

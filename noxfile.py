"""Every check in one place: `nox` runs tests, acceptance, lint and types (`nox -s tests` for one)."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["tests", "acceptance", "lint", "types"]
nox.options.reuse_existing_virtualenvs = True
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
SHARED = ROOT.parent / "shared"


@nox.session
def tests(session: nox.Session) -> None:
    """The test suite, slow tests (real clients) included."""
    session.install("-e", ".[test]")
    session.run("pytest", *session.posargs)


@nox.session
def acceptance(session: nox.Session) -> None:
    """The shared acceptance checks (LibreOffice, qpdf, pdftotext) on every fixture bundle."""
    session.install("-e", ".[test]")
    run = SHARED / "acceptance" / "run"
    if not run.exists():
        session.error(f"{run} is missing: the acceptance checks live in shared/ beside the repository")
    for bundle in sorted(p.parent for p in (ROOT / "fixtures").glob("*/sprint.yaml")):
        session.run("bash", str(run), str(bundle), external=True)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff: lint and format."""
    session.install("ruff")
    session.run("ruff", "check", "src", "tests", "noxfile.py", "tools", "benchmarks", "examples")
    session.run("ruff", "format", "--check", "src", "tests", "noxfile.py", "tools", "benchmarks", "examples")


@nox.session
def types(session: nox.Session) -> None:
    """mypy, strict."""
    session.install("-e", ".[lint]")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """The benchmark: the issue's targets against the floor and LibreOffice, written into docs/performance.md.

    Not part of the default run; `nox -s bench -- --quick` for a shorter one (see benchmarks/suite.py).
    """
    session.install("-e", ".[test]")
    session.run("python", "benchmarks/suite.py", *session.posargs)


@nox.session
def fuzz(session: nox.Session) -> None:
    """10,000 generated bundles through generate (the default test run tries 500). Not part of the default run."""
    session.install("-e", ".[test]")
    session.run("pytest", "-p", "no:cacheprovider", "tests/test_fuzz.py", env={"FUZZ_EXAMPLES": "10000"})

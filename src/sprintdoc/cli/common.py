"""What every command shares: exit statuses, printing problems and warnings, loading a bundle."""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NoReturn, TextIO

from sprintdoc.errors import Problem

if TYPE_CHECKING:
    from sprintdoc.model import Bundle

EXIT_OK, EXIT_BUNDLE, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 128 + 2  # as a shell reports a command stopped by SIGINT

#: What a shell completes an argument with (shtab reads `action.complete`; these are its FILE and DIRECTORY,
#: written out so that building the parser does not import shtab).
FILE = {"bash": "_shtab_compgen_files", "zsh": "_files", "tcsh": "f"}
DIRECTORY = {"bash": "_shtab_compgen_dirs", "zsh": "_files -/", "tcsh": "d"}


def completes(action: argparse.Action, what: dict[str, str]) -> None:
    """Have a shell complete `action`'s value with `what` (FILE or DIRECTORY)."""
    setattr(action, "complete", what)  # noqa: B010 (argparse's Action has no such attribute to type)


def bundle_argument(parser: argparse.ArgumentParser) -> None:
    """A command's one bundle: a folder or its sprint.yaml, by default the current folder; completed as a path."""
    help_ = "a bundle folder, or its sprint.yaml (default: the current folder)"
    completes(parser.add_argument("bundle", nargs="?", default=".", help=help_), FILE)


#: How much the command says beyond its result: 0 with -q (errors only), 1 by default, 2 with -v.
VERBOSITY = {"level": 1}


class Parser(argparse.ArgumentParser):
    """argparse, exiting 2 on a usage error with the usage line first."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def usage_error(message: str) -> int:
    """Say what is wrong with the command line; returns the usage exit status."""
    print(f"sprintdoc: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def warn(message: str) -> None:
    """A `sprintdoc: warning: …` line, unless -q."""
    if VERBOSITY["level"] >= 1:
        print(f"sprintdoc: warning: {message}", file=sys.stderr)


def info(message: str) -> None:
    """A `sprintdoc: …` line of what is being done, only with -v."""
    if VERBOSITY["level"] >= 2:
        print(f"sprintdoc: {message}", file=sys.stderr)


def quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def print_problems(problems: Sequence[Problem], stream: TextIO | None = None) -> None:
    """Each problem on its own line, located where it has a line (`sprint.yaml:12:5: field: message`)."""
    for problem in problems:
        print(problem if problem.line else f"{problem.file}: {problem.message}", file=stream or sys.stderr)


def plugin_warnings() -> None:
    """Warn of plugins that failed to load (once a command has looked for them)."""
    from sprintdoc.registry import default_registry

    for message in default_registry().problems:
        warn(message)


def load(bundle: str, theme: str | None = None) -> Bundle:
    """Load a bundle for a command, its warnings printed (unless -q); raises BundleError."""
    from sprintdoc.loading import load as load_bundle
    from sprintdoc.loading import with_theme

    plugin_warnings()
    info(f"reading {bundle}")
    loaded = load_bundle(bundle)
    if theme is not None:
        loaded = with_theme(loaded, theme)
    if VERBOSITY["level"] >= 1:
        print_problems(loaded.warnings)
    return loaded


@contextlib.contextmanager
def warnings_printed() -> Iterator[None]:
    """Print what the writers warn of (a template lacking a style) as `sprintdoc: warning: …`, each once."""
    from sprintdoc.errors import SprintdocWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SprintdocWarning)
        try:
            yield
        finally:
            for message in dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, SprintdocWarning)):
                warn(message)
    for w in caught:  # another library's warning is shown as Python would show it
        if not issubclass(w.category, SprintdocWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)

"""The `sprintdoc` command; this package is the only code that prints. Exit 0 done, 1 bundle or file wrong,
2 usage, 130 Ctrl-C.

Each module adds its commands (`register`) and runs them; `common` holds what they share.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sprintdoc import __version__
from sprintdoc.cli import check, diff, generate, info, month
from sprintdoc.cli.common import (
    EXIT_BUNDLE,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    VERBOSITY,
    Parser,
    print_problems,
    quiet_stdout,
)
from sprintdoc.errors import BundleError, SprintdocError

__all__ = ["EXIT_BUNDLE", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

#: The modules that add commands, in the order `--help` lists them.
COMMAND_MODULES = (generate, month, check, diff, info)


def _verbosity(default: object) -> argparse.ArgumentParser:
    """-q and -v, accepted before the command and after it."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("-q", "--quiet", action="store_true", default=default, help="print only errors and results")
    parent.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="also say what is being done, on stderr"
    )
    return parent


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = Parser(
        prog="sprintdoc",
        description="Turn a sprint bundle into a Word newsletter, a PDF and a web page.",
        parents=[_verbosity(False)],
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=Parser)
    # Given after the command, -q/-v must not reset what was given before it: SUPPRESS leaves it unset.
    parents = [_verbosity(argparse.SUPPRESS)]
    for module in COMMAND_MODULES:
        module.register(commands, parents)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit:  # --help, --version, a usage error: printed, and exiting
            sys.stdout.flush()
            raise
        VERBOSITY["level"] = 0 if args.quiet else 2 if args.verbose else 1
        status = int(args.run(args))
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is handled below
        return status
    except KeyboardInterrupt:
        print("sprintdoc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `sprintdoc schema | head -1`: the reader has all it wanted
        quiet_stdout()
        return EXIT_OK
    except BundleError as err:
        print_problems(err.problems)
        return EXIT_BUNDLE
    except SprintdocError as err:
        print(f"sprintdoc: {err}", file=sys.stderr)
        return EXIT_BUNDLE
    except OSError as err:  # a folder that cannot be made, a disk that is full: said plainly, nothing half-written
        where = f" {err.filename}" if err.filename else ""
        print(f"sprintdoc: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_BUNDLE

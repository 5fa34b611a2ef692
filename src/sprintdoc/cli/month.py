"""The commands of a month's work on one bundle: `validate` and `new`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sprintdoc.cli.common import DIRECTORY, EXIT_OK, bundle_argument, completes, load


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `validate` and `new` to the command line."""
    p = commands.add_parser("validate", parents=parents, help="check a bundle and print every problem; write nothing")
    bundle_argument(p)
    p.set_defaults(run=validate)

    p = commands.add_parser("new", parents=parents, help="start next month's bundle from this one")
    bundle_argument(p)
    p.add_argument("--period", required=True, help='the new edition\'s period, e.g. "August 2021"')
    outdir = p.add_argument("-o", "--outdir", help="the new bundle's folder (default: beside this one, by period)")
    completes(outdir, DIRECTORY)
    p.set_defaults(run=new)


def validate(args: argparse.Namespace) -> int:
    """Load the bundle: its problems raise, its warnings are printed."""
    load(args.bundle)
    return EXIT_OK


def new(args: argparse.Namespace) -> int:
    """Write next month's bundle; print its sprint.yaml's path."""
    from sprintdoc.new_edition import default_folder, write_new_bundle

    bundle = load(args.bundle)
    folder = Path(args.outdir) if args.outdir else default_folder(bundle, args.period)
    print(write_new_bundle(bundle, args.period, folder))
    return EXIT_OK

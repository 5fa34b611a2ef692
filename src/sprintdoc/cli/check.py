"""`sprintdoc check`: the pre-publish checklist of one bundle."""

from __future__ import annotations

import argparse
from typing import Any

from sprintdoc.cli.common import (
    EXIT_BUNDLE,
    EXIT_OK,
    FILE,
    VERBOSITY,
    bundle_argument,
    completes,
    info,
    plugin_warnings,
)


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `check` to the command line."""
    p = commands.add_parser(
        "check",
        parents=parents,
        help="before publishing: empty sections, cards with no update, last month's text, small pictures…",
        description="Print what to look at before publishing (docs/check.md), one finding a line, then a summary.",
    )
    bundle_argument(p)
    previous = p.add_argument(
        "--previous",
        metavar="OLD",
        help="last month's bundle: report text that is the same as in it (default: the bundle's `previous:`)",
    )
    completes(previous, FILE)
    p.add_argument("--strict", action="store_true", help="exit 1 if there is any finding (for scripts and CI)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print each finding, then how many each check made; exit 1 on a finding only with --strict."""
    from sprintdoc.checks import check, summary
    from sprintdoc.loading import load

    plugin_warnings()
    info(f"reading {args.bundle}")
    bundle = load(args.bundle)  # its warnings are findings (`link-text`, `contrast`, `validate`): not printed here
    previous = None
    if args.previous is not None:
        info(f"reading {args.previous}")
        previous = load(args.previous)
    findings = check(bundle, previous)
    for finding in findings:
        print(finding)
    if VERBOSITY["level"] >= 1:
        print(summary(findings))
    return EXIT_BUNDLE if args.strict and findings else EXIT_OK

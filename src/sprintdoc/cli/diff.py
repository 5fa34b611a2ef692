"""`sprintdoc diff [OLD] [NEW]`: what changed between two editions, for a person or (`--json`) for a script."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sprintdoc.cli.common import (
    EXIT_OK,
    FILE,
    VERBOSITY,
    completes,
    info,
    plugin_warnings,
    print_problems,
    usage_error,
)


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `diff` to the command line."""
    p = commands.add_parser(
        "diff", parents=parents, help="say what changed between two editions: stories, projects, stages, people"
    )
    old = p.add_argument(
        "old",
        nargs="?",
        help="the earlier edition: a bundle folder, or its sprint.yaml (default: the one NEW names in `previous:`)",
    )
    new = p.add_argument("new", nargs="?", default=".", help="the later edition (default: the current folder)")
    completes(old, FILE)
    completes(new, FILE)
    p.add_argument("--json", action="store_true", help="print JSON (its shape: docs/diff.md)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print what changed from OLD (by default NEW's `previous:`) to NEW; a broken bundle's problems (both
    bundles') raise."""
    from sprintdoc.diffing import diff, load_editions
    from sprintdoc.loading import load

    plugin_warnings()
    if args.old is None:
        info(f"reading {args.new} and the edition it names in `previous:`")
        new = load(args.new)
        if new.previous_bundle is None:
            return usage_error(
                f"no earlier edition to compare with: the bundle in '{args.new}' names none "
                "(`previous: ../july-2021`); give it: sprintdoc diff OLD [NEW]"
            )
        old = new.previous_bundle
    else:
        info(f"reading {args.old} and {args.new}")
        old, new = load_editions(args.old, args.new)
    if VERBOSITY["level"] >= 1:
        print_problems([*old.warnings, *new.warnings])
    found = diff(old, new)
    print(json.dumps(found.to_json(), ensure_ascii=False, indent=2) if args.json else found.to_text())
    return EXIT_OK

"""`sprintdoc diff OLD NEW`: what changed between two editions, for a person or (`--json`) for a script."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sprintdoc.cli.common import EXIT_OK, VERBOSITY, info, plugin_warnings, print_problems


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `diff` to the command line."""
    p = commands.add_parser(
        "diff", parents=parents, help="say what changed between two editions: stories, projects, stages, people"
    )
    p.add_argument("old", help="the earlier edition: a bundle folder, or its sprint.yaml")
    p.add_argument("new", nargs="?", default=".", help="the later edition (default: the current folder)")
    p.add_argument("--json", action="store_true", help="print JSON (its shape: docs/diff.md)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print what changed from OLD to NEW; a broken bundle's problems (both bundles') raise."""
    from sprintdoc.diffing import diff, load_editions

    plugin_warnings()
    info(f"reading {args.old} and {args.new}")
    old, new = load_editions(args.old, args.new)
    if VERBOSITY["level"] >= 1:
        print_problems([*old.warnings, *new.warnings])
    found = diff(old, new)
    print(json.dumps(found.to_json(), ensure_ascii=False, indent=2) if args.json else found.to_text())
    return EXIT_OK

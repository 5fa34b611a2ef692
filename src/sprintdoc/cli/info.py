"""The commands that describe rather than make: `outline`, `sections`, `schema`, `reference`."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sprintdoc.cli.common import EXIT_BUNDLE, EXIT_OK, FILE, completes, plugin_warnings
from sprintdoc.errors import OutlineError, SprintdocError

#: What `sprintdoc reference TOPIC` prints: a Markdown file of docs/, which the wheel ships in `sprintdoc/docs`.
REFERENCES = {"format": "bundle-format.md", "plugins": "section-kinds.md"}
#: The shells `sprintdoc completion` writes for (those shtab supports).
SHELLS = ("bash", "zsh", "tcsh")


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `outline`, `sections`, `schema` and `reference` to the command line."""
    p = commands.add_parser(
        "outline", parents=parents, help="print the structure of a .docx, .pdf, .html or .eml that sprintdoc made"
    )
    completes(p.add_argument("file"), FILE)
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=outline)

    commands.add_parser("sections", parents=parents, help="list the section kinds available").set_defaults(run=sections)
    commands.add_parser("schema", parents=parents, help="print the JSON Schema of sprint.yaml").set_defaults(
        run=print_schema
    )

    p = commands.add_parser(
        "reference", parents=parents, help="print the reference (Markdown): sprint.yaml's format, or plugins"
    )
    p.add_argument(
        "topic", nargs="?", choices=list(REFERENCES), default="format",
        help="format: every field of sprint.yaml and of a theme (the default); plugins: writing a section kind",
    )  # fmt: skip
    p.set_defaults(run=reference)

    p = commands.add_parser(
        "completion", parents=parents, help="print a shell's tab-completion script (see README: Shell completion)"
    )
    p.add_argument("shell", choices=SHELLS, help="the shell: bash, zsh or tcsh")
    p.set_defaults(run=completion)


def outline(args: argparse.Namespace) -> int:
    """Print the structure read back from a finished document."""
    from sprintdoc.outline import read

    try:
        tree = read(args.file)
    except OutlineError as err:
        print(f"sprintdoc: {args.file}: {err}", file=sys.stderr)
        return EXIT_BUNDLE
    if args.json:
        print(json.dumps(tree.to_json(), ensure_ascii=False, indent=2))
    else:
        print(tree.to_text())
    return EXIT_OK


def sections(args: argparse.Namespace) -> int:
    """List every section kind, built-in and from plugins, with where it comes from."""
    from sprintdoc.registry import default_registry

    registry = default_registry()
    for name in sorted({*registry.kinds, *registry.clashes}):
        if name in registry.clashes:
            print(f"{name:<12} CLASH: not usable, {registry.clash_message(name)}")
            continue
        registered = registry.kinds[name]
        summary = f"  {registered.kind.summary}" if registered.kind.summary else ""
        print(f"{name:<12} {registered.origin}{summary}")
    plugin_warnings()
    return EXIT_OK


def print_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of sprint.yaml, with the installed kinds."""
    from sprintdoc.schema import schema

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def reference(args: argparse.Namespace) -> int:
    """Print a reference page shipped with the package."""
    name = REFERENCES[args.topic]
    package = Path(__file__).resolve().parents[1]
    for folder in (package / "docs", package.parents[1] / "docs"):  # the wheel's copy, else a checkout's docs/
        if (folder / name).is_file():
            sys.stdout.write((folder / name).read_text(encoding="utf-8"))
            return EXIT_OK
    raise SprintdocError(f"the reference {name} is not installed with this sprintdoc (looked in {package / 'docs'})")


def completion(args: argparse.Namespace) -> int:
    """Print the completion script of the whole command line, made from the parser itself by shtab."""
    import shtab

    from sprintdoc.cli import build_parser

    sys.stdout.write(shtab.complete(build_parser(), shell=args.shell))
    return EXIT_OK

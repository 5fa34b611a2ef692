"""`sprintdoc generate`: one bundle's documents, or a batch of bundles in parallel."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from sprintdoc.cli.common import (
    DIRECTORY,
    EXIT_BUNDLE,
    EXIT_OK,
    FILE,
    VERBOSITY,
    completes,
    info,
    load,
    print_problems,
    usage_error,
    warn,
    warnings_printed,
)


def register(commands: Any, parents: list[argparse.ArgumentParser]) -> None:
    """Add `generate` to the command line."""
    p = commands.add_parser(
        "generate", parents=parents, help="write the .docx, .pdf and .html of a bundle (and the .eml, if asked)"
    )
    bundles = p.add_argument(
        "bundle",
        nargs="*",
        default=["."],
        help="bundle folders or sprint.yaml files; several make a batch (default: .)",
    )
    completes(bundles, FILE)
    outdir = p.add_argument("-o", "--outdir", help="where to write (default: out/ in each bundle's folder)")
    completes(outdir, DIRECTORY)
    p.add_argument("-j", "--jobs", type=int, help="bundles written at once, for a batch (default: one a core)")
    p.add_argument(
        "-f",
        "--formats",
        default="docx,pdf,html",
        help="comma-separated formats: docx,pdf,html,email (default docx,pdf,html; email writes a ready-to-send .eml)",
    )
    p.add_argument("--from", dest="sender", help="the e-mail's sender, e.g. 'Comms <comms@example.org>' (default none)")
    p.add_argument("--to", action="append", default=[], help="an e-mail recipient (repeat for more; default none)")
    p.add_argument(
        "--image-base", help="the e-mail's pictures are at this https:// URL (written to <slug>-images/), not attached"
    )  # fmt: skip
    p.add_argument("--theme", help="a built-in theme name or a theme file, instead of the bundle's")
    p.add_argument("--template", help="a master .docx template to use instead of the bundle's (or the built-in one)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the documents; print each file written."""
    from sprintdoc.loading import bundle_file
    from sprintdoc.output import FORMATS, generate

    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        return usage_error(f"unknown format {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}")
    template = Path(args.template) if args.template else None
    if template is not None and not template.is_file():
        return usage_error(f"no template file {args.template!r}")
    email_asked = args.sender is not None or args.to or args.image_base is not None
    if email_asked and "email" not in formats:
        return usage_error("--from, --to and --image-base are for the e-mail: add -f email")
    if len(args.bundle) > 1:
        if email_asked:
            return usage_error("--from, --to and --image-base are for one bundle's e-mail")
        return _generate_many(args, formats, template)
    email = None
    if email_asked:
        from sprintdoc.writers.email import EmailOptionError, EmailOptions

        try:
            email = EmailOptions(args.sender, tuple(args.to), args.image_base)
        except EmailOptionError as err:
            return usage_error(str(err))
    bundle = load(args.bundle[0], args.theme)
    outdir = Path(args.outdir) if args.outdir else bundle_file(args.bundle[0])[0].parent / "out"
    info(f"writing {', '.join(formats)} to {outdir}")
    with warnings_printed():
        written = generate(bundle, outdir, formats, template=template, email=email)
    for path in written.values():
        print(path)
    return EXIT_OK


def _generate_many(args: argparse.Namespace, formats: list[str], template: Path | None) -> int:
    """A batch: every bundle written (in parallel), each one's files or problems printed under its name."""
    from sprintdoc.batch import BatchResult, generate_many

    if args.theme:
        return usage_error("--theme is for one bundle; give each bundle its theme")
    if args.jobs is not None and args.jobs < 1:
        return usage_error("--jobs must be 1 or more")
    total, done = len(args.bundle), 0
    shown = sys.stderr.isatty() and VERBOSITY["level"] >= 1

    def progress(result: BatchResult) -> None:
        nonlocal done
        done += 1
        if shown:
            print(f"\rsprintdoc: {done}/{total} bundles", end="" if done < total else "\n", file=sys.stderr)

    results = generate_many(args.bundle, args.outdir, formats, template=template, jobs=args.jobs, progress=progress)
    written: dict[Path, str] = {}
    failed = 0
    for result in results:
        for message in result.warnings:
            warn(message)
        if not result.ok:
            failed += 1
            print(f"sprintdoc: {result.bundle}: not written", file=sys.stderr)
            print_problems(result.problems)
            if result.error:
                print(f"sprintdoc: {result.bundle}: {result.error}", file=sys.stderr)
            continue
        for path in result.paths.values():
            if path in written:
                failed += 1
                print(f"sprintdoc: {result.bundle}: wrote {path} over {written[path]}'s (the same title and period)",
                      file=sys.stderr)  # fmt: skip
            written[path] = result.bundle
            print(path)
    return EXIT_BUNDLE if failed else EXIT_OK

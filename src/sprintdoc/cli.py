"""The `sprintdoc` command, the only module that prints. Exit 0 done, 1 bundle or file wrong, 2 usage, 130 Ctrl-C."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from sprintdoc import __version__
from sprintdoc.errors import BundleError, OutlineError, Problem, SprintdocError

if TYPE_CHECKING:
    from sprintdoc.model import Bundle

EXIT_OK, EXIT_BUNDLE, EXIT_USAGE = 0, 1, 2
#: What `sprintdoc reference TOPIC` prints: a Markdown file of docs/, which the wheel ships in `sprintdoc/docs`.
REFERENCES = {"format": "bundle-format.md", "plugins": "section-kinds.md"}
EXIT_INTERRUPTED = 128 + 2  # as a shell reports a command stopped by SIGINT


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line's grammar."""
    parser = _Parser(prog="sprintdoc", description="Turn a sprint bundle into a Word newsletter, a PDF and a web page.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = commands.add_parser("generate", help="write the .docx, .pdf and .html of a bundle (and the .eml, if asked)")
    p.add_argument("bundle", nargs="+", help="a bundle folder, or its sprint.yaml; several make a batch")
    p.add_argument("-o", "--outdir", help="where to write (default: out/ in each bundle's folder)")
    p.add_argument("-j", "--jobs", type=int, help="bundles written at once, for a batch (default: one a core)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line for a batch")
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

    p = commands.add_parser("validate", help="check a bundle and print every problem; write nothing")
    p.add_argument("bundle")

    p = commands.add_parser("outline", help="print the structure of a .docx, .pdf, .html or .eml that sprintdoc made")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = commands.add_parser("new", help="start next month's bundle from this one")
    p.add_argument("bundle")
    p.add_argument("--period", required=True, help='the new edition\'s period, e.g. "August 2021"')
    p.add_argument("-o", "--outdir", help="the new bundle's folder (default: beside this one, named by period)")

    commands.add_parser("sections", help="list the section kinds available")
    commands.add_parser("schema", help="print the JSON Schema of sprint.yaml")

    p = commands.add_parser("reference", help="print the reference (Markdown): sprint.yaml's format, or plugins")
    p.add_argument(
        "topic", nargs="?", choices=list(REFERENCES), default="format",
        help="format: every field of sprint.yaml and of a theme (the default); plugins: writing a section kind",
    )  # fmt: skip
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        try:
            args = build_parser().parse_args(argv)
        except SystemExit:  # --help, --version, a usage error: printed, and exiting
            sys.stdout.flush()
            raise
        status = int(_COMMANDS[args.command](args))
        sys.stdout.flush()  # here, not at exit, so that a reader gone away is handled below
        return status
    except KeyboardInterrupt:
        print("sprintdoc: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # `sprintdoc schema | head -1`: the reader has all it wanted
        _quiet_stdout()
        return EXIT_OK
    except BundleError as err:
        _print_problems(err.problems, sys.stderr)
        return EXIT_BUNDLE
    except SprintdocError as err:
        print(f"sprintdoc: {err}", file=sys.stderr)
        return EXIT_BUNDLE
    except OSError as err:  # a folder that cannot be made, a disk that is full: said plainly, nothing half-written
        where = f" {err.filename}" if err.filename else ""
        print(f"sprintdoc: cannot write{where}: {err.strerror or err}", file=sys.stderr)
        return EXIT_BUNDLE


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's own flush at exit has nowhere to fail."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _print_problems(problems: Sequence[Problem], stream: TextIO) -> None:
    for problem in problems:
        print(problem if problem.line else f"{problem.file}: {problem.message}", file=stream)


def _plugin_warnings() -> None:
    from sprintdoc.registry import default_registry

    for message in default_registry().problems:
        print(f"sprintdoc: warning: {message}", file=sys.stderr)


def _load(bundle: str, theme: str | None = None) -> Bundle:
    from sprintdoc.loading import load, with_theme

    _plugin_warnings()
    loaded = load(bundle)
    if theme is not None:
        loaded = with_theme(loaded, theme)
    _print_problems(loaded.warnings, sys.stderr)
    return loaded


def _validate(args: argparse.Namespace) -> int:
    _load(args.bundle)
    return EXIT_OK


def _generate(args: argparse.Namespace) -> int:
    from sprintdoc.loading import bundle_file
    from sprintdoc.output import FORMATS, generate

    formats = [f.strip().lower() for f in args.formats.split(",") if f.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        print(
            f"sprintdoc: error: unknown format {', '.join(unknown) or '(none)'}; use {', '.join(FORMATS)}",
            file=sys.stderr,
        )
        return EXIT_USAGE
    template = Path(args.template) if args.template else None
    if template is not None and not template.is_file():
        print(f"sprintdoc: error: no template file {args.template!r}", file=sys.stderr)
        return EXIT_USAGE
    email_asked = args.sender is not None or args.to or args.image_base is not None
    if email_asked and "email" not in formats:
        print("sprintdoc: error: --from, --to and --image-base are for the e-mail: add -f email", file=sys.stderr)
        return EXIT_USAGE
    if len(args.bundle) > 1:
        if email_asked:
            print("sprintdoc: error: --from, --to and --image-base are for one bundle's e-mail", file=sys.stderr)
            return EXIT_USAGE
        return _generate_many(args, formats, template)
    email = None
    if email_asked:
        from sprintdoc.writers.email import EmailOptionError, EmailOptions

        try:
            email = EmailOptions(args.sender, tuple(args.to), args.image_base)
        except EmailOptionError as err:
            print(f"sprintdoc: error: {err}", file=sys.stderr)
            return EXIT_USAGE
    bundle = _load(args.bundle[0], args.theme)
    outdir = Path(args.outdir) if args.outdir else bundle_file(args.bundle[0])[0].parent / "out"
    with _warnings_printed():
        written = generate(bundle, outdir, formats, template=template, email=email)
    for path in written.values():
        print(path)
    return EXIT_OK


def _generate_many(args: argparse.Namespace, formats: list[str], template: Path | None) -> int:
    """A batch: every bundle written (in parallel), each one's files or problems printed under its name."""
    from sprintdoc.batch import BatchResult, generate_many

    if args.theme:
        print("sprintdoc: error: --theme is for one bundle; give each bundle its theme", file=sys.stderr)
        return EXIT_USAGE
    if args.jobs is not None and args.jobs < 1:
        print("sprintdoc: error: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    total, done = len(args.bundle), 0
    shown = sys.stderr.isatty() and not args.quiet

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
            print(f"sprintdoc: warning: {message}", file=sys.stderr)
        if not result.ok:
            failed += 1
            print(f"sprintdoc: {result.bundle}: not written", file=sys.stderr)
            _print_problems(result.problems, sys.stderr)
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


@contextlib.contextmanager
def _warnings_printed() -> Iterator[None]:
    """Print what the writers warn of (a template lacking a style) as `sprintdoc: warning: …`, each once."""
    from sprintdoc.errors import SprintdocWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", SprintdocWarning)
        try:
            yield
        finally:
            for message in dict.fromkeys(str(w.message) for w in caught if issubclass(w.category, SprintdocWarning)):
                print(f"sprintdoc: warning: {message}", file=sys.stderr)
    for w in caught:  # another library's warning is shown as Python would show it
        if not issubclass(w.category, SprintdocWarning):
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


def _outline(args: argparse.Namespace) -> int:
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


def _new(args: argparse.Namespace) -> int:
    from sprintdoc.new_edition import default_folder, write_new_bundle

    bundle = _load(args.bundle)
    folder = Path(args.outdir) if args.outdir else default_folder(bundle, args.period)
    print(write_new_bundle(bundle, args.period, folder))
    return EXIT_OK


def _sections(args: argparse.Namespace) -> int:
    from sprintdoc.registry import default_registry

    registry = default_registry()
    for name in sorted({*registry.kinds, *registry.clashes}):
        if name in registry.clashes:
            print(f"{name:<12} CLASH: not usable, {registry.clash_message(name)}")
            continue
        registered = registry.kinds[name]
        summary = f"  {registered.kind.summary}" if registered.kind.summary else ""
        print(f"{name:<12} {registered.origin}{summary}")
    _plugin_warnings()
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from sprintdoc.schema import schema

    print(json.dumps(schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _reference(args: argparse.Namespace) -> int:
    name = REFERENCES[args.topic]
    package = Path(__file__).resolve().parent
    for folder in (package / "docs", package.parents[1] / "docs"):  # the wheel's copy, else a checkout's docs/
        if (folder / name).is_file():
            sys.stdout.write((folder / name).read_text(encoding="utf-8"))
            return EXIT_OK
    raise SprintdocError(f"the reference {name} is not installed with this sprintdoc (looked in {package / 'docs'})")


_COMMANDS = {
    "generate": _generate,
    "validate": _validate,
    "outline": _outline,
    "new": _new,
    "sections": _sections,
    "schema": _schema,
    "reference": _reference,
}


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

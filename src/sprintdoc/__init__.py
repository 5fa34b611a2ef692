"""sprintdoc: a monthly sprint bundle (sprint.yaml and photos) in; a Word newsletter, a PDF and a web page out.

A *bundle* is a folder with a `sprint.yaml` (the edition's text: masthead, sections of
news, programme activity, project cards, past work) and the pictures it names. The
format's reference is `sprintdoc reference` (docs/bundle-format.md).

Make an edition::

    import sprintdoc
    bundle = sprintdoc.load("fixtures/july-2021")       # BundleError lists every problem, located
    paths = sprintdoc.generate(bundle, "out")           # {"docx": Path, "pdf": Path, "html": Path}
    sprintdoc.outline(paths["pdf"])                     # the structure read back from the document

The public API, each documented on its own (`help(sprintdoc.generate)`):

- Reading: `load(path)` -> `Bundle`; `validate(bundle)` for a bundle built in code.
- The month: `check(bundle, previous)` -> `Finding`s to look at before publishing;
  `diff(old, new)` -> `EditionDiff`, what moved between two editions.
- Writing: `generate(bundle, outdir, formats)` writes files atomically; `render_docx`,
  `render_pdf` give bytes; `generate_many(bundles, ...)` writes a batch in parallel, on
  any `concurrent.futures.Executor`.
- Reading back: `outline(document)` of a .docx, .pdf, .html or .eml sprintdoc wrote;
  `sprintdoc.testing.assert_outline` compares it with the bundle's.
- The model: `Bundle`, `Edition`, `Section`, `Image`, `Month`, `Markdown`, `Number`,
  `Theme` (`Colours`, `Colour`, `Fonts`): frozen attrs classes.
- Plugins: `SectionKind` and `OutlineItem` make a section kind, found through the
  `sprintdoc.sections` entry point group (`sprintdoc reference plugins`).
- Errors: `SprintdocError` and its `BundleError` (`.problems`: `Problem`s, each
  `file:line:column: field.path: message`), `OutlineError`, `PluginError`;
  `SprintdocWarning`.

The `sprintdoc` command does the same from a shell (`sprintdoc --help`): `generate`,
`validate`, `new` (next month's bundle), `check` (before publishing), `diff` (what moved), `outline`,
`sections`, `schema`, `reference`, `completion`.
"""

from __future__ import annotations

import importlib
import os
import sys
import types
from typing import IO, TYPE_CHECKING, Any

from sprintdoc.errors import BundleError, OutlineError, PluginError, Problem, SprintdocError, SprintdocWarning

if TYPE_CHECKING:
    from sprintdoc.batch import BatchResult, generate_many
    from sprintdoc.checks import Finding
    from sprintdoc.diffing import EditionDiff
    from sprintdoc.loading import load
    from sprintdoc.markdown import Markdown
    from sprintdoc.model import Bundle, Edition, Image, Month, Picture, Section
    from sprintdoc.outline import Outline
    from sprintdoc.output import generate, render_docx, render_pdf
    from sprintdoc.registry import OutlineItem, Registry, SectionKind
    from sprintdoc.theme import Colour, Colours, Fonts, Theme
    from sprintdoc.values import Number

__version__ = "0.1.0"

#: The public names and the modules that hold them: each is imported when first used, so that
#: `sprintdoc --help` or `import sprintdoc.errors` does not load YAML, attrs models and the writers.
_LAZY = {
    **dict.fromkeys(("BatchResult", "generate_many"), "sprintdoc.batch"),
    **dict.fromkeys(("EditionDiff",), "sprintdoc.diffing"),
    **dict.fromkeys(("Finding",), "sprintdoc.checks"),
    **dict.fromkeys(("load",), "sprintdoc.loading"),
    **dict.fromkeys(("Markdown",), "sprintdoc.markdown"),
    **dict.fromkeys(("Bundle", "Edition", "Image", "Month", "Picture", "Section"), "sprintdoc.model"),
    **dict.fromkeys(("Outline",), "sprintdoc.outline"),
    **dict.fromkeys(("generate", "render_docx", "render_pdf"), "sprintdoc.output"),
    **dict.fromkeys(("OutlineItem", "SectionKind"), "sprintdoc.registry"),
    **dict.fromkeys(("Colour", "Colours", "Fonts", "Theme"), "sprintdoc.theme"),
    **dict.fromkeys(("Number",), "sprintdoc.values"),
}

__all__ = [
    "BatchResult",
    "Bundle",
    "BundleError",
    "Colour",
    "Colours",
    "Edition",
    "EditionDiff",
    "Finding",
    "Fonts",
    "Image",
    "Markdown",
    "Month",
    "Number",
    "Outline",
    "OutlineError",
    "OutlineItem",
    "Picture",
    "PluginError",
    "Problem",
    "Section",
    "SectionKind",
    "SprintdocError",
    "SprintdocWarning",
    "Theme",
    "check",
    "diff",
    "generate",
    "generate_many",
    "load",
    "outline",
    "render_docx",
    "render_pdf",
    "validate",
]


def outline(document: str | os.PathLike[str] | bytes | IO[bytes]) -> Outline:
    """The structure tree of a .docx or .pdf that sprintdoc wrote; raises OutlineError for any other file.

    `document` is a path, or the document's bytes (as `render` returns them) or a binary file object.
    """
    from sprintdoc.outline import read

    return read(document)


def validate(bundle: Bundle, *, registry: Registry | None = None) -> list[Problem]:
    """Every problem in a bundle built in code, as loading would find them (field paths, no lines); [] if none.

    Warnings come after errors, flagged `warning`. `generate` makes these checks itself.
    """
    from sprintdoc.checking import validate as check_bundle

    return check_bundle(bundle, registry=registry)


def __dir__() -> list[str]:
    """The public names too, so that `help(sprintdoc)` and completion show them before first use."""
    return sorted({*globals(), *__all__})


def diff(
    old: Bundle | str | os.PathLike[str], new: Bundle | str | os.PathLike[str], *, registry: Registry | None = None
) -> EditionDiff:
    """What changed from edition `old` to edition `new`, as an EditionDiff (docs/diff.md).

    Sections, stories and cards added and removed, stage moves with their months, sponsors,
    leads and other plain fields changed, projects new and closed.

    Each edition is a bundle or a folder to load; BundleError holds both folders' problems.
    `.to_text()` says it for a person, `.to_json()` for a script.
    """
    from sprintdoc.diffing import diff as diff_editions

    return diff_editions(old, new, registry=registry)


def check(bundle: Bundle, previous: Bundle | None = None) -> list[Finding]:
    """What to look at before publishing a bundle, as `sprintdoc check` prints it; [] if nothing.

    Each `Finding` names its check (`.check`, such as `carried-text`) and holds a located `.problem`; `str(finding)`
    is the line the command prints. `previous`, last month's bundle (by default the one the bundle names,
    `previous: ../july-2021`), adds text that is the same as in it (`unchanged-text`). The checks a bundle
    skips (`checks: {skip: [...]}`) are not run; docs/check.md lists them.
    Raises BundleError if a bundle built in code has errors.
    """
    from sprintdoc.checks import check as run_checks

    return run_checks(bundle, previous)


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'sprintdoc' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


class _Package(types.ModuleType):
    """The package, keeping `sprintdoc.outline` the function when the submodule of that name is imported."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "outline" and isinstance(value, types.ModuleType):
            return  # the import system names a package's submodules on it; the function stays
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

"""sprintdoc: a monthly sprint bundle (YAML and photos) in, a Word newsletter and a matching PDF out.

bundle = sprintdoc.load("fixtures/july-2021")
findings = sprintdoc.check(bundle)       # before publishing: what to look at (docs/check.md)
paths = sprintdoc.generate(bundle, "out")
tree = sprintdoc.outline(paths["pdf"])
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


def check(bundle: Bundle, previous: Bundle | None = None) -> list[Finding]:
    """What to look at before publishing a bundle, as `sprintdoc check` prints it; [] if nothing.

    Each `Finding` names its check (`.check`, such as `carried-text`) and holds a located `.problem`; `str(finding)`
    is the line the command prints. `previous`, last month's bundle, adds text that is the same as in it
    (`unchanged-text`). The checks a bundle skips (`checks: {skip: [...]}`) are not run; docs/check.md lists them.
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

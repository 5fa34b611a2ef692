"""sprintdoc: a monthly sprint bundle (YAML and photos) in, a Word newsletter and a matching PDF out.

bundle = sprintdoc.load("fixtures/july-2021")
paths = sprintdoc.generate(bundle, "out")
tree = sprintdoc.outline(paths["pdf"])
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

# The submodule `sprintdoc.outline` is imported before the function of the same name is defined
# below, so that the function, not the module, is what `sprintdoc.outline` names from then on.
import sprintdoc.outline as _outline_module
from sprintdoc.errors import BundleError, OutlineError, PluginError, Problem, SprintdocError, SprintdocWarning
from sprintdoc.loading import load
from sprintdoc.markdown import Markdown
from sprintdoc.model import Bundle, Edition, Image, Month, Picture, Section
from sprintdoc.output import generate, render_docx, render_pdf
from sprintdoc.registry import OutlineItem, SectionKind
from sprintdoc.theme import Colour, Colours, Fonts, Theme

if TYPE_CHECKING:
    from sprintdoc.outline import Outline

__version__ = "0.1.0"

__all__ = [
    "Bundle",
    "BundleError",
    "Colour",
    "Colours",
    "Edition",
    "Fonts",
    "Image",
    "Markdown",
    "Month",
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
    "generate",
    "load",
    "outline",
    "render_docx",
    "render_pdf",
]


def outline(path: str | os.PathLike[str]) -> Outline:
    """The structure tree of a .docx or .pdf that sprintdoc wrote; raises OutlineError for any other file."""
    return _outline_module.read(path)


def __getattr__(name: str) -> Any:
    if name == "Outline":
        from sprintdoc.outline import Outline

        return Outline
    raise AttributeError(name)

"""The exceptions sprintdoc raises, and the located problem they carry."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong (or worth a warning) in a bundle, located in the file the user named.

    `line` and `column` are 0 for a problem with no place in a file: the file as a whole,
    or a bundle built in code (`sprintdoc.validate`), whose `file` is '' and whose `path`
    still names the field.

    (A named tuple, not an attrs class: this module is imported by every command, `--help` too.)
    """

    file: str
    line: int
    column: int
    path: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        # line 0: a problem with no place in the file (a bundle built in code has no file at all)
        where = f"{self.file}:{self.line}:{self.column}:" if self.line else f"{self.file}:" if self.file else ""
        if self.warning:
            where += " warning:"
        return " ".join(part for part in (where, f"{self.path}:" if self.path else "", self.message) if part)


def clip(text: str, limit: int = 60) -> str:
    """`text` as a message quotes it: at most `limit` characters, an ellipsis marking a cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class SprintdocError(Exception):
    """The base of every error sprintdoc raises on purpose."""


class SprintdocWarning(UserWarning):
    """The base of every warning sprintdoc gives while writing; the command line prints each one, never twice."""


class BundleError(SprintdocError, ValueError):
    """A bundle that cannot be used; `.problems` holds every problem found, located."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class OutlineError(SprintdocError, ValueError):
    """A file that `outline` cannot read: not a document sprintdoc wrote, or damaged."""


class PluginError(SprintdocError, RuntimeError):
    """A section-kind plugin that could not be loaded or that clashes with another kind."""


class TemplateProblem(SprintdocError, ValueError):
    """A Word template that cannot be used: `template.docx: <part and tag>: <what is wrong>`."""


class TemplateWarning(SprintdocWarning):
    """A Word template sprintdoc can use, but not wholly as it is: `template.docx: <what it lacks>`."""

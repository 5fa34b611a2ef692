"""Section kinds: the record that makes one, and the registry that finds them through entry points.

Built-in kinds and third-party kinds are found the same way, through the entry
point group `sprintdoc.sections`. A name two plugins claim is a clash: neither is
used, and a bundle using that name fails naming both origins; a plugin claiming a
built-in's name is refused. A kind whose model has a field sprintdoc cannot read and
write (`float`, `dict`…) is refused when it loads, naming the field and the type to use.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

import attrs

from sprintdoc.model import Bundle, Section
from sprintdoc.monthly import empty_monthly
from sprintdoc.values import unsupported_fields

if TYPE_CHECKING:
    from importlib import metadata

    from sprintdoc.drawing import Drawing
    from sprintdoc.writers.docx import DocxContext
    from sprintdoc.writers.html import HtmlContext
    from sprintdoc.writers.pdf import PdfContext

GROUP = "sprintdoc.sections"
#: The formats a kind may override `draw` for.
FORMATS = ("docx", "pdf", "html")
#: The formats a kind must be able to draw. A kind written before the HTML edition, with only `docx=` and `pdf=`,
#: still loads; only writing its HTML fails, naming it.
REQUIRED_FORMATS = ("docx", "pdf")
S = TypeVar("S", bound=Section)


@attrs.frozen
class OutlineItem:
    """One item of a section as the outline shows it: a story, a project, a past-work entry."""

    title: str
    headings: tuple[str, ...] = ()
    current_stage: str | None = None

    def to_json(self) -> dict[str, str | list[str]]:
        """The item in interface.md's JSON shape (empty fields left out)."""
        out: dict[str, str | list[str]] = {"title": self.title}
        if self.headings:
            out["headings"] = list(self.headings)
        if self.current_stage:
            out["current_stage"] = self.current_stage
        return out


def no_items(section: Section) -> Sequence[OutlineItem]:
    """The outline items of a kind that has none."""
    return ()


def unprepared(section: S, bundle: Bundle) -> S:
    """`SectionKind.prepare`'s default: the section as it was read, for a kind that draws only from its own fields."""
    return section


def carry_over_monthly(section: S) -> S:
    """Next month's section: its fields marked `monthly: "empty"` emptied, the rest as it is (`sprintdoc.monthly`)."""
    carried: S = empty_monthly(section)
    return carried


@attrs.frozen
class SectionKind(Generic[S]):
    """A kind of section: its name (the YAML `kind:`), its model, how it is drawn, its items.

    `draw` draws one section through `Drawing`, the calls every format answers: a kind
    that uses only those works in every format sprintdoc writes, today's and later
    ones. `docx`, `pdf` and `html` are optional overrides for what only one format can do
    (raw python-docx, reportlab or lxml); a kind may give all three instead of `draw`. `items`
    says what the outline of a section is (the same items `sprintdoc outline` reads
    back from a document); `carry_over` makes next month's section from this one
    (`sprintdoc new`): what stays, and what is emptied for writing. `prepare` gives the
    section filled from the whole edition, once it is loaded (its non-YAML fields, such as
    what moved since `bundle.previous_bundle`); a `ValueError` it raises is the section's
    error, reported at its `kind:` line. Everything after `model` is given by keyword.
    """

    name: str
    model: type[S]
    draw: Callable[[S, Drawing], None] | None = attrs.field(default=None, kw_only=True)
    items: Callable[[S], Sequence[OutlineItem]] = attrs.field(default=no_items, kw_only=True)
    summary: str = attrs.field(default="", kw_only=True)
    carry_over: Callable[[S], S] = attrs.field(default=carry_over_monthly, kw_only=True)
    prepare: Callable[[S, Bundle], S] = attrs.field(default=unprepared, kw_only=True)
    docx: Callable[[S, DocxContext], None] | None = attrs.field(default=None, kw_only=True)
    pdf: Callable[[S, PdfContext], None] | None = attrs.field(default=None, kw_only=True)
    html: Callable[[S, HtmlContext], None] | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        lacking = [fmt for fmt in REQUIRED_FORMATS if self.draw is None and getattr(self, fmt) is None]
        if lacking:
            raise ValueError(
                f"section kind {self.name!r} cannot be drawn in {' or '.join(lacking)}: "
                "give it a `draw` (one drawing through sprintdoc.Drawing for every format)"
            )

    @overload
    def drawer(self, fmt: Literal["docx"]) -> Callable[[S, DocxContext], None]: ...
    @overload
    def drawer(self, fmt: Literal["pdf"]) -> Callable[[S, PdfContext], None]: ...
    @overload
    def drawer(self, fmt: Literal["html"]) -> Callable[[S, HtmlContext], None]: ...
    def drawer(
        self, fmt: str
    ) -> Callable[[S, DocxContext], None] | Callable[[S, PdfContext], None] | Callable[[S, HtmlContext], None]:
        """What draws a section of this kind in format `fmt`: the kind's override for that format, else its `draw`.

        (Typed per format: a format's writer passes its own context, which is a `Drawing`.)
        """
        override = getattr(self, fmt) if fmt in FORMATS else None
        found: Callable[[S, Any], None] | None = override or self.draw
        if found is None:
            raise ValueError(f"section kind {self.name!r} has no drawing for {fmt}: give it a `draw` or an `{fmt}=`")
        return found


@attrs.frozen
class RegisteredKind:
    """A kind and where it came from (`sprintdoc 0.1.0 (sprintdoc.sections.news:KIND)`)."""

    kind: SectionKind[Any]
    origin: str
    built_in: bool = False


@attrs.frozen
class Registry:
    """The section kinds available, and what went wrong finding the others."""

    kinds: dict[str, RegisteredKind]
    problems: tuple[str, ...] = ()
    left_out: dict[str, str] = attrs.field(factory=dict)
    #: Names two or more plugins claim, each with every claimant: none of them is used.
    clashes: dict[str, tuple[RegisteredKind, ...]] = attrs.field(factory=dict)

    def get(self, name: str) -> SectionKind[Any] | None:
        """The kind of that name, or None."""
        found = self.kinds.get(name)
        return found.kind if found else None

    def kind_of(self, section: Section) -> SectionKind[Any]:
        """The kind whose model this section is; KeyError if none is registered (or its name is a clash)."""
        for registered in self.kinds.values():
            if type(section) is registered.kind.model:
                return registered.kind
        clash = self.clash_of(section)
        if clash is not None:
            raise KeyError(self.clash_message(clash))
        raise KeyError(f"no section kind is registered for {type(section).__name__}")

    def clash_of(self, section: Section) -> str | None:
        """The clashing name one of whose claimants has this section's model, or None."""
        for name, claimants in self.clashes.items():
            if any(type(section) is registered.kind.model for registered in claimants):
                return name
        return None

    def clash_message(self, name: str) -> str:
        """Why a bundle cannot use a clashing name: every claimant's origin, and what to do."""
        claimants = self.clashes[name]
        origins = " and by ".join(registered.origin for registered in claimants)
        return f"section kind {name!r} is claimed by {len(claimants)} plugins: by {origins}; keep one installed"

    @classmethod
    def from_entry_points(cls, entry_points: Iterable[metadata.EntryPoint]) -> Registry:
        """Load every entry point; refuse a clash or a broken plugin by name, keeping the rest."""
        kinds: dict[str, RegisteredKind] = {}
        clashes: dict[str, list[RegisteredKind]] = {}
        problems: list[str] = []
        left_out: dict[str, str] = {}
        # Built-ins first, so that a plugin can never take over a built-in's name.
        for ep in sorted(entry_points, key=lambda e: (not _built_in(e), e.name, e.value)):
            origin = _origin(ep)
            try:
                kind = ep.load()
            except Exception as err:  # a plugin's import can fail in any way; report it, keep the others
                problems.append(f"section kind {ep.name!r} from {origin} failed to load: {type(err).__name__}: {err}")
                left_out[ep.name] = "its plugin failed to load"
                continue
            if not isinstance(kind, SectionKind):
                hint = ""
                if isinstance(kind, type) and issubclass(kind, Section):  # the form interface.md shows
                    hint = f" (it names the model {kind.__name__}: name the kind's record, `module:KIND`)"
                problems.append(f"section kind {ep.name!r} from {origin} is not a sprintdoc.SectionKind{hint}")
                left_out[ep.name] = "its plugin is broken"
                continue
            if kind.name != ep.name:
                problems.append(
                    f"section kind {ep.name!r} from {origin} names itself {kind.name!r}; the two must be the same"
                )
                left_out[ep.name] = "its plugin is broken"
                continue
            unsupported = unsupported_fields(kind.model)
            if unsupported:
                problems.extend(f"section kind {ep.name!r} from {origin}: {message}" for message in unsupported)
                left_out[ep.name] = "its plugin is broken (`sprintdoc sections` says why)"
                continue
            registered = RegisteredKind(kind, origin, built_in=_built_in(ep))
            claimants = clashes.get(ep.name) or ([kinds[ep.name]] if ep.name in kinds else [])
            if any(other.kind is kind for other in claimants):
                continue  # the same object found twice (an editable install listed twice)
            if claimants and claimants[0].built_in:
                problems.append(
                    f"section kind {ep.name!r} is claimed twice: by {claimants[0].origin} and by {origin}; "
                    "a plugin cannot take a built-in kind's name, so the built-in is kept"
                )
            elif claimants:
                clashes[ep.name] = [*claimants, registered]
                kinds.pop(ep.name, None)
            else:
                kinds[ep.name] = registered
        for name, claimants in clashes.items():
            origins = " and by ".join(registered.origin for registered in claimants)
            problems.append(
                f"section kind {name!r} is claimed by {len(claimants)} plugins: by {origins}; "
                f"none is used, and a bundle with kind: {name} fails until all but one are uninstalled"
            )
        frozen = {name: tuple(claimants) for name, claimants in clashes.items()}
        return cls(kinds, tuple(problems), left_out, frozen)


def _built_in(ep: metadata.EntryPoint) -> bool:
    return ep.value.startswith("sprintdoc.sections.")


def _origin(ep: metadata.EntryPoint) -> str:
    dist = ep.dist
    where = f"{dist.name} {dist.version}" if dist is not None else "an unknown distribution"
    return f"{where} ({ep.value})"


@functools.cache
def default_registry() -> Registry:
    """The kinds installed on this machine (built-ins and plugins), found once per process."""
    from importlib import metadata  # here, not at the top: it costs the command's start-up 30 ms

    return Registry.from_entry_points(metadata.entry_points(group=GROUP))

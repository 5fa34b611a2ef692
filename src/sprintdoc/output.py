"""Writing the documents: every format rendered in memory, written to temporary files, then renamed in together."""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol, TypeVar

from sprintdoc import collector
from sprintdoc.checking import check
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry, default_registry

if TYPE_CHECKING:
    from sprintdoc.writers.email import EmailOptions

FORMATS = ("docx", "pdf", "html", "email")
#: What `generate` writes when no format is named: the e-mail is sent, not kept, so it is asked for by name.
DEFAULT_FORMATS = ("docx", "pdf", "html")
#: A format's file suffix, where it is not the format's own name.
SUFFIXES = {"email": "eml"}


class Writer(Protocol):
    """A format's writer module: `write(bundle, stream, registry, template)`."""

    def write(self, bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None: ...


def writer(fmt: str) -> Writer:
    """The writer of a format (imported only when asked for: the heavy libraries load with it)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
    module: Writer = importlib.import_module(f"sprintdoc.writers.{fmt}")
    return module


def render(
    bundle: Bundle,
    fmt: str,
    *,
    registry: Registry | None = None,
    template: Path | None = None,
    checked: bool = False,
    email: EmailOptions | None = None,
) -> bytes:
    """One format of the newsletter, as bytes, from `template` (else the one the bundle names, else the shipped one).

    The bundle is checked first (`sprintdoc.validate`; BundleError lists every error found) unless
    `checked` says the caller has just done so. `email` says who the e-mail is from and to, and
    where its pictures are (default: attached, no sender, no recipient).
    """
    writer(fmt)  # an unknown format is said before the bundle is checked
    if not checked:
        bundle = check(bundle, registry=registry)
    registry, template = registry or default_registry(), template or bundle.template_file()
    with collector.less_often():
        if fmt == "email":
            from sprintdoc.writers.email import edition

            return edition(bundle, registry, template, email).message
        buffer = io.BytesIO()
        writer(fmt).write(bundle, buffer, registry, template)
    return buffer.getvalue()


def suffix(fmt: str) -> str:
    """The file suffix of a format's document, without the dot: `docx`, `pdf`, `html`, `eml`."""
    return SUFFIXES.get(fmt, fmt)


def write_atomically(target: Path, data: bytes) -> None:
    """Put `data` at `target` whole or not at all: a temporary file beside it, then a rename."""
    write_together({target: data})


def write_together(files: Mapping[Path, bytes]) -> None:
    """Put each file (path -> contents) in place; every file appears at once, or none changes.

    Each goes first to a temporary file beside its target, synced to disk; only when all are
    written are they renamed into place, and if a rename fails the files already replaced are put
    back. An OSError names the file the caller asked for, never a temporary one.
    """
    staged: dict[Path, Path] = {}
    kept: dict[Path, Path | None] = {}
    placed: list[Path] = []
    try:
        for target, data in files.items():
            staged[target] = _stage(target, data)
        for target in files:
            kept[target] = _keep(target)
        for target, tmp in staged.items():
            placed.append(target)  # before the rename: an interrupt just after it must still undo it
            _naming(target, os.replace, tmp, target)
    except BaseException:
        for target in reversed(placed):
            with contextlib.suppress(OSError):
                old = kept.get(target)
                if old is None:
                    target.unlink()
                else:
                    old.replace(target)
        for leftover in (*staged.values(), *kept.values()):
            if leftover is not None:
                leftover.unlink(missing_ok=True)
        raise
    for old in kept.values():
        if old is not None:
            old.unlink(missing_ok=True)
    for folder in {target.parent for target in files}:
        _sync_folder(folder)


def _stage(target: Path, data: bytes) -> Path:
    """A synced temporary file beside `target` holding `data`; nothing at `target` changes."""
    _make_folder(target.parent)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(target))
    fd, name = _naming(target, tempfile.mkstemp, prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(name)
    try:
        _naming(target, _fill, fd, data)
        _naming(target, tmp.chmod, 0o644)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _fill(fd: int, data: bytes) -> None:
    with os.fdopen(fd, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _make_folder(folder: Path) -> None:
    """Make the output folder; a path there that is not a folder is said plainly."""
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            errno.ENOTDIR, "is a file, not a folder" if folder.is_file() else "is not a folder", str(folder)
        )
    folder.mkdir(parents=True, exist_ok=True)


def _keep(target: Path) -> Path | None:
    """A second name for the file now at `target` (None if there is none), to put back if a later rename fails."""
    if not target.is_symlink() and not target.exists():
        return None
    old = target.with_name(f".{target.name}.{secrets.token_hex(4)}.old")
    try:
        os.link(target, old, follow_symlinks=False)
    except OSError:  # a file system without hard links: a copy keeps the file just as well
        _naming(target, shutil.copy2, target, old, follow_symlinks=False)
    return old


_T = TypeVar("_T")


def _naming(target: Path, action: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
    """`action(*args, **kwargs)`; an OSError about a temporary file (or no file) is re-raised naming `target`."""
    try:
        return action(*args, **kwargs)
    except OSError as err:
        about = Path(err.filename) if err.filename is not None else None
        ours = (
            about is None
            or about == target
            or (about.parent == target.parent and about.name.startswith(f".{target.name}."))
        )
        if not ours or err.errno is None:
            raise
        raise OSError(err.errno, err.strerror, str(target)) from None


def _sync_folder(folder: Path) -> None:
    # the renames themselves reach the disk only once the folder is synced
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _to(
    bundle: Bundle,
    fmt: str,
    target: str | os.PathLike[str] | IO[bytes],
    template: Path | None,
    registry: Registry | None,
) -> None:
    data = render(bundle, fmt, template=template, registry=registry)
    if isinstance(target, (str, os.PathLike)):
        write_together({Path(target): data})
    else:
        target.write(data)


def render_docx(
    bundle: Bundle,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    template: Path | None = None,
    registry: Registry | None = None,
) -> None:
    """Write the Word newsletter to a path (atomically) or a binary file object."""
    _to(bundle, "docx", target, template, registry)


def render_pdf(bundle: Bundle, target: str | os.PathLike[str] | IO[bytes], *, registry: Registry | None = None) -> None:
    """Write the PDF newsletter to a path (atomically) or a binary file object."""
    _to(bundle, "pdf", target, None, registry)


def generate(
    bundle: Bundle,
    outdir: str | os.PathLike[str],
    formats: Iterable[str] = DEFAULT_FORMATS,
    *,
    template: Path | None = None,
    registry: Registry | None = None,
    email: EmailOptions | None = None,
) -> dict[str, Path]:
    """Write `<slug>.docx`, `<slug>.pdf` and `<slug>.html` (or the `formats` asked for: `email` writes
    `<slug>.eml`, and its pictures in `<slug>-images/` if `email` puts them at a web address) into
    `outdir`; returns format -> path of its document.

    The bundle is checked first, as loading checks one (`sprintdoc.validate`): a bundle built in
    code with a mistake raises BundleError listing every error, and nothing is written. Every
    format is rendered before any file is written, and the files appear together: a failure
    anywhere (a writer's error, a full disk, Ctrl-C) leaves every earlier file as it was and no
    temporary file behind.
    """
    formats = list(dict.fromkeys(formats))
    for fmt in formats:
        writer(fmt)
    bundle = check(bundle, registry=registry)
    paths = {fmt: Path(outdir) / f"{bundle.edition.slug()}.{suffix(fmt)}" for fmt in formats}
    rendered: dict[Path, bytes] = {}
    for fmt, path in paths.items():
        if fmt == "email" and email is not None and email.image_base is not None:
            from sprintdoc.writers.email import files

            with collector.less_often():
                made = files(bundle, registry or default_registry(), template or bundle.template_file(), email)
            rendered.update({Path(outdir) / name: data for name, data in made.items()})
        else:
            rendered[path] = render(bundle, fmt, registry=registry, template=template, checked=True, email=email)
        collector.give_back_free_memory()  # the next format's peak is not stacked on this one's leftovers
    write_together(rendered)
    return paths

"""Writing the documents: each format rendered whole in memory, then put in place atomically."""

from __future__ import annotations

import importlib
import io
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Protocol

from sprintdoc.model import Bundle
from sprintdoc.registry import Registry, default_registry

FORMATS = ("docx", "pdf")


class Writer(Protocol):
    """A format's writer module: `write(bundle, stream, registry, template)`."""

    def write(self, bundle: Bundle, stream: IO[bytes], registry: Registry, template: Path | None = None) -> None: ...


def writer(fmt: str) -> Writer:
    """The writer of a format (imported only when asked for: the heavy libraries load with it)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; the formats are {', '.join(FORMATS)}")
    module: Writer = importlib.import_module(f"sprintdoc.writers.{fmt}")
    return module


def render(bundle: Bundle, fmt: str, *, registry: Registry | None = None, template: Path | None = None) -> bytes:
    """One format of the newsletter, as bytes."""
    buffer = io.BytesIO()
    writer(fmt).write(bundle, buffer, registry or default_registry(), template)
    return buffer.getvalue()


def write_atomically(target: Path, data: bytes) -> None:
    """Put `data` at `target` whole or not at all: a temporary file beside it, then a rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).chmod(0o644)
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _to(
    bundle: Bundle,
    fmt: str,
    target: str | os.PathLike[str] | IO[bytes],
    template: Path | None,
    registry: Registry | None,
) -> None:
    data = render(bundle, fmt, template=template, registry=registry)
    if isinstance(target, (str, os.PathLike)):
        write_atomically(Path(target), data)
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
    formats: Iterable[str] = FORMATS,
    *,
    template: Path | None = None,
    registry: Registry | None = None,
) -> dict[str, Path]:
    """Write `<slug>.docx` and `<slug>.pdf` into `outdir`; returns format -> path written.

    Every format is rendered before any file is written, so a failure writes nothing.
    """
    formats = list(dict.fromkeys(formats))
    rendered = {
        fmt: render(bundle, fmt, registry=registry, template=template if fmt == "docx" else None) for fmt in formats
    }
    paths = {}
    for fmt, data in rendered.items():
        path = Path(outdir) / f"{bundle.edition.slug()}.{fmt}"
        write_atomically(path, data)
        paths[fmt] = path
    return paths

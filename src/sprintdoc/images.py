"""Images decoded once with Pillow: checked, turned upright, made sRGB 8-bit, and re-encoded for both writers."""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path

from sprintdoc.model import Picture
from sprintdoc.paths import file_type

#: The most pixels an image may decode to: a 6000×4000 photo (24 MP) is fine, a decompression bomb is not.
PIXEL_BUDGET = 50_000_000
#: The longest side kept: more than a full A4 width needs at 250 dpi. Larger photos are scaled down once.
MAX_SIDE = 2400


# In our words, not Pillow's: its messages ("Truncated File Read") change between versions and help no one.
_DAMAGED = "{name!r} cannot be read: the file is cut short or damaged; save or export the picture again"


class ImageProblem(ValueError):
    """An image that cannot be used; the message says why."""


def decode(path: Path, name: str) -> Picture:
    """The picture in a PNG or JPEG file, ready for both documents; ImageProblem if it cannot be used."""
    try:
        data = _read_file(path, name)
    except OSError as err:
        raise ImageProblem(f"{name!r} cannot be read: {err.strerror}") from None
    # Pillow warns of what it copes with (a bomb under its own limit: ours is below; damaged EXIF: read as upright).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _decode(data, name)


def _read_file(path: Path, name: str) -> bytes:
    """A file's bytes, refusing anything but a regular file without waiting on it (a FIFO would block a read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ImageProblem(f"{name!r} is not a regular file but a {file_type(mode)}; give a PNG or JPEG file")
        with os.fdopen(fd, "rb", closefd=False) as stream:
            return stream.read()
    finally:
        os.close(fd)


def _decode(data: bytes, name: str) -> Picture:
    from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

    try:
        im: Image.Image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageProblem(f"{name!r} is too large to decode (over {PIXEL_BUDGET // 1_000_000} megapixels)") from None
    except UnidentifiedImageError:
        raise ImageProblem(f"{name!r} is not a PNG or JPEG image") from None
    except (OSError, SyntaxError, ValueError):  # a header cut short or damaged
        raise ImageProblem(_DAMAGED.format(name=name)) from None
    source_format = im.format
    if source_format not in ("PNG", "JPEG"):
        raise ImageProblem(f"{name!r} is a {source_format} image; save it as PNG or JPEG")
    width, height = im.size
    if width * height > PIXEL_BUDGET:
        raise ImageProblem(
            f"{name!r} is {width}×{height} pixels, over the budget of {PIXEL_BUDGET // 1_000_000} megapixels; "
            "scale it down"
        )
    if source_format == "JPEG":
        im.draft("RGB" if im.mode not in ("L", "CMYK") else im.mode, (MAX_SIDE, MAX_SIDE))
    try:
        im.load()
    except (OSError, SyntaxError):
        raise ImageProblem(_DAMAGED.format(name=name)) from None
    orientation = im.getexif().get(0x0112, 1)
    changed = orientation not in (1, None) or max(im.size) > MAX_SIDE or im.size != (width, height)
    im = ImageOps.exif_transpose(im) or im
    icc = im.info.get("icc_profile")
    if im.mode == "CMYK" or (icc and im.mode in ("RGB", "CMYK")):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc)) if icc else None
            if source is not None:
                im = ImageCms.profileToProfile(im, source, ImageCms.createProfile("sRGB"), outputMode="RGB") or im
                changed = True
        except (ImageCms.PyCMSError, OSError):
            pass  # a broken profile: fall back to Pillow's plain conversion below
    keep_alpha = im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)
    target = (
        ("RGBA" if im.mode != "LA" else "LA") if keep_alpha else ("L" if im.mode in ("1", "L", "I;16", "I") else "RGB")
    )
    if im.mode in ("I;16", "I", "I;16B", "I;16L"):
        im = im.point(lambda v: v / 256).convert("L")  # 16-bit grey to 8-bit
        changed = True
    if im.mode != target:
        im = im.convert(target)
        changed = True
    if max(im.size) > MAX_SIDE:
        im.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        changed = True
    fmt = "jpeg" if source_format == "JPEG" else "png"
    if not changed and not icc:
        return Picture(data, fmt, im.width, im.height)
    out = io.BytesIO()
    if fmt == "jpeg" and im.mode in ("RGB", "L"):
        im.save(out, "JPEG", quality=88, optimize=True)
    else:
        fmt = "png"
        im.save(out, "PNG", optimize=False)
    return Picture(out.getvalue(), fmt, im.width, im.height)

"""Pictures in the PDF: each picture's image XObject is made once per process, then placed by every document.

reportlab's `drawImage` decodes a picture, hashes its pixels and compresses them again for
every document; for the same picture (a logo in every edition, a card's photo in each
re-render) that work was a tenth of the PDF step. Here it is done once per picture's bytes,
and each document registers a copy of the finished object under the same name (the digest of
its pixels, as `drawImage` names it), so the file is byte for byte what `drawImage` writes.
"""

from __future__ import annotations

import copy
import io
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from reportlab.lib.utils import ImageReader, _digester
from reportlab.pdfbase.pdfdoc import PDFImageXObject, PDFObjectReference

#: How many bytes of pictures (their files and what is made of them) a process keeps ready at most.
CACHE_BYTES = 64_000_000
_MASK = "auto"  # a picture's alpha channel becomes its soft mask; with none, it is opaque


class ByContent:
    """What is made from some bytes, kept by those bytes: the least recently used go first beyond `budget` bytes
    (keys and values counted), so a batch of editions with large photos stays within bounds."""

    def __init__(self, budget: int = CACHE_BYTES) -> None:
        self.budget = budget
        self._entries: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: Any, data: bytes, make: Callable[[], tuple[Any, int]]) -> Any:
        """The value for `key` (which holds `data`), made by `make` (value, its size in bytes) if not kept."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        value, size = make()
        size += len(data)
        with self._lock:
            if key not in self._entries and size <= self.budget:
                self._entries[key] = (value, size)
                self._size += size
                while self._size > self.budget:
                    self._size -= self._entries.popitem(last=False)[1][1]
        return value

    def clear(self) -> None:
        """Forget everything kept."""
        with self._lock:
            self._entries.clear()
            self._size = 0


#: Image XObjects by their file's bytes; `pdf_flowables` keeps its downscaled pictures here too.
pictures = ByContent()


def image_xobject(data: bytes) -> Any:
    """The image XObject of a PNG or JPEG file's bytes, with its soft mask if it has one: a template, never
    registered in a document itself (`place` registers a copy)."""
    return pictures.get(("xobject", data), data, lambda: _image_xobject(data))


def _image_xobject(data: bytes) -> tuple[Any, int]:
    reader = ImageReader(io.BytesIO(data))
    pixels = reader.getRGBData()
    alpha = reader._dataA
    name = _digester(pixels + (alpha.getRGBData() if alpha else _MASK.encode()))
    xobject = PDFImageXObject(name, reader, mask=_MASK)
    xobject.name = name
    smask = getattr(xobject, "_smask", None)
    return xobject, len(xobject.streamContent) + (len(smask.streamContent) if smask is not None else 0)


def place(canv: Any, data: bytes, x: float, y: float, width: float, height: float) -> None:
    """Draw the picture in `data` on `canv` at (x, y), `width` by `height` points, as `drawImage` draws it."""
    template = image_xobject(data)
    doc = canv._doc
    name = template.name
    registered = doc.getXObjectName(name)
    if registered not in doc.idToObject:  # the first time in this document: its own copy of the object
        xobject = copy.copy(template)
        canv._setXObjects(xobject)
        doc.Reference(xobject, registered)
        doc.addForm(name, xobject)
        smask = getattr(xobject, "_smask", None)
        if smask is not None:
            mask_name = doc.getXObjectName(smask.name)
            if mask_name not in doc.idToObject:
                smask = copy.copy(smask)
                canv._setXObjects(smask)
                xobject.smask = doc.Reference(smask, mask_name)
            else:
                xobject.smask = PDFObjectReference(mask_name)
            del xobject._smask
    canv._currentPageHasImages = 1
    canv.saveState()
    canv.translate(x, y)
    canv.scale(width, height)
    canv._code.append(f"/{registered} Do")
    canv.restoreState()
    canv._formsinuse.append(name)

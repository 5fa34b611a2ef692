"""The e-mail edition: the web page's content as a ready-to-send `.eml`, its HTML laid out for mail clients.

`write` orchestrates: the web page's tree is drawn as for `-f html` (`html.drawn`: the same
`Drawing` calls, the same escaping by construction), then made e-mail-safe: the contents
and skip link left out (a mail client follows no in-page link), the content moved into a
centred layout table (`email_look.laid_out`), pictures sized by attribute to the column,
the style sheet cut to what mail clients follow and inlined onto every element by
`css_inline`, each fill repeated as a `bgcolor` for Outlook. The message is a
multipart/alternative of a plain-text part (`email_text`, read from the same tree) and the
HTML, which with its pictures is a multipart/related: each picture an inline part the HTML
names by `cid:`. With `image_base`, the pictures are instead addresses under that URL, and
`files` gives them to be written beside the message. Same bytes for the same bundle: the
Date is `document_date`, the Message-ID and the MIME boundaries are made from the content.
"""

from __future__ import annotations

import base64
import email.policy
import email.utils
import hashlib
import re
import warnings
from email.headerregistry import Address
from email.message import EmailMessage
from pathlib import Path
from typing import IO

import attrs
import css_inline
from lxml import etree

from sprintdoc.errors import SprintdocError, SprintdocWarning
from sprintdoc.model import Bundle
from sprintdoc.registry import Registry
from sprintdoc.writers import default_template, document_date
from sprintdoc.writers.email_look import BACKGROUND, CONTENT_WIDTH, email_css, laid_out
from sprintdoc.writers.email_text import plain_text
from sprintdoc.writers.html import drawn
from sprintdoc.writers.html_look import html_look
from sprintdoc.writers.html_tree import element

__all__ = ["GMAIL_CLIP_BYTES", "EmailOptionError", "EmailOptions", "EmailSizeWarning", "edition", "files", "write"]

#: Gmail shows only the first 102 KB of a message's HTML, behind a "View entire message" link.
GMAIL_CLIP_BYTES = 102 * 1024
_DATA_URI = re.compile(r"data:(image/[a-z]+);base64,(.*)", re.S)
_FAMILY = re.compile(r"font-family:[^;]*")
_TEXT_BLOCKS = ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "caption", "figcaption")
_FILL = re.compile(r"background(?:-color)?\s*:\s*(#[0-9A-Fa-f]{6})")


class EmailOptionError(SprintdocError, ValueError):
    """An e-mail option that cannot be used: an address that is not one, an image base that is not a web URL."""


class EmailSizeWarning(SprintdocWarning):
    """The e-mail's HTML is over `GMAIL_CLIP_BYTES`: Gmail will clip it."""


@attrs.frozen
class EmailOptions:
    """Who the message is from and to (both optional: a mail program fills them in when it sends), and where
    its pictures are: attached (`image_base` None) or at `image_base` + their file name."""

    sender: str | None = None
    to: tuple[str, ...] = ()
    image_base: str | None = None

    def __attrs_post_init__(self) -> None:
        for address in (self.sender, *self.to):
            if address is not None:
                _address(address)
        if self.image_base is not None and not re.fullmatch(r"https?://[^\s\"'<>]+", self.image_base):
            raise EmailOptionError(f"--image-base must be an http:// or https:// URL, got {self.image_base!r}")


@attrs.frozen
class EmailEdition:
    """The message's bytes, its HTML part (for measuring), and the pictures to put at `image_base` (name -> bytes)."""

    message: bytes
    html: bytes
    images: dict[str, bytes]


def write(
    bundle: Bundle,
    stream: IO[bytes],
    registry: Registry,
    template: Path | None = None,
    options: EmailOptions | None = None,
) -> None:
    """Write the `.eml` of `bundle` to a binary stream, styled from the Word `template` (default: shipped)."""
    stream.write(edition(bundle, registry, template, options).message)


def files(bundle: Bundle, registry: Registry, template: Path | None, options: EmailOptions) -> dict[str, bytes]:
    """What `generate` writes for the e-mail, by path relative to the output folder: `<slug>.eml`, and with an
    image base the pictures in `<slug>-images/`."""
    made = edition(bundle, registry, template, options)
    slug = bundle.edition.slug()
    return {f"{slug}.eml": made.message, **{f"{slug}-images/{name}": data for name, data in made.images.items()}}


def edition(
    bundle: Bundle, registry: Registry, template: Path | None = None, options: EmailOptions | None = None
) -> EmailEdition:
    """The e-mail edition of `bundle`: the message, its HTML, and the pictures for an image base."""
    options = options or EmailOptions()
    ctx = drawn(bundle, registry)
    for extra in (ctx.nav, *ctx.body.findall("a")):  # the contents and skip link: in-page links
        if extra.getparent() is ctx.body:
            ctx.body.remove(extra)
    element(ctx.head, "meta", name="x-apple-disable-message-reformatting")
    element(ctx.head, "meta", name="color-scheme", content="light")
    ctx.body.set("bgcolor", BACKGROUND)
    laid_out(ctx.body)
    slug = _ascii_slug(bundle)
    pictures: dict[str, tuple[str, bytes]] = {}  # content digest -> (name, bytes), each picture once
    for img in ctx.body.iter("img"):
        mime, data = _decoded(img.get("src") or "")
        digest = hashlib.sha256(data).hexdigest()[:16]
        name = pictures.setdefault(digest, (f"{slug}-{len(pictures) + 1:02d}.{mime.split('/')[1]}", data))[0]
        if options.image_base is None:
            img.set("src", f"cid:{_cid(name, digest)}")
        else:
            img.set("src", f"{options.image_base.rstrip('/')}/{name}")
        _fit(img)
    text = plain_text(ctx.body)
    style = element(ctx.head, "style")
    style.text = email_css(html_look(template or default_template(), bundle.theme))
    page = etree.tostring(ctx.html, method="html", encoding="unicode", doctype="<!DOCTYPE html>")
    html = _for_outlook(css_inline.CSSInliner(load_remote_stylesheets=False).inline(page))
    html_bytes = html.encode("utf-8")
    if len(html_bytes) > GMAIL_CLIP_BYTES:
        warnings.warn(
            EmailSizeWarning(
                f"the e-mail's HTML is {len(html_bytes) / 1024:.0f} KB, over the {GMAIL_CLIP_BYTES // 1024} KB "
                "at which Gmail clips a message: readers there see its start and a link to the rest"
            ),
            stacklevel=2,
        )
    message = _message(bundle, options, text, html, pictures)
    images = dict(pictures.values()) if options.image_base is not None else {}
    return EmailEdition(message, html_bytes, images)


def _message(
    bundle: Bundle, options: EmailOptions, text: str, html: str, pictures: dict[str, tuple[str, bytes]]
) -> bytes:
    edition_ = bundle.edition
    digest = hashlib.sha256((text + html).encode("utf-8")).hexdigest()[:24]
    msg = EmailMessage()
    msg["Subject"] = " ".join(f"{edition_.title} — {edition_.period}".split())  # one line, as a header must be
    if options.sender is not None:
        msg["From"] = _address(options.sender)
    if options.to:
        msg["To"] = [_address(a) for a in options.to]
    msg["Date"] = email.utils.format_datetime(document_date(bundle))
    domain = _address(options.sender).domain if options.sender else "sprintdoc.invalid"
    msg["Message-ID"] = f"<{digest}.{_ascii_slug(bundle)}@{domain}>"
    msg["X-Unsent"] = "1"  # Outlook opens the file as a draft, ready to send
    msg.set_content(text, cte="quoted-printable")
    msg.add_alternative(html, subtype="html", cte="quoted-printable")
    msg["Content-Language"] = edition_.language  # after the content: setting it drops every Content- header
    msg.set_boundary(f"=_alt_{digest}")
    html_part = next(part for part in msg.iter_parts() if part.get_content_type() == "text/html")
    assert isinstance(html_part, EmailMessage)
    if options.image_base is None and pictures:
        for picture_digest, (name, data) in pictures.items():
            subtype = name.rsplit(".", 1)[1]
            html_part.add_related(
                data, "image", subtype, cid=f"<{_cid(name, picture_digest)}>", filename=name, disposition="inline"
            )
        html_part.set_boundary(f"=_rel_{digest}")
    # unfolded headers: CPython's folding mangles some long non-ASCII subjects (a lost or added space, or an error)
    return msg.as_bytes(policy=email.policy.SMTP.clone(max_line_length=None))


def _address(text: str) -> Address:
    """An address as a header takes it (`Name <user@host>` or `user@host`); EmailOptionError if it is not one."""
    if "\n" in text or "\r" in text:
        raise EmailOptionError(f"not an e-mail address: {text!r} (it holds a line break)")
    name, addr = email.utils.parseaddr(text)
    user, at, host = addr.partition("@")
    if not (user and at and host) or "@" in host:
        raise EmailOptionError(f"not an e-mail address: {text!r} (expected user@example.org or Name <user@…>)")
    return Address(display_name=name, username=user, domain=host)


def _ascii_slug(bundle: Bundle) -> str:
    """The edition's slug in ASCII letters, digits and `-`, for names inside the message (Message-ID, Content-ID,
    picture file names) and the pictures' addresses."""
    return re.sub(r"[^a-z0-9-]+", "", bundle.edition.slug()).strip("-") or "sprint-notes"


def _cid(name: str, digest: str) -> str:
    return f"{name}.{digest}@sprintdoc"


def _decoded(src: str) -> tuple[str, bytes]:
    found = _DATA_URI.fullmatch(src)
    if found is None:  # the page's pictures are all data: URIs (`html_tree.data_uri`)
        raise ValueError(f"a picture the page did not make: {src[:40]!r}")
    return found.group(1), base64.b64decode(found.group(2))


def _fit(img: etree._Element) -> None:
    """Size a picture by attribute to the column (Outlook shows it at its `width`, whatever the CSS says)."""
    width, height = int(img.get("width") or CONTENT_WIDTH), int(img.get("height") or 0)
    if width > CONTENT_WIDTH:
        height, width = max(1, round(height * CONTENT_WIDTH / width)), CONTENT_WIDTH
    img.set("width", str(width))
    if height:
        img.set("height", str(height))
    img.set("border", "0")


def _for_outlook(html: str) -> str:
    """The inlined page as Outlook's Word engine needs it: each table's or cell's CSS fill repeated as `bgcolor`,
    and each block of text given its font family (Word does not inherit it from the cell, and shows Times)."""
    root = etree.fromstring(html, etree.HTMLParser(no_network=True))
    for el in root.iter("table", "td", "th"):
        found = _FILL.search(el.get("style") or "")
        if found and el.get("bgcolor") is None:
            el.set("bgcolor", found.group(1).upper())
    for el in root.iter(*_TEXT_BLOCKS):
        style = el.get("style") or ""
        if "font-family" not in style:
            family = next((f for a in el.iterancestors() if (f := _FAMILY.search(a.get("style") or ""))), None)
            if family is not None:
                el.set("style", f"{style.rstrip('; ')}{'; ' if style.strip() else ''}{family.group(0)}")
    return etree.tostring(root, method="html", encoding="unicode", doctype="<!DOCTYPE html>")

"""The e-mail edition: a bundle in, a ready-to-send .eml out, whose HTML part holds in the common mail clients.

The message is parsed back with the standard library (`policy=default`), its HTML part with html5lib in strict
mode (`test_html.parse`), and checked as a mail client would meet it: every picture a related `cid:` part,
every style on the element it styles, the layout in tables, the same words in the HTML and the plain text.
"""

from __future__ import annotations

import email
import email.policy
import re
import subprocess
import sys
import warnings
from email.message import EmailMessage
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import sprintdoc
from conftest import FIXTURES, JULY, SETTINGS
from sprintdoc.outline import implied, read
from sprintdoc.output import render
from sprintdoc.registry import default_registry
from sprintdoc.validation import text_fields
from sprintdoc.writers.email import GMAIL_CLIP_BYTES, EmailOptionError, EmailOptions, EmailSizeWarning, edition
from sprintdoc.writers.email_look import WIDTH
from strategies import bundle_with, text
from writers.test_html import HOSTILE, bundle_of, find, is_markdown, parse, shown, squash

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))


@pytest.fixture(scope="module")
def messages() -> dict[str, bytes]:
    return {b.name: render(sprintdoc.load(b), "email") for b in BUNDLES}


def parsed(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    assert message.defects == [] and all(part.defects == [] for part in message.walk())
    return message


def part(message: EmailMessage, subtype: str) -> str:
    body = message.get_body((subtype,))
    assert body is not None, f"no text/{subtype} part"
    content = body.get_content()
    assert isinstance(content, str)
    return content


def html_of(data: bytes) -> etree._Element:
    return parse(part(parsed(data), "html").encode("utf-8"))


# -- the message --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_the_message_is_text_and_html_alternatives_with_every_picture_a_related_cid_part(
    messages: dict[str, bytes], bundle: Path
) -> None:
    message = parsed(messages[bundle.name])
    loaded = sprintdoc.load(bundle)
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "multipart/related"]
    assert message["Subject"] == f"{loaded.edition.title} — {loaded.edition.period}"
    assert message["From"] is None and message["To"] is None
    related = list(message.iter_parts())[1]
    html_part, *images = related.iter_parts()
    assert html_part.get_content_type() == "text/html"
    cids = {f"cid:{p['Content-ID'].strip('<>')}" for p in images}
    assert all(p.get_content_maintype() == "image" and p.get_content_disposition() == "inline" for p in images)
    root = parse(html_part.get_content().encode("utf-8"))
    sources = {img.get("src") for img in find(root, "//h:img")}
    assert sources == cids and len(cids) == len(images) > 0
    html = html_part.get_content()
    assert "data:" not in html and "url(" not in html and "background=" not in html  # no other picture


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_every_word_of_the_bundle_is_in_the_html_and_in_the_plain_text(messages: dict[str, bytes], bundle: Path):
    loaded = sprintdoc.load(bundle)
    message = parsed(messages[bundle.name])
    root = parse(part(message, "html").encode("utf-8"))
    addresses = re.compile(r" <(?:https?|mailto):[^>]*>")  # the plain text gives a link's address after its words
    html, plain = squash(shown(root)), squash(addresses.sub("", part(message, "plain")))
    alts = {img.get("alt") for img in find(root, "//h:img")}
    missing = []
    for path, value in text_fields(loaded):
        if path.startswith(SETTINGS) or path.endswith(("language", ".file")):
            continue
        if path.endswith(".alt"):
            assert value in alts and squash(value) in plain, path
            continue
        field = sprintdoc.Markdown(value).plain() if is_markdown(loaded, path) else value
        missing += [(path, where, w) for w in field.split() for where, t in (("html", html), ("plain", plain))
                    if squash(w) not in t]  # fmt: skip
    assert missing == []


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_the_html_part_is_under_the_size_gmail_clips_at(bundle: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", EmailSizeWarning)
        made = edition(sprintdoc.load(bundle), default_registry())
    assert len(made.html) < GMAIL_CLIP_BYTES


def test_an_html_part_over_gmails_limit_is_warned_of_with_its_size() -> None:
    bundle = bundle_of("\n\n".join(f"Paragraph {n} of a very long edition." for n in range(2500)))
    with pytest.warns(EmailSizeWarning, match=r"the e-mail's HTML is \d+ KB, over the 102 KB"):
        made = edition(bundle, default_registry())
    assert len(made.html) > GMAIL_CLIP_BYTES


def test_same_bundle_same_bytes(july: sprintdoc.Bundle) -> None:
    first = render(july, "email")
    assert first == render(july, "email")
    message = parsed(first)
    assert message["Date"].datetime == sprintdoc.writers.document_date(july)
    assert re.fullmatch(r"<[0-9a-f]+\.sprint-notes-july-2021@sprintdoc\.invalid>", message["Message-ID"])


def test_sender_and_recipients_are_set_only_when_given(july: sprintdoc.Bundle) -> None:
    options = EmailOptions("Comms <comms@example.org>", ("a@example.org", "B <b@example.org>"))
    message = parsed(render(july, "email", email=options))
    assert message["From"] == "Comms <comms@example.org>"
    assert [a.addr_spec for a in message["To"].addresses] == ["a@example.org", "b@example.org"]
    assert message["Message-ID"].endswith("@example.org>")


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"sender": "not an address"}, "not an e-mail address"),
        ({"to": ("a@example.org\nBcc: evil@example.org",)}, "holds a line break"),
        ({"image_base": "javascript:alert(1)"}, "must be an http:// or https:// URL"),
    ],
)
def test_an_option_that_is_not_an_address_or_a_web_url_is_refused(options: dict[str, object], message: str) -> None:
    with pytest.raises(EmailOptionError, match=message):
        EmailOptions(**options)  # type: ignore[arg-type]


# -- the HTML holds in mail clients ----------------------------------------------------------------------------------


def test_styles_are_inlined_on_the_elements_and_the_layout_is_tables(messages: dict[str, bytes]) -> None:
    root = html_of(messages[JULY.name])
    assert find(root, "//h:style | //h:link | //h:script") == []
    for path in ("//h:h1", "//h:h2", "//h:h3", "//h:main//h:p", "//h:table[@class='stages']//h:td", "//h:figcaption"):
        elements = find(root, path)
        assert elements and all("font-family" in (el.get("style") or "") for el in elements), path
    styles = " ".join(el.get("style") for el in find(root, "//*[@style]"))
    assert not re.search(r"display:\s*(flex|grid)|position:|\drem\b|flex|grid", styles)
    outer, column = find(root, "//h:table[@role='presentation']")
    assert outer.get("width") == "100%" and column.get("width") == str(WIDTH)
    assert outer.get("bgcolor") == "#FFFFFF" and re.search(r"max-width:\s*640px", column.get("style"))
    assert all(int(img.get("width")) <= WIDTH for img in find(root, "//h:img"))
    current = find(root, "//h:td[contains(@class, 'current')]")
    assert current and all(td.get("bgcolor") for td in current)  # Outlook reads a cell's fill from bgcolor
    assert find(root, "//h:nav") == [] and find(root, "//h:a[starts-with(@href, '#')]") == []


def test_only_web_and_mail_links_are_live() -> None:
    body = "[web](https://e.org/?a=1&b=2) [mail](mailto:a@e.org) [js](javascript:alert(1)) [file](file:///etc/passwd)"
    message = parsed(render(bundle_of(body), "email"))
    root = parse(part(message, "html").encode("utf-8"))
    assert {a.text: a.get("href") for a in find(root, "//h:a")} == {"web": "https://e.org/?a=1&b=2",
                                                                   "mail": "mailto:a@e.org"}  # fmt: skip
    plain = part(message, "plain")
    assert "web <https://e.org/?a=1&b=2>" in plain and "mail <mailto:a@e.org>" in plain
    assert "<javascript:" not in plain and "<file:" not in plain  # shown as typed, never as a link's address


def check_hostile(value: str) -> None:
    message = parsed(render(bundle_with(value), "email"))
    root = parse(part(message, "html").encode("utf-8"))
    plain_root = parse(part(parsed(render(bundle_with("plain"), "email")), "html").encode("utf-8"))
    tags = {el.tag for el in root.iter() if isinstance(el.tag, str)}
    assert tags <= {el.tag for el in plain_root.iter() if isinstance(el.tag, str)} | {etree.QName(root).text}
    assert all(not name.startswith("on") for el in root.iter() for name in el.attrib)
    assert all(a.get("href").startswith(("http://", "https://", "mailto:")) for a in find(root, "//h:a"))
    assert message["Subject"] == " ".join(f"{value} — {value}".split())  # a header is one line
    assert squash(shown(root)).count(squash(value)) >= 20
    assert squash(part(message, "plain")).count(squash(value)) >= 20


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_text_shows_as_typed_and_injects_nothing(value: str) -> None:
    check_hostile(value)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=text)
def test_any_text_in_every_field_shows_as_typed_and_injects_nothing(value: str) -> None:
    check_hostile(value)


# -- pictures at a web address -----------------------------------------------------------------------------------


def test_with_an_image_base_pictures_are_addresses_written_beside_the_message(july: sprintdoc.Bundle, tmp_path: Path):
    options = EmailOptions(image_base="https://example.org/news/")
    paths = sprintdoc.generate(july, tmp_path, ["email"], email=options)
    assert paths == {"email": tmp_path / "sprint-notes-july-2021.eml"}
    message = parsed(paths["email"].read_bytes())
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    written = sorted((tmp_path / "sprint-notes-july-2021-images").iterdir())
    sources = {img.get("src") for img in find(parse(part(message, "html").encode("utf-8")), "//h:img")}
    assert sources == {f"https://example.org/news/{p.name}" for p in written} and written


# -- the outline, the command line -------------------------------------------------------------------------------


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.name)
def test_the_outline_of_the_email_is_the_same_as_the_other_editions(bundle: Path, tmp_path: Path) -> None:
    loaded = sprintdoc.load(bundle)
    paths = sprintdoc.generate(loaded, tmp_path, ["html", "email"])
    assert read(paths["email"]) == read(paths["html"]) == implied(loaded)
    assert read(paths["email"].read_bytes()) == implied(loaded)


def test_generate_writes_the_eml_only_when_asked(tmp_path: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sprintdoc", "generate", str(JULY), "-o", str(tmp_path), *args],
                              capture_output=True, text=True)  # fmt: skip

    assert run().returncode == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".docx", ".html", ".pdf"]
    result = run("-f", "email", "--to", "team@example.org")
    assert result.returncode == 0 and result.stdout.strip() == str(tmp_path / "sprint-notes-july-2021.eml")
    assert parsed((tmp_path / "sprint-notes-july-2021.eml").read_bytes())["To"] == "team@example.org"
    refused = run("-f", "html", "--to", "team@example.org")
    assert refused.returncode == 2 and "add -f email" in refused.stderr
    bad = run("-f", "email", "--from", "nobody")
    assert bad.returncode == 2 and "not an e-mail address: 'nobody'" in bad.stderr


def test_the_web_and_email_editions_load_without_reportlab() -> None:
    code = "import sys, sprintdoc.writers.email; print('reportlab' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"

"""The HTML edition in a real browser: every fixture's page in headless Chromium, at 1280 and 320 px wide.

axe-core finds nothing against WCAG 2.2 AA and the page reflows at 320 px with no sideways
scrolling (WCAG 1.4.10), in the web page and in the e-mail's HTML part (its `cid:` pictures
as `data:` URIs); every image has alt text, and the page asks for nothing over the network.
Two small pages written here show that each check can fail, and that a clean page passes them
all. One browser serves the whole module.
"""

from __future__ import annotations

import base64
import email
import email.policy
import io
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from PIL import Image
from selenium import webdriver

import browser
import sprintdoc
from conftest import FIXTURES
from sprintdoc.output import render

pytestmark = pytest.mark.slow

BUNDLES = sorted(p.parent for p in FIXTURES.glob("*/sprint.yaml"))
WIDTHS = (1280, 320)


def _grey_square() -> str:
    png = io.BytesIO()
    Image.new("RGB", (8, 8), "grey").save(png, "PNG")
    return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()


PIXEL = _grey_square()
CLEAN = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clean</title><style>body {{ font: 1rem/1.5 sans-serif; margin: 0 1rem; }} img {{ max-width: 100%; }}</style>
</head><body><header><h1>A clean page</h1></header><main><h2>Its story</h2>
<figure><img src="{PIXEL}" alt="A grey square" width="600" height="300"><figcaption>A square</figcaption></figure>
<table><caption>Stages</caption><tr><th scope="col">Stage</th><th scope="col">State</th></tr>
<tr><td>Discovery</td><td>done</td></tr></table></main></body></html>
"""
#: No lang, an image with no alt, text too pale to read, a block wider than a phone, and a picture from the web.
FAULTY = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Faulty</title></head><body><main><h1>A faulty page</h1>
<img src="{PIXEL}" width="40" height="40"><p style="color: #bbb; background: #fff">Too pale to read.</p>
<div id="wide" style="width: 600px">Wider than a phone.</div>
<img src="http://example.com/photo.png" alt="A photo from the web"></main></body></html>
"""


@pytest.fixture(scope="module")
def driver() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the module; a missing Chromium fails the tests, saying how to install it."""
    try:
        chromium = browser.start()
    except browser.MissingBrowser as missing:
        pytest.fail(str(missing))
    yield chromium
    chromium.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture's HTML edition, written once, by bundle folder name."""
    folder = tmp_path_factory.mktemp("html")
    written = {}
    for bundle in BUNDLES:
        page = folder / f"{bundle.name}.html"
        page.write_bytes(render(sprintdoc.load(bundle), "html"))
        written[bundle.name] = page
    return written


@pytest.fixture(scope="module")
def emails(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each fixture's e-mail as a browser would show it: the HTML part, each `cid:` picture as a `data:` URI."""
    folder = tmp_path_factory.mktemp("email")
    written = {}
    for bundle in BUNDLES:
        message = email.message_from_bytes(render(sprintdoc.load(bundle), "email"), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        html_part = message.get_body(("html",))
        assert html_part is not None
        html = html_part.get_content()
        for part in message.walk():
            if part.get_content_maintype() == "image":
                uri = f"data:{part.get_content_type()};base64,{base64.b64encode(part.get_content()).decode()}"
                html = html.replace(f'src="cid:{part["Content-ID"].strip("<>")}"', f'src="{uri}"')
        assert "cid:" not in html
        page = folder / f"{bundle.name}.html"
        page.write_text(html, encoding="utf-8")
        written[bundle.name] = page
    return written


@pytest.fixture(scope="module")
def examples(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The clean and the faulty page, as files."""
    folder = tmp_path_factory.mktemp("examples")
    (folder / "clean.html").write_text(CLEAN, encoding="utf-8")
    (folder / "faulty.html").write_text(FAULTY, encoding="utf-8")
    return {"clean": folder / "clean.html", "faulty": folder / "faulty.html"}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("bundle", [b.name for b in BUNDLES])
@pytest.mark.parametrize("edition", ["html", "email"])
def test_axe_core_finds_no_wcag_22_aa_violations(
    driver: webdriver.Chrome, request: pytest.FixtureRequest, edition: str, bundle: str, width: int
) -> None:
    documents: dict[str, Path] = request.getfixturevalue("pages" if edition == "html" else "emails")
    browser.set_width(driver, width)
    browser.open_page(driver, documents[bundle])
    violations = browser.axe_violations(driver)
    assert not violations, f"{bundle}'s {edition} at {width} px:\n{browser.describe(violations)}"


@pytest.mark.parametrize("bundle", [b.name for b in BUNDLES])
@pytest.mark.parametrize("edition", ["html", "email"])
def test_the_page_reflows_at_320_px_with_no_sideways_scrolling(
    driver: webdriver.Chrome, request: pytest.FixtureRequest, edition: str, bundle: str
) -> None:
    documents: dict[str, Path] = request.getfixturevalue("pages" if edition == "html" else "emails")
    browser.set_width(driver, 320)
    browser.open_page(driver, documents[bundle])
    assert browser.overflow(driver) is None, f"{bundle}'s {edition}"


@pytest.mark.parametrize("bundle", [b.name for b in BUNDLES])
def test_on_a_phone_the_page_is_laid_out_at_the_phones_width(
    driver: webdriver.Chrome, pages: dict[str, Path], bundle: str
) -> None:
    browser.set_width(driver, 320, 640, phone=True)
    browser.open_page(driver, pages[bundle])
    assert driver.execute_script("return document.documentElement.clientWidth") == 320, "no viewport meta?"
    assert browser.overflow(driver) is None


@pytest.mark.parametrize("bundle", [b.name for b in BUNDLES])
def test_every_image_has_alt_text(driver: webdriver.Chrome, pages: dict[str, Path], bundle: str) -> None:
    browser.set_width(driver, 1280)
    browser.open_page(driver, pages[bundle])
    assert driver.find_elements("css selector", "img"), "the fixture's photos are on the page"
    assert browser.images_without_alt(driver) == []


@pytest.mark.parametrize("bundle", [b.name for b in BUNDLES])
def test_the_page_makes_no_network_requests(driver: webdriver.Chrome, pages: dict[str, Path], bundle: str) -> None:
    browser.set_width(driver, 1280)
    assert browser.open_page(driver, pages[bundle]) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_clean_page_passes_every_check(driver: webdriver.Chrome, examples: dict[str, Path], width: int) -> None:
    browser.set_width(driver, width)
    assert browser.open_page(driver, examples["clean"]) == []
    assert browser.describe(browser.axe_violations(driver)) == ""
    assert browser.overflow(driver) is None
    assert browser.images_without_alt(driver) == []


def test_each_check_finds_its_fault(driver: webdriver.Chrome, examples: dict[str, Path]) -> None:
    browser.set_width(driver, 320)
    requested = browser.open_page(driver, examples["faulty"])
    assert requested == ["http://example.com/photo.png"]
    found = {v["id"] for v in browser.axe_violations(driver)}
    assert {"html-has-lang", "image-alt", "color-contrast"} <= found
    too_wide = browser.overflow(driver)
    assert too_wide is not None
    assert too_wide["clientWidth"] == 320
    assert any(e.startswith("div#wide") for e in too_wide["elements"])
    assert browser.images_without_alt(driver) == [PIXEL[:80]]

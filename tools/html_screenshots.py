"""Screenshots of the July 2021 HTML edition in headless Chromium, a desktop's and a phone's first screen.

    .venv/bin/python tools/html_screenshots.py [OUTDIR]

writes html-july-2021-1280.png and html-july-2021-320.png into OUTDIR (default docs/images),
for docs/html.md and the README. The browser is the one the tests use (tests/browser.py:
Debian's chromium and chromedriver, which tools/test-tools installs; networking off).
"""

from __future__ import annotations

import base64
import sys
import tempfile
from pathlib import Path

import sprintdoc
from sprintdoc.output import render

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
import browser  # noqa: E402  (the tests' browser, found once tests/ is on the path)

JULY = ROOT / "fixtures" / "july-2021"
#: width in CSS px -> (height in CSS px, device pixels per CSS px): a desktop window, and a phone at its own density.
SCREENS = {1280: (900, 1), 320: (640, 2)}


def main(argv: list[str]) -> int:
    """Write both screenshots; returns the exit status."""
    outdir = Path(argv[0]) if argv else ROOT / "docs" / "images"
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        page = Path(scratch) / "july-2021.html"
        page.write_bytes(render(sprintdoc.load(JULY), "html"))
        driver = browser.start()
        try:
            for width, (height, scale) in SCREENS.items():
                browser.set_width(driver, width, height, phone=width < 600, scale=scale)
                if requested := browser.open_page(driver, page):
                    print(f"html_screenshots: the page asked for {requested}", file=sys.stderr)
                    return 1
                shot = driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})
                target = outdir / f"html-july-2021-{width}.png"
                target.write_bytes(base64.b64decode(shot["data"]))
                print(target)
        finally:
            driver.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""A real browser for the HTML edition: headless Chromium driven by Selenium, with axe-core to check pages.

The browser is Debian's `chromium` with its `chromium-driver` (tools/test-tools installs them); no
browser is downloaded. Networking is switched off, and every request a page asks for is logged
through the DevTools protocol, so a test can say which requests a page made.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium_axe_python import Axe

#: axe-core's tags for WCAG 2.0, 2.1 and 2.2 at levels A and AA.
WCAG_22_AA = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
#: Where no request may go: a page's only sources are itself and data: URIs.
NOWHERE = "http://127.0.0.1:9"


class MissingBrowser(RuntimeError):
    """Chromium or its chromedriver is not installed."""


def executable(name: str) -> str:
    """The path of `name`, or MissingBrowser saying how to install it."""
    found = shutil.which(name)
    if found is None:
        raise MissingBrowser(f"{name} is not installed: run tools/test-tools (it installs chromium, chromium-driver)")
    return found


def start() -> webdriver.Chrome:
    """Headless Chromium with no network, logging every request it is asked to make."""
    options = webdriver.ChromeOptions()
    options.binary_location = executable("chromium")
    for argument in (
        "--headless=new",
        "--disable-gpu",
        "--disable-dev-shm-usage",  # containers give /dev/shm a few MB, too little for Chromium
        "--hide-scrollbars",  # screenshots show the page, not the window's scrollbar
        "--force-color-profile=srgb",
        "--font-render-hinting=none",
        # no request leaves the machine: every host resolves to nothing, and what is left goes to a closed port
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--proxy-server={NOWHERE}",
        "--proxy-bypass-list=<-loopback>",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ):
        options.add_argument(argument)
    if os.geteuid() == 0:
        options.add_argument("--no-sandbox")  # Chromium refuses to start as root with its sandbox (CI is root)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(options=options, service=Service(executable_path=executable("chromedriver")))


def set_width(driver: webdriver.Chrome, width: int, height: int = 900, *, phone: bool = False, scale: int = 1) -> None:
    """Make the viewport `width` CSS pixels wide: a desktop window, or a phone honouring the viewport meta."""
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": scale, "mobile": phone},
    )


@contextmanager
def requests_logged(driver: webdriver.Chrome) -> Iterator[list[str]]:
    """The URLs of every request the browser was asked to make within the block (filled in when it ends)."""
    driver.get_log("performance")  # drop what came before
    urls: list[str] = []
    yield urls
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])


def open_page(driver: webdriver.Chrome, page: Path) -> list[str]:
    """Load a page from a file; returns the URLs it requested besides itself and data: URIs."""
    own = page.resolve().as_uri()
    with requests_logged(driver) as urls:
        driver.get(own)
    return [url for url in urls if url != own and not url.startswith("data:")]


def axe_violations(driver: webdriver.Chrome, tags: tuple[str, ...] = WCAG_22_AA) -> list[dict[str, Any]]:
    """What axe-core finds wrong with the page as it is now, by the rules tagged with any of `tags`."""
    Axe(driver).inject()
    results: dict[str, Any] = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})"
        ".then(done, error => done({error: String(error)}));",
        list(tags),
    )
    if "error" in results:
        raise RuntimeError(f"axe-core failed: {results['error']}")
    violations: list[dict[str, Any]] = results["violations"]
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    """One line for each element axe-core faults: the rule's id, its impact, the element and the rule's help."""
    return "\n".join(
        f"{v['id']} ({v['impact']}) {', '.join(map(str, node['target']))}: {v['help']} <{v['helpUrl']}>"
        for v in violations
        for node in v["nodes"]
    )


def overflow(driver: webdriver.Chrome) -> dict[str, Any] | None:
    """None when the page fits its viewport's width; else the widths and the elements that stick out on the right."""
    found: dict[str, Any] | None = driver.execute_script(
        """
        const root = document.documentElement;
        if (root.scrollWidth <= root.clientWidth) return null;
        const wide = [...document.body.querySelectorAll('*')]
            .filter(e => e.getBoundingClientRect().right > root.clientWidth + 0.5)
            .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= root.clientWidth + 0.5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                 + ' right=' + Math.round(e.getBoundingClientRect().right));
        return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, elements: wide.slice(0, 10)};
        """
    )
    return found


def images_without_alt(driver: webdriver.Chrome) -> list[str]:
    """The sources (cut short) of the page's images that have no alt attribute at all (alt="" is decorative)."""
    found: list[str] = driver.execute_script(
        "return [...document.querySelectorAll('img:not([alt]), input[type=image]:not([alt])')]"
        ".map(e => (e.getAttribute('src') || '').slice(0, 80));"
    )
    return found

"""Regenerate the screenshots of Ally's main pages, at 1280 px (a laptop) and 390 px (a phone).

    make screenshots        # or: .venv/bin/python docs/screenshots.py

Builds a fresh demo workspace in a throw-away data directory, serves it with `ally serve`, and drives Debian's
Chromium (/usr/bin/chromium; no browser is downloaded) through Playwright. Writes docs/screenshots/<page>-<width>.png
and the README's docs/screenshot.png (Today at 1280 px).
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

DOCS = Path(__file__).resolve().parent
OUT = DOCS / "screenshots"
ALLY = Path(sys.executable).with_name("ally")
CHROMIUM = "/usr/bin/chromium"
WIDTHS = {1280: 800, 390: 844}
LIST_PAGES = {"today": "/today/", "people": "/people/", "organizations": "/organizations/",
              "opportunities": "/opportunities/", "cases": "/cases/", "customers-made": "/customers-made/",
              "lifetime-value": "/value/", "check-ins": "/check-ins/", "settings": "/settings/tokens/",
              "styleguide": "/settings/styleguide/"}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)  # noqa: S310 - our own local server
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"Ally did not answer at {url}")


def _first(page, base: str, listing: str, pattern: str) -> str | None:
    page.goto(base + listing)
    for href in page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))"):
        if re.fullmatch(pattern, href):
            return href
    return None


def main() -> None:
    if not os.path.exists(CHROMIUM):
        raise SystemExit(f"Debian's chromium is needed at {CHROMIUM} (apt-get install chromium)")
    data = Path(tempfile.mkdtemp(prefix="ally-screenshots-"))
    env = {key: value for key, value in os.environ.items() if key != "ALLY_DATABASE_URL"} | {"ALLY_DATA_DIR": str(data)}
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = None
    try:
        subprocess.run([str(ALLY), "demo", "--no-serve", "--people", "80"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        server = subprocess.Popen([str(ALLY), "serve", "--port", str(port)], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _wait_for(base + "/login/")
        OUT.mkdir(exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
            context = browser.new_context()
            page = context.new_page()
            page.goto(base + "/login/")
            page.fill("input[name=username]", "demo")
            page.fill("input[name=password]", "demo")
            page.click("button[type=submit]")
            page.wait_for_url("**/today/")
            pages = dict(LIST_PAGES)
            for name, listing, pattern in (("person", "/people/", r"/people/\d+/"),
                                           ("opportunity", "/opportunities/all/", r"/opportunities/\d+/"),
                                           ("case", "/cases/", r"/cases/\d+/")):
                found = _first(page, base, listing, pattern)
                if found:
                    pages[name] = found
            if "person" in pages:
                pages["brief"] = pages["person"] + "brief/"
            for width, height in WIDTHS.items():
                page.set_viewport_size({"width": width, "height": height})
                for name, address in pages.items():
                    page.goto(base + address)
                    page.screenshot(path=OUT / f"{name}-{width}.png")
                    print(f"docs/screenshots/{name}-{width}.png")
            shutil.copyfile(OUT / "today-1280.png", DOCS / "screenshot.png")
            print("docs/screenshot.png")
            browser.close()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()

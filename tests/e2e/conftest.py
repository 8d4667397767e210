"""The browser suite: the real app served on loopback, driven by Debian's Chromium through Playwright.

No browser is downloaded: Playwright launches /usr/bin/chromium (``make test`` installs it when
missing). Every page a journey visits is checked with axe-core (WCAG 2.2 A and AA) and must log no
console errors (a Content-Security-Policy violation is one).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
    pytest.skip(f"Chromium is not installed at {CHROMIUM} (make test installs it)", allow_module_level=True)

from playwright.sync_api import Browser  # noqa: E402
from playwright.sync_api import ConsoleMessage  # noqa: E402
from playwright.sync_api import Page  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class LiveServer:
    def __init__(self, app: Flask) -> None:
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture(scope="session")
def live_server(app: Flask) -> Iterator[LiveServer]:
    with LiveServer(app) as server:
        yield server


class Browsing:
    """A person's browser tab, with the checks every page gets."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.console_errors: list[str] = []
        self.visited: list[str] = []
        page.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """Zero axe violations at WCAG 2.2 A and AA, and no console errors, on the page shown now."""
        self.page.wait_for_load_state("load")
        self.visited.append(self.page.url)
        violations = axe_violations(self.page)
        assert violations == [], f"{self.page.url}: {violations}"
        assert self.console_errors == [], f"{self.page.url}: {self.console_errors}"

    def sign_in(self, email: str, password: str) -> None:
        self.goto("/sign-in")
        self.page.get_by_label("Email address").fill(email)
        self.page.get_by_label("Password", exact=True).fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        self.check()
        self.skip_second_factor_offer()

    def skip_second_factor_offer(self) -> None:
        """At a first sign-in govapp offers a second factor; these journeys answer "Not now"."""
        if "/account/two-factor" in self.page.url:
            self.page.get_by_role("link", name="Not now").click()
            self.check()

    def click(self, role: str, name: str, *, exact: bool = False) -> None:
        """Press a link or button and check the page it leads to."""
        self.page.get_by_role(role, name=name, exact=exact).click()  # type: ignore[arg-type]
        self.check()

    def banner(self) -> str:
        """The text of the success banner (a flashed outcome), which every change shows."""
        return self.page.locator(".govuk-notification-banner--success").inner_text()

    def fits(self) -> None:
        """The page does not scroll sideways at the present width (WCAG 1.4.10 reflow)."""
        overflow = self.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{self.page.url} scrolls sideways by {overflow}px"

    def screenshot(self, name: str) -> None:
        """Kept in docs/screenshots when GOVAPP_SCREENSHOTS is set (``make screenshots``)."""
        if os.environ.get("GOVAPP_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def axe_violations(page: Page) -> list[dict[str, Any]]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))",
        WCAG_TAGS,
    )
    return list(result)


@pytest.fixture
def open_browser(browser: Browser, live_server: LiveServer) -> Iterator[Any]:
    """Open a fresh browser (own cookies) at a given width: ``open_browser(width=320)``."""
    contexts = []

    def opener(width: int = 1024, height: int = 900) -> Browsing:
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        context.set_default_timeout(int(os.environ.get("E2E_TIMEOUT_MS", "10000")))
        contexts.append(context)
        return Browsing(context.new_page(), live_server.url)

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def set_clock(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Make govapp's clock (read by the live server, which runs in this process) show a given day:
    ``set_clock(date(2027, 3, 22))``, 10am UTC unless told."""
    from govapp import clock

    def setter(day: date, hour: int = 10) -> datetime:
        now = datetime.combine(day, time(hour, 0), tzinfo=UTC)
        monkeypatch.setattr(clock, "now", lambda: now)
        monkeypatch.setattr(clock, "today", lambda: day)
        return now

    return setter

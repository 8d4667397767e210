"""Every kind of page each of the demo's people can reach, in Chromium at 320 pixels: no axe
violation at WCAG 2.2 A and AA, no sideways scrolling (reflow), and no console error. The journeys
check the pages they walk through at both widths; this walk reaches the rest, one page of each kind
(the address with its numbers taken out), by following the links each person is shown."""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urldefrag
from urllib.parse import urlparse

from flask import Flask

from tests.conftest import DEMO_TODAY
from tests.conftest import World
from tests.e2e.conftest import axe_violations
from tests.views.test_every_link import NOT_FOLLOWED
from tests.views.test_every_link import _kind

#: Files, not pages: a browser downloads them.
FILES = re.compile(r"\.(docx|ics|csv|pdf|zip)$")
LINKS = "() => Array.from(document.querySelectorAll('a[href]:not([download])')).map(a => a.getAttribute('href'))"


def test_every_kind_of_page_passes_axe_and_fits_320_pixels(
    app: Flask, demo: World, open_browser: Any, set_clock: Any
) -> None:
    set_clock(DEMO_TODAY)
    problems: list[str] = []
    reached = 0
    for role in demo.accounts:
        tab = open_browser(width=320)
        tab.sign_in(demo.email(role), demo.password)
        kinds: set[str] = set()
        queue = deque(["/"])
        while queue:
            path = queue.popleft()
            if _kind(path) in kinds or FILES.search(urlparse(path).path):
                continue
            kinds.add(_kind(path))
            response = tab.page.goto(tab.base_url + path)
            if response is None or response.status != 200 or "text/html" not in response.headers["content-type"]:
                continue
            reached += 1
            problems += [
                f"{role} {path}: {v['id']} ({v['help']}) at {v['nodes'][:2]}" for v in axe_violations(tab.page)
            ]
            overflow = tab.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{role} {path}: scrolls sideways by {overflow}px")
            problems += [f"{role} {path}: console error {error}" for error in tab.console_errors]
            tab.console_errors.clear()
            for href in tab.page.evaluate(LINKS):
                target = urlparse(urldefrag(href)[0])
                link = target.path + (f"?{target.query}" if target.query else "")
                if not target.netloc and link.startswith("/") and not link.startswith(NOT_FOLLOWED):
                    queue.append(link)
    assert reached > 100, f"the walk reached only {reached} pages"
    assert problems == []

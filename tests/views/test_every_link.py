"""Every link a person is shown leads to a page they may open: starting from the home page, each
role of the test Panel follows the links on every page it reaches (one or two pages of each kind),
and none answers with a refusal, a missing page or a server error, or shows template syntax."""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urldefrag
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from tests.conftest import World
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import signed_in

#: Links not followed: signing out ends the walk, files and the API are not pages.
NOT_FOLLOWED = ("/sign-out", "/static/", "/api/")
#: Pages of one kind (their address with the numbers taken out) visited at most this often.
EACH_KIND = 2
LEAKED = re.compile(r"\{\{|\}\}|\{%|%\}|Traceback|viewer\.|current_user\.")


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _walk(client, start: str = "/") -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    problems: list[str] = []
    seen: set[str] = set()
    kinds: dict[str, int] = {}
    queue = deque([(start, "")])
    while queue:
        path, shown_on = queue.popleft()
        if path in seen or kinds.get(_kind(path), 0) >= EACH_KIND:
            continue
        seen.add(path)
        kinds[_kind(path)] = kinds.get(_kind(path), 0) + 1
        response = client.get(path)
        if response.status_code != 200:
            problems.append(f"{path} answers {response.status_code} (a link on {shown_on or 'nothing'})")
            continue
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        soup = BeautifulSoup(response.get_data(as_text=True), "html.parser")
        text = (soup.find("main") or soup).get_text(" ", strip=True)
        problems += [f"{path} shows {m.group(0)!r}" for m in LEAKED.finditer(text)]
        for anchor in soup.find_all("a", href=True):
            target = urlparse(urldefrag(anchor["href"])[0])
            if target.netloc and target.netloc not in ("localhost", "govapp.example.org"):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link.startswith("/") and not link.startswith(NOT_FOLLOWED) and not anchor.has_attr("download"):
                queue.append((link, path))
    return problems, len(seen)


@pytest.mark.parametrize("role", ["chair", "member", "secretariat", "officer", "admin"])
def test_every_link_a_person_is_shown_opens_a_page_they_may_see(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch, role: str
) -> None:
    freeze_clock(monkeypatch)
    problems, pages = _walk(signed_in(app, world, role))
    assert pages >= 3, f"the walk reached only {pages} pages"
    assert problems == []

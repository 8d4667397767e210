"""Every link a person is shown leads to a page they may open, and every form on those pages, sent
with hostile values, answers with words rather than a server error.

Starting from the home page, each role of the test Panel follows the links on every page it reaches
(one or two pages of each kind: the address with its numbers taken out)."""

from __future__ import annotations

import random
import re
from collections import deque
from collections.abc import Iterator
from urllib.parse import urldefrag
from urllib.parse import urljoin
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import World
from tests.meetings.helpers import freeze_clock
from tests.meetings.helpers import signed_in

#: Links not followed: signing out ends the walk, files and the API are not pages.
NOT_FOLLOWED = ("/sign-out", "/static/", "/api/")
#: Pages of one kind (their address with the numbers taken out) visited at most this often.
EACH_KIND = 2
LEAKED = re.compile(r"\{\{|\}\}|\{%|%\}|Traceback|viewer\.|current_user\.")
#: What a person might type, paste or forge: blank, far too long, control and bidi characters,
#: markup, impossible numbers and dates, and characters beyond the basic plane.
HOSTILE = ["", "x" * 20_000, "\u202e\x00\x07", "<script>alert(1)</script>", "-1", "9" * 25, "2026-02-30", "😀"]
#: Forms not sent: they end the session or change the person's own sign-in.
NOT_SENT = ("sign-out", "second-factor", "password", "deactivate", "sessions")


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def _pages(client: FlaskClient, problems: list[str], each_kind: int = EACH_KIND) -> Iterator[tuple[str, BeautifulSoup]]:
    """Each page reached from home by following links, with its parsed HTML; what a link led to that
    is not a page the person may see goes into ``problems``."""
    seen: set[str] = set()
    kinds: dict[str, int] = {}
    queue = deque([("/", "")])
    while queue:
        path, shown_on = queue.popleft()
        if path in seen or kinds.get(_kind(path), 0) >= each_kind:
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
        yield path, soup
        for anchor in soup.find_all("a", href=True):
            target = urlparse(urldefrag(anchor["href"])[0])
            if target.netloc and target.netloc not in ("localhost", "govapp.example.org"):
                continue
            link = target.path + (f"?{target.query}" if target.query else "")
            if link.startswith("/") and not link.startswith(NOT_FOLLOWED) and not anchor.has_attr("download"):
                queue.append((link, path))


ROLES = ["chair", "member", "secretariat", "officer", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_link_a_person_is_shown_opens_a_page_they_may_see(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch, role: str
) -> None:
    freeze_clock(monkeypatch)
    problems: list[str] = []
    pages = 0
    for path, soup in _pages(signed_in(app, world, role), problems):
        pages += 1
        text = (soup.find("main") or soup).get_text(" ", strip=True)
        problems += [f"{path} shows {m.group(0)!r}" for m in LEAKED.finditer(text)]
    assert pages >= 3, f"the walk reached only {pages} pages"
    assert problems == []


@pytest.mark.parametrize("role", [r for r in ROLES if r != "officer"])
def test_every_form_sent_with_hostile_values_answers_without_a_server_error(
    app: Flask, world: World, monkeypatch: pytest.MonkeyPatch, role: str
) -> None:
    freeze_clock(monkeypatch)
    choose = random.Random(role).choice
    client = signed_in(app, world, role)
    failures: list[str] = []
    sent = 0
    for path, soup in list(_pages(client, [], each_kind=1)):
        for form in soup.find_all("form", method=re.compile("post", re.I)):
            action = urljoin(path, form.get("action") or path)
            if any(word in action for word in NOT_SENT):
                continue
            data = {}
            for field in form.find_all(["input", "textarea", "select"]):
                name = field.get("name")
                if not name or field.get("type") == "file":
                    continue
                hidden = field.get("type") == "hidden"
                data[name] = field.get("value", "") if hidden else choose(HOSTILE)
            response = client.post(action, data=data)
            sent += 1
            if response.status_code >= 500:
                failures.append(f"POST {action} (the form on {path}) answered {response.status_code}")
    assert sent >= 3, f"only {sent} forms were sent"
    assert failures == []

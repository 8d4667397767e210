from __future__ import annotations

import random
import re
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup
from flask import Flask

from tests.conftest import World
from tests.meetings.helpers import freeze_clock, signed_in
from tests.views.test_every_link import _kind

GARBAGE = ["", "x" * 20000, "\u202e\u0000bad", "<script>alert(1)</script>", "-1", "99999999999999999999", "2026-02-30", "😀"]


def _pages(client):  # type: ignore[no-untyped-def]
    from collections import deque
    from urllib.parse import urldefrag, urlparse
    seen, kinds, out = set(), {}, []
    queue = deque(["/"])
    while queue:
        path = queue.popleft()
        if path in seen or kinds.get(_kind(path), 0) >= 1:
            continue
        seen.add(path)
        kinds[_kind(path)] = 1
        r = client.get(path)
        if r.status_code != 200 or "text/html" not in r.headers.get("Content-Type", ""):
            continue
        html = r.get_data(as_text=True)
        out.append((path, html))
        for a in BeautifulSoup(html, "html.parser").find_all("a", href=True):
            t = urlparse(urldefrag(a["href"])[0])
            link = t.path + (f"?{t.query}" if t.query else "")
            if link.startswith("/") and not link.startswith(("/sign-out", "/static/", "/api/")):
                queue.append(link)
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_forms(app: Flask, world: World, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    freeze_clock(monkeypatch)
    rnd = random.Random(seed)
    report = []
    for role in ("secretariat", "chair", "member", "admin"):
        client = signed_in(app, world, role)
        for path, html in _pages(client):
            soup = BeautifulSoup(html, "html.parser")
            for form in soup.find_all("form"):
                if (form.get("method") or "get").lower() != "post":
                    continue
                action = urljoin(path, form.get("action") or path)
                if "sign-out" in action or "second-factor" in action or "password" in action or "deactivate" in action:
                    continue
                data = {}
                for inp in form.find_all(["input", "textarea", "select"]):
                    name = inp.get("name")
                    if not name:
                        continue
                    if name in ("csrf_token", "submission") or inp.get("type") == "hidden":
                        data[name] = inp.get("value", "")
                    elif inp.get("type") == "file":
                        continue
                    else:
                        data[name] = rnd.choice(GARBAGE)
                r = client.post(action, data=data)
                if r.status_code >= 500:
                    report.append(f"{role} {r.status_code} POST {action} from {path} data={ {k: v[:30] for k, v in data.items()} }")
            # re-sign in if signed out
        client = None
    with open(f"/tmp/crawl/forms{seed}.txt", "w") as f:
        f.write("\n".join(report))
    assert not report, report[:5]

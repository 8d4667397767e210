"""The console and the vote page in real Chromium: accessible (axe) and usable 320 pixels wide."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Flask

from tests.conftest import Demo
from tests.proceedings.pages import everyone_present
from tests.proceedings.pages import next_meeting_with_item


def test_the_console_and_the_chairs_pages_fit_a_320_pixel_wide_screen(
    app: Flask, demo: Demo, open_browser: Any, set_clock: Any
) -> None:
    set_clock(date(2026, 12, 3), hour=9)  # the meeting's day, when its record opens
    setting = next_meeting_with_item(app, demo)
    everyone_present(app, demo, setting)
    narrow = open_browser(width=320, height=640)
    narrow.sign_in(demo.email("secretariat"), demo.password)
    for path in (f"/meetings/{setting.meeting_id}/console", "/committees/cmr-panel/attendance-report"):
        narrow.goto(path)
        overflow = narrow.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    chair = open_browser(width=320, height=640)
    chair.sign_in(demo.email("chair"), demo.password)
    for path in ("/committees/cmr-panel/requests", "/committees/cmr-panel/absences"):
        chair.goto(path)
        overflow = chair.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"

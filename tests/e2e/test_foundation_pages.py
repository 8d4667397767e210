"""Signing in and the first pages, in real Chromium: accessible, keyboard-operable, usable at 320px."""

from __future__ import annotations

from typing import Any

from tests.conftest import Demo


def test_a_member_signs_in_and_reaches_their_committee(open_browser: Any, demo: Demo) -> None:
    member = open_browser()
    member.goto("/sign-in")
    member.screenshot("sign-in")
    member.sign_in(demo.email("member"), demo.password)
    assert member.page.get_by_role("heading", level=1).inner_text().startswith("Hello,")
    member.screenshot("home-member")
    member.page.get_by_role("link", name="Case Management Review Panel").click()
    member.check()
    assert member.page.get_by_role("heading", level=1).inner_text() == "Case Management Review Panel"
    assert "including the Chair" in member.page.locator("#standing-order-figures").inner_text()
    member.screenshot("committee")


def test_a_wrong_password_shows_an_error_summary_that_takes_focus(open_browser: Any, demo: Demo) -> None:
    person = open_browser()
    person.sign_in(demo.email("member"), "not the right password")
    summary = person.page.locator(".govuk-error-summary")
    assert "Enter a correct email address and password" in summary.inner_text()
    assert person.page.title().startswith("Error: ")
    focused = person.page.evaluate("() => document.activeElement.closest('.govuk-error-summary') !== null")
    assert focused


def test_signing_in_with_the_keyboard_alone(open_browser: Any, demo: Demo) -> None:
    person = open_browser()
    person.goto("/sign-in")
    page = person.page
    page.keyboard.press("Tab")  # the skip link comes first
    assert page.evaluate("() => document.activeElement.textContent.trim()") == "Skip to main content"
    page.get_by_label("Email address").focus()
    page.keyboard.type(demo.email("member"))
    page.keyboard.press("Tab")
    page.keyboard.type(demo.password)
    page.keyboard.press("Enter")
    page.wait_for_url("**/account/two-factor**")  # the first sign-in offers a second factor
    person.check()
    page.get_by_role("link", name="Not now").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    person.check()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hello,")


def test_pages_fit_a_320_pixel_wide_screen(open_browser: Any, demo: Demo) -> None:
    narrow = open_browser(width=320, height=640)
    narrow.sign_in(demo.email("chair"), demo.password)
    for path in ("/", "/committees/cmr-panel"):
        narrow.goto(path)
        overflow = narrow.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_the_account_security_pages_pass_axe_and_fit_320_pixels(open_browser: Any, demo: Demo) -> None:
    person = open_browser(width=320, height=640)
    person.sign_in(demo.email("member"), demo.password)
    for path, heading in (
        ("/account/two-factor", "Second factor"),
        ("/account/sessions", "Where you are signed in"),
        ("/account/password", "Change your password"),
    ):
        person.goto(path)  # checked with axe (WCAG 2.2 A and AA) on arrival
        assert person.page.get_by_role("heading", level=1).inner_text() == heading
        overflow = person.page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"
    person.goto("/account/sessions")
    assert "This browser" in person.page.locator("#sessions").inner_text()

"""The staff pages in a real headless Chromium: sign in, queue, dispute, keyboard reply, XSS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser_support import (
    ARTIFACTS,
    Seeded,
    chromium,
    live_server,
    recording_tab,
    require_browser,
)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """One live server with seeded data for the module."""
    require_browser()
    with live_server(tmp_path_factory.mktemp("browser")) as seeded:
        yield seeded


@pytest.fixture(scope="module")
def browser(server: Seeded) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, server: Seeded) -> Iterator[Any]:
    """A fresh browser context that records dialogs and CSP or script errors."""
    with recording_tab(browser, server.base_url) as tab:
        yield tab


def _shot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.screenshot(path=str(path), full_page=True)
    return path


def _sign_in(tab: Any, server: Seeded, target: str = "/desk") -> None:
    tab.goto(target)
    assert "/login" in tab.url
    tab.get_by_label("Username").fill(server.username)
    tab.get_by_label("Password").fill("correct horse battery")
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"**{target}")


def test_sign_in_queue_and_dispute_pages(page: Any, server: Seeded) -> None:
    page.goto("/login")
    _shot(page, "login")
    _sign_in(page, server)
    assert page.get_by_role("heading", name="Queue").is_visible()
    assert page.get_by_role("link", name="Blender arrived broken").is_visible()
    _shot(page, "queue")
    page.get_by_role("link", name="Blender arrived broken").click()
    page.wait_for_url(f"**/desk/disputes/{server.threat_id}")
    marks = page.locator(".message-inbound mark.risk")
    assert marks.count() >= 1
    assert "dispute the charge with my bank" in " ".join(marks.all_inner_texts())
    assert page.get_by_text("ORD-10042").is_visible()
    assert page.get_by_role("link", name="Charged for delivery twice").count() == 1
    _shot(page, "dispute")
    assert page.errors == []


def test_filters_update_the_queue_without_a_full_reload(page: Any, server: Seeded) -> None:
    _sign_in(page, server)
    page.evaluate("window.__stayed = true")
    page.get_by_label("Priority").select_option("high")
    page.wait_for_url("**priority=high**")
    page.wait_for_function("document.querySelectorAll('#queue-results tbody tr').length === 1")
    assert page.evaluate("window.__stayed") is True
    assert page.get_by_role("link", name="Blender arrived broken").is_visible()
    _shot(page, "queue-filtered")
    assert page.errors == []


def test_reply_with_the_keyboard_only(page: Any, server: Seeded) -> None:
    _sign_in(page, server, f"/desk/disputes/{server.threat_id}")
    page.evaluate("window.__stayed = true")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "reply-body":
            break
    else:
        pytest.fail("Tab never reached the reply box")
    text = (
        "Hi Rosa, I am really sorry the blender arrived broken - I understand how frustrating "
        "that is. Under our warranty policy we will send a replacement today at no cost. You "
        "will receive tracking details by email within 24 hours, and I will follow up on Friday "
        "to make sure it arrived. Could you confirm your delivery address is still current?"
    )
    page.keyboard.type(text)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "reply-submit"
    page.keyboard.press("Enter")
    page.locator(".message-outbound").filter(has_text="send a replacement today").wait_for()
    assert page.get_by_role("status").inner_text().startswith("Your reply was sent")
    assert page.evaluate("window.__stayed") is True
    assert page.locator("#reply-body").input_value() == ""
    _shot(page, "dispute-after-reply")
    assert page.errors == []


def test_a_script_in_a_customer_message_never_runs(page: Any, server: Seeded) -> None:
    _sign_in(page, server)
    page.goto(f"/desk/disputes/{server.xss_id}")
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []
    assert page.locator(".message-inbound .message-body").first.inner_text().startswith("<script>")
    _shot(page, "dispute-xss")
    page.goto("/desk")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert page.dialogs == []


def test_a_refused_form_shows_its_error_in_place_and_takes_focus(page: Any, server: Seeded) -> None:
    _sign_in(page, server, f"/desk/disputes/{server.threat_id}")
    page.evaluate("window.__stayed = true")
    page.locator("#resolve-submit").focus()
    page.keyboard.press("Enter")
    error = page.locator("#resolve-outcome-error")
    error.wait_for()
    assert error.inner_text()
    # Focus moves to the first invalid field once htmx has settled the swap.
    page.wait_for_function("document.activeElement.id === 'resolve-outcome'", timeout=3000)
    assert page.evaluate("window.__stayed") is True
    _shot(page, "dispute-validation-error")
    # Chromium logs every 4xx response; the 422 is the answer the page shows, not a failure.
    assert [e for e in page.errors if "status of 422" not in e] == []

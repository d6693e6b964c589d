"""The coach, remedies and supervisor views in a real headless Chromium (CSP enforced)."""

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
    shot,
    sign_in,
)

pytestmark = pytest.mark.browser
WEAK = "That is our policy. You should have read the instructions."
BETTER = (
    "Hi Rosa, I am really sorry the blender arrived broken - I understand how frustrating "
    "that is. Under our warranty policy we will repair it at no cost. You will receive a "
    "prepaid label by email within 24 hours, and I will follow up on Friday to make sure it "
    "is sorted. Could you confirm your delivery address is still current?"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """One live server with seeded data for the module."""
    require_browser()
    with live_server(tmp_path_factory.mktemp("browser-desk")) as seeded:
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


def _part(tab: Any, selector: str, name: str) -> Path:
    """A screenshot of one region, legible at full size."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    tab.locator(selector).screenshot(path=str(path), caret="initial")
    return path


def _real_errors(tab: Any) -> list[str]:
    # Chromium logs every 4xx; a 422 is a refused form the page shows, not a failure.
    return [e for e in tab.errors if "status of 422" not in e]


def test_the_coach_reports_as_the_agent_types(page: Any, server: Seeded) -> None:
    sign_in(page, "agent1", f"/desk/disputes/{server.threat_id}")
    page.evaluate("window.__stayed = true")
    assert page.locator("#coach-report .coach-empty").is_visible()
    page.locator("#reply-body").click()
    page.keyboard.type(WEAK)
    verdict = page.locator("#coach-verdict.coach-fail")
    verdict.wait_for()
    assert "Below the send threshold of 70" in verdict.inner_text()
    assert page.evaluate("document.activeElement.id") == "reply-body"  # typing goes on
    assert page.locator(".coach-findings .finding-blame").is_visible()
    assert "should have read the instructions" in page.locator(".coach-findings").inner_text()
    shot(page, "coach-live-fail")
    _part(page, "#reply-workspace", "coach-panel-fail")
    page.locator("#reply-body").fill("")
    page.locator("#reply-body").click()
    page.keyboard.type(BETTER)
    page.locator("#coach-verdict.coach-pass").wait_for()
    assert page.evaluate("window.__stayed") is True
    shot(page, "coach-live-pass")
    assert _real_errors(page) == []


def test_draft_a_reply_fills_the_editor_in_one_click(page: Any, server: Seeded) -> None:
    sign_in(page, "agent1", f"/desk/disputes/{server.threat_id}")
    page.evaluate("window.__stayed = true")
    page.get_by_label("Tone").select_option("formal")
    page.get_by_role("button", name="Draft a reply").click()
    page.locator("#draft-notice").wait_for()
    text = page.locator("#reply-body").input_value()
    assert "Rosa" in text
    assert page.locator("#coach-verdict").is_visible()
    assert page.get_by_label("Tone").input_value() == "formal"
    assert page.evaluate("window.__stayed") is True
    shot(page, "coach-draft")
    _part(page, "#reply-workspace", "coach-panel-draft")
    assert _real_errors(page) == []


def test_an_offer_above_authority_is_approved_by_a_supervisor(
    browser: Any, page: Any, server: Seeded
) -> None:
    sign_in(page, "agent1", f"/desk/disputes/{server.threat_id}")
    assert page.locator("#remedy-refund_full .remedy-yes").is_visible()
    assert page.locator("#remedy-replacement .remedy-no").is_visible()
    page.get_by_label("Remedy", exact=True).select_option("refund_full")
    page.get_by_label("Amount (USD)").fill("500")
    page.get_by_role("button", name="Make the offer").click()
    page.locator("#offer-amount-error").wait_for()
    assert "returns-30-days" in page.locator("#offer-amount-error").inner_text()
    page.wait_for_function("document.activeElement.id === 'offer-amount'", timeout=3000)
    shot(page, "remedies-refused")
    page.get_by_label("Amount (USD)").fill("129.99")
    page.get_by_role("button", name="Make the offer").click()
    page.get_by_text("it now waits for approval by a supervisor").wait_for()
    assert page.locator(".offer-pending_approval").is_visible()
    page.locator("#remedy-refund_full summary").click()
    assert page.locator("#remedy-refund_full .clause").is_visible()
    shot(page, "remedies-pending")
    _part(page, "#remedies", "remedies-panel")
    assert _real_errors(page) == []

    context = browser.new_context(base_url=server.base_url, viewport={"width": 1360, "height": 900})
    boss = context.new_page()
    try:
        sign_in(boss, "sup1", "/desk/approvals")
        assert boss.get_by_role("link", name="Approvals").is_visible()
        item = boss.locator(".approval").first
        assert "Blender arrived broken" in item.inner_text()
        assert "returns-30-days" in item.inner_text()
        shot(boss, "approvals")
        item.get_by_role("button", name="Approve").click()
        boss.locator(".approval .field-error").wait_for()
        boss.wait_for_function("document.activeElement.name === 'reason'", timeout=3000)
        shot(boss, "approvals-reason-required")
        boss.locator(".approval textarea").fill("Gold customer, second fault")
        boss.locator(".approval").get_by_role("button", name="Approve").click()
        boss.get_by_text("The offer was approved").wait_for()
        assert boss.get_by_text("Nothing is waiting for your approval").is_visible()
    finally:
        context.close()

    page.reload()
    offered = page.locator(".offer-offered")
    offered.wait_for()
    offered.get_by_role("button", name="Customer accepted").click()
    page.locator(".offer-accepted").wait_for()
    shot(page, "remedies-accepted")
    assert _real_errors(page) == []


def test_boards_and_notifications(browser: Any, page: Any, server: Seeded) -> None:
    sign_in(page, "agent1", f"/desk/disputes/{server.xss_id}")
    page.get_by_label("Level").select_option("manager")
    page.get_by_label("Reason", exact=True).fill("Customer asks for a manager")
    page.get_by_role("button", name="Save escalation").click()
    page.get_by_text("The escalation was saved.").wait_for()
    page.locator(".site-header").get_by_role("link", name="SLA").click()
    page.wait_for_url("**/desk/sla")
    assert page.get_by_role("heading", name="SLA board").is_visible()
    assert page.locator(".sla-board tbody tr").count() >= 2
    shot(page, "sla-board")
    page.get_by_role("link", name="Escalations").click()
    page.wait_for_url("**/desk/escalations")
    assert page.locator(f"#escalation-row-{server.xss_id}").is_visible()
    assert page.evaluate("window.__xss") is None
    shot(page, "escalations")
    assert page.get_by_role("link", name="Approvals").count() == 0
    page.goto(f"/desk/disputes/{server.threat_id}")
    assert page.get_by_role("heading", name="SLA").is_visible()
    shot(page, "dispute-sla")
    _part(page, ".dispute-header", "dispute-sla-header")
    assert _real_errors(page) == []

    context = browser.new_context(base_url=server.base_url, viewport={"width": 1360, "height": 900})
    boss = context.new_page()
    try:
        sign_in(boss, "sup1", "/desk/sla")
        count = int(boss.locator("#notification-count").inner_text())
        boss.locator("#notifications-link").click()
        boss.wait_for_url("**/desk/notifications")
        assert boss.locator(".notification").count() == count
        shot(boss, "notifications")
    finally:
        context.close()

"""One dispute end to end in a real Chromium: portal -> desk -> offer -> resolution -> survey.

Every step a person takes goes through the pages; only what the desk does by itself (issuing
the customer's link, the worker running the due follow-up) is done the way the product does it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from disputedesk.actors import Actor
from disputedesk.config import get_settings
from disputedesk.customers.schemas import CustomerCreate, OrderCreate
from disputedesk.customers.service import add_order, create_customer, find_customer_by_email
from disputedesk.disputes.schemas import DisputeCreate
from disputedesk.disputes.service import open_dispute
from disputedesk.portal.cli import CLI_ACTOR
from disputedesk.portal.service import create_link
from disputedesk.workflow.models import Job, Survey
from disputedesk.workflow.worker import run_pending
from tests.web.browser_support import (
    SECRET,
    Seeded,
    chromium,
    live_server,
    recording_tab,
    require_browser,
    shot,
    sign_in,
)

pytestmark = pytest.mark.browser
POOR = "That is our policy. You should have read the instructions before using it."
COMPLAINT = (
    "The jug of my blender cracked after a week and now it leaks all over the counter. "
    "I paid $129.99 for it and I am really disappointed. I would like some of my money back."
)


@dataclass
class Shopper:
    """A customer of the live server: their email, their order, and their portal link."""

    name: str
    email: str
    order_number: str
    order_label: str
    link: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    """A live server whose customer links and survey links are signed with its secret."""
    require_browser()
    with pytest.MonkeyPatch.context() as patch:
        # Portal links and survey links are signed with the process's DISPUTEDESK_SECRET_KEY.
        patch.setenv("DISPUTEDESK_SECRET_KEY", SECRET)
        get_settings.cache_clear()
        with live_server(tmp_path_factory.mktemp("browser-journey")) as seeded:
            yield seeded
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def browser(server: Seeded) -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    with chromium() as launched:
        yield launched


def _shopper(server: Seeded, name: str, order_number: str, *, past: str = "") -> Shopper:
    """A customer with an order delivered last week (and maybe a past dispute), and a link.

    The link is issued as `disputedesk link create EMAIL` issues it: the customer found by
    email, then `portal.service.create_link` on the desk's clock.
    """
    email = f"{name.split()[0].lower()}@example.com"
    now = server.clock()
    with server.factory() as s, s.begin():
        customer = create_customer(
            session=s, data=CustomerCreate(name=name, email=email, tier="gold"), now=now
        )
        add_order(
            session=s,
            customer_id=customer.id,
            data=OrderCreate(
                number=order_number,
                amount_minor=12999,
                purchased_at=now - timedelta(days=10),
                delivered_at=now - timedelta(days=7),
                warranty_until=now + timedelta(days=355),
                fulfilment_status="delivered",
                items=[
                    {"sku": "BL-1", "name": "Blender", "quantity": 1, "unit_amount_minor": 12999}
                ],
            ),
            now=now,
        )
        if past:
            open_dispute(
                session=s,
                data=DisputeCreate(customer_id=customer.id, subject=past, description=past),
                actor=Actor(kind="customer", id=customer.id, name=name),
                now=now - timedelta(days=30),
            )
    with server.factory() as s, s.begin():
        found = find_customer_by_email(session=s, email=email)
        assert found is not None
        link = create_link(
            session=s, customer_id=found.id, dispute_id=None, now=now, actor=CLI_ACTOR
        ).path
    label = f"{order_number} · {(now - timedelta(days=10)):%Y-%m-%d} · Blender"
    return Shopper(name, email, order_number, label, link)


def _file_a_dispute(tab: Any, shopper: Shopper, subject: str, text: str, picture: str) -> int:
    """From the portal's home page, file a dispute about the shopper's order; its id."""
    from playwright.sync_api import expect

    tab.get_by_role("link", name="File a new dispute").click()
    tab.wait_for_url("**/disputes/new")
    tab.get_by_label("What is it about?").fill(subject)
    tab.get_by_label("Which order?").select_option(label=shopper.order_label)
    tab.get_by_label("What would you like us to do?").select_option("refund")
    tab.get_by_label("What happened?").fill(text)
    shot(tab, picture)
    tab.get_by_role("button", name="Send my dispute").click()
    tab.wait_for_url(re.compile(r"/disputes/\d+\?done=filed$"))
    expect(tab.get_by_role("status")).to_contain_text("your dispute has been received")
    return int(re.findall(r"/disputes/(\d+)", tab.url)[-1])


def _open_from_the_link(tab: Any, shopper: Shopper, subject: str, status: str) -> None:
    """The customer opens their link again and goes to one dispute, checking its status."""
    from playwright.sync_api import expect

    tab.goto(shopper.link)
    row = tab.locator("tr").filter(has=tab.get_by_role("link", name=subject))
    expect(row).to_contain_text(status)
    row.get_by_role("link", name=subject).click()
    expect(tab.get_by_role("heading", name=subject)).to_be_visible()


def _run_the_due_follow_up(server: Seeded, dispute_id: int) -> None:
    """Move the desk's clock to the follow-up's due time and let the worker run it."""
    with server.factory() as s:
        due = s.scalar(
            select(Job.due_at).where(Job.dispute_id == dispute_id, Job.kind == "follow_up")
        )
    assert due is not None, "resolving schedules the follow-up"
    server.clock.now = max(server.clock.now, due)
    run_pending(server.factory, now=server.clock.now, worker="browser-test")


def _survey_answered(server: Seeded, dispute_id: int) -> list[Any]:
    with server.factory() as s:
        return list(s.scalars(select(Survey.answered_at).where(Survey.dispute_id == dispute_id)))


def test_a_dispute_from_the_portal_through_the_desk_to_the_survey(
    browser: Any, server: Seeded
) -> None:
    from playwright.sync_api import expect

    nora = _shopper(server, "Nora Jansen", "ORD-20077", past="Charged for delivery twice")
    with (
        recording_tab(browser, server.base_url) as customer,
        recording_tab(browser, server.base_url) as agent,
        recording_tab(browser, server.base_url) as boss,
    ):
        # The customer opens their link and files a dispute about one of their orders.
        customer.goto(nora.link)
        expect(customer.get_by_role("heading", name="Your disputes")).to_be_visible()
        expect(customer.get_by_role("link", name="Charged for delivery twice")).to_be_visible()
        shot(customer, "journey-1-portal-home")
        dispute_id = _file_a_dispute(
            customer, nora, "Blender jug cracked and leaks", COMPLAINT, "journey-2-portal-file"
        )
        expect(customer.locator("#dispute-status")).to_have_text("Received")
        expect(customer.get_by_text(nora.order_number)).to_be_visible()

        # An agent signs in, finds it in the queue and opens it.
        sign_in(agent, "agent1", "/desk")
        expect(agent.get_by_role("heading", name="Queue")).to_be_visible()
        agent.get_by_role("link", name="Blender jug cracked and leaks").click()
        agent.wait_for_url(f"**/desk/disputes/{dispute_id}")
        expect(agent.locator("#dispute-title")).to_contain_text("Blender jug cracked and leaks")
        inbound = agent.locator(".message-inbound").first
        expect(inbound.locator(".message-body")).to_contain_text("cracked after a week")
        analysis = inbound.get_by_label("Analysis of this message")
        expect(analysis).to_be_visible()
        expect(analysis).to_contain_text("Sentiment")
        expect(analysis).to_contain_text("Category:")
        records = agent.locator(".records")
        this_order = records.locator(".order.this-order")
        expect(this_order).to_contain_text(nora.order_number)
        expect(this_order).to_contain_text("this dispute")
        expect(this_order).to_contain_text("in warranty")
        expect(records.get_by_role("link", name="Charged for delivery twice")).to_be_visible()
        shot(agent, "journey-3-desk-dispute")

        # A poor draft: the coach holds it back and says why, while the agent types.
        agent.locator("#reply-body").click()
        agent.keyboard.type(POOR)
        expect(agent.locator("#coach-verdict")).to_contain_text("Below the send threshold")
        expect(agent.locator(".coach-findings .finding").first).to_be_visible()
        expect(agent.locator(".coach-findings")).to_contain_text("should have read")
        shot(agent, "journey-4-coach-poor-draft")
        # The one-click draft for this step of the playbook passes.
        agent.get_by_role("button", name="Draft a reply").click()
        expect(agent.locator("#draft-notice")).to_be_visible()
        expect(agent.locator("#reply-body")).to_have_value(re.compile("Nora"))
        expect(agent.locator("#coach-verdict")).to_contain_text("Ready to send")
        expect(agent.locator(".coach-findings")).to_have_count(0)
        shot(agent, "journey-5-coach-draft-passes")
        drafted = agent.locator("#reply-body").input_value()
        agent.get_by_role("button", name="Send reply").click()
        expect(agent.locator(".dispute-page > .notice")).to_have_text(
            "Your reply was sent to the customer."
        )
        sent = agent.locator(".message-outbound")
        expect(sent).to_have_count(1)
        expect(sent.locator(".coach-score")).to_contain_text("Coach score")
        expect(agent.locator("#reply-body")).to_have_value("")

        # An offer the policy lets an agent make on their own: half the order, capped at $50.
        remedy = agent.get_by_label("Remedy", exact=True)
        remedy.select_option("refund_partial")
        agent.get_by_label("Amount (USD)").fill("40")
        agent.get_by_role("button", name="Make the offer").click()
        expect(agent.locator(".dispute-page > .notice")).to_contain_text("The offer was recorded")
        offer = agent.locator(".offers .offer").first
        expect(offer).to_contain_text("USD 40.00")
        expect(offer.locator(".offer-status")).to_have_text("offered")
        expect(agent.locator(".dispute-header .status")).to_have_text("offer made")
        shot(agent, "journey-6-desk-offer")

        # The customer sees the reply and the offer, and accepts it.
        _open_from_the_link(customer, nora, "Blender jug cracked and leaks", "An offer is waiting")
        expect(customer.locator("#dispute-status")).to_have_text("An offer is waiting for you")
        care = customer.locator(".message-outbound .message-body")
        expect(care).to_have_text(drafted.strip())
        portal_offer = customer.locator(".portal-offer")
        expect(portal_offer).to_contain_text("USD 40.00")
        expect(portal_offer).to_contain_text("Waiting for your answer")
        shot(customer, "journey-7-portal-offer")
        customer.get_by_label("A note with your answer (optional)").fill("Thank you, that works.")
        customer.get_by_role("button", name="Accept this offer").click()
        customer.wait_for_url("**?done=accepted")
        expect(customer.get_by_role("status")).to_have_text(
            "You accepted the offer. We will get on with it and let you know."
        )
        expect(portal_offer).to_contain_text("You accepted")
        expect(customer.get_by_role("button", name="Accept this offer")).to_have_count(0)

        # The agent sees the acceptance and resolves the dispute.
        agent.reload()
        expect(offer.locator(".offer-status")).to_have_text("accepted")
        expect(offer).to_contain_text("Thank you, that works.")
        agent.get_by_label("Outcome").select_option("remedied")
        agent.get_by_label("Root cause").select_option("product_quality")
        agent.get_by_role("button", name="Resolve", exact=True).click()
        expect(agent.locator(".dispute-page > .notice")).to_contain_text("The dispute was resolved")
        expect(agent.locator(".dispute-header .status")).to_have_text("resolved")
        expect(agent.locator(".dispute-header")).to_contain_text("remedied (product quality)")
        shot(agent, "journey-8-desk-resolved")

        # The follow-up falls due and the worker runs it: the survey link now exists.
        _run_the_due_follow_up(server, dispute_id)
        _open_from_the_link(customer, nora, "Blender jug cracked and leaks", "Resolved")
        expect(customer.locator("#dispute-status")).to_have_text("Resolved")
        customer.get_by_role("link", name="Tell us in our short survey").click()
        customer.wait_for_url("**/survey/**")
        expect(customer.get_by_role("heading", name="How did we do?")).to_be_visible()
        assert _survey_answered(server, dispute_id) == [None]  # opening it recorded nothing
        shot(customer, "journey-9-survey")
        customer.get_by_label("4 — Happy").check()
        customer.get_by_label("Anything you would like to tell us? (optional)").fill(
            "Quick and fair, thank you."
        )
        customer.get_by_role("button", name="Send my answer").click()
        expect(customer.get_by_text("Thank you — your answer has been recorded.")).to_be_visible()
        assert _survey_answered(server, dispute_id) != [None]
        shot(customer, "journey-10-survey-sent")

        # A supervisor opens the dispute: the rating is in its header, every step in its history.
        sign_in(boss, "sup1", f"/desk/disputes/{dispute_id}")
        expect(boss.locator("#customer-rating")).to_have_text("4/5 Quick and fair, thank you.")
        history = boss.locator(".history tbody tr")
        expect(history.filter(has_text="survey.completed")).to_contain_text("rating")
        expect(history.filter(has_text="survey.completed")).to_contain_text("4")
        # The history lists the newest first; read it as it happened.
        timeline = [k.strip() for k in history.locator("td:nth-child(2)").all_inner_texts()][::-1]
        steps = iter(timeline)
        for step in (
            "dispute.opened",
            "message.sent",
            "offer.made",
            "offer.accepted",
            "dispute.status_changed",
            "follow_up.sent",
            "survey.completed",
        ):
            assert step in steps, (step, timeline)  # each step, in this order
        opened = history.filter(has_text="dispute.opened")
        expect(opened).to_contain_text("(customer)")
        accepted = history.filter(has_text="offer.accepted")
        expect(accepted).to_contain_text("(customer)")
        shot(boss, "journey-11-history")

        for tab in (customer, agent, boss):
            assert tab.errors == [], tab.errors
            assert tab.dialogs == [], tab.dialogs


def test_an_offer_above_the_agents_authority_reaches_the_customer_once_approved(
    browser: Any, server: Seeded
) -> None:
    from playwright.sync_api import expect

    omar = _shopper(server, "Omar Haddad", "ORD-20078")
    subject = "Blender will not switch on"
    with (
        recording_tab(browser, server.base_url) as customer,
        recording_tab(browser, server.base_url) as agent,
        recording_tab(browser, server.base_url) as boss,
    ):
        customer.goto(omar.link)
        text = "The blender I bought last week does not switch on at all. I want my money back."
        dispute_id = _file_a_dispute(customer, omar, subject, text, "approval-1-portal-file")

        # The full price is above what an agent may refund alone: it waits for a supervisor.
        sign_in(agent, "agent1", f"/desk/disputes/{dispute_id}")
        expect(agent.locator("#remedy-refund_full")).to_contain_text("needs a supervisor")
        agent.get_by_label("Remedy", exact=True).select_option("refund_full")
        agent.get_by_label("Amount (USD)").fill("129.99")
        agent.get_by_label("Note (optional, for staff)").fill("Dead on arrival, gold customer")
        agent.get_by_role("button", name="Make the offer").click()
        expect(agent.locator(".dispute-page > .notice")).to_contain_text(
            "it now waits for approval by a supervisor"
        )
        offer = agent.locator(".offers .offer").first
        expect(offer.locator(".offer-status")).to_have_text("pending approval")
        shot(agent, "approval-2-desk-pending")

        # Until it is approved the customer is not offered anything.
        _open_from_the_link(customer, omar, subject, "Received")
        expect(customer.get_by_role("heading", name="What we offer")).to_have_count(0)

        # A supervisor approves it from the approvals page, with a reason.
        sign_in(boss, "sup1", "/desk/approvals")
        request = boss.locator(".approval").filter(has_text=subject)
        expect(request).to_contain_text("USD 129.99")
        expect(request).to_contain_text("returns-30-days")
        expect(request).to_contain_text("Dead on arrival, gold customer")
        shot(boss, "approval-3-approvals")
        request.get_by_label("Reason (required, recorded)").fill("Faulty on arrival, refund it")
        request.get_by_role("button", name="Approve").click()
        expect(boss.get_by_role("status")).to_have_text(
            "The offer was approved and can now be put to the customer."
        )
        expect(boss.locator(".approval").filter(has_text=subject)).to_have_count(0)

        # Now the customer sees it and accepts it.
        _open_from_the_link(customer, omar, subject, "An offer is waiting for you")
        portal_offer = customer.locator(".portal-offer")
        expect(portal_offer).to_contain_text("A full refund")
        expect(portal_offer).to_contain_text("USD 129.99")
        expect(portal_offer).not_to_contain_text("Dead on arrival")  # staff notes stay inside
        customer.get_by_role("button", name="Accept this offer").click()
        customer.wait_for_url("**?done=accepted")
        expect(portal_offer).to_contain_text("You accepted")
        shot(customer, "approval-4-portal-accepted")

        agent.reload()
        expect(offer.locator(".offer-status")).to_have_text("accepted")
        expect(offer).to_contain_text("Faulty on arrival, refund it")
        history = agent.locator(".history tbody tr")
        timeline = [k.strip() for k in history.locator("td:nth-child(2)").all_inner_texts()][::-1]
        steps = iter(timeline)
        for step in ("offer.approval_requested", "offer.approved", "offer.accepted"):
            assert step in steps, (step, timeline)
        expect(history.filter(has_text="offer.approved")).to_contain_text("(staff)")
        expect(history.filter(has_text="offer.accepted")).to_contain_text("(customer)")
        shot(agent, "approval-5-desk-accepted")

        for tab in (customer, agent, boss):
            assert tab.errors == [], tab.errors
            assert tab.dialogs == [], tab.dialogs

"""Supervisor views: approvals, the SLA board, escalations; notifications; SLA on the dispute."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.workflow.models import Notification
from disputedesk.workflow.worker import sweep_sla
from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute, make_order
from tests.web.conftest import Desk, sign_in

THREAT = "The blender caught fire in my kitchen. I will sue you and report you to the regulator."


@pytest.fixture
def boss(web: TestClient, api: TestClient, staff: dict[str, StaffMember]) -> Iterator[Desk]:
    """A second browser signed in as the supervisor, on the same app."""
    with TestClient(web.app, base_url="http://testserver") as client:
        csrf = sign_in(client, staff["supervisor"].username)
        yield Desk(client=client, api=api, csrf=csrf, member=staff["supervisor"])


def _dispute(desk: Desk, **overrides: Any) -> dict[str, Any]:
    customer = make_customer(desk.api)
    order = make_order(desk.api, customer["id"])
    return make_dispute(desk.api, customer_id=customer["id"], order_id=order["id"], **overrides)


def _detail(desk: Desk, dispute_id: int) -> dict[str, Any]:
    data: dict[str, Any] = desk.api.get(f"/api/v1/disputes/{dispute_id}").json()
    return data


def _pending_offer(desk: Desk) -> tuple[dict[str, Any], dict[str, Any]]:
    """A dispute with a full refund above the agent's limit, waiting for a supervisor."""
    dispute = _dispute(desk, subject="Refund <b>please</b>")
    response = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 12999, "note": "Loyal customer"},
    )
    assert response.status_code == 201, response.text
    offer: dict[str, Any] = response.json()
    assert offer["status"] == "pending_approval"
    return dispute, offer


def test_an_agent_gets_the_forbidden_page_and_no_approvals_link(desk: Desk) -> None:
    dispute, offer = _pending_offer(desk)
    page = desk.client.get("/desk/approvals")
    assert page.status_code == 403
    assert "Approvals are for supervisors" in page.text
    assert 'href="/desk/approvals"' not in desk.client.get("/desk").text
    post = desk.post(f"/desk/approvals/{offer['id']}", {"decision": "approve", "reason": "ok"})
    assert post.status_code == 403
    offers = desk.api.get(f"/api/v1/disputes/{dispute['id']}/offers").json()
    assert offers[0]["status"] == "pending_approval"


def test_a_supervisor_sees_what_is_waiting(boss: Desk, desk: Desk) -> None:
    dispute, offer = _pending_offer(desk)
    assert 'href="/desk/approvals"' in boss.client.get("/desk").text
    page = boss.client.get("/desk/approvals")
    assert page.status_code == 200
    item = page.text[page.text.index(f'id="approval-{offer["id"]}"') :]
    assert f'href="/desk/disputes/{dispute["id"]}"' in item
    assert "Refund &lt;b&gt;please&lt;/b&gt;" in item
    assert "refund full" in item
    assert "USD 129.99" in item
    assert "returns-30-days" in item
    assert "30-day returns" in item
    assert "agent1" in item  # who asked
    assert "Loyal customer" in item


def test_approving_needs_a_reason_next_to_the_field(boss: Desk, desk: Desk) -> None:
    dispute, offer = _pending_offer(desk)
    url = f"/desk/approvals/{offer['id']}"
    refused = boss.post(url, {"decision": "approve", "reason": "  "})
    assert refused.status_code == 422
    assert re.search(rf'id="approval-{offer["id"]}-reason-error">[^<]+</p>', refused.text)
    offers = desk.api.get(f"/api/v1/disputes/{dispute['id']}/offers").json()
    assert offers[0]["status"] == "pending_approval"
    ok = boss.post(url, {"decision": "approve", "reason": "Long-standing customer"})
    assert ok.status_code == 303
    assert ok.headers["location"] == "/desk/approvals?done=approved"
    after = desk.api.get(f"/api/v1/disputes/{dispute['id']}/offers").json()[0]
    assert (after["status"], after["decision_reason"]) == ("offered", "Long-standing customer")
    assert _detail(desk, dispute["id"])["status"] == "offer_made"
    assert "Nothing is waiting for your approval" in boss.client.get(ok.headers["location"]).text


def test_declining_over_htmx_updates_the_list_in_place(boss: Desk, desk: Desk) -> None:
    dispute, offer = _pending_offer(desk)
    response = boss.client.post(
        f"/desk/approvals/{offer['id']}",
        data={"decision": "decline", "reason": "Outside the window", "csrf_token": boss.csrf},
        headers={"HX-Request": "true", "HX-Target": "approvals"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="approvals"')
    assert "The offer was declined" in response.text
    after = desk.api.get(f"/api/v1/disputes/{dispute['id']}/offers").json()[0]
    assert after["status"] == "rejected"
    # A second decision on the same request is refused with the reason at the top.
    again = boss.post(f"/desk/approvals/{offer['id']}", {"decision": "approve", "reason": "x"})
    assert again.status_code == 409
    assert re.search(r'id="approvals-error">[^<]*not waiting for approval', again.text)


def test_a_decision_must_be_approve_or_decline(boss: Desk, desk: Desk) -> None:
    _, offer = _pending_offer(desk)
    response = boss.post(f"/desk/approvals/{offer['id']}", {"decision": "", "reason": "fine"})
    assert response.status_code == 422
    assert f'id="approval-{offer["id"]}-decision-error"' in response.text


def test_the_sla_board_lists_open_disputes_by_due_time(desk: Desk, clock: Clock) -> None:
    normal = _dispute(desk, subject="Normal one")
    urgent = _dispute(desk, subject="Urgent one", description=THREAT)
    clock.advance(minutes=5)
    later = _dispute(desk, subject="Later one")
    done = _dispute(desk, subject="Finished one")
    resolved = desk.api.post(
        f"/api/v1/disputes/{done['id']}/transitions",
        json={"to": "resolved", "version": 1, "outcome": "explained", "root_cause": "other"},
    )
    assert resolved.status_code == 200, resolved.text
    page = desk.client.get("/desk/sla")
    assert page.status_code == 200
    order = [int(i) for i in re.findall(r'id="sla-row-(\d+)"', page.text)]
    ids = [normal["id"], urgent["id"], later["id"]]
    expected = sorted(ids, key=lambda i: (_detail(desk, i)["sla_due_at"], i))
    assert [i for i in order if i in ids] == expected
    assert expected[0] == urgent["id"]
    assert done["id"] not in order
    row = page.text[page.text.index(f'id="sla-row-{urgent["id"]}"') :]
    for reason in _detail(desk, urgent["id"])["priority_reasons"]:
        assert reason in row
    assert "in 55 min" in row  # urgent: first response due an hour after it opened, 5 min ago


def test_the_queue_can_be_sorted_by_sla_due_time(desk: Desk, clock: Clock) -> None:
    urgent = _dispute(desk, subject="Urgent one", description=THREAT)
    clock.advance(minutes=5)
    normal = _dispute(desk, subject="Normal one")  # updated last: first by the default sort
    default = desk.client.get("/desk").text
    assert default.index(f'/desk/disputes/{normal["id"]}"') < default.index(
        f'/desk/disputes/{urgent["id"]}"'
    )
    page = desk.client.get("/desk?sort=sla").text
    assert '<option value="sla" selected>' in page
    assert page.index(f'/desk/disputes/{urgent["id"]}"') < page.index(
        f'/desk/disputes/{normal["id"]}"'
    )


def test_a_missed_sla_shows_breached_and_a_paused_one_paused(
    desk: Desk, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    late = _dispute(desk, subject="Late one")
    waiting = _dispute(desk, subject="Waiting one")
    for to, version in (("investigating", 1), ("awaiting_customer", 2)):
        moved = desk.api.post(
            f"/api/v1/disputes/{waiting['id']}/transitions", json={"to": to, "version": version}
        )
        assert moved.status_code == 200, moved.text
    clock.advance(hours=10)  # past the 8-hour first response; the web session lasts 12 hours
    sweep_sla(session_factory, now=clock())
    assert _detail(desk, late["id"])["sla_breached"] is True
    assert _detail(desk, waiting["id"])["sla_paused"] is True
    page = desk.client.get("/desk/sla").text
    late_row = page[page.index(f'id="sla-row-{late["id"]}"') :].split("</tr>")[0]
    waiting_row = page[page.index(f'id="sla-row-{waiting["id"]}"') :].split("</tr>")[0]
    assert "sla-breached" in late_row
    assert "overdue by" in late_row
    assert "sla-paused" in waiting_row
    assert "sla-breached" not in waiting_row
    dispute_page = desk.client.get(f"/desk/disputes/{late['id']}").text
    assert '<span class="badge sla-breached">breached</span>' in dispute_page


def test_escalations_list_escalated_disputes_with_their_flags(desk: Desk) -> None:
    flagged = _dispute(desk, subject="Fire hazard", description=THREAT)
    calm = _dispute(desk, subject="Calm one")
    by_hand = _dispute(desk, subject="Asked for a supervisor")
    escalated = desk.api.post(
        f"/api/v1/disputes/{by_hand['id']}/escalation",
        json={"level": "supervisor", "reason": "Customer asked", "version": 1},
    )
    assert escalated.status_code == 200, escalated.text
    detail = _detail(desk, flagged["id"])
    assert detail["escalation_level"] in ("supervisor", "manager")
    assert {"legal", "safety"} <= set(detail["flags"])
    page = desk.client.get("/desk/escalations").text
    ids = [int(i) for i in re.findall(r'id="escalation-row-(\d+)"', page)]
    assert flagged["id"] in ids
    assert by_hand["id"] in ids
    assert calm["id"] not in ids
    row = page[page.index(f'id="escalation-row-{flagged["id"]}"') :].split("</tr>")[0]
    assert '<span class="badge flag flag-legal">legal</span>' in row
    assert '<span class="badge flag flag-safety">safety</span>' in row


def test_the_dispute_page_shows_sla_clocks_reasons_and_flags(desk: Desk) -> None:
    dispute = _dispute(desk, description=THREAT)
    detail = _detail(desk, dispute["id"])
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    clocks = page[page.index('id="sla-title"') : page.index("</dl>", page.index('id="sla-title"'))]
    assert "First response due" in clocks
    assert "Next response due" in clocks
    assert "Resolution due" in clocks
    for key in ("sla_first_response_due_at", "sla_resolution_due_at"):
        assert detail[key].replace("Z", "+00:00") in clocks
    for reason in detail["priority_reasons"]:
        assert reason in page
    assert f"Why {detail['priority']} priority" in page
    flags = re.search(r'id="dispute-flags">(.*?)</p>', page, re.S)
    assert flags
    assert "flag-legal" in flags.group(1)
    assert "flag-safety" in flags.group(1)


def _notify(factory: sessionmaker[Session], clock: Clock, **fields: Any) -> None:
    with factory() as s, s.begin():
        s.add(Notification(created_at=clock(), kind="sla_breach", **fields))


def test_the_header_counts_unread_notifications_for_the_user_and_their_role(
    desk: Desk, staff: dict[str, StaffMember], session_factory: sessionmaker[Session], clock: Clock
) -> None:
    dispute = _dispute(desk)
    assert re.search(r'id="notification-count">0<', desk.client.get("/desk").text)
    _notify(
        session_factory,
        clock,
        user_id=desk.member.id,
        text="For <i>you</i>",
        dispute_id=dispute["id"],
    )
    _notify(session_factory, clock, role="agent", text="For all agents")
    _notify(session_factory, clock, role="supervisor", text="For supervisors only")
    _notify(session_factory, clock, user_id=staff["manager"].id, text="For the manager")
    page = desk.client.get("/desk").text
    assert re.search(r'id="notification-count">2<', page)
    assert 'href="/desk/notifications"' in page
    listing = desk.client.get("/desk/notifications").text
    assert "For &lt;i&gt;you&lt;/i&gt;" in listing
    assert "For all agents" in listing
    assert "For supervisors only" not in listing
    assert "For the manager" not in listing
    assert f'href="/desk/disputes/{dispute["id"]}"' in listing
    assert listing.index("For all agents") < listing.index("For &lt;i&gt;you&lt;/i&gt;")


def test_boards_need_a_signed_in_user(web: TestClient) -> None:
    for path in ("/desk/sla", "/desk/escalations", "/desk/approvals", "/desk/notifications"):
        response = web.get(path, follow_redirects=False)
        assert response.status_code == 303
        assert response.headers["location"].startswith("/login?next=")

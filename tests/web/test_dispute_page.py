"""The dispute page: records, evidence in the customer's words, escaping, and every form."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import StaffMember
from tests.factories import make_customer, make_dispute, make_order
from tests.web.conftest import Desk

THREAT = "This is ridiculous. I will dispute the charge with my bank and leave a 1-star review."
XSS = "<script>alert(1)</script><img src=x onerror=alert(2)>"
GOOD_REPLY = (
    "Hi, I am really sorry the blender arrived broken - I understand how frustrating that is. "
    "Under our warranty policy we will send a replacement today at no cost. You will receive "
    "tracking details by email within 24 hours, and I will follow up on Friday to make sure it "
    "arrived safely. Could you confirm your delivery address is still current?"
)
WEAK_REPLY = "That is our policy. You should have read the instructions."


def _dispute(desk: Desk, **overrides: Any) -> dict[str, Any]:
    return make_dispute(desk.api, **overrides)


def _detail(desk: Desk, dispute_id: int) -> dict[str, Any]:
    data: dict[str, Any] = desk.api.get(f"/api/v1/disputes/{dispute_id}").json()
    return data


def test_page_shows_header_records_and_past_disputes(desk: Desk) -> None:
    customer = make_customer(desk.api, name="Ivo Brandt")
    order = make_order(desk.api, customer["id"], number="ORD-77001")
    make_order(desk.api, customer["id"], number="ORD-77002", warranty_until="2026-01-01T00:00:00Z")
    older = _dispute(desk, customer_id=customer["id"], subject="Earlier trouble")
    dispute = _dispute(desk, customer_id=customer["id"], order_id=order["id"])
    page = desk.client.get(f"/desk/disputes/{dispute['id']}")
    assert page.status_code == 200
    html = page.text
    assert "Blender arrived broken" in html
    assert "Ivo Brandt" in html
    assert "ORD-77001" in html
    assert "ORD-77002" in html
    assert "in warranty" in html
    assert "expired" in html
    assert "this dispute" in html
    assert f'href="/desk/disputes/{older["id"]}"' in html
    assert "Earlier trouble" in html
    assert "<dt>Version</dt><dd>1</dd>" in html
    assert "dispute.opened" in html


def test_each_risk_is_marked_in_the_customers_words(desk: Desk) -> None:
    dispute = _dispute(desk, description=THREAT)
    message = _detail(desk, dispute["id"])["messages"][0]
    risks = message["analysis"]["risks"]
    assert risks, "the analysis found no risk in a clear chargeback threat"
    html = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    for risk in risks:
        exact = message["body"][risk["start"] : risk["end"]]
        assert f'title="{risk["kind"].replace("_", " ")}">{exact}</mark>' in html
    assert "anger-" in html
    assert "Sentiment" in html


def test_a_script_in_a_customer_message_is_shown_as_text(desk: Desk) -> None:
    dispute = _dispute(desk, subject=f"Hi {XSS}", description=f"I will sue you. {XSS}")
    desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": f"again {XSS}", "author_name": XSS},
    )
    for url in ("/desk", f"/desk/disputes/{dispute['id']}"):
        html = desk.client.get(url).text
        assert "<script>alert(1)</script>" not in html
        assert "<img src=x" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reply_posts_then_redirects_back_with_a_notice(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/messages",
        {"direction": "outbound", "body": GOOD_REPLY},
    )
    assert response.status_code == 303, response.text
    assert response.headers["location"] == f"/desk/disputes/{dispute['id']}?done=reply"
    page = desk.client.get(response.headers["location"])
    assert "Your reply was sent" in page.text
    assert 'class="message message-outbound"' in page.text
    assert "a replacement today" in page.text
    assert re.search(r"Coach score \d+/100", page.text)
    events = desk.api.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    assert events[-1]["kind"] == "message.sent"
    assert events[-1]["actor_name"] == "agent1"


def test_a_reply_the_coach_holds_back_can_be_sent_with_a_reason(desk: Desk) -> None:
    dispute = _dispute(desk)
    url = f"/desk/disputes/{dispute['id']}/messages"
    held = desk.post(url, {"direction": "outbound", "body": WEAK_REPLY})
    assert held.status_code == 422
    assert re.search(r'id="reply-body-error">[^<]*coach scores this reply', held.text)
    assert 'id="reply-override"' in held.text
    assert "That is our policy" in held.text
    sent = desk.post(
        url,
        {"direction": "outbound", "body": WEAK_REPLY, "override_reason": "Customer asked for it"},
    )
    assert sent.status_code == 303
    kinds = [
        e["kind"] for e in desk.api.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    ]
    assert "reply.coach_overridden" in kinds


def test_note_over_htmx_returns_the_updated_region(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/messages",
        {"direction": "note", "body": "Checked the courier: lost."},
        htmx=True,
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="dispute-page"')
    assert 'class="message message-note"' in response.text
    assert "Your internal note was added" in response.text


def test_an_empty_reply_shows_the_error_next_to_the_field(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/messages", {"direction": "outbound", "body": "   "}
    )
    assert response.status_code == 422
    assert 'id="reply-body-error"' in response.text
    assert 'aria-invalid="true"' in response.text
    assert len(_detail(desk, dispute["id"])["messages"]) == 1


def test_transition_moves_the_status_and_shows_the_next_ones(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/transition", {"to": "investigating", "version": "1"}
    )
    assert response.status_code == 303
    assert _detail(desk, dispute["id"])["status"] == "investigating"
    page = desk.client.get(response.headers["location"]).text
    assert 'value="offer_made"' in page
    assert "The status was changed" in page


def test_resolving_without_outcome_and_root_cause_is_explained_on_the_form(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/transition",
        {"to": "resolved", "version": "1", "outcome": "", "root_cause": ""},
    )
    assert response.status_code == 422
    assert re.search(r'id="resolve-outcome-error">[^<]+</p>', response.text)
    assert re.search(r'id="resolve-root-cause-error">[^<]+</p>', response.text)
    assert _detail(desk, dispute["id"])["status"] == "new"
    ok = desk.post(
        f"/desk/disputes/{dispute['id']}/transition",
        {"to": "resolved", "version": "1", "outcome": "remedied", "root_cause": "courier_delay"},
    )
    assert ok.status_code == 303
    detail = _detail(desk, dispute["id"])
    assert (detail["status"], detail["outcome"]) == ("resolved", "remedied")
    assert "The dispute was resolved" in desk.client.get(ok.headers["location"]).text


def test_a_stale_version_shows_the_conflict_and_keeps_what_was_typed(desk: Desk) -> None:
    dispute = _dispute(desk)
    desk.api.patch(f"/api/v1/disputes/{dispute['id']}", json={"version": 1, "priority": "high"})
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/escalate",
        {"level": "supervisor", "reason": "Customer asked for a manager", "version": "1"},
        htmx=True,
    )
    assert response.status_code == 409
    assert "changed while you were working on it" in response.text
    assert "Someone else changed this dispute" in response.text
    assert "Customer asked for a manager" in response.text
    assert "<dt>Version</dt><dd>2</dd>" in response.text
    assert _detail(desk, dispute["id"])["escalation_level"] == "none"


def test_escalation_needs_a_reason_next_to_the_field(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/escalate",
        {"level": "supervisor", "reason": "", "version": "1"},
    )
    assert response.status_code == 422
    assert re.search(r'id="escalate-reason-error">[^<]+</p>', response.text)
    ok = desk.post(
        f"/desk/disputes/{dispute['id']}/escalate",
        {"level": "manager", "reason": "Legal threat", "version": "1"},
    )
    assert ok.status_code == 303
    assert _detail(desk, dispute["id"])["escalation_level"] == "manager"


def test_assign_to_a_colleague_and_back_to_unassigned(
    desk: Desk, staff: dict[str, StaffMember]
) -> None:
    dispute = _dispute(desk)
    url = f"/desk/disputes/{dispute['id']}/assign"
    supervisor = str(staff["supervisor"].id)
    assert desk.post(url, {"assignee_id": supervisor, "version": "1"}).status_code == 303
    assert _detail(desk, dispute["id"])["assignee_id"] == staff["supervisor"].id
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    assert f'<option value="{supervisor}" selected>' in page
    assert desk.post(url, {"assignee_id": "", "version": "2"}).status_code == 303
    assert _detail(desk, dispute["id"])["assignee_id"] is None
    unknown = desk.post(url, {"assignee_id": "999999", "version": "3"})
    assert unknown.status_code == 404
    assert 'id="assign-to-error"' in unknown.text


def test_reopening_asks_for_a_reason(desk: Desk) -> None:
    dispute = _dispute(desk)
    desk.post(
        f"/desk/disputes/{dispute['id']}/transition",
        {"to": "resolved", "version": "1", "outcome": "explained", "root_cause": "other"},
    )
    page = desk.client.get(f"/desk/disputes/{dispute['id']}").text
    assert "Why reopen?" in page
    refused = desk.post(
        f"/desk/disputes/{dispute['id']}/transition", {"to": "investigating", "version": "2"}
    )
    assert refused.status_code == 422
    assert 'id="transition-reason-error"' in refused.text
    ok = desk.post(
        f"/desk/disputes/{dispute['id']}/transition",
        {"to": "investigating", "version": "2", "reason": "Customer wrote back"},
    )
    assert ok.status_code == 303


def test_an_illegal_transition_names_the_allowed_ones(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/transition", {"to": "closed", "version": "1"}
    )
    assert response.status_code == 409
    assert "may move to" in response.text


def test_a_missing_dispute_is_a_friendly_404(desk: Desk) -> None:
    response = desk.client.get("/desk/disputes/987654")
    assert response.status_code == 404
    assert "Dispute 987654 was not found" in response.text


def test_dispute_page_shows_the_playbook_ticked_from_what_happened(desk: Desk) -> None:
    dispute = _dispute(desk, category="product_defect")
    page = desk.client.get(f"/desk/disputes/{dispute['id']}")
    assert page.status_code == 200
    assert "Playbook" in page.text
    assert "Listened" in page.text
    assert "Apologised where due" in page.text
    assert "playbook-done" in page.text
    assert "playbook-todo" in page.text

"""The portal pages: what a customer sees, replying, filing, answering offers, form tokens."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session, sessionmaker

from disputedesk.workflow.models import Survey
from tests.conftest import Clock
from tests.factories import make_customer, make_order
from tests.portal.conftest import Portal, form_token_of

NOTE = "INTERNAL-NOTE: customer seems to be bluffing about the bank"
THREAT = "This is the third time I write. I will dispute the charge with my bank and sue you."


def test_conversation_shows_messages_but_never_notes_analysis_or_staff_fields(
    portal: Portal,
) -> None:
    alice = portal.holder()
    d = alice.dispute_id
    portal.api.post(f"/api/v1/disputes/{d}/messages", json={"direction": "note", "body": NOTE})
    portal.api.post(f"/api/v1/disputes/{d}/messages", json={"direction": "inbound", "body": THREAT})
    portal.api.post(
        f"/api/v1/disputes/{d}/messages",
        json={
            "direction": "outbound",
            "body": "Thanks for your patience; we are checking with the courier today.",
            "override_reason": "short holding reply",
        },
    )
    staff_view = portal.dispute(d)
    assert staff_view["risk_flags"]  # the analysis found something the customer must not see
    page = portal.web.get(f"{alice.path}/disputes/{d}")
    assert page.status_code == 200
    assert THREAT in page.text
    assert "we are checking with the courier today" in page.text
    assert NOTE not in page.text
    for hidden in (
        "risk",
        "anger",
        "sentiment",
        "chargeback_threat",
        "legal_threat",
        "priority",
        "coach",
        "escalat",
        "agent1",
        "short holding reply",
        "<mark",
    ):
        assert hidden not in page.text.lower(), hidden
    api = portal.web.get(
        f"/api/v1/portal/disputes/{d}", headers={"X-Customer-Link": alice.path[8:]}
    ).json()
    assert set(api) == {
        "id",
        "subject",
        "status",
        "status_text",
        "order_number",
        "created_at",
        "updated_at",
        "messages",
        "offers",
        "survey_path",
        "can_reply",
    }
    assert [m["from_customer"] for m in api["messages"]] == [True, True, False]
    assert NOTE not in str(api)
    assert set(api["messages"][0]) == {"id", "from_customer", "body", "created_at"}


def test_a_reply_resumes_a_dispute_awaiting_the_customer(portal: Portal, clock: Clock) -> None:
    alice = portal.holder()
    d = alice.dispute_id
    portal.move(d, "acknowledged", "awaiting_customer")
    assert portal.dispute(d)["sla_paused"] is True
    clock.advance(hours=2)
    page = f"{alice.path}/disputes/{d}"
    assert "Waiting for your reply" in portal.web.get(page).text
    sent = portal.post(page, f"{page}/messages", {"body": THREAT})
    assert sent.status_code == 303
    assert sent.headers["location"] == f"{page}?done=reply"
    after = portal.dispute(d)
    assert after["status"] == "investigating"
    assert after["sla_paused"] is False
    assert any(f["kind"] == "chargeback_threat" for f in after["risk_flags"])
    last = portal.api.get(f"/api/v1/disputes/{d}/messages").json()[-1]
    assert (last["direction"], last["channel"]) == ("inbound", "web")
    assert last["analysis"] is not None
    received = [e for e in portal.events(d) if e["kind"] == "message.received"][-1]
    assert (received["actor_kind"], received["actor_id"]) == ("customer", alice.customer_id)
    shown = portal.web.get(sent.headers["location"])
    assert "your message has been sent" in shown.text
    assert "Being looked into" in shown.text


def test_a_reply_on_a_resolved_dispute_reopens_it(portal: Portal, clock: Clock) -> None:
    alice = portal.holder()
    d = alice.dispute_id
    resolved = portal.api.post(
        f"/api/v1/disputes/{d}/transitions",
        json={
            "to": "resolved",
            "version": portal.dispute(d)["version"],
            "outcome": "remedied",
            "root_cause": "product_quality",
            "send_survey": False,
            "no_survey_reason": "test",
        },
    )
    assert resolved.status_code == 200, resolved.text
    clock.advance(days=10)
    page = f"{alice.path}/disputes/{d}"
    sent = portal.post(page, f"{page}/messages", {"body": "The new jug cracked as well."})
    assert sent.status_code == 303
    after = portal.dispute(d)
    assert (after["status"], after["outcome"], after["sla_breached"]) == (
        "investigating",
        None,
        False,
    )
    reopened = [e for e in portal.events(d) if e["kind"] == "dispute.reopened"]
    assert len(reopened) == 1
    assert (reopened[0]["actor_kind"], reopened[0]["after"]["channel"]) == ("customer", "web")
    assert "Being looked into" in portal.web.get(sent.headers["location"]).text


def test_an_empty_reply_is_refused_next_to_the_box(portal: Portal) -> None:
    alice = portal.holder()
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    before = len(portal.api.get(f"/api/v1/disputes/{alice.dispute_id}/messages").json())
    refused = portal.post(page, f"{page}/messages", {"body": "   "})
    assert refused.status_code == 422
    assert 'aria-invalid="true"' in refused.text
    assert "Write your message first" in refused.text
    assert len(portal.api.get(f"/api/v1/disputes/{alice.dispute_id}/messages").json()) == before


def test_forms_need_a_fresh_token_of_this_link_and_this_site(portal: Portal, clock: Clock) -> None:
    alice = portal.holder()
    bob = portal.holder()
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    action = f"{page}/messages"
    count = len(portal.api.get(f"/api/v1/disputes/{alice.dispute_id}/messages").json())
    bobs_token = form_token_of(portal.web.get(f"{bob.path}/disputes/{bob.dispute_id}").text)
    own_token = form_token_of(portal.web.get(page).text)
    for data, headers in (
        ({"body": "no token"}, {}),
        ({"body": "bad", "form_token": "forged"}, {}),
        ({"body": "bob's", "form_token": bobs_token}, {}),
        ({"body": "cross-site", "form_token": own_token}, {"Origin": "https://evil.example"}),
        ({"body": "cross-site", "form_token": own_token}, {"Sec-Fetch-Site": "cross-site"}),
    ):
        response = portal.web.post(action, data=data, headers=headers, follow_redirects=False)
        assert response.status_code == 403, data
        assert "Nothing was changed" in response.text
    clock.advance(hours=12, minutes=1)
    stale = portal.web.post(
        action, data={"body": "late", "form_token": own_token}, follow_redirects=False
    )
    assert stale.status_code == 403
    assert len(portal.api.get(f"/api/v1/disputes/{alice.dispute_id}/messages").json()) == count
    fresh = portal.post(page, action, {"body": "Now it works"}, Origin="http://testserver")
    assert fresh.status_code == 303
    # Browsers send "Origin: null" from a no-referrer page of our own: the token decides.
    private = portal.post(
        page, action, {"body": "From the page"}, Origin="null", **{"Sec-Fetch-Site": "same-origin"}
    )
    assert private.status_code == 303


def test_filing_a_dispute_about_an_own_order(portal: Portal) -> None:
    alice = portal.holder()
    order = make_order(portal.api, alice.customer_id)
    form = f"{alice.path}/disputes/new"
    shown = portal.web.get(form)
    assert order["number"] in shown.text
    filed = portal.post(
        form,
        f"{alice.path}/disputes",
        {
            "subject": "Charged twice",
            "description": "I see two charges for the same order on my statement.",
            "order_id": str(order["id"]),
            "desired_outcome": "refund",
        },
    )
    assert filed.status_code == 303, filed.text
    new_id = int(filed.headers["location"].split("/")[-1].split("?")[0])
    staff = portal.dispute(new_id)
    assert (staff["customer_id"], staff["order_id"], staff["channel"]) == (
        alice.customer_id,
        order["id"],
        "web",
    )
    assert staff["desired_outcome"] == "refund"
    opened = portal.events(new_id)[0]
    assert (opened["kind"], opened["actor_kind"]) == ("dispute.opened", "customer")
    page = portal.web.get(filed.headers["location"])
    assert "your dispute has been received" in page.text
    assert "Charged twice" in portal.web.get(alice.path).text


def test_filing_with_someone_elses_order_is_refused(portal: Portal) -> None:
    alice = portal.holder()
    bob = portal.holder()
    bobs_order = portal.dispute(bob.dispute_id)["order_id"]
    mine_before = portal.api.get(f"/api/v1/customers/{alice.customer_id}/disputes").json()
    form = f"{alice.path}/disputes/new"
    texts = set()
    for order_id in (str(bobs_order), "999999", "abc"):
        refused = portal.post(
            form,
            f"{alice.path}/disputes",
            {"subject": "Not mine", "description": "Trying another order.", "order_id": order_id},
        )
        assert refused.status_code == 422, order_id
        assert "Choose one of your own orders" in refused.text.replace("choose", "Choose")
        assert 'value="Not mine"' in refused.text  # what was typed is kept
        texts.add(refused.text.count("field-error"))
    mine_after = portal.api.get(f"/api/v1/customers/{alice.customer_id}/disputes").json()
    assert mine_after == mine_before
    bob_page = portal.web.get(form).text
    assert f'value="{bobs_order}"' not in bob_page


def test_filing_without_a_subject_shows_the_form_again(portal: Portal) -> None:
    alice = portal.holder()
    refused = portal.post(
        f"{alice.path}/disputes/new",
        f"{alice.path}/disputes",
        {"subject": "", "description": "Something happened."},
    )
    assert refused.status_code == 422
    assert 'id="subject-error"' in refused.text
    assert "Something happened." in refused.text


def test_accepting_an_offer_records_the_customer_as_the_actor(portal: Portal) -> None:
    alice = portal.holder()
    offer = portal.offer(alice.dispute_id)
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    shown = portal.web.get(page)
    assert "A full refund" in shown.text
    assert "USD 50.00" in shown.text
    accepted = portal.post(
        page,
        f"{page}/offers/{offer['id']}",
        {"decision": "accept", "note": "Thank you"},
    )
    assert accepted.status_code == 303
    assert accepted.headers["location"].endswith("?done=accepted")
    event = [e for e in portal.events(alice.dispute_id) if e["kind"] == "offer.accepted"][-1]
    assert (event["actor_kind"], event["actor_id"]) == ("customer", alice.customer_id)
    assert event["after"]["note"] == "Thank you"
    after = portal.web.get(accepted.headers["location"]).text
    assert "You accepted" in after
    assert "Accept this offer" not in after
    again = portal.post(page, f"{page}/offers/{offer['id']}", {"decision": "accept"})
    assert again.status_code == 409  # answered already: shown, with why
    assert "only an open offer can be answered" in again.text


def test_declining_an_offer_sends_the_dispute_back_to_investigation(portal: Portal) -> None:
    alice = portal.holder()
    offer = portal.offer(alice.dispute_id)
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    declined = portal.post(page, f"{page}/offers/{offer['id']}", {"decision": "decline"})
    assert declined.status_code == 303
    assert portal.dispute(alice.dispute_id)["status"] == "investigating"
    event = [e for e in portal.events(alice.dispute_id) if e["kind"] == "offer.declined"][-1]
    assert event["actor_kind"] == "customer"
    odd = portal.post(page, f"{page}/offers/{offer['id']}", {"decision": "maybe"})
    assert odd.status_code in (404, 422)


def test_an_open_survey_is_linked_from_the_dispute(
    portal: Portal, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    alice = portal.holder()
    page = f"{alice.path}/disputes/{alice.dispute_id}"
    assert "/survey/" not in portal.web.get(page).text
    with session_factory() as s, s.begin():
        s.add(
            Survey(
                dispute_id=alice.dispute_id,
                round=1,
                created_at=clock.now,
                expires_at=clock.now + timedelta(days=14),
            )
        )
    shown = portal.web.get(page).text
    assert "Tell us in our short survey" in shown
    survey_path = shown.split('href="/survey/')[1].split('"')[0]
    assert portal.web.get(f"/survey/{survey_path}").status_code == 200
    clock.advance(days=15)
    assert portal.web.get(alice.path).status_code == 404  # the link itself expired too
    fresh = portal.link(alice.customer_id)["path"]
    assert "/survey/" not in portal.web.get(f"{fresh}/disputes/{alice.dispute_id}").text


def test_pages_are_private_no_store_no_referrer(portal: Portal) -> None:
    alice = portal.holder()
    page = portal.web.get(alice.path)
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script" not in page.text
    assert "style=" not in page.text
    css = portal.web.get("/portal-assets/portal.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    customer = make_customer(portal.api)
    empty = portal.web.get(portal.link(customer["id"])["path"])
    assert "You have no disputes with us yet" in empty.text


def test_the_json_api_reads_and_replies_with_the_link_header(portal: Portal) -> None:
    alice = portal.holder()
    header = {"X-Customer-Link": alice.path.removeprefix("/portal/")}
    listed = portal.web.get("/api/v1/portal/disputes", headers=header)
    assert listed.status_code == 200
    assert listed.json()[0]["status_text"] == "Received"
    assert "priority" not in listed.json()[0]
    posted = portal.web.post(
        f"/api/v1/portal/disputes/{alice.dispute_id}/messages",
        json={"body": "Any news?"},
        headers=header,
    )
    assert posted.status_code == 201
    assert posted.json()["from_customer"] is True
    assert portal.web.get("/api/v1/portal/disputes").status_code == 422
    bad = portal.web.get("/api/v1/portal/disputes", headers={"X-Customer-Link": "forged.token"})
    assert bad.status_code == 404
    assert "not valid or has expired" in bad.json()["detail"]

"""A customer who writes again: a resolved dispute reopens, a closed one gets a linked follow-up."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.channels.mail_import import ingest_one
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from tests.conftest import Clock
from tests.factories import make_dispute

IVY = "Ivy Stone <ivy@example.com>"


def mail(subject: str, body: str, in_reply_to: str | None = None) -> tuple[str, bytes]:
    msg = EmailMessage()
    msg["From"] = IVY
    msg["To"] = "help@shop.example"
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="customer.example")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
    msg.set_content(body)
    return str(msg["Message-ID"]), msg.as_bytes()


def receive(factory: sessionmaker[Session], clock: Clock, raw: bytes) -> str:
    return ingest_one(factory=factory, raw=raw, source="test", now=clock())


def move(client: TestClient, dispute_id: int, to: str, **extra: Any) -> dict[str, Any]:
    version = client.get(f"/api/v1/disputes/{dispute_id}").json()["version"]
    response = client.post(
        f"/api/v1/disputes/{dispute_id}/transitions", json={"to": to, "version": version, **extra}
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def resolve(client: TestClient, dispute_id: int) -> dict[str, Any]:
    return move(
        client,
        dispute_id,
        "resolved",
        outcome="remedied",
        root_cause="courier_delay",
        send_survey=False,
        no_survey_reason="test",
    )


def events(factory: sessionmaker[Session], dispute_id: int) -> list[DisputeEvent]:
    with factory() as s:
        return list(
            s.scalars(
                select(DisputeEvent)
                .where(DisputeEvent.dispute_id == dispute_id)
                .order_by(DisputeEvent.id)
            )
        )


def email_dispute(factory: sessionmaker[Session], clock: Clock) -> tuple[int, str]:
    first_id, raw = mail("Parcel never arrived", "My order ORD-7 never came.")
    assert receive(factory, clock, raw) == "opened"
    with factory() as s:
        return s.scalars(select(Dispute.id)).one(), first_id


def test_an_email_reply_reopens_a_resolved_dispute_with_a_fresh_clock(
    session_factory: sessionmaker[Session], agent_client: TestClient, clock: Clock
) -> None:
    dispute_id, first_id = email_dispute(session_factory, clock)
    resolve(agent_client, dispute_id)
    clock.advance(days=20)  # long after every target of the first round
    _, raw = mail("Re: Parcel never arrived", "It still has not come.", in_reply_to=first_id)
    assert receive(session_factory, clock, raw) == "threaded"
    dispute = agent_client.get(f"/api/v1/disputes/{dispute_id}").json()
    assert (dispute["status"], dispute["outcome"], dispute["root_cause"]) == (
        "investigating",
        None,
        None,
    )
    assert dispute["resolved_at"] is None
    reopened = [e for e in events(session_factory, dispute_id) if e.kind == "dispute.reopened"]
    assert len(reopened) == 1
    event = reopened[0]
    assert event.before == {
        "status": "resolved",
        "outcome": "remedied",
        "root_cause": "courier_delay",
    }
    assert event.after is not None
    assert event.after["reason"] == "the customer replied after the dispute was resolved"
    assert event.after["channel"] == "email"
    with session_factory() as s:
        reply = s.scalars(select(Message).where(Message.dispute_id == dispute_id)).all()[-1]
        assert event.after["message_id"] == reply.id
        stored = s.get_one(Dispute, dispute_id)
        # A fresh first-response clock from the reply, not an instant breach.
        assert not stored.sla_breached
        assert stored.sla_first_response_due_at is not None
        assert stored.sla_first_response_due_at > clock()


def test_a_customer_message_through_the_api_reopens_a_resolved_dispute(
    agent_client: TestClient, session_factory: sessionmaker[Session]
) -> None:
    dispute = make_dispute(agent_client)
    resolve(agent_client, dispute["id"])
    response = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": "It broke again.", "channel": "phone"},
    )
    assert response.status_code == 201, response.text
    assert response.json()["dispute_id"] == dispute["id"]
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == (
        "investigating"
    )
    kinds = [e.kind for e in events(session_factory, dispute["id"])]
    assert kinds.index("dispute.reopened") < kinds.index("message.received")


def test_a_note_or_a_reply_by_staff_does_not_reopen(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    resolve(agent_client, dispute["id"])
    response = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "note", "body": "Customer called, all good."},
    )
    assert response.status_code == 201, response.text
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "resolved"


def linked(factory: sessionmaker[Session], closed_id: int) -> list[int]:
    return [
        int((e.after or {})["follow_up"])
        for e in events(factory, closed_id)
        if e.kind == "dispute.followed_up"
    ]


def test_an_email_on_a_closed_dispute_opens_one_follow_up_linked_to_it(
    session_factory: sessionmaker[Session], agent_client: TestClient, clock: Clock
) -> None:
    dispute_id, first_id = email_dispute(session_factory, clock)
    resolve(agent_client, dispute_id)
    move(agent_client, dispute_id, "closed")
    clock.advance(days=40)
    _, raw = mail("Re: Parcel never arrived", "The replacement broke too.", in_reply_to=first_id)
    assert receive(session_factory, clock, raw) == "opened"
    old = agent_client.get(f"/api/v1/disputes/{dispute_id}").json()
    assert (old["status"], old["outcome"]) == ("closed", "remedied")  # its record stands
    [follow_up_id] = linked(session_factory, dispute_id)
    new = agent_client.get(f"/api/v1/disputes/{follow_up_id}").json()
    assert new["customer"]["email"] == "ivy@example.com"
    assert (new["status"], new["channel"], new["subject"]) == (
        "new",
        "email",
        "Parcel never arrived",
    )
    assert "follow-up" in new["tags"]
    assert [m["body"] for m in new["messages"]] == ["The replacement broke too."]
    back = [e.after for e in events(session_factory, follow_up_id) if e.kind == "dispute.linked"]
    assert back == [
        {
            "follow_up_of": dispute_id,
            "reason": f"the customer wrote again after dispute {dispute_id} was closed",
        }
    ]
    # More mail on the old thread goes to the same follow-up, not to a third dispute.
    _, again = mail("Re: Parcel never arrived", "Hello? Anyone?", in_reply_to=first_id)
    assert receive(session_factory, clock, again) == "threaded"
    assert linked(session_factory, dispute_id) == [follow_up_id]
    with session_factory() as s:
        assert len(s.scalars(select(Dispute.id)).all()) == 2
        bodies = s.scalars(select(Message.body).where(Message.dispute_id == follow_up_id)).all()
        assert list(bodies) == ["The replacement broke too.", "Hello? Anyone?"]


def test_when_the_follow_up_is_closed_too_the_next_message_follows_it_up(
    session_factory: sessionmaker[Session], agent_client: TestClient, clock: Clock
) -> None:
    dispute = make_dispute(agent_client)
    resolve(agent_client, dispute["id"])
    move(agent_client, dispute["id"], "closed")
    first = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": "The jug cracked again."},
    )
    assert first.status_code == 201, first.text
    follow_up_id = first.json()["dispute_id"]
    assert follow_up_id != dispute["id"]
    resolve(agent_client, follow_up_id)
    move(agent_client, follow_up_id, "closed")
    second = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": "And a third time."},
    )
    third_id = second.json()["dispute_id"]
    assert third_id not in (dispute["id"], follow_up_id)
    assert linked(session_factory, follow_up_id) == [third_id]
    assert linked(session_factory, dispute["id"]) == [follow_up_id]


def test_a_resolved_follow_up_reopens_when_the_old_thread_gets_mail(
    session_factory: sessionmaker[Session], agent_client: TestClient, clock: Clock
) -> None:
    dispute_id, first_id = email_dispute(session_factory, clock)
    resolve(agent_client, dispute_id)
    move(agent_client, dispute_id, "closed")
    _, raw = mail("Re: Parcel never arrived", "Broken again.", in_reply_to=first_id)
    receive(session_factory, clock, raw)
    [follow_up_id] = linked(session_factory, dispute_id)
    resolve(agent_client, follow_up_id)
    clock.advance(days=2)
    _, more = mail("Re: Parcel never arrived", "Still broken.", in_reply_to=first_id)
    assert receive(session_factory, clock, more) == "threaded"
    assert agent_client.get(f"/api/v1/disputes/{follow_up_id}").json()["status"] == (
        "investigating"
    )
    assert agent_client.get(f"/api/v1/disputes/{dispute_id}").json()["status"] == "closed"

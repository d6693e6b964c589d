"""Mail out: a reply on an email dispute is queued with it and sent through a real SMTP server."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.channels.mail_import import import_mail
from disputedesk.channels.models import OutboxMail
from disputedesk.channels.outbox import MAX_ATTEMPTS, SmtpSettings, send_due_mail
from disputedesk.channels.replies import post_reply
from disputedesk.disputes.models import Dispute, DisputeEvent
from disputedesk.disputes.schemas import MessageCreate
from disputedesk.workflow.worker import run_pending
from tests.channels.conftest import SAMPLES
from tests.conftest import Clock, StaffMember

REPLY = (
    "Hi Jane, I'm sorry the blender arrived cracked. I understand how disappointing that is. "
    "I've arranged a replacement under our warranty policy; it ships tomorrow and you'll get "
    "tracking by email within 2 days. I'll follow up on Friday to make sure it arrived."
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        parsed = message_from_bytes(envelope.original_content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        return "250 OK"


@pytest.fixture
def smtp_server() -> Iterator[tuple[Inbox, SmtpSettings]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, SmtpSettings(host="127.0.0.1", port=port, from_addr="help@shop.example")
    finally:
        controller.stop()


def agent(staff: dict[str, StaffMember]) -> Actor:
    return Actor(kind="staff", id=staff["agent"].id, name="Ana Agent", role="agent")


def email_dispute(factory: sessionmaker[Session], clock: Clock) -> int:
    import_mail(factory=factory, path=SAMPLES / "plain_new.eml", clock=clock)
    clock.advance(minutes=30)
    import_mail(factory=factory, path=SAMPLES / "reply_in_reply_to.eml", clock=clock)
    with factory() as s:
        return s.scalars(select(Dispute.id)).one()


def reply(
    factory: sessionmaker[Session], staff: dict[str, StaffMember], clock: Clock, d: int
) -> int:
    with factory() as s, s.begin():
        message = post_reply(
            session=s,
            dispute_id=d,
            data=MessageCreate(direction="outbound", body=REPLY, override_reason="test"),
            actor=agent(staff),
            now=clock(),
            threshold=0,
        )
        return message.id


def test_reply_is_queued_in_the_same_transaction_and_sent_threaded(
    session_factory: sessionmaker[Session],
    staff: dict[str, StaffMember],
    clock: Clock,
    smtp_server: tuple[Inbox, SmtpSettings],
) -> None:
    inbox, smtp = smtp_server
    dispute_id = email_dispute(session_factory, clock)
    message_id = reply(session_factory, staff, clock, dispute_id)
    with session_factory() as s:
        row = s.scalars(select(OutboxMail)).one()
        assert (row.status, row.attempts, row.dispute_message_id) == ("queued", 0, message_id)
        assert row.to_addr == "jane.doe@example.com"
        assert row.subject == f"Re: Blender arrived broken [DD-{dispute_id}]"
        assert "email.queued" in s.scalars(select(DisputeEvent.kind)).all()
    summary = send_due_mail(session_factory, smtp, clock())
    assert (summary.sent, summary.failed) == (1, 0)
    [mail] = inbox.messages
    assert inbox.envelopes == [("help@shop.example", ["jane.doe@example.com"])]
    assert mail["Subject"] == f"Re: Blender arrived broken [DD-{dispute_id}]"
    assert mail["In-Reply-To"] == "<jane-0002@mail.example.com>"
    assert mail["References"] == "<jane-0001@mail.example.com> <jane-0002@mail.example.com>"
    assert mail["Message-ID"] == row.message_id
    assert mail.get_content_type() == "text/plain"
    assert mail.get_content().strip() == REPLY
    with session_factory() as s:
        sent = s.scalars(select(OutboxMail)).one()
        assert (sent.status, sent.attempts, sent.sent_at) == ("sent", 1, clock())
    assert send_due_mail(session_factory, smtp, clock()).sent == 0


def test_customer_answer_to_our_mail_threads_back(
    session_factory: sessionmaker[Session],
    staff: dict[str, StaffMember],
    clock: Clock,
    tmp_path: Any,
) -> None:
    dispute_id = email_dispute(session_factory, clock)
    reply(session_factory, staff, clock, dispute_id)
    with session_factory() as s:
        ours = s.scalars(select(OutboxMail.message_id)).one()
    answer = (
        "From: Jane Doe <jane.doe@example.com>\nSubject: Re: Blender\n"
        f"Message-ID: <jane-0009@mail.example.com>\nIn-Reply-To: {ours}\n\nThank you!\n"
    )
    (tmp_path / "a.eml").write_text(answer)
    counts = import_mail(factory=session_factory, path=tmp_path / "a.eml", clock=clock)
    assert dict(counts) == {"threaded": 1}


def test_failures_back_off_and_are_never_lost(
    session_factory: sessionmaker[Session],
    staff: dict[str, StaffMember],
    clock: Clock,
    smtp_server: tuple[Inbox, SmtpSettings],
) -> None:
    inbox, smtp = smtp_server
    dispute_id = email_dispute(session_factory, clock)
    reply(session_factory, staff, clock, dispute_id)
    nobody = SmtpSettings(host="127.0.0.1", port=free_port(), from_addr="help@shop.example")
    assert send_due_mail(session_factory, nobody, clock()).failed == 1
    with session_factory() as s:
        row = s.scalars(select(OutboxMail)).one()
        assert (row.status, row.attempts) == ("queued", 1)
        assert row.next_attempt_at == clock() + timedelta(minutes=1)
        assert row.last_error
    assert send_due_mail(session_factory, smtp, clock()).sent == 0
    clock.advance(minutes=1)
    assert send_due_mail(session_factory, smtp, clock()).sent == 1
    assert len(inbox.messages) == 1


def test_gives_up_after_the_last_attempt(
    session_factory: sessionmaker[Session], staff: dict[str, StaffMember], clock: Clock
) -> None:
    dispute_id = email_dispute(session_factory, clock)
    reply(session_factory, staff, clock, dispute_id)
    nobody = SmtpSettings(host="127.0.0.1", port=free_port())
    for _ in range(MAX_ATTEMPTS):
        send_due_mail(session_factory, nobody, clock())
        clock.advance(hours=7)
    with session_factory() as s:
        row = s.scalars(select(OutboxMail)).one()
        assert (row.status, row.attempts) == ("failed", MAX_ATTEMPTS)


def test_replies_on_other_channels_and_notes_are_not_mailed(
    session_factory: sessionmaker[Session], staff: dict[str, StaffMember], clock: Clock
) -> None:
    dispute_id = email_dispute(session_factory, clock)
    with session_factory() as s, s.begin():
        post_reply(
            session=s,
            dispute_id=dispute_id,
            data=MessageCreate(direction="note", body="internal only"),
            actor=agent(staff),
            now=clock(),
            threshold=0,
        )
        s.get_one(Dispute, dispute_id).channel = "web"
    reply(session_factory, staff, clock, dispute_id)
    with session_factory() as s:
        assert s.scalars(select(OutboxMail)).all() == []


def test_the_worker_pass_sends_queued_mail_when_smtp_is_configured(
    session_factory: sessionmaker[Session],
    staff: dict[str, StaffMember],
    clock: Clock,
    smtp_server: tuple[Inbox, SmtpSettings],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inbox, smtp = smtp_server
    dispute_id = email_dispute(session_factory, clock)
    reply(session_factory, staff, clock, dispute_id)
    monkeypatch.delenv("DISPUTEDESK_SMTP_HOST", raising=False)
    run_pending(session_factory, now=clock(), worker="test")
    assert inbox.messages == []  # no SMTP server configured: the mail waits in the outbox
    monkeypatch.setenv("DISPUTEDESK_SMTP_HOST", smtp.host)
    monkeypatch.setenv("DISPUTEDESK_SMTP_PORT", str(smtp.port))
    run_pending(session_factory, now=clock(), worker="test")
    assert len(inbox.messages) == 1
    assert inbox.messages[0]["Subject"].endswith(f"[DD-{dispute_id}]")

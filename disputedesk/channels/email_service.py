"""Received email into disputes: open one for a new mail, thread a reply, quarantine the unreadable.

The caller owns the transaction (one per mail in the importers), so a mail is stored whole or not.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.channels.email_in import ParsedMail, Rejected, parse_mail
from disputedesk.channels.models import MailAttachment, MailMessage, MailQuarantine, OutboxMail
from disputedesk.customers.models import Customer
from disputedesk.customers.schemas import CustomerCreate
from disputedesk.customers.service import create_customer, find_customer_by_email
from disputedesk.disputes.models import Dispute, Message
from disputedesk.disputes.schemas import DisputeCreate, MessageCreate
from disputedesk.disputes.service import add_message, open_dispute

MAX_BODY = 100_000
Outcome = Literal["opened", "threaded", "duplicate", "quarantined"]


@dataclass(frozen=True)
class IngestResult:
    """What happened to one received mail."""

    outcome: Outcome
    dispute_id: int | None = None
    reason: str | None = None


def _known(session: Session, message_id: str) -> bool:
    return (
        session.scalar(select(MailMessage.id).where(MailMessage.message_id == message_id))
        is not None
    )


def _thread_of(session: Session, mail: ParsedMail) -> Dispute | None:
    """The dispute a reply belongs to: by In-Reply-To, References, then a [DD-n] subject token."""
    ids = [i for i in [mail.in_reply_to, *reversed(mail.references)] if i]
    for message_id in ids:
        found = session.scalar(
            select(MailMessage.dispute_id).where(MailMessage.message_id == message_id)
        ) or session.scalar(
            select(OutboxMail.dispute_id).where(OutboxMail.message_id == message_id)
        )
        if found is not None:
            return session.get(Dispute, found)
    token = mail.dispute_token()
    if token is not None and token <= 2_147_483_647:
        dispute = session.get(Dispute, token)
        if dispute is not None and dispute.channel == "email":
            customer = session.get(Customer, dispute.customer_id)
            # A token alone is trusted only from the dispute's own customer.
            if customer is not None and customer.email == mail.from_addr:
                return dispute
    return None


def _customer_for(session: Session, mail: ParsedMail, now: datetime) -> Customer:
    customer = find_customer_by_email(session=session, email=mail.from_addr)
    if customer is not None:
        return customer
    name = mail.from_name or mail.from_addr.split("@", 1)[0] or mail.from_addr
    return create_customer(
        session=session,
        data=CustomerCreate.model_validate({"name": name[:200], "email": mail.from_addr}),
        now=now,
    )


def _body(mail: ParsedMail) -> str:
    body = mail.body.strip()
    if not body:
        names = ", ".join(a.filename for a in mail.attachments)
        body = f"(no text; attachments: {names})" if names else "(no text)"
    return body[:MAX_BODY]


def quarantine(*, session: Session, rejected: Rejected, source: str, now: datetime) -> bool:
    """Keep an unreadable mail with its reason; False when it was already quarantined."""
    query = select(MailQuarantine.id).where(MailQuarantine.digest == rejected.digest)
    if session.scalar(query) is not None:
        return False
    session.add(
        MailQuarantine(
            digest=rejected.digest,
            reason=rejected.reason,
            source=source[:500],
            message_id=rejected.message_id,
            raw=rejected.raw,
            raw_size=rejected.raw_size,
            received_at=now,
        )
    )
    session.flush()
    return True


def store_mail(*, session: Session, mail: ParsedMail, actor: Actor, now: datetime) -> IngestResult:
    """Open a dispute for a new mail or add a reply to its thread; idempotent by Message-ID."""
    if _known(session, mail.message_id):
        return IngestResult("duplicate")
    dispute = _thread_of(session, mail)
    body = _body(mail)
    if dispute is None:
        customer = _customer_for(session, mail, now)
        subject = mail.subject.strip() or body.split("\n", 1)[0][:80] or "(no subject)"
        dispute = open_dispute(
            session=session,
            data=DisputeCreate(
                customer_id=customer.id, channel="email", subject=subject[:300], description=body
            ),
            actor=actor,
            now=now,
        )
        outcome: Outcome = "opened"
        # The description became the dispute's first message.
        message_pk = session.scalar(
            select(Message.id).where(Message.dispute_id == dispute.id).order_by(Message.id)
        )
    else:
        message = add_message(
            session=session,
            dispute_id=dispute.id,
            data=MessageCreate(
                direction="inbound", body=body, channel="email", author_name=mail.from_name or None
            ),
            actor=actor,
            now=now,
        )
        message_pk = message.id
        outcome = "threaded"
        if message.dispute_id != dispute.id:
            # The dispute was closed: the mail opened (or went to) its linked follow-up.
            followed = session.get(Dispute, message.dispute_id)
            assert followed is not None
            first = session.scalar(
                select(Message.id).where(Message.dispute_id == followed.id).order_by(Message.id)
            )
            outcome = "opened" if first == message.id else "threaded"
            dispute = followed
    record = MailMessage(
        message_id=mail.message_id,
        dispute_id=dispute.id,
        dispute_message_id=message_pk,
        direction="in",
        from_addr=mail.from_addr,
        subject=mail.subject[:300],
        in_reply_to=mail.in_reply_to,
        references=" ".join(mail.references) or None,
        raw=mail.raw,
        raw_size=mail.raw_size,
        raw_note=mail.raw_note,
        received_at=now,
    )
    session.add(record)
    session.flush()
    for item in mail.attachments:
        session.add(
            MailAttachment(
                mail_id=record.id,
                filename=item.filename,
                content_type=item.content_type,
                size=item.size,
                content=item.content,
                note=item.note,
            )
        )
    session.flush()
    return IngestResult(outcome, dispute.id)


def ingest_mail(
    *, session: Session, raw: bytes, source: str, actor: Actor, now: datetime
) -> IngestResult:
    """Parse and store one received mail; unreadable mail is quarantined with the reason."""
    parsed = parse_mail(raw)
    if isinstance(parsed, Rejected):
        added = quarantine(session=session, rejected=parsed, source=source, now=now)
        return IngestResult("quarantined" if added else "duplicate", reason=parsed.reason)
    return store_mail(session=session, mail=parsed, actor=actor, now=now)

"""Mail out: replies queued in the reply's transaction, sent later by `send_due_mail`."""

from __future__ import annotations

import os
import secrets
import smtplib
import ssl
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import SYSTEM
from disputedesk.channels.models import MailMessage, OutboxMail
from disputedesk.customers.models import Customer
from disputedesk.disputes.events import record_event
from disputedesk.disputes.models import Dispute, Message

MAX_ATTEMPTS = 8
# Waits after the 1st, 2nd, ... failure; the last one repeats until attempts run out.
BACKOFF = (
    timedelta(minutes=1),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=6),
)


@dataclass(frozen=True)
class SmtpSettings:
    """Where and as whom to send mail."""

    host: str = "localhost"
    port: int = 25
    from_addr: str = "support@disputedesk.local"
    username: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout: float = 10.0

    @classmethod
    def from_env(cls) -> SmtpSettings:
        """Read DISPUTEDESK_SMTP_HOST, _PORT, _FROM, _USERNAME, _PASSWORD, _STARTTLS."""
        env = os.environ
        return cls(
            host=env.get("DISPUTEDESK_SMTP_HOST", "localhost"),
            port=int(env.get("DISPUTEDESK_SMTP_PORT", "25")),
            from_addr=env.get("DISPUTEDESK_SMTP_FROM", "support@disputedesk.local"),
            username=env.get("DISPUTEDESK_SMTP_USERNAME") or None,
            password=env.get("DISPUTEDESK_SMTP_PASSWORD") or None,
            starttls=env.get("DISPUTEDESK_SMTP_STARTTLS", "").lower() in ("1", "true", "yes"),
        )


def backoff(attempts: int) -> timedelta:
    """How long to wait before trying again after `attempts` failures."""
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


def token_subject(subject: str, dispute_id: int) -> str:
    """The subject of a reply: 'Re: ' once, and the [DD-n] token that threads answers back."""
    token = f"[DD-{dispute_id}]"
    base = subject if subject.lower().startswith("re:") else f"Re: {subject}"
    return base if token in base else f"{base} {token}"


def _domain(from_addr: str) -> str:
    return from_addr.rsplit("@", 1)[-1] if "@" in from_addr else "disputedesk.local"


def queue_reply_email(
    *,
    session: Session,
    message: Message,
    dispute: Dispute,
    now: datetime,
    from_addr: str | None = None,
) -> OutboxMail | None:
    """Queue the email of an outbound reply on an email dispute (in the caller's transaction)."""
    if dispute.channel != "email" or message.direction != "outbound":
        return None
    queued = session.scalar(select(OutboxMail).where(OutboxMail.dispute_message_id == message.id))
    if queued is not None:
        return queued
    customer = session.get(Customer, dispute.customer_id)
    if customer is None or not customer.email:
        return None
    received = session.execute(
        select(MailMessage.received_at, MailMessage.message_id).where(
            MailMessage.dispute_id == dispute.id, MailMessage.direction == "in"
        )
    ).all()
    sent = session.execute(
        select(OutboxMail.created_at, OutboxMail.message_id).where(
            OutboxMail.dispute_id == dispute.id
        )
    ).all()
    history = [mid for _, mid in sorted([*received, *sent])]
    # The root and the latest messages of the thread, so clients can place the reply.
    references = history if len(history) <= 20 else [history[0], *history[-19:]]
    last_received = max(received)[1] if received else None
    sender = from_addr or SmtpSettings.from_env().from_addr
    message_id = f"<dd.{dispute.id}.{message.id}.{secrets.token_hex(6)}@{_domain(sender)}>"
    row = OutboxMail(
        dispute_id=dispute.id,
        dispute_message_id=message.id,
        message_id=message_id,
        to_addr=customer.email,
        subject=token_subject(dispute.subject, dispute.id)[:400],
        body=message.body,
        in_reply_to=last_received,
        references=" ".join(references) or None,
        status="queued",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="email.queued",
        actor=SYSTEM,
        now=now,
        after={"outbox_id": row.id, "message_id": message.id, "to": row.to_addr},
    )
    return row


def queue_notice_email(
    *, session: Session, dispute: Dispute, subject: str, body: str, kind: str, now: datetime
) -> OutboxMail | None:
    """Queue a message from the desk to the dispute's customer (a survey, a status notice)."""
    customer = session.get(Customer, dispute.customer_id)
    if customer is None or not customer.email:
        return None
    sender = SmtpSettings.from_env().from_addr
    row = OutboxMail(
        dispute_id=dispute.id,
        dispute_message_id=None,
        message_id=f"<dd.{dispute.id}.{kind}.{secrets.token_hex(6)}@{_domain(sender)}>",
        to_addr=customer.email,
        subject=token_subject(subject, dispute.id)[:400],
        body=body,
        status="queued",
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    session.flush()
    record_event(
        session=session,
        dispute_id=dispute.id,
        kind="email.queued",
        actor=SYSTEM,
        now=now,
        after={"outbox_id": row.id, "kind": kind, "to": row.to_addr},
    )
    return row


def build_email(row: OutboxMail, settings: SmtpSettings, now: datetime) -> EmailMessage:
    """The plain-text email of an outbox row, with its threading headers."""
    mail = EmailMessage()
    mail["From"] = settings.from_addr
    mail["To"] = row.to_addr
    mail["Subject"] = row.subject
    mail["Message-ID"] = row.message_id
    mail["Date"] = format_datetime(now)
    if row.in_reply_to:
        mail["In-Reply-To"] = row.in_reply_to
    if row.references:
        mail["References"] = row.references
    mail.set_content(row.body)
    return mail


@dataclass
class SendSummary:
    """What one pass of the sender did."""

    sent: int = 0
    failed: int = 0
    given_up: int = 0


def _due_ids(session: Session, now: datetime, limit: int) -> list[int]:
    return list(
        session.scalars(
            select(OutboxMail.id)
            .where(OutboxMail.status == "queued", OutboxMail.next_attempt_at <= now)
            .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
            .limit(limit)
        )
    )


def send_due_mail(
    session_factory: sessionmaker[Session], smtp: SmtpSettings, now: datetime, limit: int = 100
) -> SendSummary:
    """Send queued mail that is due; failures are pushed forward with backoff, never lost."""
    summary = SendSummary()
    with session_factory() as session, session.begin():
        ids = _due_ids(session, now, limit)
    for row_id in ids:
        with session_factory() as session, session.begin():
            # One row per transaction, locked so a second sender skips it (PostgreSQL).
            row = session.scalar(
                select(OutboxMail)
                .where(OutboxMail.id == row_id, OutboxMail.status == "queued")
                .with_for_update(skip_locked=True)
            )
            if row is None or row.next_attempt_at > now:
                continue
            try:
                with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as client:
                    if smtp.starttls:
                        # smtplib's default context checks nothing: verify the server.
                        client.starttls(context=ssl.create_default_context())
                    if smtp.username and smtp.password:
                        client.login(smtp.username, smtp.password)
                    client.send_message(build_email(row, smtp, now))
            except (OSError, smtplib.SMTPException) as exc:
                row.attempts += 1
                row.last_error = f"{type(exc).__name__}: {exc}"[:1000]
                if row.attempts >= MAX_ATTEMPTS:
                    row.status = "failed"
                    summary.given_up += 1
                else:
                    row.next_attempt_at = now + backoff(row.attempts)
                    summary.failed += 1
            else:
                row.attempts += 1
                row.status = "sent"
                row.sent_at = now
                row.last_error = None
                summary.sent += 1
    return summary

"""Received mail into disputes: opening, threading, idempotency, quarantine, the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from disputedesk.channels.mail_import import import_mail
from disputedesk.channels.models import MailAttachment, MailMessage, MailQuarantine
from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.customers.models import Customer
from disputedesk.db import make_session_factory
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from tests.channels.conftest import SAMPLES, sample
from tests.conftest import Clock

CARDS_IN_SAMPLES = ("4111111111111111", "5500000000000004", "4012888888881881", "378282246310005")


def run(factory: sessionmaker[Session], path: Path, clock: Clock) -> dict[str, int]:
    return dict(import_mail(factory=factory, path=path, clock=clock))


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


def test_new_mail_opens_an_email_dispute_for_a_new_customer(
    session_factory: sessionmaker[Session], clock: Clock
) -> None:
    assert run(session_factory, SAMPLES / "plain_new.eml", clock) == {"opened": 1}
    with session_factory() as s:
        dispute = s.scalars(select(Dispute)).one()
        assert (dispute.channel, dispute.subject, dispute.status) == (
            "email",
            "Blender arrived broken",
            "new",
        )
        customer = s.get(Customer, dispute.customer_id)
        assert customer is not None
        assert (customer.name, customer.email) == ("Jane Doe", "jane.doe@example.com")
        [message] = s.scalars(select(Message).where(Message.dispute_id == dispute.id))
        assert message.channel == "email"
        assert message.analysis is not None
        assert "Sent from my phone" not in message.body
        mail = s.scalars(select(MailMessage)).one()
        assert mail.dispute_message_id == message.id
        assert mail.raw is not None
        assert "Sent from my phone" in mail.raw
        kinds = list(s.scalars(select(DisputeEvent.kind)))
        assert kinds[0] == "dispute.opened"


def test_known_sender_is_matched_and_replies_thread(
    session_factory: sessionmaker[Session], clock: Clock, tmp_path: Path
) -> None:
    run(session_factory, SAMPLES / "plain_new.eml", clock)
    clock.advance(hours=1)
    assert run(session_factory, SAMPLES / "reply_in_reply_to.eml", clock) == {"threaded": 1}
    with session_factory() as s:
        dispute_id = s.scalars(select(Dispute.id)).one()
    token_mail = tmp_path / "token.eml"
    token_mail.write_bytes(
        sample("reply_token.eml").replace(b"{DISPUTE}", str(dispute_id).encode())
    )
    assert run(session_factory, token_mail, clock) == {"threaded": 1}
    with session_factory() as s:
        assert count(s, Dispute) == 1
        assert count(s, Customer) == 1
        bodies = list(
            s.scalars(
                select(Message.body).where(Message.dispute_id == dispute_id).order_by(Message.id)
            )
        )
        assert len(bodies) == 3
        assert bodies[1] == "Here is a photo reference: the crack is along the base."
        events = list(s.scalars(select(DisputeEvent.kind).order_by(DisputeEvent.id)))
        assert events[0] == "dispute.opened"
        assert events.count("message.received") == 2


def test_token_from_a_stranger_opens_a_new_dispute(
    session_factory: sessionmaker[Session], clock: Clock, tmp_path: Path
) -> None:
    run(session_factory, SAMPLES / "plain_new.eml", clock)
    with session_factory() as s:
        dispute_id = s.scalars(select(Dispute.id)).one()
    raw = sample("reply_token.eml").replace(b"{DISPUTE}", str(dispute_id).encode())
    (tmp_path / "x.eml").write_bytes(raw.replace(b"jane.doe@example.com", b"eve@example.com"))
    assert run(session_factory, tmp_path / "x.eml", clock) == {"opened": 1}


def test_importing_twice_adds_nothing(
    session_factory: sessionmaker[Session], clock: Clock, tmp_path: Path
) -> None:
    folder = tmp_path / "mail"
    folder.mkdir()
    for file in SAMPLES.glob("*.eml"):
        if file.name != "reply_token.eml":
            shutil.copy(file, folder / file.name)
    first = run(session_factory, folder, clock)
    assert first == {"opened": 4, "threaded": 1, "quarantined": 4}
    with session_factory() as s:
        before = [count(s, m) for m in (Dispute, Message, MailMessage, MailQuarantine)]
    assert run(session_factory, folder, clock) == {"duplicate": 9}
    with session_factory() as s:
        assert [count(s, m) for m in (Dispute, Message, MailMessage, MailQuarantine)] == before


def test_malformed_mail_is_quarantined_with_the_reason(
    session_factory: sessionmaker[Session], clock: Clock
) -> None:
    for name in ("bad_charset.eml", "broken_mime.eml", "no_from.eml", "huge_header.eml"):
        assert run(session_factory, SAMPLES / name, clock) == {"quarantined": 1}
    with session_factory() as s:
        rows = {q.source.rsplit("/", 1)[-1]: q for q in s.scalars(select(MailQuarantine))}
        assert "unknown charset" in rows["bad_charset.eml"].reason
        assert "no usable From" in rows["no_from.eml"].reason
        assert rows["no_from.eml"].message_id == "<nofrom-1@example.com>"
        assert rows["huge_header.eml"].raw_size == len(sample("huge_header.eml"))
        assert count(s, Dispute) == 0


def test_mbox_threads_and_quarantines(session_factory: sessionmaker[Session], clock: Clock) -> None:
    assert run(session_factory, SAMPLES / "thread.mbox", clock) == {
        "opened": 1,
        "threaded": 1,
        "quarantined": 1,
    }
    with session_factory() as s:
        bodies = list(s.scalars(select(Message.body).order_by(Message.id)))
        assert bodies[1] == "Also, the parcel was\nFrom the wrong warehouse."


def test_attachments_are_stored_with_name_type_and_size(
    session_factory: sessionmaker[Session], clock: Clock
) -> None:
    run(session_factory, SAMPLES / "latin1_attachment.eml", clock)
    with session_factory() as s:
        [att] = s.scalars(select(MailAttachment))
        assert (att.filename, att.content_type, att.size) == ("receipt.pdf", "application/pdf", 82)
        assert att.content is not None
        assert att.content.startswith(b"%PDF")


def test_cli_import_mail_and_no_card_number_reaches_the_database_file(
    own_engine: Engine, backend: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    if backend != "sqlite":
        pytest.skip("greps the SQLite database file")
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", own_engine.url.render_as_string(False))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["import-mail", str(SAMPLES / "card_number.eml")])
        assert result.exit_code == 0, result.output
        assert "1 opened" in result.output
        again = CliRunner().invoke(app, ["import-mail", str(SAMPLES)])
        assert again.exit_code == 0, again.output
    finally:
        get_settings.cache_clear()
    with make_session_factory(own_engine)() as s:
        assert count(s, MailAttachment) >= 1
        subject = s.scalar(select(Dispute.subject).where(Dispute.channel == "email").limit(1))
        assert subject == "Charged twice on card [card ending 1111]"
    own_engine.dispose()
    database = Path(own_engine.url.database or "")
    blob = b"".join(
        p.read_bytes() for p in database.parent.glob(database.name + "*") if p.is_file()
    )
    for card in CARDS_IN_SAMPLES:
        for form in (card, " ".join(card[i : i + 4] for i in range(0, len(card), 4))):
            assert form.encode() not in blob
            assert form.replace(" ", "-").encode() not in blob

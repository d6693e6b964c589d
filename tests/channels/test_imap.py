"""IMAP polling through the real protocol: a pymap IMAP server runs on localhost for these tests."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from disputedesk.channels import imap_poll
from disputedesk.channels.imap_poll import ImapSettings, poll_imap
from disputedesk.channels.models import MailMessage, MailQuarantine
from disputedesk.cli import app
from disputedesk.config import get_settings
from disputedesk.db import make_session_factory
from disputedesk.disputes.models import Dispute, Message
from disputedesk.workflow import worker
from disputedesk.workflow.worker import run_pending
from tests.channels.conftest import sample
from tests.channels.imap_server import PASSWORD, USER, Mailbox, TlsFront, free_port, start_pymap
from tests.conftest import Clock


@pytest.fixture(scope="module")
def imap_server() -> Iterator[ImapSettings]:
    """A real IMAP server (pymap, mail kept in memory) on a free localhost port."""
    for _ in range(3):  # another process may take the free port before the server binds it
        port = free_port()
        server = start_pymap(port)
        if server is not None:
            break
    else:
        pytest.fail("the pymap IMAP server did not start")
    try:
        yield ImapSettings(host="127.0.0.1", port=port, username=USER, password=PASSWORD, ssl=False)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def tls_imap_server(
    imap_server: ImapSettings, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[ImapSettings, Path]]:
    """The IMAP server behind TLS with a self-signed localhost certificate, and that certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("needs the openssl command to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            *("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"),
            *("-keyout", str(key), "-out", str(cert), "-subj", "/CN=localhost"),
            *("-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"),
        ],
        check=True,
        capture_output=True,
    )
    with TlsFront(imap_server.port, cert, key) as front:
        yield (
            ImapSettings(
                host="localhost", port=front.port, username=USER, password=PASSWORD, ssl=True
            ),
            cert,
        )


@pytest.fixture
def mailbox(imap_server: ImapSettings) -> Iterator[Mailbox]:
    """The server's INBOX, emptied before and after each test."""
    box = Mailbox(imap_server)
    box.empty()
    yield box
    box.empty()


def mail(
    sender: str,
    subject: str,
    body: str,
    *,
    message_id: str | None = None,
    in_reply_to: str | None = None,
) -> tuple[str, bytes]:
    """A plain-text mail to the desk: its Message-ID and its bytes."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "help@shop.example"
    msg["Subject"] = subject
    msg["Message-ID"] = message_id or make_msgid(domain="customer.example")
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    msg.set_content(body)
    return str(msg["Message-ID"]), msg.as_bytes()


def count(factory: sessionmaker[Session], model: type[object]) -> int:
    with factory() as s:
        return int(s.scalar(select(func.count()).select_from(model)) or 0)


def test_new_mail_opens_a_dispute_and_the_reply_threads_onto_it(
    session_factory: sessionmaker[Session], clock: Clock, mailbox: Mailbox
) -> None:
    first_id, first = mail(
        "Ivy Stone <ivy@example.com>", "Parcel never arrived", "My order ORD-1 never came."
    )
    mailbox.deliver(first)
    assert poll_imap(mailbox.settings, session_factory, clock)["opened"] == 1
    clock.advance(hours=1)
    _, reply = mail(
        "Ivy Stone <ivy@example.com>",
        "Re: Parcel never arrived",
        "Any news? It is still not here.",
        in_reply_to=first_id,
    )
    mailbox.deliver(reply)
    assert poll_imap(mailbox.settings, session_factory, clock)["threaded"] == 1
    with session_factory() as s:
        dispute = s.scalars(select(Dispute)).one()
        assert (dispute.channel, dispute.subject) == ("email", "Parcel never arrived")
        bodies = s.scalars(
            select(Message.body).where(Message.dispute_id == dispute.id).order_by(Message.id)
        ).all()
        assert bodies == ["My order ORD-1 never came.", "Any news? It is still not here."]
        assert s.scalar(
            select(MailMessage.id).where(
                MailMessage.message_id == first_id, MailMessage.dispute_id == dispute.id
            )
        )


def test_malformed_mail_is_quarantined_and_marked_seen(
    session_factory: sessionmaker[Session], clock: Clock, mailbox: Mailbox
) -> None:
    mailbox.deliver(sample("no_from.eml"))
    mailbox.deliver(sample("broken_mime.eml"))
    counts = poll_imap(mailbox.settings, session_factory, clock)
    assert counts["quarantined"] == 2
    assert count(session_factory, Dispute) == 0
    with session_factory() as s:
        reasons = sorted(s.scalars(select(MailQuarantine.reason)))
        sources = s.scalars(select(MailQuarantine.source)).all()
    assert any("no usable From address" in r for r in reasons)
    assert any("broken MIME" in r for r in reasons)
    assert all(src.startswith("imap://127.0.0.1/INBOX;UID=") for src in sources)
    # Kept in quarantine counts as stored: the server is told, so it is not read again.
    assert mailbox.search("UNSEEN") == []
    assert poll_imap(mailbox.settings, session_factory, clock) == {}


def test_a_second_poll_ingests_nothing_and_mail_is_left_seen(
    session_factory: sessionmaker[Session], clock: Clock, mailbox: Mailbox
) -> None:
    for n in range(3):
        mailbox.deliver(mail(f"c{n}@example.com", f"Problem {n}", f"Problem number {n}.")[1])
    assert poll_imap(mailbox.settings, session_factory, clock)["opened"] == 3
    assert len(mailbox.search("SEEN")) == 3
    assert poll_imap(mailbox.settings, session_factory, clock) == {}
    # Someone marks the mail unread again in a mail client: read again, stored once.
    mailbox.mark_all_unseen()
    assert poll_imap(mailbox.settings, session_factory, clock) == {"duplicate": 3}
    assert count(session_factory, Dispute) == 3
    assert count(session_factory, MailMessage) == 3


def test_mail_already_seen_in_the_mailbox_is_not_ingested(
    session_factory: sessionmaker[Session], clock: Clock, mailbox: Mailbox
) -> None:
    mailbox.deliver(mail("read@example.com", "Old news", "Already handled.")[1], flags="(\\Seen)")
    mailbox.deliver(mail("new@example.com", "New problem", "The lid is cracked.")[1])
    assert poll_imap(mailbox.settings, session_factory, clock) == {"opened": 1}
    with session_factory() as s:
        assert s.scalars(select(Dispute.subject)).all() == ["New problem"]


def test_mail_that_could_not_be_stored_stays_unseen_and_is_read_next_time(
    session_factory: sessionmaker[Session],
    clock: Clock,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mailbox.deliver(mail("zoe@example.com", "Wrong size", "The shoes are a size too small.")[1])

    def database_away(**_: object) -> str:
        raise OSError("database unreachable")

    monkeypatch.setattr(imap_poll, "ingest_one", database_away)
    with pytest.raises(OSError, match="database unreachable"):
        poll_imap(mailbox.settings, session_factory, clock)
    assert len(mailbox.search("UNSEEN")) == 1
    monkeypatch.undo()
    assert poll_imap(mailbox.settings, session_factory, clock) == {"opened": 1}
    assert mailbox.search("UNSEEN") == []


def test_a_poll_reads_at_most_its_limit_and_the_next_poll_the_rest(
    session_factory: sessionmaker[Session], clock: Clock, mailbox: Mailbox
) -> None:
    for n in range(3):
        mailbox.deliver(mail(f"l{n}@example.com", f"Late {n}", f"Late delivery {n}.")[1])
    small = ImapSettings(
        host=mailbox.settings.host,
        port=mailbox.settings.port,
        username=USER,
        password=PASSWORD,
        ssl=False,
        limit=2,
    )
    assert poll_imap(small, session_factory, clock) == {"opened": 2}
    assert poll_imap(small, session_factory, clock) == {"opened": 1}
    assert count(session_factory, Dispute) == 3


def test_the_worker_pass_polls_the_mailbox_when_imap_is_configured(
    session_factory: sessionmaker[Session],
    clock: Clock,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(worker, "_last_imap_poll", [])
    mailbox.deliver(mail("wes@example.com", "Charged twice", "You charged my card twice.")[1])
    monkeypatch.delenv("DISPUTEDESK_IMAP_HOST", raising=False)
    run_pending(session_factory, now=clock(), worker="test")
    assert count(session_factory, Dispute) == 0  # no mailbox configured: nothing read
    for name, value in {
        "HOST": mailbox.settings.host,
        "PORT": str(mailbox.settings.port),
        "USERNAME": USER,
        "PASSWORD": PASSWORD,
        "SSL": "0",
    }.items():
        monkeypatch.setenv(f"DISPUTEDESK_IMAP_{name}", value)
    run_pending(session_factory, now=clock(), worker="test")
    with session_factory() as s:
        assert s.scalars(select(Dispute.subject)).all() == ["Charged twice"]
    # The worker paces its polls: within the minute the mailbox is left alone, then read again.
    mailbox.deliver(mail("wes@example.com", "Still charged twice", "Nobody answered.")[1])
    clock.advance(seconds=30)
    run_pending(session_factory, now=clock(), worker="test")
    assert count(session_factory, Dispute) == 1
    clock.advance(seconds=31)
    run_pending(session_factory, now=clock(), worker="test")
    assert count(session_factory, Dispute) == 2


def test_the_worker_pass_survives_a_mailbox_that_does_not_answer(
    session_factory: sessionmaker[Session], clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(worker, "_last_imap_poll", [])
    monkeypatch.setenv("DISPUTEDESK_IMAP_HOST", "127.0.0.1")
    monkeypatch.setenv("DISPUTEDESK_IMAP_PORT", str(free_port()))  # nothing listens there
    monkeypatch.setenv("DISPUTEDESK_IMAP_SSL", "0")
    run_pending(session_factory, now=clock(), worker="test")
    assert count(session_factory, Dispute) == 0


def test_over_tls_the_server_certificate_is_checked(
    session_factory: sessionmaker[Session],
    clock: Clock,
    mailbox: Mailbox,
    tls_imap_server: tuple[ImapSettings, Path],
) -> None:
    tls, cert = tls_imap_server
    mailbox.deliver(mail("tia@example.com", "Refund missing", "Where is my refund?")[1])
    # A certificate nobody vouches for is refused before the password is sent.
    with pytest.raises(ssl.SSLCertVerificationError):
        poll_imap(tls, session_factory, clock)
    assert len(mailbox.search("UNSEEN")) == 1
    trusted = ImapSettings(
        host=tls.host,
        port=tls.port,
        username=USER,
        password=PASSWORD,
        ssl=True,
        ca_file=str(cert),
    )
    assert poll_imap(trusted, session_factory, clock) == {"opened": 1}
    assert mailbox.search("UNSEEN") == []


def test_the_worker_pass_goes_on_when_the_mailbox_refuses_the_login(
    session_factory: sessionmaker[Session],
    clock: Clock,
    mailbox: Mailbox,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setattr(worker, "_last_imap_poll", [])
    mailbox.deliver(mail("una@example.com", "Broken zip", "The zip broke on day one.")[1])
    monkeypatch.setenv("DISPUTEDESK_IMAP_HOST", mailbox.settings.host)
    monkeypatch.setenv("DISPUTEDESK_IMAP_PORT", str(mailbox.settings.port))
    monkeypatch.setenv("DISPUTEDESK_IMAP_USERNAME", USER)
    monkeypatch.setenv("DISPUTEDESK_IMAP_PASSWORD", "wrong password")
    monkeypatch.setenv("DISPUTEDESK_IMAP_SSL", "0")
    run_pending(session_factory, now=clock(), worker="test")
    assert "IMAP poll failed" in caplog.text
    assert count(session_factory, Dispute) == 0
    assert len(mailbox.search("UNSEEN")) == 1


def test_the_poll_mail_command_reads_the_mailbox(
    own_engine: Engine, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    mailbox.deliver(mail("cli@example.com", "Wrong colour", "I ordered blue, got red.")[1])
    mailbox.deliver(sample("no_from.eml"))
    monkeypatch.setenv("DISPUTEDESK_DATABASE_URL", own_engine.url.render_as_string(False))
    runner = CliRunner()
    monkeypatch.delenv("DISPUTEDESK_IMAP_HOST", raising=False)
    get_settings.cache_clear()
    try:
        unset = runner.invoke(app, ["poll-mail"])
        assert unset.exit_code == 1
        assert "DISPUTEDESK_IMAP_HOST" in unset.output
        for name, value in {
            "HOST": mailbox.settings.host,
            "PORT": str(mailbox.settings.port),
            "USERNAME": USER,
            "PASSWORD": PASSWORD,
            "SSL": "0",
        }.items():
            monkeypatch.setenv(f"DISPUTEDESK_IMAP_{name}", value)
        result = runner.invoke(app, ["poll-mail"])
        assert result.exit_code == 0, result.output
        assert "1 opened, 1 quarantined" in result.output
        again = runner.invoke(app, ["poll-mail"])
        assert again.exit_code == 0, again.output
        assert "no new mail" in again.output
    finally:
        get_settings.cache_clear()
    factory = make_session_factory(own_engine)
    with factory() as s:
        assert s.scalars(select(Dispute.subject)).all() == ["Wrong colour"]

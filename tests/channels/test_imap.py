"""IMAP polling against a real server, only when one is configured (nothing is faked here)."""

from __future__ import annotations

import imaplib
import os
import time
from email.utils import make_msgid

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.channels.imap_poll import ImapSettings, poll_imap
from disputedesk.channels.models import MailMessage
from tests.conftest import Clock

HOST = os.environ.get("DISPUTEDESK_TEST_IMAP_HOST", "")


@pytest.mark.skipif(
    not HOST,
    reason="no IMAP server here: set DISPUTEDESK_TEST_IMAP_HOST, _PORT, _USERNAME, _PASSWORD, "
    "_SSL (a throwaway mailbox) to run it",
)
def test_poll_ingests_unseen_mail_once(
    session_factory: sessionmaker[Session], clock: Clock
) -> None:
    env = os.environ
    settings = ImapSettings(
        host=HOST,
        port=int(env.get("DISPUTEDESK_TEST_IMAP_PORT", "993")),
        username=env.get("DISPUTEDESK_TEST_IMAP_USERNAME", ""),
        password=env.get("DISPUTEDESK_TEST_IMAP_PASSWORD", ""),
        ssl=env.get("DISPUTEDESK_TEST_IMAP_SSL", "1") != "0",
    )
    message_id = make_msgid(domain="imap-test.example")
    raw = (
        f"From: Ivy <ivy@example.com>\r\nSubject: IMAP test\r\nMessage-ID: {message_id}\r\n"
        "Content-Type: text/plain\r\n\r\nMy order never came.\r\n"
    ).encode()
    client = (imaplib.IMAP4_SSL if settings.ssl else imaplib.IMAP4)(settings.host, settings.port)
    client.login(settings.username, settings.password)
    client.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
    client.logout()
    counts = poll_imap(settings, session_factory, clock)
    assert counts["opened"] >= 1
    assert poll_imap(settings, session_factory, clock)["opened"] == 0
    with session_factory() as s:
        assert s.scalar(select(MailMessage.id).where(MailMessage.message_id == message_id))

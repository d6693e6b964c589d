"""IMAP polling: fetch unseen mail from a mailbox and ingest it like an imported file."""

from __future__ import annotations

import contextlib
import imaplib
import os
import ssl
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from disputedesk.channels.mail_import import ingest_one


@dataclass(frozen=True)
class ImapSettings:
    """Where to read received mail from."""

    host: str
    username: str
    password: str
    port: int = 993
    mailbox: str = "INBOX"
    ssl: bool = True
    limit: int = 200
    # A private CA's certificate (PEM) to trust instead of the system's, for an in-house server.
    ca_file: str | None = None
    timeout: float = 60.0

    @classmethod
    def from_env(cls) -> ImapSettings | None:
        """DISPUTEDESK_IMAP_HOST, _PORT, _USERNAME, _PASSWORD, _MAILBOX, _SSL, _CA_FILE; or None."""
        env = os.environ
        host = env.get("DISPUTEDESK_IMAP_HOST", "")
        if not host:
            return None
        ssl = env.get("DISPUTEDESK_IMAP_SSL", "1").lower() not in ("0", "false", "no")
        return cls(
            host=host,
            port=int(env.get("DISPUTEDESK_IMAP_PORT", "993" if ssl else "143")),
            username=env.get("DISPUTEDESK_IMAP_USERNAME", ""),
            password=env.get("DISPUTEDESK_IMAP_PASSWORD", ""),
            mailbox=env.get("DISPUTEDESK_IMAP_MAILBOX", "INBOX"),
            ssl=ssl,
            ca_file=env.get("DISPUTEDESK_IMAP_CA_FILE") or None,
        )


def connect(settings: ImapSettings) -> imaplib.IMAP4:
    """A connection to the mailbox's server; over TLS the certificate and host name are checked."""
    if not settings.ssl:
        return imaplib.IMAP4(settings.host, settings.port, timeout=settings.timeout)
    # imaplib's own default context verifies nothing: anyone on the path could read the mail.
    context = ssl.create_default_context(cafile=settings.ca_file)
    return imaplib.IMAP4_SSL(
        settings.host, settings.port, ssl_context=context, timeout=settings.timeout
    )


def poll_imap(
    settings: ImapSettings, factory: sessionmaker[Session], clock: Callable[[], datetime]
) -> Counter[str]:
    """Ingest the unseen messages of the mailbox; each is marked seen only once it is stored."""
    counts: Counter[str] = Counter()
    client = connect(settings)
    try:
        client.login(settings.username, settings.password)
        client.select(settings.mailbox)
        status, data = client.uid("SEARCH", "UNSEEN")
        if status != "OK" or not data or not data[0]:
            return counts
        for uid in data[0].split()[: settings.limit]:
            status, parts = client.uid("FETCH", uid, "(BODY.PEEK[])")
            raw = next(
                (p[1] for p in parts if isinstance(p, tuple) and isinstance(p[1], bytes)), None
            )
            if status != "OK" or raw is None:
                counts["unfetched"] += 1
                continue
            source = f"imap://{settings.host}/{settings.mailbox};UID={uid.decode()}"
            counts[ingest_one(factory=factory, raw=raw, source=source, now=clock())] += 1
            client.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()
    return counts

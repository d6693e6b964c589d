"""Importing received mail from an .eml file, an mbox file or a folder of .eml files."""

from __future__ import annotations

import mailbox
import re
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.channels.email_in import Rejected as RejectedMail
from disputedesk.channels.email_in import digest_of, parse_mail
from disputedesk.channels.email_service import ingest_mail, quarantine
from disputedesk.db import unit_of_work
from disputedesk.errors import DomainError

_ESCAPED_FROM = re.compile(rb"(^|\n)>From ")
MAIL_ACTOR = Actor(kind="system", id=None, name="email")


def is_mbox(path: Path) -> bool:
    """Whether a file is an mbox (starts with a 'From ' separator line)."""
    with path.open("rb") as handle:
        return handle.read(5) == b"From "


def mail_sources(path: Path) -> Iterator[tuple[str, bytes]]:
    """Every mail under `path` as (where it came from, raw bytes)."""
    if path.is_dir():
        for file in sorted(path.glob("*.eml")):
            yield str(file), file.read_bytes()
        return
    if is_mbox(path):
        box = mailbox.mbox(path, create=False)
        try:
            for index, key in enumerate(box.iterkeys()):
                # mboxo escapes body lines starting "From " as ">From "; undo it.
                raw = _ESCAPED_FROM.sub(b"\\1From ", box.get_bytes(key))
                yield f"{path}#{index + 1}", raw
        finally:
            box.close()
        return
    yield str(path), path.read_bytes()


def count_mail(path: Path) -> int:
    """How many mails `mail_sources` will yield (for a progress bar)."""
    if path.is_dir():
        return len(list(path.glob("*.eml")))
    if is_mbox(path):
        box = mailbox.mbox(path, create=False)
        try:
            return len(box)
        finally:
            box.close()
    return 1


def ingest_one(*, factory: sessionmaker[Session], raw: bytes, source: str, now: datetime) -> str:
    """Ingest one mail in its own transaction; anything refused is quarantined, not lost."""
    try:
        with unit_of_work(factory) as session:
            result = ingest_mail(session=session, raw=raw, source=source, actor=MAIL_ACTOR, now=now)
    except (DomainError, ValidationError) as exc:
        reason = getattr(exc, "message", None) or type(exc).__name__
        parsed = parse_mail(raw)
        rejected = RejectedMail(
            reason=mask_card_numbers(f"could not be stored: {reason}")[:500],
            digest=digest_of(raw),
            message_id=parsed.message_id,
            raw=parsed.raw,
            raw_size=len(raw),
        )
        with unit_of_work(factory) as session:
            added = quarantine(session=session, rejected=rejected, source=source, now=now)
        return "quarantined" if added else "duplicate"
    return result.outcome


def import_mail(
    *,
    factory: sessionmaker[Session],
    path: Path,
    clock: Callable[[], datetime],
    advance: Callable[[], None] | None = None,
) -> Counter[str]:
    """Ingest every mail under `path`, one transaction each; returns counts per outcome."""
    counts: Counter[str] = Counter()
    for source, raw in mail_sources(path):
        counts[ingest_one(factory=factory, raw=raw, source=source, now=clock())] += 1
        if advance is not None:
            advance()
    return counts

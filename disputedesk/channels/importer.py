"""Historical import: mapped rows stored in batches, one transaction per batch, idempotent by ref.

Resumable: every batch commits on its own, and a rerun skips the external refs already stored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.channels.import_mapping import (
    ImportMapping,
    MappedDispute,
    RowError,
    map_row,
    read_rows,
)
from disputedesk.channels.models import dispute_refs
from disputedesk.customers.models import Customer
from disputedesk.db import unit_of_work
from disputedesk.disputes.figures import note_event
from disputedesk.disputes.lifecycle import PRIORITY_RANK
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from disputedesk.disputes.reading import read_customer_message

IMPORT_ACTOR = Actor(kind="system", id=None, name="import")
BATCH_SIZE = 500
ANALYSIS_CACHE = 5000


@dataclass(frozen=True)
class RejectedRow:
    """A row that was not imported: where it is in the file and why."""

    line: int
    external_id: str
    reason: str


@dataclass
class ImportReport:
    """What an import did."""

    read: int = 0
    imported: int = 0
    skipped: int = 0
    rejected: list[RejectedRow] = field(default_factory=list)
    customers_created: int = 0


def _customers(
    session: Session, rows: list[MappedDispute], now: datetime, report: ImportReport
) -> dict[str, int]:
    """Customer ids by key, making the missing ones (matched by email when there is one)."""
    keys = {r.customer_key for r in rows}
    found = dict(
        session.execute(
            select(Customer.external_ref, Customer.id).where(Customer.external_ref.in_(keys))
        ).all()
    )
    emails = {r.customer_email for r in rows if r.customer_email and r.customer_key not in found}
    by_email = (
        dict(
            session.execute(
                select(Customer.email, Customer.id).where(Customer.email.in_(emails))
            ).all()
        )
        if emails
        else {}
    )
    ids: dict[str, int] = {k: v for k, v in found.items() if k is not None}
    new: dict[str, Customer] = {}
    shared: dict[str, Customer] = {}
    new_by_email: dict[str, Customer] = {}
    for row in rows:
        key, email = row.customer_key, row.customer_email
        if key in ids or key in new or key in shared:
            continue
        if email and email in by_email:
            ids[key] = by_email[email]
        elif email and email in new_by_email:
            shared[key] = new_by_email[email]
        else:
            new[key] = Customer(
                name=row.customer_name,
                email=email,
                tier="standard",
                external_ref=key,
                created_at=now,
                updated_at=now,
            )
            if email:
                new_by_email[email] = new[key]
    session.add_all(new.values())
    session.flush()
    report.customers_created += len(new)
    ids.update({k: c.id for k, c in (new | shared).items()})
    return ids


def _events(dispute: Dispute, row: MappedDispute, source: str) -> list[DisputeEvent]:
    def event(kind: str, at: datetime, before: Any, after: dict[str, Any]) -> DisputeEvent:
        return DisputeEvent(
            dispute_id=dispute.id,
            kind=kind,
            actor_kind=IMPORT_ACTOR.kind,
            actor_id=None,
            actor_name=IMPORT_ACTOR.name,
            before=before,
            after=after,
            created_at=at,
        )

    events = [
        event(
            "dispute.imported",
            row.created_at,
            None,
            {"source": source, "external_ref": row.external_ref, "line": row.line},
        )
    ]
    if dispute.status in ("resolved", "closed"):
        at = dispute.resolved_at or row.created_at
        events.append(
            event(
                "dispute.status_changed",
                at,
                {"status": "new"},
                {
                    "status": "resolved",
                    "outcome": dispute.outcome,
                    "root_cause": dispute.root_cause,
                },
            )
        )
        if dispute.status == "closed":
            events.append(
                event("dispute.status_changed", at, {"status": "resolved"}, {"status": "closed"})
            )
    return events


def _dispute(row: MappedDispute, customer_id: int, analysis: dict[str, Any]) -> Dispute:
    done = row.status.status in ("resolved", "closed")
    finished = (row.resolved_at or row.created_at) if done else None
    return Dispute(
        customer_id=customer_id,
        channel=row.channel,
        subject=row.subject or "(no subject)",
        description=analysis["pii_masked_text"],
        category=row.category or analysis["category"]["label"],
        currency="USD",
        status=row.status.status,
        priority="normal",
        priority_rank=PRIORITY_RANK["normal"],
        escalation_level="none",
        tags=row.tags,
        outcome=row.status.outcome if done else None,
        root_cause=row.status.root_cause if done else None,
        first_anger=analysis["anger"],
        current_anger=analysis["anger"],
        risk_flags=[],
        version=1,
        created_at=row.created_at,
        updated_at=finished or row.created_at,
        resolved_at=finished,
        closed_at=finished if row.status.status == "closed" else None,
    )


def _analysis(text: str, cache: dict[str, dict[str, Any]] | None) -> dict[str, Any]:
    """The analysis of a text, reused for identical texts (templated descriptions repeat)."""
    if cache is None:
        return read_customer_message(text)
    found = cache.get(text)
    if found is None:
        found = read_customer_message(text)
        if len(cache) >= ANALYSIS_CACHE:
            cache.clear()
        cache[text] = found
    return found


def store_batch(
    *,
    session: Session,
    rows: list[MappedDispute],
    source: str,
    now: datetime,
    report: ImportReport,
    cache: dict[str, dict[str, Any]] | None = None,
) -> None:
    """Store a batch of mapped rows, skipping external refs that are already in."""
    refs = {r.external_ref for r in rows}
    present = set(
        session.scalars(
            select(dispute_refs.c.external_ref).where(dispute_refs.c.external_ref.in_(refs))
        )
    )
    fresh: list[MappedDispute] = []
    for row in rows:
        if row.external_ref in present:
            report.skipped += 1
            continue
        present.add(row.external_ref)
        fresh.append(row)
    if not fresh:
        return
    customer_ids = _customers(session, fresh, now, report)
    analyses = [_analysis(r.description, cache) for r in fresh]
    disputes = [
        _dispute(r, customer_ids[r.customer_key], a) for r, a in zip(fresh, analyses, strict=True)
    ]
    session.add_all(disputes)
    session.flush()
    firsts: list[Message] = []
    others: list[Message] = []
    events: list[DisputeEvent] = []
    for row, dispute, analysis in zip(fresh, disputes, analyses, strict=True):
        firsts.append(
            Message(
                dispute_id=dispute.id,
                direction="inbound",
                channel=dispute.channel,
                author_name=row.customer_name,
                body=analysis["pii_masked_text"],
                analysis=analysis,
                created_at=row.created_at,
            )
        )
        for item in row.messages:
            inbound = item.direction == "inbound"
            read = read_customer_message(item.body) if inbound else None
            others.append(
                Message(
                    dispute_id=dispute.id,
                    direction=item.direction,
                    channel="internal" if item.direction == "note" else dispute.channel,
                    author_name=item.author or (row.customer_name if inbound else "imported"),
                    body=read["pii_masked_text"] if read else item.body,
                    analysis=read,
                    created_at=item.at or row.created_at,
                )
            )
        trail = _events(dispute, row, source)
        for event in trail:
            note_event(dispute, kind=event.kind, at=event.created_at, after=event.after)
        events.extend(trail)
    session.add_all([*firsts, *others, *events])
    session.flush()
    for dispute, message, analysis in zip(disputes, firsts, analyses, strict=True):
        dispute.risk_flags = [
            {"kind": r["kind"], "evidence": r["evidence"], "message_id": message.id}
            for r in analysis["risks"]
        ]
    session.execute(
        update(dispute_refs)
        .where(dispute_refs.c.id == bindparam("dispute_pk"))
        .values(external_ref=bindparam("ref")),
        [{"dispute_pk": d.id, "ref": r.external_ref} for d, r in zip(disputes, fresh, strict=True)],
    )
    session.flush()
    report.imported += len(fresh)


def mapped_rows(
    path: Path, mapping: ImportMapping, report: ImportReport
) -> Iterator[MappedDispute]:
    """The file's rows mapped; rejected ones go to the report with their line and reason."""
    fmt = mapping.format or ("jsonl" if path.suffix.lower() in (".jsonl", ".ndjson") else "csv")
    for line, row in read_rows(path, fmt):
        report.read += 1
        if isinstance(row, RowError):
            report.rejected.append(RejectedRow(line, "", mask_card_numbers(str(row))))
            continue
        try:
            yield map_row(mapping, row, line)
        except RowError as exc:
            # Reasons quote the rejected value; the report is printed and written to a file.
            ref = mask_card_numbers(str(row.get(mapping.external_id) or ""))[:100]
            report.rejected.append(RejectedRow(line, ref, mask_card_numbers(str(exc))))


def _batches(rows: Iterable[MappedDispute], size: int) -> Iterator[list[MappedDispute]]:
    batch: list[MappedDispute] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_file(
    *,
    factory: sessionmaker[Session],
    path: Path,
    mapping: ImportMapping,
    clock: Callable[[], datetime],
    batch_size: int = BATCH_SIZE,
    limit: int | None = None,
    advance: Callable[[int], None] | None = None,
) -> ImportReport:
    """Import a CSV/JSONL file through a mapping, committing every batch."""
    report = ImportReport()
    rows: Iterable[MappedDispute] = mapped_rows(path, mapping, report)
    if limit is not None:
        rows = islice(rows, limit)
    seen = 0
    cache: dict[str, dict[str, Any]] = {}
    for batch in _batches(rows, batch_size):
        with unit_of_work(factory) as session:
            store_batch(
                session=session,
                rows=batch,
                source=mapping.source,
                now=clock(),
                report=report,
                cache=cache,
            )
        if advance is not None:
            advance(report.read - seen)
            seen = report.read
    return report

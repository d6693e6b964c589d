"""Export disputes with their messages as JSON lines or CSV (streamed in id order)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any, Literal, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.channels.models import dispute_refs
from disputedesk.customers.models import Customer
from disputedesk.disputes.models import Dispute, Message

CHUNK = 500
CSV_COLUMNS = (
    "dispute_id",
    "external_ref",
    "customer_id",
    "customer_name",
    "customer_email",
    "channel",
    "subject",
    "category",
    "status",
    "outcome",
    "root_cause",
    "tags",
    "created_at",
    "resolved_at",
    "closed_at",
    "message_index",
    "message_direction",
    "message_channel",
    "message_author",
    "message_created_at",
    "message_body",
)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def dispute_records(session: Session) -> Iterator[dict[str, Any]]:
    """Every dispute as a plain record with its customer and messages, in id order."""
    after = 0
    while True:
        disputes = list(
            session.scalars(
                select(Dispute).where(Dispute.id > after).order_by(Dispute.id).limit(CHUNK)
            )
        )
        if not disputes:
            return
        ids = [d.id for d in disputes]
        after = ids[-1]
        refs = dict(
            session.execute(
                select(dispute_refs.c.id, dispute_refs.c.external_ref).where(
                    dispute_refs.c.id.in_(ids)
                )
            ).all()
        )
        customers = {
            c.id: c
            for c in session.scalars(
                select(Customer).where(Customer.id.in_({d.customer_id for d in disputes}))
            )
        }
        messages: dict[int, list[Message]] = {i: [] for i in ids}
        for message in session.scalars(
            select(Message)
            .where(Message.dispute_id.in_(ids))
            .order_by(Message.dispute_id, Message.created_at, Message.id)
        ):
            messages[message.dispute_id].append(message)
        for dispute in disputes:
            customer = customers[dispute.customer_id]
            thread = [
                {
                    "direction": m.direction,
                    "channel": m.channel,
                    "author": m.author_name,
                    "created_at": _iso(m.created_at),
                    "body": m.body,
                }
                for m in messages[dispute.id]
            ]
            yield {
                "id": dispute.id,
                "external_ref": refs.get(dispute.id),
                "customer_id": customer.id,
                "customer_name": customer.name,
                "customer_email": customer.email,
                "channel": dispute.channel,
                "subject": dispute.subject,
                "description": dispute.description,
                "category": dispute.category,
                "status": dispute.status,
                "outcome": dispute.outcome,
                "root_cause": dispute.root_cause,
                "tags": list(dispute.tags or []),
                "created_at": _iso(dispute.created_at),
                "resolved_at": _iso(dispute.resolved_at),
                "closed_at": _iso(dispute.closed_at),
                "messages": thread,
                "replies": thread[1:],
            }


def export_disputes(
    *,
    session: Session,
    out: TextIO,
    fmt: Literal["csv", "jsonl"],
    advance: Callable[[], None] | None = None,
) -> int:
    """Write every dispute with its messages; returns how many disputes were written."""
    count = 0
    writer = csv.writer(out) if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    for record in dispute_records(session):
        count += 1
        if writer is None:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            base = [
                record["id"],
                record["external_ref"] or "",
                record["customer_id"],
                record["customer_name"],
                record["customer_email"] or "",
                record["channel"],
                record["subject"],
                record["category"],
                record["status"],
                record["outcome"] or "",
                record["root_cause"] or "",
                " ".join(record["tags"]),
                record["created_at"],
                record["resolved_at"] or "",
                record["closed_at"] or "",
            ]
            for index, m in enumerate(record["messages"] or [None]):
                if m is None:
                    writer.writerow([*base, "", "", "", "", "", ""])
                    continue
                writer.writerow(
                    [
                        *base,
                        index,
                        m["direction"],
                        m["channel"],
                        m["author"],
                        m["created_at"],
                        m["body"],
                    ]
                )
        if advance is not None:
            advance()
    return count

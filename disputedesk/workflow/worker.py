"""The worker: runs due jobs and checks SLA clocks until told to stop (SIGTERM finishes the job)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

import disputedesk.models  # noqa: F401 - every table registered, whatever imported the worker
from disputedesk.channels.webhooks import deliver_due_webhooks
from disputedesk.db import unit_of_work
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.models import Dispute
from disputedesk.workflow import followups  # noqa: F401 - registers the follow-up job handler
from disputedesk.workflow.jobs import run_one
from disputedesk.workflow.triage import refresh_sla

log = logging.getLogger("disputedesk.worker")
SWEEP_BATCH = 200


def worker_name() -> str:
    """A name for this worker process in claimed jobs."""
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident() % 100000}"


def sweep_sla(factory: sessionmaker[Session], *, now: datetime, limit: int = SWEEP_BATCH) -> int:
    """Recompute the SLA clocks that are due a check (near-breach or breach); how many."""
    with unit_of_work(factory) as session:
        query = (
            select(Dispute)
            .where(
                Dispute.sla_next_check_at.is_not(None),
                Dispute.sla_next_check_at <= now,
                Dispute.status.in_(OPEN_STATUSES),
            )
            .order_by(Dispute.sla_next_check_at)
            .limit(limit)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        disputes = list(session.scalars(query))
        for dispute in disputes:
            refresh_sla(session=session, dispute=dispute, now=now)
        return len(disputes)


def run_pending(
    factory: sessionmaker[Session], *, now: datetime, worker: str, limit: int = 100
) -> int:
    """One pass: check SLA clocks, then run up to `limit` due jobs; how much work was done."""
    done = sweep_sla(factory, now=now)
    done += deliver_due_webhooks(factory, now).handled
    for _ in range(limit):
        if not run_one(factory, now=now, worker=worker):
            break
        done += 1
    return done


def run_worker(
    factory: sessionmaker[Session],
    *,
    clock: Callable[[], datetime],
    stop: threading.Event,
    poll_seconds: float = 2.0,
) -> None:
    """Loop until `stop` is set; the job in hand is always finished first."""
    name = worker_name()
    log.info("worker %s started", name)
    while not stop.is_set():
        try:
            busy = run_pending(factory, now=clock(), worker=name)
        except Exception:
            log.exception("worker pass failed; retrying")
            busy = 0
        if not busy:
            stop.wait(poll_seconds)
    log.info("worker %s stopped", name)

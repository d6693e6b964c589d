"""The worker: runs due jobs and checks SLA clocks until told to stop (SIGTERM finishes the job)."""

from __future__ import annotations

import imaplib
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm import Session, sessionmaker

import disputedesk.models  # noqa: F401 - every table registered, whatever imported the worker
from disputedesk.analytics.rollup import REFRESH_BATCH, REFRESH_DAYS, refresh_some
from disputedesk.channels.imap_poll import ImapSettings, poll_imap
from disputedesk.channels.outbox import SmtpSettings, send_due_mail
from disputedesk.channels.webhooks import deliver_due_webhooks
from disputedesk.db import unit_of_work
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.models import Dispute
from disputedesk.workflow import followups  # noqa: F401 - registers the follow-up job handler
from disputedesk.workflow.jobs import LEASE, run_one
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


IMAP_EVERY = timedelta(minutes=1)
_last_imap_poll: list[datetime] = []


def _imap_due(now: datetime) -> bool:
    """Poll the mailbox at most once a minute per worker (a pace, not shared state)."""
    if _last_imap_poll and now - _last_imap_poll[-1] < IMAP_EVERY:
        return False
    _last_imap_poll[:] = [now]
    return True


def _refresh_rollups(factory: sessionmaker[Session], *, now: datetime) -> int:
    """Recompute the report roll-ups of dirty days, a few days at a time, at most `REFRESH_DAYS`
    per pass."""
    refreshed = 0
    while refreshed < REFRESH_DAYS:
        n = refresh_some(factory, now=now, limit=REFRESH_BATCH)
        refreshed += n
        if n < REFRESH_BATCH:
            break
    return refreshed


def run_pending(
    factory: sessionmaker[Session],
    *,
    now: datetime,
    worker: str,
    limit: int = 100,
    lease: timedelta = LEASE,
) -> int:
    """One pass: SLA clocks, the mailbox, due mail and webhooks, the report roll-ups of days
    changed since the last pass, then up to `limit` due jobs."""
    done = sweep_sla(factory, now=now)
    imap = ImapSettings.from_env()
    if imap is not None and _imap_due(now):
        try:
            done += sum(poll_imap(imap, factory, lambda: now).values())
        except (OSError, imaplib.IMAP4.error) as exc:
            # The mailbox is away or refuses the login: log it, try again at the next poll, and
            # still send mail, webhooks and due jobs in this pass.
            log.warning("IMAP poll failed: %s: %s", type(exc).__name__, exc)
    if os.environ.get("DISPUTEDESK_SMTP_HOST"):
        done += send_due_mail(factory, SmtpSettings.from_env(), now).sent
    done += deliver_due_webhooks(factory, now).handled
    done += _refresh_rollups(factory, now=now)
    for _ in range(limit):
        if not run_one(factory, now=now, worker=worker, lease=lease):
            break
        done += 1
    return done


def run_worker(
    factory: sessionmaker[Session],
    *,
    clock: Callable[[], datetime],
    stop: threading.Event,
    poll_seconds: float = 2.0,
    lease: timedelta = LEASE,
) -> None:
    """Loop until `stop` is set; the job in hand is always finished first."""
    name = worker_name()
    log.info("worker %s started", name)
    while not stop.is_set():
        try:
            busy = run_pending(factory, now=clock(), worker=name, lease=lease)
        except (OperationalError, InterfaceError, SQLAlchemyTimeoutError) as exc:
            # The database is away: one line a pass, not a traceback; it resumes when it returns.
            log.warning(
                "worker pass skipped: the database is unreachable or busy (%s)", type(exc).__name__
            )
            busy = 0
        except Exception:
            log.exception("worker pass failed; retrying")
            busy = 0
        if not busy:
            stop.wait(poll_seconds)
    log.info("worker %s stopped", name)

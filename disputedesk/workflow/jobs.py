"""Due work in the database: enqueue, claim safely (SKIP LOCKED or a guarded update), run, retry."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.db import unit_of_work
from disputedesk.workflow.models import Job

log = logging.getLogger("disputedesk.worker")
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 8
Handler = Callable[[Session, Job, datetime], None]
HANDLERS: dict[str, Handler] = {}


def handler(kind: str) -> Callable[[Handler], Handler]:
    """Register the function that runs jobs of `kind` (inside the job's own transaction)."""

    def register(fn: Handler) -> Handler:
        HANDLERS[kind] = fn
        return fn

    return register


def enqueue(
    *,
    session: Session,
    kind: str,
    due_at: datetime,
    dispute_id: int | None = None,
    payload: dict[str, Any] | None = None,
    dedupe_key: str | None = None,
) -> Job | None:
    """Add a job in the caller's transaction; a job with the same dedupe key is not added twice."""
    if dedupe_key is not None:
        existing = session.scalar(select(Job).where(Job.dedupe_key == dedupe_key))
        if existing is not None:
            return None
    job = Job(
        kind=kind,
        due_at=due_at,
        dispute_id=dispute_id,
        payload=payload or {},
        dedupe_key=dedupe_key,
        status="pending",
        attempts=0,
        created_at=due_at,
    )
    try:
        with session.begin_nested():
            session.add(job)
    except IntegrityError:
        return None
    return job


def backoff(attempts: int) -> timedelta:
    """How long to wait before retrying after `attempts` failures (1 min doubling, max 6 h)."""
    return min(timedelta(minutes=2 ** max(attempts - 1, 0)), timedelta(hours=6))


def claim(*, session: Session, now: datetime, worker: str, lease: timedelta = LEASE) -> Job | None:
    """Claim one due job for this worker, or None; concurrent workers never get the same job.

    A job left running longer than `lease` belongs to a worker that died: it is claimed again.
    """
    ready = or_(
        Job.status == "pending",
        (Job.status == "running") & (Job.claimed_at < now - lease),  # a crashed worker's job
    )
    query = select(Job.id).where(ready, Job.due_at <= now).order_by(Job.due_at, Job.id).limit(1)
    if session.get_bind().dialect.name == "postgresql":
        job_id = session.scalar(query.with_for_update(skip_locked=True))
    else:
        job_id = session.scalar(query)
    if job_id is None:
        return None
    claimed = session.execute(
        update(Job)
        .where(Job.id == job_id, ready)
        .values(status="running", claimed_at=now, claimed_by=worker)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(Job, job_id, populate_existing=True)


def _still_ours(session: Session, job_id: int, worker: str) -> Job | None:
    """The job, locked, if this worker still holds its claim (another may have taken it over)."""
    held = session.execute(
        update(Job)
        .where(Job.id == job_id, Job.status == "running", Job.claimed_by == worker)
        .values(claimed_by=worker)
    )
    if held.rowcount != 1:  # type: ignore[attr-defined]
        return None
    return session.get(Job, job_id, populate_existing=True)


def run_one(
    factory: sessionmaker[Session], *, now: datetime, worker: str, lease: timedelta = LEASE
) -> bool:
    """Claim and run one due job; False when nothing is due. A failure is retried later.

    The job's work and its `done` mark commit together, so a worker killed mid-job leaves
    nothing behind but the claim, which another worker takes over once the lease has passed.
    """
    with unit_of_work(factory) as session:
        job = claim(session=session, now=now, worker=worker, lease=lease)
        if job is None:
            return False
        job_id, kind = job.id, job.kind
    try:
        with unit_of_work(factory) as session:
            job = _still_ours(session, job_id, worker)
            if job is None:
                log.warning("job %s was taken over by another worker; not run here", job_id)
                return True
            run = HANDLERS.get(kind)
            if run is None:
                raise LookupError(f"no handler for job kind '{kind}'")
            run(session, job, now)
            job.status = "done"
            job.finished_at = now
            job.attempts += 1
    except Exception as exc:
        log.warning("job %s (%s) failed: %s", job_id, kind, type(exc).__name__)
        with unit_of_work(factory) as session:
            job = _still_ours(session, job_id, worker)
            if job is None:
                return True
            job.attempts += 1
            job.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            job.status = "failed" if job.attempts >= MAX_ATTEMPTS else "pending"
            job.due_at = now + backoff(job.attempts)
            job.claimed_at = None
            job.claimed_by = None
    return True

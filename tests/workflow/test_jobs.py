"""Jobs in the database: two workers share them, each runs exactly once, failures are retried."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.db import make_engine, make_session_factory, unit_of_work
from disputedesk.workflow import jobs
from disputedesk.workflow.jobs import LEASE, claim, enqueue, handler, run_one
from disputedesk.workflow.models import Job, Notification
from disputedesk.workflow.worker import run_worker

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
_failures: dict[int, int] = {}


@handler("test_effect")
def _effect(session: Session, job: Job, now: datetime) -> None:
    session.add(Notification(kind="test_effect", text=str(job.id), created_at=now))


@handler("test_flaky")
def _flaky(session: Session, job: Job, now: datetime) -> None:
    _failures[job.id] = _failures.get(job.id, 0) + 1
    if _failures[job.id] == 1:
        raise RuntimeError("the mail server said no")
    session.add(Notification(kind="test_flaky", text=str(job.id), created_at=now))


def test_two_workers_run_every_job_exactly_once(own_engine: Engine) -> None:
    factory = make_session_factory(own_engine)
    with unit_of_work(factory) as session:
        for i in range(60):
            enqueue(session=session, kind="test_effect", due_at=NOW, dedupe_key=f"effect-{i}")
        assert (
            enqueue(session=session, kind="test_effect", due_at=NOW, dedupe_key="effect-0") is None
        )

    def work(name: str) -> None:
        while run_one(factory, now=NOW, worker=name):
            pass

    threads = [threading.Thread(target=work, args=(f"w{i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with factory() as session:
        texts = list(
            session.scalars(select(Notification.text).where(Notification.kind == "test_effect"))
        )
        assert len(texts) == 60
        assert len(set(texts)) == 60
        statuses = session.scalars(select(Job.status).where(Job.kind == "test_effect"))
        assert set(statuses) == {"done"}
        workers = set(session.scalars(select(Job.claimed_by).where(Job.kind == "test_effect")))
        assert workers <= {"w0", "w1"}


def test_a_crashed_workers_job_is_taken_over_after_its_lease(own_engine: Engine) -> None:
    factory = make_session_factory(own_engine)
    with unit_of_work(factory) as session:
        enqueue(session=session, kind="test_effect", due_at=NOW, dedupe_key="crash-1")
    with unit_of_work(factory) as session:  # a worker claims it and dies before finishing
        assert claim(session=session, now=NOW, worker="dead") is not None
    assert run_one(factory, now=NOW + timedelta(minutes=1), worker="alive") is False
    assert run_one(factory, now=NOW + LEASE + timedelta(seconds=1), worker="alive") is True
    with factory() as session:
        job = session.scalar(select(Job).where(Job.dedupe_key == "crash-1"))
        assert job is not None
        assert (job.status, job.claimed_by) == ("done", "alive")
        done = session.scalar(
            select(func.count()).where(
                Notification.kind == "test_effect", Notification.text == str(job.id)
            )
        )
        assert done == 1


def test_a_failing_job_is_retried_with_backoff_never_lost(own_engine: Engine) -> None:
    _failures.clear()
    factory = make_session_factory(own_engine)
    with unit_of_work(factory) as session:
        enqueue(session=session, kind="test_flaky", due_at=NOW, dedupe_key="flaky-1")
    assert run_one(factory, now=NOW, worker="w") is True
    with factory() as session:
        job = session.scalar(select(Job).where(Job.dedupe_key == "flaky-1"))
        assert job is not None
        assert job.status == "pending"
        assert job.attempts == 1
        assert "mail server" in (job.last_error or "")
        assert job.due_at > NOW
        retry_at = job.due_at
    assert run_one(factory, now=NOW + timedelta(seconds=10), worker="w") is False
    assert run_one(factory, now=retry_at, worker="w") is True
    with factory() as session:
        assert session.scalar(select(Job.status).where(Job.dedupe_key == "flaky-1")) == "done"


def test_a_job_taken_over_is_not_run_again_by_the_worker_that_stalled(
    own_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    factory = make_session_factory(own_engine)
    with unit_of_work(factory) as session:
        enqueue(session=session, kind="test_effect", due_at=NOW, dedupe_key="stalled-1")
    real = jobs.unit_of_work
    opened: list[int] = []

    @contextmanager
    def stalling(f: sessionmaker[Session]) -> Iterator[Session]:
        opened.append(1)
        if len(opened) == 2:  # "slow" has claimed the job, then stalls past its lease
            monkeypatch.setattr(jobs, "unit_of_work", real)
            assert run_one(factory, now=NOW + LEASE + timedelta(seconds=1), worker="fast")
        with real(f) as session:
            yield session

    monkeypatch.setattr(jobs, "unit_of_work", stalling)
    assert run_one(factory, now=NOW, worker="slow") is True
    with factory() as session:
        job = session.scalar(select(Job).where(Job.dedupe_key == "stalled-1"))
        assert job is not None
        assert (job.status, job.claimed_by, job.attempts) == ("done", "fast", 1)
        effects = session.scalar(
            select(func.count()).where(
                Notification.kind == "test_effect", Notification.text == str(job.id)
            )
        )
        assert effects == 1


def test_worker_with_the_database_away_logs_one_line_a_pass_and_keeps_going(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """No traceback per pass while the database is down; the loop stays alive for its return."""
    # Port 1 on loopback: nothing listens, so every connection is refused at once.
    engine = make_engine("postgresql+psycopg://postgres@127.0.0.1:1/nowhere?connect_timeout=2")
    factory = sessionmaker(bind=engine)
    stop = threading.Event()
    passes = 0

    def clock() -> datetime:
        nonlocal passes
        passes += 1
        if passes >= 3:
            stop.set()
        return datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    with caplog.at_level(logging.WARNING, logger="disputedesk.worker"):
        run_worker(factory, clock=clock, stop=stop, poll_seconds=0.01)
    engine.dispose()
    skipped = [r for r in caplog.records if "database is unreachable" in r.getMessage()]
    assert len(skipped) == 3
    assert all(r.exc_info is None for r in caplog.records)

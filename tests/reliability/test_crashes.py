"""Processes killed with SIGKILL mid-work, then run again: every job and every row exactly once.

* `disputedesk worker` is killed while it works through follow-up jobs; a new worker takes over
  the jobs the dead one had claimed once their lease has passed, and each job's work (survey,
  notification, audit event, queued mail) exists exactly once.
* `disputedesk import FILE --mapping ...` is killed half-way through a file; the rerun imports
  the rest and every external id is in exactly once.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, update

from disputedesk.actors import Actor
from disputedesk.channels.models import OutboxMail
from disputedesk.customers.models import Customer
from disputedesk.db import make_session_factory, read_only, unit_of_work
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from disputedesk.disputes.schemas import DisputeCreate
from disputedesk.disputes.service import open_dispute
from disputedesk.workflow.followups import schedule_follow_up
from disputedesk.workflow.models import Job, Notification, Survey
from tests.reliability.support import CLI, desk_env, url_of

JOBS = 240
ROWS = 3_000
ACTOR = Actor(kind="system", id=None, name="reliability")
RESULTS: dict[str, dict[str, Any]] = {}


def _seed_follow_ups(engine: Engine, count: int) -> list[int]:
    """`count` resolved disputes, each with its follow-up job due now."""
    now = datetime.now(UTC)
    factory = make_session_factory(engine)
    ids: list[int] = []
    with unit_of_work(factory) as session:
        for i in range(count):
            customer = Customer(
                name=f"Crash {i}",
                email=f"crash{i}@example.com",
                tier="standard",
                created_at=now,
                updated_at=now,
            )
            session.add(customer)
            session.flush()
            dispute = open_dispute(
                session=session,
                data=DisputeCreate(
                    customer_id=customer.id,
                    subject=f"Late delivery {i}",
                    description="My order is two weeks late.",
                ),
                actor=ACTOR,
                now=now,
            )
            dispute.status, dispute.outcome = "resolved", "remedied"
            dispute.root_cause = "courier_delay"
            dispute.resolved_at = now
            schedule_follow_up(session=session, dispute=dispute, resolved_at=now)
            ids.append(dispute.id)
        session.execute(update(Job).where(Job.kind == "follow_up").values(due_at=now))
    return ids


def _job_states(engine: Engine) -> Counter[str]:
    # Read-only: on SQLite a watcher must not queue for the write lock the worker keeps taking.
    with read_only(make_session_factory(engine)) as session:
        rows = session.execute(select(Job.status, func.count()).group_by(Job.status)).all()
    return Counter(dict(rows))


def _start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [*CLI, "worker", "--poll", "0.2"], env=env, stdout=out, stderr=subprocess.STDOUT
        )


def _wait(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def test_killed_worker_leaves_every_job_done_exactly_once(
    backend: str, own_engine: Engine, tmp_path: Path
) -> None:
    ids = _seed_follow_ups(own_engine, JOBS)
    env = desk_env(tmp_path, url_of(own_engine), DISPUTEDESK_JOB_LEASE_SECONDS="2")
    log = tmp_path / "worker.log"
    kills: list[dict[str, Any]] = []
    killed_pids: list[int] = []
    # Kill twice, and on until a kill has caught a job in hand (at most five kills).
    while len(kills) < 2 or (len(kills) < 5 and not any(k["in_hand"] for k in kills)):
        before = _job_states(own_engine)["done"]
        if before >= JOBS - 20:
            break
        worker = _start_worker(env, log)

        def busy(done_before: int = before) -> bool:
            # Kill as soon as a job is seen claimed and unfinished: the worker is mid-job.
            states = _job_states(own_engine)
            return states["done"] >= done_before + 15 and states["running"] > 0

        _wait(busy, 120, "jobs to run")
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait()
        killed_pids.append(worker.pid)
        states = _job_states(own_engine)
        kills.append({"done": states["done"], "in_hand": states["running"]})
    assert any(k["in_hand"] for k in kills), f"no kill landed mid-job: {kills}"
    with make_session_factory(own_engine)() as session:
        orphaned = set(session.scalars(select(Job.id).where(Job.status == "running")))
    worker = _start_worker(env, log)
    try:
        _wait(lambda: _job_states(own_engine)["done"] == JOBS, 180, "every job to be done")
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=30)
    assert _job_states(own_engine) == Counter({"done": JOBS})
    with make_session_factory(own_engine)() as session:
        surveys = Counter(session.scalars(select(Survey.dispute_id)))
        sent = Counter(
            session.scalars(
                select(DisputeEvent.dispute_id).where(DisputeEvent.kind == "follow_up.sent")
            )
        )
        notes = Counter(
            session.scalars(select(Notification.dispute_id).where(Notification.kind == "follow_up"))
        )
        mails = Counter(session.scalars(select(OutboxMail.dispute_id)))
        held_by = select(Job.id, Job.claimed_by).where(Job.id.in_(orphaned))
        takers = dict(session.execute(held_by).all())
        attempts = set(session.scalars(select(Job.attempts)))
    for dispute_id in ids:
        assert surveys[dispute_id] == 1, f"dispute {dispute_id}: {surveys[dispute_id]} surveys"
        assert sent[dispute_id] == 1
        assert notes[dispute_id] == 1
        assert mails[dispute_id] == 1
    assert attempts == {1}  # a killed attempt left nothing, not even a count
    # The jobs a dead worker held were finished by a later one.
    for job_id, taker in takers.items():
        assert not any(f":{pid}:" in (taker or "") for pid in killed_pids), (job_id, taker)
    RESULTS[f"worker-{backend}"] = {
        "jobs": JOBS,
        "kills": len(kills),
        "jobs_in_hand_at_kills": sum(k["in_hand"] for k in kills),
        "taken_over": len(orphaned),
    }
    print(f"\nworker crash on {backend}: {RESULTS[f'worker-{backend}']}")


MAPPING = """\
source: legacy
external_id: ticket
subject:
  columns: [title]
description:
  columns: [body]
created_at: opened
customer:
  key: [email]
  name: "{name}"
  email: email
status:
  column: state
  values:
    open: {status: investigating}
    solved: {status: resolved, outcome: remedied, root_cause: courier_delay}
"""


def _write_rows(path: Path, rows: int) -> None:
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["ticket", "title", "body", "opened", "email", "name", "state"])
        for i in range(rows):
            writer.writerow(
                [
                    f"T-{i:05d}",
                    f"Parcel {i} late",
                    f"My parcel number {i % 40} has not arrived after {i % 9 + 2} weeks.",
                    f"2026-0{i % 9 + 1}-1{i % 10}",
                    f"person{i % 700}@example.com",
                    f"Person {i % 700}",
                    ("open", "solved")[i % 2],
                ]
            )


def _imported(engine: Engine) -> int:
    with read_only(make_session_factory(engine)) as session:
        return session.scalar(select(func.count()).select_from(Dispute)) or 0


def test_killed_import_reruns_to_every_row_exactly_once(
    backend: str, own_engine: Engine, tmp_path: Path
) -> None:
    data, mapping = tmp_path / "legacy.csv", tmp_path / "legacy.yaml"
    _write_rows(data, ROWS)
    mapping.write_text(MAPPING)
    env = desk_env(tmp_path, url_of(own_engine))
    command = [*CLI, "import", str(data), "--mapping", str(mapping), "--batch-size", "100"]
    with (tmp_path / "import.log").open("wb") as out:
        first = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
    _wait(lambda: _imported(own_engine) >= ROWS // 3 or first.poll() is not None, 300, "rows")
    assert first.poll() is None, (tmp_path / "import.log").read_text()
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    at_kill = _imported(own_engine)
    assert 0 < at_kill < ROWS, f"the kill did not land half-way ({at_kill} of {ROWS})"
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{ROWS - at_kill} imported, {at_kill} already in" in " ".join(rerun.stdout.split())
    with make_session_factory(own_engine)() as session:
        refs = Counter(session.scalars(select(Dispute.external_ref)))
        imported_events = Counter(
            session.scalars(
                select(DisputeEvent.dispute_id).where(DisputeEvent.kind == "dispute.imported")
            )
        )
        firsts = session.scalar(select(func.count(func.distinct(Message.dispute_id))))
        messages = session.scalar(select(func.count()).select_from(Message))
        customers = session.scalar(select(func.count()).select_from(Customer))
    assert set(refs) == {f"legacy:T-{i:05d}" for i in range(ROWS)}
    assert set(refs.values()) == {1}
    assert len(imported_events) == ROWS
    assert set(imported_events.values()) == {1}
    assert firsts == messages == ROWS
    assert customers == 700  # one per e-mail address, none made twice
    RESULTS[f"import-{backend}"] = {"rows": ROWS, "in_at_kill": at_kill, "rerun": ROWS - at_kill}
    print(f"\nimport crash on {backend}: {RESULTS[f'import-{backend}']}")

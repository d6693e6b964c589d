"""The queue's counts stay exact when many connections open and move disputes at once, and on
PostgreSQL those writers no longer share one counter row (migration 0011)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from alembic import command
from sqlalchemy import Engine, func, select, text

from disputedesk.actors import Actor
from disputedesk.customers.models import Customer
from disputedesk.db import make_session_factory, unit_of_work
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.models import Dispute, DisputeCount
from disputedesk.disputes.queries import DisputeFilter, count_disputes
from disputedesk.disputes.schemas import DisputeCreate
from disputedesk.disputes.service import open_dispute
from disputedesk.migrate import alembic_config, upgrade

WRITERS = 6
EACH = 5
ACTOR = Actor(kind="system", id=None, name="counts")


def _open_many(engine: Engine) -> None:
    factory = make_session_factory(engine)
    with unit_of_work(factory) as session:
        now = datetime.now(UTC)
        customer = Customer(name="Counted", tier="standard", created_at=now, updated_at=now)
        session.add(customer)
        session.flush()
        customer_id = customer.id
    start = threading.Barrier(WRITERS)
    failures: list[BaseException] = []

    def writer(k: int) -> None:
        try:
            start.wait()
            for i in range(EACH):
                with unit_of_work(factory) as session:
                    dispute = open_dispute(
                        session=session,
                        data=DisputeCreate(
                            customer_id=customer_id,
                            subject=f"Writer {k} dispute {i}",
                            description="The parcel never came.",
                        ),
                        actor=ACTOR,
                        now=datetime.now(UTC),
                    )
                    if i % 2:  # half of them move on at once: a count leaves its first key
                        session.flush()
                        dispute.status = "investigating"
                        dispute.escalation_level = "supervisor"
        except BaseException as exc:
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(k,)) for k in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not failures, failures


def _exact(engine: Engine) -> dict[str, int]:
    with make_session_factory(engine)() as session:
        opened = session.scalar(
            select(func.count()).select_from(Dispute).where(Dispute.status.in_(OPEN_STATUSES))
        )
        escalated = session.scalar(
            select(func.count())
            .select_from(Dispute)
            .where(Dispute.escalation_level == "supervisor")
        )
        counted = count_disputes(session=session, flt=DisputeFilter(statuses=list(OPEN_STATUSES)))
        counted_escalated = count_disputes(
            session=session, flt=DisputeFilter(escalation_levels=["supervisor"])
        )
    assert counted == opened == WRITERS * EACH
    assert counted_escalated == escalated
    return {"open": counted, "escalated": counted_escalated}


def test_disputes_opened_at_once_from_many_connections_are_counted_exactly(
    backend: str, own_engine: Engine
) -> None:
    _open_many(own_engine)
    _exact(own_engine)
    with make_session_factory(own_engine)() as session:
        slots = set(
            session.scalars(
                select(DisputeCount.slot).where(
                    DisputeCount.status == "new", DisputeCount.assignee_key == 0
                )
            )
        )
    if backend == "postgres":
        assert len(slots) > 1, "every writer bumped the same counter row"
    else:
        assert slots == {0}


def test_the_slots_fold_back_on_downgrade_and_spread_again(
    backend: str, own_engine: Engine
) -> None:
    _open_many(own_engine)
    before = _exact(own_engine)
    config = alembic_config(own_engine.url.render_as_string(hide_password=False))
    with own_engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    with own_engine.connect() as conn:
        keys = conn.execute(
            text(
                "SELECT status, assignee_key, escalation_level, count(*) FROM dispute_counts "
                "GROUP BY status, assignee_key, escalation_level"
            )
        ).all()
        open_total = conn.scalar(
            text("SELECT sum(n) FROM dispute_counts WHERE status IN ('new', 'investigating')")
        )
    assert all(rows == 1 for *_, rows in keys)  # one row per key again
    assert open_total == before["open"]
    upgrade(own_engine)
    _open_many(own_engine)
    with make_session_factory(own_engine)() as session:
        counted = count_disputes(session=session, flt=DisputeFilter(statuses=list(OPEN_STATUSES)))
    assert counted == 2 * WRITERS * EACH


def test_disputes_opened_at_once_each_get_their_own_id_and_first_message(
    own_engine: Engine,
) -> None:
    # Ids are known before the INSERT (a sequence on PostgreSQL, the largest id plus one under
    # SQLite's write lock): writers racing must never be handed the same one.
    _open_many(own_engine)
    with own_engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT d.id, d.subject, count(m.id), min(m.author_name) FROM disputes d "
                "LEFT JOIN messages m ON m.dispute_id = d.id GROUP BY d.id, d.subject"
            )
        ).all()
    assert len(rows) == WRITERS * EACH
    assert len({subject for _, subject, _, _ in rows}) == WRITERS * EACH
    assert {(n, author) for _, _, n, author in rows} == {(1, "Counted")}

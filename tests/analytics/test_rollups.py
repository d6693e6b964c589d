"""Reports over long periods read per-day roll-ups and still give what the base tables give.

Random work goes through the service layer over three months (opening, replies both ways,
assignment, escalation, offers accepted or declined, resolution with outcome and root cause,
reopening, follow-up surveys), with the worker's roll-up refresh run on some days and not on
others. Every report over long periods is then compared, field by field, with the same report
read from the base tables alone: before the last refresh (dirty days read live next to clean
roll-ups) and after it. Counts and sums must be equal; averages equal to 1e-4 (float sums in a
different order); medians and 90th percentiles within the histograms' bound.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.analytics import emerging, plan, rollup
from disputedesk.analytics.histogram import MAX_RELATIVE_ERROR
from disputedesk.analytics.models import RollupDirtyDay, RollupOpened
from disputedesk.analytics.rollup import catch_up, rebuild, refresh_dirty, refresh_some
from disputedesk.analytics.service import REPORTS, run_report
from disputedesk.auth.service import create_user
from disputedesk.config import get_settings
from disputedesk.customers.schemas import CustomerCreate, OrderCreate
from disputedesk.customers.service import add_order, create_customer
from disputedesk.db import make_session_factory, unit_of_work
from disputedesk.disputes.lifecycle import CATEGORIES, CHANNELS, OUTCOMES, ROOT_CAUSES
from disputedesk.disputes.models import Dispute, Offer
from disputedesk.disputes.schemas import (
    AssignRequest,
    DisputeCreate,
    EscalateRequest,
    MessageCreate,
    MoveRequest,
    ResolveRequest,
)
from disputedesk.disputes.service import (
    add_message,
    assign_dispute,
    escalate_dispute,
    open_dispute,
    transition_dispute,
)
from disputedesk.errors import DomainError
from disputedesk.remedies.schemas import CustomerAnswer, OfferCreate
from disputedesk.remedies.service import answer_offer, make_offer
from disputedesk.workflow import worker
from disputedesk.workflow.followups import answer_survey, survey_token
from disputedesk.workflow.models import Survey
from disputedesk.workflow.worker import run_pending
from tests.conftest import PASSWORD

START = datetime(2026, 6, 1, tzinfo=UTC)
DAYS = 90
END = START + timedelta(days=DAYS)
REASONS = ("Asked for a manager", "  SLA breached ", "safety issue")
LEVELS = ("supervisor", "manager")


class Desk:
    """Random work on the desk, one call of the service layer per step, each committed."""

    def __init__(self, factory: sessionmaker[Session], rng: random.Random) -> None:
        self.factory, self.rng = factory, rng
        self.disputes: list[int] = []
        with factory() as s, s.begin():
            self.staff = [
                create_user(session=s, username=f"roll{n}", password=PASSWORD, role=role)
                for n, role in enumerate(("agent", "agent", "supervisor", "manager"))
            ]
            self.actors = [Actor("staff", u.id, u.username, u.role) for u in self.staff]

    def step(self, now: datetime, work: Callable[[Session], object]) -> None:
        """One unit of work at `now` (the wall clock too); a refused move changes nothing."""
        with time_machine.travel(now, tick=False):
            try:
                with self.factory() as s, s.begin():
                    work(s)
            except DomainError:
                pass

    def version(self, s: Session, dispute_id: int) -> int:
        dispute = s.get(Dispute, dispute_id)
        assert dispute is not None
        return dispute.version

    def open(self, now: datetime) -> None:
        rng = self.rng

        def work(s: Session) -> None:
            customer = create_customer(
                session=s,
                data=CustomerCreate(name="A customer", email=f"c{rng.randrange(10**9)}@x.example"),
                now=now,
            )
            order = add_order(
                session=s,
                customer_id=customer.id,
                data=OrderCreate(
                    number=f"R-{rng.randrange(10**9)}",
                    amount_minor=rng.choice((3_000, 8_000)),
                    purchased_at=now - timedelta(days=5),
                    delivered_at=now - timedelta(days=2),
                    warranty_until=now + timedelta(days=365),
                    fulfilment_status="delivered",
                ),
                now=now,
            )
            dispute = open_dispute(
                session=s,
                data=DisputeCreate(
                    customer_id=customer.id,
                    order_id=order.id,
                    channel=rng.choice(CHANNELS[:4]),
                    subject="Problem with my order",
                    description=rng.choice(
                        (
                            "My parcel is late and nobody answers.",
                            "I was charged twice, this is outrageous!",
                            "The screen arrived cracked, I want a refund.",
                        )
                    ),
                    category=rng.choice(CATEGORIES[:4]),
                    amount_minor=3_000,
                ),
                actor=rng.choice(self.actors),
                now=now,
            )
            self.disputes.append(dispute.id)

        self.step(now, work)

    def act(self, now: datetime) -> None:
        """One random move on a random dispute (recent ones more often)."""
        rng = self.rng
        if not self.disputes:
            return
        pick = self.disputes[-min(len(self.disputes), rng.choice((5, 20, 20, 300))) :]
        dispute_id = rng.choice(pick)
        agent = rng.choice(self.actors)
        customer = Actor("customer", None, "customer")
        move = rng.choice(
            (
                "reply",
                "reply",
                "customer",
                "customer",
                "assign",
                "escalate",
                "offer",
                "resolve",
                "resolve",
                "reopen",
                "close",
            )
        )

        def work(s: Session) -> None:
            version = self.version(s, dispute_id)
            if move == "reply":
                add_message(
                    session=s,
                    dispute_id=dispute_id,
                    data=MessageCreate(direction="outbound", body="We are on it, sorry."),
                    actor=agent,
                    now=now,
                    coach_report={"score": rng.randrange(30, 100)},
                )
            elif move == "customer":
                add_message(
                    session=s,
                    dispute_id=dispute_id,
                    data=MessageCreate(
                        direction="inbound",
                        body=rng.choice(("Thanks, fine now.", "This is a disgrace, still broken!")),
                    ),
                    actor=customer,
                    now=now,
                )
            elif move == "assign":
                assign_dispute(
                    session=s,
                    dispute_id=dispute_id,
                    data=AssignRequest(
                        assignee_id=rng.choice([*(a.id for a in self.actors), None]),
                        version=version,
                    ),
                    actor=self.actors[2],
                    now=now,
                )
            elif move == "escalate":
                escalate_dispute(
                    session=s,
                    dispute_id=dispute_id,
                    data=EscalateRequest(
                        level=rng.choice(LEVELS), reason=rng.choice(REASONS), version=version
                    ),
                    actor=agent,
                    now=now,
                )
            elif move == "offer":
                offer = make_offer(
                    session=s,
                    dispute_id=dispute_id,
                    data=OfferCreate(remedy="refund_full", amount_minor=rng.choice((1_000, 3_000))),
                    actor=self.actors[3],
                    now=now,
                )
                if rng.random() < 0.8 and offer.status == "offered":
                    answer_offer(
                        session=s,
                        offer_id=offer.id,
                        data=CustomerAnswer(accept=rng.random() < 0.6),
                        actor=customer,
                        now=now,
                    )
            elif move == "resolve":
                transition_dispute(
                    session=s,
                    dispute_id=dispute_id,
                    data=ResolveRequest(
                        to="resolved",
                        version=version,
                        outcome=rng.choice(OUTCOMES),
                        root_cause=rng.choice(ROOT_CAUSES),
                    ),
                    actor=agent,
                    now=now,
                )
            elif move in ("reopen", "close"):
                transition_dispute(
                    session=s,
                    dispute_id=dispute_id,
                    data=MoveRequest(
                        to="investigating" if move == "reopen" else "closed",
                        version=version,
                        reason="the customer is not satisfied",
                    ),
                    actor=agent,
                    now=now,
                )

        self.step(now, work)

    def surveys(self, now: datetime) -> None:
        """The worker sends due follow-ups; customers answer some of the open surveys."""
        with time_machine.travel(now, tick=False):
            run_pending(self.factory, now=now, worker="test")
        with self.factory() as s:
            unanswered = select(Survey).where(Survey.answered_at.is_(None), Survey.expires_at > now)
            open_ones = list(s.scalars(unanswered))
        for survey in open_ones:
            if self.rng.random() < 0.5:
                rating = self.rng.choice((1, 2, 4, 5, 5))
                self.step(
                    now,
                    lambda s, v=survey, r=rating: answer_survey(
                        session=s, token=survey_token(v), rating=r, comment=None, now=now
                    ),
                )


def _close(live: Any, rolled: Any, path: str) -> None:
    """Equal, except percentiles (histogram bound) and averages (float sums, 1e-4)."""
    if isinstance(live, dict):
        assert live.keys() == rolled.keys(), path
        for key in live:
            _close(live[key], rolled[key], f"{path}.{key}")
    elif isinstance(live, list):
        assert len(live) == len(rolled), path
        for n, (a, b) in enumerate(zip(live, rolled, strict=True)):
            _close(a, b, f"{path}[{n}]")
    elif path.endswith(("median_seconds", "p90_seconds")) and live is not None:
        assert rolled is not None, path
        assert abs(rolled - live) <= live * MAX_RELATIVE_ERROR + 0.001, (path, live, rolled)
    elif isinstance(live, float) and path.split(".")[-1].startswith(("avg_", "calmer")):
        assert rolled is not None, path
        assert abs(rolled - live) <= 1e-4, (path, live, rolled)
    else:
        assert live == rolled, (path, live, rolled)


PERIODS = (
    (START + timedelta(hours=5), END - timedelta(hours=7)),
    (START - timedelta(days=3), END + timedelta(days=2)),
    (START + timedelta(days=17, hours=13), END - timedelta(days=11, minutes=5)),
)


@pytest.fixture
def live_reports(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[bool], None]]:
    """Switch between reading long periods from roll-ups (True) and the base tables alone."""

    # Survey links are signed with the settings' key.
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", "r" * 40)
    get_settings.cache_clear()

    def use(rollups: bool) -> None:
        # A week is long enough to read from the roll-ups here: more whole days per period.
        monkeypatch.setattr(plan, "LIVE_UP_TO", timedelta(days=7 if rollups else 100_000))

    yield use
    get_settings.cache_clear()


def _compare(factory: sessionmaker[Session], use: Callable[[bool], None], now: datetime) -> int:
    """Every report over every period, both ways; how many periods read some roll-ups."""
    rolled_up = 0
    for since, until in PERIODS:
        for name in REPORTS:
            answers = []
            for rollups in (False, True):
                use(rollups)
                with factory() as s:
                    if rollups and plan.split(s, since, until) is not None:
                        rolled_up += 1
                    answers.append(
                        run_report(name, session=s, since=since, until=until, now=now).model_dump()
                    )
            _close(answers[0], answers[1], f"{name} {since:%m-%d}..{until:%m-%d}")
    return rolled_up


def test_long_reports_from_rollups_equal_the_base_tables(
    session_factory: sessionmaker[Session],
    live_reports: Callable[[bool], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(20261207)
    desk = Desk(session_factory, rng)
    # The worker's pass refreshes the roll-ups of past days; here only some passes do, so some
    # days stay dirty and are read live next to clean ones.
    refreshing = [True]

    def some_passes(factory: sessionmaker[Session], *, now: datetime, limit: int) -> int:
        return refresh_some(factory, now=now, limit=limit) if refreshing[0] else 0

    monkeypatch.setattr(worker, "refresh_some", some_passes)
    for n in range(DAYS):
        refreshing[0] = DAYS // 3 < n < DAYS - 3 and rng.random() < 0.6
        day = START + timedelta(days=n)
        moments = sorted(day + timedelta(seconds=rng.randrange(86400)) for _ in range(14))
        for moment in moments:
            if rng.random() < 0.3:
                desk.open(moment)
            else:
                desk.act(moment)
        desk.surveys(day + timedelta(hours=23, minutes=30))
        if n == DAYS // 3:
            with session_factory() as s, s.begin():
                rebuild(s)
    now = END + timedelta(days=3)
    with session_factory() as s:
        by_status = select(Offer.status, func.count()).group_by(Offer.status)
        offers = {str(status): int(n) for status, n in s.execute(by_status)}
        answered = s.scalar(select(func.count()).where(Survey.answered_at.is_not(None)))
        dirty = s.scalar(
            select(func.count(func.distinct(RollupDirtyDay.day))).where(
                RollupDirtyDay.day < END.date() - timedelta(days=3)
            )
        )
        rolled = s.scalar(select(func.count()).select_from(RollupOpened))
    # The work reached what the reports count, and left both clean and dirty days.
    assert offers.get("accepted", 0) >= 5, offers
    assert offers.get("declined", 0) >= 3, offers
    assert (answered or 0) >= 5
    assert dirty
    assert rolled
    assert _compare(session_factory, live_reports, now) == len(PERIODS) * len(REPORTS)
    assert catch_up(session_factory, now=now) > 0
    with session_factory() as s:
        left = s.scalars(select(RollupDirtyDay.day).where(RollupDirtyDay.day < now.date())).all()
    assert left == []
    assert _compare(session_factory, live_reports, now) == len(PERIODS) * len(REPORTS)


def test_a_change_to_an_old_dispute_shows_at_once_and_after_the_refresh(
    session_factory: sessionmaker[Session], live_reports: Callable[[bool], None]
) -> None:
    rng = random.Random(5)
    desk = Desk(session_factory, rng)
    for n in range(20):
        desk.open(START + timedelta(days=n, hours=10))
    with session_factory() as s, s.begin():
        rebuild(s)
    live_reports(True)
    since, until = START, START + timedelta(days=30)
    now = until + timedelta(hours=1)

    def resolved() -> int:
        with session_factory() as s:
            report = run_report("outcomes", session=s, since=since, until=until, now=now)
            return int(report.model_dump()["resolved"])

    assert resolved() == 0
    old = desk.disputes[2]
    late = START + timedelta(days=25, hours=3)
    desk.step(late, lambda s: _resolve(desk, s, old, late))
    with session_factory() as s:
        marked = set(s.scalars(select(RollupDirtyDay.day)))
    assert {date(2026, 6, 3), date(2026, 6, 26)} <= marked  # opened and resolved days
    assert resolved() == 1
    with session_factory() as s, s.begin():
        refresh_dirty(s, now=now)
    assert resolved() == 1
    with session_factory() as s:
        assert not set(s.scalars(select(RollupDirtyDay.day))) & {date(2026, 6, 3)}


def test_emerging_issues_samples_the_same_disputes_by_id_lookup_or_by_reading_the_period(
    session_factory: sessionmaker[Session],
    live_reports: Callable[[bool], None],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    desk = Desk(session_factory, random.Random(11))
    for n in range(80):
        desk.open(START + timedelta(days=n // 8, hours=n % 8))
    live_reports(True)
    monkeypatch.setattr(emerging, "MAX_DOCS", 15)
    since, until = START - timedelta(days=2), START + timedelta(days=20)
    answers = []
    for probes in (0, 10_000):
        monkeypatch.setattr(emerging, "PROBES", probes)
        with session_factory() as s:
            report = run_report("emerging_issues", session=s, since=since, until=until, now=until)
            answers.append(report.model_dump())
    assert answers[0] == answers[1]
    step = -(-80 // 15)
    assert answers[0]["sampled"] == len([d for d in desk.disputes if d % step == 0])
    assert answers[0]["documents"] == 80


def test_a_change_committed_while_its_day_is_recomputed_keeps_the_day_dirty(
    backend: str, own_engine: Engine, live_reports: Callable[[bool], None]
) -> None:
    if backend == "sqlite":
        pytest.skip("SQLite writers take turns: a refresh cannot run beside a writer")
    factory = make_session_factory(own_engine)
    desk = _three_opened_the_same_day(factory)
    first, second = desk.disputes[0], desk.disputes[1]
    now = START + timedelta(days=20)
    desk.step(now, lambda s: _resolve(desk, s, first, now))  # committed: its mark is read
    writer = factory()
    writer.begin()
    with time_machine.travel(now, tick=False):
        _resolve(desk, writer, second, now)
        writer.flush()  # its mark is written, not yet committed
    # The worker recomputes the opening day from what is committed, and removes what it read.
    with unit_of_work(factory) as s:
        assert refresh_dirty(s, now=now) >= 1
    writer.commit()
    writer.close()
    with factory() as s:
        marked = set(s.scalars(select(RollupDirtyDay.day)))
    assert START.date() in marked  # the writer's mark outlived the refresh of its day
    live_reports(True)
    since, until = START - timedelta(days=5), START + timedelta(days=25)
    with factory() as s:
        closed = run_report("reopens", session=s, since=since, until=until, now=now)
        assert closed.model_dump()["resolved"] == 2
    with unit_of_work(factory) as s:
        refresh_dirty(s, now=now)
    with factory() as s:
        closed = run_report("reopens", session=s, since=since, until=until, now=now)
        assert closed.model_dump()["resolved"] == 2


def _three_opened_the_same_day(factory: sessionmaker[Session]) -> Desk:
    desk = Desk(factory, random.Random(2))
    for n in range(3):
        desk.open(START + timedelta(hours=9 + n))  # all opened the same day
    with unit_of_work(factory) as s:
        rebuild(s)
    return desk


def _resolve(desk: Desk, s: Session, dispute_id: int, now: datetime) -> None:
    transition_dispute(
        session=s,
        dispute_id=dispute_id,
        data=ResolveRequest(
            to="resolved",
            version=desk.version(s, dispute_id),
            outcome="explained",
            root_cause=ROOT_CAUSES[0],
        ),
        actor=desk.actors[0],
        now=now,
    )


def _resolved_from_rollups(factory: sessionmaker[Session], now: datetime) -> int:
    since, until = START - timedelta(days=5), START + timedelta(days=25)
    with factory() as s:
        report = run_report("reopens", session=s, since=since, until=until, now=now)
        return int(report.model_dump()["resolved"])


def test_the_workers_refresh_keeps_a_change_made_between_reading_and_storing(
    own_engine: Engine, live_reports: Callable[[bool], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    # On SQLite the worker reads a day's figures in a snapshot and stores them after, so that
    # writers are not held back while it reads: a change committed in between keeps its day
    # dirty, and the next pass stores it.
    factory = make_session_factory(own_engine)
    desk = _three_opened_the_same_day(factory)
    now = START + timedelta(days=20)
    desk.step(now, lambda s: _resolve(desk, s, desk.disputes[0], now))
    read = rollup._read_dirty

    def read_then_someone_writes(session: Session, **kwargs: Any) -> Any:
        reading = read(session, **kwargs)
        monkeypatch.setattr(rollup, "_read_dirty", read)
        desk.step(now, lambda s: _resolve(desk, s, desk.disputes[1], now))
        return reading

    monkeypatch.setattr(rollup, "_read_dirty", read_then_someone_writes)
    assert refresh_some(factory, now=now, limit=31) == 1
    with factory() as s:
        assert START.date() in set(s.scalars(select(RollupDirtyDay.day)))
    assert refresh_some(factory, now=now, limit=31) == 1
    with factory() as s:
        assert not set(s.scalars(select(RollupDirtyDay.day))) & {START.date()}
    live_reports(True)
    assert _resolved_from_rollups(factory, now) == 2


def test_a_refresh_overtaken_by_a_newer_one_does_not_store_its_older_figures(
    own_engine: Engine, live_reports: Callable[[bool], None]
) -> None:
    factory = make_session_factory(own_engine)
    desk = _three_opened_the_same_day(factory)
    now = START + timedelta(days=20)
    desk.step(now, lambda s: _resolve(desk, s, desk.disputes[0], now))
    with factory() as s:  # a slow refresh reads: one dispute resolved
        reading = rollup._read_dirty(s, now=now, limit=31)
    assert reading is not None
    desk.step(now, lambda s: _resolve(desk, s, desk.disputes[1], now))
    with unit_of_work(factory) as s:  # a second worker's refresh reads and stores two
        assert refresh_dirty(s, now=now) == 1
    with unit_of_work(factory) as s:  # the slow one's marks are gone: it stores nothing
        assert rollup._store_reading(s, reading) == 0
    live_reports(True)
    assert _resolved_from_rollups(factory, now) == 2


def test_an_overtaken_refresh_keeps_the_marks_of_days_it_did_not_store(
    own_engine: Engine, live_reports: Callable[[bool], None]
) -> None:
    # Two dirty days side by side are read as one run. A second worker refreshes only the
    # first; the slow refresh then stores neither, and the second day must stay dirty.
    factory = make_session_factory(own_engine)
    desk = Desk(factory, random.Random(3))
    for n in range(4):
        desk.open(START + timedelta(days=n // 2, hours=9 + n))  # two a day, two days
    with unit_of_work(factory) as s:
        rebuild(s)
    now = START + timedelta(days=20)
    desk.step(now, lambda s: _resolve(desk, s, desk.disputes[0], now))  # marks day one
    desk.step(now, lambda s: _resolve(desk, s, desk.disputes[2], now))  # marks day two
    with factory() as s:
        reading = rollup._read_dirty(s, now=now, limit=31)
    assert reading is not None
    with unit_of_work(factory) as s:
        assert refresh_dirty(s, now=now, limit=1) == 1  # day one only
    with unit_of_work(factory) as s:
        assert rollup._store_reading(s, reading) == 0
    with factory() as s:
        marked = set(s.scalars(select(RollupDirtyDay.day)))
    day_two = (START + timedelta(days=1)).date()
    assert day_two in marked
    with unit_of_work(factory) as s:
        assert refresh_dirty(s, now=now) == 1
    live_reports(True)
    assert _resolved_from_rollups(factory, now) == 2

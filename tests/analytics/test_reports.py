"""Each report on a small known dataset, with exact figures (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy.orm import Session

from disputedesk.analytics.activity import response_times, volume
from disputedesk.analytics.results import escalations, outcomes, reopens, root_causes
from disputedesk.analytics.schemas import Count, Money, Rate
from tests.analytics.conftest import DAY, NOW, SINCE, UNTIL, Data, at

PERIOD = {"since": SINCE, "until": UNTIL, "now": NOW}


def test_volume_counts_only_disputes_opened_in_the_period(data: Data, session: Session) -> None:
    data.dispute(at(), category="delivery", channel="web")
    data.dispute(at(hours=30), category="delivery", channel="email")
    data.dispute(at(days=2), category="billing", channel="web")
    data.dispute(SINCE - timedelta(seconds=1), category="billing")
    data.dispute(UNTIL, category="billing")
    report = volume(session=session, bucket="day", **PERIOD)
    assert report.total == 3
    assert report.by_category == [Count(key="delivery", count=2), Count(key="billing", count=1)]
    assert report.by_channel == [Count(key="web", count=2), Count(key="email", count=1)]
    days = {p.start: p.count for p in report.over_time}
    assert len(days) == 31
    assert (days[date(2026, 10, 20)], days[date(2026, 10, 21)], days[date(2026, 10, 22)]) == (
        1,
        1,
        1,
    )
    assert sum(days.values()) == 3
    weekly = volume(session=session, bucket="week", **PERIOD)
    assert {p.start: p.count for p in weekly.over_time}[date(2026, 10, 19)] == 3


def test_first_response_and_resolution_median_and_p90(data: Data, session: Session) -> None:
    replies = [
        (60, "message.sent"),
        (120, "dispute.status_changed"),
        (300, "message.sent"),
        (600, "message.sent"),
    ]
    for n, (seconds, kind) in enumerate(replies):
        d = data.dispute(at(hours=n))
        data.event(d, "dispute.assigned", at(hours=n, seconds=5))  # not a response
        data.event(d, kind, at(hours=n, seconds=seconds))
        data.event(d, "message.sent", at(hours=n, seconds=seconds + 900))  # not the first
    data.dispute(at(days=1))  # never answered
    for n, seconds in enumerate((3600, 7200)):
        data.dispute(at(days=2, hours=n), resolved_at=at(days=2, hours=n, seconds=seconds))
    report = response_times(session=session, **PERIOD)
    assert report.disputes == 7
    assert report.first_response.count == 4
    assert report.first_response.median_seconds == 210.0
    assert report.first_response.p90_seconds == 510.0  # 300 + 0.7 * (600 - 300)
    assert report.awaiting_first_response == 3
    assert report.resolution.count == 2
    assert report.resolution.median_seconds == 5400.0
    assert report.resolution.p90_seconds == 6840.0


def test_response_times_of_an_empty_period_are_null(session: Session) -> None:
    report = response_times(session=session, **PERIOD)
    assert report.first_response.median_seconds is None
    assert report.resolution.count == 0


def test_escalation_rate_levels_and_reasons(data: Data, session: Session) -> None:
    one = data.dispute(at(), category="delivery")
    two = data.dispute(at(hours=1), category="billing")
    data.dispute(at(hours=2), category="delivery")
    data.dispute(at(hours=3), category="delivery")
    data.event(
        one,
        "dispute.escalated",
        at(hours=4),
        {"escalation_level": "supervisor", "reason": "Asked for a manager"},
    )
    data.event(
        one,
        "dispute.escalated",
        at(hours=5),
        {"escalation_level": "manager", "reason": "asked for a manager "},
    )
    data.event(
        two,
        "dispute.escalated",
        at(hours=6),
        {"escalation_level": "supervisor", "reason": "SLA breached"},
    )
    report = escalations(session=session, **PERIOD)
    assert (report.disputes, report.escalated, report.rate) == (4, 2, 0.5)
    assert report.by_level == [Count(key="supervisor", count=2), Count(key="manager", count=1)]
    assert report.reasons == [
        Count(key="asked for a manager", count=2),
        Count(key="sla breached", count=1),
    ]
    assert report.by_category == [
        Rate(key="delivery", total=3, count=1, rate=0.3333),
        Rate(key="billing", total=1, count=1, rate=1.0),
    ]


def test_outcomes_and_money_given_away_by_currency(data: Data, session: Session) -> None:
    for outcome in ("remedied", "remedied", "explained", "declined"):
        data.dispute(at(), status="resolved", outcome=outcome, resolved_at=at(days=1))
    data.dispute(
        at(), status="resolved", outcome="withdrawn", resolved_at=UNTIL + timedelta(days=1)
    )
    d = data.dispute(at())
    data.offer(d, "c1", "accepted", at(), amount=1000)
    data.offer(d, "c1", "accepted", at(), amount=2500, remedy="refund_full")
    data.offer(d, "c2", "accepted", at(), amount=500, currency="EUR")
    data.offer(d, "c2", "declined", at(), amount=9999)
    data.offer(d, "c2", "accepted", at(), amount=7000, decided=UNTIL + timedelta(hours=1))
    report = outcomes(session=session, **PERIOD)
    assert report.resolved == 4
    assert [(r.key, r.count, r.rate) for r in report.by_outcome] == [
        ("remedied", 2, 0.5),
        ("explained", 1, 0.25),
        ("declined", 1, 0.25),
        ("withdrawn", 0, 0.0),
    ]
    assert report.money_given == [
        Money(currency="USD", amount_minor=3500, offers=2),
        Money(currency="EUR", amount_minor=500, offers=1),
    ]
    assert [(m.remedy, m.amount_minor) for m in report.money_by_remedy] == [
        ("refund_full", 2500),
        ("refund_partial", 1000),
        ("refund_partial", 500),
    ]


def test_reopen_rate_counts_disputes_resolved_then_reopened(data: Data, session: Session) -> None:
    data.dispute(at(), status="resolved", resolved_at=at(days=1))
    data.dispute(at(), status="closed", resolved_at=at(days=1), closed_at=at(days=2))
    reopened = data.dispute(at(), status="investigating", category="billing")
    data.event(reopened, "dispute.reopened", at(days=3))
    data.dispute(at())  # still open, never resolved: not counted
    report = reopens(session=session, **PERIOD)
    assert (report.resolved, report.reopened, report.rate) == (3, 1, 0.3333)
    assert report.by_category == [
        Rate(key="delivery", total=2, count=0, rate=0.0),
        Rate(key="billing", total=1, count=1, rate=1.0),
    ]


def test_root_causes_counts_trend_and_cost(data: Data, session: Session) -> None:
    late = [
        data.dispute(at(), status="resolved", root_cause="courier_delay", resolved_at=at(days=d))
        for d in (0, 0, 7)
    ]
    billing = data.dispute(at(), status="resolved", root_cause="billing_error", resolved_at=at())
    data.offer(late[0], "c1", "accepted", at(), amount=1500)
    data.offer(late[1], "c1", "accepted", at(), amount=1500)
    data.offer(billing, "c2", "accepted", at(), amount=5000)
    data.offer(billing, "c2", "declined", at(), amount=90000)
    report = root_causes(session=session, bucket="week", **PERIOD)
    assert report.counts == [
        Count(key="courier_delay", count=3),
        Count(key="billing_error", count=1),
    ]
    trend = {s.key: {p.start: p.count for p in s.points if p.count} for s in report.trend}
    assert trend == {
        "courier_delay": {date(2026, 10, 19): 2, date(2026, 10, 26): 1},
        "billing_error": {date(2026, 10, 19): 1},
    }
    assert [(c.root_cause, c.amount_minor, c.disputes) for c in report.top_by_cost] == [
        ("billing_error", 5000, 1),
        ("courier_delay", 3000, 2),
    ]
    assert DAY.date() == date(2026, 10, 20)

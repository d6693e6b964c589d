"""SLA clock scenarios: pauses, replies in any channel, reopen, hard deadlines, breach events."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from disputedesk.workflow.calendar import always_open, office_hours
from disputedesk.workflow.sla import (
    DEFAULT_POLICY,
    SlaEvent,
    SlaStatus,
    SlaTargets,
    compute_sla,
    hard_deadline,
    sla_transitions,
)

H = timedelta(hours=1)
LONDON = office_hours("Europe/London")
ALWAYS = always_open()
MON_9 = datetime(2026, 3, 2, 9, tzinfo=UTC)
NORMAL = DEFAULT_POLICY.targets_for("normal")
TEN_HOURS = SlaTargets(first_response=10 * H, next_response=4 * H, resolution=10 * H)


def at(hours: float) -> datetime:
    return MON_9 + timedelta(hours=hours)


def ev(kind: str, hours: float) -> SlaEvent:
    return SlaEvent(kind, at(hours))  # type: ignore[arg-type]


def status(events: list[SlaEvent], now: float, **kwargs: object) -> SlaStatus:
    params: dict[str, object] = {"calendar": ALWAYS, "targets": TEN_HOURS}
    params.update(kwargs)
    return compute_sla(opened_at=MON_9, events=events, now=at(now), **params)  # type: ignore[arg-type]


def test_new_dispute_has_running_first_response_and_resolution_clocks() -> None:
    s = status([ev("customer_message", 0)], 1, calendar=LONDON, targets=NORMAL)
    first, reply, resolution = (
        s.target(n) for n in ("first_response", "next_response", "resolution")
    )
    assert (first.state, first.due_at, first.remaining) == ("running", at(8), 7 * H)
    assert reply.state == "not_applicable"
    assert resolution.due_at == datetime(2026, 3, 6, 17, tzinfo=UTC)  # 40 business hours
    assert s.next_due_at == at(8)


def test_agent_reply_meets_first_response_and_customer_message_starts_next_response() -> None:
    events = [ev("customer_message", 0), ev("agent_response", 2), ev("customer_message", 3)]
    s = status(events, 4)
    assert s.target("first_response").state == "met"
    assert s.target("first_response").completed_at == at(2)
    reply = s.target("next_response")
    assert (reply.state, reply.due_at, reply.started_at) == ("running", at(7), at(3))
    assert s.next_due_at == at(7)


def test_second_customer_message_does_not_restart_a_pending_reply_clock() -> None:
    events = [ev("agent_response", 1), ev("customer_message", 2), ev("customer_message", 5)]
    assert status(events, 5.5).target("next_response").due_at == at(6)


def test_pause_stops_the_clock_and_resume_extends_the_due_time() -> None:
    events = [ev("agent_response", 0.5), ev("paused", 1), ev("resumed", 6)]
    paused = status(events[:2], 3)
    resolution = paused.target("resolution")
    assert (resolution.state, resolution.due_at, resolution.remaining) == ("paused", None, 9 * H)
    assert paused.paused
    assert paused.next_due_at is None
    resumed = status(events, 7)
    assert resumed.target("resolution").due_at == at(10 + 5)
    assert not resumed.paused


def test_customer_message_in_any_channel_resumes_a_paused_clock() -> None:
    events = [ev("agent_response", 0.5), ev("paused", 1), ev("customer_message", 6)]
    s = status(events, 7)
    assert s.target("resolution").due_at == at(15)
    assert s.target("next_response").due_at == at(10)


def test_pause_over_business_hours_counts_only_paused_business_time() -> None:
    # Paused Monday 16:00 to Tuesday 10:00 in the office: 2 business hours are added
    # to the unpaused due time, Friday 17:00, which moves it to Monday 11:00.
    events = [ev("agent_response", 1), ev("paused", 7), ev("resumed", 25)]
    s = status(events, 26, calendar=LONDON, targets=NORMAL)
    assert s.target("resolution").due_at == datetime(2026, 3, 9, 11, tzinfo=UTC)


def test_resolve_counts_as_the_response_and_stops_every_clock() -> None:
    s = status([ev("resolved", 2)], 50)
    assert [t.state for t in s.targets] == ["met", "not_applicable", "met"]
    assert s.next_due_at is None
    assert not s.breached


def test_reopen_gives_a_fresh_clock_not_an_instant_breach() -> None:
    events = [ev("agent_response", 1), ev("resolved", 2), ev("reopened", 100)]
    s = status(events, 100.5)
    first, resolution = s.target("first_response"), s.target("resolution")
    assert (first.state, first.due_at, first.started_at) == ("running", at(110), at(100))
    assert (resolution.state, resolution.due_at) == ("running", at(110))
    assert not s.breached
    before = status(events[:2], 99)
    assert sla_transitions(before, s) == []


def test_reopen_in_business_hours_counts_from_the_reopen() -> None:
    reopen = datetime(2026, 3, 13, 10, tzinfo=UTC)  # a Friday
    events = [ev("resolved", 1), SlaEvent("reopened", reopen)]
    s = compute_sla(
        calendar=LONDON,
        targets=DEFAULT_POLICY.targets_for("urgent"),
        opened_at=MON_9,
        events=events,
        now=reopen + timedelta(minutes=5),
    )
    assert s.target("first_response").due_at == reopen + H
    assert s.target("resolution").due_at == datetime(2026, 3, 16, 10, tzinfo=UTC)


def test_events_after_now_are_ignored() -> None:
    assert status([ev("agent_response", 5)], 4).target("first_response").state == "running"


def test_late_reply_is_recorded_as_breached() -> None:
    s = status([ev("agent_response", 12)], 13, targets=SlaTargets(10 * H, None, 100 * H))
    first = s.target("first_response")
    assert (first.state, first.alert, first.remaining) == ("breached", "breached", -2 * H)
    assert not s.breached  # the reply came; only open breaches escalate


def test_pause_after_a_breach_keeps_the_breach() -> None:
    s = status([ev("agent_response", 1), ev("paused", 12)], 14)
    resolution = s.target("resolution")
    assert (resolution.state, resolution.due_at) == ("breached", at(10))
    assert s.breached


def test_chargeback_hard_deadline_ignores_pauses_and_nights() -> None:
    due_by = at(24 * 7)
    events = [ev("agent_response", 1), ev("paused", 2)]
    s = status(events, 24 * 6, calendar=LONDON, targets=NORMAL, deadlines=[hard_deadline(due_by)])
    evidence = s.target("evidence")
    assert evidence.hard
    assert evidence.state == "near_breach"
    assert (evidence.due_at, evidence.remaining) == (due_by, 24 * H)
    assert s.target("resolution").state == "paused"
    assert s.next_due_at == due_by
    late = status(events, 24 * 7 + 1, deadlines=[hard_deadline(due_by)])
    assert late.target("evidence").state == "breached"
    assert late.breached


def test_evidence_submitted_meets_the_hard_deadline() -> None:
    deadline = hard_deadline(at(48))
    s = status([ev("evidence_submitted", 10)], 60, deadlines=[deadline])
    assert s.target("evidence").state == "met"


def test_not_applicable_targets() -> None:
    targets = SlaTargets(first_response=H, next_response=None, resolution=None)
    s = status([ev("agent_response", 0.5), ev("customer_message", 1)], 2, targets=targets)
    assert [t.state for t in s.targets] == ["met", "not_applicable", "not_applicable"]


def test_near_breach_then_breach_are_each_reported_once() -> None:
    events: list[SlaEvent] = []
    reported: list[tuple[str, str]] = []
    previous: SlaStatus | None = None
    for hour in (1, 8.5, 8.6, 9, 10, 10.5, 12):
        current = status(events, hour, targets=SlaTargets(10 * H, None, None))
        reported += [(c.target, c.kind) for c in sla_transitions(previous, current)]
        assert sla_transitions(current, current) == []
        previous = current
    assert reported == [("first_response", "near_breach"), ("first_response", "breached")]


def test_first_look_at_an_overdue_clock_reports_only_the_breach() -> None:
    changes = sla_transitions(None, status([], 11, targets=SlaTargets(10 * H, None, None)))
    assert [(c.target, c.kind, c.due_at) for c in changes] == [
        ("first_response", "breached", at(10))
    ]


def test_pause_and_resume_in_near_breach_does_not_repeat_the_warning() -> None:
    targets = SlaTargets(10 * H, None, None)
    events = [ev("paused", 9), ev("resumed", 20)]
    seen = [status(events, hour, targets=targets) for hour in (8.5, 9.5, 20.1)]
    assert [s.target("first_response").state for s in seen] == [
        "near_breach",
        "paused",
        "near_breach",
    ]
    assert sla_transitions(seen[0], seen[1]) == []
    assert sla_transitions(seen[1], seen[2]) == []


def test_new_reply_clock_can_breach_again() -> None:
    targets = SlaTargets(None, 2 * H, None)
    events = [ev("agent_response", 0), ev("customer_message", 1), ev("agent_response", 4)]
    first_breach = status(events[:2], 3.5, targets=targets)
    assert [c.kind for c in sla_transitions(None, first_breach)] == ["breached"]
    events += [ev("customer_message", 5)]
    later = status(events, 7.5, targets=targets)
    assert [(c.kind, c.started_at) for c in sla_transitions(first_breach, later)] == [
        ("breached", at(5))
    ]


@pytest.mark.parametrize(
    "kwargs",
    [{"near_breach_fraction": 1.0}, {"now": datetime(2026, 3, 2)}],
    ids=["fraction", "naive now"],
)
def test_bad_arguments_are_rejected(kwargs: dict[str, object]) -> None:
    params: dict[str, object] = {
        "calendar": ALWAYS,
        "targets": TEN_HOURS,
        "opened_at": MON_9,
        "events": [],
        "now": at(1),
    }
    params.update(kwargs)
    with pytest.raises(ValueError, match=r"near_breach_fraction|timezone-aware"):
        compute_sla(**params)  # type: ignore[arg-type]


def test_unknown_event_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown SLA event kind"):
        SlaEvent("lunch", MON_9)  # type: ignore[arg-type]


def test_reopen_of_an_open_dispute_changes_nothing() -> None:
    s = status([ev("agent_response", 1), ev("reopened", 5)], 6)
    assert s.target("first_response").state == "met"
    assert s.target("resolution").due_at == at(10)

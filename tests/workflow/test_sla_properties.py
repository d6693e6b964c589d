"""Properties of the SLA clock: pauses never pull a due time earlier; reopen never breaches."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.workflow.calendar import BusinessCalendar, always_open, office_hours
from disputedesk.workflow.priority import Priority
from disputedesk.workflow.sla import DEFAULT_POLICY, SlaEvent, compute_sla, sla_transitions

CALENDARS = st.sampled_from([always_open(), office_hours("America/New_York")])
OPENED = datetime(2026, 3, 2, 14, tzinfo=UTC)
offsets = st.integers(min_value=1, max_value=60 * 24 * 20).map(lambda m: timedelta(minutes=m))
priorities = st.sampled_from(["low", "normal", "high", "urgent"])


@settings(max_examples=80, deadline=None)
@given(CALENDARS, priorities, offsets, offsets)
def test_a_pause_never_brings_the_resolution_due_time_forward(
    cal: BusinessCalendar, priority: Priority, pause_at: timedelta, length: timedelta
) -> None:
    targets = DEFAULT_POLICY.targets_for(priority)
    events = [SlaEvent("agent_response", OPENED + pause_at / 2)]
    now = OPENED + pause_at + length + timedelta(minutes=1)
    plain = compute_sla(calendar=cal, targets=targets, opened_at=OPENED, events=events, now=now)
    paused_events = [
        *events,
        SlaEvent("paused", OPENED + pause_at),
        SlaEvent("resumed", OPENED + pause_at + length),
    ]
    paused = compute_sla(
        calendar=cal, targets=targets, opened_at=OPENED, events=paused_events, now=now
    )
    before, after = plain.target("resolution").due_at, paused.target("resolution").due_at
    assert before is not None
    assert after is not None
    assert after >= before


@settings(max_examples=80, deadline=None)
@given(CALENDARS, priorities, offsets, offsets, st.integers(min_value=0, max_value=59))
def test_reopen_never_starts_breached(
    cal: BusinessCalendar,
    priority: Priority,
    resolved_after: timedelta,
    gap: timedelta,
    minutes: int,
) -> None:
    targets = DEFAULT_POLICY.targets_for(priority)
    reopen = OPENED + resolved_after + gap
    events = [SlaEvent("resolved", OPENED + resolved_after), SlaEvent("reopened", reopen)]
    now = reopen + timedelta(minutes=minutes)
    status = compute_sla(calendar=cal, targets=targets, opened_at=OPENED, events=events, now=now)
    assert not status.breached
    assert all(c.kind != "breached" for c in sla_transitions(None, status))


kinds = st.sampled_from(
    ["customer_message", "agent_response", "paused", "resumed", "resolved", "reopened"]
)
timelines = st.lists(
    st.tuples(kinds, st.integers(min_value=0, max_value=60 * 24 * 10)), max_size=12
)


@settings(max_examples=120, deadline=None)
@given(CALENDARS, priorities, timelines, st.lists(st.integers(0, 60 * 24 * 14), max_size=8))
def test_each_alert_is_reported_once_per_clock(
    cal: BusinessCalendar,
    priority: Priority,
    timeline: list[tuple[str, int]],
    looks: list[int],
) -> None:
    targets = DEFAULT_POLICY.targets_for(priority)
    events = [SlaEvent(kind, OPENED + timedelta(minutes=m)) for kind, m in timeline]  # type: ignore[arg-type]
    previous = None
    reported: list[tuple[str, object, str]] = []
    for minutes in sorted(looks):
        now = OPENED + timedelta(minutes=minutes)
        current = compute_sla(
            calendar=cal, targets=targets, opened_at=OPENED, events=events, now=now
        )
        assert sla_transitions(current, current) == []
        for target in current.targets:
            if target.state in ("running", "near_breach"):
                assert target.due_at is not None
                assert target.due_at > now
            if target.state == "paused":
                assert target.due_at is None
        reported += [(c.target, c.started_at, c.kind) for c in sla_transitions(previous, current)]
        previous = current
    assert len(reported) == len(set(reported))

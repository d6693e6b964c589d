"""SLA policies and a pure SLA clock computed from a dispute's timeline facts.

Targets are business time on a `BusinessCalendar`. The clock is recomputed from the whole list
of facts each time (no stored counters), so a late-arriving fact or a replay gives the same
answer. Hard deadlines (a chargeback's evidence deadline) are wall-clock and never pause.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any, Literal, get_args

import yaml

from disputedesk.workflow.calendar import (
    BusinessCalendar,
    WorkflowConfigError,
    add_business_time,
    business_time_between,
)
from disputedesk.workflow.priority import PRIORITIES, Priority

SlaEventKind = Literal[
    "customer_message",
    "agent_response",
    "paused",
    "resumed",
    "resolved",
    "reopened",
    "evidence_submitted",
]
SlaState = Literal["running", "near_breach", "breached", "paused", "met", "not_applicable"]
Alert = Literal["none", "near_breach", "breached"]
TARGET_NAMES = ("first_response", "next_response", "resolution")
_EVENT_KINDS = frozenset(get_args(SlaEventKind))
_ALERT_RANK: Mapping[Alert, int] = MappingProxyType({"none": 0, "near_breach": 1, "breached": 2})
_ZERO = timedelta(0)
_DURATION = re.compile(r"^\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?\s*$")


@dataclass(frozen=True)
class SlaTargets:
    """Business-time targets; None means the target does not apply."""

    first_response: timedelta | None
    next_response: timedelta | None
    resolution: timedelta | None

    def __post_init__(self) -> None:
        for name in TARGET_NAMES:
            value = getattr(self, name)
            if value is not None and value <= _ZERO:
                raise WorkflowConfigError(name, f"must be positive, got {value}")


def _h(hours: int) -> timedelta:
    return timedelta(hours=hours)


# A "business day" in this table is 8 business hours.
DEFAULT_TARGETS: Mapping[Priority, SlaTargets] = MappingProxyType(
    {
        "urgent": SlaTargets(_h(1), _h(2), _h(8)),
        "high": SlaTargets(_h(4), _h(8), _h(24)),
        "normal": SlaTargets(_h(8), _h(16), _h(40)),
        "low": SlaTargets(_h(24), _h(48), _h(80)),
    }
)


@dataclass(frozen=True)
class SlaPolicy:
    """Targets per priority, with category-specific overrides that win when present."""

    defaults: Mapping[Priority, SlaTargets] = field(default_factory=lambda: DEFAULT_TARGETS)
    overrides: Mapping[tuple[Priority, str], SlaTargets] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def targets_for(self, priority: Priority, category: str | None = None) -> SlaTargets:
        """Targets for a dispute: (priority, category) override, else the priority default."""
        if category is not None and (priority, category) in self.overrides:
            return self.overrides[(priority, category)]
        return self.defaults.get(priority, DEFAULT_TARGETS[priority])


DEFAULT_POLICY = SlaPolicy()


@dataclass(frozen=True)
class SlaEvent:
    """One timeline fact the clock reads: what happened and when (aware datetime)."""

    kind: SlaEventKind
    at: datetime

    def __post_init__(self) -> None:
        if self.kind not in _EVENT_KINDS:
            raise ValueError(f"unknown SLA event kind {self.kind!r}")
        if self.at.tzinfo is None:
            raise ValueError("SlaEvent.at must be timezone-aware")


@dataclass(frozen=True)
class HardDeadline:
    """A wall-clock deadline that never pauses, met by evidence or by resolution."""

    name: str
    due_by: datetime


def hard_deadline(due_by: datetime, *, name: str = "evidence") -> HardDeadline:
    """A hard deadline (e.g. a chargeback's evidence deadline) for `compute_sla`."""
    if due_by.tzinfo is None:
        raise ValueError("due_by must be timezone-aware")
    return HardDeadline(name=name, due_by=due_by)


@dataclass(frozen=True)
class TargetStatus:
    """State of one target; `remaining` is negative when overdue; `alert` is the worst reached."""

    name: str
    state: SlaState
    due_at: datetime | None = None
    remaining: timedelta | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    alert: Alert = "none"
    hard: bool = False


@dataclass(frozen=True)
class SlaStatus:
    """All targets at `computed_at`, whether the clock is paused and the soonest running due."""

    targets: tuple[TargetStatus, ...]
    paused: bool
    next_due_at: datetime | None
    computed_at: datetime

    def target(self, name: str) -> TargetStatus:
        """The status of the target called `name`."""
        for status in self.targets:
            if status.name == name:
                return status
        raise KeyError(name)

    @property
    def breached(self) -> bool:
        """True when any open target is past due (for escalation rules)."""
        return any(t.state == "breached" and t.completed_at is None for t in self.targets)


@dataclass(frozen=True)
class SlaChange:
    """A breach or near-breach to record as an event, once per clock."""

    target: str
    kind: Literal["near_breach", "breached"]
    started_at: datetime | None
    due_at: datetime | None
    detected_at: datetime


@dataclass
class _Clock:
    """One running target; pauses move consumed business time aside."""

    name: str
    target: timedelta
    started_at: datetime
    running_since: datetime | None
    consumed: timedelta = _ZERO
    overdue_due: datetime | None = None
    warned: bool = False
    completed_at: datetime | None = None
    completed_due: datetime | None = None

    def due(self, cal: BusinessCalendar) -> datetime | None:
        if self.overdue_due is not None:
            return self.overdue_due
        if self.running_since is None:
            return None
        return add_business_time(cal, self.running_since, max(self.target - self.consumed, _ZERO))

    def pause(self, cal: BusinessCalendar, at: datetime, warn_below: timedelta) -> None:
        if self.running_since is None or self.completed_at is not None:
            return
        due = self.due(cal)
        if due is not None and due <= at:
            self.overdue_due = due
        self.consumed += business_time_between(cal, self.running_since, at)
        self.running_since = None
        if self.target - self.consumed <= warn_below:
            self.warned = True

    def resume(self, at: datetime) -> None:
        if self.running_since is None and self.completed_at is None:
            self.running_since = at

    def complete(self, cal: BusinessCalendar, at: datetime) -> None:
        if self.completed_at is None:
            self.completed_due = self.due(cal)
            self.completed_at = at

    def status(self, cal: BusinessCalendar, now: datetime, warn_below: timedelta) -> TargetStatus:
        late = self.overdue_due is not None
        state: SlaState
        if self.completed_at is not None:
            due = self.completed_due
            late = late or (due is not None and self.completed_at > due)
            state = "breached" if late else "met"
            remaining = None if due is None else business_time_between(cal, self.completed_at, due)
        elif self.running_since is None:
            due = self.overdue_due
            state = "breached" if late else "paused"
            remaining = self.target - self.consumed
        else:
            due = self.due(cal)
            assert due is not None
            remaining = business_time_between(cal, now, due)
            late = now >= due
            state = "breached" if late else "near_breach" if remaining <= warn_below else "running"
        return TargetStatus(
            name=self.name,
            state=state,
            due_at=due,
            remaining=remaining,
            started_at=self.started_at,
            completed_at=self.completed_at,
            alert=_alert(late=late, warned=self.warned or state == "near_breach"),
        )


def _alert(*, late: bool, warned: bool) -> Alert:
    return "breached" if late else "near_breach" if warned else "none"


def _deadline_status(
    deadline: HardDeadline,
    *,
    opened_at: datetime,
    done_at: datetime | None,
    now: datetime,
    fraction: float,
) -> TargetStatus:
    state: SlaState
    if done_at is not None:
        late = done_at > deadline.due_by
        state, remaining = ("breached" if late else "met"), deadline.due_by - done_at
    else:
        late, remaining = now >= deadline.due_by, deadline.due_by - now
        warned = remaining <= (deadline.due_by - opened_at) * fraction
        state = "breached" if late else "near_breach" if warned else "running"
    return TargetStatus(
        name=deadline.name,
        state=state,
        due_at=deadline.due_by,
        remaining=remaining,
        started_at=opened_at,
        completed_at=done_at,
        alert=_alert(late=late, warned=state == "near_breach"),
        hard=True,
    )


def compute_sla(
    *,
    calendar: BusinessCalendar,
    targets: SlaTargets,
    opened_at: datetime,
    events: Sequence[SlaEvent],
    now: datetime,
    deadlines: Sequence[HardDeadline] = (),
    near_breach_fraction: float = 0.2,
) -> SlaStatus:
    """The SLA status at `now` from the dispute's facts; facts after `now` are ignored."""
    if not 0 <= near_breach_fraction < 1:
        raise ValueError("near_breach_fraction must be in [0, 1)")
    if opened_at.tzinfo is None or now.tzinfo is None:
        raise ValueError("opened_at and now must be timezone-aware")
    opened_at, now = opened_at.astimezone(UTC), now.astimezone(UTC)

    def new_clock(name: str, target: timedelta | None, at: datetime) -> _Clock | None:
        return None if target is None else _Clock(name, target, at, running_since=at)

    def warn(clock: _Clock) -> timedelta:
        return clock.target * near_breach_fraction

    first = new_clock("first_response", targets.first_response, opened_at)
    resolution = new_clock("resolution", targets.resolution, opened_at)
    reply: _Clock | None = None
    paused = resolved = False
    resolved_at = evidence_at = None
    timeline = sorted((e for e in events if e.at <= now), key=lambda e: e.at)
    for event in timeline:
        at = max(event.at.astimezone(UTC), opened_at)
        clocks = [c for c in (first, reply, resolution) if c is not None]
        if event.kind == "evidence_submitted":
            evidence_at = evidence_at or at
        elif event.kind == "reopened":
            if resolved:
                first = new_clock("first_response", targets.first_response, at)
                resolution = new_clock("resolution", targets.resolution, at)
                reply, paused, resolved, resolved_at = None, False, False, None
        elif resolved:
            continue  # nothing moves a resolved dispute's clocks until it is reopened
        elif event.kind in ("customer_message", "resumed"):
            if paused:
                for clock in clocks:
                    clock.resume(at)
                paused = False
            answered = first is None or first.completed_at is not None
            if (
                event.kind == "customer_message"
                and answered
                and (reply is None or reply.completed_at is not None)
            ):
                reply = new_clock("next_response", targets.next_response, at)
        elif event.kind == "agent_response":
            for pending in (first, reply):
                if pending is not None:
                    pending.complete(calendar, at)
        elif event.kind == "paused" and not paused:
            for clock in clocks:
                clock.pause(calendar, at, warn(clock))
            paused = True
        elif event.kind == "resolved":
            for clock in clocks:
                clock.complete(calendar, at)
            paused, resolved, resolved_at = False, True, at

    statuses: list[TargetStatus] = []
    for name, final in zip(TARGET_NAMES, (first, reply, resolution), strict=True):
        if final is None:
            statuses.append(TargetStatus(name=name, state="not_applicable"))
        else:
            statuses.append(final.status(calendar, now, warn(final)))
    done_at = evidence_at or resolved_at
    for deadline in deadlines:
        statuses.append(
            _deadline_status(
                deadline,
                opened_at=opened_at,
                done_at=done_at,
                now=now,
                fraction=near_breach_fraction,
            )
        )
    open_dues = [
        s.due_at
        for s in statuses
        if s.due_at is not None
        and s.completed_at is None
        and s.state in ("running", "near_breach", "breached")
    ]
    return SlaStatus(
        targets=tuple(statuses),
        paused=paused,
        next_due_at=min(open_dues, default=None),
        computed_at=now,
    )


def sla_transitions(previous: SlaStatus | None, current: SlaStatus) -> list[SlaChange]:
    """Breach and near-breach events to record: only alerts `previous` had not reached yet."""
    seen: dict[tuple[str, datetime | None], Alert] = {}
    if previous is not None:
        seen = {(t.name, t.started_at): t.alert for t in previous.targets}
    changes: list[SlaChange] = []
    for status in current.targets:
        before = seen.get((status.name, status.started_at), "none")
        if status.alert != "none" and _ALERT_RANK[status.alert] > _ALERT_RANK[before]:
            changes.append(
                SlaChange(
                    target=status.name,
                    kind=status.alert,
                    started_at=status.started_at,
                    due_at=status.due_at,
                    detected_at=current.computed_at,
                )
            )
    return changes


def parse_duration(value: object, where: str) -> timedelta | None:
    """Parse '4h', '30m', '1h30m' (or null/'none' for not applicable); errors name `where`."""
    if value is None or value == "none":
        return None
    match = _DURATION.match(value) if isinstance(value, str) else None
    if match is None or not (match[1] or match[2]):
        raise WorkflowConfigError(where, f"expected a duration like '4h' or '30m', got {value!r}")
    duration = timedelta(hours=int(match[1] or 0), minutes=int(match[2] or 0))
    if duration <= _ZERO:
        raise WorkflowConfigError(where, "must be positive")
    return duration


def _targets(data: object, where: str, base: SlaTargets | None) -> SlaTargets:
    if not isinstance(data, Mapping):
        raise WorkflowConfigError(where, "expected a mapping of target to duration")
    unknown = sorted(str(k) for k in data if k not in TARGET_NAMES)
    if unknown:
        raise WorkflowConfigError(f"{where}.{unknown[0]}", "unknown target")
    values: dict[str, timedelta | None] = {}
    for name in TARGET_NAMES:
        if name in data:
            values[name] = parse_duration(data[name], f"{where}.{name}")
        elif base is not None:
            values[name] = getattr(base, name)
        else:
            raise WorkflowConfigError(f"{where}.{name}", "is required")
    return SlaTargets(**values)


def _priority(key: object, where: str) -> Priority:
    for candidate in PRIORITIES:
        if key == candidate:
            return candidate
    raise WorkflowConfigError(where, f"unknown priority; use {', '.join(PRIORITIES)}")


def sla_policy_from_dict(data: Mapping[str, Any]) -> SlaPolicy:
    """Build a policy from plain data; missing priorities and fields fall back to defaults."""
    if not isinstance(data, Mapping):
        raise WorkflowConfigError("sla", "expected a mapping")
    unknown = sorted(str(k) for k in data if k not in ("priorities", "categories"))
    if unknown:
        raise WorkflowConfigError(unknown[0], "unknown field")
    raw = data.get("priorities") or {}
    if not isinstance(raw, Mapping):
        raise WorkflowConfigError("priorities", "expected a mapping of priority to targets")
    defaults = dict(DEFAULT_TARGETS)
    for key, value in raw.items():
        priority = _priority(key, f"priorities.{key}")
        defaults[priority] = _targets(value, f"priorities.{key}", DEFAULT_TARGETS[priority])
    overrides: dict[tuple[Priority, str], SlaTargets] = {}
    categories = data.get("categories") or {}
    if not isinstance(categories, Mapping):
        raise WorkflowConfigError("categories", "expected a mapping of category to priorities")
    for category, per_priority in categories.items():
        where = f"categories.{category}"
        if not isinstance(per_priority, Mapping):
            raise WorkflowConfigError(where, "expected a mapping of priority to targets")
        for key, value in per_priority.items():
            priority = _priority(key, f"{where}.{key}")
            overrides[(priority, str(category))] = _targets(
                value, f"{where}.{key}", defaults[priority]
            )
    return SlaPolicy(defaults=MappingProxyType(defaults), overrides=MappingProxyType(overrides))


def sla_policy_from_yaml(text: str) -> SlaPolicy:
    """Parse an SLA policy from YAML text; errors name the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WorkflowConfigError("sla", f"not valid YAML: {exc}") from exc
    return sla_policy_from_dict(data or {})

"""Escalation rules as data, their evaluation, and the follow-up date after a resolution.

A rule says which trigger raises a dispute to which level, which flag it sets and the reason
recorded with it. Evaluation never lowers a level and answers nothing for a rule whose level
the dispute already has; flags are available on their own through `escalation_flags`.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import Any, Literal, TypeVar, get_args

import yaml

from disputedesk.workflow.calendar import BusinessCalendar, WorkflowConfigError, add_business_days

Level = Literal["agent", "supervisor", "manager"]
TargetLevel = Literal["supervisor", "manager"]
Flag = Literal["legal", "safety"]
RuleKind = Literal["escalate", "approval"]
Trigger = Literal[
    "manager_request",
    "legal_threat",
    "regulator_complaint",
    "safety_issue",
    "sla_breach",
    "repeat_contact",
    "anger_rising",
    "offer_above_authority",
]
LEVELS: tuple[Level, ...] = get_args(Level)
TRIGGERS: tuple[Trigger, ...] = get_args(Trigger)
TARGET_LEVELS: tuple[TargetLevel, ...] = get_args(TargetLevel)
FLAGS: tuple[Flag, ...] = get_args(Flag)
RULE_KINDS: tuple[RuleKind, ...] = get_args(RuleKind)
_T = TypeVar("_T", bound=str)
RISK_TRIGGERS = frozenset(
    {"manager_request", "legal_threat", "regulator_complaint", "safety_issue"}
)
TEMPLATE_FIELDS = frozenset({"count", "level", "trigger", "messages"})
_RULE_FIELDS = ("trigger", "target", "flag", "reason", "kind", "threshold")


@dataclass(frozen=True)
class EscalationRule:
    """When `trigger` fires, raise to `target` (or ask its approval), set `flag`, record `reason`.

    `threshold` is the contact count for repeat_contact and the number of messages over which
    anger must rise for anger_rising; other triggers ignore it. `reason` may use {count},
    {level}, {trigger} and {messages}.
    """

    trigger: Trigger
    target: TargetLevel
    reason: str
    flag: Flag | None = None
    kind: RuleKind = "escalate"
    threshold: int | None = None


@dataclass(frozen=True)
class EscalationDecision:
    """Raise to `target_level` (or ask its approval) for these reasons, setting these flags."""

    kind: RuleKind
    target_level: TargetLevel
    flags: tuple[Flag, ...]
    reasons: tuple[str, ...]
    triggers: tuple[Trigger, ...]


DEFAULT_RULES: tuple[EscalationRule, ...] = (
    EscalationRule("manager_request", "supervisor", "customer asked to speak to a manager"),
    EscalationRule("legal_threat", "manager", "customer threatens legal action", flag="legal"),
    EscalationRule(
        "regulator_complaint", "manager", "customer mentions a regulator complaint", flag="legal"
    ),
    EscalationRule("safety_issue", "manager", "possible safety issue", flag="safety"),
    EscalationRule("sla_breach", "supervisor", "an SLA target was breached"),
    EscalationRule(
        "repeat_contact", "supervisor", "customer has contacted us {count} times", threshold=3
    ),
    EscalationRule(
        "anger_rising", "supervisor", "anger rose over the last {messages} messages", threshold=2
    ),
    EscalationRule(
        "offer_above_authority",
        "supervisor",
        "offer is above the agent's authority: {level} approval needed",
        kind="approval",
    ),
)


def level_rank(level: str) -> int:
    """Position of a level: agent 0, supervisor 1, manager 2."""
    for rank, candidate in enumerate(LEVELS):
        if level == candidate:
            return rank
    raise ValueError(f"level must be one of {', '.join(LEVELS)}, got {level!r}")


def anger_rising(anger_history: Sequence[float], messages: int = 2) -> bool:
    """True when anger rose from each message to the next over the last `messages` messages."""
    window = list(anger_history[-messages:])
    if messages < 2 or len(window) < messages:
        return False
    return all(a < b for a, b in pairwise(window))


def _fires(
    rule: EscalationRule,
    *,
    risks: set[str],
    anger_history: Sequence[float],
    repeat_contacts: int,
    sla_breached: bool,
    offer_needs: TargetLevel | None,
) -> bool:
    if rule.trigger in RISK_TRIGGERS:
        return rule.trigger in risks
    if rule.trigger == "sla_breach":
        return sla_breached
    if rule.trigger == "repeat_contact":
        return repeat_contacts >= (rule.threshold or 3)
    if rule.trigger == "anger_rising":
        return anger_rising(anger_history, rule.threshold or 2)
    return offer_needs is not None


def evaluate_escalation(
    *,
    rules: Sequence[EscalationRule] = DEFAULT_RULES,
    risks: list[str],
    anger_history: list[float],
    repeat_contacts: int,
    sla_breached: bool,
    current_level: str,
    offer_needs: TargetLevel | None = None,
) -> list[EscalationDecision]:
    """Escalations (one at most) and approvals due now; never at or below `current_level`."""
    current = level_rank(current_level)
    risk_set = set(risks)
    fired = [
        rule
        for rule in rules
        if _fires(
            rule,
            risks=risk_set,
            anger_history=anger_history,
            repeat_contacts=repeat_contacts,
            sla_breached=sla_breached,
            offer_needs=offer_needs,
        )
    ]
    decisions: list[EscalationDecision] = []
    escalations = [r for r in fired if r.kind == "escalate" and level_rank(r.target) > current]
    if escalations:
        top = max(escalations, key=lambda r: level_rank(r.target))
        decisions.append(_decision("escalate", top.target, escalations, repeat_contacts))
    for rule in (r for r in fired if r.kind == "approval"):
        assert offer_needs is not None
        level = max(rule.target, offer_needs, key=level_rank)
        if level_rank(level) > current:
            decisions.append(_decision("approval", level, [rule], repeat_contacts))
    return decisions


def _decision(
    kind: RuleKind, level: TargetLevel, rules: list[EscalationRule], count: int
) -> EscalationDecision:
    flags = tuple(sorted({r.flag for r in rules if r.flag is not None}))
    reasons = tuple(
        r.reason.format(count=count, level=level, trigger=r.trigger, messages=r.threshold or 2)
        for r in rules
    )
    return EscalationDecision(
        kind=kind,
        target_level=level,
        flags=flags,
        reasons=reasons,
        triggers=tuple(r.trigger for r in rules),
    )


def escalation_flags(
    *, rules: Sequence[EscalationRule] = DEFAULT_RULES, risks: list[str]
) -> set[Flag]:
    """Flags (legal, safety) the risks call for, whatever the current level."""
    return {r.flag for r in rules if r.flag is not None and r.trigger in set(risks)}


def follow_up_due(
    calendar: BusinessCalendar, resolved_at: datetime, business_days: int = 3
) -> datetime:
    """When to follow up after a resolution: `business_days` business days later."""
    return add_business_days(calendar, resolved_at, business_days)


def _choice(value: object, allowed: tuple[_T, ...], where: str) -> _T:
    for candidate in allowed:
        if value == candidate:
            return candidate
    raise WorkflowConfigError(where, f"must be one of {', '.join(allowed)}, got {value!r}")


def _rule(data: object, where: str) -> EscalationRule:
    if not isinstance(data, dict):
        raise WorkflowConfigError(where, "expected a mapping")
    unknown = sorted(str(k) for k in data if k not in _RULE_FIELDS)
    if unknown:
        raise WorkflowConfigError(f"{where}.{unknown[0]}", "unknown field")
    for required in ("trigger", "target", "reason"):
        if required not in data:
            raise WorkflowConfigError(f"{where}.{required}", "is required")
    reason = data["reason"]
    if not isinstance(reason, str) or not reason.strip():
        raise WorkflowConfigError(f"{where}.reason", "must be a non-empty string")
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(reason) if name is not None}
    except ValueError as exc:
        raise WorkflowConfigError(f"{where}.reason", f"bad template: {exc}") from exc
    bad = sorted(names - TEMPLATE_FIELDS)
    if bad:
        allowed = ", ".join("{" + n + "}" for n in sorted(TEMPLATE_FIELDS))
        raise WorkflowConfigError(
            f"{where}.reason", f"unknown placeholder {{{bad[0]}}}; use {allowed}"
        )
    raw_flag = data.get("flag")
    flag = None if raw_flag is None else _choice(raw_flag, FLAGS, f"{where}.flag")
    threshold = data.get("threshold")
    if threshold is not None and (type(threshold) is not int or threshold < 1):
        raise WorkflowConfigError(
            f"{where}.threshold", f"must be a positive integer, got {threshold!r}"
        )
    return EscalationRule(
        trigger=_choice(data["trigger"], TRIGGERS, f"{where}.trigger"),
        target=_choice(data["target"], TARGET_LEVELS, f"{where}.target"),
        reason=reason,
        flag=flag,
        kind=_choice(data.get("kind", "escalate"), RULE_KINDS, f"{where}.kind"),
        threshold=threshold,
    )


def rules_from_dict(data: Any) -> tuple[EscalationRule, ...]:
    """Build rules from plain data ({'rules': [...]} or a list); errors name the field."""
    items = data.get("rules") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise WorkflowConfigError("rules", "expected a list of rules")
    return tuple(_rule(item, f"rules[{i}]") for i, item in enumerate(items))


def rules_from_yaml(text: str) -> tuple[EscalationRule, ...]:
    """Parse escalation rules from YAML text; errors name the field."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise WorkflowConfigError("rules", f"not valid YAML: {exc}") from exc
    return rules_from_dict(data)

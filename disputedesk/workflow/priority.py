"""Priority of a dispute from its analysis, amount, customer tier and channel, with reasons.

Scoring is additive and every contribution is non-decreasing in its input, so adding a risk,
raising anger, a rising anger trend, a larger amount or more repeat contacts never lowers the
priority. The score maps to a level: below 0 low, 0-29 normal, 30-59 high, 60 and above urgent.
See docs/workflow.md for the full table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Literal, get_args

Priority = Literal["low", "normal", "high", "urgent"]
PRIORITIES: tuple[Priority, ...] = get_args(Priority)

RISK_POINTS: Mapping[str, tuple[int, str]] = MappingProxyType(
    {
        "safety_issue": (60, "possible safety issue"),
        "legal_threat": (40, "customer threatens legal action"),
        "regulator_complaint": (40, "customer mentions a complaint to a regulator"),
        "chargeback_threat": (25, "customer threatens a chargeback"),
        "public_review_threat": (15, "customer threatens a public review"),
        "cancellation_threat": (15, "customer threatens to cancel"),
        "manager_request": (10, "customer asks for a manager"),
        "abusive_language": (10, "abusive language in the message"),
    }
)
TIER_POINTS: Mapping[str, int] = MappingProxyType(
    {"platinum": 20, "vip": 20, "gold": 15, "silver": 5}
)
ZERO_DECIMAL_CURRENCIES = frozenset({"JPY", "KRW", "VND", "CLP", "ISK", "HUF", "XOF", "XAF"})
_SYMBOLS = MappingProxyType({"USD": "$", "EUR": "€", "GBP": "£"})


@dataclass(frozen=True)
class PriorityScoring:
    """Points and thresholds of the priority score; amounts in major units of the currency."""

    risk_points: Mapping[str, tuple[int, str]] = field(default_factory=lambda: RISK_POINTS)
    tier_points: Mapping[str, int] = field(default_factory=lambda: TIER_POINTS)
    chargeback_points: int = 40
    angry: tuple[float, int] = (0.5, 15)
    very_angry: tuple[float, int] = (0.8, 30)
    rising_anger: tuple[float, int] = (0.2, 10)
    small_amount: tuple[int, int] = (25, -10)
    amount_steps: tuple[tuple[int, int], ...] = ((500, 15), (2000, 30))
    repeat_steps: tuple[tuple[int, int], ...] = ((2, 10), (3, 20))
    levels: tuple[tuple[int, Priority], ...] = ((60, "urgent"), (30, "high"), (0, "normal"))


DEFAULT_SCORING = PriorityScoring()


@dataclass(frozen=True)
class PriorityDecision:
    """The priority, the score behind it and the reasons in plain words (largest first)."""

    priority: Priority
    score: int
    reasons: tuple[str, ...]
    computed: Priority
    overridden_by: str | None = None


def priority_rank(priority: Priority) -> int:
    """Position of `priority` from low (0) to urgent (3), for sorting and comparisons."""
    return PRIORITIES.index(priority)


def _money(amount_major: int, currency: str) -> str:
    symbol = _SYMBOLS.get(currency)
    return f"{symbol}{amount_major:,}" if symbol else f"{amount_major:,} {currency}"


def _major(amount_minor: int, currency: str) -> float:
    return amount_minor if currency.upper() in ZERO_DECIMAL_CURRENCIES else amount_minor / 100


def _amount_points(amount_minor: int, currency: str, scoring: PriorityScoring) -> tuple[int, str]:
    major = _major(amount_minor, currency)
    points, reason = 0, ""
    small_limit, small_points = scoring.small_amount
    if major < small_limit:
        points, reason = small_points, f"small amount (under {_money(small_limit, currency)})"
    for limit, step_points in scoring.amount_steps:
        if major > limit:
            points, reason = step_points, f"amount over {_money(limit, currency)}"
    return points, reason


def compute_priority(
    *,
    risks: list[str],
    anger: float | None,
    anger_trend: float | None,
    amount_minor: int | None,
    currency: str,
    tier: str,
    channel: str,
    repeat_contacts: int,
    scoring: PriorityScoring = DEFAULT_SCORING,
) -> PriorityDecision:
    """Score a dispute and map the score to low, normal, high or urgent, with the reasons."""
    parts: list[tuple[int, str]] = []
    for risk in sorted(set(risks)):
        if risk in scoring.risk_points:
            parts.append(scoring.risk_points[risk])
    if channel == "chargeback":
        parts.append((scoring.chargeback_points, "chargeback: evidence deadline"))
    if anger is not None:
        if anger >= scoring.very_angry[0]:
            parts.append((scoring.very_angry[1], "customer is very angry"))
        elif anger >= scoring.angry[0]:
            parts.append((scoring.angry[1], "customer is angry"))
    if anger_trend is not None and anger_trend >= scoring.rising_anger[0]:
        parts.append((scoring.rising_anger[1], "anger is rising"))
    if amount_minor is not None:
        points, reason = _amount_points(amount_minor, currency, scoring)
        if reason:
            parts.append((points, reason))
    tier_points = scoring.tier_points.get(tier.lower(), 0)
    if tier_points:
        parts.append((tier_points, f"{tier.lower()}-tier customer"))
    repeat = 0
    for count, step_points in scoring.repeat_steps:
        if repeat_contacts >= count:
            repeat = step_points
    if "repeat_contact" in risks:
        repeat = max(repeat, scoring.repeat_steps[0][1] if scoring.repeat_steps else 0)
    if repeat:
        times = max(repeat_contacts, 2)
        parts.append((repeat, f"customer has contacted us {times} times about this"))
    score = sum(points for points, _ in parts)
    level: Priority = "low"
    for threshold, candidate in scoring.levels:
        if score >= threshold:
            level = candidate
            break
    reasons = tuple(reason for _, reason in sorted(parts, key=lambda p: -p[0]))
    return PriorityDecision(priority=level, score=score, reasons=reasons, computed=level)


def override_priority(
    decision: PriorityDecision, *, priority: Priority, by: str, reason: str
) -> PriorityDecision:
    """Staff override: keep the computed priority and reasons, record who changed it and why."""
    if priority not in PRIORITIES:
        raise ValueError(f"priority must be one of {', '.join(PRIORITIES)}, got {priority!r}")
    note = f"set to {priority} by {by}: {reason}" if reason else f"set to {priority} by {by}"
    return replace(decision, priority=priority, overridden_by=by, reasons=(note, *decision.reasons))

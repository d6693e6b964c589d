"""Priority: plain-word reasons, documented levels, monotone in risks, anger and amount."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disputedesk.workflow.priority import (
    RISK_POINTS,
    PriorityDecision,
    compute_priority,
    override_priority,
    priority_rank,
)

CALM: dict[str, Any] = {
    "risks": [],
    "anger": 0.1,
    "anger_trend": 0.0,
    "amount_minor": 8_000,
    "currency": "USD",
    "tier": "standard",
    "channel": "email",
    "repeat_contacts": 0,
}


def decide(**changes: Any) -> PriorityDecision:
    return compute_priority(**{**CALM, **changes})


@pytest.mark.parametrize(
    ("changes", "priority", "reason"),
    [
        ({}, "normal", None),
        ({"amount_minor": 1_500}, "low", "small amount (under $25)"),
        ({"risks": ["legal_threat"]}, "high", "customer threatens legal action"),
        ({"risks": ["safety_issue"]}, "urgent", "possible safety issue"),
        ({"channel": "chargeback"}, "high", "chargeback: evidence deadline"),
        ({"tier": "Gold"}, "normal", "gold-tier customer"),
        ({"amount_minor": 60_000}, "normal", "amount over $500"),
        ({"amount_minor": 250_000}, "high", "amount over $2,000"),
        ({"amount_minor": 250_000, "currency": "EUR"}, "high", "amount over €2,000"),
        ({"amount_minor": 600, "currency": "JPY"}, "normal", "amount over 500 JPY"),
        ({"anger": 0.9}, "high", "customer is very angry"),
        ({"anger": 0.6, "anger_trend": 0.3}, "normal", "anger is rising"),
        ({"repeat_contacts": 3}, "normal", "customer has contacted us 3 times about this"),
        ({"risks": ["legal_threat"], "anger": 0.9}, "urgent", "customer is very angry"),
        ({"anger": None, "anger_trend": None, "amount_minor": None}, "normal", None),
    ],
)
def test_priority_table(changes: dict[str, Any], priority: str, reason: str | None) -> None:
    decision = decide(**changes)
    assert decision.priority == priority
    assert decision.computed == priority
    if reason is None:
        assert decision.reasons == ()
    else:
        assert reason in decision.reasons


def test_reasons_list_the_biggest_contribution_first() -> None:
    decision = decide(risks=["manager_request", "legal_threat"], tier="gold")
    assert decision.reasons[0] == "customer threatens legal action"


def test_staff_override_keeps_the_computed_priority_and_says_who() -> None:
    decision = override_priority(decide(), priority="urgent", by="sam", reason="press enquiry")
    assert (decision.priority, decision.computed, decision.overridden_by) == (
        "urgent",
        "normal",
        "sam",
    )
    assert decision.reasons[0] == "set to urgent by sam: press enquiry"
    with pytest.raises(ValueError, match="priority must be one of"):
        override_priority(decision, priority="asap", by="sam", reason="")  # type: ignore[arg-type]


RISKS = sorted({*RISK_POINTS, "repeat_contact", "something_new"})
unit = st.floats(min_value=0, max_value=1, allow_nan=False)
inputs = st.fixed_dictionaries(
    {
        "risks": st.lists(st.sampled_from(RISKS), max_size=4),
        "anger": st.none() | unit,
        "anger_trend": st.none() | st.floats(min_value=-1, max_value=1, allow_nan=False),
        "amount_minor": st.none() | st.integers(min_value=0, max_value=10_000_000),
        "currency": st.sampled_from(["USD", "EUR", "JPY", "CHF"]),
        "tier": st.sampled_from(["standard", "silver", "gold", "platinum"]),
        "channel": st.sampled_from(["email", "web", "chat", "chargeback"]),
        "repeat_contacts": st.integers(min_value=0, max_value=6),
    }
)


def rank(**kwargs: Any) -> tuple[int, int]:
    decision = compute_priority(**kwargs)
    return priority_rank(decision.priority), decision.score


@settings(max_examples=300)
@given(inputs, st.sampled_from(RISKS))
def test_adding_a_risk_never_lowers_priority(base: dict[str, Any], risk: str) -> None:
    assert rank(**{**base, "risks": [*base["risks"], risk]}) >= rank(**base)


@settings(max_examples=300)
@given(inputs, unit, unit)
def test_raising_anger_never_lowers_priority(base: dict[str, Any], a: float, b: float) -> None:
    low, high = sorted((a, b))
    assert rank(**{**base, "anger": high}) >= rank(**{**base, "anger": low})
    assert rank(**{**base, "anger_trend": high}) >= rank(**{**base, "anger_trend": low})


@settings(max_examples=300)
@given(inputs, st.integers(0, 10_000_000), st.integers(0, 10_000_000), st.integers(0, 6))
def test_more_money_or_contacts_never_lowers_priority(
    base: dict[str, Any], a: int, b: int, extra: int
) -> None:
    low, high = sorted((a, b))
    assert rank(**{**base, "amount_minor": high}) >= rank(**{**base, "amount_minor": low})
    more = base["repeat_contacts"] + extra
    assert rank(**{**base, "repeat_contacts": more}) >= rank(**base)

"""Table-driven cases for every clause of the demo shop pack: allowed and refused, with reasons."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from policy_factories import make_facts

from disputedesk.policies import RemedyKind, Role, evaluate, load_default_policy

R = RemedyKind
POLICY = load_default_policy()

# (case id, remedy, fact overrides, allowed, clause cited, first reason, policy maximum)
CASES: list[tuple[str, RemedyKind, dict[str, Any], bool, str, str, int]] = [
    # returns-30-days
    (
        "return-day-10",
        R.REFUND_FULL,
        {},
        True,
        "returns-30-days",
        "Your order was delivered 10 days ago; we offer full refunds within 30 days of delivery.",
        12999,
    ),
    (
        "return-day-30-edge",
        R.REFUND_FULL,
        {"delivered_days_ago": 30},
        True,
        "returns-30-days",
        "Your order was delivered 30 days ago; we offer full refunds within 30 days of delivery.",
        12999,
    ),
    (
        "return-day-31",
        R.REFUND_FULL,
        {"delivered_days_ago": 31},
        False,
        "returns-30-days",
        "Your order was delivered 31 days ago; we offer full refunds within 30 days of delivery.",
        0,
    ),
    (
        "return-already-returned-status",
        R.REFUND_FULL,
        {"status": "returned"},
        True,
        "returns-30-days",
        "Your order was delivered 10 days ago; we offer full refunds within 30 days of delivery.",
        12999,
    ),
    (
        "return-second-refund-in-90-days",
        R.REFUND_FULL,
        {"prior": ((R.REFUND_FULL, 20),)},
        False,
        "returns-30-days",
        "You have received a full refund once in the last 90 days; our policy allows one per "
        "customer every 90 days.",
        0,
    ),
    (
        "return-prior-refund-91-days-ago",
        R.REFUND_FULL,
        {"prior": ((R.REFUND_FULL, 91),)},
        True,
        "returns-30-days",
        "Your order was delivered 10 days ago; we offer full refunds within 30 days of delivery.",
        12999,
    ),
    (
        "return-no-order",
        R.REFUND_FULL,
        {"with_order": False},
        False,
        "lost-parcel-refund",
        "We couldn't find the status of your order; we offer full refunds for orders that are "
        "lost.",
        0,
    ),
    # lost-parcel-refund
    (
        "lost-parcel",
        R.REFUND_FULL,
        {"status": "lost", "delivered_days_ago": None},
        True,
        "lost-parcel-refund",
        "Your order is lost; we offer full refunds for orders that are lost.",
        12999,
    ),
    (
        "parcel-still-shipping",
        R.REFUND_FULL,
        {"status": "shipped", "delivered_days_ago": None},
        False,
        "lost-parcel-refund",
        "Your order is shipped; we offer full refunds for orders that are lost.",
        0,
    ),
    # opened-item-partial-refund: half of the order, at most the amount in dispute
    (
        "partial-day-20",
        R.REFUND_PARTIAL,
        {"delivered_days_ago": 20},
        True,
        "opened-item-partial-refund",
        "Your order was delivered 20 days ago; we offer partial refunds within 30 days of "
        "delivery.",
        6499,
    ),
    (
        "partial-capped-by-dispute",
        R.REFUND_PARTIAL,
        {"amount": 2000, "order_amount": 10000},
        True,
        "opened-item-partial-refund",
        "Your order was delivered 10 days ago; we offer partial refunds within 30 days of "
        "delivery.",
        2000,
    ),
    (
        "partial-day-35",
        R.REFUND_PARTIAL,
        {"delivered_days_ago": 35},
        False,
        "opened-item-partial-refund",
        "Your order was delivered 35 days ago; we offer partial refunds within 30 days of "
        "delivery.",
        0,
    ),
    # dead-on-arrival-replacement
    (
        "doa-day-14",
        R.REPLACEMENT,
        {"delivered_days_ago": 14},
        True,
        "dead-on-arrival-replacement",
        "Your order was delivered 14 days ago; we offer replacements within 14 days of delivery.",
        12999,
    ),
    (
        "doa-day-15",
        R.REPLACEMENT,
        {"delivered_days_ago": 15},
        False,
        "dead-on-arrival-replacement",
        "Your order was delivered 15 days ago; we offer replacements within 14 days of delivery.",
        0,
    ),
    (
        "doa-wrong-category",
        R.REPLACEMENT,
        {"category": "billing"},
        False,
        "dead-on-arrival-replacement",
        "This request is about a billing issue; we offer replacements for product defect or "
        "warranty issues.",
        0,
    ),
    # warranty-repair: repairs, not replacements, during the 12-month warranty
    (
        "repair-in-warranty",
        R.REPAIR,
        {"delivered_days_ago": 200, "purchased_days_ago": 205},
        True,
        "warranty-repair",
        "Your warranty runs until 2027-05-26; we offer repairs under warranty.",
        12999,
    ),
    (
        "repair-warranty-ended",
        R.REPAIR,
        {"warranty_until": date(2026, 6, 1)},
        False,
        "warranty-repair",
        "Your warranty ended on 2026-06-01; we offer repairs under warranty.",
        0,
    ),
    (
        "repair-last-warranty-day",
        R.REPAIR,
        {"warranty_until": date(2026, 6, 15)},
        True,
        "warranty-repair",
        "Your warranty runs until 2026-06-15; we offer repairs under warranty.",
        12999,
    ),
    (
        "repair-no-warranty",
        R.REPAIR,
        {"warranty_until": None},
        False,
        "warranty-repair",
        "We couldn't find a warranty for this item; we offer repairs under warranty.",
        0,
    ),
    (
        "repair-not-a-defect",
        R.REPAIR,
        {"category": "delivery"},
        False,
        "warranty-repair",
        "This request is about a delivery issue; we offer repairs for product defect or warranty "
        "issues.",
        0,
    ),
    (
        "replacement-in-warranty-after-14-days",
        R.REPLACEMENT,
        {"delivered_days_ago": 200},
        False,
        "dead-on-arrival-replacement",
        "Your order was delivered 200 days ago; we offer replacements within 14 days of delivery.",
        0,
    ),
    # late-delivery-credit: 10% of the order, at most $25
    (
        "late-3-days",
        R.STORE_CREDIT,
        {"promised_by": date(2026, 6, 2)},
        True,
        "late-delivery-credit",
        "Your order arrived 3 days late; we offer store credit when delivery is at least 3 days "
        "late.",
        1299,
    ),
    (
        "late-2-days",
        R.STORE_CREDIT,
        {"promised_by": date(2026, 6, 3)},
        False,
        "late-delivery-credit",
        "Your order arrived 2 days late; we offer store credit when delivery is at least 3 days "
        "late.",
        0,
    ),
    (
        "late-credit-capped",
        R.STORE_CREDIT,
        {"promised_by": date(2026, 6, 1), "amount": 90000},
        True,
        "late-delivery-credit",
        "Your order arrived 4 days late; we offer store credit when delivery is at least 3 days "
        "late.",
        2500,
    ),
    (
        "late-not-yet-delivered",
        R.STORE_CREDIT,
        {"promised_by": date(2026, 6, 10), "delivered_days_ago": None, "status": "shipped"},
        True,
        "late-delivery-credit",
        "Your order is 5 days past its promised date; we offer store credit when delivery is at "
        "least 3 days late.",
        1299,
    ),
    (
        "on-time",
        R.STORE_CREDIT,
        {"promised_by": date(2026, 6, 5)},
        False,
        "late-delivery-credit",
        "Your order arrived by the promised date; we offer store credit when delivery is at least "
        "3 days late.",
        0,
    ),
    (
        "no-promise",
        R.STORE_CREDIT,
        {},
        False,
        "late-delivery-credit",
        "Your order had no promised delivery date; we offer store credit when delivery is at least "
        "3 days late.",
        0,
    ),
    # goodwill-credit
    (
        "goodwill-first",
        R.GOODWILL_CREDIT,
        {},
        True,
        "goodwill-credit",
        "You haven't received a goodwill credit in the last 90 days; our policy allows one per "
        "customer every 90 days.",
        20000,
    ),
    (
        "goodwill-again",
        R.GOODWILL_CREDIT,
        {"prior": ((R.GOODWILL_CREDIT, 89),)},
        False,
        "goodwill-credit",
        "You have received a goodwill credit once in the last 90 days; our policy allows one per "
        "customer every 90 days.",
        0,
    ),
    (
        "goodwill-other-remedy-does-not-count",
        R.GOODWILL_CREDIT,
        {"prior": ((R.STORE_CREDIT, 5),)},
        True,
        "goodwill-credit",
        "You haven't received a goodwill credit in the last 90 days; our policy allows one per "
        "customer every 90 days.",
        20000,
    ),
    # explanation
    (
        "explanation-always",
        R.EXPLANATION,
        {"with_order": False, "category": None},
        True,
        "explanation",
        "Whatever the outcome, we will explain how we reached our decision, which part of this "
        "policy applies and what your options are.",
        0,
    ),
]


@pytest.mark.parametrize(
    ("remedy", "overrides", "allowed", "clause_id", "reason", "maximum"),
    [pytest.param(*case[1:], id=case[0]) for case in CASES],
)
def test_demo_pack_clause(
    remedy: RemedyKind,
    overrides: dict[str, Any],
    allowed: bool,
    clause_id: str,
    reason: str,
    maximum: int,
) -> None:
    decision = evaluate(POLICY, make_facts(**overrides)).decision(remedy)
    assert decision.allowed is allowed
    assert decision.clause is not None
    assert decision.clause.id == clause_id
    assert decision.reasons[0] == reason
    assert decision.max_amount_minor == maximum
    if allowed:
        assert decision.boundary is None
    else:
        assert decision.boundary == POLICY.clause(clause_id).boundary
        assert decision.required_role is None


def test_every_clause_of_the_pack_has_a_case() -> None:
    cited = {case[4] for case in CASES}
    assert cited == {clause.id for clause in POLICY.clauses}


def test_goodwill_caps_per_role() -> None:
    decision = evaluate(POLICY, make_facts()).decision(R.GOODWILL_CREDIT)
    assert decision.role_caps == {
        Role.AGENT: 1000,
        Role.SUPERVISOR: 5000,
        Role.MANAGER: 20000,
        Role.ADMIN: 20000,
    }
    assert decision.required_role is Role.MANAGER


def test_full_refund_needs_supervisor_above_agent_limit() -> None:
    decision = evaluate(POLICY, make_facts(amount=12999)).decision(R.REFUND_FULL)
    assert decision.role_caps[Role.AGENT] == 10000
    assert decision.required_role is Role.SUPERVISOR
    small = evaluate(POLICY, make_facts(amount=4000)).decision(R.REFUND_FULL)
    assert small.required_role is Role.AGENT


def test_unlimited_manager_is_bounded_by_what_was_paid() -> None:
    decision = evaluate(POLICY, make_facts(amount=250000)).decision(R.REFUND_FULL)
    assert decision.max_amount_minor == 250000
    assert decision.role_caps[Role.SUPERVISOR] == 50000
    assert decision.role_caps[Role.MANAGER] == 250000
    assert decision.required_role is Role.MANAGER


def test_allowed_reasons_list_every_condition_met() -> None:
    decision = evaluate(POLICY, make_facts()).decision(R.REFUND_FULL)
    assert decision.reasons == (
        "Your order was delivered 10 days ago; we offer full refunds within 30 days of delivery.",
        "Your order is delivered; we offer full refunds for orders that are delivered or returned.",
        "You haven't received a full refund in the last 90 days; our policy allows one per "
        "customer every 90 days.",
    )

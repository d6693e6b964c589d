"""Offers checked against the engine's answer and the offerer's authority."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from policy_factories import NOW, make_facts

from disputedesk.policies import (
    OfferStatus,
    RemedyKind,
    Role,
    check_offer,
    evaluate,
    load_default_policy,
    load_policy_text,
)

R = RemedyKind
S = OfferStatus
POLICY = load_default_policy()
PACK = Path(__file__).parents[2] / "disputedesk" / "policies" / "packs" / "demo_shop.yaml"

OFFERS: list[tuple[str, RemedyKind, int, Role, OfferStatus, str, Role | None]] = [
    ("goodwill-agent-at-limit", R.GOODWILL_CREDIT, 1000, Role.AGENT, S.OK, "ok", None),
    (
        "goodwill-agent-above",
        R.GOODWILL_CREDIT,
        1001,
        Role.AGENT,
        S.NEEDS_APPROVAL,
        "needs_approval",
        Role.SUPERVISOR,
    ),
    (
        "goodwill-agent-far-above",
        R.GOODWILL_CREDIT,
        15000,
        Role.AGENT,
        S.NEEDS_APPROVAL,
        "needs_approval",
        Role.MANAGER,
    ),
    ("goodwill-supervisor", R.GOODWILL_CREDIT, 5000, Role.SUPERVISOR, S.OK, "ok", None),
    (
        "goodwill-supervisor-above",
        R.GOODWILL_CREDIT,
        5001,
        Role.SUPERVISOR,
        S.NEEDS_APPROVAL,
        "needs_approval",
        Role.MANAGER,
    ),
    ("goodwill-manager-max", R.GOODWILL_CREDIT, 20000, Role.MANAGER, S.OK, "ok", None),
    (
        "goodwill-over-policy-max",
        R.GOODWILL_CREDIT,
        20001,
        Role.ADMIN,
        S.REFUSED,
        "over_policy_maximum",
        None,
    ),
    (
        "refund-over-amount-paid",
        R.REFUND_FULL,
        13000,
        Role.MANAGER,
        S.REFUSED,
        "over_policy_maximum",
        None,
    ),
    (
        "refund-agent-above-limit",
        R.REFUND_FULL,
        12999,
        Role.AGENT,
        S.NEEDS_APPROVAL,
        "needs_approval",
        Role.SUPERVISOR,
    ),
    ("explanation-by-agent", R.EXPLANATION, 0, Role.AGENT, S.OK, "ok", None),
    (
        "explanation-with-money",
        R.EXPLANATION,
        1,
        Role.MANAGER,
        S.REFUSED,
        "over_policy_maximum",
        None,
    ),
    (
        "late-credit-not-late",
        R.STORE_CREDIT,
        100,
        Role.MANAGER,
        S.REFUSED,
        "remedy_not_allowed",
        None,
    ),
    ("negative-amount", R.GOODWILL_CREDIT, -1, Role.AGENT, S.REFUSED, "invalid_amount", None),
]


@pytest.mark.parametrize(
    ("remedy", "amount", "role", "status", "code", "approver"),
    [pytest.param(*case[1:], id=case[0]) for case in OFFERS],
)
def test_offer_table(
    remedy: RemedyKind,
    amount: int,
    role: Role,
    status: OfferStatus,
    code: str,
    approver: Role | None,
) -> None:
    check = check_offer(POLICY, make_facts(), remedy=remedy, amount_minor=amount, role=role)
    assert (check.status, check.code, check.approver_role) == (status, code, approver)
    assert check.policy_version == "1"
    assert check.policy_fingerprint == POLICY.fingerprint


def test_offer_records_version_and_clause() -> None:
    check = check_offer(POLICY, make_facts(), remedy="repair", amount_minor=5000, role="agent")
    assert check.status is S.OK
    assert (check.policy_name, check.policy_version, check.clause_id) == (
        "demo-shop",
        "1",
        "warranty-repair",
    )
    assert check.message == "Within clause warranty-repair (demo-shop v1) and agent authority."


def test_offer_above_agent_limit_needs_approval_and_names_approver() -> None:
    check = check_offer(
        POLICY, make_facts(), remedy=R.GOODWILL_CREDIT, amount_minor=4000, role=Role.AGENT
    )
    assert check.status is S.NEEDS_APPROVAL
    assert check.role_limit_minor == 1000
    assert check.message == (
        "Clause goodwill-credit allows $40.00, but an agent has a limit of $10.00 for "
        "goodwill_credit; a supervisor must approve it."
    )


def test_offer_over_policy_maximum_is_refused_naming_the_clause() -> None:
    check = check_offer(
        POLICY, make_facts(), remedy=R.GOODWILL_CREDIT, amount_minor=25000, role=Role.ADMIN
    )
    assert check.message == (
        "Refused by clause goodwill-credit (demo-shop v1): $250.00 is above the policy maximum "
        "of $200.00 for goodwill_credit."
    )


def test_remedy_not_allowed_is_refused_naming_the_clause_and_reason() -> None:
    facts = make_facts(delivered_days_ago=41)
    check = check_offer(POLICY, facts, remedy=R.REFUND_FULL, amount_minor=100, role=Role.MANAGER)
    assert check.status is S.REFUSED
    assert check.clause_id == "returns-30-days"
    assert check.message == (
        "Refused by clause returns-30-days (demo-shop v1): Your order was delivered 41 days ago; "
        "we offer full refunds within 30 days of delivery."
    )


def test_remedy_without_any_clause_is_refused() -> None:
    text = PACK.read_text(encoding="utf-8")
    start = text.index("  - id: goodwill-credit")
    end = text.index("  - id: explanation")
    policy = load_policy_text(text[:start] + text[end:], source="no-goodwill.yaml")
    check = check_offer(
        policy, make_facts(), remedy="goodwill_credit", amount_minor=1, role="admin"
    )
    assert check.status is S.REFUSED
    assert check.clause_id is None
    assert check.message == "Refused: no clause of demo-shop v1 offers goodwill_credit."
    decision = evaluate(policy, make_facts()).decision(R.GOODWILL_CREDIT)
    assert decision.reasons == ("Our policy does not offer goodwill credits.",)


def _expiring(expires_at: str) -> str:
    text = PACK.read_text(encoding="utf-8")
    return text.replace(
        "effective_from: 2025-01-01", f"effective_from: 2025-01-01\nexpires_at: {expires_at}"
    )


def test_expired_policy_version_is_refused() -> None:
    policy = load_policy_text(_expiring("2026-06-01"), source="old.yaml")
    assert not policy.is_active(NOW)
    assert policy.is_active(datetime(2026, 5, 31, 23, 59, tzinfo=UTC))
    check = check_offer(policy, make_facts(), remedy="repair", amount_minor=100, role="agent")
    assert check.status is S.REFUSED
    assert check.code == "policy_inactive"
    assert check.message == (
        "Refused: policy demo-shop v1 expired on 2026-06-01; clause warranty-repair cannot be used."
    )
    answer = evaluate(policy, make_facts())
    assert answer.active is False
    assert answer.allowed() == ()
    assert answer.decision(R.REPAIR).reasons == (
        "The version of our policy this relies on is not in effect: policy demo-shop v1 expired "
        "on 2026-06-01.",
    )
    assert answer.boundary_sentence(R.REPAIR) == (
        "I'm sorry for the wait. The policy I would rely on here is being updated, so I need to "
        "confirm what applies with a colleague before I can offer anything. What I can do is "
        "explain exactly how we reached this decision and what your options are from here."
    )


def test_policy_not_yet_in_effect() -> None:
    text = PACK.read_text(encoding="utf-8").replace("2025-01-01", "2026-07-01")
    policy = load_policy_text(text, source="future.yaml")
    assert policy.inactive_reason(NOW) == "policy demo-shop v1 takes effect on 2026-07-01"
    assert policy.is_active(datetime(2026, 7, 1, tzinfo=UTC))


def test_currency_mismatch_refuses_money_but_still_explains() -> None:
    answer = evaluate(POLICY, make_facts(currency="EUR"))
    assert [d.remedy for d in answer.allowed()] == [R.EXPLANATION]
    assert answer.decision(R.REFUND_FULL).reasons == (
        "The amount in question is in EUR, but our policy is written in USD, so this needs a "
        "person to review it.",
    )
    check = check_offer(
        POLICY, make_facts(currency="EUR"), remedy="repair", amount_minor=1, role="manager"
    )
    assert (check.status, check.code) == (S.REFUSED, "currency_mismatch")
    assert check.message == (
        "Refused: the dispute is in EUR but demo-shop v1 is written in USD "
        "(clause warranty-repair)."
    )


def test_boundary_sentence_offers_the_allowed_alternatives() -> None:
    facts = make_facts(delivered_days_ago=41, promised_by=date(2026, 4, 20), amount=4000)
    answer = evaluate(POLICY, facts)
    assert [d.remedy for d in answer.alternatives(R.REFUND_FULL)] == [
        R.REPAIR,
        R.STORE_CREDIT,
        R.GOODWILL_CREDIT,
    ]
    assert answer.decision(R.REFUND_FULL).alternatives == (
        R.REPAIR,
        R.STORE_CREDIT,
        R.GOODWILL_CREDIT,
        R.EXPLANATION,
    )
    assert answer.boundary_sentence(R.REFUND_FULL, with_reason=True) == (
        "I understand this isn't the answer you were hoping for. Our 30-day window for a full "
        "refund on returns has closed for this order. Your order was delivered 41 days ago; we "
        "offer full refunds within 30 days of delivery. What I can offer instead is a free "
        "repair, store credit of up to $4.00 or a goodwill credit of up to $200.00."
    )
    assert answer.boundary_sentence(R.REPAIR) is None


def test_boundary_sentence_falls_back_to_an_explanation() -> None:
    facts = make_facts(
        delivered_days_ago=200,
        warranty_until=date(2026, 1, 1),
        prior=((R.GOODWILL_CREDIT, 3),),
    )
    answer = evaluate(POLICY, facts)
    assert [d.remedy for d in answer.alternatives(R.REPAIR)] == [R.EXPLANATION]
    assert answer.boundary_sentence(R.REPAIR) == (
        "I'm sorry your item has stopped working. Our warranty covers free repairs of "
        "manufacturing faults for 12 months from purchase, and this request falls outside it. "
        "What I can do is explain exactly how we reached this decision and what your options "
        "are from here."
    )


def test_unknown_role_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="'owner' is not a valid Role"):
        check_offer(POLICY, make_facts(), remedy="repair", amount_minor=1, role="owner")


def test_naive_datetimes_are_rejected_in_facts() -> None:
    with pytest.raises(ValueError, match="timezone"):
        make_facts(now=datetime(2026, 6, 15, 12, 0))

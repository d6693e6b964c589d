"""Properties: authority is monotone in role, no permitted offer exceeds its limit, no crashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from disputedesk.policies import (
    ROLE_ORDER,
    DisputeFacts,
    OfferStatus,
    OrderFacts,
    PolicyError,
    PolicySet,
    PriorRemedy,
    RemedyKind,
    Role,
    check_offer,
    evaluate,
    load_default_policy,
    load_policy_text,
)

DEMO = load_default_policy()
STATUS_RANK = {OfferStatus.REFUSED: 0, OfferStatus.NEEDS_APPROVAL: 1, OfferStatus.OK: 2}

moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
amounts = st.integers(min_value=0, max_value=10_000_000)
offsets = st.integers(min_value=-30, max_value=2000).map(lambda d: timedelta(days=d))


@st.composite
def facts(draw: st.DrawFn) -> DisputeFacts:
    """Arbitrary but well-formed dispute facts."""
    now = draw(moments)
    order = None
    if draw(st.booleans()):
        purchased = now - draw(offsets)
        order = OrderFacts(
            amount_minor=draw(amounts),
            purchased_at=purchased,
            delivered_at=draw(st.none() | st.just(purchased + draw(offsets))),
            promised_by=draw(st.none() | st.just((purchased + draw(offsets)).date())),
            warranty_until=draw(st.none() | st.just((purchased + draw(offsets)).date())),
            fulfilment_status=draw(
                st.none() | st.sampled_from(["pending", "shipped", "delivered", "returned", "lost"])
            ),
        )
    prior = draw(
        st.lists(
            st.builds(
                PriorRemedy,
                remedy=st.sampled_from(list(RemedyKind)),
                granted_at=st.just(now - draw(offsets)),
                amount_minor=amounts,
            ),
            max_size=4,
        )
    )
    return DisputeFacts(
        now=now,
        category=draw(st.none() | st.sampled_from(["product_defect", "delivery", "billing"])),
        amount_in_dispute_minor=draw(amounts),
        currency=draw(st.sampled_from(["USD", "USD", "USD", "EUR"])),
        order=order,
        customer_tier=draw(st.none() | st.sampled_from(["standard", "silver", "gold"])),
        customer_since=draw(st.none() | st.just(now - draw(offsets))),
        prior_remedies=tuple(prior),
    )


role_limit = st.none() | st.just("unlimited") | st.integers(min_value=0, max_value=100_000)


@st.composite
def policies(draw: st.DrawFn) -> PolicySet:
    """Random valid policies: any remedy, any mix of role limits and caps (invalid ones skipped)."""
    clauses: list[dict[str, Any]] = []
    for index in range(draw(st.integers(min_value=1, max_value=4))):
        limits = {role.value: draw(role_limit) for role in ROLE_ORDER}
        limits = {key: value for key, value in limits.items() if value is not None}
        if draw(st.booleans()):
            limits["max_amount_minor"] = draw(st.integers(min_value=0, max_value=100_000))
        if draw(st.booleans()):
            limits["max_percent_of_order"] = draw(st.integers(min_value=1, max_value=100))
        clauses.append(
            {
                "id": f"c{index}",
                "title": "T",
                "text": "T",
                "remedy": draw(st.sampled_from(list(RemedyKind))).value,
                "limits": limits,
                "conditions": draw(
                    st.sampled_from(
                        [
                            {},
                            {"max_days_since_delivery": 30},
                            {"min_days_late": 3},
                            {"within_warranty": True},
                        ]
                    )
                ),
            }
        )
    document = {"name": "gen", "version": 1, "currency": "USD", "clauses": clauses}
    try:
        return load_policy_text(yaml.safe_dump(document), source="gen.yaml")
    except PolicyError:
        assume(False)
        raise


@settings(max_examples=300)
@given(policy=st.one_of(st.just(DEMO), policies()), case=facts())
def test_raising_the_role_never_shrinks_what_may_be_granted(
    policy: PolicySet, case: DisputeFacts
) -> None:
    for decision in evaluate(policy, case).decisions:
        caps = [decision.role_caps[role] for role in ROLE_ORDER]
        ranked = [-1 if cap is None else cap for cap in caps]
        assert ranked == sorted(ranked), decision
        assert all(cap is None or cap <= decision.max_amount_minor for cap in caps)
        if decision.allowed:
            assert decision.role_caps[Role.ADMIN] == decision.max_amount_minor
            assert decision.required_role is not None
            assert decision.role_caps[decision.required_role] == decision.max_amount_minor


@settings(max_examples=300)
@given(
    policy=st.one_of(st.just(DEMO), policies()),
    case=facts(),
    remedy=st.sampled_from(list(RemedyKind)),
    amount=st.integers(min_value=-5, max_value=300_000),
)
def test_no_permitted_offer_exceeds_its_limit_and_higher_roles_do_no_worse(
    policy: PolicySet, case: DisputeFacts, remedy: RemedyKind, amount: int
) -> None:
    answer = evaluate(policy, case).decision(remedy)
    previous = -1
    for role in ROLE_ORDER:
        check = check_offer(policy, case, remedy=remedy, amount_minor=amount, role=role)
        rank = STATUS_RANK[check.status]
        assert rank >= previous, (role, check)
        previous = rank
        if check.status is not OfferStatus.REFUSED:
            assert answer.allowed
            assert 0 <= amount <= answer.max_amount_minor
            assert check.clause_id is not None
        if check.status is OfferStatus.OK:
            cap = answer.role_caps[role]
            assert cap is not None
            assert amount <= cap
        if check.status is OfferStatus.NEEDS_APPROVAL:
            assert check.approver_role is not None
            assert ROLE_ORDER.index(check.approver_role) > ROLE_ORDER.index(role)


@settings(max_examples=300)
@given(case=facts())
def test_evaluate_never_crashes_and_always_answers_every_remedy(case: DisputeFacts) -> None:
    answer = evaluate(DEMO, case)
    assert [d.remedy for d in answer.decisions] == list(RemedyKind)
    assert answer.active is DEMO.is_active(case.now)
    assert answer.decision(RemedyKind.EXPLANATION).allowed is answer.active
    for decision in answer.decisions:
        assert decision.reasons
        assert all(reason.strip() for reason in decision.reasons)
        if not decision.allowed:
            assert decision.boundary
            assert decision.max_amount_minor == 0
            assert decision.remedy not in decision.alternatives
            sentence = answer.boundary_sentence(decision.remedy)
            assert sentence is not None
            assert sentence.startswith(decision.boundary)

"""The composer: every draft for every step and tone passes the coach, for many facts."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disputedesk.coach import (
    DEFAULT_SEND_THRESHOLD,
    ComposeFacts,
    Offer,
    PlaybookStep,
    coach,
    compose_reply,
    context_for_step,
    format_money,
)

NAMES = [
    "Marcus Bell",
    "Aisha",
    "Mr Okoro",
    "Dr Lena Fischer",
    "José Álvarez",
    "Priyanka Rao",
    "Sam",
    "Will Honest",
    "Ms Grace O'Neill",
    "Chen Wei",
]
ITEMS = [
    "SoundBar X2",
    "espresso machine",
    "wardrobe",
    "pair of running shoes",
    "router",
    "annual plan",
    "sofa",
    "kettle",
    "gym membership",
    "phone case",
]
HAPPENED = [
    "the parcel arrived with a cracked screen",
    "you were charged twice for the same order",
    "the delivery was three days late",
    "the app keeps logging you out",
    "the door started sticking after a week",
    "the refund has not reached your card yet",
    "the engineer did not turn up for the appointment",
]
FACTS_ASKED = [
    "the order number",
    "when you first noticed the fault",
    "a photo of the damage",
    "Which address should we send it to?",
    "the serial number on the back",
    "Did the courier leave a card?",
]
ALTERNATIVES = [
    "arrange a free repair",
    "add store credit for the full amount to your account",
    "send you a discount code for 15% off your next order",
    "switch you to the monthly plan",
    "book a technician visit at no cost",
]
CLAUSES = [
    ("4.2", "Faults in the first 12 months are covered by a free repair or replacement"),
    ("7", "Opened software cannot be returned unless it is faulty"),
    ("R-3", None),
    (None, "Refunds are available within 30 days of delivery"),
    (None, None),
]
REMEDIES = [
    "refund",
    "replacement",
    "repair",
    "store_credit",
    "exchange",
    "discount",
    "partial_refund",
]
CATEGORIES = [
    "billing",
    "refund",
    "delivery",
    "product_defect",
    "warranty",
    "service_quality",
    "account",
    "subscription",
    "fraud",
    "other",
]
OUTCOMES = ["refund", "replacement", "repair", "exchange", None]


@st.composite
def facts(draw: st.DrawFn) -> ComposeFacts:
    clause_id, clause_text = draw(st.sampled_from(CLAUSES))
    offer = draw(
        st.one_of(
            st.none(),
            st.builds(
                Offer,
                remedy=st.sampled_from(REMEDIES),
                amount_minor=st.one_of(st.none(), st.integers(0, 500_000)),
                clause_id=st.just(clause_id),
                clause_text=st.just(clause_text),
            ),
        )
    )
    return ComposeFacts(
        customer_name=draw(st.sampled_from(NAMES)),
        order_number=draw(
            st.one_of(st.none(), st.from_regex(r"[A-Z]{1,3}-\d{3,6}", fullmatch=True))
        ),
        item=draw(st.one_of(st.none(), st.sampled_from(ITEMS))),
        amount_minor=draw(st.one_of(st.none(), st.integers(1, 1_000_000))),
        currency=draw(st.sampled_from(["USD", "GBP", "EUR", "JPY", "CHF"])),
        purchased_at=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))),
        delivered_at=draw(st.one_of(st.none(), st.dates(date(2020, 1, 1), date(2030, 1, 1)))),
        desired_outcome=draw(st.sampled_from(OUTCOMES)),
        category=draw(st.sampled_from(CATEGORIES)),
        what_happened=draw(st.one_of(st.none(), st.sampled_from(HAPPENED))),
        offer=offer,
        alternatives=draw(st.lists(st.sampled_from(ALTERNATIVES), max_size=3, unique=True)),
        missing_facts=draw(st.lists(st.sampled_from(FACTS_ASKED), max_size=3, unique=True)),
        timeline_days=draw(st.integers(1, 30)),
        agent_name=draw(st.sampled_from(["Hannah", "Ben, FoodFleet Support", "Customer Care"])),
        company_at_fault=draw(st.booleans()),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    f=facts(),
    step=st.sampled_from(list(PlaybookStep)),
    tone=st.sampled_from(["warm", "formal"]),
    variant=st.one_of(st.none(), st.integers(0, 2**31)),
)
def test_every_composed_draft_passes_the_coach(
    f: ComposeFacts, step: PlaybookStep, tone: str, variant: int | None
) -> None:
    draft = compose_reply(f, step=step, tone=tone, variant=variant)  # type: ignore[arg-type]
    report = coach(draft, context_for_step(f, step))
    assert report.findings == [], (draft, report.findings)
    assert report.score >= DEFAULT_SEND_THRESHOLD, (draft, report.missing)
    assert report.missing == [], (draft, report.missing)


BASE = ComposeFacts(
    customer_name="Marcus Bell",
    order_number="A-558213",
    item="SoundBar X2",
    amount_minor=12999,
    currency="USD",
    what_happened="it stopped powering on after three weeks",
    desired_outcome="refund",
    category="product_defect",
    offer=Offer(
        remedy="refund",
        amount_minor=12999,
        clause_id="4.2",
        clause_text="Faults in the first 12 months are refunded in full",
    ),
    alternatives=["arrange a free repair"],
    missing_facts=["the serial number"],
    agent_name="Hannah",
)


def test_uses_the_case_facts() -> None:
    draft = compose_reply(BASE, step=PlaybookStep.offer)
    for fact in ("Marcus", "A-558213", "SoundBar X2"):
        assert fact in draft
    assert "$129.99" in draft
    assert "clause 4.2" in draft
    assert draft.rstrip().endswith("Hannah")


def test_first_response_asks_what_is_missing() -> None:
    draft = compose_reply(BASE, step=PlaybookStep.first_response)
    assert "the serial number?" in draft
    assert "clarifying_question" in coach(draft).present


def test_declining_gives_boundary_and_alternatives() -> None:
    facts = BASE.model_copy(update={"alternatives": ["arrange a free repair", "send a new remote"]})
    draft = compose_reply(facts, step=PlaybookStep.declining)
    assert "arrange a free repair" in draft
    assert "send a new remote" in draft
    report = coach(draft, context_for_step(facts, PlaybookStep.declining))
    assert {"policy_reference", "solution", "empathy"} <= set(report.present)


def test_formal_tone_has_no_contractions_and_formal_greeting() -> None:
    draft = compose_reply(BASE, step=PlaybookStep.investigating, tone="formal")
    assert draft.startswith("Dear Marcus Bell,")
    assert "I'll" not in draft
    assert "I've" not in draft


def test_deterministic_and_varied() -> None:
    step = PlaybookStep.first_response
    assert compose_reply(BASE, step=step) == compose_reply(BASE, step=step)
    drafts = {compose_reply(BASE, step=step, variant=v) for v in range(12)}
    assert len(drafts) >= 4
    names = ["Ann", "Bo", "Cy", "Di", "Ed", "Flo", "Gus", "Hal"]
    others = {compose_reply(BASE.model_copy(update={"customer_name": n}), step=step)
              .split("\n", 1)[1] for n in names}  # fmt: skip
    assert len(others) >= 3


@pytest.mark.parametrize(
    ("minor", "currency", "expected"),
    [
        (12999, "USD", "$129.99"),
        (4500, "EUR", "€45.00"),
        (399, "GBP", "£3.99"),
        (123456789, "USD", "$1,234,567.89"),
        (1200, "JPY", "¥1,200"),
        (5, "CHF", "0.05 CHF"),
        (0, "usd", "$0.00"),
    ],
)
def test_format_money(minor: int, currency: str, expected: str) -> None:
    assert format_money(minor, currency) == expected

"""Deterministic generator of a believable shop history for demo mode."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from disputedesk.demo import rules
from disputedesk.demo.finish import Draft, finish_dispute
from disputedesk.demo.models import (
    CLOSED_STATUSES,
    DemoCustomer,
    DemoData,
    DemoOrder,
)
from disputedesk.demo.people import AGENTS, CARELESS_AGENTS, MANAGERS, STAFF, SUPERVISORS
from disputedesk.demo.shop import make_customers, make_orders
from disputedesk.demo.threads import ThreadPlan, gap_hours, plan_steps

__all__ = ["generate_demo"]

DISPUTE_COUNT = 80
MAX_DISPUTES_PER_CUSTOMER = 3
_LINKED_ONLY = ("delivery", "product_defect", "warranty", "refund", "billing")


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _spread(rng: random.Random, mix: dict[str, int]) -> list[str]:
    values = [name for name, count in mix.items() for _ in range(count)]
    rng.shuffle(values)
    return values


def _specs(rng: random.Random) -> list[tuple[str, str, str]]:
    """Return (category, channel, status) triples covering every value."""
    cats = _spread(rng, rules.CATEGORY_MIX)
    chans = _spread(rng, rules.CHANNEL_MIX)
    stats = _spread(rng, rules.STATUS_MIX)
    for i, chan in enumerate(chans):
        if chan == "chargeback" and cats[i] not in rules.CHARGEBACK_CATEGORIES:
            j = next(
                j
                for j in range(len(cats))
                if cats[j] in rules.CHARGEBACK_CATEGORIES and chans[j] != "chargeback"
            )
            cats[i], cats[j] = cats[j], cats[i]
    return list(zip(cats, chans, stats, strict=True))


def _plan(rng: random.Random, cat: str, chan: str, status: str, special: str) -> Draft:
    tone_weights = dict(rules.TONE_WEIGHTS)
    if chan in ("chargeback", "social"):
        tone_weights["angry"] *= 2
    tone = _weighted(rng, tone_weights)
    escalation = "none" if status == "new" else _weighted(rng, rules.ESCALATION_WEIGHTS)
    if escalation == "none" and status != "new" and (tone == "angry" or chan == "chargeback"):
        escalation = "supervisor" if rng.random() < 0.3 else "none"
    agent = None if status == "new" else rng.choice(AGENTS)
    escalated_to = {"none": None, "supervisor": rng.choice(SUPERVISORS), "manager": MANAGERS[0]}
    careless = agent in CARELESS_AGENTS
    outcome = _weighted(rng, rules.OUTCOME_WEIGHTS) if status in CLOSED_STATUSES else None
    plan = ThreadPlan(
        category=cat,
        channel=chan,
        status=status,
        desired="refund" if chan == "chargeback" else _weighted(rng, rules.DESIRED[cat]),
        outcome=outcome,
        tone=tone,
        poor=rng.random() < (0.55 if careless else 0.15),
        agent=agent,
        escalated_to=escalated_to[escalation],
        card=special == "card",
        markup=special == "markup",
        prior=0,
        gold=False,
    )
    steps = plan_steps(rng, plan)
    gaps = [max(0.05, gap_hours(rng, s.kind)) for s in steps[1:]]
    return Draft(plan, steps, gaps, escalation)


def _window(anchor: datetime, draft: Draft) -> tuple[datetime, datetime]:
    min_age, max_age = rules.STATUS_AGE_DAYS[draft.plan.status]
    span = timedelta(hours=sum(draft.gaps) + 0.3)
    hi = anchor - max(span, timedelta(days=min_age))
    lo = min(anchor - timedelta(days=max_age), hi - timedelta(days=1))
    return lo, hi


def _pick_time(rng: random.Random, lo: datetime, hi: datetime) -> datetime:
    seconds = max(0.0, (hi - lo).total_seconds())
    return (lo + timedelta(seconds=rng.uniform(0, seconds))).replace(second=0, microsecond=0)


class _Assigner:
    """Chooses an order/customer and creation time for each draft."""

    def __init__(
        self, rng: random.Random, customers: tuple[DemoCustomer, ...], orders: tuple[DemoOrder, ...]
    ) -> None:
        self.rng = rng
        self.customers = {c.key: c for c in customers}
        self.orders = orders
        self.count = {c.key: 0 for c in customers}
        frequent = rng.sample([c.key for c in customers], 10)
        self.weight = {c.key: (2.5 if c.key in frequent else 1.0) for c in customers}
        self.used: list[str] = []

    def _open(self, key: str) -> bool:
        return self.count[key] < MAX_DISPUTES_PER_CUSTOMER

    def assign(self, anchor: datetime, draft: Draft) -> None:
        """Attach a customer, maybe an order, and a creation time to the draft."""
        lo, hi = _window(anchor, draft)
        cat = draft.plan.category
        linked = cat in _LINKED_ONLY or self.rng.random() < rules.LINK_PROBABILITY.get(cat, 1.0)
        if linked:
            for lower, fresh in ((lo, True), (None, True), (None, False)):
                found = self._candidates(cat, lower, hi, fresh)
                if found:
                    weights = [
                        self.weight[o.customer_key] / (1 + 3 * self.count[o.customer_key])
                        for o, _, _ in found
                    ]
                    order, start, end = self.rng.choices(found, weights=weights)[0]
                    self._take(draft, self.customers[order.customer_key], order)
                    draft.created_at = _pick_time(self.rng, start, end)
                    return
        keys = [k for k in self.customers if self._open(k)]
        weights = [self.weight[k] / (1 + 3 * self.count[k]) for k in keys]
        key = self.rng.choices(keys, weights=weights)[0]
        customer = self.customers[key]
        self._take(draft, customer, None)
        draft.created_at = _pick_time(self.rng, max(lo, customer.created_at + rules.DAY), hi)

    def _candidates(
        self, cat: str, lower: datetime | None, hi: datetime, fresh: bool
    ) -> list[tuple[DemoOrder, datetime, datetime]]:
        found = []
        for order in self.orders:
            if not self._open(order.customer_key) or (fresh and order.number in self.used):
                continue
            window = rules.trigger_window(cat, order)
            if window is None:
                continue
            start = window[0] if lower is None else max(window[0], lower)
            end = min(window[1], hi)
            if start < end:
                found.append((order, start, end))
        return found

    def _take(self, draft: Draft, customer: DemoCustomer, order: DemoOrder | None) -> None:
        self.count[customer.key] += 1
        draft.customer, draft.order = customer, order
        if order is not None:
            self.used.append(order.number)


def _specials(rng: random.Random, specs: list[tuple[str, str, str]]) -> list[str]:
    """Mark a few disputes to carry a card number or markup in the customer's text."""
    marks = ["" for _ in specs]
    card_pool = [i for i, s in enumerate(specs) if s[0] in ("billing", "fraud", "refund")]
    for i in rng.sample(card_pool, 4):
        marks[i] = "card"
    markup_pool = [i for i, s in enumerate(specs) if not marks[i] and s[1] in ("web", "email")]
    for i in rng.sample(markup_pool, 3):
        marks[i] = "markup"
    return marks


def generate_demo(*, now: datetime, seed: int = 2026) -> DemoData:
    """Build the full demo data set deterministically from seed and now."""
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    anchor = now.replace(second=0, microsecond=0) - timedelta(minutes=1)
    rng = random.Random(seed)
    customers, currency_of = make_customers(rng, anchor)
    orders = make_orders(rng, anchor, customers, currency_of)
    specs = _specs(rng)
    marks = _specials(rng, specs)
    drafts = [_plan(rng, *spec, mark) for spec, mark in zip(specs, marks, strict=True)]
    assigner = _Assigner(rng, customers, orders)
    by_tightness = sorted(
        range(len(drafts)), key=lambda i: rules.STATUS_AGE_DAYS[drafts[i].plan.status][1]
    )
    for i in by_tightness:
        assigner.assign(anchor, drafts[i])
    drafts.sort(key=lambda d: (d.created_at or anchor, d.plan.category))
    seen: dict[str, int] = {}
    disputes = []
    for draft in drafts:
        assert draft.customer is not None
        prior = seen.get(draft.customer.key, 0)
        seen[draft.customer.key] = prior + 1
        disputes.append(finish_dispute(rng, draft, prior, currency_of[draft.customer.key]))
    return DemoData(STAFF, customers, orders, tuple(disputes))

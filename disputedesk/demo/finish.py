"""Turn a planned dispute into a finished record with its rendered thread."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from disputedesk.demo import rules
from disputedesk.demo.catalog import PRODUCTS_BY_SKU, format_money
from disputedesk.demo.models import (
    CLOSED_STATUSES,
    DemoCustomer,
    DemoDispute,
    DemoMessage,
    DemoOrder,
    DemoOrderItem,
)
from disputedesk.demo.people import STAFF
from disputedesk.demo.threads import Step, ThreadPlan, message_body, situation

_NAMES = {s.username: s.display_name for s in STAFF}
_FULL_AMOUNT = ("delivery", "billing", "fraud")
_TAGS = {
    "delivery": ("late-delivery", "not-received", "courier"),
    "product_defect": ("damaged", "faulty", "quality"),
    "warranty": ("warranty-claim", "repair"),
    "refund": ("refund-delay", "returns"),
    "billing": ("double-charge", "payment"),
    "fraud": ("unauthorised", "security"),
    "subscription": ("subscription", "recurring-billing"),
    "account": ("login", "account-access"),
    "service_quality": ("staff-conduct", "callback-missed"),
    "other": ("general", "feedback"),
}


@dataclass
class Draft:
    """A dispute being planned; filled in over two passes."""

    plan: ThreadPlan
    steps: list[Step]
    gaps: list[float]
    escalation: str
    customer: DemoCustomer | None = None
    order: DemoOrder | None = None
    created_at: datetime | None = None


_THREAT_TAGS = {
    "a chargeback": "chargeback-threat",
    "a formal complaint": "complaint-threat",
    "public reviews": "review-threat",
}
_REASON_CODES = {
    "delivery": "13.1 (merchandise not received)",
    "billing": "12.6.1 (duplicate processing)",
    "fraud": "10.4 (card-absent fraud)",
    "refund": "13.6 (credit not processed)",
}


def _day(moment: datetime | None, currency: str, year: bool = False) -> str | None:
    if moment is None:
        return None
    text = f"{moment:%B} {moment.day}" if currency == "USD" else f"{moment.day} {moment:%B}"
    if year:
        text += f", {moment.year}" if currency == "USD" else f" {moment.year}"
    return text


def _wait(delta: timedelta) -> str:
    hours = delta.total_seconds() / 3600
    if hours < 36:
        return f"{max(2, round(hours))} hours"
    days = round(hours / 24)
    return "over a week" if 7 < days < 14 else f"{days} days"


def _focus(rng: random.Random, order: DemoOrder, category: str) -> DemoOrderItem:
    items = list(order.items)
    subscribed = [i for i in items if PRODUCTS_BY_SKU[i.sku].subscription]
    durable = [i for i in items if PRODUCTS_BY_SKU[i.sku].durable]
    goods = [i for i in items if i not in subscribed]
    if category == "subscription":
        return rng.choice(subscribed or items)
    if category in ("warranty", "product_defect"):
        return rng.choice(durable or goods or items)
    return rng.choice(goods or items)


def _amount(rng: random.Random, draft: Draft, item: DemoOrderItem | None) -> int | None:
    order, cat = draft.order, draft.plan.category
    if order is None or item is None:
        return None
    if cat in _FULL_AMOUNT or order.fulfilment_status == "cancelled":
        return order.amount_minor
    if cat in ("product_defect", "warranty", "subscription", "refund"):
        return item.quantity * item.unit_amount_minor
    return order.amount_minor if rng.random() < 0.5 else None


def _credit(amount: int | None) -> int:
    if amount is None:
        return 1500
    return max(500, round(amount * 0.1 / 500) * 500)


def _priority(plan: ThreadPlan, escalation: str, gold: bool, amount: int | None) -> str:
    money = amount or 0
    if plan.category == "fraud" or plan.channel == "chargeback" or escalation == "manager":
        return "urgent"
    angry = plan.tone == "angry"
    if escalation == "supervisor" or money >= 25000 or (angry and (gold or money >= 10000)):
        return "high"
    calm = plan.tone in ("polite", "confused")
    if calm and (plan.desired in ("explanation", "apology", "credit") or plan.category == "other"):
        return "low"
    return "normal"


def _tags(rng: random.Random, draft: Draft, prior: int, gold: bool, first: str) -> tuple[str, ...]:
    plan = draft.plan
    tags = [rng.choice(_TAGS[plan.category])]
    if plan.channel == "chargeback":
        tags.append("chargeback")
    if gold:
        tags.append("vip")
    if prior:
        tags.append("repeat-customer")
    if draft.escalation != "none":
        tags.append("escalated")
    threat = _threat_kind(first)
    if threat is not None:
        tags.append(_THREAT_TAGS[threat])
    if _asked_senior(first) is not None:
        tags.append("manager-requested")
    if plan.card:
        tags.append("card-number-in-text")
    if plan.markup:
        tags.append("markup-in-text")
    return tuple(dict.fromkeys(tags))


def _context(
    rng: random.Random,
    draft: Draft,
    item: DemoOrderItem | None,
    amount: int | None,
    currency: str,
    prior: int,
) -> dict[str, str | None]:
    customer, order, created = draft.customer, draft.order, draft.created_at
    assert customer is not None
    assert created is not None
    first = customer.name.split()[0]
    escalated = draft.plan.escalated_to
    ctx: dict[str, str | None] = {
        "first": first,
        "full": customer.name,
        "order_no": None,
        "order_ref": None,
        "product": item.name if item else None,
        "electric": "" if item and PRODUCTS_BY_SKU[item.sku].durable else None,
        "soft": "" if item and not PRODUCTS_BY_SKU[item.sku].durable else None,
        "reason_code": _REASON_CODES.get(draft.plan.category, "13.3 (not as described)"),
        "big_amount": format_money(amount, currency) if amount and amount >= 15000 else None,
        "amount": None if amount is None else format_money(amount, currency),
        "credit": format_money(_credit(amount), currency),
        "courier": rng.choice(rules.COURIERS),
        "depot": rng.choice(rules.DEPOTS),
        "tracking": f"NX{rng.randint(10**9, 10**10 - 1)}",
        "card": rng.choice(rules.TEST_CARDS),
        "prior": str(prior),
        "escalated_to": _NAMES[escalated] if escalated else None,
        "uses": rng.choice(("two", "three", "a handful of", "maybe four")),
        "offered": None,
        "purchased": None,
        "promised": None,
        "delivered": None,
        "warranty_until": None,
        "days_late": None,
        "months": None,
    }
    if order is not None:
        ctx.update(
            order_no=order.number,
            purchased=_day(order.purchased_at, currency),
            promised=_day(order.promised_by, currency),
            delivered=_day(order.delivered_at, currency),
            warranty_until=_day(order.warranty_until, currency, year=True),
            months=_count(max(1, (created - order.purchased_at).days // 30), "month"),
        )
        if order.delivered_at is None or order.delivered_at > created:
            ctx["delivered"] = None
        if order.promised_by is not None and created > order.promised_by:
            ctx["days_late"] = _count(max(1, (created - order.promised_by).days), "day")
    return ctx


def _count(n: int, unit: str) -> str:
    return f"a {unit}" if n == 1 else f"{n} {unit}s"


def _situation_kind(category: str, order: DemoOrder | None, created: datetime) -> str:
    if order is None:
        return category
    delivered = order.delivered_at
    if category == "delivery" and delivered is not None and delivered <= created:
        return "delivery_marked"
    if category == "refund" and order.fulfilment_status == "cancelled":
        return "refund_cancelled"
    return category


def _order_ref(rng: random.Random, number: str | None, customer: bool) -> str | None:
    if number is None:
        return None
    styles = ["order #{}", "order {}", "#{}"]
    if customer:
        styles += ["order no. {}", "my order {}"]
    return rng.choice(styles).format(number)


def _threat_kind(text: str) -> str | None:
    lowered = text.lower()
    if "chargeback" in lowered or "disputing the charge" in lowered:
        return "a chargeback"
    if "bbb" in lowered or "consumer protection" in lowered or "court" in lowered:
        return "a formal complaint"
    if "review" in lowered or "social media" in lowered:
        return "public reviews"
    return None


def _asked_senior(text: str) -> str | None:
    lowered = text.lower()
    return "" if "manager" in lowered or "supervisor" in lowered else None


def finish_dispute(rng: random.Random, draft: Draft, prior: int, currency: str) -> DemoDispute:
    """Render the thread and derive tags, priority, outcome and root cause."""
    customer, order, created = draft.customer, draft.order, draft.created_at
    assert customer is not None
    assert created is not None
    gold = customer.tier == "gold"
    item = _focus(rng, order, draft.plan.category) if order is not None else None
    amount = _amount(rng, draft, item)
    plan = replace(draft.plan, prior=prior, gold=gold)
    if amount is None and plan.desired not in ("explanation", "apology", "credit"):
        plan = replace(plan, desired="explanation")
    ctx = _context(rng, draft, item, amount, currency, prior)
    ctx["order_ref"] = _order_ref(rng, ctx["order_no"], customer=True)
    kind = _situation_kind(plan.category, order, created)
    ctx["kind"] = kind
    ctx["situation"], title, ctx["explain"] = situation(rng, plan, kind, ctx)
    messages: list[DemoMessage] = []
    at = created
    handler = plan.agent
    prev_kind = ""
    for index, step in enumerate(draft.steps):
        if index:
            at = at + timedelta(minutes=max(3, round(draft.gaps[index - 1] * 60)))
        if step.author != "customer":
            handler = step.author
        deadline = at + timedelta(days=rng.choice((2, 3)))
        ctx.update(
            order_ref=_order_ref(rng, ctx["order_no"], customer=step.author == "customer"),
            agent=_NAMES[handler].split()[0] if handler else "the team",
            wait=_wait(at - created),
            deadline=f"{deadline:%A}, {_day(deadline, currency)}",
        )
        voice = replace(plan, poor=plan.poor and step.author == plan.agent)
        body = message_body(rng, step.kind, voice, ctx, prev_kind)
        messages.append(DemoMessage(step.direction, step.author, body, at))
        if index == 0:
            ctx.update(threat_kind=_threat_kind(body), asked_senior=_asked_senior(body))
        prev_kind = step.kind
        if step.kind == "offer":
            ctx["offered"] = "yes"
    closed = plan.status in CLOSED_STATUSES
    root = None
    if closed:
        root = rules.ROOT_CAUSE_BY_CATEGORY[plan.category]
        root_cause = (
            "customer_misunderstanding"
            if plan.outcome == "withdrawn" and rng.random() < 0.6
            else rng.choices(list(root), weights=list(root.values()))[0]
        )
    return DemoDispute(
        customer_key=customer.key,
        order_number=order.number if order else None,
        channel=plan.channel,
        subject=title,
        description=messages[0].body,
        category=plan.category,
        amount_minor=amount,
        currency=currency,
        desired_outcome=plan.desired,
        status=plan.status,
        priority=_priority(plan, draft.escalation, gold, amount),
        escalation_level=draft.escalation,
        assignee=plan.escalated_to or plan.agent,
        tags=_tags(rng, draft, prior, gold, messages[0].body),
        outcome=plan.outcome,
        root_cause=root_cause if closed else None,
        created_at=created,
        messages=tuple(messages),
    )

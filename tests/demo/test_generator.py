"""Counts, determinism and record-level consistency of the generated demo shop."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta

from disputedesk.demo import ROOT_CAUSES, DemoData, generate_demo
from disputedesk.demo.models import (
    CATEGORIES,
    CHANNELS,
    CLOSED_STATUSES,
    DESIRED_OUTCOMES,
    ESCALATION_LEVELS,
    FULFILMENT_STATUSES,
    OUTCOMES,
    PRIORITIES,
    STATUSES,
)
from tests.demo.conftest import NOW


def _digest(data: DemoData) -> str:
    return hashlib.sha256(repr(data).encode()).hexdigest()


def test_counts(demo: DemoData) -> None:
    assert len(demo.customers) == 50
    assert len(demo.orders) == 200
    assert len(demo.disputes) == 80
    assert [c.key for c in demo.customers] == [f"c{i:02d}" for i in range(1, 51)]


def test_staff_roster(demo: DemoData) -> None:
    roles = Counter(s.role for s in demo.staff)
    assert roles["admin"] >= 1
    assert roles["manager"] >= 1
    assert roles["supervisor"] >= 2
    assert roles["agent"] >= 5
    usernames = [s.username for s in demo.staff]
    assert len(set(usernames)) == len(usernames)
    assert all(u.isalpha() and u.islower() for u in usernames)


def test_same_seed_and_now_is_identical(demo: DemoData) -> None:
    again = generate_demo(now=NOW)
    assert again == demo
    assert _digest(again) == _digest(demo)


def test_other_seed_differs(demo: DemoData) -> None:
    assert generate_demo(now=NOW, seed=7) != demo


def test_deterministic_across_processes(demo: DemoData) -> None:
    code = (
        "import hashlib\n"
        "from datetime import UTC, datetime\n"
        "from disputedesk.demo import generate_demo\n"
        f"d = generate_demo(now=datetime.fromisoformat({NOW.isoformat()!r}))\n"
        "print(hashlib.sha256(repr(d).encode()).hexdigest())\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert out.stdout.strip() == _digest(demo)


def test_naive_now_is_treated_as_utc(demo: DemoData) -> None:
    assert generate_demo(now=NOW.replace(tzinfo=None)) == demo


def test_every_datetime_is_utc_and_events_are_in_the_past(demo: DemoData) -> None:
    events: list[datetime] = [c.created_at for c in demo.customers]
    for o in demo.orders:
        events.append(o.purchased_at)
        if o.delivered_at:
            events.append(o.delivered_at)
        for deadline in (o.promised_by, o.warranty_until):
            assert deadline is None or deadline.utcoffset() == timedelta(0)
    for d in demo.disputes:
        events.append(d.created_at)
        events.extend(m.at for m in d.messages)
    assert all(e.tzinfo is not None and e.utcoffset() == timedelta(0) for e in events)
    assert all(e < NOW for e in events)


def test_customers_are_unique_and_use_example_domains(demo: DemoData) -> None:
    emails = [c.email for c in demo.customers]
    assert len(set(emails)) == 50
    assert all(e.split("@")[1] in ("example.com", "example.org", "example.net") for e in emails)
    assert len({c.name for c in demo.customers}) == 50
    assert {c.tier for c in demo.customers} == {"standard", "silver", "gold"}
    assert any(c.phone is None for c in demo.customers)


def test_orders_are_consistent(demo: DemoData) -> None:
    customers = {c.key: c for c in demo.customers}
    numbers = [o.number for o in demo.orders]
    assert len(set(numbers)) == 200
    assert all(n.isdigit() for n in numbers)
    assert {o.customer_key for o in demo.orders} == set(customers)
    for o in demo.orders:
        assert o.fulfilment_status in FULFILMENT_STATUSES
        assert o.amount_minor == sum(i.quantity * i.unit_amount_minor for i in o.items) > 0
        assert customers[o.customer_key].created_at < o.purchased_at
        assert o.purchased_at > NOW - timedelta(days=366)
        if o.delivered_at is not None:
            assert o.purchased_at < o.delivered_at
        assert (o.delivered_at is not None) == (o.fulfilment_status in ("delivered", "returned"))
        if o.warranty_until is not None:
            assert o.warranty_until.year == o.purchased_at.year + 1
            assert o.warranty_until.month == o.purchased_at.month
    currencies = Counter(o.currency for o in demo.orders)
    assert currencies["USD"] > 100
    assert currencies["EUR"] > 0
    assert currencies["GBP"] > 0
    assert len({o.currency for o in demo.orders if o.customer_key == "c01"}) == 1


def test_most_durable_orders_carry_a_warranty(demo: DemoData) -> None:
    from disputedesk.demo.catalog import PRODUCTS_BY_SKU

    durable = [o for o in demo.orders if any(PRODUCTS_BY_SKU[i.sku].durable for i in o.items)]
    with_warranty = [o for o in durable if o.warranty_until is not None]
    assert len(with_warranty) >= 0.8 * len(durable)


def test_dispute_values_are_valid_and_cover_everything(demo: DemoData) -> None:
    disputes = demo.disputes
    assert {d.category for d in disputes} == set(CATEGORIES)
    assert {d.channel for d in disputes} == set(CHANNELS)
    assert {d.status for d in disputes} == set(STATUSES)
    assert {d.escalation_level for d in disputes} == set(ESCALATION_LEVELS)
    assert {d.priority for d in disputes} <= set(PRIORITIES)
    assert len({d.priority for d in disputes}) >= 3
    assert {d.desired_outcome for d in disputes} <= set(DESIRED_OUTCOMES)
    assert 3 <= Counter(d.channel for d in disputes)["chargeback"] <= 8
    closed = sum(d.status in CLOSED_STATUSES for d in disputes)
    assert 25 <= closed <= 50


def test_outcome_and_root_cause_iff_closed(demo: DemoData) -> None:
    for d in demo.disputes:
        if d.status in CLOSED_STATUSES:
            assert d.outcome in OUTCOMES
            assert d.root_cause in ROOT_CAUSES
        else:
            assert d.outcome is None
            assert d.root_cause is None


def test_disputes_link_to_their_customers_orders(demo: DemoData) -> None:
    orders = {o.number: o for o in demo.orders}
    customers = {c.key: c for c in demo.customers}
    for d in demo.disputes:
        assert customers[d.customer_key].created_at < d.created_at
        if d.order_number is None:
            continue
        order = orders[d.order_number]
        assert order.customer_key == d.customer_key
        assert order.purchased_at < d.created_at
        assert d.currency == order.currency
        if d.amount_minor is not None:
            assert 0 < d.amount_minor <= order.amount_minor
    assert sum(d.order_number is not None for d in demo.disputes) >= 60


def test_repeat_complainants(demo: DemoData) -> None:
    per_customer = Counter(d.customer_key for d in demo.disputes)
    assert max(per_customer.values()) <= 3
    assert sum(n >= 2 for n in per_customer.values()) >= 5


def test_assignees_and_authors_are_staff(demo: DemoData) -> None:
    staff = {s.username for s in demo.staff}
    for d in demo.disputes:
        if d.status == "new":
            assert d.assignee is None
            assert d.escalation_level == "none"
        else:
            assert d.assignee in staff
        for m in d.messages:
            assert m.direction in ("inbound", "outbound", "note")
            assert (m.author == "customer") == (m.direction == "inbound")
            assert m.author == "customer" or m.author in staff
    escalated = [d for d in demo.disputes if d.escalation_level == "manager"]
    assert all(d.assignee == "priya" for d in escalated)

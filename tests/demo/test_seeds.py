"""Core invariants hold for other seeds and other moments, not just the default."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest

from disputedesk.demo import generate_demo
from disputedesk.demo.models import CATEGORIES, CHANNELS, CLOSED_STATUSES, STATUSES

MOMENTS = (datetime(2026, 1, 3, 8, 0, tzinfo=UTC), datetime(2027, 7, 1, 23, 59, 59, tzinfo=UTC))


@pytest.mark.parametrize("seed", [1, 99, 12345])
@pytest.mark.parametrize("now", MOMENTS)
def test_invariants_hold(seed: int, now: datetime) -> None:
    data = generate_demo(now=now, seed=seed)
    assert (len(data.customers), len(data.orders), len(data.disputes)) == (50, 200, 80)
    assert {o.customer_key for o in data.orders} == {c.key for c in data.customers}
    assert len({c.email for c in data.customers}) == 50
    assert len({o.number for o in data.orders}) == 200
    assert {d.category for d in data.disputes} == set(CATEGORIES)
    assert {d.channel for d in data.disputes} == set(CHANNELS)
    assert {d.status for d in data.disputes} == set(STATUSES)
    assert max(Counter(d.customer_key for d in data.disputes).values()) <= 3
    orders = {o.number: o for o in data.orders}
    for d in data.disputes:
        closed = d.status in CLOSED_STATUSES
        assert (d.outcome is not None) == closed
        assert (d.root_cause is not None) == closed
        if d.order_number is not None:
            order = orders[d.order_number]
            assert order.customer_key == d.customer_key
            assert order.purchased_at < d.created_at
        times = [m.at for m in d.messages]
        assert times == sorted(set(times))
        assert times[0] == d.created_at
        assert times[-1] < now
        assert d.messages[0].body == d.description
        if d.status in ("awaiting_customer", "offer_made"):
            assert d.messages[-1].direction == "outbound"
    assert sum("card-number-in-text" in d.tags for d in data.disputes) >= 3
    assert sum("markup-in-text" in d.tags for d in data.disputes) >= 2

"""Generate the demo shop's customers and orders."""

from __future__ import annotations

import random
import unicodedata
from datetime import datetime, timedelta

from disputedesk.demo.catalog import PRODUCTS, Product, price_in
from disputedesk.demo.models import DemoCustomer, DemoOrder, DemoOrderItem
from disputedesk.demo.people import CUSTOMER_NAMES, EMAIL_DOMAINS

CUSTOMER_COUNT = 50
ORDER_COUNT = 200
_US_AREAS = ("212", "312", "415", "512", "617", "702", "808", "904")


def add_months(moment: datetime, months: int) -> datetime:
    """Add calendar months, clamping the day to the end of shorter months."""
    year, month = divmod(moment.month - 1 + months, 12)
    for day in (moment.day, 30, 29, 28):
        try:
            return moment.replace(year=moment.year + year, month=month + 1, day=day)
        except ValueError:
            continue
    raise ValueError(moment)  # pragma: no cover


def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in folded.lower() if ch.isalnum() or ch == " ")


def _email(rng: random.Random, name: str, used: list[str]) -> str:
    parts = _ascii(name).split()
    first, last = parts[0], parts[-1]
    styles = (
        f"{first}.{last}",
        f"{first}{last}{rng.randint(1, 99)}",
        f"{first[0]}.{last}",
        f"{first}_{rng.randint(70, 2005)}",
        f"{last}.{first}",
        f"{first}{last[0]}",
    )
    for style in rng.sample(styles, len(styles)):
        email = f"{style}@{rng.choice(EMAIL_DOMAINS)}"
        if email not in used:
            return email
    return f"{first}.{last}.{len(used)}@example.com"  # pragma: no cover


def _phone(rng: random.Random, currency: str) -> str | None:
    if rng.random() < 0.25:
        return None
    if currency == "GBP":
        return f"+44 20 7946 0{rng.randint(0, 999):03d}"
    if currency == "EUR":
        return f"+33 1 99 00 {rng.randint(0, 99):02d} {rng.randint(0, 99):02d}"
    return f"+1 ({rng.choice(_US_AREAS)}) 555-01{rng.randint(0, 99):02d}"


def make_customers(
    rng: random.Random, anchor: datetime
) -> tuple[tuple[DemoCustomer, ...], dict[str, str]]:
    """Return 50 customers and a map of customer key to currency."""
    names = rng.sample(CUSTOMER_NAMES, CUSTOMER_COUNT)
    currencies = ["EUR"] * 5 + ["GBP"] * 4 + ["USD"] * (CUSTOMER_COUNT - 9)
    rng.shuffle(currencies)
    used: list[str] = []
    customers: list[DemoCustomer] = []
    currency_of: dict[str, str] = {}
    for index, name in enumerate(names, start=1):
        key = f"c{index:02d}"
        email = _email(rng, name, used)
        used.append(email)
        currency = currencies[index - 1]
        currency_of[key] = currency
        joined_days = rng.randint(380, 1800) if rng.random() < 0.8 else rng.randint(30, 360)
        created = anchor - timedelta(days=joined_days, minutes=rng.randint(0, 1439))
        tier = rng.choices(("standard", "silver", "gold"), weights=(62, 26, 12))[0]
        customers.append(DemoCustomer(key, name, email, _phone(rng, currency), tier, created))
    return tuple(customers), currency_of


def _items(rng: random.Random, currency: str) -> tuple[DemoOrderItem, ...]:
    count = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
    weights = [2.0 if p.subscription else 1.0 for p in PRODUCTS]
    chosen: list[Product] = []
    while len(chosen) < count:
        product = rng.choices(PRODUCTS, weights=weights)[0]
        if product not in chosen:
            chosen.append(product)
    items = []
    for product in chosen:
        cheap = product.usd_minor < 3000 and not product.subscription
        quantity = rng.choice((1, 1, 2, 3)) if cheap else 1
        items.append(
            DemoOrderItem(product.sku, product.name, quantity, price_in(product, currency))
        )
    return tuple(items)


def _fulfil(
    rng: random.Random, anchor: datetime, purchased: datetime
) -> tuple[str, datetime | None]:
    """Return fulfilment status and delivery time for an order."""
    age = anchor - purchased
    roll = rng.random()
    if roll < 0.04:
        return "cancelled", None
    if roll < 0.08 and age > timedelta(days=14):
        return "lost", None
    transit = timedelta(hours=rng.uniform(30, 150))
    if rng.random() < 0.15:
        transit += timedelta(days=rng.uniform(4, 14))
    delivered = purchased + transit
    if delivered >= anchor:
        return ("pending" if age < timedelta(hours=20) else "shipped"), None
    if rng.random() < 0.07 and anchor - delivered > timedelta(days=10):
        return "returned", delivered
    return "delivered", delivered


def make_orders(
    rng: random.Random,
    anchor: datetime,
    customers: tuple[DemoCustomer, ...],
    currency_of: dict[str, str],
) -> tuple[DemoOrder, ...]:
    """Return 200 orders over the last year; every customer has at least one."""
    by_key = {c.key: c for c in customers}
    keys = [c.key for c in customers]
    appetite = [rng.choice((1, 1, 1, 2, 3, 5)) for _ in keys]
    owners = keys + rng.choices(keys, weights=appetite, k=ORDER_COUNT - len(keys))
    drafts: list[tuple[datetime, str, tuple[DemoOrderItem, ...], str]] = []
    year_ago = anchor - timedelta(days=365)
    for key in owners:
        start = max(year_ago, by_key[key].created_at + timedelta(days=1))
        end = anchor - timedelta(hours=2)
        span = (end - start).total_seconds()
        purchased = start + timedelta(seconds=int(span * rng.random() ** 0.7))
        purchased = purchased.replace(second=0, microsecond=0)
        currency = currency_of[key]
        drafts.append((purchased, key, _items(rng, currency), currency))
    drafts.sort(key=lambda d: (d[0], d[1]))
    number = 40000 + rng.randint(0, 2999)
    orders: list[DemoOrder] = []
    for purchased, key, items, currency in drafts:
        number += rng.randint(3, 60)
        status, delivered = _fulfil(rng, anchor, purchased)
        promised = purchased + timedelta(days=rng.randint(3, 7))
        durable = any(p.durable for p in PRODUCTS if p.sku in {i.sku for i in items})
        warranty = (
            add_months(purchased, 12) if durable and status not in ("cancelled", "lost") else None
        )
        amount = sum(i.quantity * i.unit_amount_minor for i in items)
        orders.append(
            DemoOrder(
                str(number),
                key,
                items,
                amount,
                currency,
                purchased,
                promised,
                delivered,
                warranty,
                status,
            )
        )
    return tuple(orders)

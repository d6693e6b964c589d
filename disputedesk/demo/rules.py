"""Tables that drive dispute planning: mixes, outcome weights and time windows."""

from __future__ import annotations

from datetime import datetime, timedelta

from disputedesk.demo.catalog import PRODUCTS_BY_SKU
from disputedesk.demo.models import DemoOrder

CATEGORY_MIX = {
    "delivery": 14,
    "refund": 10,
    "product_defect": 11,
    "billing": 9,
    "warranty": 7,
    "service_quality": 8,
    "subscription": 6,
    "account": 5,
    "fraud": 5,
    "other": 5,
}
CHANNEL_MIX = {
    "email": 19,
    "web": 17,
    "chat": 12,
    "phone": 10,
    "api": 6,
    "social": 6,
    "in_person": 5,
    "chargeback": 5,
}
STATUS_MIX = {
    "new": 8,
    "acknowledged": 8,
    "investigating": 12,
    "awaiting_customer": 9,
    "offer_made": 8,
    "resolved": 23,
    "closed": 12,
}
CHARGEBACK_CATEGORIES = ("billing", "fraud", "refund", "delivery")
# Status -> (min age, max age) in days of the dispute's creation relative to now.
STATUS_AGE_DAYS = {
    "new": (0.05, 3),
    "acknowledged": (0.3, 6),
    "investigating": (1, 18),
    "awaiting_customer": (1, 15),
    "offer_made": (1, 20),
    "resolved": (3, 330),
    "closed": (15, 350),
}
LINK_PROBABILITY = {
    "fraud": 0.75,
    "subscription": 0.85,
    "service_quality": 0.6,
    "other": 0.6,
    "account": 0.25,
}
DESIRED: dict[str, dict[str, int]] = {
    "delivery": {"refund": 45, "replacement": 35, "explanation": 10, "credit": 10},
    "product_defect": {"replacement": 45, "refund": 40, "repair": 15},
    "warranty": {"repair": 55, "replacement": 40, "refund": 5},
    "refund": {"refund": 90, "explanation": 10},
    "billing": {"refund": 60, "explanation": 40},
    "fraud": {"refund": 75, "explanation": 25},
    "subscription": {"cancel": 60, "refund": 40},
    "account": {"explanation": 60, "apology": 20, "credit": 20},
    "service_quality": {"apology": 50, "credit": 35, "explanation": 15},
    "other": {"explanation": 60, "credit": 25, "apology": 15},
}
ROOT_CAUSE_BY_CATEGORY: dict[str, dict[str, int]] = {
    "delivery": {"courier_delay": 60, "warehouse_error": 30, "customer_misunderstanding": 10},
    "product_defect": {"product_quality": 70, "warehouse_error": 20, "other": 10},
    "warranty": {"product_quality": 75, "customer_misunderstanding": 25},
    "refund": {"system_outage": 25, "agent_error": 35, "unclear_policy": 40},
    "billing": {"billing_error": 55, "system_outage": 20, "customer_misunderstanding": 25},
    "fraud": {"fraud": 80, "customer_misunderstanding": 20},
    "subscription": {"unclear_policy": 50, "billing_error": 35, "system_outage": 15},
    "account": {"system_outage": 55, "customer_misunderstanding": 45},
    "service_quality": {"agent_error": 80, "unclear_policy": 20},
    "other": {"other": 60, "unclear_policy": 40},
}
OUTCOME_WEIGHTS = {"remedied": 55, "explained": 18, "declined": 15, "withdrawn": 12}
TONE_WEIGHTS = {"angry": 33, "polite": 35, "confused": 16, "sarcastic": 16}
ESCALATION_WEIGHTS = {"none": 66, "supervisor": 23, "manager": 11}
TEST_CARDS = (
    "4111 1111 1111 1111",
    "5555 5555 5555 4444",
    "4242-4242-4242-4242",
    "378282246310005",
)
COURIERS = ("Northline Express", "ParcelPath", "SwiftDrop Logistics")
DEPOTS = ("Riverside", "Eastgate", "Harbour Road", "Millbrook", "Airport West")

DAY = timedelta(days=1)


def trigger_window(category: str, order: DemoOrder) -> tuple[datetime, datetime] | None:
    """Earliest and latest plausible moment to raise this category about an order."""
    bought, promised, delivered = order.purchased_at, order.promised_by, order.delivered_at
    status = order.fulfilment_status
    if category == "delivery":
        if status in ("cancelled", "pending") or promised is None:
            return None
        if delivered is None:
            return promised + DAY, promised + 45 * DAY
        if delivered > promised + DAY:
            return promised + DAY, delivered
        return delivered + timedelta(hours=2), delivered + 7 * DAY
    if category == "product_defect":
        goods = [i for i in order.items if not PRODUCTS_BY_SKU[i.sku].subscription]
        if delivered is None or not goods:
            return None
        return delivered + timedelta(hours=6), delivered + 45 * DAY
    if category == "warranty":
        if delivered is None or order.warranty_until is None:
            return None
        return delivered + 40 * DAY, order.warranty_until
    if category == "refund":
        if delivered is None and status != "cancelled":
            return None
        start = (delivered or bought) + 5 * DAY
        return start, start + 60 * DAY
    if category == "subscription":
        if not any(PRODUCTS_BY_SKU[i.sku].subscription for i in order.items):
            return None
        return bought + DAY, bought + 120 * DAY
    if category == "fraud":
        return bought + timedelta(hours=6), bought + 40 * DAY
    if category == "billing":
        return bought + DAY, bought + 75 * DAY
    return bought + DAY, bought + 90 * DAY

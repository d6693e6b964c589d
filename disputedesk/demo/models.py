"""Plain frozen records describing a generated demo shop (no database types)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

ROOT_CAUSES = (
    "courier_delay",
    "warehouse_error",
    "product_quality",
    "billing_error",
    "unclear_policy",
    "customer_misunderstanding",
    "fraud",
    "agent_error",
    "system_outage",
    "other",
)

CATEGORIES = (
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
)
CHANNELS = ("web", "email", "phone", "chat", "in_person", "social", "chargeback", "api")
STATUSES = (
    "new",
    "acknowledged",
    "investigating",
    "awaiting_customer",
    "offer_made",
    "resolved",
    "closed",
)
CLOSED_STATUSES = ("resolved", "closed")
PRIORITIES = ("low", "normal", "high", "urgent")
ESCALATION_LEVELS = ("none", "supervisor", "manager")
DESIRED_OUTCOMES = ("refund", "replacement", "repair", "credit", "explanation", "apology", "cancel")
OUTCOMES = ("remedied", "explained", "declined", "withdrawn")
FULFILMENT_STATUSES = ("pending", "shipped", "delivered", "returned", "cancelled", "lost")
STAFF_ROLES = ("agent", "supervisor", "manager", "admin")


@dataclass(frozen=True)
class DemoStaff:
    """A member of the shop's support staff."""

    username: str
    display_name: str
    email: str
    role: str


@dataclass(frozen=True)
class DemoOrderItem:
    """One line of an order."""

    sku: str
    name: str
    quantity: int
    unit_amount_minor: int


@dataclass(frozen=True)
class DemoOrder:
    """A customer's order with its fulfilment history."""

    number: str
    customer_key: str
    items: tuple[DemoOrderItem, ...]
    amount_minor: int
    currency: str
    purchased_at: datetime
    promised_by: datetime | None
    delivered_at: datetime | None
    warranty_until: datetime | None
    fulfilment_status: str


@dataclass(frozen=True)
class DemoCustomer:
    """A customer of the demo shop."""

    key: str
    name: str
    email: str
    phone: str | None
    tier: str
    created_at: datetime


@dataclass(frozen=True)
class DemoMessage:
    """One message in a dispute's conversation thread."""

    direction: str
    author: str
    body: str
    at: datetime


@dataclass(frozen=True)
class DemoDispute:
    """A customer dispute or complaint with its conversation."""

    customer_key: str
    order_number: str | None
    channel: str
    subject: str
    description: str
    category: str
    amount_minor: int | None
    currency: str
    desired_outcome: str
    status: str
    priority: str
    escalation_level: str
    assignee: str | None
    tags: tuple[str, ...]
    outcome: str | None
    root_cause: str | None
    created_at: datetime
    messages: tuple[DemoMessage, ...]


@dataclass(frozen=True)
class DemoData:
    """Everything the demo generator produces."""

    staff: tuple[DemoStaff, ...]
    customers: tuple[DemoCustomer, ...]
    orders: tuple[DemoOrder, ...]
    disputes: tuple[DemoDispute, ...]

"""Customers and their records: orders and purchases."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from disputedesk.db import Base, JSONType, UTCDateTime, utcnow

TIERS = ("standard", "silver", "gold")
FULFILMENT_STATUSES = ("pending", "shipped", "delivered", "returned", "cancelled", "lost")


class Customer(Base):
    """A person or business who buys from the shop and may dispute."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320), unique=True, nullable=True)
    phone: Mapped[str | None] = mapped_column(String(50), nullable=True)
    tier: Mapped[str] = mapped_column(String(16), default="standard")
    external_ref: Mapped[str | None] = mapped_column(String(100), unique=True, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Order(Base):
    """One purchase with its delivery and warranty facts."""

    __tablename__ = "orders"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    purchased_at: Mapped[datetime] = mapped_column(UTCDateTime)
    promised_by: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    warranty_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    fulfilment_status: Mapped[str] = mapped_column(String(16))

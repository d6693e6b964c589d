"""Deterministic demo data: a believable shop's customers, orders and disputes."""

from disputedesk.demo.generator import generate_demo
from disputedesk.demo.models import (
    ROOT_CAUSES,
    DemoCustomer,
    DemoData,
    DemoDispute,
    DemoMessage,
    DemoOrder,
    DemoOrderItem,
    DemoStaff,
)

__all__ = [
    "ROOT_CAUSES",
    "DemoCustomer",
    "DemoData",
    "DemoDispute",
    "DemoMessage",
    "DemoOrder",
    "DemoOrderItem",
    "DemoStaff",
    "generate_demo",
]

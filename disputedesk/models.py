"""Every table of every area, imported in one place so metadata is complete."""

from __future__ import annotations

from disputedesk.analytics.models import (
    RollupAccepted,
    RollupAgent,
    RollupCauseCost,
    RollupClause,
    RollupDirtyDay,
    RollupDuration,
    RollupEscalation,
    RollupOpened,
    RollupResolved,
)
from disputedesk.assist.models import ReplyTemplate
from disputedesk.auth.models import ApiToken, StaffSession, StaffUser
from disputedesk.channels import models as channel_models  # noqa: F401
from disputedesk.customers.models import Customer, Order
from disputedesk.db import Base
from disputedesk.disputes import daymarks  # noqa: F401 - marks the days a change affects
from disputedesk.disputes.models import Dispute, DisputeEvent, Message, Offer, ReplyScore
from disputedesk.portal import models as portal_models  # noqa: F401
from disputedesk.remedies.models import PolicyVersion
from disputedesk.workflow.models import Job, Notification, Survey

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "Customer",
    "Dispute",
    "DisputeEvent",
    "Job",
    "Message",
    "Notification",
    "Offer",
    "Order",
    "PolicyVersion",
    "ReplyScore",
    "ReplyTemplate",
    "RollupAccepted",
    "RollupAgent",
    "RollupCauseCost",
    "RollupClause",
    "RollupDirtyDay",
    "RollupDuration",
    "RollupEscalation",
    "RollupOpened",
    "RollupResolved",
    "StaffSession",
    "StaffUser",
    "Survey",
    "metadata",
]

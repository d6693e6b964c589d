"""The coach: scores an agent's reply draft and composes replies for each playbook step.

A pure engine: it imports nothing from the web or the database.
"""

from disputedesk.coach.composer import compose_reply
from disputedesk.coach.engine import analyse, coach
from disputedesk.coach.facts import ComposeFacts, Offer, context_for_step, format_money
from disputedesk.coach.models import (
    DEFAULT_SEND_THRESHOLD,
    ELEMENTS,
    FINDING_KINDS,
    CoachContext,
    CoachReport,
    Element,
    Finding,
    FindingKind,
    PlaybookStep,
    Tone,
)

__all__ = [
    "DEFAULT_SEND_THRESHOLD",
    "ELEMENTS",
    "FINDING_KINDS",
    "CoachContext",
    "CoachReport",
    "ComposeFacts",
    "Element",
    "Finding",
    "FindingKind",
    "Offer",
    "PlaybookStep",
    "Tone",
    "analyse",
    "coach",
    "compose_reply",
    "context_for_step",
    "format_money",
]

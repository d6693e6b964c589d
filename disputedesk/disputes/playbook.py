"""The playbook of a well-handled dispute, each step ticked from what actually happened (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# Where the shop's own process usually failed the customer: an apology is due.
COMPANY_SIDE = frozenset({"delivery", "product_defect", "billing", "service_quality", "warranty"})


@dataclass(frozen=True)
class PlaybookStep:
    """One step: done or not, or not applicable, with what shows it."""

    key: str
    label: str
    state: str  # "done" | "todo" | "n/a"
    evidence: str


def _elements(messages: Iterable[Mapping[str, Any]]) -> set[str]:
    found: set[str] = set()
    for message in messages:
        if message.get("direction") == "outbound" and message.get("coach_report"):
            found.update(message["coach_report"].get("present", []))
    return found


def playbook_progress(
    *,
    category: str,
    status: str,
    order_linked: bool,
    root_cause: str | None,
    outcome: str | None,
    messages: Sequence[Mapping[str, Any]],
    offer_statuses: Sequence[str],
    event_kinds: Iterable[str],
    asked_customer: bool,
    follow_up_scheduled: bool,
) -> list[PlaybookStep]:
    """Tick the playbook from the dispute's messages (with their coach reports), offers, events."""
    kinds = set(event_kinds)
    elements = _elements(messages)
    inbound = sum(1 for m in messages if m.get("direction") == "inbound")
    declined = outcome == "declined" or "declined" in offer_statuses

    def step(key: str, label: str, done: bool, evidence: str, applies: bool = True) -> PlaybookStep:
        state = "n/a" if not applies else "done" if done else "todo"
        return PlaybookStep(key, label, state, evidence if done or not applies else "")

    return [
        step(
            "listened", "Listened", inbound > 0, f"{inbound} customer message(s) read and analysed"
        ),
        step(
            "acknowledged",
            "Acknowledged",
            "acknowledgement" in elements or "empathy" in elements,
            "a reply acknowledged the concern",
        ),
        step(
            "clarified",
            "Clarified",
            "clarifying_question" in elements or asked_customer,
            "a question was asked of the customer",
        ),
        step(
            "records_checked", "Records checked", order_linked, "the order is linked to the dispute"
        ),
        step(
            "solution_offered",
            "Solution offered",
            bool(offer_statuses) or "solution" in elements,
            "an offer or a concrete solution was given",
        ),
        step(
            "apologised",
            "Apologised where due",
            "apology" in elements,
            "a reply apologised",
            applies=category in COMPANY_SIDE,
        ),
        step(
            "boundary_explained",
            "Boundary explained where declined",
            "policy_reference" in elements,
            "a reply cited the policy",
            applies=declined,
        ),
        step(
            "follow_up",
            "Follow-up scheduled",
            follow_up_scheduled or "follow_up.sent" in kinds,
            "the follow-up and survey are scheduled or sent",
            applies=status in ("resolved", "closed"),
        ),
        step(
            "root_cause",
            "Root cause recorded",
            root_cause is not None,
            f"root cause: {root_cause}",
            applies=status in ("resolved", "closed"),
        ),
    ]

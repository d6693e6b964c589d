"""The dispute lifecycle as an explicit state machine (pure: no database, no web)."""

from __future__ import annotations

from typing import Final

STATUSES: Final = (
    "new",
    "acknowledged",
    "investigating",
    "awaiting_customer",
    "offer_made",
    "resolved",
    "closed",
)
OPEN_STATUSES: Final = ("new", "acknowledged", "investigating", "awaiting_customer", "offer_made")
CHANNELS: Final = ("web", "email", "phone", "chat", "in_person", "social", "chargeback", "api")
CATEGORIES: Final = (
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
PRIORITIES: Final = ("low", "normal", "high", "urgent")
PRIORITY_RANK: Final = {name: rank for rank, name in enumerate(PRIORITIES)}
ESCALATION_LEVELS: Final = ("none", "supervisor", "manager")
OUTCOMES: Final = ("remedied", "explained", "declined", "withdrawn")
DESIRED_OUTCOMES: Final = (
    "refund",
    "replacement",
    "repair",
    "credit",
    "explanation",
    "apology",
    "cancel",
    "other",
)
ROOT_CAUSES: Final = (
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

_TRANSITIONS: Final[dict[str, tuple[str, ...]]] = {
    "new": ("acknowledged", "investigating", "resolved"),
    "acknowledged": ("investigating", "awaiting_customer", "resolved"),
    "investigating": ("awaiting_customer", "offer_made", "resolved"),
    "awaiting_customer": ("investigating", "offer_made", "resolved"),
    "offer_made": ("investigating", "awaiting_customer", "resolved"),
    "resolved": ("closed", "investigating"),
    "closed": ("investigating",),
}


class IllegalTransition(ValueError):
    """A status change the lifecycle does not allow from the current status."""

    def __init__(self, current: str, target: str) -> None:
        self.current = current
        self.target = target
        self.allowed = allowed_transitions(current)
        allowed = ", ".join(self.allowed) or "none"
        super().__init__(
            f"cannot move a dispute from '{current}' to '{target}'; "
            f"from '{current}' it may move to: {allowed}"
        )


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a dispute in `status` may move to."""
    return _TRANSITIONS.get(status, ())


def is_reopen(current: str, target: str) -> bool:
    """Whether moving from `current` to `target` reopens a finished dispute."""
    return current in ("resolved", "closed") and target in OPEN_STATUSES


def check_transition(current: str, target: str) -> None:
    """Raise IllegalTransition unless `current` -> `target` is allowed."""
    if target not in allowed_transitions(current):
        raise IllegalTransition(current, target)


def path_to(current: str, target: str) -> list[str]:
    """The shortest sequence of legal statuses from `current` to `target` (excluding `current`)."""
    frontier: list[list[str]] = [[current]]
    seen = {current}
    while frontier:
        path = frontier.pop(0)
        if path[-1] == target:
            return path[1:]
        for nxt in allowed_transitions(path[-1]):
            if nxt not in seen:
                seen.add(nxt)
                frontier.append([*path, nxt])
    raise IllegalTransition(current, target)

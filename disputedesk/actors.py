"""Who is acting: a member of staff, a customer through their link, or the system itself."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ROLE_ORDER = {"agent": 1, "supervisor": 2, "manager": 3, "admin": 4}


@dataclass(frozen=True)
class Actor:
    """The author of a change, recorded on every event."""

    kind: Literal["staff", "customer", "system"]
    id: int | None
    name: str
    role: str | None = None

    def has_role(self, minimum: str) -> bool:
        """Whether this actor is staff with at least the `minimum` role."""
        if self.kind != "staff" or self.role is None:
            return False
        return ROLE_ORDER.get(self.role, 0) >= ROLE_ORDER[minimum]


SYSTEM = Actor(kind="system", id=None, name="disputedesk")

"""Reading a member of staff's unread notifications (theirs, and those for their role)."""

from __future__ import annotations

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from disputedesk.workflow.models import Notification

LIST_LIMIT = 100


def _unread(user_id: int, role: str) -> Select[Notification]:
    return select(Notification).where(
        Notification.read_at.is_(None),
        or_(Notification.user_id == user_id, Notification.role == role),
    )


def unread_notifications(
    *, session: Session, user_id: int, role: str, limit: int = LIST_LIMIT
) -> list[Notification]:
    """The newest unread notifications for this user or their role."""
    query = _unread(user_id, role).order_by(Notification.id.desc()).limit(limit)
    return list(session.scalars(query))


def count_unread(*, session: Session, user_id: int, role: str, cap: int = LIST_LIMIT) -> int:
    """How many unread notifications this user or their role has, counting at most `cap`."""
    capped = _unread(user_id, role).with_only_columns(Notification.id).limit(cap).subquery()
    return int(session.scalar(select(func.count()).select_from(capped)) or 0)

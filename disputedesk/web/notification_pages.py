"""The signed-in user's unread notifications (their own and their role's)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from disputedesk.apiutil import transaction
from disputedesk.web.render import render
from disputedesk.web.session import PageUser
from disputedesk.workflow.notifications import unread_notifications

router = APIRouter(prefix="/desk", include_in_schema=False)


@router.get("/notifications")
def notifications(request: Request, user: PageUser) -> HTMLResponse:
    """Unread notifications, newest first, each linking to its dispute."""
    with transaction(request) as session:
        items = unread_notifications(session=session, user_id=user.user_id, role=user.role)
        rows = [(n.id, n.kind, n.text, n.dispute_id, n.role, n.created_at) for n in items]
    return render(request, "notifications.html", {"rows": rows}, user=user)

"""The queue of disputes: filters, sort, cursor pages and the counts of the standard views."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from sqlalchemy.orm import Session

from disputedesk.apiutil import reading
from disputedesk.auth.service import list_users
from disputedesk.disputes.lifecycle import CATEGORIES, OPEN_STATUSES, PRIORITIES, STATUSES
from disputedesk.disputes.models import Dispute
from disputedesk.disputes.queries import (
    DisputeFilter,
    customer_names,
    list_disputes,
    queue_view_counts,
)
from disputedesk.errors import Invalid
from disputedesk.web.render import is_htmx, render
from disputedesk.web.session import PageUser, WebUser

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 25
SORTS = {
    "-updated": "Recently updated",
    "-created": "Newest first",
    "created": "Oldest first",
    "-priority": "Highest priority",
    "sla": "SLA due soonest",
}
ASSIGNEES = {"anyone": "Anyone", "me": "Me", "unassigned": "Unassigned"}
Text = Annotated[str, Query(max_length=200)]


@dataclass(frozen=True)
class QueueParams:
    """The queue's filters as they appear in the URL; unknown values fall back to defaults."""

    status: str = "open"
    priority: str = ""
    category: str = ""
    assignee: str = "anyone"
    escalation: str = ""
    q: str = ""
    sort: str = "-updated"

    def cleaned(self) -> QueueParams:
        """The same filters with anything unrecognised reset."""
        return QueueParams(
            status=self.status if self.status in ("open", "any", *STATUSES) else "open",
            priority=self.priority if self.priority in PRIORITIES else "",
            category=self.category if self.category in CATEGORIES else "",
            assignee=self.assignee if self.assignee in ASSIGNEES else "anyone",
            escalation=self.escalation if self.escalation == "escalated" else "",
            q=" ".join(self.q.replace("\x00", "").split())[:200],
            sort=self.sort if self.sort in SORTS else "-updated",
        )

    def to_filter(self, user_id: int) -> DisputeFilter:
        """The service's filter for these parameters."""
        statuses = {"open": list(OPEN_STATUSES), "any": []}.get(self.status, [self.status])
        return DisputeFilter(
            statuses=statuses,
            priorities=[self.priority] if self.priority else [],
            categories=[self.category] if self.category else [],
            escalation_levels=["supervisor", "manager"] if self.escalation else [],
            assignee_id=user_id if self.assignee == "me" else None,
            unassigned=self.assignee == "unassigned",
            q=self.q or None,
        )

    def url(self, cursor: str | None = None) -> str:
        """The /desk URL showing these filters (and page)."""
        pairs = {k: v for k, v in asdict(self).items() if v and v != getattr(DEFAULTS, k)}
        if cursor:
            pairs["cursor"] = cursor
        return "/desk" + ("?" + urlencode(pairs) if pairs else "")


DEFAULTS = QueueParams()
VIEWS = {
    "mine": ("Mine", QueueParams(assignee="me")),
    "unassigned": ("Unassigned", QueueParams(assignee="unassigned")),
    "escalated": ("Escalated", QueueParams(escalation="escalated")),
    "open": ("All open", QueueParams()),
}


@dataclass(frozen=True)
class Row:
    """One line of the queue table."""

    dispute: Dispute
    customer_name: str
    assignee_name: str


def _rows(session: Session, disputes: list[Dispute], staff: dict[int, str]) -> list[Row]:
    names = customer_names(session=session, customer_ids={d.customer_id for d in disputes})
    rows = []
    for d in disputes:
        assignee = staff.get(d.assignee_id, "—") if d.assignee_id else "—"
        rows.append(Row(d, names.get(d.customer_id, "—"), assignee))
    return rows


@router.get("/desk")
def desk(
    request: Request,
    user: PageUser,
    status: Text = "open",
    priority: Text = "",
    category: Text = "",
    assignee: Text = "anyone",
    escalation: Text = "",
    q: Text = "",
    sort: Text = "-updated",
    cursor: Annotated[str, Query(max_length=500)] = "",
) -> HTMLResponse:
    """The queue of disputes, filtered and sorted; htmx asks for the results fragment only."""
    params = QueueParams(status, priority, category, assignee, escalation, q, sort).cleaned()
    fragment = is_htmx(request) and request.headers.get("hx-target") == "queue-results"
    error = ""
    with reading(request) as session:
        staff = {u.id: u.display_name for u in list_users(session=session)}
        try:
            found, next_cursor = list_disputes(
                session=session,
                flt=params.to_filter(user.user_id),
                sort=params.sort,
                limit=PAGE_SIZE,
                cursor=cursor or None,
            )
        except Invalid:
            error = "That page link is out of date; showing the first page."
            found, next_cursor = list_disputes(
                session=session,
                flt=params.to_filter(user.user_id),
                sort=params.sort,
                limit=PAGE_SIZE,
                cursor=None,
            )
            cursor = ""
        rows = _rows(session, found, staff)
        counts = {}
        if not fragment:
            counts = queue_view_counts(session=session, user_id=user.user_id)
    context = _context(user, params, rows, next_cursor, cursor, counts, error)
    if fragment:
        return render(request, "_queue_results.html", context, user=user)
    return render(request, "desk.html", context, user=user)


def _context(
    user: WebUser,
    params: QueueParams,
    rows: list[Row],
    next_cursor: str | None,
    cursor: str,
    counts: dict[str, int],
    error: str,
) -> dict[str, object]:
    views = [
        {"key": k, "label": lbl, "url": p.url(), "count": counts.get(k, 0), "current": p == params}
        for k, (lbl, p) in VIEWS.items()
    ]
    return {
        "params": params,
        "rows": rows,
        "next_url": params.url(next_cursor) if next_cursor else "",
        "first_url": params.url() if cursor else "",
        "views": views,
        "statuses": STATUSES,
        "priorities": PRIORITIES,
        "categories": CATEGORIES,
        "sorts": SORTS,
        "assignees": ASSIGNEES,
        "error": error,
        "me": user,
        "reset_url": DEFAULTS.url(),
    }

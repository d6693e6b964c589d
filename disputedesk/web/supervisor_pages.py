"""Supervisor views: approval requests to decide, the SLA board and the escalations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from disputedesk.apiutil import now, transaction
from disputedesk.auth.service import list_users
from disputedesk.disputes.lifecycle import OPEN_STATUSES
from disputedesk.disputes.models import Dispute, Offer
from disputedesk.disputes.queries import DisputeFilter, customer_names, list_disputes
from disputedesk.disputes.service import get_dispute
from disputedesk.errors import DomainError, Invalid
from disputedesk.remedies.policy_store import current_policy
from disputedesk.remedies.schemas import ApprovalDecision
from disputedesk.remedies.service import decide_approval, pending_approvals
from disputedesk.web.dispute_view import FormState, form_errors
from disputedesk.web.render import is_htmx, render
from disputedesk.web.session import FormUser, PageUser, WebUser

router = APIRouter(prefix="/desk", include_in_schema=False)
OfferId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Cursor = Annotated[str, Query(max_length=500)]
BOARD_SIZE = 50
NOT_ALLOWED = "Approvals are for supervisors, managers and admins. Ask one of them to look."
APPROVAL_NOTICES = {
    "approved": "The offer was approved and can now be put to the customer.",
    "declined": "The offer was declined; the agent sees your reason on the dispute.",
}


@dataclass(frozen=True)
class ApprovalRow:
    """One offer waiting for approval, with what the approver needs to decide."""

    offer: Offer
    dispute: Dispute
    clause_title: str
    clause_text: str
    asked_by: str


def _forbidden(request: Request, user: WebUser) -> HTMLResponse:
    return render(
        request,
        "forbidden.html",
        {"title": "Not for your role", "message": NOT_ALLOWED},
        user=user,
        status_code=403,
    )


def _approval_rows(session: Session, user: WebUser) -> list[ApprovalRow]:
    policy = current_policy(session=session)
    staff = {u.id: u.display_name for u in list_users(session=session)}
    rows = []
    for offer in pending_approvals(session=session, actor=user.actor):
        try:
            clause = policy.clause(offer.clause_id or "")
            title, text = clause.title, clause.text
        except KeyError:  # made under a policy version no longer in force
            title, text = "", ""
        asked_by = staff.get(offer.made_by_id, "—") if offer.made_by_id else "—"
        dispute = get_dispute(session=session, dispute_id=offer.dispute_id)
        rows.append(ApprovalRow(offer, dispute, title, text, asked_by))
    return rows


def _approvals_page(
    request: Request,
    user: WebUser,
    *,
    forms: dict[int, FormState] | None = None,
    notice: str = "",
    error: str = "",
    status_code: int = 200,
) -> HTMLResponse:
    with transaction(request) as session:
        rows = _approval_rows(session, user)
    fragment = is_htmx(request) and request.headers.get("hx-target") == "approvals"
    context = {
        "rows": rows,
        "forms": forms or {},
        "blank": FormState(),
        "notice": notice,
        "error": error,
    }
    template = "_approvals_list.html" if fragment else "approvals.html"
    return render(request, template, context, user=user, status_code=status_code)


@router.get("/approvals")
def approvals(request: Request, user: PageUser, done: str = "") -> Response:
    """Offers above their maker's authority that this user may approve, oldest first."""
    if not user.is_supervisor:
        return _forbidden(request, user)
    return _approvals_page(request, user, notice=APPROVAL_NOTICES.get(done, ""))


@router.post("/approvals/{offer_id}")
def decide(
    request: Request,
    offer_id: OfferId,
    user: FormUser,
    decision: Annotated[str, Form(max_length=16)] = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Approve or decline one request; the reason is required and recorded."""
    if not user.is_supervisor:
        return _forbidden(request, user)
    values = {"decision": decision, "reason": reason}
    raw: dict[str, Any] = {
        "approve": {"approve": True, "decline": False}.get(decision, decision),
        "reason": reason.strip(),
    }
    try:
        data = ApprovalDecision.model_validate(raw)
    except ValidationError as exc:
        state = form_errors(exc, {"approve", "reason"}, values)
        if "approve" in state.errors:
            state.errors["decision"] = "Choose approve or decline."
        return _approvals_page(request, user, forms={offer_id: state}, status_code=422)
    try:
        with transaction(request) as session:
            decide_approval(
                session=session, offer_id=offer_id, data=data, actor=user.actor, now=now(request)
            )
    except DomainError as exc:
        # A request that is no longer pending is no longer listed: the reason goes at the top.
        state = FormState(values=values)
        error = exc.message
        if exc.field == "reason":
            state.errors["reason"], error = exc.message, ""
        return _approvals_page(
            request, user, forms={offer_id: state}, error=error, status_code=exc.status
        )
    done = "approved" if data.approve else "declined"
    if is_htmx(request):
        return _approvals_page(request, user, notice=APPROVAL_NOTICES[done])
    return RedirectResponse(f"/desk/approvals?done={done}", status_code=303)


@dataclass(frozen=True)
class BoardRow:
    """One open dispute on a board."""

    dispute: Dispute
    customer_name: str
    assignee_name: str


def _board(
    request: Request,
    user: WebUser,
    flt: DisputeFilter,
    cursor: str,
    template: str,
) -> HTMLResponse:
    error = ""
    with transaction(request) as session:
        try:
            found, next_cursor = list_disputes(
                session=session, flt=flt, sort="sla", limit=BOARD_SIZE, cursor=cursor or None
            )
        except Invalid:
            error = "That page link is out of date; showing the first page."
            found, next_cursor = list_disputes(
                session=session, flt=flt, sort="sla", limit=BOARD_SIZE, cursor=None
            )
            cursor = ""
        staff = {u.id: u.display_name for u in list_users(session=session)}
        names = customer_names(session=session, customer_ids={d.customer_id for d in found})
        rows = [
            BoardRow(
                d,
                names.get(d.customer_id, "—"),
                staff.get(d.assignee_id, "—") if d.assignee_id else "—",
            )
            for d in found
        ]
    path = request.url.path
    context = {
        "rows": rows,
        "now": now(request),
        "error": error,
        "next_url": f"{path}?cursor={next_cursor}" if next_cursor else "",
        "first_url": path if cursor else "",
    }
    return render(request, template, context, user=user)


@router.get("/sla")
def sla_board(request: Request, user: PageUser, cursor: Cursor = "") -> HTMLResponse:
    """Open disputes by SLA due time, soonest (or most overdue) first."""
    flt = DisputeFilter(statuses=list(OPEN_STATUSES))
    return _board(request, user, flt, cursor, "sla.html")


@router.get("/escalations")
def escalations(request: Request, user: PageUser, cursor: Cursor = "") -> HTMLResponse:
    """Open disputes escalated to a supervisor or a manager, with their flags."""
    flt = DisputeFilter(statuses=list(OPEN_STATUSES), escalation_levels=["supervisor", "manager"])
    return _board(request, user, flt, cursor, "escalations.html")

"""REST routes for disputes, their lifecycle, messages and events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, JSONBytes, now, reading, reading_rows, transaction
from disputedesk.auth.deps import StaffCredentials, staff_actor, staff_actor_in, staff_actor_on
from disputedesk.disputes import replies, service
from disputedesk.disputes.detail import dispute_detail_rows
from disputedesk.disputes.events import list_events
from disputedesk.disputes.queries import (
    DisputeFilter,
    SortKey,
    dispute_page,
    queue_view_counts,
)
from disputedesk.disputes.schemas import (
    AssignRequest,
    Category,
    Channel,
    DisputeCreate,
    DisputeDetail,
    DisputeOut,
    DisputeUpdate,
    DraftRequest,
    EscalateRequest,
    EscalationLevel,
    EventOut,
    MessageCreate,
    MessageOut,
    Priority,
    QueueCounts,
    Status,
    TransitionRequest,
)
from disputedesk.rows import json_bytes
from disputedesk.schemas import Page, SafeStr

router = APIRouter(prefix="/api/v1/disputes", tags=["disputes"], responses=ERRORS)
DisputeId = Annotated[int, Path(ge=1, le=2_147_483_647)]
OptionalId = Annotated[int | None, Query(ge=1, le=2_147_483_647)]


@router.get("", response_model=Page[DisputeOut])
async def list_(
    request: Request,
    credentials: StaffCredentials,
    status: Annotated[list[Status] | None, Query()] = None,
    priority: Annotated[list[Priority] | None, Query()] = None,
    category: Annotated[list[Category] | None, Query()] = None,
    channel: Annotated[list[Channel] | None, Query()] = None,
    escalation_level: Annotated[list[EscalationLevel] | None, Query()] = None,
    assignee_id: OptionalId = None,
    unassigned: bool = False,
    customer_id: OptionalId = None,
    q: Annotated[
        SafeStr | None, Query(max_length=200, description="Words in subject or messages")
    ] = None,
    sort: SortKey = "-created",
    limit: Annotated[int, Query(ge=1, le=200)] = 25,
    cursor: Annotated[SafeStr | None, Query(max_length=500)] = None,
) -> Response:
    """Disputes matching the filters, one page at a time (pass `next_cursor` as `cursor`)."""
    flt = DisputeFilter(
        statuses=list(status or []),
        priorities=list(priority or []),
        categories=list(category or []),
        channels=list(channel or []),
        escalation_levels=list(escalation_level or []),
        assignee_id=assignee_id,
        unassigned=unassigned,
        customer_id=customer_id,
        q=q.strip() if q and q.strip() else None,
    )

    # The queue is the most read page of the desk: the token check and the page share one
    # connection and one trip to a worker thread, and the rows go to JSON without the ORM.
    def page() -> bytes:
        with reading_rows(request) as conn:
            staff_actor_on(conn, request, credentials)
            items, next_cursor = dispute_page(
                conn=conn, flt=flt, sort=sort, limit=limit, cursor=cursor
            )
        return json_bytes({"items": items, "next_cursor": next_cursor})

    return JSONBytes(await run_in_threadpool(page))


@router.post("", response_model=DisputeOut, status_code=201)
async def open_(request: Request, data: DisputeCreate, credentials: StaffCredentials) -> DisputeOut:
    """Open a dispute; the description is stored as the customer's first message, analysed."""
    at = now(request)

    # The token is checked in the dispute's own transaction: one session, one worker thread.
    def work() -> DisputeOut:
        with transaction(request) as session:
            actor = staff_actor_in(session, request, credentials)
            dispute = service.open_dispute(session=session, data=data, actor=actor, now=at)
            return service.dispute_out(dispute)

    return await run_in_threadpool(work)


@router.get("/counts", response_model=QueueCounts)
def counts(request: Request, actor: Actor = Depends(staff_actor)) -> QueueCounts:
    """Open disputes in each view of the queue (all, mine, unassigned, escalated): exact, cheap."""
    with reading(request) as session:
        return QueueCounts(**queue_view_counts(session=session, user_id=actor.id or 0))


@router.get("/{dispute_id}", response_model=DisputeDetail)
async def get(request: Request, dispute_id: DisputeId, credentials: StaffCredentials) -> Response:
    """One dispute with its conversation and the customer's records."""
    at = now(request)

    # Like the queue: one connection and one trip to a worker thread, rows to JSON directly.
    def page() -> bytes:
        with reading_rows(request) as conn:
            staff_actor_on(conn, request, credentials)
            return json_bytes(dispute_detail_rows(conn=conn, dispute_id=dispute_id, now=at))

    return JSONBytes(await run_in_threadpool(page))


@router.patch("/{dispute_id}", response_model=DisputeOut)
def update(
    request: Request,
    dispute_id: DisputeId,
    data: DisputeUpdate,
    actor: Actor = Depends(staff_actor),
) -> DisputeOut:
    """Change a dispute's details; send the version you read (409 when it changed since)."""
    with transaction(request) as session:
        dispute = service.update_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=actor, now=now(request)
        )
        return service.dispute_out(dispute)


@router.post("/{dispute_id}/transitions", response_model=DisputeOut)
def transition(
    request: Request,
    dispute_id: DisputeId,
    data: TransitionRequest,
    actor: Actor = Depends(staff_actor),
) -> DisputeOut:
    """Move a dispute to another status (409 names the allowed ones when the move is illegal)."""
    with transaction(request) as session:
        dispute = service.transition_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=actor, now=now(request)
        )
        return service.dispute_out(dispute)


@router.post("/{dispute_id}/assignment", response_model=DisputeOut)
def assign(
    request: Request,
    dispute_id: DisputeId,
    data: AssignRequest,
    actor: Actor = Depends(staff_actor),
) -> DisputeOut:
    """Assign the dispute to a member of staff, or unassign it with null."""
    with transaction(request) as session:
        dispute = service.assign_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=actor, now=now(request)
        )
        return service.dispute_out(dispute)


@router.post("/{dispute_id}/escalation", response_model=DisputeOut)
def escalate(
    request: Request,
    dispute_id: DisputeId,
    data: EscalateRequest,
    actor: Actor = Depends(staff_actor),
) -> DisputeOut:
    """Escalate to a supervisor or manager, or de-escalate, with a reason."""
    with transaction(request) as session:
        dispute = service.escalate_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=actor, now=now(request)
        )
        return service.dispute_out(dispute)


@router.get("/{dispute_id}/messages", response_model=list[MessageOut])
def messages(
    request: Request, dispute_id: DisputeId, actor: Actor = Depends(staff_actor)
) -> list[MessageOut]:
    """The conversation in order, with analysis of the customer's messages."""
    with reading(request) as session:
        return [
            MessageOut.model_validate(m)
            for m in service.list_messages(session=session, dispute_id=dispute_id)
        ]


@router.post("/{dispute_id}/messages", response_model=MessageOut, status_code=201)
async def add_message(
    request: Request, dispute_id: DisputeId, data: MessageCreate, credentials: StaffCredentials
) -> MessageOut:
    """Add a customer message, a coached reply to the customer, or an internal note."""
    threshold = request.app.state.settings.coach_send_threshold
    at = now(request)

    # Like opening a dispute: the token is checked in the message's own transaction.
    def work() -> MessageOut:
        with transaction(request) as session:
            actor = staff_actor_in(session, request, credentials)
            message = replies.post_message(
                session=session,
                dispute_id=dispute_id,
                data=data,
                actor=actor,
                now=at,
                threshold=threshold,
            )
            return MessageOut.model_validate(message)

    return await run_in_threadpool(work)


@router.post("/{dispute_id}/draft", response_model=replies.DraftOut)
def draft(
    request: Request,
    dispute_id: DisputeId,
    data: DraftRequest,
    actor: Actor = Depends(staff_actor),
) -> replies.DraftOut:
    """Compose a reply for the dispute's playbook step from its facts, with the coach's report."""
    with transaction(request) as session:
        return replies.draft_reply(
            session=session,
            dispute_id=dispute_id,
            step=data.step,
            tone=data.tone,
            actor=actor,
            now=now(request),
        )


@router.get("/{dispute_id}/events", response_model=Page[EventOut])
def events(
    request: Request,
    dispute_id: DisputeId,
    actor: Actor = Depends(staff_actor),
    after_id: Annotated[int | None, Query(ge=0, le=2_147_483_647)] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> Page[EventOut]:
    """The dispute's audit trail, oldest first; read-only."""
    with reading(request) as session:
        service.get_dispute(session=session, dispute_id=dispute_id)
        rows = list_events(
            session=session, dispute_id=dispute_id, after_id=after_id, limit=limit + 1
        )
        items = [EventOut.model_validate(e) for e in rows[:limit]]
    return Page[EventOut](items=items, next_cursor=str(items[-1].id) if len(rows) > limit else None)

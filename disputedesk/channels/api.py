"""REST routes of the channels: chargeback intake and outcomes, the evidence packet."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, ErrorOut, now, transaction
from disputedesk.auth.deps import role_actor, staff_actor
from disputedesk.channels.chargebacks import get_chargeback, receive_chargeback, record_outcome
from disputedesk.channels.evidence import evidence_html, evidence_packet
from disputedesk.channels.evidence_pdf import evidence_pdf
from disputedesk.channels.schemas import (
    ChargebackOut,
    EvidencePacket,
    IntakeResult,
    OutcomeRequest,
    ProcessorDispute,
    ProcessorEvent,
)
from disputedesk.channels.signatures import SignatureError, verify_signature
from disputedesk.errors import DomainError, Unauthorized

SECRET_ENV = "DISPUTEDESK_CHARGEBACK_SECRET"  # noqa: S105 (the variable name)
SIGNATURE_HEADER = "Stripe-Signature"
router = APIRouter(prefix="/api/v1", tags=["channels"], responses=ERRORS)
PathId = Annotated[int, Path(ge=1, le=2_147_483_647)]


class NotConfigured(DomainError):
    """The feature needs a setting that is not there."""

    status = 503
    code = "not_configured"


def _parse(body: bytes) -> tuple[ProcessorDispute, int | None]:
    try:
        payload: Any = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise RequestValidationError(
            [{"loc": ["body"], "msg": "the body is not valid JSON", "type": "json_invalid"}]
        ) from exc
    try:
        if isinstance(payload, dict) and isinstance(payload.get("data"), dict):
            event = ProcessorEvent.model_validate(payload)
            return event.data.object, event.created
        dispute = ProcessorDispute.model_validate(payload)
        return dispute, dispute.created
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False, include_input=False)) from exc


def _store(
    request: Request, data: ProcessorDispute, event_ts: int | None, secret: str
) -> IntakeResult:
    at = now(request)
    event_at = at if event_ts is None else datetime.fromtimestamp(event_ts, UTC)
    for attempt in (1, 2):
        try:
            with transaction(request) as session:
                result, row = receive_chargeback(
                    session=session, data=data, event_at=event_at, now=at, key=secret
                )
                return IntakeResult(result=result, chargeback=ChargebackOut.model_validate(row))
        except IntegrityError:
            # Two deliveries of a new chargeback at once: the loser retries as an update.
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


@router.post(
    "/chargebacks",
    response_model=IntakeResult,
    summary="Receive a payment processor's dispute notification (signed)",
    responses={503: {"model": ErrorOut, "description": "DISPUTEDESK_CHARGEBACK_SECRET is not set"}},
    openapi_extra={
        "parameters": [
            {
                "name": SIGNATURE_HEADER,
                "in": "header",
                "required": True,
                "schema": {"type": "string"},
                "description": "t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.' + raw body>",
            }
        ],
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "type": "object",
                        "description": "A Stripe-style Dispute object, or an event wrapping one "
                        "in data.object (see docs/channels.md)",
                    }
                }
            },
        },
    },
)
async def receive(request: Request) -> IntakeResult:
    """A Stripe-style Dispute object or `charge.dispute.*` event, signed in `Stripe-Signature`."""
    secret = os.environ.get(SECRET_ENV, "")
    if not secret:
        raise NotConfigured(f"chargeback intake is off: set {SECRET_ENV}")
    body = await request.body()
    try:
        verify_signature(request.headers.get(SIGNATURE_HEADER), body, secret, now(request))
    except SignatureError as exc:
        raise Unauthorized(str(exc)) from exc
    data, event_ts = _parse(body)
    return await run_in_threadpool(_store, request, data, event_ts, secret)


@router.get("/chargebacks/{chargeback_id}", response_model=ChargebackOut)
def get(
    request: Request, chargeback_id: PathId, actor: Actor = Depends(staff_actor)
) -> ChargebackOut:
    """One chargeback with its deadline, status and outcome."""
    with transaction(request) as session:
        row = get_chargeback(session=session, chargeback_id=chargeback_id)
        return ChargebackOut.model_validate(row)


@router.post("/chargebacks/{chargeback_id}/outcome", response_model=ChargebackOut)
def outcome(
    request: Request,
    chargeback_id: PathId,
    data: OutcomeRequest,
    actor: Actor = role_actor("supervisor"),
) -> ChargebackOut:
    """Record how a chargeback ended (won, lost, accepted) and its fee (supervisors and up)."""
    with transaction(request) as session:
        row = record_outcome(
            session=session, chargeback_id=chargeback_id, data=data, actor=actor, now=now(request)
        )
        return ChargebackOut.model_validate(row)


_PAGE_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorOut, "content": {"application/json": {}}, "description": text}
    for code, text in ((401, "Not signed in"), (404, "No such dispute"), (422, "Invalid id"))
}


@router.get("/disputes/{dispute_id}/evidence", response_model=EvidencePacket)
def evidence(
    request: Request, dispute_id: PathId, actor: Actor = Depends(staff_actor)
) -> EvidencePacket:
    """The evidence packet: order and delivery, the full conversation, offers and clauses."""
    with transaction(request) as session:
        return evidence_packet(session=session, dispute_id=dispute_id, now=now(request))


@router.get(
    "/disputes/{dispute_id}/evidence.html",
    response_class=HTMLResponse,
    responses=_PAGE_ERRORS,
)
def evidence_page(
    request: Request, dispute_id: PathId, actor: Actor = Depends(staff_actor)
) -> HTMLResponse:
    """The evidence packet as a printable, self-contained HTML page."""
    with transaction(request) as session:
        packet = evidence_packet(session=session, dispute_id=dispute_id, now=now(request))
    return HTMLResponse(evidence_html(packet))


class PdfResponse(Response):
    """A PDF document."""

    media_type = "application/pdf"


@router.get(
    "/disputes/{dispute_id}/evidence.pdf",
    response_class=PdfResponse,
    responses={
        200: {
            "description": "The evidence packet as a PDF document",
            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
        },
        **_PAGE_ERRORS,
    },
)
def evidence_document(
    request: Request, dispute_id: PathId, actor: Actor = Depends(staff_actor)
) -> PdfResponse:
    """The evidence packet as a PDF document, to attach to a processor's evidence form."""
    with transaction(request) as session:
        packet = evidence_packet(session=session, dispute_id=dispute_id, now=now(request))
    return PdfResponse(
        evidence_pdf(packet),
        headers={"Content-Disposition": f'inline; filename="evidence-dispute-{dispute_id}.pdf"'},
    )

"""REST routes: staff issue and revoke access links; a customer reads their disputes with one."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Request, Response

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.auth.deps import staff_actor
from disputedesk.portal import service
from disputedesk.portal.schemas import (
    LinkCreate,
    LinkIssued,
    LinkOut,
    PortalDispute,
    PortalDisputeDetail,
    PortalMessage,
    PortalReply,
)

router = APIRouter(responses=ERRORS)
ObjectId = Annotated[int, Path(ge=1, le=2_147_483_647)]
CustomerLinkHeader = Annotated[
    str,
    Header(
        alias="X-Customer-Link",
        description="The token of a customer access link (the part after /portal/).",
    ),
]


@router.post(
    "/api/v1/customers/{customer_id}/links",
    response_model=LinkIssued,
    status_code=201,
    tags=["customer links"],
)
def create_link(
    request: Request,
    customer_id: ObjectId,
    data: LinkCreate | None = None,
    actor: Actor = Depends(staff_actor),
) -> LinkIssued:
    """Issue a portal link for a customer; its path is returned this once and never again."""
    data = data or LinkCreate()
    with transaction(request) as session:
        issued = service.create_link(
            session=session,
            customer_id=customer_id,
            dispute_id=data.dispute_id,
            now=now(request),
            actor=actor,
            valid_days=data.valid_days,
        )
        return LinkIssued(**LinkOut.model_validate(issued.link).model_dump(), path=issued.path)


@router.get(
    "/api/v1/customers/{customer_id}/links",
    response_model=list[LinkOut],
    tags=["customer links"],
)
def list_links(
    request: Request, customer_id: ObjectId, actor: Actor = Depends(staff_actor)
) -> list[LinkOut]:
    """A customer's links, newest first, with when they end and were last used."""
    with transaction(request) as session:
        links = service.list_links(session=session, customer_id=customer_id)
        return [LinkOut.model_validate(link) for link in links]


@router.delete(
    "/api/v1/customer-links/{link_id}",
    status_code=204,
    response_class=Response,
    tags=["customer links"],
)
def revoke_link(
    request: Request, link_id: ObjectId, actor: Actor = Depends(staff_actor)
) -> Response:
    """End a link now (revoking twice is harmless)."""
    with transaction(request) as session:
        service.revoke_link(session=session, link_id=link_id, now=now(request))
    return Response(status_code=204)


@router.get("/api/v1/portal/disputes", response_model=list[PortalDispute], tags=["portal"])
def portal_disputes(request: Request, link: CustomerLinkHeader) -> list[PortalDispute]:
    """The link's customer's disputes with their status (no staff-only fields)."""
    with transaction(request) as session:
        access = service.resolve_link(session=session, token=link, now=now(request))
        return service.portal_disputes(session=session, access=access)


@router.get(
    "/api/v1/portal/disputes/{dispute_id}", response_model=PortalDisputeDetail, tags=["portal"]
)
def portal_dispute(
    request: Request, dispute_id: ObjectId, link: CustomerLinkHeader
) -> PortalDisputeDetail:
    """One of the customer's disputes: conversation (no notes, no analysis) and offers."""
    with transaction(request) as session:
        access = service.resolve_link(session=session, token=link, now=now(request))
        return service.portal_dispute(
            session=session, access=access, dispute_id=dispute_id, now=now(request)
        )


@router.post(
    "/api/v1/portal/disputes/{dispute_id}/messages",
    response_model=PortalMessage,
    status_code=201,
    tags=["portal"],
)
def portal_reply(
    request: Request, dispute_id: ObjectId, data: PortalReply, link: CustomerLinkHeader
) -> PortalMessage:
    """Reply on one of the customer's disputes (an inbound web message)."""
    with transaction(request) as session:
        access = service.resolve_link(session=session, token=link, now=now(request))
        message = service.reply(
            session=session, access=access, dispute_id=dispute_id, data=data, now=now(request)
        )
        return PortalMessage(
            id=message.id, from_customer=True, body=message.body, created_at=message.created_at
        )

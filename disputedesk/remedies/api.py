"""REST routes: remedies a dispute may be offered, offers, approvals, and policy versions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.auth.deps import role_actor, staff_actor
from disputedesk.policies import RemedyAnswer
from disputedesk.remedies import policy_store, service
from disputedesk.remedies.schemas import (
    ApprovalDecision,
    CustomerAnswer,
    OfferCreate,
    OfferDetail,
    PolicyUpload,
    PolicyVersionOut,
    PolicyVersionText,
)
from disputedesk.schemas import SafeStr

router = APIRouter(prefix="/api/v1", tags=["remedies"], responses=ERRORS)
IdPath = Annotated[int, Path(ge=1, le=2_147_483_647)]


@router.get("/disputes/{dispute_id}/remedies", response_model=RemedyAnswer)
def remedies(
    request: Request, dispute_id: IdPath, actor: Actor = Depends(staff_actor)
) -> RemedyAnswer:
    """Each remedy: allowed or not, why, the clause to cite, the maximum, who may grant it."""
    with transaction(request) as session:
        return service.remedies_for(session=session, dispute_id=dispute_id, now=now(request))


@router.get("/disputes/{dispute_id}/offers", response_model=list[OfferDetail])
def offers(
    request: Request, dispute_id: IdPath, actor: Actor = Depends(staff_actor)
) -> list[OfferDetail]:
    """The dispute's offers, oldest first."""
    with transaction(request) as session:
        return [
            OfferDetail.model_validate(o)
            for o in service.list_offers(session=session, dispute_id=dispute_id)
        ]


@router.post("/disputes/{dispute_id}/offers", response_model=OfferDetail, status_code=201)
def make_offer(
    request: Request, dispute_id: IdPath, data: OfferCreate, actor: Actor = Depends(staff_actor)
) -> OfferDetail:
    """Offer a remedy: within your authority it goes to the customer, above it to an approver."""
    with transaction(request) as session:
        offer = service.make_offer(
            session=session, dispute_id=dispute_id, data=data, actor=actor, now=now(request)
        )
        return OfferDetail.model_validate(offer)


@router.get("/approvals", response_model=list[OfferDetail])
def approvals(request: Request, actor: Actor = role_actor("supervisor")) -> list[OfferDetail]:
    """Offers waiting for an approval you may give, oldest first."""
    with transaction(request) as session:
        return [
            OfferDetail.model_validate(o)
            for o in service.pending_approvals(session=session, actor=actor)
        ]


@router.post("/offers/{offer_id}/approval", response_model=OfferDetail)
def decide(
    request: Request, offer_id: IdPath, data: ApprovalDecision, actor: Actor = Depends(staff_actor)
) -> OfferDetail:
    """Approve or decline an offer above its maker's authority, with a reason."""
    with transaction(request) as session:
        offer = service.decide_approval(
            session=session, offer_id=offer_id, data=data, actor=actor, now=now(request)
        )
        return OfferDetail.model_validate(offer)


@router.post("/offers/{offer_id}/answer", response_model=OfferDetail)
def answer(
    request: Request, offer_id: IdPath, data: CustomerAnswer, actor: Actor = Depends(staff_actor)
) -> OfferDetail:
    """Record the customer's acceptance or refusal (taken by staff, e.g. on the phone)."""
    with transaction(request) as session:
        offer = service.answer_offer(
            session=session, offer_id=offer_id, data=data, actor=actor, now=now(request)
        )
        return OfferDetail.model_validate(offer)


@router.get("/policies", response_model=list[PolicyVersionOut])
def policies(request: Request, actor: Actor = Depends(staff_actor)) -> list[PolicyVersionOut]:
    """Every stored policy version, newest first."""
    with transaction(request) as session:
        return [
            PolicyVersionOut.model_validate(p)
            for p in policy_store.list_policy_versions(session=session)
        ]


@router.get("/policies/{version}", response_model=PolicyVersionText)
def policy(
    request: Request,
    version: Annotated[SafeStr, Path(max_length=50)],
    actor: Actor = Depends(staff_actor),
) -> PolicyVersionText:
    """One policy version with its text ('current' for the one in force)."""
    with transaction(request) as session:
        return PolicyVersionText.model_validate(
            policy_store.get_policy_version(session=session, version=version)
        )


@router.post("/policies", response_model=PolicyVersionOut, status_code=201)
def upload(
    request: Request, data: PolicyUpload, actor: Actor = role_actor("admin")
) -> PolicyVersionOut:
    """Upload a new policy version (admins); invalid YAML is refused with file, line and field."""
    with transaction(request) as session:
        row = policy_store.upload_policy(
            session=session,
            text=data.text,
            source_name=data.source_name,
            actor=actor,
            now=now(request),
        )
        return PolicyVersionOut.model_validate(row)

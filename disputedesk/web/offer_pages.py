"""Offers on the dispute page: make one within the policy, and record the customer's answer."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from disputedesk.apiutil import now
from disputedesk.disputes.models import Offer
from disputedesk.errors import NotFound
from disputedesk.remedies import service
from disputedesk.remedies.schemas import CustomerAnswer, OfferCreate
from disputedesk.web.dispute_pages import DisputeId, FormWord, act, dispute_page
from disputedesk.web.dispute_view import FormState
from disputedesk.web.session import FormUser

router = APIRouter(prefix="/desk/disputes", include_in_schema=False)
OfferId = Annotated[int, Path(ge=1, le=2_147_483_647)]
Note = Annotated[str, Form(max_length=5000)]
_AMOUNT = re.compile(r"^(\d{1,11})(?:[.,](\d{1,2}))?$", re.ASCII)
AMOUNT_HELP = "Enter an amount such as 25 or 25.50 (leave it empty for an explanation)."


def minor_units(text: str) -> int | None:
    """A typed amount ('25', '25.5', '1,234.50' is refused) in minor units; None when empty."""
    cleaned = text.strip()
    if not cleaned:
        return None
    match = _AMOUNT.match(cleaned)
    if match is None:
        raise ValueError(AMOUNT_HELP)
    whole, cents = match.group(1), (match.group(2) or "0").ljust(2, "0")
    return int(whole) * 100 + int(cents)


def _offered(offer: Offer) -> str:
    """The notice for a new offer: made, or waiting for the approver's role."""
    if offer.status == "pending_approval":
        return f"offer_pending_{offer.approver_role or 'supervisor'}"
    return "offer"


@router.post("/{dispute_id}/offers")
def post_offer(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    remedy: FormWord = "",
    amount: Annotated[str, Form(max_length=32)] = "",
    note: Note = "",
    policy_version: Annotated[str, Form(max_length=50)] = "",
) -> Response:
    """Offer a remedy: within the user's authority it is made, above it it waits for approval."""
    values = {"remedy": remedy, "amount": amount, "note": note}
    try:
        amount_minor = minor_units(amount)
    except ValueError as exc:
        state = FormState(values=values, errors={"amount": str(exc)})
        return dispute_page(request, user, dispute_id, forms={"offer": state}, status_code=422)
    raw: dict[str, Any] = {
        "remedy": remedy,
        "amount_minor": amount_minor,
        "note": note.strip() or None,
        "policy_version": policy_version.strip() or None,
    }
    return act(
        request,
        user,
        dispute_id,
        form="offer",
        values=values,
        build=lambda: OfferCreate.model_validate(raw),
        apply=lambda session, data: service.make_offer(
            session=session, dispute_id=dispute_id, data=data, actor=user.actor, now=now(request)
        ),
        done=_offered,
        aliases={"amount_minor": "amount"},
    )


def _offer_of(session: Session, dispute_id: int, offer_id: int) -> Offer:
    """The offer, if it belongs to this dispute (a form of one dispute answers only its own)."""
    try:
        offer = service.get_offer(session=session, offer_id=offer_id)
    except NotFound as exc:
        raise NotFound(exc.message, field="offer") from exc
    if offer.dispute_id != dispute_id:
        raise NotFound(f"offer {offer_id} is not an offer on dispute {dispute_id}", field="offer")
    return offer


@router.post("/{dispute_id}/offers/{offer_id}/answer")
def post_answer(
    request: Request,
    dispute_id: DisputeId,
    offer_id: OfferId,
    user: FormUser,
    accept: FormWord = "",
    note: Note = "",
) -> Response:
    """Record the customer's acceptance or refusal of an open offer (e.g. taken on the phone)."""
    raw: dict[str, Any] = {
        "accept": {"yes": True, "no": False}.get(accept, accept),
        "note": note.strip() or None,
    }

    def apply(session: Session, data: CustomerAnswer) -> Offer:
        _offer_of(session, dispute_id, offer_id)
        return service.answer_offer(
            session=session, offer_id=offer_id, data=data, actor=user.actor, now=now(request)
        )

    return act(
        request,
        user,
        dispute_id,
        form=f"answer_{offer_id}",
        values={"accept": accept, "note": note},
        build=lambda: CustomerAnswer.model_validate(raw),
        apply=apply,
        done=lambda offer: "accepted" if offer.status == "accepted" else "declined",
    )

"""The customer portal pages under /portal/{token}: plain forms, no script, PRG after each post."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session

from disputedesk.apiutil import now, transaction
from disputedesk.config import get_settings
from disputedesk.errors import DomainError, Invalid, NotFound
from disputedesk.portal import service
from disputedesk.portal.render import STATIC, render, when
from disputedesk.portal.schemas import PortalDisputeCreate, PortalReply
from disputedesk.portal.service import LinkGone, PortalAccess
from disputedesk.portal.tokens import form_token, form_token_ok

router = APIRouter(include_in_schema=False)
FormText = Annotated[str, Form()]
FormShort = Annotated[str, Form()]
DONE = {
    "reply": "Thank you — your message has been sent. We will get back to you.",
    "filed": "Thank you — your dispute has been received. We will get back to you.",
    "accepted": "You accepted the offer. We will get on with it and let you know.",
    "declined": "You declined the offer. We will look at other options with you.",
}
FIELD_HELP = {
    "subject": "Say in a few words what it is about (up to 300 characters).",
    "description": "Tell us what happened (up to 20,000 characters).",
    "body": "Write your message first (up to 20,000 characters).",
    "order_id": "Choose one of your own orders.",
    "desired_outcome": "Choose one of the outcomes listed.",
}


class FormRefused(Exception):
    """A portal form without a valid form token, or sent from another site."""


class FieldsInvalid(Invalid):
    """Several fields of one form are wrong: each gets its own message, next to it."""

    def __init__(self, errors: dict[str, str]) -> None:
        field, message = next(iter(errors.items()))
        super().__init__(message, field=field)
        self.errors = errors


def _parse(model: type[BaseModel], **fields: Any) -> Any:
    """Validate form fields with a schema; every field with a problem gets its message."""
    try:
        return model.model_validate(fields)
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for problem in exc.errors():
            field = str(problem["loc"][0]) if problem["loc"] else "form"
            errors.setdefault(field, FIELD_HELP.get(field, "Please check this field."))
        raise FieldsInvalid(errors) from exc


def _field_errors(exc: DomainError) -> dict[str, str]:
    """A refusal as messages by field ("form" for one about the whole form)."""
    if isinstance(exc, FieldsInvalid):
        return exc.errors
    return {exc.field or "form": exc.message}


def _check_form(request: Request, access: PortalAccess, token: str) -> None:
    """Refuse cross-site posts and forms not issued for this link recently."""
    # Under the portal's no-referrer policy browsers send "Origin: null" even from our own
    # pages, so only a real origin is compared; Sec-Fetch-Site still names a cross-site post.
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise FormRefused
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise FormRefused
    if not form_token_ok(get_settings().secret_key, token, access.link.id, now(request)):
        raise FormRefused


def _common(request: Request, token: str, access: PortalAccess) -> dict[str, Any]:
    return {
        "token": token,
        "base": f"/portal/{token}",
        "customer_name": access.customer.name,
        "expires": when(access.link.expires_at),
        "scoped": access.dispute_id is not None,
        "form_token": form_token(get_settings().secret_key, access.link.id, now(request)),
    }


def _gone(request: Request) -> HTMLResponse:
    return render(request, "portal_gone.html", {}, status_code=404)


def _missing(request: Request, token: str) -> HTMLResponse:
    return render(request, "portal_not_found.html", {"base": f"/portal/{token}"}, status_code=404)


def _refused(request: Request, back: str) -> HTMLResponse:
    return render(request, "portal_refused.html", {"back": back}, status_code=403)


def _dispute_page(
    request: Request,
    token: str,
    dispute_id: int,
    *,
    done: str = "",
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            detail = service.portal_dispute(
                session=session, access=access, dispute_id=dispute_id, now=now(request)
            )
            context = _common(request, token, access)
    except LinkGone:
        return _gone(request)
    except NotFound:
        return _missing(request, token)
    context.update(
        dispute=detail,
        done=DONE.get(done, ""),
        errors=errors or {},
        typed=typed or {},
    )
    return render(request, "portal_dispute.html", context, status_code=status_code)


def _new_page(
    request: Request,
    session: Session,
    token: str,
    access: PortalAccess,
    *,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> dict[str, Any]:
    context = _common(request, token, access)
    context.update(
        orders=service.customer_orders(session=session, access=access),
        errors=errors or {},
        typed=typed or {},
    )
    return context


@router.get("/portal-assets/portal.css")
def portal_css() -> FileResponse:
    """The portal's own stylesheet (the CSP allows styles from this site only)."""
    return FileResponse(
        STATIC / "portal.css",
        media_type="text/css",
        headers={"cache-control": "public, max-age=3600"},
    )


@router.get("/portal/{token}")
def home(request: Request, token: str) -> HTMLResponse:
    """The customer's disputes with where each stands."""
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            context = _common(request, token, access)
            context["disputes"] = service.portal_disputes(session=session, access=access)
    except LinkGone:
        return _gone(request)
    context["done"] = DONE.get(request.query_params.get("done", ""), "")
    return render(request, "portal_home.html", context)


@router.get("/portal/{token}/disputes/new")
def new_dispute_form(request: Request, token: str) -> HTMLResponse:
    """The form to file a new dispute, with the customer's own orders to choose from."""
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            if access.dispute_id is not None:
                raise NotFound(service.NOT_YOURS)
            context = _new_page(request, session, token, access)
    except LinkGone:
        return _gone(request)
    except NotFound:
        return _missing(request, token)
    return render(request, "portal_new.html", context)


@router.post("/portal/{token}/disputes", response_model=None)
def file_dispute(
    request: Request,
    token: str,
    subject: FormShort = "",
    description: FormText = "",
    order_id: FormShort = "",
    desired_outcome: FormShort = "",
    form_token: FormShort = "",
) -> Response:
    """File a dispute; on success go to its page, otherwise show the form with what was typed."""
    typed = {
        "subject": subject,
        "description": description,
        "order_id": order_id,
        "desired_outcome": desired_outcome,
    }
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            _check_form(request, access, form_token)
            data = _parse(
                PortalDisputeCreate,
                subject=subject,
                description=description,
                order_id=int(order_id) if order_id.isdigit() else (order_id or None),
                desired_outcome=desired_outcome or None,
            )
            dispute = service.file_dispute(
                session=session, access=access, data=data, now=now(request)
            )
            target = f"/portal/{token}/disputes/{dispute.id}?done=filed"
    except LinkGone:
        return _gone(request)
    except FormRefused:
        return _refused(request, f"/portal/{token}/disputes/new")
    except NotFound:
        return _missing(request, token)
    except DomainError as exc:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            context = _new_page(
                request,
                session,
                token,
                access,
                errors=_field_errors(exc),
                typed=typed,
            )
        return render(request, "portal_new.html", context, status_code=exc.status)
    return RedirectResponse(target, status_code=303)


@router.get("/portal/{token}/disputes/{dispute_id:int}")
def dispute_page(request: Request, token: str, dispute_id: int) -> HTMLResponse:
    """One dispute: where it stands, the conversation, offers and the reply form."""
    return _dispute_page(request, token, dispute_id, done=request.query_params.get("done", ""))


@router.post("/portal/{token}/disputes/{dispute_id:int}/messages", response_model=None)
def post_reply(
    request: Request,
    token: str,
    dispute_id: int,
    body: FormText = "",
    form_token: FormShort = "",
) -> Response:
    """Send the customer's reply (an inbound web message)."""
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            _check_form(request, access, form_token)
            service.reply(
                session=session,
                access=access,
                dispute_id=dispute_id,
                data=_parse(PortalReply, body=body),
                now=now(request),
            )
    except LinkGone:
        return _gone(request)
    except FormRefused:
        return _refused(request, f"/portal/{token}/disputes/{dispute_id}")
    except NotFound:
        return _missing(request, token)
    except DomainError as exc:
        return _dispute_page(
            request,
            token,
            dispute_id,
            errors={"body": exc.message},
            typed={"body": body},
            status_code=exc.status,
        )
    return RedirectResponse(f"/portal/{token}/disputes/{dispute_id}?done=reply", status_code=303)


@router.post("/portal/{token}/disputes/{dispute_id:int}/offers/{offer_id:int}", response_model=None)
def answer_offer(
    request: Request,
    token: str,
    dispute_id: int,
    offer_id: int,
    decision: FormShort = "",
    note: FormText = "",
    form_token: FormShort = "",
) -> Response:
    """Accept or decline an offer made on the customer's dispute."""
    try:
        with transaction(request) as session:
            access = service.resolve_link(session=session, token=token, now=now(request))
            _check_form(request, access, form_token)
            if decision not in ("accept", "decline"):
                raise Invalid("Choose to accept or decline the offer.", field="decision")
            if len(note) > 5000:
                raise Invalid("Keep the note under 5,000 characters.", field="note")
            service.answer(
                session=session,
                access=access,
                dispute_id=dispute_id,
                offer_id=offer_id,
                accept=decision == "accept",
                note=note.strip() or None,
                now=now(request),
            )
    except LinkGone:
        return _gone(request)
    except FormRefused:
        return _refused(request, f"/portal/{token}/disputes/{dispute_id}")
    except NotFound:
        return _missing(request, token)
    except DomainError as exc:
        return _dispute_page(
            request,
            token,
            dispute_id,
            # A note that is too long is shown under the note; anything else on the offer.
            errors={f"offer-{offer_id}" + ("-note" if exc.field == "note" else ""): exc.message},
            typed={f"offer-{offer_id}": note},
            status_code=exc.status,
        )
    done = "accepted" if decision == "accept" else "declined"
    return RedirectResponse(f"/portal/{token}/disputes/{dispute_id}?done={done}", status_code=303)

"""The dispute page and its forms: reply, note, status, assignment and escalation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from disputedesk.apiutil import now, transaction
from disputedesk.coach import CoachReport
from disputedesk.disputes import replies, service
from disputedesk.disputes.schemas import (
    AssignRequest,
    EscalateRequest,
    MessageCreate,
    parse_transition,
)
from disputedesk.errors import Conflict, DomainError, NotFound
from disputedesk.web.dispute_view import (
    CHOICES,
    NOTICES,
    CoachPanel,
    FormState,
    form_errors,
    load_page,
)
from disputedesk.web.render import is_htmx, render
from disputedesk.web.session import FormUser, PageUser, WebUser

router = APIRouter(prefix="/desk/disputes", include_in_schema=False)
DisputeId = Annotated[int, Path(ge=1, le=2_147_483_647)]
FormText = Annotated[str, Form(max_length=100_000)]
FormWord = Annotated[str, Form(max_length=64)]
# What an htmx request targeting a region of the page gets back instead of the whole page.
FRAGMENTS = {"dispute-page": "_dispute_main.html", "reply-workspace": "_reply_workspace.html"}
STALE = (
    "Someone else changed this dispute after you opened it. The page now shows the latest "
    "version: check it, then try again."
)


def coach_threshold(request: Request) -> int:
    """The coach score a reply needs to be sent without an override."""
    threshold: int = request.app.state.settings.coach_send_threshold
    return threshold


def dispute_page(
    request: Request,
    user: WebUser,
    dispute_id: int,
    *,
    forms: dict[str, FormState] | None = None,
    notice: str = "",
    status_code: int = 200,
    coach: CoachReport | None = None,
    tone: str = "warm",
    draft_step: str = "",
) -> HTMLResponse:
    """Render the dispute page (or, for htmx, just its main region)."""
    forms = forms or {}
    try:
        with transaction(request) as session:
            at = now(request)
            page = load_page(session=session, dispute_id=dispute_id, now=at)
            draft = forms["reply"].values.get("body", "") if "reply" in forms else ""
            if coach is None and draft.strip():
                # A reply sent back to the editor shows what the coach thinks of it.
                coach = replies.coach_draft(
                    session=session, draft=draft, dispute_id=dispute_id, now=at
                )
    except NotFound:
        return render(
            request,
            "not_found.html",
            {"what": f"Dispute {dispute_id}"},
            user=user,
            status_code=404,
        )
    page.forms = forms
    page.notice = notice
    page.tone = tone
    page.draft_step = draft_step
    page.coach = CoachPanel(coach, coach_threshold(request)) if coach else None
    target = request.headers.get("hx-target", "") if is_htmx(request) else ""
    template = FRAGMENTS.get(target, "dispute.html")
    return render(request, template, {"page": page, **CHOICES}, user=user, status_code=status_code)


@router.get("/{dispute_id}")
def dispute(request: Request, dispute_id: DisputeId, user: PageUser, done: str = "") -> Response:
    """One dispute: conversation with analysis, records, actions and history."""
    return dispute_page(request, user, dispute_id, notice=NOTICES.get(done, ""))


def act(
    request: Request,
    user: WebUser,
    dispute_id: int,
    *,
    form: str,
    values: dict[str, str],
    build: Callable[[], BaseModel],
    apply: Callable[[Session, Any], object],
    done: Callable[[Any], str] | None = None,
    aliases: dict[str, str] | None = None,
) -> Response:
    """Validate a form, call the service in one transaction, then show the result or the errors.

    `done` names the notice for what the service returned (default: the form's own);
    `aliases` maps a field the service names to the form field that holds it.
    """
    fields = set(values)
    aliases = aliases or {}
    try:
        data = build()
    except ValidationError as exc:
        state = form_errors(exc, fields | set(aliases), values)
        _rename(state, aliases)
        return dispute_page(request, user, dispute_id, forms={form: state}, status_code=422)
    try:
        with transaction(request) as session:
            result = apply(session, data)
            key = done(result) if done else form
    except StaleDataError:
        state = FormState(values=values, general=STALE, conflict=True)
        return dispute_page(request, user, dispute_id, forms={form: state}, status_code=409)
    except DomainError as exc:
        if isinstance(exc, NotFound) and exc.field is None:
            return dispute_page(request, user, dispute_id)
        field_name = aliases.get(exc.field or "", exc.field)
        return dispute_page(
            request,
            user,
            dispute_id,
            forms={form: _refusal(exc, field_name, fields, values)},
            status_code=exc.status,
        )
    if is_htmx(request):
        return dispute_page(request, user, dispute_id, notice=NOTICES.get(key, ""))
    return RedirectResponse(f"/desk/disputes/{dispute_id}?done={key}", status_code=303)


def _rename(state: FormState, aliases: dict[str, str]) -> None:
    for name, target in aliases.items():
        if name in state.errors:
            state.errors.setdefault(target, state.errors.pop(name))


def _refusal(
    exc: DomainError, field_name: str | None, fields: set[str], values: dict[str, str]
) -> FormState:
    """A service's refusal shown on the form: a stale version, or a message by its field."""
    if isinstance(exc, Conflict) and field_name == "version":
        return FormState(values=values, general=STALE, conflict=True)
    state = FormState(values=values)
    # The coach holds back a weak reply (a refusal on its body): offer to send it anyway.
    state.offer_override = "override_reason" in fields and field_name == "body"
    if field_name in fields:
        state.errors[field_name] = exc.message
    else:
        state.general = exc.message
    return state


def _blank(value: str) -> str | None:
    return value.strip() or None


def _number(value: str) -> int | str:
    """A form's whole number as an int (the schemas take strict ints); anything else unchanged."""
    text = value.strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 12 else text


@router.post("/{dispute_id}/messages")
def post_message(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    direction: FormWord = "outbound",
    body: FormText = "",
    override_reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Reply to the customer (coached, as in the API) or add an internal note."""
    form = "note" if direction == "note" else "reply"
    raw: dict[str, Any] = {"direction": direction, "body": body}
    if form == "reply" and override_reason.strip():
        raw["override_reason"] = override_reason.strip()
    threshold = coach_threshold(request)
    return act(
        request,
        user,
        dispute_id,
        form=form,
        values={"body": body, "override_reason": override_reason},
        build=lambda: MessageCreate.model_validate(raw),
        apply=lambda session, data: replies.post_message(
            session=session,
            dispute_id=dispute_id,
            data=data,
            actor=user.actor,
            now=now(request),
            threshold=threshold,
        ),
    )


@router.post("/{dispute_id}/transition")
def post_transition(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    to: FormWord = "",
    version: FormWord = "",
    outcome: FormWord = "",
    root_cause: FormWord = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Move the dispute to another status (resolving asks for outcome and root cause)."""
    form = "resolve" if to == "resolved" else "transition"
    # Each form lists the fields it shows, so a message lands where the user can see it.
    values = (
        {"outcome": outcome, "root_cause": root_cause}
        if form == "resolve"
        else {"to": to, "reason": reason}
    )
    raw: dict[str, Any] = {"to": to, "version": _number(version), "reason": _blank(reason)}
    if form == "resolve":
        raw |= {"outcome": _blank(outcome), "root_cause": _blank(root_cause)}
    return act(
        request,
        user,
        dispute_id,
        form=form,
        values=values,
        build=lambda: parse_transition(raw),
        apply=lambda session, data: service.transition_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=user.actor, now=now(request)
        ),
    )


@router.post("/{dispute_id}/assign")
def post_assign(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    assignee_id: FormWord = "",
    version: FormWord = "",
) -> Response:
    """Give the dispute to a member of staff, or back to the unassigned queue."""
    chosen = _blank(assignee_id)
    raw = {"assignee_id": _number(chosen) if chosen else None, "version": _number(version)}
    return act(
        request,
        user,
        dispute_id,
        form="assign",
        values={"assignee_id": assignee_id},
        build=lambda: AssignRequest.model_validate(raw),
        apply=lambda session, data: service.assign_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=user.actor, now=now(request)
        ),
    )


@router.post("/{dispute_id}/escalate")
def post_escalate(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    level: FormWord = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
    version: FormWord = "",
) -> Response:
    """Escalate to a supervisor or manager (or back down), with the reason recorded."""
    raw = {"level": level, "reason": reason.strip(), "version": _number(version)}
    return act(
        request,
        user,
        dispute_id,
        form="escalate",
        values={"level": level, "reason": reason},
        build=lambda: EscalateRequest.model_validate(raw),
        apply=lambda session, data: service.escalate_dispute(
            session=session, dispute_id=dispute_id, data=data, actor=user.actor, now=now(request)
        ),
    )

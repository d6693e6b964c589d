"""The coach beside the reply editor: a live report on the draft, and a drafted reply."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from disputedesk.apiutil import now, transaction
from disputedesk.coach import Tone
from disputedesk.disputes import replies
from disputedesk.errors import NotFound
from disputedesk.web.dispute_pages import DisputeId, FormText, coach_threshold, dispute_page
from disputedesk.web.dispute_view import CoachPanel, FormState
from disputedesk.web.render import render
from disputedesk.web.session import FormUser

router = APIRouter(prefix="/desk/disputes", include_in_schema=False)
TONES = ("warm", "formal")


@router.post("/{dispute_id}/coach")
def coach_report(
    request: Request, dispute_id: DisputeId, user: FormUser, body: FormText = ""
) -> HTMLResponse:
    """The coach's report on the draft as it stands (the fragment beside the editor)."""
    panel = None
    if body.strip():
        try:
            with transaction(request) as session:
                report = replies.coach_draft(
                    session=session, draft=body, dispute_id=dispute_id, now=now(request)
                )
        except NotFound:
            return render(
                request,
                "not_found.html",
                {"what": f"Dispute {dispute_id}"},
                user=user,
                status_code=404,
            )
        panel = CoachPanel(report, coach_threshold(request))
    return render(request, "_coach_body.html", {"coach": panel}, user=user)


@router.post("/{dispute_id}/draft")
def draft(
    request: Request,
    dispute_id: DisputeId,
    user: FormUser,
    tone: Annotated[str, Form(max_length=16)] = "warm",
) -> Response:
    """Write a reply for the dispute's playbook step into the editor, with its coach report."""
    if tone not in TONES:
        state = FormState(values={"tone": tone}, errors={"tone": "Choose warm or formal."})
        return dispute_page(request, user, dispute_id, forms={"draft": state}, status_code=422)
    chosen: Tone = "formal" if tone == "formal" else "warm"
    try:
        with transaction(request) as session:
            drafted = replies.draft_reply(
                session=session,
                dispute_id=dispute_id,
                step=None,
                tone=chosen,
                actor=user.actor,
                now=now(request),
            )
    except NotFound:
        return dispute_page(request, user, dispute_id)
    return dispute_page(
        request,
        user,
        dispute_id,
        forms={"reply": FormState(values={"body": drafted.text})},
        coach=drafted.report,
        tone=chosen,
        draft_step=drafted.step.value,
    )

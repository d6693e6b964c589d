"""The customer's satisfaction survey page: the link shows a form; only submitting records."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse
from pydantic import ValidationError

from disputedesk.apiutil import now, transaction
from disputedesk.errors import DomainError
from disputedesk.web.render import render
from disputedesk.workflow.followups import answer_survey, open_survey
from disputedesk.workflow.schemas import SurveyAnswer

router = APIRouter(include_in_schema=False)
Token = Annotated[str, Path(min_length=10, max_length=300, pattern=r"^[A-Za-z0-9_.\-]+$")]


@router.get("/survey/{token}")
def survey_page(request: Request, token: Token) -> HTMLResponse:
    """Show the rating form (mail scanners that open the link record nothing)."""
    try:
        with transaction(request) as session:
            survey = open_survey(session=session, token=token, now=now(request))
            answered = survey.answered_at is not None
    except DomainError as exc:
        return render(
            request, "survey.html", {"error": exc.message, "done": False}, status_code=404
        )
    return render(request, "survey.html", {"token": token, "done": answered, "error": ""})


@router.post("/survey/{token}")
def submit_survey(
    request: Request,
    token: Token,
    rating: Annotated[str, Form()] = "",
    comment: Annotated[str, Form(max_length=5000)] = "",
) -> HTMLResponse:
    """Record the rating and comment, once."""
    try:
        answer = SurveyAnswer(
            rating=int(rating) if rating.isdigit() else 0, comment=comment or None
        )
    except ValidationError:
        return render(
            request,
            "survey.html",
            {
                "token": token,
                "done": False,
                "error": "",
                "field_error": "Choose a rating from 1 to 5.",
                "comment": comment,  # what they wrote is kept
            },
            status_code=422,
        )
    try:
        with transaction(request) as session:
            answer_survey(
                session=session,
                token=token,
                rating=answer.rating,
                comment=answer.comment,
                now=now(request),
            )
    except DomainError as exc:
        return render(
            request, "survey.html", {"error": exc.message, "done": False}, status_code=exc.status
        )
    return render(request, "survey.html", {"done": True, "error": ""})

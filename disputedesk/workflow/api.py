"""REST routes: satisfaction surveys through their signed link, and staff notifications."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.auth.deps import staff_actor
from disputedesk.workflow.followups import answer_survey, open_survey
from disputedesk.workflow.notifications import unread_notifications
from disputedesk.workflow.schemas import NotificationOut, SurveyAnswer, SurveyOut

router = APIRouter(prefix="/api/v1", responses=ERRORS)
Token = Annotated[str, Path(min_length=10, max_length=300, pattern=r"^[A-Za-z0-9_.\-]+$")]


@router.get("/surveys/{token}", response_model=SurveyOut, tags=["surveys"])
def survey(request: Request, token: Token) -> SurveyOut:
    """The survey behind a link (reading it records nothing)."""
    with transaction(request) as session:
        return SurveyOut.model_validate(open_survey(session=session, token=token, now=now(request)))


@router.post("/surveys/{token}", response_model=SurveyOut, tags=["surveys"])
def answer(request: Request, token: Token, data: SurveyAnswer) -> SurveyOut:
    """Answer the survey once; a low rating reopens the dispute for a supervisor."""
    with transaction(request) as session:
        result = answer_survey(
            session=session, token=token, rating=data.rating, comment=data.comment, now=now(request)
        )
        return SurveyOut.model_validate(result)


@router.get("/notifications", response_model=list[NotificationOut], tags=["workflow"])
def notifications(request: Request, actor: Actor = Depends(staff_actor)) -> list[NotificationOut]:
    """Your unread notifications and those for your role, newest first."""
    assert actor.id is not None
    assert actor.role is not None
    with transaction(request) as session:
        rows = unread_notifications(session=session, user_id=actor.id, role=actor.role)
        return [NotificationOut.model_validate(n) for n in rows]

"""REST routes for the pure engines: analyse a customer message."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from disputedesk.actors import Actor
from disputedesk.analysis import Analysis, analyze
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.assist.schemas import AnalyzeRequest, CoachRequest
from disputedesk.auth.deps import staff_actor
from disputedesk.coach import CoachReport
from disputedesk.disputes.replies import coach_draft

router = APIRouter(prefix="/api/v1", tags=["assist"], responses=ERRORS)


@router.post("/analyze", response_model=Analysis)
def analyze_message(data: AnalyzeRequest, actor: Actor = Depends(staff_actor)) -> Analysis:
    """Read a customer message: sentiment, anger, emotions, risks with evidence, category."""
    return analyze(data.text)


@router.post("/coach", response_model=CoachReport)
def coach_reply(
    request: Request, data: CoachRequest, actor: Actor = Depends(staff_actor)
) -> CoachReport:
    """Coach a reply draft: findings with evidence and rewrites, elements present and missing."""
    with transaction(request) as session:
        return coach_draft(
            session=session, draft=data.draft, dispute_id=data.dispute_id, now=now(request)
        )

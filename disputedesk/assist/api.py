"""REST routes for the pure engines: analyse a customer message."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from disputedesk.actors import Actor
from disputedesk.analysis import Analysis, analyze
from disputedesk.apiutil import ERRORS, now, transaction
from disputedesk.assist import templates
from disputedesk.assist.schemas import AnalyzeRequest, CoachRequest, TemplateCreate, TemplateOut
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


@router.get("/reply-templates", response_model=list[TemplateOut])
def list_templates(request: Request, actor: Actor = Depends(staff_actor)) -> list[TemplateOut]:
    """The team's reply templates (a starting point: the coach flags one sent unchanged)."""
    with transaction(request) as session:
        return [TemplateOut.model_validate(t) for t in templates.list_templates(session=session)]


@router.post("/reply-templates", response_model=TemplateOut, status_code=201)
def add_template(
    request: Request, data: TemplateCreate, actor: Actor = Depends(staff_actor)
) -> TemplateOut:
    """Add a reply template (supervisors and above)."""
    with transaction(request) as session:
        template = templates.add_template(
            session=session, name=data.name, body=data.body, actor=actor, now=now(request)
        )
        return TemplateOut.model_validate(template)


@router.delete("/reply-templates/{template_id}", response_model=TemplateOut)
def retire_template(
    request: Request,
    template_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
    actor: Actor = Depends(staff_actor),
) -> TemplateOut:
    """Retire a reply template (supervisors and above)."""
    with transaction(request) as session:
        template = templates.retire_template(session=session, template_id=template_id, actor=actor)
        return TemplateOut.model_validate(template)

"""Use cases for stored reply templates."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from disputedesk.actors import Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.assist.models import ReplyTemplate
from disputedesk.errors import Conflict, Forbidden, NotFound


def active_template_bodies(*, session: Session, limit: int = 500) -> list[str]:
    """The bodies of the team's active templates (what the coach compares drafts with)."""
    query = select(ReplyTemplate.body).where(ReplyTemplate.active.is_(True)).limit(limit)
    return list(session.scalars(query))


def list_templates(*, session: Session) -> list[ReplyTemplate]:
    """Active templates by name."""
    query = select(ReplyTemplate).where(ReplyTemplate.active.is_(True))
    return list(session.scalars(query.order_by(ReplyTemplate.name)))


def add_template(
    *, session: Session, name: str, body: str, actor: Actor, now: datetime
) -> ReplyTemplate:
    """Store a template (supervisors and above curate them)."""
    if not actor.has_role("supervisor"):
        raise Forbidden("only a supervisor or above may add reply templates")
    if session.scalar(select(ReplyTemplate.id).where(ReplyTemplate.name == name)) is not None:
        raise Conflict(f"a template named '{name}' already exists", field="name")
    template = ReplyTemplate(
        name=mask_card_numbers(name),
        body=mask_card_numbers(body),
        active=True,
        created_by_id=actor.id,
        created_at=now,
    )
    session.add(template)
    session.flush()
    return template


def retire_template(*, session: Session, template_id: int, actor: Actor) -> ReplyTemplate:
    """Stop offering a template (kept for the record)."""
    if not actor.has_role("supervisor"):
        raise Forbidden("only a supervisor or above may retire reply templates")
    template = session.get(ReplyTemplate, template_id)
    if template is None:
        raise NotFound(f"reply template {template_id} not found")
    template.active = False
    return template

"""What the dispute page shows: the service's detail turned into things a template can print."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from markupsafe import Markup
from pydantic import ValidationError
from sqlalchemy.orm import Session

from disputedesk.auth.service import list_users
from disputedesk.coach import CoachReport
from disputedesk.disputes.detail import dispute_detail
from disputedesk.disputes.events import list_events
from disputedesk.disputes.lifecycle import ESCALATION_LEVELS, OUTCOMES, ROOT_CAUSES
from disputedesk.disputes.schemas import DisputeDetail, EventOut, MessageOut
from disputedesk.policies import RemedyAnswer, RemedyDecision
from disputedesk.remedies.schemas import OfferDetail
from disputedesk.remedies.service import list_offers, remedies_for
from disputedesk.web.highlight import highlight, label

EVENT_LIMIT = 500
NOTICES = {
    "reply": "Your reply was sent to the customer.",
    "note": "Your internal note was added.",
    "transition": "The status was changed.",
    "resolve": "The dispute was resolved; the follow-up and survey are scheduled.",
    "assign": "The assignment was saved.",
    "escalate": "The escalation was saved.",
    "offer": "The offer was recorded and can now be put to the customer.",
    **{
        f"offer_pending_{role}": "The offer is above your authority: it now waits for "
        f"approval by {'an' if role == 'admin' else 'a'} {role}."
        for role in ("supervisor", "manager", "admin")
    },
    "accepted": "The customer's acceptance was recorded.",
    "declined": "The customer's refusal was recorded; you can offer an alternative.",
}
_FRIENDLY = {
    "missing": "This is required.",
    "string_too_short": "This can't be empty.",
    "literal_error": "Choose one of the options.",
    "int_parsing": "This must be a whole number.",
}


@dataclass
class FormState:
    """What went wrong with a form (per field, and overall) and what the user had typed."""

    errors: dict[str, str] = field(default_factory=dict)
    general: str = ""
    values: dict[str, str] = field(default_factory=dict)
    conflict: bool = False
    offer_override: bool = False


def form_errors(exc: ValidationError, fields: set[str], values: dict[str, str]) -> FormState:
    """A pydantic error as messages next to the fields it names (the rest go on the form)."""
    state = FormState(values=values)
    for err in exc.errors():
        # A union's errors are located under its tag first: ("resolved", "outcome").
        name = next((str(p) for p in err.get("loc", ()) if str(p) in fields), "")
        message = _FRIENDLY.get(err["type"], str(err["msg"]).removeprefix("Value error, "))
        # A rule over several fields (resolving needs outcome and root_cause) names them.
        named = [name] if name in fields else [f for f in sorted(fields) if _names(message, f)]
        message = message[:1].upper() + message[1:]
        for target in named:
            state.errors.setdefault(target, label(message))
        if not named and not state.general:
            state.general = message
    return state


def _names(message: str, field_name: str) -> bool:
    return re.search(rf"\b{re.escape(field_name)}\b", message) is not None


@dataclass(frozen=True)
class RiskView:
    """One risk found in a message."""

    kind: str
    evidence: str


@dataclass(frozen=True)
class MessageView:
    """A message and, for a customer's message, what the analysis found in it."""

    message: MessageOut
    body: Markup
    analysed: bool
    anger: float | None
    sentiment: float | None
    category: str
    confidence: float | None
    risks: list[RiskView]
    coach_score: int | None


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def message_view(message: MessageOut) -> MessageView:
    """A message with its evidence marked in the customer's words."""
    analysis: dict[str, Any] = message.analysis or {}
    risks = [r for r in analysis.get("risks") or [] if isinstance(r, dict)]
    category = analysis.get("category") if isinstance(analysis.get("category"), dict) else {}
    return MessageView(
        message=message,
        body=highlight(message.body, risks),
        analysed=bool(analysis),
        anger=_number(analysis.get("anger")),
        sentiment=_number(analysis.get("sentiment")),
        category=str((category or {}).get("label", "")),
        confidence=_number((category or {}).get("confidence")),
        risks=[RiskView(str(r.get("kind", "")), str(r.get("evidence", ""))) for r in risks],
        coach_score=_score(message.coach_report),
    )


def _score(report: dict[str, Any] | None) -> int | None:
    score = (report or {}).get("score")
    return int(score) if isinstance(score, int | float) else None


@dataclass(frozen=True)
class EventView:
    """One line of the history, with staff ids shown as names."""

    event: EventOut
    before: list[tuple[str, str]]
    after: list[tuple[str, str]]


def _show(key: str, value: Any, staff: dict[int, str]) -> str:
    if value is None:
        return "—"
    if key == "assignee_id" and isinstance(value, int):
        return staff.get(value, f"#{value}")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    return str(value)


def _pairs(data: dict[str, Any] | None, staff: dict[int, str]) -> list[tuple[str, str]]:
    return [(label(k), _show(k, v, staff)) for k, v in (data or {}).items()]


@dataclass(frozen=True)
class CoachPanel:
    """The coach's report on the reply being written, against the send threshold."""

    report: CoachReport
    threshold: int

    @property
    def passes(self) -> bool:
        """Whether the reply may be sent without an override."""
        return self.report.passes(self.threshold)


@dataclass(frozen=True)
class SlaClock:
    """One of the dispute's SLA clocks as the page shows it."""

    name: str
    due_at: datetime | None
    overdue: bool


def sla_clocks(detail: DisputeDetail, now: datetime) -> list[SlaClock]:
    """First response, next response and resolution due times, each marked when past."""
    clocks = (
        ("First response", detail.sla_first_response_due_at),
        ("Next response", detail.sla_next_response_due_at),
        ("Resolution", detail.sla_resolution_due_at),
    )
    return [SlaClock(name, due, due is not None and due < now) for name, due in clocks]


@dataclass(frozen=True)
class SurveyAnswerView:
    """What the customer answered in a follow-up survey."""

    rating: int
    comment: str
    answered_at: datetime


@dataclass
class DisputePage:
    """Everything the dispute page renders."""

    detail: DisputeDetail
    messages: list[MessageView]
    events: list[EventView]
    staff: list[tuple[int, str]]
    staff_names: dict[int, str]
    reopening: bool
    remedies: RemedyAnswer
    offers: list[OfferDetail]
    now: datetime
    forms: dict[str, FormState] = field(default_factory=dict)
    notice: str = ""
    coach: CoachPanel | None = None
    tone: str = "warm"
    draft_step: str = ""

    @property
    def sla(self) -> list[SlaClock]:
        """The dispute's SLA clocks."""
        return sla_clocks(self.detail, self.now)

    @property
    def allowed_remedies(self) -> list[RemedyDecision]:
        """The remedies an offer may be made with."""
        return list(self.remedies.allowed())

    def form(self, name: str) -> FormState:
        """The state of one form (empty when it has no errors)."""
        return self.forms.get(name) or FormState()

    @property
    def conflict(self) -> bool:
        """Whether a form was refused because the dispute had changed."""
        return any(f.conflict for f in self.forms.values())

    @property
    def survey_answers(self) -> list[SurveyAnswerView]:
        """The customer's answers to this dispute's surveys, newest first (from its history)."""
        answers = []
        for view in self.events:
            after = view.event.after or {}
            if view.event.kind == "survey.completed" and isinstance(after.get("rating"), int):
                comment = after.get("comment")
                answers.append(
                    SurveyAnswerView(
                        after["rating"],
                        comment if isinstance(comment, str) else "",
                        view.event.created_at,
                    )
                )
        return answers

    @property
    def assignee_name(self) -> str:
        """Who holds the dispute, or 'Unassigned'."""
        if self.detail.assignee_id is None:
            return "Unassigned"
        return self.staff_names.get(self.detail.assignee_id, f"#{self.detail.assignee_id}")


def load_page(*, session: Session, dispute_id: int, now: datetime) -> DisputePage:
    """Read the dispute, its conversation, records and history through the services."""
    detail = dispute_detail(conn=session.connection(), dispute_id=dispute_id, now=now)
    users = list_users(session=session)
    names = {u.id: u.display_name for u in users}
    events = list_events(session=session, dispute_id=dispute_id, after_id=None, limit=EVENT_LIMIT)
    return DisputePage(
        detail=detail,
        messages=[message_view(m) for m in detail.messages],
        events=[
            EventView(EventOut.model_validate(e), _pairs(e.before, names), _pairs(e.after, names))
            for e in reversed(events)
        ],
        staff=[(u.id, u.display_name) for u in users if u.is_active],
        staff_names=names,
        reopening=detail.status in ("resolved", "closed"),
        remedies=remedies_for(session=session, dispute_id=dispute_id, now=now),
        offers=[
            OfferDetail.model_validate(o)
            for o in list_offers(session=session, dispute_id=dispute_id)
        ],
        now=now,
    )


CHOICES = {
    "outcomes": OUTCOMES,
    "root_causes": ROOT_CAUSES,
    "levels": ESCALATION_LEVELS,
    "tones": ("warm", "formal"),
}

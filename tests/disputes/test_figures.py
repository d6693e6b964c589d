"""The per-dispute figures the reports read follow every change, as the audit trail says."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.analytics.agents import deescalation
from disputedesk.analytics.friction import policy_friction
from disputedesk.analytics.results import escalations, reopens
from disputedesk.channels.import_mapping import load_mapping
from disputedesk.channels.importer import import_file
from disputedesk.config import get_settings
from disputedesk.disputes.figures import RESPONSE_KINDS
from disputedesk.disputes.models import Dispute, Offer
from disputedesk.workflow.models import Job
from disputedesk.workflow.worker import run_pending
from tests.channels.test_import_export import ROOT
from tests.conftest import Clock, StaffMember
from tests.factories import make_dispute, survey_link_sent
from tests.remedies.test_offers_api import _delivered_dispute

FIGURES = (
    "first_response_at",
    "last_escalated_at",
    "last_reopened_at",
    "reopen_count",
    "customer_replies",
    "survey_answers",
    "survey_rating_sum",
)


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", "figures-test-secret-" + "z" * 20)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _figures(factory: sessionmaker[Session], dispute_id: int) -> dict[str, Any]:
    with factory() as s:
        dispute = s.get(Dispute, dispute_id)
        assert dispute is not None
        return {name: getattr(dispute, name) for name in FIGURES}


def _from_trail(client: TestClient, dispute_id: int) -> dict[str, Any]:
    """The figures recomputed from the dispute's events, the way the reports used to."""
    events = client.get(f"/api/v1/disputes/{dispute_id}/events?limit=500").json()["items"]

    def times(*kinds: str) -> list[datetime]:
        return [datetime.fromisoformat(e["created_at"]) for e in events if e["kind"] in kinds]

    ratings = [e["after"]["rating"] for e in events if e["kind"] == "survey.completed"]
    return {
        "first_response_at": min(times(*RESPONSE_KINDS), default=None),
        "last_escalated_at": max(times("dispute.escalated"), default=None),
        "last_reopened_at": max(times("dispute.reopened"), default=None),
        "reopen_count": len(times("dispute.reopened")),
        "customer_replies": len(times("message.received")),
        "survey_answers": len(ratings),
        "survey_rating_sum": sum(ratings),
    }


def _post(client: TestClient, dispute_id: int, path: str, **body: Any) -> None:
    version = client.get(f"/api/v1/disputes/{dispute_id}").json()["version"]
    response = client.post(
        f"/api/v1/disputes/{dispute_id}/{path}", json={"version": version, **body}
    )
    assert response.status_code in (200, 201), response.text


def _message(client: TestClient, dispute_id: int, direction: str, body: str) -> None:
    extra = {"override_reason": "test reply"} if direction == "outbound" else {}
    response = client.post(
        f"/api/v1/disputes/{dispute_id}/messages",
        json={"direction": direction, "body": body, **extra},
    )
    assert response.status_code == 201, response.text


def _resolve(client: TestClient, dispute_id: int, **extra: Any) -> None:
    _post(
        client,
        dispute_id,
        "transitions",
        to="resolved",
        outcome="explained",
        root_cause="courier_delay",
        **extra,
    )


def test_figures_follow_replies_escalations_resolution_and_reopen(
    agent_client: TestClient, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    dispute = make_dispute(agent_client, description="My parcel is late, where is it?")
    d = dispute["id"]
    opened = clock.now
    assert _figures(session_factory, d) == _from_trail(agent_client, d)
    assert _figures(session_factory, d)["first_response_at"] is None
    clock.advance(minutes=10)
    _message(agent_client, d, "outbound", "Sorry about the wait. I am checking with the courier.")
    answered = clock.now
    clock.advance(minutes=10)
    _message(agent_client, d, "inbound", "Thank you, any news yet?")
    clock.advance(minutes=10)
    _post(agent_client, d, "transitions", to="investigating")
    clock.advance(minutes=10)
    _post(agent_client, d, "escalation", level="supervisor", reason="Asked for a manager")
    clock.advance(minutes=10)
    _post(agent_client, d, "escalation", level="manager", reason="Legal threat")
    escalated = clock.now
    clock.advance(minutes=10)
    _resolve(agent_client, d, send_survey=False, no_survey_reason="test")
    clock.advance(days=1)
    _post(agent_client, d, "transitions", to="investigating", reason="Parcel never came")
    reopened = clock.now
    clock.advance(hours=2)
    _resolve(agent_client, d, send_survey=False, no_survey_reason="test")
    figures = _figures(session_factory, d)
    assert figures == _from_trail(agent_client, d)
    assert figures["first_response_at"] == answered > opened
    assert figures["last_escalated_at"] == escalated
    assert (figures["reopen_count"], figures["last_reopened_at"]) == (1, reopened)
    assert figures["customer_replies"] == 1
    with session_factory() as s:
        period = {"since": opened, "until": clock.now, "now": clock.now}
        esc = escalations(session=s, **period)
        assert (esc.escalated, [(c.key, c.count) for c in esc.by_level]) == (
            1,
            [("manager", 1), ("supervisor", 1)],
        )
        again = reopens(session=s, **period)
        assert (again.resolved, again.reopened) == (1, 1)


def _answer_follow_up(
    client: TestClient, clock: Clock, factory: sessionmaker[Session], dispute_id: int, rating: int
) -> None:
    with factory() as s:
        due = s.scalar(
            select(Job.due_at)
            .where(Job.dispute_id == dispute_id, Job.status == "pending")
            .order_by(Job.id.desc())
        )
    assert due is not None
    clock.now = max(clock.now, due)
    run_pending(factory, now=clock.now, worker="test")
    link = survey_link_sent(factory, dispute_id)
    done = client.post(link, data={"rating": str(rating)})
    assert done.status_code == 200, done.text


def test_survey_answers_count_every_round_and_a_low_rating_reopens(
    agent_client: TestClient,
    clock: Clock,
    session_factory: sessionmaker[Session],
    staff: dict[str, StaffMember],
) -> None:
    opened = clock.now
    d = make_dispute(agent_client, description="I was charged twice for one order.")["id"]
    _post(agent_client, d, "assignment", assignee_id=staff["agent"].id)
    clock.advance(minutes=5)
    _resolve(agent_client, d)
    _answer_follow_up(agent_client, clock, session_factory, d, 2)
    low = _figures(session_factory, d)
    assert low == _from_trail(agent_client, d)
    # The low rating reopened and escalated the dispute, both counted.
    assert (low["survey_answers"], low["survey_rating_sum"], low["reopen_count"]) == (1, 2, 1)
    assert low["last_escalated_at"] == low["last_reopened_at"] == clock.now
    clock.advance(hours=1)
    _resolve(agent_client, d)
    _answer_follow_up(agent_client, clock, session_factory, d, 5)
    final = _figures(session_factory, d)
    assert final == _from_trail(agent_client, d)
    assert (final["survey_answers"], final["survey_rating_sum"], final["reopen_count"]) == (2, 7, 1)
    with session_factory() as s:
        report = deescalation(session=s, since=opened, until=clock.now, now=clock.now)
    (agent,) = report.agents
    assert (agent.agent_id, agent.csat, agent.csat_surveys) == (staff["agent"].id, 3.5, 2)


def test_offers_follow_their_dispute_for_policy_friction(
    agent_client: TestClient, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    opened = clock.now
    d = _delivered_dispute(agent_client, clock, days_ago=10, amount=5_000)["id"]
    clock.advance(minutes=5)
    _post(agent_client, d, "escalation", level="supervisor", reason="Wants it sorted today")
    clock.advance(minutes=5)
    made = agent_client.post(
        f"/api/v1/disputes/{d}/offers", json={"remedy": "refund_full", "amount_minor": 5_000}
    )
    assert made.status_code == 201, made.text
    offer = made.json()
    period = {"since": opened, "until": clock.now + timedelta(days=3), "now": clock.now}

    def friction() -> tuple[int, int, int]:
        with session_factory() as s:
            report = policy_friction(session=s, **period)
        (clause,) = [c for c in report.clauses if c.clause_id == offer["clause_id"]]
        return clause.offers, clause.escalated, clause.reopened

    assert friction() == (1, 0, 0)  # escalated before the offer: not after it
    clock.advance(minutes=5)
    agent_client.post(f"/api/v1/offers/{offer['id']}/answer", json={"accept": True})
    clock.advance(minutes=5)
    _resolve(agent_client, d, send_survey=False, no_survey_reason="test")
    clock.advance(hours=1)
    _post(agent_client, d, "transitions", to="investigating", reason="Refund never arrived")
    assert friction() == (1, 0, 1)
    clock.advance(minutes=5)
    _post(agent_client, d, "escalation", level="manager", reason="Refund never arrived")
    assert friction() == (1, 1, 1)
    with session_factory() as s:
        stored = s.get(Offer, offer["id"])
        dispute = s.get(Dispute, d)
        assert stored is not None
        assert dispute is not None
        assert (stored.dispute_escalated_at, stored.dispute_reopened_at) == (
            dispute.last_escalated_at,
            dispute.last_reopened_at,
        )


def test_imported_history_gets_its_figures_from_its_events(
    session_factory: sessionmaker[Session], clock: Clock, tmp_path: Path
) -> None:
    mapping = load_mapping(ROOT / "examples" / "disputedesk_jsonl_mapping.yaml")
    rows = [
        {"id": 1, "subject": "Late", "description": "Where is my parcel?", "status": "resolved",
         "outcome": "explained", "created_at": "2026-01-02T03:04:05+00:00",
         "resolved_at": "2026-01-04T03:04:05+00:00", "customer_email": "x@example.com"},
        {"id": 2, "subject": "Late", "description": "Where is my parcel?", "status": "new",
         "created_at": "2026-01-02T03:04:05+00:00", "customer_email": "x@example.com"},
    ]  # fmt: skip
    file = tmp_path / "in.jsonl"
    file.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    report = import_file(factory=session_factory, path=file, mapping=mapping, clock=clock)
    assert report.imported == 2
    with session_factory() as s:
        done, waiting = s.scalars(select(Dispute).order_by(Dispute.id)).all()
        # The imported resolution is the first move along the lifecycle: the first response.
        assert done.first_response_at == done.resolved_at
        assert waiting.first_response_at is None
        assert (done.reopen_count, done.customer_replies) == (0, 0)

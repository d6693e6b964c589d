"""The workflow running by itself on real disputes: priority, SLA clocks, escalation, follow-ups."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.channels.models import OutboxMail
from disputedesk.config import get_settings
from disputedesk.workflow.followups import answer_survey
from disputedesk.workflow.models import Job, Survey
from disputedesk.workflow.worker import run_pending
from tests.conftest import Clock
from tests.factories import make_dispute, survey_link_sent

CALM = "Hello, my parcel has not arrived yet. Could you check where it is? Thanks."


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", "workflow-test-secret-" + "y" * 20)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _get(client: TestClient, dispute_id: int) -> dict[str, Any]:
    data: dict[str, Any] = client.get(f"/api/v1/disputes/{dispute_id}").json()
    return data


def _kinds(client: TestClient, dispute_id: int) -> list[str]:
    items = client.get(f"/api/v1/disputes/{dispute_id}/events").json()["items"]
    return [e["kind"] for e in items]


def _move(client: TestClient, dispute_id: int, to: str, **extra: Any) -> dict[str, Any]:
    version = _get(client, dispute_id)["version"]
    response = client.post(
        f"/api/v1/disputes/{dispute_id}/transitions", json={"to": to, "version": version, **extra}
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _reply(client: TestClient, dispute_id: int, direction: str, body: str) -> None:
    response = client.post(
        f"/api/v1/disputes/{dispute_id}/messages",
        json={"direction": direction, "body": body, "override_reason": "test"},
    )
    assert response.status_code == 201, response.text


def test_priority_is_computed_on_intake_with_reasons(agent_client: TestClient) -> None:
    calm = make_dispute(agent_client, description=CALM)
    angry = make_dispute(
        agent_client,
        description="I will take you to court and report you to the FTC. This is the THIRD "
        "time I'm writing!!! I want a manager NOW.",
        amount_minor=250_000,
    )
    assert calm["priority"] in ("low", "normal")
    assert angry["priority"] == "urgent"
    assert angry["priority_reasons"]
    assert any("legal" in r for r in angry["priority_reasons"])
    assert angry["escalation_level"] == "manager"
    assert "legal" in angry["flags"]


def test_staff_override_sticks_and_is_an_event(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    response = agent_client.patch(
        f"/api/v1/disputes/{dispute['id']}",
        json={"version": dispute["version"], "priority": "urgent"},
    )
    assert response.status_code == 200
    assert response.json()["priority_overridden"] is True
    _reply(agent_client, dispute["id"], "inbound", "Any news? I'm a bit worried.")
    assert _get(agent_client, dispute["id"])["priority"] == "urgent"


def test_sla_pauses_while_awaiting_the_customer_and_resumes_on_reply(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    opened = _get(agent_client, dispute["id"])
    assert opened["sla_first_response_due_at"] is not None
    assert opened["sla_resolution_due_at"] is not None
    first_due = datetime.fromisoformat(opened["sla_resolution_due_at"])
    clock.advance(hours=1)
    _move(agent_client, dispute["id"], "acknowledged")
    _move(agent_client, dispute["id"], "awaiting_customer")
    paused = _get(agent_client, dispute["id"])
    assert paused["sla_paused"] is True
    assert paused["sla_resolution_due_at"] is None
    clock.advance(hours=3)
    _reply(agent_client, dispute["id"], "inbound", "Here is the tracking number you asked for.")
    resumed = _get(agent_client, dispute["id"])
    assert resumed["status"] == "investigating"
    assert resumed["sla_paused"] is False
    new_due = datetime.fromisoformat(resumed["sla_resolution_due_at"])
    assert new_due > first_due  # the three paused business hours do not count


def test_agent_reply_meets_the_first_response_target(
    agent_client: TestClient, clock: Clock
) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    clock.advance(minutes=30)
    _reply(agent_client, dispute["id"], "outbound", "Thanks, I'm checking with the courier today.")
    assert _get(agent_client, dispute["id"])["sla_first_response_due_at"] is None


def test_breach_is_recorded_once_and_escalates(
    agent_client: TestClient, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    due = datetime.fromisoformat(_get(agent_client, dispute["id"])["sla_first_response_due_at"])
    clock.now = due.replace(microsecond=0)
    clock.advance(minutes=-30)
    run_pending(session_factory, now=clock.now, worker="test")
    assert _kinds(agent_client, dispute["id"])[-1] == "sla.near_breach"
    assert _get(agent_client, dispute["id"])["escalation_level"] == "none"
    clock.advance(minutes=31)
    run_pending(session_factory, now=clock.now, worker="test")
    run_pending(session_factory, now=clock.now, worker="test")
    kinds = _kinds(agent_client, dispute["id"])
    assert kinds.count("sla.breached") == 1
    assert kinds.count("sla.near_breach") == 1
    after = _get(agent_client, dispute["id"])
    assert after["sla_breached"] is True
    assert after["escalation_level"] == "supervisor"


def test_reopened_dispute_gets_a_fresh_clock(agent_client: TestClient, clock: Clock) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    _move(agent_client, dispute["id"], "investigating")
    _move(
        agent_client,
        dispute["id"],
        "resolved",
        outcome="explained",
        root_cause="courier_delay",
        send_survey=False,
        no_survey_reason="customer asked not to be contacted",
    )
    clock.advance(days=30)
    reopened = _move(agent_client, dispute["id"], "investigating", reason="parcel never came")
    assert reopened["sla_breached"] is False
    due = datetime.fromisoformat(reopened["sla_resolution_due_at"])
    assert due > clock.now


def test_resolving_without_survey_needs_a_reason(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    version = dispute["version"]
    response = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/transitions",
        json={
            "to": "resolved",
            "version": version,
            "outcome": "withdrawn",
            "root_cause": "other",
            "send_survey": False,
        },
    )
    assert response.status_code == 422
    assert "no_survey_reason" in response.json()["detail"]


def test_follow_up_survey_runs_by_itself_and_a_low_rating_reopens(
    agent_client: TestClient, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    dispute = make_dispute(agent_client, description=CALM)
    _move(agent_client, dispute["id"], "investigating")
    _move(agent_client, dispute["id"], "resolved", outcome="remedied", root_cause="courier_delay")
    with session_factory() as s:
        job = s.scalar(select(Job).where(Job.dispute_id == dispute["id"], Job.kind == "follow_up"))
        assert job is not None
        assert job.due_at > clock.now
    run_pending(session_factory, now=clock.now, worker="test")
    assert "follow_up.sent" not in _kinds(agent_client, dispute["id"])  # not due yet
    clock.now = job.due_at
    run_pending(session_factory, now=clock.now, worker="test")
    events = agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    sent = [e for e in events if e["kind"] == "follow_up.sent"]
    assert len(sent) == 1
    with session_factory() as s:
        mail = s.scalar(select(OutboxMail).where(OutboxMail.dispute_id == dispute["id"]))
        assert mail is not None  # the survey goes to the customer by email
        assert mail.to_addr.endswith("@example.com")
    token = survey_link_sent(session_factory, dispute["id"]).rsplit("/", 1)[1]
    # The history names the survey but never holds its link: staff cannot answer for the customer.
    assert sent[0]["after"]["survey_id"] > 0
    assert token not in json.dumps(events)
    with session_factory() as s, s.begin():
        survey = answer_survey(
            session=s, token=token, rating=1, comment="Still broken", now=clock.now
        )
        assert survey.rating == 1
    after = _get(agent_client, dispute["id"])
    assert after["status"] == "investigating"
    assert after["escalation_level"] == "supervisor"
    with session_factory() as s, s.begin(), pytest.raises(Exception, match="already been answered"):
        answer_survey(session=s, token=token, rating=5, comment=None, now=clock.now)
    with session_factory() as s:
        assert (
            s.scalar(select(Survey.comment).where(Survey.dispute_id == dispute["id"]))
            == "Still broken"
        )


def test_queue_sorts_by_sla_due_time(agent_client: TestClient, clock: Clock) -> None:
    later = make_dispute(agent_client, description=CALM)
    clock.advance(minutes=5)
    urgent = make_dispute(
        agent_client, description="I'm going to sue you. I want my money back today!"
    )
    page = agent_client.get("/api/v1/disputes", params={"sort": "sla", "limit": 200}).json()[
        "items"
    ]
    ids = [d["id"] for d in page]
    assert ids.index(urgent["id"]) < ids.index(later["id"])

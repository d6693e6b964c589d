"""Survey links: opening one records nothing; only submitting does, once; forged links fail."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.config import get_settings
from disputedesk.workflow.models import Job, Survey
from disputedesk.workflow.worker import run_pending
from tests.conftest import Clock
from tests.factories import make_dispute, survey_link_sent


@pytest.fixture(autouse=True)
def _secret(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", "survey-test-secret-" + "z" * 20)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def survey_link(
    agent_client: TestClient, clock: Clock, session_factory: sessionmaker[Session]
) -> tuple[int, str]:
    dispute = make_dispute(agent_client, description="My parcel is late, can you check?")
    for to, extra in (
        ("investigating", {}),
        ("resolved", {"outcome": "explained", "root_cause": "courier_delay"}),
    ):
        version = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["version"]
        agent_client.post(
            f"/api/v1/disputes/{dispute['id']}/transitions",
            json={"to": to, "version": version, **extra},
        )
    with session_factory() as s:
        due = s.scalar(select(Job.due_at).where(Job.dispute_id == dispute["id"]))
    assert due is not None
    clock.now = due
    run_pending(session_factory, now=clock.now, worker="test")
    return dispute["id"], survey_link_sent(session_factory, dispute["id"])


def test_opening_the_link_records_nothing(
    app_client: TestClient, survey_link: tuple[int, str], session_factory: sessionmaker[Session]
) -> None:
    dispute_id, link = survey_link
    for _ in range(3):  # a mail scanner following the link
        page = app_client.get(link)
        assert page.status_code == 200
        assert "How did we do?" in page.text
    api = app_client.get("/api/v1" + link.replace("/survey/", "/surveys/"))
    assert api.status_code == 200
    assert api.json()["rating"] is None
    with session_factory() as s:
        assert s.scalar(select(Survey.answered_at).where(Survey.dispute_id == dispute_id)) is None


def test_submitting_records_once(app_client: TestClient, survey_link: tuple[int, str]) -> None:
    _, link = survey_link
    missing = app_client.post(link, data={"comment": "no rating"})
    assert missing.status_code == 422
    assert "Choose a rating" in missing.text
    done = app_client.post(link, data={"rating": "5", "comment": "Great <b>help</b>"})
    assert done.status_code == 200
    assert "recorded" in done.text
    again = app_client.post(link, data={"rating": "1"})
    assert again.status_code == 409
    assert app_client.get("/api/v1" + link.replace("/survey/", "/surveys/")).json()["rating"] == 5


def test_forged_or_tampered_links_fail(
    app_client: TestClient, survey_link: tuple[int, str]
) -> None:
    _, link = survey_link
    tampered = link[:-3] + ("aaa" if not link.endswith("aaa") else "bbb")
    assert app_client.get(tampered).status_code == 404
    assert (
        app_client.post(
            "/api/v1" + tampered.replace("/survey/", "/surveys/"), json={"rating": 5}
        ).status_code
        == 404
    )

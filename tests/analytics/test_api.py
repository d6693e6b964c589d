"""GET /api/v1/reports: staff only, per-agent figures for supervisors and above."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from disputedesk.analytics.service import REPORTS
from tests.analytics.conftest import Data, at
from tests.conftest import StaffMember


def test_reports_need_a_signed_in_member_of_staff(app_client: TestClient) -> None:
    response = app_client.get("/api/v1/reports/volume")
    assert response.status_code == 401
    assert app_client.get("/api/v1/reports").status_code == 401


def test_an_agent_reads_every_report_but_the_per_agent_one(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    headers = staff["agent"].headers
    listing = app_client.get("/api/v1/reports", headers=headers).json()
    assert [r["name"] for r in listing] == list(REPORTS)
    assert {r["name"]: r["minimum_role"] for r in listing}["deescalation"] == "supervisor"
    for name in REPORTS:
        response = app_client.get(f"/api/v1/reports/{name}?since=30d", headers=headers)
        if name == "deescalation":
            assert response.status_code == 403
            assert response.json()["code"] == "forbidden"
        else:
            assert response.status_code == 200, response.text
            assert response.json()["report"] == name


def test_supervisors_and_managers_read_deescalation(
    app_client: TestClient, staff: dict[str, StaffMember], data: Data, session: Session
) -> None:
    data.dispute(at(days=12), assignee_id=staff["agent"].id, first_anger=0.5, current_anger=0.5)
    session.commit()
    for role in ("supervisor", "manager", "admin"):
        response = app_client.get(
            "/api/v1/reports/deescalation?since=30d", headers=staff[role].headers
        )
        assert response.status_code == 200, response.text
        agents = response.json()["agents"]
        assert [(a["agent_name"], a["disputes"], a["csat"]) for a in agents] == [
            ("agent1", 1, None)
        ]


def test_the_period_comes_from_since_and_until(
    app_client: TestClient, staff: dict[str, StaffMember], data: Data, session: Session
) -> None:
    data.dispute(at(), category="billing")  # 2026-10-20; the app's clock is at 2026-11-02
    session.commit()
    headers = staff["agent"].headers
    recent = app_client.get("/api/v1/reports/volume?since=7d", headers=headers).json()
    assert recent["total"] == 0
    month = app_client.get(
        "/api/v1/reports/volume?since=2026-10-01&until=2026-10-31&bucket=week", headers=headers
    ).json()
    assert month["total"] == 1
    assert month["bucket"] == "week"
    assert month["since"].startswith("2026-10-01T00:00:00")


def test_unknown_reports_and_unreadable_periods_are_explained(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    headers = staff["agent"].headers
    missing = app_client.get("/api/v1/reports/nonsense", headers=headers)
    assert missing.status_code == 404
    assert "volume" in missing.json()["detail"]
    bad = app_client.get("/api/v1/reports/volume?since=lately", headers=headers)
    assert bad.status_code == 422
    assert bad.json()["field"] == "since"
    assert app_client.get("/api/v1/reports/volume?bucket=year", headers=headers).status_code == 422

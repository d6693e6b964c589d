"""The /desk/reports dashboard: charts under the strict CSP, escaped text, role-aware sections."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.config import Settings
from tests.analytics.conftest import Data, at
from tests.conftest import Clock, StaffMember
from tests.web.conftest import sign_in, web_app

HOSTILE = '<img src=x onerror="alert(1)"> parcel courier lost'


@pytest.fixture
def web(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> Iterator[TestClient]:
    """A browser-like client of the app with the web UI."""
    with TestClient(web_app(settings, session_factory, clock), base_url="http://testserver") as c:
        yield c


@pytest.fixture
def filled(data: Data, session: Session, staff: dict[str, StaffMember]) -> Data:
    """Disputes whose customer text and escalation reason carry markup."""
    for i in range(8):
        d = data.dispute(
            at(days=5, hours=i),
            subject=HOSTILE,
            description=f"{HOSTILE} again {i}",
            assignee_id=staff["agent"].id,
        )
        data.event(
            d,
            "dispute.escalated",
            at(days=5, hours=i, minutes=5),
            {"escalation_level": "supervisor", "reason": "<b>shouted</b>"},
        )
    for i in range(8):
        data.dispute(
            at(days=6, hours=i), subject="Charged twice", description="invoice billed twice card"
        )
    session.commit()
    return data


def test_the_dashboard_needs_a_signed_in_user(web: TestClient) -> None:
    response = web.get("/desk/reports", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/login")


def test_dashboard_shows_svg_charts_under_the_strict_csp(
    web: TestClient, staff: dict[str, StaffMember], filled: Data
) -> None:
    sign_in(web, staff["agent"].username)
    page = web.get("/desk/reports?since=30d")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "unsafe-inline" not in csp
    assert "style-src 'self'" in csp
    html = page.text
    assert html.count("<svg") >= 5
    assert 'href="/desk/reports/reports.css"' in html
    assert not re.search(r"<style|<script(?! src=)|\sstyle=|\son\w+=", html)
    assert 'aria-current="page">Reports' in html
    assert "&lt;b&gt;shouted&lt;/b&gt;" in html
    assert "<img" not in html
    assert "alert, courier, img, lost, onerror" in html  # top terms, from customer text
    assert "De-escalation per agent</h2>" not in html
    assert "shown to supervisors" in html
    css = web.get("/desk/reports/reports.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")


def test_supervisors_see_deescalation_per_agent(
    web: TestClient, staff: dict[str, StaffMember], filled: Data
) -> None:
    sign_in(web, staff["supervisor"].username)
    html = web.get("/desk/reports?since=90d&bucket=week").text
    assert "De-escalation per agent</h2>" in html
    assert '<th scope="row">agent1</th>' in html


def test_an_unreadable_period_falls_back_to_thirty_days(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    sign_in(web, staff["agent"].username)
    page = web.get("/desk/reports?since=%3Cscript%3E")
    assert page.status_code == 200
    assert "<script>" not in page.text
    assert '<option value="30d" selected>' in page.text


def test_downloads_are_attachments_and_the_html_one_has_its_own_csp(
    web: TestClient, staff: dict[str, StaffMember], filled: Data
) -> None:
    sign_in(web, staff["agent"].username)
    page = web.get("/desk/reports/export?format=html&since=30d")
    assert page.status_code == 200
    assert page.headers["content-disposition"].startswith("attachment;")
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert "<svg" in page.text
    assert "<img" not in page.text
    csv_file = web.get("/desk/reports/export?format=csv&since=30d")
    assert csv_file.headers["content-type"].startswith("text/csv")
    assert "volume,Disputes by category" in csv_file.text
    body = web.get("/desk/reports/export?format=json&since=30d").json()
    assert "deescalation" not in body["reports"]

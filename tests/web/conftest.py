"""Fixtures for the staff pages: an app with the web UI mounted, signed-in clients, data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.app import create_app
from disputedesk.config import Settings
from tests.conftest import PASSWORD, Clock, StaffMember

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def web_app(settings: Settings, factory: sessionmaker[Session], clock: Clock) -> FastAPI:
    """The app with its staff pages, on the test database and clock."""
    return create_app(settings=settings, session_factory=factory, clock=clock)


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    match = _CSRF.search(html)
    assert match, "no csrf_token field on the page"
    return match.group(1)


@dataclass
class Desk:
    """A browser-like client signed in as one member of staff, and an API client beside it."""

    client: TestClient
    api: TestClient
    csrf: str
    member: StaffMember

    def post(self, url: str, data: dict[str, str], *, htmx: bool = False) -> httpx.Response:
        """POST a form with the session's CSRF token, as the page would."""
        headers = {"HX-Request": "true", "HX-Target": "dispute-page"} if htmx else {}
        response: httpx.Response = self.client.post(
            url, data={"csrf_token": self.csrf, **data}, headers=headers, follow_redirects=False
        )
        return response


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through the login form; returns the session's CSRF token."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_of(page.text),
            "next": "/desk",
        },
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
    return csrf_of(client.get("/desk").text)


@pytest.fixture
def web(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> Iterator[TestClient]:
    """An anonymous browser-like client of the app with the web UI."""
    app = web_app(settings, session_factory, clock)
    with TestClient(app, base_url="http://testserver") as client:
        yield client


@pytest.fixture
def api(web: TestClient, staff: dict[str, StaffMember]) -> TestClient:
    """An API client (bearer token of the agent) on the same app, to arrange data."""
    client = TestClient(web.app, base_url="http://testserver")
    client.headers.update(staff["agent"].headers)
    return client


@pytest.fixture
def desk(web: TestClient, api: TestClient, staff: dict[str, StaffMember]) -> Desk:
    """The web client signed in as the agent."""
    csrf = sign_in(web, staff["agent"].username)
    return Desk(client=web, api=api, csrf=csrf, member=staff["agent"])

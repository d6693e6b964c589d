"""Signing in and out, redirects for visitors, and CSRF on every form."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from disputedesk.web.session import safe_next
from tests.conftest import StaffMember
from tests.web.conftest import Desk, csrf_of, sign_in


def _login(
    client: TestClient, username: str, password: str, next_target: str = "/desk"
) -> httpx.Response:
    page = client.get("/login")
    response: httpx.Response = client.post(
        "/login",
        data={
            "username": username,
            "password": password,
            "csrf_token": csrf_of(page.text),
            "next": next_target,
        },
        follow_redirects=False,
    )
    return response


def test_home_sends_visitors_to_login_and_staff_to_the_desk(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    assert web.get("/", follow_redirects=False).headers["location"] == "/login"
    sign_in(web, "agent1")
    assert web.get("/", follow_redirects=False).headers["location"] == "/desk"


def test_login_sets_an_httponly_lax_session_cookie_and_redirects_to_next(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    response = _login(web, "agent1", "correct horse battery", "/desk?status=any")
    assert response.status_code == 303
    assert response.headers["location"] == "/desk?status=any"
    cookie = response.headers["set-cookie"].lower()
    assert "dd_session=" in cookie
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    page = web.get("/desk")
    assert page.status_code == 200
    assert "Signed in as" in page.text


def test_wrong_password_shows_the_form_again_without_a_session(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    response = _login(web, "agent1", "not the password")
    assert response.status_code == 401
    assert "Wrong username or password" in response.text
    assert web.get("/desk", follow_redirects=False).status_code == 303


def test_login_form_without_its_token_is_refused(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    response = web.post(
        "/login",
        data={"username": "agent1", "password": "correct horse battery", "csrf_token": "x"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "dd_session" not in response.headers.get("set-cookie", "")


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""],
)
def test_next_never_leaves_the_site(
    web: TestClient, staff: dict[str, StaffMember], target: str
) -> None:
    response = _login(web, "agent1", "correct horse battery", target)
    assert response.headers["location"] == "/desk"


def test_safe_next_keeps_relative_paths() -> None:
    assert safe_next("/desk/disputes/3?done=reply") == "/desk/disputes/3?done=reply"
    assert safe_next("/desk\r\nSet-Cookie: x=1") == "/desk"


def test_pages_redirect_visitors_to_login_remembering_where_they_were(web: TestClient) -> None:
    response = web.get("/desk/disputes/7?done=reply", follow_redirects=False)
    assert response.status_code == 303
    location = urlsplit(response.headers["location"])
    assert location.path == "/login"
    assert parse_qs(location.query)["next"] == ["/desk/disputes/7?done=reply"]


def test_htmx_requests_of_visitors_are_told_to_navigate_to_login(web: TestClient) -> None:
    response = web.get("/desk", headers={"HX-Request": "true"}, follow_redirects=False)
    assert response.headers["hx-redirect"].startswith("/login?next=")


def test_logout_needs_the_csrf_token_then_ends_the_session(desk: Desk) -> None:
    refused = desk.client.post("/logout", follow_redirects=False)
    assert refused.status_code == 403
    assert desk.client.get("/desk").status_code == 200
    done = desk.client.post("/logout", data={"csrf_token": desk.csrf}, follow_redirects=False)
    assert done.status_code == 303
    assert done.headers["location"] == "/login"
    assert desk.client.get("/desk", follow_redirects=False).status_code == 303


def test_the_session_cookie_alone_cannot_post_a_form(desk: Desk) -> None:
    dispute = desk.api.post(
        "/api/v1/disputes",
        json={
            "customer_id": desk.api.post("/api/v1/customers", json={"name": "Ann"}).json()["id"],
            "subject": "Late parcel",
            "description": "Where is my parcel?",
        },
    ).json()
    url = f"/desk/disputes/{dispute['id']}/messages"
    no_token = desk.client.post(url, data={"direction": "note", "body": "hello"})
    assert no_token.status_code == 403
    wrong = desk.client.post(url, data={"direction": "note", "body": "x", "csrf_token": "nope"})
    assert wrong.status_code == 403
    by_header = desk.client.post(
        url,
        data={"direction": "note", "body": "sent by htmx"},
        headers={"X-CSRF-Token": desk.csrf, "HX-Request": "true", "HX-Target": "dispute-page"},
    )
    assert by_header.status_code == 200
    assert "sent by htmx" in by_header.text
    messages = desk.api.get(f"/api/v1/disputes/{dispute['id']}/messages").json()
    assert [m["body"] for m in messages if m["direction"] == "note"] == ["sent by htmx"]


def test_pages_carry_the_csrf_token_for_htmx_and_the_strict_csp(desk: Desk) -> None:
    page = desk.client.get("/desk")
    assert f'"X-CSRF-Token": "{desk.csrf}"' in page.text
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "<script>" not in page.text
    assert "style=" not in page.text

"""Security headers on every kind of response; session cookies; CSRF on every unsafe route."""

from __future__ import annotations

from collections.abc import Iterator
from http.cookies import SimpleCookie

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.app import create_app
from disputedesk.auth.models import StaffSession
from disputedesk.config import Settings
from tests.conftest import PASSWORD, Clock, StaffMember
from tests.factories import make_dispute
from tests.security.test_authorization_matrix import app_routes
from tests.web.conftest import csrf_of, sign_in

BASELINE = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": ("same-origin", "no-referrer"),
    "cross-origin-opener-policy": "same-origin",
}
CSP_MUST = (
    "default-src 'self'",
    "script-src 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)
# Routes a cross-site form could not forge anyway: a secret in the URL or a signature, or the
# login form, which has its own double-submit token (tested below).
NOT_SESSION_ROUTES = ("/login", "/survey/", "/portal/", "/api/v1/auth/login")
NOT_SESSION_API = ("/api/v1/chargebacks", "/api/v1/surveys/", "/api/v1/portal/")


@pytest.fixture
def app(settings: Settings, session_factory: sessionmaker[Session], clock: Clock) -> FastAPI:
    return create_app(settings=settings, session_factory=session_factory, clock=clock)


@pytest.fixture
def https(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver") as client:
        yield client


@pytest.fixture
def plain(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as client:
        yield client


def _cookie(response: httpx.Response, name: str) -> str:
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(f"{name}="):
            return header
    raise AssertionError(f"no {name} cookie set; got {response.headers.get_list('set-cookie')}")


def _attrs(header: str) -> dict[str, str]:
    jar: SimpleCookie = SimpleCookie()
    jar.load(header)
    morsel = next(iter(jar.values()))
    attrs = {k: str(v) for k, v in morsel.items() if v}
    # SimpleCookie drops valueless flags it knows; keep them from the raw header.
    for flag in ("httponly", "secure"):
        if any(part.strip().lower() == flag for part in header.split(";")):
            attrs[flag] = "true"
    return attrs


def _assert_headers(response: httpx.Response, where: str) -> None:
    for name, wanted in BASELINE.items():
        got = response.headers.get(name)
        allowed = wanted if isinstance(wanted, tuple) else (wanted,)
        assert got in allowed, f"{where}: {name} is {got!r}"
    csp = response.headers.get("content-security-policy", "")
    for part in CSP_MUST:
        assert part in csp, f"{where}: CSP lacks {part!r}: {csp!r}"
    assert "unsafe-inline" not in csp, f"{where}: CSP allows inline code"
    assert "unsafe-eval" not in csp, f"{where}: CSP allows eval"


def test_headers_on_pages_api_static_and_errors(
    https: TestClient, staff: dict[str, StaffMember]
) -> None:
    agent = staff["agent"].headers
    dispute = make_dispute(TestClient(https.app, headers=agent))
    cases = {
        "login page": https.get("/login"),
        "static css": https.get("/static/desk.css"),
        "static js": https.get("/static/htmx.min.js"),
        "reports css": https.get("/desk/reports/reports.css"),
        "portal css": https.get("/portal-assets/portal.css"),
        "portal 404": https.get("/portal/not-a-token-0123456789"),
        "health": https.get("/health"),
        "openapi": https.get("/openapi.json"),
        "docs asset": https.get("/static-offline-docs/swagger-ui.css"),
        "api 200": https.get(f"/api/v1/disputes/{dispute['id']}", headers=agent),
        "api 401": https.get("/api/v1/me"),
        "api 404": https.get("/api/v1/disputes/999999", headers=agent),
        "api 405": https.put("/api/v1/me", headers=agent),
        "api 413": https.post(
            "/api/v1/analyze",
            content=b"x" * 70_000,
            headers={**agent, "Content-Type": "application/json"},
        ),
        "api 415": https.post(
            "/api/v1/analyze", content=b"text", headers={**agent, "Content-Type": "text/plain"}
        ),
        "api 422": https.post("/api/v1/analyze", json={}, headers=agent),
        "page redirect": https.get("/desk", follow_redirects=False),
        "unknown path": https.get("/no/such/page"),
    }
    sign_in(https, staff["agent"].username)
    cases["desk page"] = https.get("/desk")
    cases["dispute page"] = https.get(f"/desk/disputes/{dispute['id']}")
    for where, response in cases.items():
        assert response.status_code < 500, f"{where}: {response.status_code}"
        _assert_headers(response, where)


def test_the_api_docs_page_keeps_framing_and_plugins_off(https: TestClient) -> None:
    """/docs is the one page allowed a looser script policy (Swagger UI starts inline)."""
    docs = https.get("/docs")
    assert docs.status_code == 200
    csp = docs.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert docs.headers["x-frame-options"] == "DENY"


def test_signed_in_pages_are_not_cached(https: TestClient, staff: dict[str, StaffMember]) -> None:
    sign_in(https, staff["agent"].username)
    for path in ("/desk", "/login?next=/desk"):
        response = https.get(path, follow_redirects=False)
        if response.status_code == 200:
            assert "no-store" in response.headers.get("cache-control", ""), path


def test_https_responses_carry_hsts(https: TestClient) -> None:
    assert "max-age=" in https.get("/login").headers.get("strict-transport-security", "")


def test_api_answers_with_customer_data_are_not_cached(
    https: TestClient, staff: dict[str, StaffMember]
) -> None:
    agent = staff["agent"].headers
    dispute = make_dispute(TestClient(https.app, headers=agent))
    response = https.get(f"/api/v1/disputes/{dispute['id']}", headers=agent)
    assert "no-store" in response.headers.get("cache-control", "")


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_session_cookies_from_api_login(
    app: FastAPI, staff: dict[str, StaffMember], scheme: str
) -> None:
    with TestClient(app, base_url=f"{scheme}://testserver") as client:
        response = client.post(
            "/api/v1/auth/login", json={"username": "agent1", "password": PASSWORD}
        )
        assert response.status_code == 200
        attrs = _attrs(_cookie(response, "dd_session"))
    assert attrs.get("httponly") == "true"
    assert attrs.get("samesite", "").lower() == "lax"
    assert attrs.get("path") == "/"
    assert ("secure" in attrs) is (scheme == "https")


@pytest.mark.parametrize("scheme", ["https", "http"])
def test_session_and_login_form_cookies_from_web_login(
    app: FastAPI, staff: dict[str, StaffMember], scheme: str
) -> None:
    with TestClient(app, base_url=f"{scheme}://testserver") as client:
        page = client.get("/login")
        form_cookie = _attrs(_cookie(page, "dd_login_csrf"))
        response = client.post(
            "/login",
            data={"username": "agent1", "password": PASSWORD, "csrf_token": csrf_of(page.text)},
            follow_redirects=False,
        )
        assert response.status_code == 303
        session_cookie = _attrs(_cookie(response, "dd_session"))
    assert form_cookie.get("httponly") == "true"
    assert form_cookie.get("samesite", "").lower() == "strict"
    assert ("secure" in form_cookie) is (scheme == "https")
    assert session_cookie.get("httponly") == "true"
    assert session_cookie.get("samesite", "").lower() == "lax"
    assert ("secure" in session_cookie) is (scheme == "https")


def test_session_cookie_value_is_not_the_stored_hash(
    https: TestClient, staff: dict[str, StaffMember], session: Session
) -> None:
    response = https.post("/api/v1/auth/login", json={"username": "agent1", "password": PASSWORD})
    raw = _cookie(response, "dd_session").split(";")[0].split("=", 1)[1]
    stored = session.scalars(select(StaffSession.token_hash)).all()
    assert stored
    assert raw not in stored


def test_login_form_refuses_a_post_without_its_token(
    https: TestClient, staff: dict[str, StaffMember]
) -> None:
    response = https.post(
        "/login", data={"username": "agent1", "password": PASSWORD}, follow_redirects=False
    )
    assert response.status_code == 403
    assert "dd_session" not in response.headers.get("set-cookie", "")


def _unsafe(app: FastAPI) -> list[tuple[str, str]]:
    return sorted(
        (method, path)
        for method, path in app_routes(app)
        if method in ("POST", "PUT", "PATCH", "DELETE")
    )


def _fill(path: str) -> str:
    for name in ("dispute_id", "customer_id", "offer_id", "token_id", "link_id", "chargeback_id"):
        path = path.replace("{" + name + "}", "1")
    return path.replace("{version}", "1").replace("{name}", "x")


def test_every_unsafe_web_route_refuses_a_post_without_the_csrf_token(
    app: FastAPI, https: TestClient, staff: dict[str, StaffMember]
) -> None:
    sign_in(https, staff["agent"].username)
    checked = []
    for method, path in _unsafe(app):
        if path.startswith("/api/") or path.startswith(NOT_SESSION_ROUTES):
            continue
        url = _fill(path)
        for form in ({}, {"csrf_token": "forged-token"}):
            response = https.request(method, url, data=form, follow_redirects=False)
            assert response.status_code == 403, f"{method} {path} {form}: {response.status_code}"
        checked.append(path)
    assert len(checked) >= 10, checked
    # Still signed in: the refusals did not end the session.
    assert https.get("/desk", follow_redirects=False).status_code == 200


def test_every_unsafe_api_route_refuses_cookie_auth_without_the_csrf_header(
    app: FastAPI, https: TestClient, staff: dict[str, StaffMember]
) -> None:
    login = https.post("/api/v1/auth/login", json={"username": "admin1", "password": PASSWORD})
    token = login.json()["csrf_token"]
    checked = []
    for method, path in _unsafe(app):
        if not path.startswith("/api/") or path.startswith(NOT_SESSION_ROUTES + NOT_SESSION_API):
            continue
        url = _fill(path)
        for headers in ({}, {"X-CSRF-Token": "forged-token"}):
            response = https.request(method, url, json={}, headers=headers)
            assert response.status_code == 403, f"{method} {path} {headers}: {response.text}"
        checked.append(path)
    assert len(checked) >= 20, checked
    # The right header is accepted (the request goes on to validation).
    ok = https.post("/api/v1/analyze", json={"text": "hello"}, headers={"X-CSRF-Token": token})
    assert ok.status_code == 200

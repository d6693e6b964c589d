"""HTTP behaviour every endpoint shares: auth, body limits, content types, errors, headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from tests.conftest import PASSWORD, StaffMember
from tests.factories import make_dispute


def test_health_needs_no_auth(app_client: TestClient) -> None:
    response = app_client.get("/health")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/disputes"),
        ("get", "/api/v1/disputes/1"),
        ("get", "/api/v1/customers"),
        ("post", "/api/v1/customers"),
        ("get", "/api/v1/me"),
    ],
)
def test_every_api_endpoint_requires_auth(app_client: TestClient, method: str, path: str) -> None:
    response = app_client.request(method, path, json={} if method == "post" else None)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"


def test_wrong_or_revoked_token_is_401(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    bad = app_client.get("/api/v1/me", headers={"Authorization": "Bearer ddt_nope"})
    assert bad.status_code == 401
    me = staff["agent"]
    tokens = app_client.get("/api/v1/tokens", headers=me.headers).json()
    revoked = app_client.delete(f"/api/v1/tokens/{tokens[0]['id']}", headers=me.headers)
    assert revoked.status_code == 200
    assert app_client.get("/api/v1/me", headers=me.headers).status_code == 401


def test_session_login_needs_csrf_for_changes(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    wrong = app_client.post(
        "/api/v1/auth/login", json={"username": "agent1", "password": "nope-nope-nope"}
    )
    assert wrong.status_code == 401
    login = app_client.post("/api/v1/auth/login", json={"username": "agent1", "password": PASSWORD})
    assert login.status_code == 200
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    csrf = login.json()["csrf_token"]
    assert app_client.get("/api/v1/me").json()["username"] == "agent1"
    body = {"name": "Via session"}
    assert app_client.post("/api/v1/customers", json=body).status_code == 403
    ok = app_client.post("/api/v1/customers", json=body, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201
    assert app_client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert app_client.get("/api/v1/me").status_code == 401


def test_passwords_are_stored_with_argon2(session: Session, staff: dict[str, StaffMember]) -> None:
    stored = session.execute(
        text("SELECT password_hash FROM staff_users WHERE username='agent1'")
    ).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PASSWORD not in stored


def test_only_admin_adds_users(app_client: TestClient, staff: dict[str, StaffMember]) -> None:
    body = {"username": "newbie", "password": "long enough pass", "role": "agent"}
    assert (
        app_client.post("/api/v1/users", json=body, headers=staff["manager"].headers).status_code
        == 403
    )
    made = app_client.post("/api/v1/users", json=body, headers=staff["admin"].headers)
    assert made.status_code == 201
    assert "password" not in made.text


def test_body_over_the_limit_is_413(agent_client: TestClient) -> None:
    big = {"name": "x" * 70_000}
    response = agent_client.post("/api/v1/customers", json=big)
    assert response.status_code == 413
    assert "larger than" in response.json()["detail"]


def test_non_json_body_is_415(agent_client: TestClient) -> None:
    response = agent_client.post(
        "/api/v1/customers",
        content=b"name=x",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 415


def test_validation_errors_name_the_field_and_do_not_echo_input(agent_client: TestClient) -> None:
    response = agent_client.post(
        "/api/v1/disputes",
        json={
            "customer_id": "abc",
            "subject": "",
            "description": "card 4111 1111 1111 1111",
            "bogus": 1,
        },
    )
    assert response.status_code == 422
    body = response.json()
    locs = {tuple(item["loc"]) for item in body["errors"]}
    assert {("body", "customer_id"), ("body", "subject"), ("body", "bogus")} <= locs
    assert "body.subject" in body["detail"]
    assert "4111" not in response.text


def test_nul_and_huge_ids_are_422_not_500(agent_client: TestClient) -> None:
    assert agent_client.get("/api/v1/disputes/99999999999").status_code == 422
    assert agent_client.get("/api/v1/disputes", params={"q": "a\x00b"}).status_code == 422
    response = agent_client.post("/api/v1/customers", json={"name": "bad\u0000name"})
    assert response.status_code == 422


def test_security_headers_on_every_response(app_client: TestClient) -> None:
    response = app_client.get("/health")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_openapi_docs_are_served(app_client: TestClient) -> None:
    schema = app_client.get("/openapi.json").json()
    assert "/api/v1/disputes/{dispute_id}/transitions" in schema["paths"]
    assert app_client.get("/docs").status_code == 200


def test_the_api_document_keeps_the_routers_order_while_disputes_are_matched_first(
    app_client: TestClient, agent_client: TestClient
) -> None:
    paths = list(app_client.get("/openapi.json").json()["paths"])
    # Documented in the order the routers were included: sign-in first, then customers...
    assert paths[0] == "/api/v1/auth/login"
    assert paths.index("/api/v1/customers") < paths.index("/api/v1/disputes")
    # ...while the queue's router is tried first, and the others still answer their paths.
    router = getattr(app_client.app, "router")  # noqa: B009 - the app is a FastAPI app
    assert getattr(router.routes[0], "original_router").prefix == "/api/v1/disputes"  # noqa: B009
    dispute = make_dispute(agent_client)
    assert agent_client.get(f"/api/v1/customers/{dispute['customer_id']}").status_code == 200
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").status_code == 200
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").status_code == 200
    assert agent_client.get("/api/v1/disputes/counts").status_code == 200


def test_audit_events_cannot_be_changed_or_deleted(
    agent_client: TestClient, session: Session
) -> None:
    dispute = make_dispute(agent_client)
    for statement in (
        "UPDATE dispute_events SET kind='forged' WHERE dispute_id=:id",
        "DELETE FROM dispute_events WHERE dispute_id=:id",
    ):
        with pytest.raises(DBAPIError, match="append-only"), session.begin_nested():
            session.execute(text(statement), {"id": dispute["id"]})
    schema = agent_client.get("/openapi.json").json()
    event_paths = [p for p in schema["paths"] if "events" in p]
    for path in event_paths:
        assert set(schema["paths"][path]) == {"get"}

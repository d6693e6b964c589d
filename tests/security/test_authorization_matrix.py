"""Every route of the app, called as anonymous, agent, supervisor, manager and admin.

The routes are read from the app itself: a new route without a row below fails
`test_every_route_has_a_row`. Each row names what each caller gets:

  A    let through (not 401/403, not sent to the login page, not a server error)
  OK   let through, and a redirect is fine (signing out ends on the login page)
  401  refused: not signed in (the API)
  403  refused: signed in but not allowed
  L    sent to the login page (a staff page without a session)
  T    a customer-facing token route: a bogus token is refused (401/403/404/410) for everyone,
       staff credentials included

Staff call the API with their bearer token and the pages with a signed-in session (and its
CSRF token on POSTs). Every row also checks that no call changed or removed a dispute event.
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from starlette.routing import Mount

from disputedesk.app import create_app
from disputedesk.auth.service import create_token, create_user
from disputedesk.config import Settings, get_settings
from disputedesk.db import make_session_factory
from disputedesk.disputes.models import DisputeEvent
from tests.conftest import PASSWORD, Clock, fresh_database
from tests.factories import make_customer, make_dispute, make_order
from tests.security.conftest import DEMO_NOW
from tests.web.conftest import sign_in

CALLERS = ("anonymous", "agent", "supervisor", "manager", "admin")
STAFF = ("401", "A", "A", "A", "A")
SUPERVISOR = ("401", "403", "A", "A", "A")
ADMIN = ("401", "403", "403", "403", "A")
PUBLIC = ("A",) * 5
PUBLIC_ANY = ("OK",) * 5
PAGE = ("L", "A", "A", "A", "A")
PAGE_SUPERVISOR = ("L", "403", "A", "A", "A")
TOKEN = ("T",) * 5

# (method, route path as the app declares it) -> what each caller gets.
MATRIX: dict[tuple[str, str], tuple[str, ...]] = {
    ("GET", "/openapi.json"): PUBLIC,
    ("GET", "/docs"): PUBLIC,
    ("GET", "/docs/oauth2-redirect"): PUBLIC,
    ("GET", "/health"): PUBLIC,
    ("GET", "/static"): PUBLIC,
    ("GET", "/static-offline-docs"): PUBLIC,
    ("POST", "/api/v1/auth/login"): PUBLIC_ANY,
    ("POST", "/api/v1/auth/logout"): STAFF,
    ("GET", "/api/v1/me"): STAFF,
    ("GET", "/api/v1/tokens"): STAFF,
    ("POST", "/api/v1/tokens"): STAFF,
    ("DELETE", "/api/v1/tokens/{token_id}"): STAFF,
    ("GET", "/api/v1/users"): STAFF,
    ("POST", "/api/v1/users"): ADMIN,
    ("GET", "/api/v1/customers"): STAFF,
    ("POST", "/api/v1/customers"): STAFF,
    ("GET", "/api/v1/customers/{customer_id}"): STAFF,
    ("PATCH", "/api/v1/customers/{customer_id}"): STAFF,
    ("DELETE", "/api/v1/customers/{customer_id}"): ADMIN,
    ("GET", "/api/v1/customers/{customer_id}/records"): STAFF,
    ("GET", "/api/v1/customers/{customer_id}/orders"): STAFF,
    ("POST", "/api/v1/customers/{customer_id}/orders"): STAFF,
    ("GET", "/api/v1/customers/{customer_id}/disputes"): STAFF,
    ("GET", "/api/v1/disputes"): STAFF,
    ("GET", "/api/v1/disputes/counts"): STAFF,
    ("POST", "/api/v1/disputes"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}"): STAFF,
    ("PATCH", "/api/v1/disputes/{dispute_id}"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/transitions"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/assignment"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/escalation"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}/messages"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/messages"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/draft"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}/events"): STAFF,
    ("POST", "/api/v1/analyze"): STAFF,
    ("POST", "/api/v1/coach"): STAFF,
    ("GET", "/api/v1/reply-templates"): STAFF,
    ("POST", "/api/v1/reply-templates"): SUPERVISOR,
    ("POST", "/api/v1/webhooks"): ADMIN,
    ("GET", "/api/v1/webhooks"): ADMIN,
    ("DELETE", "/api/v1/webhooks/{webhook_id}"): ADMIN,
    ("GET", "/api/v1/webhooks/{webhook_id}/deliveries"): ADMIN,
    ("DELETE", "/api/v1/reply-templates/{template_id}"): SUPERVISOR,
    ("GET", "/api/v1/disputes/{dispute_id}/remedies"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}/offers"): STAFF,
    ("POST", "/api/v1/disputes/{dispute_id}/offers"): STAFF,
    ("GET", "/api/v1/approvals"): SUPERVISOR,
    ("POST", "/api/v1/offers/{offer_id}/approval"): SUPERVISOR,
    ("POST", "/api/v1/offers/{offer_id}/answer"): STAFF,
    ("GET", "/api/v1/policies"): STAFF,
    ("GET", "/api/v1/policies/{version}"): STAFF,
    ("POST", "/api/v1/policies"): ADMIN,
    ("POST", "/api/v1/chargebacks"): TOKEN,
    ("GET", "/api/v1/chargebacks/{chargeback_id}"): STAFF,
    ("POST", "/api/v1/chargebacks/{chargeback_id}/outcome"): SUPERVISOR,
    ("GET", "/api/v1/disputes/{dispute_id}/evidence"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}/evidence.html"): STAFF,
    ("GET", "/api/v1/disputes/{dispute_id}/evidence.pdf"): STAFF,
    ("GET", "/api/v1/reports"): STAFF,
    ("GET", "/api/v1/reports/{name}"): SUPERVISOR,  # called with a per-agent report
    ("GET", "/api/v1/surveys/{token}"): TOKEN,
    ("POST", "/api/v1/surveys/{token}"): TOKEN,
    ("GET", "/api/v1/notifications"): STAFF,
    ("POST", "/api/v1/customers/{customer_id}/links"): STAFF,
    ("GET", "/api/v1/customers/{customer_id}/links"): STAFF,
    ("DELETE", "/api/v1/customer-links/{link_id}"): STAFF,
    ("GET", "/api/v1/portal/disputes"): TOKEN,
    ("GET", "/api/v1/portal/disputes/{dispute_id}"): TOKEN,
    ("POST", "/api/v1/portal/disputes/{dispute_id}/messages"): TOKEN,
    ("GET", "/"): PUBLIC_ANY,
    ("GET", "/login"): PUBLIC_ANY,
    ("POST", "/login"): ("403",) * 5,  # without the login form's CSRF token
    ("POST", "/logout"): ("L", "OK", "OK", "OK", "OK"),
    ("GET", "/desk"): PAGE,
    ("GET", "/desk/disputes/{dispute_id}"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/messages"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/transition"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/assign"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/escalate"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/coach"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/draft"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/offers"): PAGE,
    ("POST", "/desk/disputes/{dispute_id}/offers/{offer_id}/answer"): PAGE,
    ("GET", "/desk/approvals"): PAGE_SUPERVISOR,
    ("POST", "/desk/approvals/{offer_id}"): PAGE_SUPERVISOR,
    ("GET", "/desk/sla"): PAGE,
    ("GET", "/desk/escalations"): PAGE,
    ("GET", "/desk/notifications"): PAGE,
    ("GET", "/desk/reports"): PAGE,
    ("GET", "/desk/reports/reports.css"): PUBLIC,
    ("GET", "/desk/reports/export"): PAGE,
    ("GET", "/survey/{token}"): TOKEN,
    ("POST", "/survey/{token}"): TOKEN,
    ("GET", "/portal-assets/portal.css"): PUBLIC,
    ("GET", "/portal/{token}"): TOKEN,
    ("GET", "/portal/{token}/disputes/new"): TOKEN,
    ("POST", "/portal/{token}/disputes"): TOKEN,
    ("GET", "/portal/{token}/disputes/{dispute_id:int}"): TOKEN,
    ("POST", "/portal/{token}/disputes/{dispute_id:int}/messages"): TOKEN,
    ("POST", "/portal/{token}/disputes/{dispute_id:int}/offers/{offer_id:int}"): TOKEN,
}
# Concrete paths for routes whose template cannot be filled from the ids alone.
CONCRETE = {
    "/static": "/static/desk.css",
    "/static-offline-docs": "/static-offline-docs/swagger-ui.css",
}
# Bodies for rows whose role check runs after the body is validated (in the service).
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("POST", "/api/v1/offers/{offer_id}/approval"): {"approve": True, "reason": "matrix"},
    ("POST", "/api/v1/portal/disputes/{dispute_id}/messages"): {"body": "Hello"},
    ("POST", "/api/v1/surveys/{token}"): {"rating": 5},
    ("POST", "/api/v1/reply-templates"): {"name": "matrix", "body": "Thank you for waiting."},
    ("POST", "/api/v1/webhooks"): {"url": "http://127.0.0.1:9/hook", "events": ["dispute.created"]},
}
FORMS: dict[tuple[str, str], dict[str, str]] = {
    ("POST", "/desk/approvals/{offer_id}"): {"decision": "approve", "reason": "matrix"},
    ("POST", "/survey/{token}"): {"rating": "5"},
}
PORTAL_HEADER = {"X-Customer-Link": "not-a-real-link-0123456789"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_names = itertools.count(1)


def app_routes(app: FastAPI) -> set[tuple[str, str]]:
    """(method, path) of every route the app serves, HEAD left out; mounts count as GET."""
    found: set[tuple[str, str]] = set()

    def walk(routes: Any) -> Iterator[tuple[str, str]]:
        for route in routes:
            if isinstance(route, Mount):
                yield "GET", route.path
            elif hasattr(route, "effective_route_contexts"):
                for ctx in route.effective_route_contexts():
                    for method in ctx.methods or ():
                        yield method, ctx.path
            else:
                for method in getattr(route, "methods", None) or ():
                    yield method, route.path

    for method, path in walk(app.routes):
        if method != "HEAD":
            found.add((method, path))
    return found


def _app(settings: Settings, factory: sessionmaker[Session], clock: Clock) -> FastAPI:
    return create_app(settings=settings, session_factory=factory, clock=clock)


def test_every_route_has_a_row(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> None:
    routes = app_routes(_app(settings, session_factory, clock))
    missing = sorted(routes - MATRIX.keys())
    stale = sorted(MATRIX.keys() - routes)
    assert not missing, f"routes without a row in the authorization matrix: {missing}"
    assert not stale, f"rows for routes the app no longer has: {stale}"


def test_no_route_can_change_or_delete_dispute_events(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> None:
    for method, path in app_routes(_app(settings, session_factory, clock)):
        if "event" in path.lower():
            assert method == "GET", f"{method} {path} could change the audit trail"


@dataclass
class World:
    """The callers and the objects the rows are called on."""

    api: dict[str, TestClient]
    web: dict[str, TestClient]
    csrf: dict[str, str]
    ids: dict[str, Any]
    make_customer: Callable[[], int]
    factory: sessionmaker[Session]


@pytest.fixture(scope="module")
def world(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One database per backend for the whole matrix (rows run one after another on it)."""
    folder = tmp_path_factory.mktemp("matrix")
    with (
        pytest.MonkeyPatch.context() as patch,
        fresh_database(backend, folder) as engine,
    ):
        patch.setenv("DISPUTEDESK_CHARGEBACK_SECRET", "whsec_matrix_test")
        patch.setenv("DISPUTEDESK_SECRET_KEY", "matrix-secret-" + "x" * 32)
        get_settings.cache_clear()
        factory = make_session_factory(engine)
        tokens: dict[str, str] = {}
        with factory() as session, session.begin():
            for role in CALLERS[1:]:
                user = create_user(
                    session=session, username=f"{role}1", password=PASSWORD, role=role
                )
                tokens[role] = create_token(session=session, user=user, name="matrix").raw
        settings = Settings(data_dir=folder, secret_key="matrix-secret-" + "x" * 32)
        app = _app(settings, factory, Clock(DEMO_NOW))
        with contextlib.ExitStack() as stack:
            clients = {
                n: stack.enter_context(TestClient(app, raise_server_exceptions=False))
                for n in CALLERS
            }
            webs = {
                n: stack.enter_context(TestClient(app, raise_server_exceptions=False))
                for n in CALLERS
            }
            for role in CALLERS[1:]:
                clients[role].headers["Authorization"] = f"Bearer {tokens[role]}"
            csrf = {role: sign_in(webs[role], f"{role}1") for role in CALLERS[1:]}
            yield _populate(clients, webs, csrf, factory)
        get_settings.cache_clear()


def _populate(
    clients: dict[str, TestClient],
    webs: dict[str, TestClient],
    csrf: dict[str, str],
    factory: sessionmaker[Session],
) -> World:
    admin = clients["admin"]
    customer = make_customer(admin)
    order = make_order(
        admin,
        customer["id"],
        amount_minor=25_000,
        purchased_at="2026-10-20T10:00:00Z",
        delivered_at="2026-10-25T10:00:00Z",
    )
    dispute = make_dispute(
        admin,
        customer["id"],
        order_id=order["id"],
        amount_minor=25_000,
        category="refund",
        description="I returned it and want my money back.",
    )
    offer = clients["agent"].post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 25_000},
    )
    assert offer.status_code == 201, offer.text
    assert offer.json()["status"] == "pending_approval"
    token = admin.post("/api/v1/tokens", json={"name": "matrix"}).json()
    template = admin.post("/api/v1/reply-templates", json={"name": "seed", "body": "Hello."})
    assert template.status_code == 201, template.text
    link = admin.post(f"/api/v1/customers/{customer['id']}/links", json={})
    assert link.status_code == 201, link.text
    ids = {
        "customer_id": customer["id"],
        "dispute_id": dispute["id"],
        "dispute_id:int": dispute["id"],
        "offer_id": offer.json()["id"],
        "offer_id:int": offer.json()["id"],
        "token_id": token["id"],
        "template_id": template.json()["id"],
        "webhook_id": 1,
        "link_id": link.json()["id"],
        "chargeback_id": 1,
        "name": "deescalation",
        "version": "1",
        "token": "not-a-real-token-0123456789",
    }

    def fresh_customer() -> int:
        made: int = make_customer(admin, name=f"Spare {next(_names)}")["id"]
        return made

    return World(clients, webs, csrf, ids, fresh_customer, factory)


def _path(world: World, method: str, template: str) -> str:
    if template in CONCRETE:
        return CONCRETE[template]
    ids = dict(world.ids)
    if (method, template) == ("DELETE", "/api/v1/customers/{customer_id}"):
        ids["customer_id"] = world.make_customer()  # one without disputes, so admins may
    path = template
    for name, value in ids.items():
        path = path.replace("{" + name + "}", str(value))
    assert "{" not in path, f"no value for a parameter of {template}"
    return path


def _call(world: World, caller: str, method: str, template: str) -> httpx.Response:
    path = _path(world, method, template)
    is_api = path.startswith("/api/")
    client = world.api[caller] if is_api or caller == "anonymous" else world.web[caller]
    headers = dict(PORTAL_HEADER) if path.startswith("/api/v1/portal/") else {}
    if method not in UNSAFE:
        response: httpx.Response = client.request(
            method, path, headers=headers, follow_redirects=False
        )
        return response
    if is_api:
        body = None if method == "DELETE" else BODIES.get((method, template), {})
        sent: httpx.Response = client.request(
            method, path, json=body, headers=headers, follow_redirects=False
        )
        return sent
    form = {"csrf_token": world.csrf.get(caller, ""), **FORMS.get((method, template), {})}
    response = client.request(method, path, data=form, follow_redirects=False)
    if (method, path) == ("POST", "/logout") and caller != "anonymous":
        world.csrf[caller] = sign_in(client, f"{caller}1")  # signed out: sign in again
    return response


def _verdict(expected: str, response: httpx.Response) -> str | None:
    status = response.status_code
    to_login = status in (302, 303, 307) and response.headers.get("location", "").startswith(
        "/login"
    )
    if status >= 500:
        return f"server error {status}"
    if expected == "A" and (status in (401, 403) or to_login):
        return f"refused with {status}"
    if expected == "OK" and status in (401, 403):
        return f"refused with {status}"
    if expected in ("401", "403") and str(status) != expected:
        return f"got {status}, wanted {expected}"
    if expected == "L" and not to_login:
        return f"got {status} (location {response.headers.get('location')!r}), wanted /login"
    if expected == "T" and status not in (401, 403, 404, 410):
        return f"a bogus customer token got {status}"
    return None


def _events(factory: sessionmaker[Session]) -> dict[int, tuple[Any, ...]]:
    with factory() as session:
        rows = session.scalars(select(DisputeEvent)).all()
        return {
            e.id: (e.dispute_id, e.kind, e.actor_kind, e.actor_id, e.before, e.after) for e in rows
        }


@pytest.mark.parametrize(("method", "template"), sorted(MATRIX))
def test_route_answers_each_caller_as_the_matrix_says(
    world: World, method: str, template: str
) -> None:
    before = _events(world.factory)
    wrong = []
    for caller, expected in zip(CALLERS, MATRIX[(method, template)], strict=True):
        response = _call(world, caller, method, template)
        problem = _verdict(expected, response)
        if problem:
            wrong.append(f"{caller}: {problem}: {response.text[:160]}")
    assert not wrong, f"{method} {template}\n" + "\n".join(wrong)
    after = _events(world.factory)
    changed = [i for i, row in before.items() if after.get(i) != row]
    assert not changed, f"{method} {template} changed or removed dispute events {changed}"


def test_a_customer_link_opens_only_its_own_customer(world: World) -> None:
    """The customer column: a link holder reads and writes their own disputes, nothing else."""
    admin = world.api["admin"]
    own = world.ids["customer_id"]
    own_dispute = world.ids["dispute_id"]
    other = make_customer(admin, name="Other Customer")["id"]
    other_dispute = make_dispute(admin, other)["id"]
    issued = admin.post(f"/api/v1/customers/{own}/links", json={})
    assert issued.status_code == 201, issued.text
    token = issued.json()["path"].rsplit("/", 1)[-1]
    anon = world.api["anonymous"]
    link = {"X-Customer-Link": token}

    mine = anon.get("/api/v1/portal/disputes", headers=link)
    assert mine.status_code == 200, mine.text
    assert {d["id"] for d in mine.json()} == {own_dispute}
    assert anon.get(f"/api/v1/portal/disputes/{own_dispute}", headers=link).status_code == 200
    assert anon.get(f"/api/v1/portal/disputes/{other_dispute}", headers=link).status_code == 404
    messages_before = admin.get(f"/api/v1/disputes/{other_dispute}/messages").json()
    reply = anon.post(
        f"/api/v1/portal/disputes/{other_dispute}/messages", json={"body": "hi"}, headers=link
    )
    assert reply.status_code == 404
    assert admin.get(f"/api/v1/disputes/{other_dispute}/messages").json() == messages_before
    assert anon.get(f"/portal/{token}/disputes/{other_dispute}").status_code == 404
    assert anon.get(f"/portal/{token}/disputes/{own_dispute}").status_code == 200

    # The link is no staff credential, however it is presented.
    for headers in (link, {"Authorization": f"Bearer {token}"}):
        for path in ("/api/v1/disputes", "/api/v1/customers", f"/api/v1/disputes/{own_dispute}"):
            assert anon.get(path, headers=headers).status_code == 401, (path, headers)
    page = anon.get(f"/desk/disputes/{own_dispute}", headers=link, follow_redirects=False)
    assert page.headers.get("location", "").startswith("/login")

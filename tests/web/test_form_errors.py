"""Every staff form, and the survey, put a refused value's message next to its field."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.config import get_settings
from disputedesk.workflow.models import Job
from disputedesk.workflow.worker import run_pending
from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute, make_order, survey_link_sent
from tests.web.conftest import Desk, csrf_of, sign_in
from tests.web.form_checks import Elements, error_next_to


def _dispute(desk: Desk) -> dict[str, Any]:
    customer = make_customer(desk.api)
    order = make_order(desk.api, customer["id"])
    return make_dispute(desk.api, customer_id=customer["id"], order_id=order["id"])


def _resolved(desk: Desk) -> dict[str, Any]:
    dispute = _dispute(desk)
    response = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/transitions",
        json={"to": "resolved", "version": 1, "outcome": "explained", "root_cause": "other"},
    )
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _version(desk: Desk, dispute_id: int) -> str:
    return str(desk.api.get(f"/api/v1/disputes/{dispute_id}").json()["version"])


Form = Callable[[Desk, dict[str, Any]], dict[str, str]]
# What to post (a URL tail of the dispute, the form) and the fields that must show a message.
CASES: list[tuple[str, str, Form, list[str]]] = [
    ("reply", "messages", lambda d, x: {"direction": "outbound", "body": "  "}, ["reply-body"]),
    ("note", "messages", lambda d, x: {"direction": "note", "body": ""}, ["note-body"]),
    (
        "resolve",
        "transition",
        lambda d, x: {"to": "resolved", "version": _version(d, x["id"])},
        ["resolve-outcome", "resolve-root-cause"],
    ),
    (
        "escalation",
        "escalate",
        lambda d, x: {"level": "supervisor", "reason": " ", "version": _version(d, x["id"])},
        ["escalate-reason"],
    ),
    (
        "assignment",
        "assign",
        lambda d, x: {"assignee_id": "999999", "version": _version(d, x["id"])},
        ["assign-to"],
    ),
    (
        "offer amount",
        "offers",
        lambda d, x: {"remedy": "refund_partial", "amount": "a lot"},
        ["offer-amount"],
    ),
    (
        "offer remedy",
        "offers",
        lambda d, x: {"remedy": "teleport", "amount": "5"},
        ["offer-remedy"],
    ),
    ("draft tone", "draft", lambda d, x: {"tone": "shouty"}, ["draft-tone"]),
]


@pytest.mark.parametrize(
    ("action", "form", "fields"),
    [pytest.param(action, form, fields, id=name) for name, action, form, fields in CASES],
)
def test_a_refused_dispute_form_shows_its_message_next_to_the_field(
    desk: Desk, action: str, form: Form, fields: list[str]
) -> None:
    dispute = _dispute(desk)
    before = desk.api.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    for htmx in (False, True):
        response = desk.post(
            f"/desk/disputes/{dispute['id']}/{action}", form(desk, dispute), htmx=htmx
        )
        assert response.status_code in (404, 422), response.text
        for field in fields:
            error_next_to(response.text, field)
    after = desk.api.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    assert after == before  # nothing was recorded


def test_reopening_without_a_reason_is_explained_next_to_the_reason(desk: Desk) -> None:
    dispute = _resolved(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/transition",
        {"to": "investigating", "reason": "", "version": str(dispute["version"])},
    )
    assert response.status_code == 422
    error_next_to(response.text, "transition-reason")


@pytest.fixture
def boss(web: TestClient, api: TestClient, staff: dict[str, StaffMember]) -> Iterator[Desk]:
    """A second browser signed in as the supervisor."""
    with TestClient(web.app, base_url="http://testserver") as client:
        csrf = sign_in(client, staff["supervisor"].username)
        yield Desk(client=client, api=api, csrf=csrf, member=staff["supervisor"])


def test_an_approval_without_a_reason_is_explained_next_to_the_reason(
    boss: Desk, desk: Desk
) -> None:
    dispute = _dispute(desk)
    offer = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 12999},
    ).json()
    assert offer["status"] == "pending_approval"
    response = boss.post(f"/desk/approvals/{offer['id']}", {"decision": "approve", "reason": ""})
    assert response.status_code == 422
    error_next_to(response.text, f"approval-{offer['id']}-reason")


def test_a_decision_that_is_neither_is_explained_at_the_buttons(boss: Desk, desk: Desk) -> None:
    dispute = _dispute(desk)
    offer = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 12999},
    ).json()
    response = boss.post(f"/desk/approvals/{offer['id']}", {"decision": "", "reason": "ok"})
    assert response.status_code == 422
    error_next_to(response.text, f"approval-{offer['id']}-decision", group=True)


def test_an_illegal_move_is_explained_at_the_status_buttons(desk: Desk) -> None:
    dispute = _dispute(desk)
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/transition", {"to": "closed", "version": "1"}
    )
    assert response.status_code == 409
    assert "may move to" in error_next_to(response.text, "transition-to", group=True)


def test_an_answer_that_is_neither_is_explained_at_the_answer_buttons(desk: Desk) -> None:
    dispute = _dispute(desk)
    offer = desk.api.post(
        f"/api/v1/disputes/{dispute['id']}/offers",
        json={"remedy": "refund_partial", "amount_minor": 2000},
    ).json()
    assert offer["status"] == "offered"
    response = desk.post(
        f"/desk/disputes/{dispute['id']}/offers/{offer['id']}/answer", {"accept": "maybe"}
    )
    assert response.status_code == 422
    error_next_to(
        response.text,
        f"answer-{offer['id']}-buttons",
        error_id=f"answer-{offer['id']}-accept-error",
        group=True,
    )


@pytest.mark.parametrize(
    ("username", "password", "fields"),
    [("", "", ["username", "password"]), ("agent1", "", ["password"]), ("  ", "x", ["username"])],
)
def test_signing_in_with_an_empty_field_says_which(
    web: TestClient,
    staff: dict[str, StaffMember],
    username: str,
    password: str,
    fields: list[str],
) -> None:
    page = web.get("/login")
    response = web.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 422
    for field in fields:
        assert error_next_to(response.text, field).startswith("Enter your")
    for other in {"username", "password"} - set(fields):
        assert f'id="{other}-error"' not in response.text
    assert "dd_session" not in response.headers.get("set-cookie", "")


def test_a_wrong_password_is_one_message_both_fields_point_to(
    web: TestClient, staff: dict[str, StaffMember]
) -> None:
    page = web.get("/login")
    response = web.post(
        "/login",
        data={"username": "agent1", "password": "nope", "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    assert response.status_code == 401
    elements = Elements()
    elements.feed(response.text)
    assert "Wrong username or password" in elements.text["login-error"]
    for field in ("username", "password"):
        assert elements.attrs[field]["aria-describedby"] == "login-error"
        assert elements.attrs[field]["aria-invalid"] == "true"


@pytest.fixture
def survey_link(
    api: TestClient,
    clock: Clock,
    session_factory: sessionmaker[Session],
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[int, str]]:
    """A resolved dispute's survey link, made by the due follow-up as the worker makes it."""
    monkeypatch.setenv("DISPUTEDESK_SECRET_KEY", "form-errors-secret-" + "s" * 20)
    get_settings.cache_clear()
    dispute = make_dispute(api)
    api.post(
        f"/api/v1/disputes/{dispute['id']}/transitions",
        json={"to": "resolved", "version": 1, "outcome": "explained", "root_cause": "other"},
    )
    with session_factory() as s:
        due = s.scalar(select(Job.due_at).where(Job.dispute_id == dispute["id"]))
    assert due is not None
    clock.now = due
    run_pending(session_factory, now=clock.now, worker="test")
    yield dispute["id"], survey_link_sent(session_factory, dispute["id"])
    get_settings.cache_clear()


def test_a_survey_without_a_rating_says_so_next_to_the_ratings_and_keeps_the_comment(
    web: TestClient, survey_link: tuple[int, str]
) -> None:
    _, link = survey_link
    response = web.post(link, data={"comment": "Friendly & quick"})
    assert response.status_code == 422
    assert error_next_to(response.text, "rating", group=True) == "Choose a rating from 1 to 5."
    assert response.text.count('aria-invalid="true"') == 5  # each of the five ratings
    assert "Friendly &amp; quick</textarea>" in response.text
    assert web.get("/api/v1" + link.replace("/survey/", "/surveys/")).json()["rating"] is None


def test_the_customers_rating_shows_in_the_dispute_header(
    web: TestClient, staff: dict[str, StaffMember], survey_link: tuple[int, str]
) -> None:
    dispute_id, link = survey_link
    sign_in(web, staff["supervisor"].username)  # the clock moved on: a fresh session
    before = web.get(f"/desk/disputes/{dispute_id}")
    assert before.status_code == 200
    assert 'id="dispute-title"' in before.text
    assert 'id="customer-rating"' not in before.text
    sent = web.post(link, data={"rating": "4", "comment": "Kind <b>and</b> quick"})
    assert sent.status_code == 200
    page = Elements()
    page.feed(web.get(f"/desk/disputes/{dispute_id}").text)
    assert page.text["customer-rating"].split() == ["4/5", "Kind", "<b>and</b>", "quick"]

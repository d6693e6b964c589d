"""Failed sign-ins are limited per account and per client address, in the database, by the clock."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.app import create_app
from disputedesk.auth.ratelimit import ACCOUNT_LIMIT, ADDRESS_LIMIT, WINDOW, LoginFailure
from disputedesk.config import Settings
from tests.conftest import PASSWORD, Clock, StaffMember
from tests.web.conftest import csrf_of

WRONG = "not the password at all"


def _client(
    settings: Settings, factory: sessionmaker[Session], clock: Clock, address: str = "10.0.0.1"
) -> TestClient:
    """A client of its own app instance (as another API process would be) from `address`."""
    app = create_app(settings=settings, session_factory=factory, clock=clock)
    return TestClient(app, client=(address, 40000))


@pytest.fixture
def api(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> Iterator[TestClient]:
    with _client(settings, session_factory, clock) as client:
        yield client


def _login(client: TestClient, username: str, password: str) -> httpx.Response:
    response: httpx.Response = client.post(
        "/api/v1/auth/login", json={"username": username, "password": password}
    )
    return response


def _web_login(client: TestClient, username: str, password: str) -> httpx.Response:
    page = client.get("/login")
    response: httpx.Response = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf_of(page.text)},
        follow_redirects=False,
    )
    return response


def test_account_is_locked_after_five_failures_even_with_the_right_password(
    api: TestClient, staff: dict[str, StaffMember], clock: Clock
) -> None:
    for _ in range(ACCOUNT_LIMIT):
        assert _login(api, "agent1", WRONG).status_code == 401
        clock.advance(seconds=10)
    locked = _login(api, "agent1", PASSWORD)
    assert locked.status_code == 429
    assert locked.json()["code"] == "too_many_attempts"
    # The first failure was 50 s ago: the lock lifts when it leaves the 15-minute window.
    assert locked.headers["retry-after"] == str(int(WINDOW.total_seconds()) - 50)
    assert "Try again in 15 minutes" in locked.json()["detail"]
    assert "set-cookie" not in locked.headers


def test_lock_lifts_when_the_window_has_passed(
    api: TestClient, staff: dict[str, StaffMember], clock: Clock
) -> None:
    for _ in range(ACCOUNT_LIMIT):
        _login(api, "agent1", WRONG)
    clock.advance(minutes=14, seconds=59)
    assert _login(api, "agent1", PASSWORD).status_code == 429
    clock.advance(seconds=1)
    assert _login(api, "agent1", PASSWORD).status_code == 200


def test_four_failures_do_not_lock(api: TestClient, staff: dict[str, StaffMember]) -> None:
    for _ in range(ACCOUNT_LIMIT - 1):
        assert _login(api, "agent1", WRONG).status_code == 401
    assert _login(api, "agent1", PASSWORD).status_code == 200


def test_success_resets_the_account_counter(api: TestClient, staff: dict[str, StaffMember]) -> None:
    for _ in range(ACCOUNT_LIMIT - 1):
        _login(api, "agent1", WRONG)
    assert _login(api, "agent1", PASSWORD).status_code == 200
    for _ in range(ACCOUNT_LIMIT - 1):
        assert _login(api, "agent1", WRONG).status_code == 401
    assert _login(api, "agent1", PASSWORD).status_code == 200


def test_lock_is_per_account(api: TestClient, staff: dict[str, StaffMember]) -> None:
    for _ in range(ACCOUNT_LIMIT):
        _login(api, "agent1", WRONG)
    assert _login(api, "agent1", PASSWORD).status_code == 429
    assert _login(api, "supervisor1", PASSWORD).status_code == 200


def test_account_lock_holds_from_another_address_and_another_process(
    settings: Settings,
    session_factory: sessionmaker[Session],
    clock: Clock,
    staff: dict[str, StaffMember],
) -> None:
    with _client(settings, session_factory, clock, "10.0.0.1") as first:
        for _ in range(ACCOUNT_LIMIT):
            _login(first, "agent1", WRONG)
    # A second app instance shares nothing with the first but the database.
    with _client(settings, session_factory, clock, "192.0.2.7") as second:
        assert _login(second, "agent1", PASSWORD).status_code == 429


def test_address_is_locked_after_many_failures_on_any_accounts(
    settings: Settings,
    session_factory: sessionmaker[Session],
    clock: Clock,
    staff: dict[str, StaffMember],
) -> None:
    with _client(settings, session_factory, clock, "10.0.0.9") as sprayer:
        for n in range(ADDRESS_LIMIT):
            assert _login(sprayer, f"guess{n}", WRONG).status_code == 401
        refused = _login(sprayer, "manager1", PASSWORD)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) == WINDOW.total_seconds()
    with _client(settings, session_factory, clock, "10.0.0.10") as colleague:
        assert _login(colleague, "manager1", PASSWORD).status_code == 200


def test_unknown_usernames_count_like_known_ones(api: TestClient) -> None:
    for _ in range(ACCOUNT_LIMIT):
        assert _login(api, "nobody", WRONG).status_code == 401
    assert _login(api, "nobody", WRONG).status_code == 429


def test_only_a_digest_of_the_username_is_stored(
    api: TestClient, session: Session, staff: dict[str, StaffMember]
) -> None:
    _login(api, "Agent1", WRONG)
    rows = session.scalars(select(LoginFailure)).all()
    assert len(rows) == 1
    assert rows[0].account_digest != "Agent1"
    assert len(rows[0].account_digest) == 64
    assert rows[0].address == "10.0.0.1"


def test_old_failures_are_forgotten(
    api: TestClient, session: Session, clock: Clock, staff: dict[str, StaffMember]
) -> None:
    for _ in range(3):
        _login(api, "agent1", WRONG)
    clock.advance(minutes=16)
    _login(api, "supervisor1", WRONG)
    assert len(session.scalars(select(LoginFailure)).all()) == 1


def test_web_login_is_limited_with_a_clear_page(
    settings: Settings,
    session_factory: sessionmaker[Session],
    clock: Clock,
    staff: dict[str, StaffMember],
) -> None:
    with _client(settings, session_factory, clock) as web:
        for _ in range(ACCOUNT_LIMIT):
            assert _web_login(web, "agent1", WRONG).status_code == 401
        locked = _web_login(web, "agent1", PASSWORD)
        assert locked.status_code == 429
        assert locked.headers["retry-after"] == str(int(WINDOW.total_seconds()))
        assert "Too many failed sign-ins" in locked.text
        assert "dd_session" not in locked.headers.get("set-cookie", "")
        # The form is still there to try again later.
        assert 'name="csrf_token"' in locked.text


def test_web_and_api_failures_share_one_counter(
    settings: Settings,
    session_factory: sessionmaker[Session],
    clock: Clock,
    staff: dict[str, StaffMember],
) -> None:
    with _client(settings, session_factory, clock) as client:
        for _ in range(ACCOUNT_LIMIT - 2):
            _web_login(client, "agent1", WRONG)
        for _ in range(2):
            _login(client, "agent1", WRONG)
        assert _web_login(client, "agent1", PASSWORD).status_code == 429
        assert _login(client, "agent1", PASSWORD).status_code == 429

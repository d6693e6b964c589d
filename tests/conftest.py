"""Fixtures: a migrated SQLite file and a migrated PostgreSQL database, rolled back per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.app import create_app
from disputedesk.auth.service import create_token, create_user
from disputedesk.config import Settings
from disputedesk.db import make_engine
from disputedesk.migrate import upgrade

PG_ADMIN_URL = os.environ.get(
    "DISPUTEDESK_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
REQUIRE_PG = bool(os.environ.get("CI")) or os.environ.get("DISPUTEDESK_REQUIRE_POSTGRES") == "1"
PASSWORD = "correct horse battery"


def _pg_available() -> str | None:
    engine = make_engine(PG_ADMIN_URL)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        engine.dispose()
    return None


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing() -> Iterator[None]:
    """Cheap argon2 parameters in tests: the same scheme, far less memory and time per hash."""
    from argon2 import PasswordHasher

    from disputedesk.auth import service

    original = service._hasher
    service._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    service._hasher = original


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the test runs on."""
    name: str = request.param
    if name == "postgres":
        problem = _pg_available()
        if problem is not None:
            if REQUIRE_PG:
                pytest.fail(f"PostgreSQL is required here but not reachable: {problem}")
            pytest.skip(f"PostgreSQL not reachable ({problem}); set CI=1 to make this an error")
    return name


@contextmanager
def fresh_database(backend: str, folder: Path) -> Iterator[Engine]:
    """A new, migrated database of its own (a SQLite file, or a PostgreSQL database)."""
    if backend == "sqlite":
        eng = make_engine(f"sqlite:///{folder / f'{uuid.uuid4().hex[:8]}.sqlite3'}")
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    name = f"dd_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_ADMIN_URL)
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    eng = make_engine(url)
    upgrade(eng)
    yield eng
    eng.dispose()
    with admin.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The suite's shared database; tests roll back, so it stays empty between them."""
    with fresh_database(backend, tmp_path_factory.mktemp("db")) as eng:
        yield eng


@pytest.fixture
def own_engine(backend: str, tmp_path: Path) -> Iterator[Engine]:
    """A database for a test that commits for real (concurrency, crashes, CLI)."""
    with fresh_database(backend, tmp_path) as eng:
        yield eng


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """A connection inside an outer transaction that is rolled back after the test."""
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    """Sessions whose commits become savepoints of the test's outer transaction."""
    return sessionmaker(
        bind=connection,
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )


@pytest.fixture
def session(session_factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session for arranging data directly."""
    with session_factory() as s:
        yield s


class Clock:
    """A controllable clock: tests move time instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now = self.now + timedelta(**kwargs)


@pytest.fixture
def clock() -> Clock:
    """Time starts at a fixed instant."""
    return Clock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Settings for a test app."""
    return Settings(data_dir=tmp_path, secret_key="test-secret-" + "x" * 32, max_body_bytes=65536)


@pytest.fixture
def app_client(
    settings: Settings, session_factory: sessionmaker[Session], clock: Clock
) -> Iterator[TestClient]:
    """An unauthenticated client of an app on the test database."""
    app = create_app(settings=settings, session_factory=session_factory, clock=clock)
    with TestClient(app) as c:
        yield c


@dataclass
class StaffMember:
    """A user made for a test, with a token to call the API as them."""

    id: int
    username: str
    role: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def staff(session_factory: sessionmaker[Session]) -> dict[str, StaffMember]:
    """An agent, a supervisor, a manager and an admin, each with an API token."""
    people: dict[str, StaffMember] = {}
    with session_factory() as s, s.begin():
        for role in ("agent", "supervisor", "manager", "admin"):
            user = create_user(session=s, username=f"{role}1", password=PASSWORD, role=role)
            issued = create_token(session=s, user=user, name="test")
            people[role] = StaffMember(user.id, user.username, role, issued.raw)
    return people


@pytest.fixture
def agent_client(app_client: TestClient, staff: dict[str, StaffMember]) -> TestClient:
    """A client calling the API as the agent."""
    app_client.headers.update(staff["agent"].headers)
    return app_client

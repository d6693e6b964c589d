"""Fixtures for the security tests: a migrated SQLite file with the demo shop and staff tokens."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.auth.models import StaffUser
from disputedesk.auth.service import create_token, create_user
from disputedesk.customers.models import Customer
from disputedesk.db import make_engine, make_session_factory, unit_of_work
from disputedesk.demo.seed import load_demo
from disputedesk.disputes.models import Dispute, Offer
from disputedesk.migrate import upgrade
from tests.conftest import PASSWORD

DEMO_NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)
ROLES = ("agent", "supervisor", "manager", "admin")


@dataclass
class DemoDatabase:
    """A committed demo database: its engine, session factory, tokens per role and known ids."""

    engine: Engine
    factory: sessionmaker[Session]
    path: Path
    tokens: dict[str, str]
    usernames: dict[str, str]
    dispute_ids: list[int]
    customer_ids: list[int]
    offer_ids: list[int]


def build_demo_database(path: Path) -> DemoDatabase:
    """Migrate a new SQLite file, load the demo shop and give each role a user and a token."""
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    factory = make_session_factory(engine)
    tokens: dict[str, str] = {}
    usernames: dict[str, str] = {}
    with unit_of_work(factory) as session:
        load_demo(session=session, now=DEMO_NOW)
        for role in ROLES:
            user = create_user(
                session=session, username=f"sec-{role}", password=PASSWORD, role=role
            )
            tokens[role] = create_token(session=session, user=user, name="security").raw
            usernames[role] = user.username
    with factory() as session:
        dispute_ids = list(session.scalars(select(Dispute.id).order_by(Dispute.id).limit(20)))
        customer_ids = list(session.scalars(select(Customer.id).order_by(Customer.id).limit(20)))
        offer_ids = list(session.scalars(select(Offer.id).order_by(Offer.id).limit(20)))
        assert session.scalar(select(StaffUser.id).limit(1)) is not None
    return DemoDatabase(
        engine, factory, path, tokens, usernames, dispute_ids, customer_ids, offer_ids
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDatabase]:
    """One demo database per test module (tests here commit for real)."""
    db = build_demo_database(tmp_path_factory.mktemp("secdb") / "demo.sqlite3")
    yield db
    db.engine.dispose()

"""Access links: issued once, signed, expiring with the clock, revocable, and never guessable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from disputedesk.cli import app as cli_app
from disputedesk.config import get_settings
from disputedesk.customers.schemas import CustomerCreate
from disputedesk.customers.service import create_customer
from disputedesk.db import make_engine, make_session_factory, unit_of_work, utcnow
from disputedesk.migrate import upgrade
from disputedesk.portal.models import CustomerLink
from disputedesk.portal.tokens import link_token
from tests.conftest import Clock
from tests.factories import make_customer, make_dispute
from tests.portal.conftest import SECRET, Portal

GONE = "This link is not valid or has expired"


def _token(path: str) -> str:
    return path.removeprefix("/portal/")


def test_a_new_link_opens_the_customers_portal_and_its_path_is_shown_once(
    portal: Portal,
) -> None:
    holder = portal.holder(name="Rosa Lindqvist")
    page = portal.web.get(holder.path)
    assert page.status_code == 200
    assert "Rosa Lindqvist" in page.text
    assert "Blender arrived broken" in page.text
    listed = portal.api.get(f"/api/v1/customers/{holder.customer_id}/links").json()
    assert [link["id"] for link in listed] == [holder.link_id]
    assert "path" not in listed[0]
    assert _token(holder.path) not in str(listed)


def test_the_table_keeps_only_a_hash_of_the_nonce(
    portal: Portal, session_factory: sessionmaker[Session]
) -> None:
    holder = portal.holder()
    with session_factory() as s:
        row = s.get(CustomerLink, holder.link_id)
        assert row is not None
        stored = " ".join(str(getattr(row, c.key)) for c in CustomerLink.__table__.columns)
    assert len(row.nonce_hash) == 64
    assert _token(holder.path) not in stored
    for part in _token(holder.path).split("."):
        assert part not in stored


def test_links_expire_after_fourteen_days_by_the_clock(portal: Portal, clock: Clock) -> None:
    holder = portal.holder()
    clock.advance(days=14, seconds=-1)
    assert portal.web.get(holder.path).status_code == 200
    clock.advance(seconds=1)
    expired = portal.web.get(holder.path)
    assert expired.status_code == 404
    assert GONE in expired.text
    assert portal.web.get(f"{holder.path}/disputes/{holder.dispute_id}").status_code == 404


def test_a_shorter_link_ends_sooner_and_limits_are_checked(portal: Portal, clock: Clock) -> None:
    customer = make_customer(portal.api)
    link = portal.link(customer["id"], valid_days=1)
    clock.advance(days=1)
    assert portal.web.get(link["path"]).status_code == 404
    too_long = portal.api.post(
        f"/api/v1/customers/{customer['id']}/links", json={"valid_days": 365}
    )
    assert too_long.status_code == 422


def test_revoked_links_stop_working_at_once(portal: Portal) -> None:
    holder = portal.holder()
    assert portal.api.delete(f"/api/v1/customer-links/{holder.link_id}").status_code == 204
    gone = portal.web.get(holder.path)
    assert gone.status_code == 404
    assert GONE in gone.text
    assert portal.api.delete(f"/api/v1/customer-links/{holder.link_id}").status_code == 204
    assert portal.api.delete("/api/v1/customer-links/999999").status_code == 404
    listed = portal.api.get(f"/api/v1/customers/{holder.customer_id}/links").json()
    assert listed[0]["revoked_at"] is not None


def test_tampered_forged_and_unknown_tokens_all_answer_the_same_404(portal: Portal) -> None:
    holder = portal.holder()
    token = _token(holder.path)
    flipped = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    payload, signature = token.split(".")
    other_id = link_token(SECRET, holder.link_id + 1000, "whatever")
    wrong_nonce = link_token(SECRET, holder.link_id, "not-the-nonce")
    other_secret = link_token("another-secret-" + "q" * 30, holder.link_id, "x")
    portal.api.delete(f"/api/v1/customer-links/{holder.link_id}")
    revoked = portal.web.get(holder.path)
    bodies = {revoked.text}
    for bad in (
        flipped,
        payload,
        f"{payload}.{signature[::-1]}",
        other_id,
        wrong_nonce,
        other_secret,
        "x" * 600,
        "not-a-token",
    ):
        response = portal.web.get(f"/portal/{bad}")
        assert response.status_code == 404, bad
        bodies.add(response.text)
    assert len(bodies) == 1  # expired, revoked, tampered: nothing tells them apart


def test_a_link_for_one_dispute_must_name_one_of_the_customers_disputes(portal: Portal) -> None:
    holder = portal.holder()
    stranger = make_dispute(portal.api)
    refused = portal.api.post(
        f"/api/v1/customers/{holder.customer_id}/links", json={"dispute_id": stranger["id"]}
    )
    assert refused.status_code == 404
    assert refused.json()["field"] == "dispute_id"
    assert portal.api.post("/api/v1/customers/999999/links").status_code == 404
    scoped = portal.link(holder.customer_id, dispute_id=holder.dispute_id)
    assert scoped["dispute_id"] == holder.dispute_id


def test_only_staff_issue_or_revoke_links(portal: Portal) -> None:
    holder = portal.holder()
    assert portal.web.post(f"/api/v1/customers/{holder.customer_id}/links").status_code == 401
    assert portal.web.delete(f"/api/v1/customer-links/{holder.link_id}").status_code == 401
    assert portal.web.get(holder.path).status_code == 200


def test_last_use_is_recorded_without_a_write_on_every_click(
    portal: Portal, clock: Clock, session_factory: sessionmaker[Session]
) -> None:
    holder = portal.holder()

    def last_used() -> object:
        with session_factory() as s:
            return s.scalar(
                select(CustomerLink.last_used_at).where(CustomerLink.id == holder.link_id)
            )

    assert last_used() is None
    portal.web.get(holder.path)
    first = clock.now
    assert last_used() == first
    clock.advance(minutes=1)
    portal.web.get(holder.path)
    assert last_used() == first
    clock.advance(minutes=5)
    portal.web.get(holder.path)
    assert last_used() == first + timedelta(minutes=6)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("DISPUTEDESK_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DISPUTEDESK_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_cli_issues_a_link_for_a_customer_by_email(cli_env: Path) -> None:
    runner = CliRunner()
    assert runner.invoke(cli_app, ["migrate"]).exit_code == 0
    engine = make_engine(get_settings().resolved_database_url())
    upgrade(engine)
    with unit_of_work(make_session_factory(engine)) as s:
        create_customer(
            session=s, data=CustomerCreate(name="Ola", email="ola@example.com"), now=utcnow()
        )
    made = runner.invoke(cli_app, ["link", "create", "OLA@example.com", "--days", "3"])
    assert made.exit_code == 0, made.output
    path = next(line for line in made.output.splitlines() if line.startswith("/portal/"))
    with make_session_factory(engine)() as s:
        link = s.scalar(select(CustomerLink))
        assert link is not None
        assert link.created_by == "command line"
        assert (link.expires_at - link.created_at).days == 3
    assert len(path) > len("/portal/") + 40
    missing = runner.invoke(cli_app, ["link", "create", "nobody@example.com"])
    assert missing.exit_code == 1
    assert "no customer" in missing.output
    engine.dispose()

"""A live server for browser tests: a migrated SQLite file, seeded data, uvicorn in a thread."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.auth.service import actor_for, create_user
from disputedesk.config import Settings
from disputedesk.customers.schemas import CustomerCreate, OrderCreate
from disputedesk.customers.service import add_order, create_customer
from disputedesk.db import make_engine, make_session_factory
from disputedesk.disputes.schemas import DisputeCreate, MessageCreate
from disputedesk.disputes.service import add_message, open_dispute
from disputedesk.migrate import upgrade
from tests.conftest import PASSWORD, Clock
from tests.web.conftest import web_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Signs customer links and survey links; tests that need them set DISPUTEDESK_SECRET_KEY to it.
SECRET = "browser-secret-" + "x" * 32
# Sets a flag and opens a dialog if it ever runs; the browser test fails on either.
XSS_PAYLOAD = (
    "<script>window.__xss = 1; alert('xss')</script>"
    '<img src=x onerror="window.__xss = 2; alert(2)">'
)
THREAT = (
    "This is the third time I am writing! The blender arrived broken and nobody answers. "
    "If this isn't fixed I will dispute the charge with my bank."
)


def require_browser() -> None:
    """Skip (locally) or fail (under CI) when Chromium or Playwright is missing."""
    problems = []
    if not CHROMIUM.exists():
        problems.append(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("playwright is not installed (pip install playwright)")
    if problems:
        reason = "; ".join(problems)
        if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
            pytest.fail(f"browser tests must run under CI: {reason}")
        pytest.skip(f"browser tests need a browser: {reason}")


@dataclass
class Seeded:
    """What the live server holds: the signed-in user and the disputes made."""

    base_url: str
    username: str
    threat_id: int
    xss_id: int
    clock: Clock
    factory: sessionmaker[Session]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _seed(factory: sessionmaker[Session], clock: Clock) -> tuple[int, int]:
    with factory() as s, s.begin():
        agent = create_user(
            session=s, username="agent1", password=PASSWORD, role="agent", display_name="Ada Agent"
        )
        create_user(session=s, username="sup1", password=PASSWORD, role="supervisor")
        actor = actor_for(agent)
        now = clock()
        customer = create_customer(
            session=s,
            data=CustomerCreate(name="Rosa Lindqvist", email="rosa@example.com", tier="gold"),
            now=now,
        )
        order = add_order(
            session=s,
            customer_id=customer.id,
            data=OrderCreate(
                number="ORD-10042",
                amount_minor=12999,
                purchased_at=datetime(2026, 10, 1, 10, tzinfo=UTC),
                delivered_at=datetime(2026, 10, 4, 10, tzinfo=UTC),
                warranty_until=datetime(2027, 10, 1, 10, tzinfo=UTC),
                fulfilment_status="delivered",
                items=[
                    {"sku": "BL-1", "name": "Blender", "quantity": 1, "unit_amount_minor": 12999}
                ],
            ),
            now=now,
        )
        earlier = open_dispute(
            session=s,
            data=DisputeCreate(
                customer_id=customer.id,
                channel="email",
                subject="Charged for delivery twice",
                description="I was billed twice for the delivery fee.",
            ),
            actor=actor,
            now=now,
        )
        clock.advance(hours=1)
        threat = open_dispute(
            session=s,
            data=DisputeCreate(
                customer_id=customer.id,
                order_id=order.id,
                channel="web",
                subject="Blender arrived broken",
                description=THREAT,
                priority="high",
                desired_outcome="replacement",
            ),
            actor=actor,
            now=clock(),
        )
        clock.advance(minutes=20)
        other = create_customer(session=s, data=CustomerCreate(name="Mallory Test"), now=clock())
        xss = open_dispute(
            session=s,
            data=DisputeCreate(
                customer_id=other.id, subject=f"Hello {XSS_PAYLOAD}", description=XSS_PAYLOAD
            ),
            actor=actor,
            now=clock(),
        )
        add_message(
            session=s,
            dispute_id=xss.id,
            data=MessageCreate(direction="inbound", body=f"Still waiting {XSS_PAYLOAD}"),
            actor=actor,
            now=clock(),
        )
        assert earlier.id
        return threat.id, xss.id


@contextmanager
def live_server(tmp_path: Path) -> Iterator[Seeded]:
    """Run the app on a free 127.0.0.1 port over a freshly migrated SQLite file."""
    engine = make_engine(f"sqlite:///{tmp_path / 'browser.sqlite3'}")
    upgrade(engine)
    factory = make_session_factory(engine)
    clock = Clock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    threat_id, xss_id = _seed(factory, clock)
    settings = Settings(data_dir=tmp_path, secret_key=SECRET)
    app = web_app(settings, factory, clock)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Seeded(f"http://127.0.0.1:{port}", "agent1", threat_id, xss_id, clock, factory)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        engine.dispose()


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@contextmanager
def recording_tab(browser: Any, base_url: str) -> Iterator[Any]:
    """A fresh browser context whose tab records dialogs, page errors and console errors."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1360, "height": 900})
    tab = context.new_page()
    tab.dialogs = []
    tab.errors = []
    tab.on("dialog", lambda d: (tab.dialogs.append(d.message), d.dismiss()))
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()


def shot(tab: Any, name: str) -> Path:
    """A full-page screenshot in the artifacts folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    # caret="initial": hiding the caret injects a <style>, which the CSP (rightly) blocks.
    tab.screenshot(path=str(path), full_page=True, caret="initial")
    return path


def sign_in(tab: Any, username: str, target: str) -> None:
    """Open `target`, get sent to the sign-in form, sign in, and land back on `target`."""
    tab.goto(target)
    tab.get_by_label("Username").fill(username)
    tab.get_by_label("Password").fill(PASSWORD)
    tab.get_by_role("button", name="Sign in").click()
    tab.wait_for_url(f"**{target}")

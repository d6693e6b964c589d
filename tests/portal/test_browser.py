"""The portal in a real headless Chromium: a customer files a dispute, then replies on it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from disputedesk.actors import SYSTEM
from disputedesk.config import Settings, get_settings
from disputedesk.customers.schemas import CustomerCreate, OrderCreate
from disputedesk.customers.service import add_order, create_customer
from disputedesk.db import make_engine, make_session_factory
from disputedesk.migrate import upgrade
from disputedesk.portal.service import create_link
from tests.conftest import Clock
from tests.portal.conftest import SECRET
from tests.web.browser_support import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, require_browser
from tests.web.conftest import web_app

pytestmark = pytest.mark.browser


@dataclass
class PortalServer:
    """The live server and the customer's portal path on it."""

    base_url: str
    path: str


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PortalServer]:
    """A migrated SQLite file with one customer, their order and a link, served by uvicorn."""
    require_browser()
    folder: Path = tmp_path_factory.mktemp("portal-browser")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISPUTEDESK_SECRET_KEY", SECRET)
        get_settings.cache_clear()
        engine = make_engine(f"sqlite:///{folder / 'portal.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        clock = Clock(datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
        with factory() as s, s.begin():
            customer = create_customer(
                session=s,
                data=CustomerCreate(name="Rosa Lindqvist", email="rosa@example.com"),
                now=clock(),
            )
            add_order(
                session=s,
                customer_id=customer.id,
                data=OrderCreate(
                    number="ORD-10042",
                    amount_minor=12999,
                    purchased_at=datetime(2026, 10, 1, 10, tzinfo=UTC),
                    delivered_at=datetime(2026, 10, 4, 10, tzinfo=UTC),
                    fulfilment_status="delivered",
                    items=[
                        {
                            "sku": "BL-1",
                            "name": "Blender",
                            "quantity": 1,
                            "unit_amount_minor": 12999,
                        }
                    ],
                ),
                now=clock(),
            )
            path = create_link(
                session=s, customer_id=customer.id, dispute_id=None, now=clock(), actor=SYSTEM
            ).path
        app = web_app(Settings(data_dir=folder, secret_key=SECRET), factory, clock)
        port = _free_port()
        uv = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
        )
        thread = threading.Thread(target=uv.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 15
        while not uv.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)  # waiting for a server thread to bind, not for the clock
        try:
            yield PortalServer(f"http://127.0.0.1:{port}", path)
        finally:
            uv.should_exit = True
            thread.join(timeout=10)
            engine.dispose()
    get_settings.cache_clear()


@pytest.fixture
def page(server: PortalServer) -> Iterator[Any]:
    """A Chromium tab that records dialogs and CSP or script errors."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(
            base_url=server.base_url, viewport={"width": 1100, "height": 900}
        )
        tab: Any = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda e: tab.errors.append(str(e)))
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        tab.on("dialog", lambda d: (tab.errors.append("dialog: " + d.message), d.dismiss()))
        yield tab
        context.close()
        browser.close()


def _shot(tab: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_a_customer_files_a_dispute_and_replies(page: Any, server: PortalServer) -> None:
    page.goto(server.path)
    assert page.get_by_role("heading", name="Your disputes").is_visible()
    assert page.get_by_text("You have no disputes with us yet").is_visible()
    _shot(page, "portal-home-empty")
    page.get_by_role("link", name="File a new dispute").click()
    page.wait_for_url("**/disputes/new")
    page.get_by_label("What is it about?").fill("Blender arrived with a cracked jug")
    page.get_by_label("Which order?").select_option(label="ORD-10042 · 2026-10-01 · Blender")
    page.get_by_label("What would you like us to do?").select_option("replacement")
    page.get_by_label("What happened?").fill(
        "The blender I ordered arrived with a cracked jug. <script>alert(1)</script> "
        "Could you send a replacement?"
    )
    _shot(page, "portal-new-dispute")
    page.get_by_role("button", name="Send my dispute").click()
    page.wait_for_url(lambda url: url.endswith("?done=filed"))
    assert page.get_by_role("heading", name="Blender arrived with a cracked jug").is_visible()
    assert page.get_by_text("your dispute has been received").is_visible()
    assert page.get_by_text("ORD-10042").is_visible()
    page.get_by_label("Your message").fill("One more thing: the box was also crushed.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_url(lambda url: url.endswith("?done=reply"))
    bodies = page.locator(".message-inbound .message-body").all_inner_texts()
    assert bodies[-1] == "One more thing: the box was also crushed."
    assert "<script>alert(1)</script>" in bodies[0]  # shown as text, never run
    _shot(page, "portal-dispute-after-reply")
    page.get_by_role("link", name="All your disputes").click()
    assert page.get_by_role("link", name="Blender arrived with a cracked jug").is_visible()
    assert page.errors == []

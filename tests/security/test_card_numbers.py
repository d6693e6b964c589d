"""Card numbers typed into any entry point never reach the database or the logs in full.

Each probe sends its own Luhn-valid number (13 to 19 digits, plain, spaced or dashed) through
one way text enters today: the REST API, the web forms, the CLI and bad input that ends in an
error. Then the whole store is searched for each number's digits with any separators: the raw
bytes of the SQLite file and its WAL (after a checkpoint), or every row of every table of the
PostgreSQL database as text; and every log record captured at DEBUG.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, LargeBinary, inspect, text
from sqlalchemy.orm import Session, sessionmaker
from typer.testing import CliRunner

from disputedesk.app import create_app
from disputedesk.auth.service import create_token, create_user
from disputedesk.cli import app as cli_app
from disputedesk.config import Settings, get_settings
from disputedesk.db import make_session_factory
from tests.conftest import PASSWORD, Clock, fresh_database
from tests.factories import make_customer, make_dispute, make_order
from tests.security.card_probes_channels import CHANNEL_NOT_STORED, CHANNEL_PROBES
from tests.security.card_probes_chargebacks import (
    CHARGEBACK_NOT_STORED,
    CHARGEBACK_PROBES,
    CHARGEBACK_SECRET,
)
from tests.security.conftest import DEMO_NOW
from tests.web.conftest import csrf_of, sign_in

KNOWN_TEST_CARDS = ["4111111111111111", "378282246310005", "5555555555554444", "4222222222222"]


def luhn_ok(digits: str) -> bool:
    """Whether a digit string passes the Luhn check."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def with_check_digit(body: str) -> str:
    """`body` followed by the digit that makes it Luhn-valid."""
    return next(body + str(d) for d in range(10) if luhn_ok(body + str(d)))


def card_for(index: int) -> str:
    """A distinct Luhn-valid number per probe: the known test cards first, then 13-19 digits."""
    if index < len(KNOWN_TEST_CARDS):
        return KNOWN_TEST_CARDS[index]
    length = 13 + index % 7
    prefix = ("4", "51", "37", "6011")[index % 4]
    body = prefix + f"{index:0{length - 1 - len(prefix)}d}"
    return with_check_digit(body)


def formatted(digits: str, style: int) -> str:
    """The number as people type it: plain, in groups of four with spaces, or with dashes."""
    if style == 0:
        return digits
    groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return (" ", "-")[style % 2].join(groups) if style else digits


def pattern(digits: str) -> re.Pattern[bytes]:
    """The digits with any run of separators between them."""
    return re.compile(rb"[\s\-./]*".join(d.encode() for d in digits))


@dataclass
class Probe:
    """One entry point and the number it sent."""

    name: str
    digits: str = ""
    typed: str = ""


@dataclass
class Ctx:
    """What a probe needs: API clients, a signed-in web client and ids that exist."""

    api: TestClient
    admin: TestClient
    web: TestClient
    web_csrf: str
    db_url: str
    dispute_id: int = 0
    customer_id: int = 0
    extras: dict[str, Any] = field(default_factory=dict)

    def dispute(self, client: TestClient | None = None) -> dict[str, Any]:
        data: dict[str, Any] = (
            (client or self.api).get(f"/api/v1/disputes/{self.dispute_id}").json()
        )
        return data


def _ok(response: Any, *codes: int) -> Any:
    assert response.status_code in (codes or (200, 201)), response.text
    return response


def _p_customer_create(c: Ctx, card: str) -> None:
    make_customer(c.api, name=f"Ann {card}")


def _p_customer_update(c: Ctx, card: str) -> None:
    _ok(c.api.patch(f"/api/v1/customers/{c.customer_id}", json={"name": f"Bo {card}"}))


def _p_customer_phone(c: Ctx, card: str) -> None:
    response = c.api.post("/api/v1/customers", json={"name": "Phone Probe", "phone": card})
    assert response.status_code == 422, response.text


def _p_customer_external_ref(c: Ctx, card: str) -> None:
    make_customer(c.api, name="Ref Probe", external_ref=f"ref {card}")


def _p_order_item_name(c: Ctx, card: str) -> None:
    item = {"sku": "X-1", "name": f"Gift card {card}", "quantity": 1, "unit_amount_minor": 100}
    make_order(c.api, c.customer_id, items=[item], amount_minor=100)


def _p_dispute_subject(c: Ctx, card: str) -> None:
    make_dispute(c.api, c.customer_id, subject=f"Charged twice on {card}")


def _p_dispute_description(c: Ctx, card: str) -> None:
    make_dispute(c.api, c.customer_id, description=f"My card {card} was charged twice.")


def _p_dispute_update_subject(c: Ctx, card: str) -> None:
    version = c.dispute()["version"]
    _ok(
        c.api.patch(
            f"/api/v1/disputes/{c.dispute_id}",
            json={"version": version, "subject": f"Card {card}"},
        )
    )


def _message(direction: str) -> Callable[[Ctx, str], None]:
    def probe(c: Ctx, card: str) -> None:
        body: dict[str, Any] = {"direction": direction, "body": f"The card is {card}, thanks."}
        if direction == "outbound":
            body["override_reason"] = "security probe"
        _ok(c.api.post(f"/api/v1/disputes/{c.dispute_id}/messages", json=body), 201)

    return probe


def _p_message_author(c: Ctx, card: str) -> None:
    body = {"direction": "inbound", "body": "Hello", "author_name": f"Card {card}"}
    _ok(c.api.post(f"/api/v1/disputes/{c.dispute_id}/messages", json=body), 201)


def _p_override_reason(c: Ctx, card: str) -> None:
    body = {"direction": "outbound", "body": "It is your fault.", "override_reason": card}
    c.api.post(f"/api/v1/disputes/{c.dispute_id}/messages", json=body)


def _p_escalation_reason(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id)
    body = {"level": "supervisor", "reason": f"Card {card} charged", "version": d["version"]}
    _ok(c.api.post(f"/api/v1/disputes/{d['id']}/escalation", json=body))


def _p_transition_reason(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id)
    body = {"to": "acknowledged", "version": d["version"], "reason": f"card {card}"}
    _ok(c.api.post(f"/api/v1/disputes/{d['id']}/transitions", json=body))


def _p_resolve_reason(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id)
    body = {
        "to": "resolved",
        "version": d["version"],
        "outcome": "explained",
        "root_cause": "billing_error",
        "reason": f"card {card}",
        "send_survey": False,
        "no_survey_reason": f"asked not to, card {card}",
    }
    _ok(c.api.post(f"/api/v1/disputes/{d['id']}/transitions", json=body))


def _offer_dispute(c: Ctx, amount: int) -> dict[str, Any]:
    # A customer of its own: the policy allows one full refund per customer in 90 days.
    customer_id = make_customer(c.api)["id"]
    order = make_order(
        c.api,
        customer_id,
        amount_minor=amount,
        purchased_at="2026-10-20T10:00:00Z",
        delivered_at="2026-10-25T10:00:00Z",
    )
    return make_dispute(
        c.api,
        customer_id,
        order_id=order["id"],
        amount_minor=amount,
        category="refund",
        description="I returned it and want my money back.",
    )


def _p_offer_note(c: Ctx, card: str) -> None:
    d = _offer_dispute(c, 5_000)
    body = {"remedy": "refund_full", "amount_minor": 5_000, "note": f"to card {card}"}
    offer = _ok(c.api.post(f"/api/v1/disputes/{d['id']}/offers", json=body), 201).json()
    c.extras["offer_id"] = offer["id"]


def _p_answer_note(c: Ctx, card: str) -> None:
    d = _offer_dispute(c, 4_000)
    made = c.api.post(
        f"/api/v1/disputes/{d['id']}/offers", json={"remedy": "refund_full", "amount_minor": 4_000}
    )
    offer = _ok(made, 201).json()
    answer = {"accept": True, "note": f"refund to {card}"}
    _ok(c.api.post(f"/api/v1/offers/{offer['id']}/answer", json=answer))


def _p_approval_reason(c: Ctx, card: str) -> None:
    d = _offer_dispute(c, 25_000)
    made = c.api.post(
        f"/api/v1/disputes/{d['id']}/offers",
        json={"remedy": "refund_full", "amount_minor": 25_000},
    )
    offer = _ok(made, 201).json()
    decision = {"approve": True, "reason": f"ok, card {card}"}
    _ok(c.admin.post(f"/api/v1/offers/{offer['id']}/approval", json=decision))


def _p_analyze(c: Ctx, card: str) -> None:
    _ok(c.api.post("/api/v1/analyze", json={"text": f"Refund my card {card} now!"}))


def _p_coach(c: Ctx, card: str) -> None:
    c.api.post("/api/v1/coach", json={"draft": f"We refunded your card {card}."})


def _p_draft_after_card(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id, description=f"Card {card} charged twice")
    _ok(c.api.post(f"/api/v1/disputes/{d['id']}/draft", json={}))


def _p_staff_display_name(c: Ctx, card: str) -> None:
    body = {
        "username": f"u{card[-6:].replace(' ', '').replace('-', '')}",
        "password": PASSWORD,
        "role": "agent",
        "display_name": f"Card {card}",
    }
    _ok(c.admin.post("/api/v1/users", json=body), 201)


def _p_token_name(c: Ctx, card: str) -> None:
    _ok(c.api.post("/api/v1/tokens", json={"name": f"card {card}"}), 201)


def _p_tags(c: Ctx, card: str) -> None:
    version = c.dispute()["version"]
    c.api.patch(f"/api/v1/disputes/{c.dispute_id}", json={"version": version, "tags": [card]})


def _p_search_query(c: Ctx, card: str) -> None:
    c.api.get("/api/v1/disputes", params={"q": card})
    c.api.get("/api/v1/customers", params={"q": card})


def _p_login_username(c: Ctx, card: str) -> None:
    anon = TestClient(c.api.app)
    anon.post("/api/v1/auth/login", json={"username": card, "password": "wrong password"})


def _p_web_login_username(c: Ctx, card: str) -> None:
    anon = TestClient(c.api.app)
    page = anon.get("/login")
    anon.post(
        "/login",
        data={"username": card, "password": "nope", "csrf_token": csrf_of(page.text)},
    )


def _p_web_message(c: Ctx, card: str) -> None:
    data = {"csrf_token": c.web_csrf, "direction": "note", "body": f"card {card}"}
    c.web.post(f"/desk/disputes/{c.dispute_id}/messages", data=data, follow_redirects=False)


def _p_web_transition(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id)
    data = {
        "csrf_token": c.web_csrf,
        "to": "acknowledged",
        "version": str(d["version"]),
        "reason": f"card {card}",
    }
    c.web.post(f"/desk/disputes/{d['id']}/transition", data=data, follow_redirects=False)


def _p_web_escalate(c: Ctx, card: str) -> None:
    d = make_dispute(c.api, c.customer_id)
    data = {
        "csrf_token": c.web_csrf,
        "level": "supervisor",
        "version": str(d["version"]),
        "reason": f"card {card}",
    }
    c.web.post(f"/desk/disputes/{d['id']}/escalate", data=data, follow_redirects=False)


def _p_cli_display_name(c: Ctx, card: str) -> None:
    get_settings.cache_clear()
    result = CliRunner().invoke(
        cli_app,
        ["user", "add", "cli-card", "--display-name", f"Card {card}", "--password", PASSWORD],
        env={"DISPUTEDESK_DATABASE_URL": c.db_url, "DISPUTEDESK_DATA_DIR": c.extras["tmp"]},
    )
    get_settings.cache_clear()
    assert result.exit_code == 0, result.output


def _portal_token(c: Ctx) -> str:
    if "portal" not in c.extras:
        issued = _ok(c.admin.post(f"/api/v1/customers/{c.customer_id}/links", json={}), 201)
        c.extras["portal"] = issued.json()["path"].rsplit("/", 1)[-1]
    token: str = c.extras["portal"]
    return token


def _p_portal_api_reply(c: Ctx, card: str) -> None:
    headers = {"X-Customer-Link": _portal_token(c)}
    body = {"body": f"Please refund card {card}"}
    url = f"/api/v1/portal/disputes/{c.dispute_id}/messages"
    _ok(TestClient(c.api.app).post(url, json=body, headers=headers), 201)


def _p_portal_web_new_dispute(c: Ctx, card: str) -> None:
    token = _portal_token(c)
    anon = TestClient(c.api.app)
    page = anon.get(f"/portal/{token}/disputes/new")
    found = re.search(r'name="form_token" value="([^"]+)"', page.text)
    assert found, "no form_token on the portal form"
    form = {
        "subject": f"Card {card} charged",
        "description": f"My card {card} was charged twice for one order.",
        "form_token": found.group(1),
    }
    response = anon.post(f"/portal/{token}/disputes", data=form, follow_redirects=False)
    assert response.status_code == 303, response.text[:300]


def _p_invalid_body(c: Ctx, card: str) -> None:
    body = {"customer_id": "not a number", "subject": card, "description": f"card {card}"}
    response = c.api.post("/api/v1/disputes", json=body)
    assert response.status_code == 422
    assert pattern(card.replace(" ", "").replace("-", "")).search(response.content) is None


def _p_invalid_type(c: Ctx, card: str) -> None:
    response = c.api.post("/api/v1/customers", json={"name": card, "tier": {"card": card}})
    assert response.status_code == 422
    assert pattern(card.replace(" ", "").replace("-", "")).search(response.content) is None


def _p_oversize_body(c: Ctx, card: str) -> None:
    filler = "x" * 70_000
    body = {"customer_id": c.customer_id, "subject": card, "description": f"{card} {filler}"}
    assert c.api.post("/api/v1/disputes", json=body).status_code == 413


def _p_not_json(c: Ctx, card: str) -> None:
    response = c.api.post(
        "/api/v1/customers", content=f"name={card}", headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 415


def _p_bad_json(c: Ctx, card: str) -> None:
    response = c.api.post(
        "/api/v1/customers",
        content=f'{{"name": "{card}", ',
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code in (400, 422)
    assert pattern(card.replace(" ", "").replace("-", "")).search(response.content) is None


PROBES: dict[str, Callable[[Ctx, str], None]] = {
    "api customer name": _p_customer_create,
    "api customer name update": _p_customer_update,
    "api customer phone": _p_customer_phone,
    "api customer external_ref": _p_customer_external_ref,
    "api order item name": _p_order_item_name,
    "api dispute subject": _p_dispute_subject,
    "api dispute description": _p_dispute_description,
    "api dispute subject update": _p_dispute_update_subject,
    "api dispute tags": _p_tags,
    "api message inbound": _message("inbound"),
    "api message outbound": _message("outbound"),
    "api message note": _message("note"),
    "api message author_name": _p_message_author,
    "api message override_reason": _p_override_reason,
    "api escalation reason": _p_escalation_reason,
    "api transition reason": _p_transition_reason,
    "api resolve reasons": _p_resolve_reason,
    "api offer note": _p_offer_note,
    "api customer answer note": _p_answer_note,
    "api approval reason": _p_approval_reason,
    "api analyze": _p_analyze,
    "api coach": _p_coach,
    "api draft from a carded dispute": _p_draft_after_card,
    "api staff display_name": _p_staff_display_name,
    "api token name": _p_token_name,
    "api search queries": _p_search_query,
    "api login username": _p_login_username,
    "web login username": _p_web_login_username,
    "web message form": _p_web_message,
    "web transition form": _p_web_transition,
    "web escalation form": _p_web_escalate,
    "cli user display name": _p_cli_display_name,
    "portal api reply": _p_portal_api_reply,
    "portal web new dispute": _p_portal_web_new_dispute,
    "error 422 wrong type": _p_invalid_body,
    "error 422 nested": _p_invalid_type,
    "error 413 oversize": _p_oversize_body,
    "error 415 not json": _p_not_json,
    "error 400 broken json": _p_bad_json,
    **CHANNEL_PROBES,
    **CHARGEBACK_PROBES,
}
# Probes that store nothing on purpose (read-only, refused, or answered with an error).
NOT_STORED = {
    "api customer phone",  # refused with 422: a card number is not a phone number
    "api analyze",
    "api coach",
    "api search queries",
    "api login username",
    "web login username",
    "api dispute tags",
    "error 422 wrong type",
    "error 422 nested",
    "error 413 oversize",
    "error 415 not json",
    "error 400 broken json",
    *CHANNEL_NOT_STORED,
    *CHARGEBACK_NOT_STORED,
}
KNOWN_LEAKS: dict[str, str] = {}


@dataclass
class Evidence:
    """Everything stored and logged after all probes ran."""

    probes: dict[str, Probe]
    stored: bytes
    logs: bytes
    failures: dict[str, str]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.startswith(("httpx", "httpcore")):
            return  # the test client's own request log, not the server's
        self.lines.append(self.format(record))
        if record.exc_info:
            self.lines.append(logging.Formatter().formatException(record.exc_info))


def _stored(engine: Engine) -> bytes:
    if engine.dialect.name == "sqlite":
        path = Path(str(engine.url.database))
        engine.dispose()
        raw = sqlite3.connect(path)
        try:
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        finally:
            raw.close()
        parts = [path.read_bytes()]
        parts += [
            Path(f"{path}{s}").read_bytes()
            for s in ("-wal", "-journal")
            if Path(f"{path}{s}").exists()
        ]
        return b"\n".join(parts)
    chunks: list[bytes] = []
    with engine.connect() as conn:
        inspector = inspect(conn)
        for table in inspector.get_table_names():
            rows = conn.execute(text(f'SELECT t::text FROM "{table}" t')).scalars()
            chunks.extend(str(row).encode() for row in rows)
            # Binary columns read as hex in a row's text: search their bytes too (attachments).
            for column in inspector.get_columns(table):
                if isinstance(column["type"], LargeBinary):
                    blobs = conn.execute(text(f'SELECT "{column["name"]}" FROM "{table}"'))
                    chunks.extend(bytes(b) for b in blobs.scalars() if b is not None)
    return b"\n".join(chunks)


def _run_probes(engine: Engine, tmp: Path) -> Evidence:
    factory: sessionmaker[Session] = make_session_factory(engine)
    with factory() as s, s.begin():
        agent = create_user(session=s, username="probe-agent", password=PASSWORD, role="agent")
        admin = create_user(session=s, username="probe-admin", password=PASSWORD, role="admin")
        tokens = {
            "agent": create_token(session=s, user=agent, name="t").raw,
            "admin": create_token(session=s, user=admin, name="t").raw,
        }
    settings = Settings(data_dir=tmp, secret_key="s" * 40, max_body_bytes=65536)
    app = create_app(settings=settings, session_factory=factory, clock=Clock(DEMO_NOW))
    probes = {
        name: Probe(name, card_for(i), formatted(card_for(i), i % 3))
        for i, name in enumerate(PROBES)
    }
    failures: dict[str, str] = {}
    collect = _Collect()
    root = logging.getLogger()
    old_level = root.level
    # SQL statement logging (sqlalchemy.engine at INFO) is an operator's debugging switch, not
    # the application's log: it is kept at WARNING as in production.
    sa_logger = logging.getLogger("sqlalchemy")
    sa_old = sa_logger.level
    root.addHandler(collect)
    root.setLevel(logging.DEBUG)
    sa_logger.setLevel(logging.WARNING)
    try:
        with (
            TestClient(app, raise_server_exceptions=False) as api,
            TestClient(app, raise_server_exceptions=False) as admin_client,
            TestClient(app, raise_server_exceptions=False) as web,
        ):
            api.headers["Authorization"] = f"Bearer {tokens['agent']}"
            admin_client.headers["Authorization"] = f"Bearer {tokens['admin']}"
            ctx = Ctx(api, admin_client, web, sign_in(web, "probe-agent"), _url(engine))
            ctx.extras["tmp"] = str(tmp)
            ctx.customer_id = make_customer(api)["id"]
            ctx.dispute_id = make_dispute(api, ctx.customer_id)["id"]
            for name, run in PROBES.items():
                try:
                    run(ctx, probes[name].typed)
                except AssertionError as exc:
                    failures[name] = str(exc)[:300]
    finally:
        root.removeHandler(collect)
        root.setLevel(old_level)
        sa_logger.setLevel(sa_old)
    # What the commands printed counts as their log.
    logged = [*collect.lines, *ctx.extras.get("outputs", [])]
    return Evidence(probes, _stored(engine), "\n".join(logged).encode(), failures)


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture(scope="module")
def evidence(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Evidence]:
    """All probes run once per backend on a database of their own."""
    folder = tmp_path_factory.mktemp("cards")
    with pytest.MonkeyPatch.context() as patch, fresh_database(backend, folder) as engine:
        # The portal signs its form tokens with the process settings' secret key.
        patch.setenv("DISPUTEDESK_SECRET_KEY", "s" * 40)
        patch.setenv("DISPUTEDESK_CHARGEBACK_SECRET", CHARGEBACK_SECRET)
        get_settings.cache_clear()
        try:
            yield _run_probes(engine, folder)
        finally:
            get_settings.cache_clear()


def _marks(name: str) -> list[pytest.MarkDecorator]:
    reason = KNOWN_LEAKS.get(name)
    return [pytest.mark.xfail(strict=True, reason=reason)] if reason else []


@pytest.mark.parametrize("name", [pytest.param(n, marks=_marks(n)) for n in PROBES])
def test_card_number_is_not_stored_or_logged(evidence: Evidence, name: str) -> None:
    probe = evidence.probes[name]
    assert name not in evidence.failures, f"the probe itself failed: {evidence.failures[name]}"
    found = pattern(probe.digits)
    stored = found.search(evidence.stored)
    assert stored is None, (
        f"{probe.typed!r} from {name} is stored: ...{_around(evidence.stored, stored)}..."
    )
    if name not in NOT_STORED and name not in KNOWN_LEAKS:
        # The text did arrive: its masked form is there, so the probe reached the store.
        masked = f"[card ending {probe.digits[-4:]}]".encode()
        assert masked in evidence.stored, f"{name} stored nothing; the probe missed its target"
    logged = found.search(evidence.logs)
    assert logged is None, (
        f"{probe.typed!r} from {name} is logged: ...{_around(evidence.logs, logged)}..."
    )


def _around(data: bytes, match: re.Match[bytes]) -> str:
    return data[max(0, match.start() - 60) : match.end() + 20].decode("utf-8", "replace")


def test_probe_numbers_are_luhn_valid_and_distinct() -> None:
    numbers = [card_for(i) for i in range(len(PROBES))]
    assert all(luhn_ok(n) for n in numbers)
    assert len(set(numbers)) == len(numbers)
    assert {len(n) for n in numbers} >= set(range(13, 20))
    assert not luhn_ok("4111111111111112")


def test_the_search_finds_a_number_with_any_separator() -> None:
    """The detector itself can fail: a stored number in any spacing is found."""
    found = pattern("4111111111111111")
    assert found.search(b"x 4111 1111-1111.1111 y")
    assert found.search(b'{"v": "4111111111111111"}')
    assert not found.search(b"[card ending 1111]")

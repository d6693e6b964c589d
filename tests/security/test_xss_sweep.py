"""Stored script payloads in every free-text field, opened on every page in headless Chromium.

The data is seeded through the services (not the pages) into a freshly migrated SQLite file; a
live uvicorn server serves it; Chromium opens each staff, portal and survey page that shows the
fields. A page fails when `window.__xss` is set, a dialog opens, a request to `/xss-...` is
made (refresh, @import, htmx, <base>), the live DOM holds an injected handler, `javascript:` URL
or script element, or a template payload renders evaluated (`zz49zz`).
"""

from __future__ import annotations

import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import pytest
import uvicorn
import yaml
from pydantic import ValidationError
from sqlalchemy.orm import Session, sessionmaker

from disputedesk.actors import Actor
from disputedesk.auth.service import actor_for, create_user
from disputedesk.config import Settings, get_settings
from disputedesk.customers.schemas import CustomerCreate, OrderCreate
from disputedesk.customers.service import add_order, create_customer
from disputedesk.db import make_engine, make_session_factory
from disputedesk.disputes.schemas import (
    AssignRequest,
    DisputeCreate,
    EscalateRequest,
    MessageCreate,
    parse_transition,
)
from disputedesk.disputes.service import (
    add_message,
    assign_dispute,
    escalate_dispute,
    get_dispute,
    open_dispute,
    transition_dispute,
)
from disputedesk.migrate import upgrade
from disputedesk.policies.loader import DEFAULT_PACK
from disputedesk.portal.service import create_link
from disputedesk.remedies.policy_store import upload_policy
from disputedesk.remedies.schemas import ApprovalDecision, CustomerAnswer, OfferCreate
from disputedesk.remedies.service import answer_offer, decide_approval, make_offer
from disputedesk.workflow.followups import answer_survey, survey_token
from disputedesk.workflow.jobs import run_one
from disputedesk.workflow.models import Survey
from tests.conftest import PASSWORD, Clock
from tests.security.xss_payloads import EVALUATED, PAYLOADS, Payload, email_payloads
from tests.web.browser_support import CHROMIUM, CHROMIUM_ARGS, require_browser
from tests.web.conftest import web_app

pytestmark = pytest.mark.browser

SECRET = "xss-sweep-secret-" + "s" * 32
SLICE = 3  # payloads per dispute
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

# Looks at the live DOM for anything a payload could only have put there as markup.
_SCAN = r"""() => {
  const found = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const n = a.name.toLowerCase(), v = a.value;
      const probe = /__xss|\/xss-|xssp\d\d/.test(v);
      if ((n.startsWith('on') || n.startsWith('hx-') || urlAttrs.includes(n)) && probe) {
        found.push(el.tagName + '[' + n + ']=' + v.slice(0, 120));
      } else if (urlAttrs.includes(n) && /^\s*javascript:/i.test(v)) {
        found.push(el.tagName + '[' + n + ']=' + v.slice(0, 120));
      }
    }
    const tag = el.tagName.toLowerCase();
    if (['script', 'style', 'iframe', 'object', 'base', 'meta'].includes(tag)) {
      const text = (el.textContent || '') + ' ' + (el.getAttribute('content') || '');
      if (/__xss|\/xss-|xssp\d\d/.test(text)) {
        found.push(tag + ': ' + text.slice(0, 120));
      }
    }
  }
  return found;
}"""


@dataclass
class Planted:
    """What was stored where: dispute ids, links, and the (payload, field) pairs planted."""

    base_url: str
    clock: Clock
    disputes: list[tuple[int, list[Payload]]] = field(default_factory=list)
    portal_paths: list[tuple[str, list[Payload]]] = field(default_factory=list)
    survey_path: str = ""
    pairs: set[tuple[int, str]] = field(default_factory=set)
    emails: int = 0

    def put(self, payloads: list[Payload], code: str, *, limit: int = 100_000) -> str:
        """The slice's payloads for one field, as many as fit in `limit` characters."""
        parts: list[str] = []
        for p in payloads:
            text = p.tagged(code)
            if len("\n".join([*parts, text])) > limit:
                continue
            parts.append(text)
            self.pairs.add((p.index, code))
        return "\n".join(parts)


@dataclass
class Sweep:
    """Figures of the sweep and what went wrong, page by page."""

    visits: int = 0
    pages: set[str] = field(default_factory=set)
    findings: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _policy_text(planted: Planted) -> str:
    """The shipped policy as version 2, with payloads in every clause title, text and boundary."""
    from importlib import resources

    pack = resources.files("disputedesk.policies").joinpath("packs", DEFAULT_PACK)
    doc = yaml.safe_load(pack.read_text(encoding="utf-8"))
    doc["version"] = 2
    clauses = doc["clauses"]
    doc["description"] = planted.put(PAYLOADS, "pdsc")
    for i, clause in enumerate(clauses):
        share = PAYLOADS[i :: len(clauses)]
        clause["title"] = planted.put(share, "ptit", limit=300)
        clause["text"] = planted.put(share, "ptxt")
        if clause.get("boundary"):
            clause["boundary"] = planted.put(share, "pbnd")
    return str(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


def _run_jobs(factory: sessionmaker[Session], now: datetime) -> None:
    for _ in range(500):
        if not run_one(factory, now=now, worker="xss-sweep"):
            return


def _move(s: Session, dispute_id: int, actor: Actor, now: datetime, **data: Any) -> None:
    dispute = get_dispute(session=s, dispute_id=dispute_id)
    request = parse_transition({"version": dispute.version, **data})
    transition_dispute(session=s, dispute_id=dispute_id, data=request, actor=actor, now=now)


def _seed(factory: sessionmaker[Session], planted: Planted) -> None:
    clock = planted.clock
    slices = [PAYLOADS[i : i + SLICE] for i in range(0, len(PAYLOADS), SLICE)]
    with factory() as s, s.begin():
        admin = create_user(
            session=s,
            username="sweep-admin",
            password=PASSWORD,
            role="admin",
            display_name=planted.put(PAYLOADS[-SLICE:], "adm", limit=200),
        )
        boss = actor_for(admin)
        upload_policy(
            session=s, text=_policy_text(planted), source_name="xss.yaml", actor=boss, now=clock()
        )
        # Tags refuse markup outright ([\w.:-]+): nothing to plant there.
        with pytest.raises(ValidationError):
            DisputeCreate(customer_id=1, subject="s", description="d", tags=["<b>x</b>"])
    for n, chunk in enumerate(slices, start=1):
        with factory() as s, s.begin():
            now = clock()
            agent_user = create_user(
                session=s,
                username=f"sweep-agent{n}",
                password=PASSWORD,
                role="agent",
                display_name=planted.put(chunk, "staff", limit=200),
            )
            agent = actor_for(agent_user)
            emails = email_payloads("mail", n)
            planted.emails += 1
            customer = create_customer(
                session=s,
                data=CustomerCreate(
                    name=planted.put(chunk, "cname", limit=200),
                    email=emails[n % len(emails)],
                    external_ref=planted.put(chunk, "cref", limit=100) or None,
                ),
                now=now,
            )
            items = [
                {
                    "sku": p.tagged("sku")[:300],
                    "name": p.tagged("item"),
                    "quantity": 1,
                    "unit_amount_minor": 4333,
                }
                for p in chunk
            ]
            planted.pairs.update((p.index, c) for p in chunk for c in ("sku", "item"))
            order = add_order(
                session=s,
                customer_id=customer.id,
                data=OrderCreate(
                    number=f"ORD-X{n:03d}",
                    amount_minor=12999,
                    purchased_at=now - timedelta(days=10),
                    delivered_at=now - timedelta(days=5),
                    warranty_until=now + timedelta(days=300),
                    fulfilment_status="delivered",
                    items=items,
                ),
                now=now,
            )
            dispute = open_dispute(
                session=s,
                data=DisputeCreate(
                    customer_id=customer.id,
                    order_id=order.id,
                    channel="web",
                    subject=planted.put(chunk, "subj", limit=300),
                    description=planted.put(chunk, "desc"),
                    priority="high",
                    tags=[f"sweep-{n}"],
                ),
                actor=agent,
                now=now,
            )
            did = dispute.id
            version = get_dispute(session=s, dispute_id=did).version
            assign_dispute(
                session=s,
                dispute_id=did,
                data=AssignRequest(assignee_id=agent_user.id, version=version),
                actor=boss,
                now=now,
            )
            for direction, code in (("inbound", "in"), ("outbound", "out"), ("note", "note")):
                add_message(
                    session=s,
                    dispute_id=did,
                    data=MessageCreate(
                        direction=direction,
                        body=planted.put(chunk, code),
                        author_name=planted.put(chunk, "inau", limit=200)
                        if direction == "inbound"
                        else None,
                    ),
                    actor=agent,
                    now=now,
                )
            _move(s, did, agent, now, to="investigating", reason=planted.put(chunk, "move"))
            version = get_dispute(session=s, dispute_id=did).version
            escalate_dispute(
                session=s,
                dispute_id=did,
                data=EscalateRequest(
                    level="supervisor",
                    reason=planted.put(chunk, "esc", limit=2000),
                    version=version,
                ),
                actor=agent,
                now=now,
            )
            # An offer the customer declines, one a supervisor declines, one left waiting.
            customer_actor = Actor(kind="customer", id=customer.id, name=customer.name)
            offered = make_offer(
                session=s,
                dispute_id=did,
                data=OfferCreate(remedy="explanation", note=planted.put(chunk, "offn")),
                actor=agent,
                now=now,
            )
            answer_offer(
                session=s,
                offer_id=offered.id,
                data=CustomerAnswer(accept=False, note=planted.put(chunk, "ansn")),
                actor=customer_actor,
                now=now,
            )
            declined = make_offer(
                session=s,
                dispute_id=did,
                data=OfferCreate(
                    remedy="refund_full", amount_minor=12000, note=planted.put(chunk, "offn")
                ),
                actor=agent,
                now=now,
            )
            decide_approval(
                session=s,
                offer_id=declined.id,
                data=ApprovalDecision(approve=False, reason=planted.put(chunk, "decr", limit=2000)),
                actor=boss,
                now=now,
            )
            make_offer(
                session=s,
                dispute_id=did,
                data=OfferCreate(
                    remedy="refund_full", amount_minor=12500, note=planted.put(chunk, "offn")
                ),
                actor=agent,
                now=now,
            )
            # Resolved without a survey (reason), reopened, resolved with one.
            _move(
                s,
                did,
                agent,
                now,
                to="resolved",
                outcome="explained",
                root_cause="other",
                send_survey=False,
                no_survey_reason=planted.put(chunk, "nosv", limit=500),
            )
            _move(s, did, agent, now, to="investigating", reason=planted.put(chunk, "move"))
            _move(s, did, agent, now, to="resolved", outcome="explained", root_cause="other")
            link = create_link(
                session=s, customer_id=customer.id, dispute_id=None, now=now, actor=boss
            )
            planted.disputes.append((did, chunk))
            planted.portal_paths.append((link.path, chunk))
    # The follow-ups make the surveys; the comments come back with a low rating (reopens).
    clock.advance(days=10)
    _run_jobs(factory, clock())
    with factory() as s, s.begin():
        surveys = {sv.dispute_id: sv for sv in s.query(Survey).all()}
        for did, chunk in planted.disputes:
            survey = surveys[did]
            if did == planted.disputes[-1][0]:
                planted.survey_path = f"/survey/{survey_token(survey)}"
                continue  # left open, for the survey page itself
            answer_survey(
                session=s,
                token=survey_token(survey),
                rating=1,
                comment=planted.put(chunk, "surv", limit=5000),
                now=clock(),
            )
    _run_jobs(factory, clock())


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Planted]:
    """The seeded database served by uvicorn on a free port."""
    require_browser()
    folder: Path = tmp_path_factory.mktemp("xss-sweep")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DISPUTEDESK_SECRET_KEY", SECRET)
        get_settings.cache_clear()
        engine = make_engine(f"sqlite:///{folder / 'sweep.sqlite3'}")
        upgrade(engine)
        factory = make_session_factory(engine)
        clock = Clock(START)
        result = Planted(base_url="", clock=clock)
        _seed(factory, result)
        app = web_app(Settings(data_dir=folder, secret_key=SECRET), factory, clock)
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
            time.sleep(0.05)  # waiting for the server thread to bind
        result.base_url = f"http://127.0.0.1:{port}"
        try:
            yield result
        finally:
            server.should_exit = True
            thread.join(timeout=10)
            engine.dispose()
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def tab(planted: Planted) -> Iterator[Any]:
    """One Chromium tab, signed in as the admin, recording dialogs and stray requests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(base_url=planted.base_url)
        page: Any = context.new_page()
        page.set_default_timeout(30_000)  # a loaded CI machine is slow, not broken
        page.dialogs = []
        page.strays = []
        page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
        page.on(
            "request",
            lambda r: page.strays.append(r.url) if "/xss-" in urlsplit(r.url).path else None,
        )
        page.goto("/login")
        page.get_by_label("Username").fill("sweep-admin")
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/desk")
        yield page
        context.close()
        browser.close()


@pytest.fixture(scope="module")
def sweep() -> Sweep:
    """The figures, shared by the tests of the module."""
    return Sweep()


def _problems(tab: Any) -> list[str]:
    """Everything on the open page that says a payload ran or was parsed as markup."""
    problems = []
    ran = tab.evaluate("window.__xss")
    if ran is not None:
        problems.append(f"window.__xss = {ran!r}")
    problems += [f"dialog: {m}" for m in tab.dialogs]
    problems += [f"request: {u}" for u in tab.strays]
    problems += [f"injected: {f}" for f in tab.evaluate(_SCAN)]
    html = tab.content()
    problems += [f"template evaluated: {e}" for e in EVALUATED if e in html]
    return problems


def _visit(tab: Any, sweep: Sweep, kind: str, url: str) -> int:
    """Open a page, let it settle, and record what ran; returns the HTTP status."""
    tab.dialogs.clear()
    tab.strays.clear()
    response = tab.goto(url)
    tab.wait_for_load_state("load")
    tab.wait_for_timeout(150)  # focus, toggle, animation and htmx `load` handlers fire by now
    sweep.visits += 1
    sweep.pages.add(kind)
    problems = _problems(tab)
    if problems:
        sweep.findings[f"{kind} {url}"] += problems
    return int(response.status) if response is not None else 0


def _report(sweep: Sweep, kind: str) -> None:
    bad = {page: found for page, found in sweep.findings.items() if page.startswith(kind + " ")}
    assert not bad, "a stored payload ran:\n" + "\n".join(
        f"{page}: {'; '.join(found)}" for page, found in bad.items()
    )


@pytest.mark.parametrize(
    "label",
    ["script tag", "img onerror alert", "js href", "hx-get load", "style import", "jinja expr"],
)
def test_the_detector_sees_a_payload_that_is_not_escaped(tab: Any, label: str) -> None:
    """Control: the same payload written raw into a page (no CSP, no escaping) is caught."""
    payload = next(p for p in PAYLOADS if p.label == label)
    raw = payload.tagged("ctl").replace("{{7*7}}", "49")
    tab.goto("about:blank")  # no CSP here: the control payload really runs
    tab.dialogs.clear()
    tab.strays.clear()
    tab.set_content(f"<html><head></head><body><p>{raw}</p></body></html>")
    tab.wait_for_timeout(150)
    assert _problems(tab), f"the sweep would miss {label}"
    tab.goto("/desk")


def test_tags_refuse_markup() -> None:
    """Tags are the one free-text field that cannot carry a payload at all."""
    with pytest.raises(ValidationError):
        DisputeCreate(customer_id=1, subject="s", description="d", tags=["<svg/onload=x>"])


def test_dispute_pages(tab: Any, planted: Planted, sweep: Sweep) -> None:
    for did, chunk in planted.disputes:
        assert _visit(tab, sweep, "dispute", f"/desk/disputes/{did}") == 200
        text = tab.inner_text("body")
        for p in chunk:
            for code in ("subj", "desc", "in", "out", "note", "offn", "ansn", "decr"):
                shown = p.tagged(code)
                if (p.index, code) in planted.pairs and code != "subj":
                    assert shown.strip() in text, f"dispute {did}: {code} of {p.label} not shown"
    _report(sweep, "dispute")


def test_queue_with_filters_and_search(tab: Any, planted: Planted, sweep: Sweep) -> None:
    for query in ("", "status=any", "status=any&priority=high", "status=any&escalation=supervisor"):
        assert _visit(tab, sweep, "queue", f"/desk?{query}") == 200
    for p in PAYLOADS:
        assert _visit(tab, sweep, "queue", f"/desk?status=any&q={quote(p.tagged('subj'))}") == 200
    _report(sweep, "queue")


def test_supervisor_pages(tab: Any, planted: Planted, sweep: Sweep) -> None:
    for kind, url in (
        ("approvals", "/desk/approvals"),
        ("sla", "/desk/sla"),
        ("escalations", "/desk/escalations"),
        ("notifications", "/desk/notifications"),
    ):
        assert _visit(tab, sweep, kind, url) == 200
    approvals = tab.goto("/desk/approvals") and tab.inner_text("body")
    assert "ptit" in approvals or "ptxt" in approvals, "no clause payload on the approvals page"
    status = _visit(tab, sweep, "reports", "/desk/reports")
    if status == 404:
        sweep.pages.discard("reports")
        sweep.visits -= 1
    else:
        assert status == 200
        _visit(tab, sweep, "reports", "/desk/reports?since=365d")
    for kind in ("approvals", "sla", "escalations", "notifications", "reports"):
        _report(sweep, kind)


def test_portal_pages(tab: Any, planted: Planted, sweep: Sweep) -> None:
    for (path, chunk), (did, _) in zip(planted.portal_paths, planted.disputes, strict=True):
        assert _visit(tab, sweep, "portal-list", path) == 200
        assert _visit(tab, sweep, "portal-dispute", f"{path}/disputes/{did}") == 200
        assert _visit(tab, sweep, "portal-new", f"{path}/disputes/new") == 200
        subject = "\n".join(p.tagged("form") for p in chunk)[:300].replace("\n", " ")
        tab.fill("#subject", subject)
        tab.fill("#description", "\n".join(p.tagged("form") for p in chunk))
        # An order that is not theirs: the form comes back with what was typed.
        tab.evaluate(
            "() => { const s = document.querySelector('#order_id');"
            " s.add(new Option('other', '999999')); s.value = '999999'; }"
        )
        tab.dialogs.clear()
        tab.strays.clear()
        with tab.expect_navigation():
            tab.locator("form button[type=submit]").click()
        tab.wait_for_timeout(150)
        sweep.visits += 1
        assert "your own orders" in tab.inner_text("body")
        assert tab.input_value("#description").startswith(chunk[0].tagged("form"))
        planted.pairs.update((p.index, "form") for p in chunk)
        problems = _problems(tab)
        if problems:
            sweep.findings[f"portal-new re-shown {path}"] += problems
    for kind in ("portal-list", "portal-dispute", "portal-new"):
        _report(sweep, kind)


def test_survey_page_and_summary(tab: Any, planted: Planted, sweep: Sweep) -> None:
    assert _visit(tab, sweep, "survey", planted.survey_path) == 200
    _report(sweep, "survey")
    fields = sorted({code for _, code in planted.pairs})
    print(
        f"\nXSS sweep: {len(PAYLOADS)} payloads x {len(fields)} fields "
        f"({len(planted.pairs)} payload-field pairs planted, +{planted.emails} email-shaped) "
        f"x {len(sweep.pages)} page kinds, {sweep.visits} page visits; "
        f"{sum(len(v) for v in sweep.findings.values())} findings"
    )
    print("fields:", " ".join(fields))
    print("pages:", " ".join(sorted(sweep.pages)))

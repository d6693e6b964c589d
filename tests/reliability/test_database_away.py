"""PostgreSQL goes away under a running server and comes back: clear 503s, nothing half-written.

The server reaches its database through a TCP relay inside the test; cutting the relay drops
every connection (like a database restart), then either refuses new ones or swallows them
unanswered (like a host that has gone silent). The shared PostgreSQL server itself is untouched.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from disputedesk.db import make_session_factory
from disputedesk.disputes.models import Dispute, DisputeEvent, Message
from tests.reliability.support import TcpProxy, api, ok, served, staff_token

MARK = "Outage probe"
RESULTS: dict[str, Any] = {}


def _via(engine: Engine, proxy: TcpProxy) -> str:
    url = engine.url.set(host="127.0.0.1", port=proxy.port)
    return url.render_as_string(hide_password=False)


class Writers:
    """Threads opening disputes over HTTP until stopped; every answer is kept."""

    def __init__(self, base: str, token: str, customer_id: int, count: int = 3) -> None:
        self.base, self.token, self.customer_id = base, token, customer_id
        self.stop = threading.Event()
        self.answers: list[tuple[int, dict[str, Any]]] = []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._run, args=(i,)) for i in range(count)]

    def _run(self, index: int) -> None:
        n = 0
        with api(self.base, self.token, timeout=60) as client:
            while not self.stop.is_set():
                n += 1
                body = {
                    "customer_id": self.customer_id,
                    "subject": f"{MARK} {index}-{n}",
                    "description": "The parcel never arrived and nobody answers my mails.",
                }
                try:
                    r = client.post("/api/v1/disputes", json=body)
                    answer = (r.status_code, r.json())
                except httpx.HTTPError as exc:  # a hang or a dropped connection is a failure
                    answer = (0, {"error": type(exc).__name__})
                with self.lock:
                    self.answers.append(answer)

    def accepted(self) -> int:
        with self.lock:
            return sum(1 for code, _ in self.answers if code == 201)

    def wait_for(self, more: int, timeout: float = 120) -> None:
        target = self.accepted() + more
        deadline = time.monotonic() + timeout
        while self.accepted() < target:
            assert time.monotonic() < deadline, f"writers stuck: {self.answers[-3:]}"
            time.sleep(0.05)


def _timed(client: httpx.Client, path: str) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def _check_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text[:300]
    body = response.json()
    assert body["code"] == "unavailable"
    assert "database" in body["detail"]
    assert set(body) == {"detail", "code", "field", "errors"}
    assert response.headers.get("retry-after")


def test_database_outage_answers_503_and_service_resumes(pg_engine: Engine, tmp_path: Path) -> None:
    token = staff_token(pg_engine)
    proxy = TcpProxy((pg_engine.url.host or "127.0.0.1", pg_engine.url.port or 5432)).start()
    try:
        with served(tmp_path, _via(pg_engine, proxy)) as server, api(server.base, token) as c:
            health = c.get("/health")
            assert (health.status_code, health.json()["database"]) == (200, "ok")
            customer = ok(c.post("/api/v1/customers", json={"name": "Ada", "email": "a@x.org"}))
            writers = Writers(server.base, token, customer["id"])
            for thread in writers.threads:
                thread.start()
            try:
                writers.wait_for(20)
                timings: dict[str, list[float]] = {"refuse": [], "blackhole": []}
                for mode in ("refuse", "blackhole"):
                    proxy.cut(mode)
                    for _ in range(3):
                        health, took = _timed(c, "/health")
                        assert health.status_code == 503
                        assert health.json()["database"] == "unreachable"
                        listing, took2 = _timed(c, "/api/v1/disputes")
                        _check_unavailable(listing)
                        timings[mode] += [took, took2]
                    proxy.restore()
                    deadline = time.monotonic() + 60
                    while c.get("/health").status_code != 200:
                        assert time.monotonic() < deadline, "service did not resume"
                        time.sleep(0.2)
                    writers.wait_for(10)
                assert ok(c.get("/api/v1/disputes"))["items"]
            finally:
                writers.stop.set()
                for thread in writers.threads:
                    thread.join(timeout=120)
            output = server.output()
    finally:
        proxy.close()

    codes = [code for code, _ in writers.answers]
    assert set(codes) <= {201, 503}, f"answers other than 201/503: {sorted(set(codes))}"
    refused = codes.count(503)
    assert refused > 0, "no write was attempted while the database was away"
    created = {body["id"] for code, body in writers.answers if code == 201}
    with make_session_factory(pg_engine)() as session:
        stored = set(session.scalars(select(Dispute.id).where(Dispute.subject.startswith(MARK))))
        messages = dict(
            session.execute(
                select(Message.dispute_id, func.count())
                .where(Message.dispute_id.in_(stored))
                .group_by(Message.dispute_id)
            ).all()
        )
        opened = dict(
            session.execute(
                select(DisputeEvent.dispute_id, func.count())
                .where(DisputeEvent.dispute_id.in_(stored), DisputeEvent.kind == "dispute.opened")
                .group_by(DisputeEvent.dispute_id)
            ).all()
        )
    assert created <= stored, "a dispute answered 201 is missing"
    # A 503 may come after the commit (the reply was lost with the connection), never more.
    assert len(stored - created) <= refused
    # Nothing half-written: every stored dispute has its first message and its opening event.
    assert all(messages.get(i) == 1 for i in stored)
    assert all(opened.get(i) == 1 for i in stored)
    assert "Traceback" not in output
    RESULTS.update(
        attempts=len(codes),
        accepted=len(created),
        refused=refused,
        stored_after_503=len(stored - created),
        worst_refuse=max(timings["refuse"]),
        worst_blackhole=max(timings["blackhole"]),
    )
    print(f"\ndatabase outage: {RESULTS}")

"""1,000 conflicting updates from 20 concurrent clients to a real server: none lost, all audited.

Each client reads a dispute, then asks to raise its amount by one with the version it read. An
update either wins (200) or is refused with 409 because someone else won first; the final
amounts and versions must equal the number of accepted updates, and the audit trail must hold
exactly one event per accepted update, forming one unbroken chain per dispute.
"""

from __future__ import annotations

import threading
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, select

from disputedesk.db import make_session_factory
from disputedesk.disputes.models import DisputeEvent
from tests.reliability.support import api, ok, served, staff_token, url_of

CLIENTS = 20
DISPUTES = 5
ATTEMPTS = 1_000
RESULTS: dict[str, dict[str, Any]] = {}


def _client(base: str, token: str, index: int, ids: list[int], out: list[dict[str, Any]]) -> None:
    with api(base, token, timeout=60) as client:
        for n in range(ATTEMPTS // CLIENTS):
            dispute_id = ids[(index + n) % len(ids)]
            read = ok(client.get(f"/api/v1/disputes/{dispute_id}"))
            sent = {"version": read["version"], "amount_minor": read["amount_minor"] + 1}
            try:
                r = client.patch(f"/api/v1/disputes/{dispute_id}", json=sent)
                body = r.json()
                code = r.status_code
            except (httpx.HTTPError, ValueError) as exc:
                code, body = 0, {"error": type(exc).__name__}
            out.append({"dispute": dispute_id, "sent": sent, "code": code, "body": body})


def test_concurrent_conflicting_updates_lose_nothing(
    backend: str, own_engine: Engine, tmp_path: Path
) -> None:
    token = staff_token(own_engine)
    answers: list[list[dict[str, Any]]] = [[] for _ in range(CLIENTS)]
    with served(tmp_path, url_of(own_engine)) as server, api(server.base, token) as c:
        customer = ok(c.post("/api/v1/customers", json={"name": "Bea", "email": "b@x.org"}))
        ids = [
            ok(
                c.post(
                    "/api/v1/disputes",
                    json={
                        "customer_id": customer["id"],
                        "subject": f"Charged twice ({i})",
                        "description": "I was charged twice for the same order.",
                        "amount_minor": 0,
                    },
                )
            )["id"]
            for i in range(DISPUTES)
        ]
        threads = [
            threading.Thread(target=_client, args=(server.base, token, i, ids, answers[i]))
            for i in range(CLIENTS)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        final = {i: ok(c.get(f"/api/v1/disputes/{i}")) for i in ids}
        output = server.output()

    flat = [a for per_client in answers for a in per_client]
    codes = Counter(a["code"] for a in flat)
    assert len(flat) == ATTEMPTS
    assert set(codes) <= {200, 409}, f"unexpected answers: {codes}"
    for a in flat:
        if a["code"] == 409:
            assert (a["body"]["code"], a["body"]["field"]) == ("conflict", "version"), a
    assert codes[200] > 0
    assert codes[409] > 0, f"no real contention: {codes}"
    with make_session_factory(own_engine)() as session:
        events = list(
            session.scalars(
                select(DisputeEvent)
                .where(DisputeEvent.dispute_id.in_(ids), DisputeEvent.kind == "dispute.updated")
                .order_by(DisputeEvent.id)
            )
        )
    lost = 0
    for dispute_id in ids:
        won = [a for a in flat if a["dispute"] == dispute_id and a["code"] == 200]
        # Each winner read a different version and its change is in the final state.
        assert len({a["sent"]["version"] for a in won}) == len(won)
        assert sorted(a["body"]["version"] for a in won) == list(range(2, len(won) + 2))
        assert sorted(a["body"]["amount_minor"] for a in won) == list(range(1, len(won) + 1))
        lost += len(won) - final[dispute_id]["amount_minor"]
        assert final[dispute_id]["amount_minor"] == len(won)
        assert final[dispute_id]["version"] == len(won) + 1
        # One audit event per accepted update: an unbroken chain 0 -> 1 -> ... -> n.
        trail = [
            (e.before["amount_minor"], e.after["amount_minor"])  # type: ignore[index]
            for e in events
            if e.dispute_id == dispute_id
        ]
        assert sorted(trail) == [(k, k + 1) for k in range(len(won))]
    assert lost == 0
    assert "Traceback" not in output
    assert "database is locked" not in output
    RESULTS[backend] = {"tried": len(flat), "accepted": codes[200], "409": codes[409]}
    print(f"\nconcurrent updates on {backend}: {RESULTS[backend]}, lost 0")

"""The ceiling of the stack for `bench/api_load.py`: the queue's and the dispute's SQL, bare.

A raw ASGI app served by uvicorn (one process, like `disputedesk serve`): it checks the bearer
token and runs the same statements as the queue page and the dispute detail with the DB-API
driver directly, and returns the rows as JSON. No ORM, no validation, no templating, no
middleware: what the product's read paths cost above this is the price of the framework.

Like the product, it runs each request's statements on a pool of threads (40, the size of the
product's), each with its own connection, so requests overlap while they wait on the database.

Run: python bench/bare_app.py --db URL --port 8090
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sqlite3
import threading
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qs

import uvicorn

Send = Callable[[dict[str, Any]], Awaitable[None]]
OPEN = ("new", "acknowledged", "investigating", "awaiting_customer", "offer_made")
DISPUTE = "SELECT * FROM disputes"


class Bare:
    """A pool of threads, one connection each: each request runs its statements in turn."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.sqlite = url.startswith("sqlite")
        self.mark = "?" if self.sqlite else "%s"
        self.local = threading.local()
        self.pool = ThreadPoolExecutor(max_workers=40)

    @property
    def con(self) -> Any:
        """This thread's connection (opened on first use)."""
        con = getattr(self.local, "con", None)
        if con is None:
            if self.sqlite:
                con = sqlite3.connect(self.url.split("///", 1)[1], isolation_level=None)
            else:
                import psycopg

                con = psycopg.connect(self.url.replace("postgresql+psycopg", "postgresql"))
                con.autocommit = True
            self.local.con = con
        return con

    def rows(self, sql: str, *params: Any) -> list[dict[str, Any]]:
        """Rows as dicts, placeholders written `?`."""
        cur = self.con.execute(sql.replace("?", self.mark), params)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def authorised(self, headers: list[tuple[bytes, bytes]]) -> bool:
        """The token's active user, in one statement as the product reads it."""
        raw = dict(headers).get(b"authorization", b"").decode().removeprefix("Bearer ")
        digest = hashlib.sha256(raw.encode()).hexdigest()
        return bool(
            self.rows(
                "SELECT u.id, u.display_name, u.role FROM staff_users u "
                "JOIN api_tokens t ON t.user_id = u.id "
                "WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.is_active",
                digest,
            )
        )

    def queue(self, query: dict[str, list[str]]) -> Any:
        """Open disputes of the given priorities by SLA due time, after an (sla, id) cursor."""
        priorities = query.get("priority", ["high"])
        marks = ", ".join("?" for _ in OPEN)
        pmarks = ", ".join("?" for _ in priorities)
        sql = f"{DISPUTE} WHERE status IN ({marks}) AND priority IN ({pmarks})"
        params: list[Any] = [*OPEN, *priorities]
        if "after_sla" in query:
            # The row comparison the product's cursor uses: a range of the queue index.
            sql += " AND (sla_sort_at, id) > (?, ?)"
            params += [query["after_sla"][0], int(query["after_id"][0])]
        return self.rows(sql + " ORDER BY sla_sort_at, id LIMIT 26", *params)

    def detail(self, dispute_id: int) -> Any:
        """The dispute and everything its page shows, statement for statement."""
        dispute = self.rows(f"{DISPUTE} WHERE id = ?", dispute_id)
        if not dispute:
            return None
        d = dispute[0]
        customer = d["customer_id"]
        return {
            **d,
            "customer": self.rows("SELECT * FROM customers WHERE id = ?", customer),
            "orders": self.rows(
                "SELECT * FROM orders WHERE customer_id = ? ORDER BY purchased_at DESC", customer
            ),
            "past": self.rows(
                "SELECT id, subject, category, status, outcome, created_at FROM disputes "
                "WHERE customer_id = ? ORDER BY created_at DESC, id DESC LIMIT 200",
                customer,
            ),
            "offers": self.rows("SELECT * FROM offers WHERE dispute_id = ? ORDER BY id", d["id"]),
            "messages": self.rows(
                "SELECT * FROM messages WHERE dispute_id = ? ORDER BY created_at, id", d["id"]
            ),
            "events": self.rows(
                "SELECT kind, after FROM dispute_events WHERE dispute_id = ?", d["id"]
            ),
            "follow_up": self.rows(
                "SELECT id FROM jobs WHERE dispute_id = ? AND kind = 'follow_up' LIMIT 1", d["id"]
            ),
        }

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] != "http":
            return
        loop = asyncio.get_running_loop()
        status, data = await loop.run_in_executor(self.pool, self.answer, scope)
        headers = [(b"content-type", b"application/json")]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": data})

    def answer(self, scope: dict[str, Any]) -> tuple[int, bytes]:
        """The status and body for one request (on a pool thread)."""
        path: str = scope["path"]
        status, body = 404, "{}"
        if not self.authorised(scope["headers"]):
            status = 401
        elif path == "/queue":
            status = 200
            body = json.dumps(self.queue(parse_qs(scope["query_string"].decode())), default=str)
        elif path.startswith("/disputes/"):
            found = self.detail(int(path.rsplit("/", 1)[1]))
            if found is not None:
                status, body = 200, json.dumps(found, default=str)
        return status, body.encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--port", type=int, default=8090)
    args = parser.parse_args()
    uvicorn.run(Bare(args.db), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()

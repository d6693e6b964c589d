"""Scale-out: two real server processes on one database serve the same data at once."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from disputedesk.auth.service import create_token, create_user
from tests.conftest import PASSWORD, fresh_database


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextmanager
def _server(url: str, data_dir: Path, token: str) -> Iterator[httpx.Client]:
    """`disputedesk serve` (with its embedded worker) as a user starts it, and a client of it."""
    port = _free_port()
    env = {
        **os.environ,
        "DISPUTEDESK_DATABASE_URL": url,
        "DISPUTEDESK_DATA_DIR": str(data_dir),
        "DISPUTEDESK_SECRET_KEY": "scale-out-" + "k" * 32,
        "DISPUTEDESK_PORT": str(port),
    }
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "disputedesk", "serve"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/health", timeout=1)
                    break
                except httpx.HTTPError:
                    assert server.poll() is None, (data_dir / "server.log").read_text()
                    time.sleep(0.1)
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base, headers=headers, timeout=20) as client:
                yield client
        finally:
            server.terminate()
            server.wait(timeout=20)


def test_a_change_through_one_server_is_seen_at_once_through_the_other(
    backend: str, tmp_path: Path
) -> None:
    with ExitStack() as stack:
        engine = stack.enter_context(fresh_database(backend, tmp_path))
        with Session(engine) as session, session.begin():
            user = create_user(session=session, username="agent1", password=PASSWORD, role="agent")
            token = create_token(session=session, user=user, name="scale-out").raw
            me = user.id
        url = engine.url.render_as_string(hide_password=False)
        one = stack.enter_context(_server(url, tmp_path / "one", token))
        two = stack.enter_context(_server(url, tmp_path / "two", token))

        customer = one.post("/api/v1/customers", json={"name": "Ada", "email": "ada@example.com"})
        assert customer.status_code == 201, customer.text
        opened = one.post(
            "/api/v1/disputes",
            json={
                "customer_id": customer.json()["id"],
                "channel": "web",
                "subject": "Heater rattles",
                "description": "The heater I bought rattles loudly.",
            },
        ).json()
        seen = two.get(f"/api/v1/disputes/{opened['id']}").json()
        assert seen["subject"] == "Heater rattles"
        assert seen["messages"][0]["analysis"] is not None
        assert two.get("/api/v1/disputes/counts").json()["unassigned"] == 1

        assigned = two.post(
            f"/api/v1/disputes/{opened['id']}/assignment",
            json={"assignee_id": me, "version": opened["version"]},
        )
        assert assigned.status_code == 200, assigned.text
        assert one.get(f"/api/v1/disputes/{opened['id']}").json()["assignee_id"] == me
        assert one.get("/api/v1/disputes/counts").json()["mine"] == 1

        stale = one.post(
            f"/api/v1/disputes/{opened['id']}/assignment",
            json={"assignee_id": None, "version": opened["version"]},
        )
        assert stale.status_code == 409  # the version server one last saw is no longer current

        reply = one.post(
            f"/api/v1/disputes/{opened['id']}/messages",
            json={"direction": "inbound", "body": "Now it smells of burning plastic"},
        )
        assert reply.status_code == 201, reply.text
        found = two.get("/api/v1/disputes", params={"q": "burning plastic"}).json()["items"]
        assert [d["id"] for d in found] == [opened["id"]]

"""No card number reaches a log line: the server's own logs and its access log, for real."""

from __future__ import annotations

import logging
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from disputedesk.logs import CardNumberFilter

CARDS = ["4111111111111111", "4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"]


def _digits_found(text: str) -> list[str]:
    """Card numbers in the text, however separated (spaces, dashes, URL-encoded forms)."""
    compact = re.sub(r"%20|%2[dD]|[\s+\-]", "", text)
    return [c for c in CARDS if re.sub(r"[\s-]", "", c) in compact]


def test_filter_masks_message_args_and_exceptions() -> None:
    record = logging.LogRecord(
        "x",
        logging.ERROR,
        __file__,
        1,
        "card %s in %s",
        ("4111 1111 1111 1111", "/q?c=5500-0000-0000-0004"),
        None,
    )
    try:
        raise ValueError("bad card 378282246310005")
    except ValueError:
        record.exc_info = sys.exc_info()
    CardNumberFilter().filter(record)
    text = record.getMessage() + (record.exc_text or "")
    assert "ValueError" in text
    assert _digits_found(text) == []


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_a_running_server_never_logs_a_card_number(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DISPUTEDESK_DATA_DIR": str(tmp_path),
        "DISPUTEDESK_SECRET_KEY": "log-test-" + "k" * 32,
        "DISPUTEDESK_PORT": str(_free_port()),
        "DISPUTEDESK_LOG_LEVEL": "DEBUG",
    }
    env.pop("DISPUTEDESK_DATABASE_URL", None)
    cli = [sys.executable, "-m", "disputedesk"]
    subprocess.run([*cli, "demo", "--no-serve"], env=env, check=True, capture_output=True)
    token = (tmp_path / "demo_api_token").read_text().strip()
    log_file = tmp_path / "server.log"
    with log_file.open("wb") as out:
        server = subprocess.Popen([*cli, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{env['DISPUTEDESK_PORT']}"
            for _ in range(100):
                try:
                    httpx.get(base + "/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            headers = {"Authorization": f"Bearer {token}"}
            with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
                client.get("/api/v1/disputes", params={"q": "4111 1111 1111 1111"})
                client.get("/api/v1/disputes/4111111111111111")
                client.get("/desk", params={"q": "5500-0000-0000-0004"})
                client.post("/api/v1/customers", json={"name": "x", "email": "378282246310005"})
                client.post(
                    "/api/v1/analyze", json={"text": "my card 4111-1111-1111-1111 was charged"}
                )
                client.post("/api/v1/disputes", content=b'{"subject": "4111111111111111"')
        finally:
            server.terminate()
            server.wait(timeout=20)
    logged = log_file.read_text(errors="replace")
    assert "GET /api/v1/disputes" in logged  # the access log was written
    assert _digits_found(logged) == []

"""Latency of the main API calls over the demo shop, against a real `disputedesk serve`.

Usage: python bench/demo_latency.py [--requests 200]
Starts the product as a user would (demo data in a temporary SQLite file), then times each
operation sequentially from this process and prints p50/p95 in milliseconds. A bare
`/health` request in the same run is the baseline (the cost of HTTP and the server loop).
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _time(fn: Callable[[], httpx.Response], n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = fn()
        samples.append((time.perf_counter() - start) * 1000)
        if response.status_code >= 400:
            raise SystemExit(f"request failed: {response.status_code} {response.text[:200]}")
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **os.environ,
            "DISPUTEDESK_DATA_DIR": tmp,
            "DISPUTEDESK_SECRET_KEY": "bench-" + "s" * 40,
            "DISPUTEDESK_PORT": str(_free_port()),
            "DISPUTEDESK_LOG_LEVEL": "WARNING",
        }
        cli = [sys.executable, "-m", "disputedesk"]
        subprocess.run([*cli, "demo", "--no-serve"], env=env, check=True, capture_output=True)
        token = (Path(tmp) / "demo_api_token").read_text().strip()
        server = subprocess.Popen(
            [*cli, "serve"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        base = f"http://127.0.0.1:{env['DISPUTEDESK_PORT']}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/health", timeout=1)
                    break
                except httpx.HTTPError:
                    time.sleep(0.1)
            client = httpx.Client(
                base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30
            )
            n = args.requests
            reply = (
                "Thank you for your patience, and I'm sorry for the trouble. I've asked the "
                "courier to trace the parcel today and I'll email you an update by Friday."
            )
            ops: list[tuple[str, Callable[[], httpx.Response]]] = [
                ("baseline GET /health", lambda: client.get("/health")),
                (
                    "queue: open, by SLA",
                    lambda: client.get(
                        "/api/v1/disputes",
                        params={"status": ["new", "investigating"], "sort": "sla"},
                    ),
                ),
                ("one dispute with records", lambda: client.get("/api/v1/disputes/7")),
                ("search 'refund'", lambda: client.get("/api/v1/disputes", params={"q": "refund"})),
                (
                    "open a dispute (analysis)",
                    lambda: client.post(
                        "/api/v1/disputes",
                        json={
                            "customer_id": 3,
                            "subject": "Late parcel",
                            "description": "My parcel is two weeks late and nobody answers. "
                            "I want a refund!",
                        },
                    ),
                ),
                (
                    "agent reply (coach)",
                    lambda: client.post(
                        "/api/v1/disputes/7/messages", json={"direction": "outbound", "body": reply}
                    ),
                ),
            ]
            # The staff pages, as a signed-in browser sees them (session cookie).
            pages = httpx.Client(base_url=base, timeout=30)
            login = pages.post(
                "/api/v1/auth/login", json={"username": "alice", "password": "disputedesk-demo"}
            )
            login.raise_for_status()
            ops += [
                ("page: the queue /desk", lambda: pages.get("/desk")),
                ("page: a dispute", lambda: pages.get("/desk/disputes/7")),
                ("page: SLA board", lambda: pages.get("/desk/sla")),
                ("page: reports dashboard", lambda: pages.get("/desk/reports")),
            ]
            print(f"{'operation':32} {'p50 ms':>8} {'p95 ms':>8}   ({n} sequential requests each)")
            for name, fn in ops:
                p50, p95 = _time(fn, n)
                print(f"{name:32} {p50:8.1f} {p95:8.1f}")
        finally:
            server.terminate()
            server.wait(timeout=20)


if __name__ == "__main__":
    main()

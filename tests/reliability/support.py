"""Real processes for the reliability tests: a served desk, a TCP proxy to cut its database, RSS."""

from __future__ import annotations

import os
import re
import select
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine

from disputedesk.auth.service import create_token, create_user
from disputedesk.db import make_session_factory, unit_of_work
from tests.conftest import PASSWORD

CLI = [sys.executable, "-m", "disputedesk"]
SECRET = "reliability-" + "k" * 40


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def url_of(engine: Engine) -> str:
    """The engine's URL with its password, for another process."""
    return engine.url.render_as_string(hide_password=False)


def staff_token(engine: Engine, role: str = "agent", username: str | None = None) -> str:
    """A new member of staff with this role, and an API token of theirs."""
    with unit_of_work(make_session_factory(engine)) as session:
        user = create_user(
            session=session, username=username or f"rel-{role}", password=PASSWORD, role=role
        )
        return create_token(session=session, user=user, name="reliability").raw


def desk_env(data_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a disputedesk process on this database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DISPUTEDESK_")}
    env.update(
        {
            "DISPUTEDESK_DATA_DIR": str(data_dir),
            "DISPUTEDESK_DATABASE_URL": database_url,
            "DISPUTEDESK_SECRET_KEY": SECRET,
            "DISPUTEDESK_LOG_LEVEL": "WARNING",
            "DISPUTEDESK_EMBEDDED_WORKER": "0",
        }
    )
    env.update(extra)
    return env


@dataclass
class Served:
    """A `disputedesk serve` process and how to reach it."""

    process: subprocess.Popen[bytes]
    base: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def served(data_dir: Path, database_url: str, **extra: str) -> Iterator[Served]:
    """Run `disputedesk serve` on a free port until the block ends (then SIGTERM, then SIGKILL)."""
    port = free_port()
    env = desk_env(data_dir, database_url, DISPUTEDESK_PORT=str(port), **extra)
    log = data_dir / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([*CLI, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError("the server exited:\n" + log.read_text(errors="replace"))
            try:
                if httpx.get(base + "/health", timeout=2).status_code in (200, 503):
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("the server did not answer:\n" + log.read_text(errors="replace"))
            time.sleep(0.2)
        yield Served(process, base, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def peak_rss_mib(pid: int) -> float:
    """The highest resident set size a live process has reached so far (VmHWM), in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    assert found, "no VmHWM in /proc status"
    return int(found.group(1)) / 1024


def run_measured(
    args: list[str], env: dict[str, str], log: Path, timeout: float = 600
) -> tuple[int, str, float]:
    """Run a command to its end: exit code, output, and its own peak RSS in MiB.

    The peak is the process's VmHWM, read while it runs. Not wait4's ru_maxrss: Linux carries
    the parent's high-water mark across fork and exec into it, so a child of a large test
    process would report the test process's size."""
    with log.open("wb") as out:
        process = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + timeout
    peak = 0.0
    while True:
        with suppress(OSError, AssertionError):  # a zombie has no memory to read
            peak = max(peak, peak_rss_mib(process.pid))
        pid, status, _usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            process.kill()
        time.sleep(0.02)
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, log.read_text(errors="replace"), peak


class TcpProxy:
    """A TCP relay to a database: `cut()` drops every connection and refuses (or swallows) new
    ones; `restore()` relays again on the same port. Stands in for a database that goes away."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self.mode = "relay"  # relay | refuse | blackhole
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._listener: socket.socket | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> TcpProxy:
        self._listen()
        return self

    def _listen(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, args=(listener,), daemon=True)
        self._thread.start()

    def _accept(self, listener: socket.socket) -> None:
        while not self._stop.is_set():
            ready, _, _ = select.select([listener], [], [], 0.1)
            if not ready:
                continue
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with self._lock:
                self._sockets.append(client)
            if self.mode == "blackhole":
                continue  # accepted, never answered: a host that has gone silent
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets.append(upstream)
            threading.Thread(target=self._pump, args=(client, upstream), daemon=True).start()

    def _pump(self, a: socket.socket, b: socket.socket) -> None:
        pair = {a: b, b: a}
        try:
            while True:
                ready, _, _ = select.select(list(pair), [], [], 1)
                for sock in ready:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pair[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in (a, b):
                _close(sock)

    def cut(self, mode: str = "refuse") -> None:
        """Drop every open connection; new ones are refused, or accepted and never answered."""
        self.mode = mode
        if mode == "refuse":
            self._stop.set()
            if self._listener is not None:
                self._listener.close()
                self._listener = None
            if self._thread is not None:
                self._thread.join(timeout=5)
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _close(sock)

    def restore(self) -> None:
        """Relay to the database again."""
        if self._listener is None:
            self.mode = "relay"
            self._listen()
            return
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:  # the swallowed connections of a blackhole
            _close(sock)
        self.mode = "relay"

    def close(self) -> None:
        self.cut("refuse")


def _close(sock: socket.socket) -> None:
    with suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


def api(base: str, token: str, timeout: float = 30) -> httpx.Client:
    """An HTTP client of the served API as a member of staff."""
    return httpx.Client(
        base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=timeout
    )


def ok(response: httpx.Response, *codes: int) -> Any:
    """The JSON of an answer that must have one of these statuses."""
    assert response.status_code in (codes or (200, 201)), response.text[:500]
    return response.json()

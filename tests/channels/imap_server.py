"""A real IMAP server for the tests: pymap's in-memory backend, optionally behind TLS."""

from __future__ import annotations

import asyncio
import imaplib
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path

from disputedesk.channels.imap_poll import ImapSettings

USER, PASSWORD = "desk", "imap-test-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_pymap(port: int) -> subprocess.Popen[bytes] | None:
    """Start pymap's in-memory IMAP server; None when it did not come up on that port."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from pymap.main import main; main()",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-tls",
            "dict",
            "--demo-user",
            USER,
            "--demo-password",
            PASSWORD,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    return None


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, ssl.SSLError):
        pass
    finally:
        writer.close()


class TlsFront:
    """Implicit TLS (as on port 993) in front of the plain IMAP server, with a test certificate."""

    def __init__(self, backend_port: int, cert: Path, key: Path) -> None:
        self.backend_port = backend_port
        self.context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.context.load_cert_chain(cert, key)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.port = 0

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.backend_port)
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))

    def __enter__(self) -> TlsFront:
        self.thread.start()
        start = asyncio.start_server(self._serve, "127.0.0.1", 0, ssl=self.context)
        self.server = asyncio.run_coroutine_threadsafe(start, self.loop).result(timeout=10)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    def __exit__(self, *_: object) -> None:
        self.server.close()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)


class Mailbox:
    """A client's view of the test mailbox: deliver mail into it and read its flags."""

    def __init__(self, settings: ImapSettings) -> None:
        self.settings = settings

    def _client(self) -> imaplib.IMAP4:
        client = imaplib.IMAP4(self.settings.host, self.settings.port)
        client.login(self.settings.username, self.settings.password)
        client.select(self.settings.mailbox)
        return client

    def deliver(self, raw: bytes, flags: str = "") -> None:
        client = self._client()
        try:
            status, _ = client.append(
                self.settings.mailbox, flags, imaplib.Time2Internaldate(time.time()), raw
            )
            assert status == "OK"
        finally:
            client.logout()

    def search(self, criterion: str) -> list[bytes]:
        client = self._client()
        try:
            status, data = client.uid("SEARCH", criterion)
            assert status == "OK"
            return data[0].split() if data and data[0] else []
        finally:
            client.logout()

    def mark_all_unseen(self) -> None:
        client = self._client()
        try:
            for uid in self.search("ALL"):
                client.uid("STORE", uid, "-FLAGS", "(\\Seen)")
        finally:
            client.logout()

    def empty(self) -> None:
        client = self._client()
        try:
            for uid in self.search("ALL"):
                client.uid("STORE", uid, "+FLAGS", "(\\Deleted)")
            client.expunge()
        finally:
            client.logout()

"""ASGI middleware: body size limit, JSON-only bodies on the API, security headers."""

from __future__ import annotations

import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BODY_METHODS = {b"POST", b"PUT", b"PATCH", b"DELETE"}
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        b"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    ),
    (b"cross-origin-opener-policy", b"same-origin"),
]
DOCS_CSP = (
    b"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data:; object-src 'none'; frame-ancestors 'none'"
)


class PayloadTooLarge(Exception):
    """The request body passed the configured limit."""


async def _send_error(send: Send, status: int, detail: str, code: str) -> None:
    body = json.dumps({"detail": detail, "code": code, "field": None, "errors": []}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimitMiddleware:
    """Refuse bodies over `max_bytes` with 413, and non-JSON bodies on /api/ with 415."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, raw_paths: tuple[str, ...] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.raw_paths = raw_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"].encode() not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _send_error(send, 400, "Content-Length is not a number", "bad_request")
                return
            if declared > self.max_bytes:
                await _send_error(
                    send, 413, f"request body is larger than {self.max_bytes} bytes", "too_large"
                )
                return
        has_body = (length is not None and length != b"0") or b"transfer-encoding" in headers
        path: str = scope["path"]
        if has_body and path.startswith("/api/") and not path.startswith(self.raw_paths):
            ctype = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
            if ctype != b"application/json" and not ctype.endswith(b"+json"):
                await _send_error(
                    send,
                    415,
                    "send the body as JSON with 'Content-Type: application/json'",
                    "unsupported_media_type",
                )
                return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise PayloadTooLarge
            return message

        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except PayloadTooLarge:
            if not started:
                await _send_error(
                    send, 413, f"request body is larger than {self.max_bytes} bytes", "too_large"
                )


class SecurityHeadersMiddleware:
    """Add the security headers (CSP, nosniff, frame denial) to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = scope["path"] in ("/docs", "/redoc")
        is_api = scope["path"].startswith("/api/")
        is_https = scope.get("scheme") == "https"

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS:
                    if name in names:
                        continue
                    if name == b"content-security-policy" and is_docs:
                        value = DOCS_CSP
                    headers.append((name, value))
                if is_https and b"strict-transport-security" not in names:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                if is_api and b"cache-control" not in names:
                    # Answers carry customers' words and records: never keep them in a cache.
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)

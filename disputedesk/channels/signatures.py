"""Webhook signatures in the Stripe-Signature style (pure): `t=<unix>,v1=<hex HMAC-SHA256>`.

The signed payload is the timestamp, a full stop, and the raw request body, byte for byte:
`HMAC_SHA256(secret, f"{t}." + body)`; a signature older or newer than the tolerance is refused.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

TOLERANCE_SECONDS = 300


class SignatureError(ValueError):
    """The signature header is missing, malformed, stale or does not match."""


def compute_signature(secret: str, timestamp: int, body: bytes) -> str:
    """The hex HMAC-SHA256 of `timestamp.body` under `secret`."""
    payload = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), payload, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    """The header value a sender puts in `Stripe-Signature`."""
    return f"t={timestamp},v1={compute_signature(secret, timestamp, body)}"


def verify_signature(
    header: str | None,
    body: bytes,
    secret: str,
    now: datetime,
    tolerance: int = TOLERANCE_SECONDS,
) -> int:
    """Check a signature header against the raw body; returns its timestamp or raises."""
    if not header:
        raise SignatureError("missing Stripe-Signature header")
    timestamp: int | None = None
    candidates: list[str] = []
    for item in header.split(","):
        key, _, value = item.strip().partition("=")
        if key == "t" and value.isdigit() and len(value) <= 12:
            timestamp = int(value)
        elif key == "v1" and value:
            candidates.append(value.strip())
    if timestamp is None or not candidates:
        raise SignatureError("malformed Stripe-Signature header (expected t=...,v1=...)")
    if abs(now.timestamp() - timestamp) > tolerance:
        raise SignatureError(f"signature timestamp outside the {tolerance} s tolerance")
    expected = compute_signature(secret, timestamp, body)
    if not any(hmac.compare_digest(expected, c) for c in candidates):
        raise SignatureError("signature does not match the body")
    return timestamp

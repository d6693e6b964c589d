"""The portal's signed strings: access-link tokens and form tokens (no database, no web)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from itsdangerous import BadSignature, URLSafeSerializer

_LINK_SALT = "disputedesk.customer-link"
_FORM_SALT = "disputedesk.portal-form"
# A form stays usable this long after its page was shown (a long reply takes a while to write).
FORM_VALID = timedelta(hours=12)
MAX_TOKEN_LENGTH = 400


def new_nonce() -> str:
    """A fresh random nonce for one link (192 bits)."""
    return secrets.token_urlsafe(24)


def nonce_hash(nonce: str) -> str:
    """What is stored for a nonce: its SHA-256, so the table alone opens nothing."""
    return hashlib.sha256(nonce.encode()).hexdigest()


def link_token(secret: str, link_id: int, nonce: str) -> str:
    """The URL-safe token of a link: its id and nonce, signed with the site's secret."""
    return URLSafeSerializer(secret, salt=_LINK_SALT).dumps([link_id, nonce])


def read_link_token(secret: str, token: str) -> tuple[int, str] | None:
    """The (link id, nonce) of a genuine token, or None for anything tampered or malformed."""
    if not secret or not token or len(token) > MAX_TOKEN_LENGTH:
        return None
    try:
        data = URLSafeSerializer(secret, salt=_LINK_SALT).loads(token)
    except BadSignature:
        return None
    if (
        not isinstance(data, list)
        or len(data) != 2
        or not isinstance(data[0], int)
        or isinstance(data[0], bool)
        or not isinstance(data[1], str)
        or not 1 <= data[0] <= 2_147_483_647
    ):
        return None
    return data[0], data[1]


def form_token(secret: str, link_id: int, now: datetime) -> str:
    """A token for the forms of one page: bound to the link, stamped with the page's time."""
    payload = [link_id, int(now.timestamp()), secrets.token_urlsafe(8)]
    return URLSafeSerializer(secret, salt=_FORM_SALT).dumps(payload)


def form_token_ok(secret: str, token: str, link_id: int, now: datetime) -> bool:
    """Whether a posted form token was made by this site, for this link, not too long ago."""
    if not secret or not token or len(token) > MAX_TOKEN_LENGTH:
        return False
    try:
        data = URLSafeSerializer(secret, salt=_FORM_SALT).loads(token)
    except BadSignature:
        return False
    if not isinstance(data, list) or len(data) != 3 or data[0] != link_id:
        return False
    stamp = data[1]
    if not isinstance(stamp, int) or isinstance(stamp, bool):
        return False
    age = now.timestamp() - stamp
    return -60 <= age <= FORM_VALID.total_seconds()

"""Staff users, passwords (argon2), API tokens and browser sessions."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, bindparam, select
from sqlalchemy.orm import Session

from disputedesk.actors import ROLE_ORDER, Actor
from disputedesk.analysis import mask_card_numbers
from disputedesk.auth.models import ROLES, ApiToken, StaffSession, StaffUser
from disputedesk.errors import Conflict, Forbidden, Invalid, NotFound, Unauthorized
from disputedesk.rows import Prepared

_hasher = PasswordHasher()
# Verifying against this keeps an unknown username as slow as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-real-password")
TOKEN_PREFIX = "ddt_"  # noqa: S105 - a public marker, not a secret
MIN_PASSWORD_LENGTH = 10


def hash_password(password: str) -> str:
    """Hash a password with argon2id."""
    return _hasher.hash(password)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actor_for(user: StaffUser) -> Actor:
    """The actor recorded on events for this member of staff."""
    return Actor(kind="staff", id=user.id, name=user.display_name, role=user.role)


def create_user(
    *,
    session: Session,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    email: str | None = None,
) -> StaffUser:
    """Add a member of staff."""
    if role not in ROLES:
        raise Invalid(f"unknown role '{role}'; roles are: {', '.join(ROLES)}", field="role")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise Invalid(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters", field="password"
        )
    if session.scalar(select(StaffUser.id).where(StaffUser.username == username)) is not None:
        raise Conflict(f"a user named '{username}' already exists", field="username")
    user = StaffUser(
        username=username,
        display_name=mask_card_numbers(display_name or username),
        email=email or "",
        role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, username: str, password: str) -> StaffUser:
    """Return the active user with this username and password, or raise Unauthorized."""
    user = session.scalar(select(StaffUser).where(StaffUser.username == username))
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        user = None
    if user is None or not user.is_active:
        raise Unauthorized("wrong username or password")
    return user


@dataclass(frozen=True)
class IssuedToken:
    """A freshly made API token; the raw value is shown once and never stored."""

    token: ApiToken
    raw: str


def create_token(*, session: Session, user: StaffUser, name: str) -> IssuedToken:
    """Issue a new API token for `user`."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id, name=mask_card_numbers(name), token_hash=_digest(raw), prefix=raw[:10]
    )
    session.add(token)
    session.flush()
    return IssuedToken(token=token, raw=raw)


def revoke_token(*, session: Session, user: StaffUser, token_id: int, now: datetime) -> ApiToken:
    """Revoke one of the user's tokens (admins may revoke anyone's)."""
    token = session.get(ApiToken, token_id)
    if token is None or (token.user_id != user.id and user.role != "admin"):
        raise NotFound(f"token {token_id} not found")
    if token.revoked_at is None:
        token.revoked_at = now
    return token


# Built once: every API request runs it, and building a statement costs more than running it.
_TOKEN_ACTOR = Prepared(
    select(StaffUser.id, StaffUser.display_name, StaffUser.role)
    .join(ApiToken, ApiToken.user_id == StaffUser.id)
    .where(
        ApiToken.token_hash == bindparam("digest"),
        ApiToken.revoked_at.is_(None),
        StaffUser.is_active.is_(True),
    )
)


def actor_for_token(*, session: Session | Connection, raw: str) -> Actor | None:
    """The active member of staff a bearer token belongs to, or None (one indexed lookup)."""
    conn = session if isinstance(session, Connection) else session.connection()
    row = _TOKEN_ACTOR.first(conn, {"digest": _digest(raw)})
    if row is None:
        return None
    user_id, name, role = row
    return Actor(kind="staff", id=user_id, name=name, role=role)


@dataclass(frozen=True)
class IssuedSession:
    """A new browser session: the cookie value and its CSRF token."""

    record: StaffSession
    raw: str


def start_session(*, session: Session, user: StaffUser, now: datetime, hours: int) -> IssuedSession:
    """Start a browser session for `user`."""
    raw = secrets.token_urlsafe(32)
    record = StaffSession(
        user_id=user.id,
        token_hash=_digest(raw),
        csrf_token=secrets.token_urlsafe(24),
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    session.add(record)
    session.flush()
    return IssuedSession(record=record, raw=raw)


def find_session(
    *, session: Session, raw: str, now: datetime
) -> tuple[StaffUser, StaffSession] | None:
    """The user and session record of a session cookie, if still valid."""
    record = session.scalar(select(StaffSession).where(StaffSession.token_hash == _digest(raw)))
    if record is None or record.revoked_at is not None or record.expires_at <= now:
        return None
    user = session.get(StaffUser, record.user_id)
    if user is None or not user.is_active:
        return None
    return user, record


def end_session(*, session: Session, raw: str, now: datetime) -> None:
    """Revoke a browser session."""
    record = session.scalar(select(StaffSession).where(StaffSession.token_hash == _digest(raw)))
    if record is not None and record.revoked_at is None:
        record.revoked_at = now


def require_role(actor: Actor, minimum: str) -> None:
    """Raise Forbidden unless the actor has at least the `minimum` role."""
    if not actor.has_role(minimum):
        raise Forbidden(f"this needs the {minimum} role or higher")


def list_users(*, session: Session) -> list[StaffUser]:
    """All staff users, by username."""
    return list(session.scalars(select(StaffUser).order_by(StaffUser.username)))


def get_user(*, session: Session, user_id: int) -> StaffUser:
    """One staff user or NotFound."""
    user = session.get(StaffUser, user_id)
    if user is None:
        raise NotFound(f"staff user {user_id} not found", field="assignee_id")
    return user


def role_rank(role: str) -> int:
    """The rank of a role (agent lowest)."""
    return ROLE_ORDER.get(role, 0)

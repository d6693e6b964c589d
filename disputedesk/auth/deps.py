"""FastAPI dependencies: a bearer token or a session cookie becomes the acting staff member."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import Connection
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from disputedesk.actors import Actor
from disputedesk.apiutil import now, reading
from disputedesk.auth.service import actor_for, actor_for_token, find_session
from disputedesk.errors import Forbidden, Unauthorized

SESSION_COOKIE = "dd_session"
CSRF_HEADER = "x-csrf-token"
_bearer = HTTPBearer(
    auto_error=False, description="An API token made with `disputedesk token create`"
)
_UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
_SIGN_IN = "sign in, or send an API token as 'Authorization: Bearer <token>'"


def _token_actor(db: Session | Connection, credentials: HTTPAuthorizationCredentials) -> Actor:
    actor = actor_for_token(session=db, raw=credentials.credentials)
    if actor is None:
        raise Unauthorized("the API token is not valid or has been revoked")
    return actor


def staff_actor_in(
    session: Session, request: Request, credentials: HTTPAuthorizationCredentials | None
) -> Actor:
    """`staff_actor`, checked in the caller's session (a write's own transaction)."""
    if credentials is not None:
        return _token_actor(session, credentials)
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        found = find_session(session=session, raw=cookie, now=now(request))
        if found is None:
            raise Unauthorized("your session has expired; sign in again")
        user, record = found
        if request.method in _UNSAFE:
            sent = request.headers.get(CSRF_HEADER, "")
            if not secrets.compare_digest(sent, record.csrf_token):
                raise Forbidden("missing or wrong CSRF token (send the X-CSRF-Token header)")
        return actor_for(user)
    raise Unauthorized(_SIGN_IN)


def staff_actor(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Actor:
    """The signed-in member of staff (bearer token, or session cookie plus CSRF header)."""
    # Reading only: on SQLite a write transaction here would queue every request behind writers.
    with reading(request) as session:
        return staff_actor_in(session, request, credentials)


async def staff_credentials(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> HTTPAuthorizationCredentials | None:
    """A bearer token or a session cookie, checked later in the endpoint's own connection
    (`staff_actor_on`, `staff_actor_in`); 401 here if neither is sent.

    A browser session changing something is checked here in full, CSRF header included, so a
    forged request is refused before its body is even read.
    """
    if credentials is None:
        if not request.cookies.get(SESSION_COOKIE):
            raise Unauthorized(_SIGN_IN)
        if request.method in _UNSAFE:
            await run_in_threadpool(staff_actor, request, None)
    return credentials


StaffCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(staff_credentials)]


def staff_actor_on(
    conn: Connection, request: Request, credentials: HTTPAuthorizationCredentials | None
) -> Actor:
    """`staff_actor`, checked on the caller's read-only connection (one checkout per request)."""
    if credentials is not None:
        return _token_actor(conn, credentials)
    with Session(bind=conn) as session:
        return staff_actor_in(session, request, credentials)


def role_actor(minimum: str) -> Any:
    """A dependency that requires at least the `minimum` role."""

    def dependency(actor: Actor = Depends(staff_actor)) -> Actor:
        if not actor.has_role(minimum):
            raise Forbidden(f"this needs the {minimum} role or higher")
        return actor

    return Depends(dependency)

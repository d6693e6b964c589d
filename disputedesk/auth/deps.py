"""FastAPI dependencies: a bearer token or a session cookie becomes the acting staff member."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

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


def staff_actor(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(_bearer)
) -> Actor:
    """The signed-in member of staff (bearer token, or session cookie plus CSRF header)."""
    at = now(request)
    # Reading only: on SQLite a write transaction here would queue every request behind writers.
    with reading(request) as session:
        if credentials is not None:
            actor = actor_for_token(session=session, raw=credentials.credentials)
            if actor is None:
                raise Unauthorized("the API token is not valid or has been revoked")
            return actor
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie:
            found = find_session(session=session, raw=cookie, now=at)
            if found is None:
                raise Unauthorized("your session has expired; sign in again")
            user, record = found
            if request.method in _UNSAFE:
                sent = request.headers.get(CSRF_HEADER, "")
                if not secrets.compare_digest(sent, record.csrf_token):
                    raise Forbidden("missing or wrong CSRF token (send the X-CSRF-Token header)")
            return actor_for(user)
    raise Unauthorized("sign in, or send an API token as 'Authorization: Bearer <token>'")


def role_actor(minimum: str) -> Any:
    """A dependency that requires at least the `minimum` role."""

    def dependency(actor: Actor = Depends(staff_actor)) -> Actor:
        if not actor.has_role(minimum):
            raise Forbidden(f"this needs the {minimum} role or higher")
        return actor

    return Depends(dependency)

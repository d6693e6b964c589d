"""Who is signed in to the web UI: the session cookie, CSRF checks and safe redirect targets."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import quote

from fastapi import Depends, Form, Header, Request

from disputedesk.actors import Actor
from disputedesk.apiutil import now, reading
from disputedesk.auth.deps import SESSION_COOKIE
from disputedesk.auth.service import actor_for, find_session
from disputedesk.workflow.notifications import count_unread

LOGIN_CSRF_COOKIE = "dd_login_csrf"
DEFAULT_TARGET = "/desk"


@dataclass(frozen=True)
class WebUser:
    """The signed-in member of staff as the pages need them."""

    actor: Actor
    user_id: int
    username: str
    display_name: str
    role: str
    csrf_token: str
    unread_notifications: int = 0

    @property
    def is_supervisor(self) -> bool:
        """Whether the user may take approvals (supervisor, manager or admin)."""
        return self.actor.has_role("supervisor")


class LoginRequired(Exception):
    """The page needs a signed-in user; the handler redirects to /login?next=..."""

    def __init__(self, target: str) -> None:
        super().__init__(target)
        self.target = target


class CsrfRefused(Exception):
    """A POST without the session's CSRF token (or with a wrong one)."""


def safe_next(target: str | None) -> str:
    """A relative, same-site path to go to after signing in; anything else becomes /desk."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return DEFAULT_TARGET
    if any(ord(ch) < 0x20 or ch == "\\" for ch in target):
        return DEFAULT_TARGET
    return target


def _here(request: Request) -> str:
    """The path and query of this request, used as the `next` target."""
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


def login_url(request: Request) -> str:
    """Where to send a visitor who is not signed in, remembering where they wanted to go."""
    # After a POST there is nothing to go back to but the desk (a POST URL is not a page).
    target = _here(request) if request.method == "GET" else DEFAULT_TARGET
    return "/login?next=" + quote(safe_next(target), safe="")


def current_user(request: Request) -> WebUser | None:
    """The user of the session cookie, if it is valid, else None."""
    raw = request.cookies.get(SESSION_COOKIE)
    if not raw:
        return None
    with reading(request) as session:
        found = find_session(session=session, raw=raw, now=now(request))
        if found is None:
            return None
        user, record = found
        return WebUser(
            actor=actor_for(user),
            user_id=user.id,
            username=user.username,
            display_name=user.display_name,
            role=user.role,
            csrf_token=record.csrf_token,
            unread_notifications=count_unread(session=session, user_id=user.id, role=user.role),
        )


def page_user(request: Request) -> WebUser:
    """Dependency: the signed-in user, or a redirect to the login page."""
    user = current_user(request)
    if user is None:
        raise LoginRequired(login_url(request))
    return user


def form_user(
    request: Request,
    csrf_token: Annotated[str, Form()] = "",
    x_csrf_token: Annotated[str, Header()] = "",
) -> WebUser:
    """Dependency for POSTs: the signed-in user whose CSRF token came with the form or header."""
    user = page_user(request)
    sent = csrf_token or x_csrf_token
    if not sent or not secrets.compare_digest(sent.encode(), user.csrf_token.encode()):
        raise CsrfRefused
    return user


PageUser = Annotated[WebUser, Depends(page_user)]
FormUser = Annotated[WebUser, Depends(form_user)]


def new_login_csrf() -> str:
    """A random token for the login form's double-submit cookie."""
    return secrets.token_urlsafe(24)


def login_csrf_ok(request: Request, sent: str) -> bool:
    """Whether the login form's token matches its cookie."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    return bool(cookie) and secrets.compare_digest(cookie.encode(), sent.encode())

"""Signing in and out of the staff desk."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from disputedesk.apiutil import now, transaction
from disputedesk.auth import ratelimit
from disputedesk.auth.deps import SESSION_COOKIE
from disputedesk.auth.service import authenticate, end_session, start_session
from disputedesk.errors import Unauthorized
from disputedesk.web.render import render
from disputedesk.web.session import (
    LOGIN_CSRF_COOKIE,
    FormUser,
    current_user,
    login_csrf_ok,
    new_login_csrf,
    safe_next,
)

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request) -> RedirectResponse:
    """The desk when signed in, otherwise the login page."""
    target = "/desk" if current_user(request) is not None else "/login"
    return RedirectResponse(target, status_code=303)


def _login_page(
    request: Request,
    *,
    next_target: str,
    username: str = "",
    error: str = "",
    field_errors: dict[str, str] | None = None,
    status: int = 200,
) -> HTMLResponse:
    token = new_login_csrf()
    response = render(
        request,
        "login.html",
        {
            "next": next_target,
            "username": username,
            "error": error,
            "field_errors": field_errors or {},
            "login_csrf": token,
        },
        status_code=status,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/login",
        max_age=3600,
    )
    return response


@router.get("/login", response_model=None)
def login_form(request: Request, next: str = "/desk") -> Response:
    """The sign-in form (already signed in: straight on to `next`)."""
    target = safe_next(next)
    if current_user(request) is not None:
        return RedirectResponse(target, status_code=303)
    return _login_page(request, next_target=target)


@router.post("/login", response_model=None)
def login(
    request: Request,
    username: Annotated[str, Form(max_length=64)] = "",
    password: Annotated[str, Form(max_length=1024)] = "",
    next: Annotated[str, Form(max_length=2000)] = "/desk",
    csrf_token: Annotated[str, Form(max_length=100)] = "",
) -> Response:
    """Check the credentials and start a session (HttpOnly, SameSite=Lax cookie)."""
    target = safe_next(next)
    if not login_csrf_ok(request, csrf_token):
        return _login_page(
            request,
            next_target=target,
            username=username,
            error="The sign-in form expired. Please try again.",
            status=403,
        )
    missing = {
        name: text
        for name, value, text in (
            ("username", username.strip(), "Enter your username."),
            ("password", password, "Enter your password."),
        )
        if not value
    }
    if missing:  # nothing was tried, so nothing counts against the rate limit
        return _login_page(
            request, next_target=target, username=username, field_errors=missing, status=422
        )
    at = now(request)
    hours: int = request.app.state.settings.session_hours
    address = request.client.host if request.client else None
    with transaction(request) as session:
        locked = ratelimit.lockout(session=session, username=username, address=address, now=at)
    if locked is not None:
        page = _login_page(
            request, next_target=target, username=username, error=locked.message, status=429
        )
        page.headers["Retry-After"] = str(locked.retry_after)
        return page
    try:
        with transaction(request) as session:
            user = authenticate(session=session, username=username.strip(), password=password)
            ratelimit.record_success(session=session, username=username)
            issued = start_session(session=session, user=user, now=at, hours=hours)
            raw = issued.raw
    except Unauthorized:
        with transaction(request) as session:
            ratelimit.record_failure(session=session, username=username, address=address, now=at)
        return _login_page(
            request,
            next_target=target,
            username=username,
            error="Wrong username or password.",
            status=401,
        )
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        raw,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/",
        max_age=hours * 3600,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout")
def logout(request: Request, user: FormUser) -> RedirectResponse:
    """End the session and forget the cookie."""
    raw = request.cookies.get(SESSION_COOKIE, "")
    with transaction(request) as session:
        end_session(session=session, raw=raw, now=now(request))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response

"""REST routes for signing in and out, API tokens and staff users."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select

from disputedesk.actors import Actor
from disputedesk.apiutil import ERRORS, ErrorOut, now, transaction
from disputedesk.auth import ratelimit, service
from disputedesk.auth.deps import SESSION_COOKIE, role_actor, staff_actor
from disputedesk.auth.models import ApiToken
from disputedesk.auth.schemas import (
    LoginOut,
    LoginRequest,
    StaffCreate,
    StaffOut,
    TokenCreate,
    TokenIssued,
    TokenOut,
)
from disputedesk.config import get_settings
from disputedesk.errors import Unauthorized

router = APIRouter(prefix="/api/v1", tags=["auth"], responses=ERRORS)


@router.post(
    "/auth/login",
    response_model=LoginOut,
    responses={
        429: {"model": ErrorOut, "description": "Too many failed sign-ins; see Retry-After"}
    },
)
def login(request: Request, response: Response, data: LoginRequest) -> LoginOut | JSONResponse:
    """Sign in: sets an HttpOnly session cookie and returns the CSRF token for changes."""
    settings = get_settings()
    at = now(request)
    address = request.client.host if request.client else None
    with transaction(request) as session:
        locked = ratelimit.lockout(session=session, username=data.username, address=address, now=at)
    if locked is not None:
        return JSONResponse(
            {"detail": locked.message, "code": "too_many_attempts", "field": None, "errors": []},
            status_code=429,
            headers={"Retry-After": str(locked.retry_after)},
        )
    try:
        with transaction(request) as session:
            user = service.authenticate(
                session=session, username=data.username, password=data.password
            )
            ratelimit.record_success(session=session, username=data.username)
            issued = service.start_session(
                session=session, user=user, now=at, hours=settings.session_hours
            )
            out = LoginOut(user=StaffOut.model_validate(user), csrf_token=issued.record.csrf_token)
    except Unauthorized:
        with transaction(request) as session:
            ratelimit.record_failure(
                session=session, username=data.username, address=address, now=at
            )
        raise
    response.set_cookie(
        SESSION_COOKIE,
        issued.raw,
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        max_age=settings.session_hours * 3600,
        path="/",
    )
    return out


@router.post("/auth/logout", status_code=204, response_class=Response)
def logout(request: Request, actor: Actor = Depends(staff_actor)) -> Response:
    """End the browser session."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        with transaction(request) as session:
            service.end_session(session=session, raw=cookie, now=now(request))
    response = Response(status_code=204)
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/me", response_model=StaffOut)
def me(request: Request, actor: Actor = Depends(staff_actor)) -> StaffOut:
    """The signed-in member of staff."""
    assert actor.id is not None
    with transaction(request) as session:
        return StaffOut.model_validate(service.get_user(session=session, user_id=actor.id))


@router.get("/tokens", response_model=list[TokenOut])
def list_tokens(request: Request, actor: Actor = Depends(staff_actor)) -> list[TokenOut]:
    """Your API tokens."""
    with transaction(request) as session:
        rows = session.scalars(
            select(ApiToken).where(ApiToken.user_id == actor.id).order_by(ApiToken.id)
        )
        return [TokenOut.model_validate(t) for t in rows]


@router.post("/tokens", response_model=TokenIssued, status_code=201)
def create_token(
    request: Request, data: TokenCreate, actor: Actor = Depends(staff_actor)
) -> TokenIssued:
    """Issue a new API token for yourself; its secret is shown only in this response."""
    assert actor.id is not None
    with transaction(request) as session:
        user = service.get_user(session=session, user_id=actor.id)
        issued = service.create_token(session=session, user=user, name=data.name)
        return TokenIssued(**TokenOut.model_validate(issued.token).model_dump(), token=issued.raw)


@router.delete("/tokens/{token_id}", response_model=TokenOut)
def revoke_token(
    request: Request,
    token_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
    actor: Actor = Depends(staff_actor),
) -> TokenOut:
    """Revoke a token; it stops working at once."""
    assert actor.id is not None
    with transaction(request) as session:
        user = service.get_user(session=session, user_id=actor.id)
        token = service.revoke_token(
            session=session, user=user, token_id=token_id, now=now(request)
        )
        return TokenOut.model_validate(token)


@router.get("/users", response_model=list[StaffOut])
def list_users(request: Request, actor: Actor = Depends(staff_actor)) -> list[StaffOut]:
    """All members of staff (to assign disputes)."""
    with transaction(request) as session:
        return [StaffOut.model_validate(u) for u in service.list_users(session=session)]


@router.post("/users", response_model=StaffOut, status_code=201)
def create_user(
    request: Request, data: StaffCreate, actor: Actor = role_actor("admin")
) -> StaffOut:
    """Add a member of staff (admins only)."""
    with transaction(request) as session:
        user = service.create_user(
            session=session,
            username=data.username,
            password=data.password,
            role=data.role,
            display_name=data.display_name,
            email=data.email,
        )
        return StaffOut.model_validate(user)

"""Plumbing shared by the API routes: the request's unit of work, the clock, error shapes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from fastapi import Request
from pydantic import BaseModel
from sqlalchemy import Connection
from sqlalchemy.orm import Session, sessionmaker
from starlette.responses import Response

from disputedesk.db import read_only, read_only_connection, utcnow
from disputedesk.rows import json_bytes


class ValidationItem(BaseModel):
    """One failed validation: where (loc) and why (msg)."""

    loc: list[str | int]
    msg: str
    type: str


class ErrorOut(BaseModel):
    """Every error answer: what was wrong, a stable code, the field where it applies, and for
    invalid input each failure with its location."""

    detail: str
    code: str
    field: str | None = None
    errors: list[ValidationItem] = []


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "The body could not be read (not valid JSON or UTF-8)"},
    401: {"model": ErrorOut, "description": "Not signed in, or the token is not valid"},
    403: {"model": ErrorOut, "description": "Signed in but not allowed"},
    404: {"model": ErrorOut, "description": "Not found"},
    409: {"model": ErrorOut, "description": "Conflicts with the current state"},
    413: {"model": ErrorOut, "description": "Body too large"},
    415: {"model": ErrorOut, "description": "Body is not JSON"},
    422: {"model": ErrorOut, "description": "Invalid input; `errors` says where and why"},
}


def session_factory(request: Request) -> sessionmaker[Session]:
    """The app's session factory."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    return factory


@contextmanager
def transaction(request: Request) -> Iterator[Session]:
    """One unit of work for this request: commit on success, roll back on any error."""
    with session_factory(request)() as session, session.begin():
        yield session


@contextmanager
def reading(request: Request) -> Iterator[Session]:
    """A read-only session for this request (reports): never blocks writers on SQLite."""
    with read_only(session_factory(request)) as session:
        yield session


@contextmanager
def reading_rows(request: Request) -> Iterator[Connection]:
    """A read-only connection for this request, for the read paths that skip the ORM."""
    bind = session_factory(request).kw["bind"]
    if isinstance(bind, Connection):
        # A factory bound to one connection (tests, inside their transaction) reads on it.
        yield bind
        return
    with read_only_connection(bind) as conn:
        yield conn


class JSONBytes(Response):
    """A JSON answer already written (by `json_bytes`), or a value to write that way."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return content if isinstance(content, bytes) else json_bytes(content)


def now(request: Request) -> datetime:
    """The current time as the app's clock says (tests may move it)."""
    clock: Callable[[], datetime] = getattr(request.app.state, "clock", utcnow)
    return clock()

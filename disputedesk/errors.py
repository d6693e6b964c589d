"""Domain errors that every entry point maps to a clear message (and an HTTP status in the API)."""

from __future__ import annotations


class DomainError(Exception):
    """Base of errors a user can act on; `status` is the HTTP status the API answers with."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The thing asked for does not exist (or is not the caller's to see)."""

    status = 404
    code = "not_found"


class Conflict(DomainError):
    """The request conflicts with the current state (stale version, illegal transition)."""

    status = 409
    code = "conflict"


class Forbidden(DomainError):
    """The caller is known but may not do this."""

    status = 403
    code = "forbidden"


class Unauthorized(DomainError):
    """The caller is not signed in or the credentials are wrong."""

    status = 401
    code = "unauthorized"


class Invalid(DomainError):
    """A value is well-formed but not acceptable; `field` names where."""

    status = 422
    code = "invalid"

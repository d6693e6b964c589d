"""The staff web UI: server-rendered pages (Jinja2 + htmx) over the same services as the API."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from disputedesk.portal.pages import router as portal_router
from disputedesk.web.auth_pages import router as auth_router
from disputedesk.web.coach_pages import router as coach_router
from disputedesk.web.dispute_pages import router as dispute_router
from disputedesk.web.notification_pages import router as notification_router
from disputedesk.web.offer_pages import router as offer_router
from disputedesk.web.queue import router as queue_router
from disputedesk.web.render import STATIC, is_htmx, render
from disputedesk.web.session import CsrfRefused, LoginRequired, current_user
from disputedesk.web.supervisor_pages import router as supervisor_router
from disputedesk.web.survey_pages import router as survey_router


def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    if is_htmx(request):
        # htmx would swap the login page into the fragment; ask it to navigate instead.
        return Response(status_code=204, headers={"HX-Redirect": exc.target})
    return RedirectResponse(exc.target, status_code=303)


def _csrf_refused(request: Request, _exc: Exception) -> HTMLResponse:
    return render(
        request,
        "forbidden.html",
        {
            "message": "This form could not be accepted because its security token was "
            "missing or out of date. Reload the page and try again."
        },
        user=current_user(request),
        status_code=403,
    )


def mount_web(app: FastAPI) -> None:
    """Add the staff pages and /static to the app."""
    app.include_router(auth_router)
    app.include_router(queue_router)
    app.include_router(dispute_router)
    app.include_router(coach_router)
    app.include_router(offer_router)
    app.include_router(supervisor_router)
    app.include_router(notification_router)
    app.include_router(survey_router)
    app.include_router(portal_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(CsrfRefused, _csrf_refused)

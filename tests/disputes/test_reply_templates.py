"""Stored reply templates: curated by supervisors; a reply that copies one unchanged is canned."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import StaffMember
from tests.factories import make_dispute

TEMPLATE = (
    "Thank you for contacting us. We have received your request and a member of our team will "
    "review it. We appreciate your patience."
)


def test_only_supervisors_curate_templates(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    body = {"name": "acknowledge", "body": TEMPLATE}
    assert (
        app_client.post(
            "/api/v1/reply-templates", json=body, headers=staff["agent"].headers
        ).status_code
        == 403
    )
    made = app_client.post(
        "/api/v1/reply-templates", json=body, headers=staff["supervisor"].headers
    )
    assert made.status_code == 201
    listed = app_client.get("/api/v1/reply-templates", headers=staff["agent"].headers).json()
    assert [t["name"] for t in listed] == ["acknowledge"]
    again = app_client.post(
        "/api/v1/reply-templates", json=body, headers=staff["supervisor"].headers
    )
    assert again.status_code == 409
    retired = app_client.delete(
        f"/api/v1/reply-templates/{made.json()['id']}", headers=staff["supervisor"].headers
    )
    assert retired.json()["active"] is False
    assert app_client.get("/api/v1/reply-templates", headers=staff["agent"].headers).json() == []


def test_a_template_sent_unchanged_is_canned(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    app_client.post(
        "/api/v1/reply-templates",
        json={"name": "acknowledge", "body": TEMPLATE},
        headers=staff["supervisor"].headers,
    )
    app_client.headers.update(staff["agent"].headers)
    dispute = make_dispute(app_client)
    copied = app_client.post("/api/v1/coach", json={"draft": TEMPLATE, "dispute_id": dispute["id"]})
    assert "canned" in {f["kind"] for f in copied.json()["findings"]}
    personal = (
        "Thank you for telling us the blender jug arrived cracked, and I'm sorry about that. "
        "I've sent a replacement jug today and you'll have it by Friday."
    )
    adapted = app_client.post(
        "/api/v1/coach", json={"draft": personal, "dispute_id": dispute["id"]}
    )
    assert "canned" not in {f["kind"] for f in adapted.json()["findings"]}

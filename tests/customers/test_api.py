"""Customers and their records through the REST API."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.conftest import StaffMember
from tests.factories import make_customer, make_dispute, make_order


def test_create_read_update_customer(agent_client: TestClient) -> None:
    created = make_customer(agent_client, name="  Ana Souza ", email="Ana@Example.com", tier="gold")
    assert created["name"] == "Ana Souza"
    assert created["email"] == "ana@example.com"
    got = agent_client.get(f"/api/v1/customers/{created['id']}").json()
    assert got == created
    patched = agent_client.patch(
        f"/api/v1/customers/{created['id']}", json={"phone": "+1 555 0100"}
    )
    assert patched.status_code == 200
    assert patched.json()["phone"] == "+1 555 0100"
    assert patched.json()["tier"] == "gold"


def test_duplicate_email_is_a_conflict_naming_the_field(agent_client: TestClient) -> None:
    make_customer(agent_client, email="dup@example.com")
    response = agent_client.post(
        "/api/v1/customers", json={"name": "Other", "email": "dup@example.com"}
    )
    assert response.status_code == 409
    assert response.json()["field"] == "email"


def test_records_show_orders_warranty_and_past_disputes(agent_client: TestClient) -> None:
    customer = make_customer(agent_client)
    make_order(agent_client, customer["id"], warranty_until="2030-01-01T00:00:00Z")
    make_order(
        agent_client,
        customer["id"],
        warranty_until="2020-01-01T00:00:00Z",
        purchased_at="2019-01-01T00:00:00Z",
        delivered_at="2019-01-03T00:00:00Z",
    )
    dispute = make_dispute(agent_client, customer["id"])
    records = agent_client.get(f"/api/v1/customers/{customer['id']}/records").json()
    assert [o["in_warranty"] for o in records["orders"]] == [True, False]
    assert [d["id"] for d in records["disputes"]] == [dispute["id"]]


def test_order_validation_names_the_field(agent_client: TestClient) -> None:
    customer = make_customer(agent_client)
    response = agent_client.post(
        f"/api/v1/customers/{customer['id']}/orders",
        json={"number": "X1", "amount_minor": -5, "purchased_at": "2026-01-01T00:00:00"},
    )
    assert response.status_code == 422
    locs = {tuple(item["loc"]) for item in response.json()["errors"]}
    assert ("body", "amount_minor") in locs
    assert ("body", "purchased_at") in locs  # a time without a zone is refused


def test_unknown_customer_is_404(agent_client: TestClient) -> None:
    assert agent_client.get("/api/v1/customers/999999").status_code == 404
    assert agent_client.get("/api/v1/customers/999999/records").status_code == 404


def test_only_admin_deletes_and_never_a_customer_with_disputes(
    app_client: TestClient, staff: dict[str, StaffMember]
) -> None:
    app_client.headers.update(staff["agent"].headers)
    lonely = make_customer(app_client)
    disputing = make_dispute(app_client)["customer_id"]
    assert app_client.delete(f"/api/v1/customers/{lonely['id']}").status_code == 403
    app_client.headers.update(staff["admin"].headers)
    assert app_client.delete(f"/api/v1/customers/{disputing}").status_code == 409
    assert app_client.delete(f"/api/v1/customers/{lonely['id']}").status_code == 204
    assert app_client.get(f"/api/v1/customers/{lonely['id']}").status_code == 404


def test_search_customers_by_name_fragment(agent_client: TestClient) -> None:
    make_customer(agent_client, name="Zelda Quintero")
    make_customer(agent_client, name="Bob Marsh")
    found = agent_client.get("/api/v1/customers", params={"q": "quint"}).json()["items"]
    assert [c["name"] for c in found] == ["Zelda Quintero"]

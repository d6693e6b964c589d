"""Disputes through the REST API: open, read, list, change, transitions, messages, events."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from tests.conftest import Clock, StaffMember
from tests.factories import make_customer, make_dispute, make_order
from tests.perf.test_query_counts import counted

GOOD_REPLY = (
    "Thank you for letting us know, and I'm sorry your order is late; I understand how "
    "frustrating the wait is. I've asked the courier to trace the parcel today and I'll "
    "email you an update by Friday."
)


def test_open_dispute_analyses_the_first_message_and_records_an_event(
    agent_client: TestClient,
) -> None:
    dispute = make_dispute(
        agent_client,
        description="This is the THIRD time I'm writing. If this isn't fixed I will dispute "
        "the charge with my bank.",
    )
    assert dispute["status"] == "new"
    assert dispute["version"] == 1
    assert "chargeback_threat" in {f["kind"] for f in dispute["risk_flags"]}
    detail = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    first = detail["messages"][0]
    assert first["direction"] == "inbound"
    assert first["analysis"]["anger"] > 0
    events = agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    assert [e["kind"] for e in events] == ["dispute.opened"]
    assert events[0]["actor_name"] == "agent1"


def test_opening_weighs_the_customers_tier_and_flags_name_the_first_message(
    agent_client: TestClient, engine: Engine
) -> None:
    gold = make_customer(agent_client, tier="gold")
    standard = make_customer(agent_client)
    text = "The kettle leaks. I will dispute the charge with my bank if this isn't sorted."
    with counted(engine) as statements:
        for_gold = make_dispute(agent_client, gold["id"], description=text)
    for_standard = make_dispute(agent_client, standard["id"], description=text)
    assert "gold-tier customer" in for_gold["priority_reasons"]
    assert "gold-tier customer" not in for_standard["priority_reasons"]
    detail = agent_client.get(f"/api/v1/disputes/{for_gold['id']}").json()
    first = detail["messages"][0]["id"]
    assert [f["message_id"] for f in detail["risk_flags"]] == [first]
    assert detail["priority"] == for_gold["priority"]
    events = agent_client.get(f"/api/v1/disputes/{for_gold['id']}/events").json()["items"]
    assert events[0]["after"]["priority"] == for_gold["priority"]
    writes = [s.split()[:3] for s in statements if s.startswith(("INSERT", "UPDATE"))]
    # Ids are known first, so the dispute row is written once, already complete.
    assert ["UPDATE", "disputes", "SET"] not in writes, writes
    assert writes.count(["INSERT", "INTO", "disputes"]) == 1


def test_card_numbers_never_reach_storage(agent_client: TestClient) -> None:
    dispute = make_dispute(
        agent_client,
        subject="Charged twice on 4111 1111 1111 1111",
        description="My card 4111-1111-1111-1111 was charged twice for order 48213.",
    )
    detail = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    text = str(detail)
    assert "4111 1111 1111 1111" not in text
    assert "4111-1111-1111-1111" not in text
    assert "48213" in detail["description"]


def test_category_is_read_from_the_description_when_not_given(agent_client: TestClient) -> None:
    dispute = make_dispute(
        agent_client,
        subject="Parcel",
        description="My parcel was supposed to be delivered last week and the tracking has not "
        "moved. Where is my delivery?",
    )
    assert dispute["category"] == "delivery"


def test_order_of_another_customer_is_refused(agent_client: TestClient) -> None:
    owner = make_customer(agent_client)
    order = make_order(agent_client, owner["id"])
    other = make_customer(agent_client)
    response = agent_client.post(
        "/api/v1/disputes",
        json={
            "customer_id": other["id"],
            "order_id": order["id"],
            "subject": "x",
            "description": "y",
        },
    )
    assert response.status_code == 422
    assert response.json()["field"] == "order_id"


def test_detail_shows_the_customers_records(agent_client: TestClient) -> None:
    customer = make_customer(agent_client)
    order = make_order(agent_client, customer["id"])
    earlier = make_dispute(agent_client, customer["id"], subject="Earlier problem")
    dispute = make_dispute(agent_client, customer["id"], order_id=order["id"])
    detail = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    assert detail["order"]["number"] == order["number"]
    assert detail["customer"]["id"] == customer["id"]
    assert [d["id"] for d in detail["past_disputes"]] == [earlier["id"]]
    assert [o["id"] for o in detail["customer_orders"]] == [order["id"]]


def _transition(client: TestClient, dispute: dict[str, Any], to: str, **extra: Any) -> Any:
    return client.post(
        f"/api/v1/disputes/{dispute['id']}/transitions",
        json={"to": to, "version": dispute["version"], **extra},
    )


def test_full_lifecycle_with_reopen(agent_client: TestClient, clock: Clock) -> None:
    dispute = make_dispute(agent_client)
    for status in (
        "acknowledged",
        "investigating",
        "awaiting_customer",
        "investigating",
        "offer_made",
    ):
        clock.advance(minutes=5)
        response = _transition(agent_client, dispute, status)
        assert response.status_code == 200, response.text
        dispute = response.json()
        assert dispute["status"] == status
    resolved = _transition(
        agent_client, dispute, "resolved", outcome="remedied", root_cause="product_quality"
    )
    assert resolved.status_code == 200
    dispute = resolved.json()
    assert dispute["outcome"] == "remedied"
    assert dispute["resolved_at"] is not None
    closed = _transition(agent_client, dispute, "closed").json()
    reopen_without_reason = _transition(agent_client, closed, "investigating")
    assert reopen_without_reason.status_code == 422
    reopened = _transition(
        agent_client, closed, "investigating", reason="customer says it broke again"
    )
    assert reopened.status_code == 200
    assert reopened.json()["outcome"] is None
    kinds = [
        e["kind"]
        for e in agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    ]
    assert kinds.count("dispute.status_changed") == 7
    assert kinds[-1] == "dispute.reopened"


def test_illegal_transition_is_409_naming_current_and_allowed(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    response = _transition(agent_client, dispute, "closed")
    assert response.status_code == 409
    detail = response.json()["detail"]
    assert "'new'" in detail
    assert "acknowledged" in detail
    assert agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()["status"] == "new"


def test_resolving_requires_outcome_and_root_cause(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    response = _transition(agent_client, dispute, "resolved", outcome="explained")
    assert response.status_code == 422
    assert "root_cause" in response.json()["detail"]


def test_stale_version_loses_and_nothing_is_lost(agent_client: TestClient) -> None:
    dispute = make_dispute(agent_client)
    first = agent_client.patch(
        f"/api/v1/disputes/{dispute['id']}", json={"version": 1, "priority": "high"}
    )
    assert first.status_code == 200
    assert first.json()["version"] == 2
    second = agent_client.patch(
        f"/api/v1/disputes/{dispute['id']}", json={"version": 1, "subject": "Mine wins?"}
    )
    assert second.status_code == 409
    assert second.json()["field"] == "version"
    now = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    assert now["priority"] == "high"
    assert now["subject"] == dispute["subject"]
    events = agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    updates = [e for e in events if e["kind"] == "dispute.updated"]
    assert len(updates) == 1
    assert updates[0]["before"] == {"priority": "normal"}
    assert updates[0]["after"] == {"priority": "high"}


def test_assign_and_escalate(agent_client: TestClient, staff: dict[str, StaffMember]) -> None:
    dispute = make_dispute(agent_client)
    assigned = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/assignment",
        json={"assignee_id": staff["agent"].id, "version": 1},
    )
    assert assigned.status_code == 200
    assert assigned.json()["assignee_id"] == staff["agent"].id
    missing = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/assignment", json={"assignee_id": 999999, "version": 2}
    )
    assert missing.status_code == 404
    escalated = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/escalation",
        json={"level": "supervisor", "reason": "asked for a manager", "version": 2},
    )
    assert escalated.status_code == 200
    assert escalated.json()["escalation_level"] == "supervisor"
    mine = agent_client.get("/api/v1/disputes", params={"assignee_id": staff["agent"].id}).json()
    assert [d["id"] for d in mine["items"]] == [dispute["id"]]


def test_messages_inbound_are_analysed_and_aggregates_kept(agent_client: TestClient) -> None:
    dispute = make_dispute(
        agent_client, description="Hi, my order has not arrived yet, could you check?"
    )
    calm = dispute["current_anger"]
    reply = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "outbound", "body": GOOD_REPLY},
    )
    assert reply.status_code == 201
    assert reply.json()["analysis"] is None
    angry = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={
            "direction": "inbound",
            "body": "This is RIDICULOUS!!! I want to speak to a manager NOW.",
        },
    )
    assert angry.status_code == 201
    assert angry.json()["analysis"]["anger"] > calm
    now = agent_client.get(f"/api/v1/disputes/{dispute['id']}").json()
    assert now["first_anger"] == calm
    assert now["current_anger"] > calm
    assert "manager_request" in {f["kind"] for f in now["risk_flags"]}
    note = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages", json={"direction": "note", "body": "VIP"}
    )
    assert note.json()["channel"] == "internal"
    kinds = [
        e["kind"]
        for e in agent_client.get(f"/api/v1/disputes/{dispute['id']}/events").json()["items"]
    ]
    assert kinds[1:3] == ["message.sent", "message.received"]
    assert kinds[-1] == "note.added"
    # The manager request in an angry message raises the priority and escalates by itself.
    assert {"dispute.priority_changed", "dispute.escalated"} <= set(kinds)
    assert now["escalation_level"] == "supervisor"


def _seed_list(client: TestClient, clock: Clock) -> list[dict[str, Any]]:
    made = []
    for i, (priority, category) in enumerate(
        [
            ("low", "billing"),
            ("urgent", "delivery"),
            ("normal", "billing"),
            ("high", "refund"),
            ("urgent", "refund"),
        ]
    ):
        clock.advance(minutes=1)
        made.append(
            make_dispute(
                client,
                subject=f"Case {i} about wobbly-{i}",
                description=f"Problem number {i}",
                priority=priority,
                category=category,
            )
        )
    return made


def test_list_filters_and_sorts(agent_client: TestClient, clock: Clock) -> None:
    made = _seed_list(agent_client, clock)
    newest_first = agent_client.get("/api/v1/disputes").json()["items"]
    assert [d["id"] for d in newest_first][:5] == [d["id"] for d in reversed(made)]
    billing = agent_client.get("/api/v1/disputes", params={"category": "billing"}).json()["items"]
    assert {d["id"] for d in billing} == {made[0]["id"], made[2]["id"]}
    urgent_or_high = agent_client.get(
        "/api/v1/disputes", params=[("priority", "urgent"), ("priority", "high")]
    ).json()["items"]
    assert {d["id"] for d in urgent_or_high} == {made[1]["id"], made[3]["id"], made[4]["id"]}
    by_priority = agent_client.get("/api/v1/disputes", params={"sort": "-priority"}).json()["items"]
    ranks = [d["priority"] for d in by_priority if d["id"] in {m["id"] for m in made}]
    assert ranks == ["urgent", "urgent", "high", "normal", "low"]


def test_cursor_pagination_visits_every_dispute_once(
    agent_client: TestClient, clock: Clock
) -> None:
    made = {d["id"] for d in _seed_list(agent_client, clock)}
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 2, "sort": "priority"}
        if cursor:
            params["cursor"] = cursor
        page = agent_client.get("/api/v1/disputes", params=params).json()
        seen.extend(d["id"] for d in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert made <= set(seen)
    assert len(seen) == len(set(seen))


def test_bad_cursor_is_a_clear_422(agent_client: TestClient) -> None:
    response = agent_client.get("/api/v1/disputes", params={"cursor": "garbage!"})
    assert response.status_code == 422
    assert response.json()["field"] == "cursor"


def test_free_text_search_over_subjects_and_messages(agent_client: TestClient) -> None:
    by_subject = make_dispute(agent_client, subject="Espresso machine leaking")
    by_message = make_dispute(agent_client, subject="Another thing")
    agent_client.post(
        f"/api/v1/disputes/{by_message['id']}/messages",
        json={"direction": "inbound", "body": "Also my ESPRESSO grinder is loud"},
    )
    make_dispute(agent_client, subject="Unrelated")
    found = agent_client.get("/api/v1/disputes", params={"q": "espresso"}).json()["items"]
    assert {d["id"] for d in found} == {by_subject["id"], by_message["id"]}
    literal = agent_client.get("/api/v1/disputes", params={"q": "100%_"}).json()["items"]
    assert literal == []


@pytest.mark.parametrize("path", ["/api/v1/disputes/999999", "/api/v1/disputes/999999/events"])
def test_unknown_dispute_is_404(agent_client: TestClient, path: str) -> None:
    response = agent_client.get(path)
    assert response.status_code == 404
    assert "999999" in response.json()["detail"]

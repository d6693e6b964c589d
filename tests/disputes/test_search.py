"""Free-text search of the disputes list: whole words over subjects, descriptions and messages."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.factories import make_dispute


def _found(client: TestClient, q: str) -> set[int]:
    response = client.get("/api/v1/disputes", params={"q": q})
    assert response.status_code == 200, response.text
    return {d["id"] for d in response.json()["items"]}


def test_a_word_of_any_message_finds_its_dispute(agent_client: TestClient) -> None:
    target = make_dispute(agent_client, subject="Question about my order")
    other = make_dispute(agent_client, subject="Question about a refund")
    for body in ("Hello again", "The kettle whistles before the water boils"):
        agent_client.post(
            f"/api/v1/disputes/{target['id']}/messages",
            json={"direction": "inbound", "body": body},
        )
    assert _found(agent_client, "whistles") == {target["id"]}
    assert _found(agent_client, "KETTLE Whistles") == {target["id"]}
    assert _found(agent_client, "water whistles") == set()  # words in the order given
    assert _found(agent_client, "refund") == {other["id"]}
    assert _found(agent_client, "question") == {target["id"], other["id"]}
    assert _found(agent_client, "cracked jug") == {target["id"], other["id"]}  # description


def test_search_combines_with_filters_and_pages(agent_client: TestClient) -> None:
    ids = {make_dispute(agent_client, subject=f"Toaster number {i}")["id"] for i in range(3)}
    make_dispute(agent_client, subject="Kettle")
    seen: set[int] = set()
    cursor = None
    while True:
        params = {"q": "toaster", "limit": 2, "status": "new"}
        page = agent_client.get(
            "/api/v1/disputes", params={**params, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen |= {d["id"] for d in page["items"]}
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == ids


def test_card_numbers_are_never_indexed_in_clear(agent_client: TestClient) -> None:
    dispute = make_dispute(
        agent_client,
        subject="Charged twice on 4111 1111 1111 1111",
        description="My card 4111-1111-1111-1111 was charged twice.",
    )
    agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": "The card was 5500 0000 0000 0004, refund it"},
    )
    assert _found(agent_client, "4111") == set()
    assert _found(agent_client, "4111 1111 1111 1111") == set()
    assert _found(agent_client, "5500") == set()
    assert _found(agent_client, "card ending 0004") == {dispute["id"]}
    assert _found(agent_client, "charged twice") == {dispute["id"]}


def test_changed_and_deleted_text_follows(agent_client: TestClient, session: Session) -> None:
    dispute = make_dispute(agent_client, subject="Sofa stained on arrival")
    changed = agent_client.patch(
        f"/api/v1/disputes/{dispute['id']}",
        json={"version": dispute["version"], "subject": "Armchair torn on arrival"},
    )
    assert changed.status_code == 200, changed.text
    assert _found(agent_client, "sofa") == set()
    assert _found(agent_client, "armchair") == {dispute["id"]}

    message = agent_client.post(
        f"/api/v1/disputes/{dispute['id']}/messages",
        json={"direction": "inbound", "body": "The upholstery smells of smoke"},
    ).json()
    assert _found(agent_client, "upholstery") == {dispute["id"]}
    with session.begin():
        session.execute(
            text("UPDATE messages SET body = 'The cushions smell of smoke' WHERE id = :id"),
            {"id": message["id"]},
        )
    assert _found(agent_client, "upholstery") == set()
    assert _found(agent_client, "cushions") == {dispute["id"]}
    with session.begin():
        session.execute(text("DELETE FROM messages WHERE id = :id"), {"id": message["id"]})
    assert _found(agent_client, "cushions") == set()


def test_search_syntax_in_user_input_is_only_words(agent_client: TestClient) -> None:
    plain = make_dispute(agent_client, subject="Lamp flickers")
    make_dispute(agent_client, subject="Chair wobbles")
    for q in ('lamp" OR "chair', "lamp OR chair", "lamp*", "NEAR(lamp chair)", "subject:chair"):
        assert _found(agent_client, q) <= {plain["id"]}
    assert _found(agent_client, '"lamp"') == {plain["id"]}
    assert _found(agent_client, "lamp!") == {plain["id"]}
    for q in ('"', "*", "(", "-", "'", "!!!", "&|:"):
        assert _found(agent_client, q) == set()

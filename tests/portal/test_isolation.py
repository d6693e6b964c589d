"""One customer's link never reaches another customer's dispute or offer: 404, nothing changes."""

from __future__ import annotations

from tests.portal.conftest import Portal, form_token_of


def test_a_link_lists_only_its_own_customers_disputes(portal: Portal) -> None:
    alice = portal.holder(name="Alice Able")
    bob = portal.holder(name="Bob Baker")
    portal.api.patch(f"/api/v1/disputes/{bob.dispute_id}", json={"subject": "Bob's own case"})
    page = portal.web.get(alice.path)
    assert f"/disputes/{alice.dispute_id}" in page.text
    assert f'/disputes/{bob.dispute_id}"' not in page.text
    assert "Bob" not in page.text
    listed = portal.web.get("/api/v1/portal/disputes", headers={"X-Customer-Link": alice.path[8:]})
    assert [d["id"] for d in listed.json()] == [alice.dispute_id]


def test_every_portal_route_answers_404_for_another_customers_ids(portal: Portal) -> None:
    alice = portal.holder(name="Alice Able")
    bob = portal.holder(name="Bob Baker")
    bob_offer = portal.offer(bob.dispute_id)
    alice_offer = portal.offer(alice.dispute_id)
    before = portal.api.get(f"/api/v1/disputes/{bob.dispute_id}/messages").json()
    token = form_token_of(portal.web.get(alice.path + f"/disputes/{alice.dispute_id}").text)
    a = alice.path
    attempts = [
        ("GET", f"{a}/disputes/{bob.dispute_id}", {}),
        ("POST", f"{a}/disputes/{bob.dispute_id}/messages", {"body": "Let me in"}),
        ("POST", f"{a}/disputes/{bob.dispute_id}/offers/{bob_offer['id']}", {"decision": "accept"}),
        # Bob's offer under Alice's own dispute, and Alice's offer under Bob's dispute.
        (
            "POST",
            f"{a}/disputes/{alice.dispute_id}/offers/{bob_offer['id']}",
            {"decision": "accept"},
        ),
        (
            "POST",
            f"{a}/disputes/{bob.dispute_id}/offers/{alice_offer['id']}",
            {"decision": "accept"},
        ),
        ("GET", f"{a}/disputes/999999", {}),
        ("GET", f"{a}/disputes/99999999999999999999", {}),
        ("POST", f"{a}/disputes/999999/messages", {"body": "hello"}),
    ]
    for method, url, data in attempts:
        response = portal.web.request(
            method, url, data={"form_token": token, **data} if method == "POST" else None
        )
        assert response.status_code == 404, (method, url, response.status_code)
        assert "We could not find that" in response.text
        assert "Bob" not in response.text
    header = {"X-Customer-Link": a.removeprefix("/portal/")}
    api = portal.web.get(f"/api/v1/portal/disputes/{bob.dispute_id}", headers=header)
    assert api.status_code == 404
    posted = portal.web.post(
        f"/api/v1/portal/disputes/{bob.dispute_id}/messages", json={"body": "hi"}, headers=header
    )
    assert posted.status_code == 404
    assert portal.api.get(f"/api/v1/disputes/{bob.dispute_id}/messages").json() == before
    offers = portal.api.get(f"/api/v1/disputes/{bob.dispute_id}/offers").json()
    assert [o["status"] for o in offers] == ["offered"]


def test_unknown_and_foreign_ids_look_the_same(portal: Portal) -> None:
    alice = portal.holder()
    bob = portal.holder()
    foreign = portal.web.get(f"{alice.path}/disputes/{bob.dispute_id}")
    unknown = portal.web.get(f"{alice.path}/disputes/999999")
    assert foreign.status_code == unknown.status_code == 404
    assert foreign.text == unknown.text


def test_a_link_for_one_dispute_reaches_only_that_dispute(portal: Portal) -> None:
    alice = portal.holder()
    second = portal.api.post(
        "/api/v1/disputes",
        json={
            "customer_id": alice.customer_id,
            "subject": "A second, separate matter",
            "description": "Something else went wrong with my account.",
        },
    ).json()
    scoped = portal.link(alice.customer_id, dispute_id=alice.dispute_id)["path"]
    home = portal.web.get(scoped)
    assert "A second, separate matter" not in home.text
    assert "File a new dispute" not in home.text
    assert portal.web.get(f"{scoped}/disputes/{alice.dispute_id}").status_code == 200
    assert portal.web.get(f"{scoped}/disputes/{second['id']}").status_code == 404
    assert portal.web.get(f"{scoped}/disputes/new").status_code == 404
    token = form_token_of(portal.web.get(f"{scoped}/disputes/{alice.dispute_id}").text)
    filed = portal.web.post(
        f"{scoped}/disputes",
        data={"form_token": token, "subject": "x", "description": "y"},
        follow_redirects=False,
    )
    assert filed.status_code == 404


def test_offers_still_waiting_for_approval_are_not_shown_or_answerable(portal: Portal) -> None:
    alice = portal.holder()
    pending = portal.offer(alice.dispute_id, amount_minor=12_999)  # above the agent's limit
    assert pending["status"] == "pending_approval"
    page = portal.web.get(f"{alice.path}/disputes/{alice.dispute_id}")
    assert "What we offer" not in page.text
    answered = portal.web.post(
        f"{alice.path}/disputes/{alice.dispute_id}/offers/{pending['id']}",
        data={"form_token": form_token_of(page.text), "decision": "accept"},
    )
    assert answered.status_code == 404
    offers = portal.api.get(f"/api/v1/disputes/{alice.dispute_id}/offers").json()
    assert offers[0]["status"] == "pending_approval"
